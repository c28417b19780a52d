// Small conversions shared by both resolution phases: doc comments, feature
// gates (`@since`/`@unstable`/`@deprecated`), versions and package names.

import type * as ast from '../ast.js';
import { ResolveError } from './errors.js';
import type { Docs, PackageName, Stability } from './types.js';

/** Turns the comments before an item into `docs.contents` the way wasm-tools does. */
export function docsOf(docs: ast.Docs | undefined): Docs {
  if (docs === undefined) return {};
  const comments = docs.comments;
  const n = comments.length;
  if (n === 0) return {};
  // Each comment's body as [start, end) within it: without the leading
  // slashes (or the `/**`…`*/` of a block comment) and trailing whitespace.
  const starts = new Array<number>(n);
  const ends = new Array<number>(n);
  // The common leading indentation of the non-empty lines.
  let min = Infinity;
  for (let k = 0; k < n; k++) {
    const c = comments[k];
    let s = 0;
    let e = c.length;
    if (c.startsWith('/**')) {
      s = 3;
      if (c.endsWith('*/')) e -= 2;
      if (e < s) e = s;
    } else {
      while (c.charCodeAt(s) === 0x2f) s++;
    }
    e = trimEndIndex(c, s, e);
    starts[k] = s;
    ends[k] = e;
    if (e === s) continue;
    let ws = s;
    while (ws < e && isAsciiWhitespace(c.charCodeAt(ws))) ws++;
    if (ws - s < min) min = ws - s;
  }
  const strip = min !== Infinity && min > 0 ? min : 0;
  // The lines of the result; trailing empty ones are dropped (as is every
  // trailing newline in wasm-tools).
  const pieces: string[] = [];
  for (let k = 0; k < n; k++) {
    const c = comments[k];
    let s = starts[k];
    const e = ends[k];
    if (strip > 0 && e - s >= strip && spacesAt(c, s, strip)) s += strip;
    if (s === e) {
      pieces.push('');
      continue;
    }
    // A line comment never holds a newline; a block comment may.
    const nl = c.charCodeAt(1) === 0x2f ? -1 : c.indexOf('\n', s);
    if (nl < 0 || nl >= e) pieces.push(c.slice(s, e));
    else for (const line of splitLines(c.slice(s, e))) pieces.push(line);
  }
  let last = pieces.length;
  while (last > 0 && pieces[last - 1] === '') last--;
  if (last < pieces.length) pieces.length = last;
  return { contents: pieces.join('\n') };
}

/** Where `c.slice(s, e).trimEnd()` ends. */
function trimEndIndex(c: string, s: number, e: number): number {
  while (e > s) {
    const ch = c.charCodeAt(e - 1);
    if (ch === 0x20 || (ch >= 0x09 && ch <= 0x0d)) e--;
    else if (ch >= 0x80) return s + c.slice(s, e).trimEnd().length;
    else break;
  }
  return e;
}

/** Whether `c` has `count` spaces from `at`. */
function spacesAt(c: string, at: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (c.charCodeAt(at + i) !== 0x20) return false;
  return true;
}

function isAsciiWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** Rust's `str::lines`: split on `\n`, drop one trailing `\r` per line, no final empty line. */
function splitLines(s: string): string[] {
  const parts = s.split('\n');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p));
}

/** Canonical semver text (what Rust's `semver::Version` prints). */
export function versionText(v: ast.Version): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre.length > 0) s += `-${v.pre.join('.')}`;
  if (v.build.length > 0) s += `+${v.build.join('.')}`;
  return s;
}

export function packageNameOf(p: ast.PackageName): PackageName {
  const name: PackageName = { namespace: p.namespace.name, name: p.name.name };
  if (p.version !== undefined) name.version = versionText(p.version);
  return name;
}

