/**
 * Name rules of Explainer.md "Import and Export Definitions": kebab-case
 * labels, extern names (plain / annotated / interface names) and the
 * strong-uniqueness canonicalisation.
 */

const LABEL = /^(?:[a-z][0-9a-z]*|[A-Z][0-9A-Z]*)(?:-(?:[0-9a-z]+|[0-9A-Z]+))*$/;
const WORDS = /^[a-z][0-9a-z]*(?:-[0-9a-z]+)*$/;
// semver 2.0.0 (https://semver.org) — used for `@version` of interface names.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const CANON_VERSION = /^(?:[1-9][0-9]*|0\.[1-9][0-9]*|0\.0\.[1-9][0-9]*|0\.0\.0)$/;

export function isLabel(s: string): boolean {
  return LABEL.test(s);
}

export type ParsedExternName =
  | { kind: 'plain'; label: string }
  | { kind: 'constructor'; resource: string }
  | { kind: 'method' | 'static'; resource: string; name: string }
  | { kind: 'interface'; namespaces: string[]; package: string; projections: string[]; version: string | null };

/** Parse an extern name; returns an error message string when invalid. */
export function parseExternName(name: string): ParsedExternName | string {
  if (name.startsWith('[')) {
    const close = name.indexOf(']');
    if (close < 0) return `invalid annotated name \`${name}\``;
    const ann = name.slice(1, close);
    const rest = name.slice(close + 1);
    if (ann === 'constructor') {
      if (!isLabel(rest)) return `\`${rest}\` is not in kebab case`;
      return { kind: 'constructor', resource: rest };
    }
    if (ann === 'method' || ann === 'static') {
      const dot = rest.indexOf('.');
      if (dot < 0) return `failed to find \`.\` character in \`${name}\``;
      const resource = rest.slice(0, dot);
      const item = rest.slice(dot + 1);
      if (!isLabel(resource)) return `\`${resource}\` is not in kebab case`;
      if (!isLabel(item)) return `\`${item}\` is not in kebab case`;
      return { kind: ann, resource, name: item };
    }
    return `unknown name annotation \`[${ann}]\``;
  }
  if (name.includes(':')) return parseInterfaceName(name);
  if (!isLabel(name)) return `\`${name}\` is not in kebab case`;
  return { kind: 'plain', label: name };
}

export function parseInterfaceName(name: string): ParsedExternName | string {
  let body = name;
  let version: string | null = null;
  const at = name.indexOf('@');
  if (at >= 0) {
    version = name.slice(at + 1);
    body = name.slice(0, at);
    if (!SEMVER.test(version) && !CANON_VERSION.test(version)) return `\`${version}\` is not a valid semver`;
  }
  const parts = body.split(':');
  if (parts.length < 2) return `\`${name}\` is not a valid interface name`;
  // Nested namespaces / projections are a gated feature (🪺), not accepted here.
  if (parts.length > 2) return `expected \`/\` after package name in \`${name}\``;
  const namespaces = parts.slice(0, -1);
  for (const ns of namespaces) if (!WORDS.test(ns)) return `\`${ns}\` is not a valid namespace in \`${name}\``;
  const last = parts[parts.length - 1].split('/');
  if (last.length < 2) return `\`${name}\` is missing an interface projection`;
  const pkg = last[0];
  if (!WORDS.test(pkg)) return `\`${pkg}\` is not a valid package name in \`${name}\``;
  const projections = last.slice(1);
  if (projections.length > 1) return `trailing characters found: \`/${projections.slice(1).join('/')}\``;
  for (const p of projections) if (!isLabel(p)) return `\`${p}\` is not in kebab case`;
  return { kind: 'interface', namespaces, package: pkg, projections, version };
}

/** Canonical form for the strong-uniqueness check (Explainer "Name Uniqueness"). */
export function uniquenessKey(name: string): string {
  let n = name.toLowerCase();
  const m = /^\[(method|static)\]([^.]*)\.(.*)$/.exec(n);
  if (m && m[2] === m[3]) return m[2];
  if (n.startsWith('[') && !n.startsWith('[constructor]')) {
    const close = n.indexOf(']');
    if (close >= 0) n = n.slice(close + 1);
  }
  return n;
}

export function isSemverSuffix(s: string): boolean {
  return /^[0-9A-Za-z.+-]*$/.test(s);
}

export function isSemver(s: string): boolean {
  return SEMVER.test(s);
}

export function isCanonVersion(s: string): boolean {
  return CANON_VERSION.test(s);
}