/** The stability implied by an item's attributes. */
export function stabilityOf(attrs: ast.Attribute[]): Stability {
  if (attrs.length === 0) return { kind: 'unknown' };
  // The first of each kind, and the first two attributes other than `external-id`.
  let since: (ast.Attribute & { kind: 'since' }) | undefined;
  let unstable: (ast.Attribute & { kind: 'unstable' }) | undefined;
  let deprecated: (ast.Attribute & { kind: 'deprecated' }) | undefined;
  let known = 0;
  let first: ast.Attribute | undefined;
  let second: ast.Attribute | undefined;
  for (const a of attrs) {
    if (a.kind === 'since') since ??= a;
    else if (a.kind === 'unstable') unstable ??= a;
    else if (a.kind === 'deprecated') deprecated ??= a;
    else continue;
    if (known === 0) first = a;
    else if (known === 1) second = a;
    known++;
  }
  if (known === 0) return { kind: 'unknown' };
  if (known === 1) {
    const a = first!;
    if (a.kind === 'since') return { kind: 'stable', since: versionText(a.version) };
    if (a.kind === 'unstable') return { kind: 'unstable', feature: a.feature.name };
    throw new ResolveError('must pair @deprecated with either @since or @unstable', a.span);
  }
  if (known === 2 && deprecated !== undefined) {
    if (since !== undefined) {
      return { kind: 'stable', since: versionText(since.version), deprecated: versionText(deprecated.version) };
    }
    if (unstable !== undefined) {
      return { kind: 'unstable', feature: unstable.feature.name, deprecated: versionText(deprecated.version) };
    }
  }
  throw new ResolveError('unsupported combination of attributes', second!.span);
}

export function stabilityEquals(a: Stability, b: Stability): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'unknown') return true;
  if (a.kind === 'stable' && b.kind === 'stable') return a.since === b.since && a.deprecated === b.deprecated;
  if (a.kind === 'unstable' && b.kind === 'unstable') return a.feature === b.feature && a.deprecated === b.deprecated;
  return false;
}

interface ParsedVersion {
  nums: number[];
  pre: string[];
}

const parsedVersions = new Map<string, ParsedVersion>();

function parseVersion(text: string): ParsedVersion {
  let v = parsedVersions.get(text);
  if (v === undefined) {
    v = parseVersionUncached(text);
    if (parsedVersions.size < 10_000) parsedVersions.set(text, v);
  }
  return v;
}

function parseVersionUncached(text: string): ParsedVersion {
  const noBuild = text.split('+')[0];
  const dash = noBuild.indexOf('-');
  const core = dash < 0 ? noBuild : noBuild.slice(0, dash);
  const pre = dash < 0 ? [] : noBuild.slice(dash + 1).split('.');
  return { nums: core.split('.').map(Number), pre };
}

/** Semver precedence (build metadata breaks ties textually, like Rust's `semver`). */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] < y.nums[i] ? -1 : 1;
  if (x.pre.length === 0 || y.pre.length === 0) {
    if (x.pre.length !== y.pre.length) return x.pre.length === 0 ? 1 : -1;
  } else {
    const n = Math.min(x.pre.length, y.pre.length);
    for (let i = 0; i < n; i++) {
      const p = x.pre[i];
      const q = y.pre[i];
      if (p === q) continue;
      const pn = /^\d+$/.test(p);
      const qn = /^\d+$/.test(q);
      if (pn && qn) return Number(p) < Number(q) ? -1 : 1;
      if (pn !== qn) return pn ? -1 : 1;
      return p < q ? -1 : 1;
    }
    if (x.pre.length !== y.pre.length) return x.pre.length < y.pre.length ? -1 : 1;
  }
  const xb = a.split('+')[1] ?? '';
  const yb = b.split('+')[1] ?? '';
  return xb === yb ? 0 : xb < yb ? -1 : 1;
}

/** Orders package names like Rust's derived `Ord` (namespace, name, version; no version first). */
export function comparePackageNames(a: PackageName, b: PackageName): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.version === b.version) return 0;
  if (a.version === undefined) return -1;
  if (b.version === undefined) return 1;
  return compareVersions(a.version, b.version);
}
