// Naming: WIT kebab-case → the JS/TS names @wit-ts/runtime (and jco) use at
// run time, plus escaping of names TypeScript cannot declare.

/** `foo-bar` → `fooBar`; the runtime's (`@wit-ts/abi` `toCamelCase`) rule. */
export function camelCase(name: string): string {
  const words = (name.startsWith('%') ? name.slice(1) : name).split('-');
  let out = words[0].toLowerCase();
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w.length > 0) out += w[0].toUpperCase() + w.slice(1).toLowerCase();
  }
  return out;
}

/** `foo-bar` → `FooBar`; the runtime's resource-class rule (acronyms kept: `is-XML` → `IsXML`). */
export function pascalCase(name: string): string {
  return (name.startsWith('%') ? name.slice(1) : name)
    .split('-')
    .map((p) => (p === '' ? '' : p[0].toUpperCase() + p.slice(1)))
    .join('');
}

/** `DNS-error-payload` → `DnsErrorPayload`: jco's (heck) rule for type names that only exist in TypeScript. */
export function upperCamelCase(name: string): string {
  return (name.startsWith('%') ? name.slice(1) : name)
    .split('-')
    .map((p) => (p === '' ? '' : p[0].toUpperCase() + p.slice(1).toLowerCase()))
    .join('');
}

/** Reserved words (ES strict-mode modules) that cannot name a binding (parameter, function, class). */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval'
  ).split(' '),
);

export function isReserved(name: string): boolean {
  return RESERVED.has(name);
}

/** A binding-safe identifier: reserved words get a trailing `_` (`function` → `function_`). */
export function escapeIdent(name: string): string {
  return RESERVED.has(name) ? `${name}_` : name;
}

/**
 * Static members of a class that clash with `Function.prototype` built-ins
 * (TS rejects `static name()`); these get a trailing `_`.
 */
const CLASS_STATIC_CLASH = new Set(['name', 'length', 'caller', 'arguments', 'prototype']);

export function escapeStatic(name: string): string {
  return CLASS_STATIC_CLASH.has(name) ? `${name}_` : name;
}

/** A property key: bare when a valid identifier name, else a quoted string. */
export function propKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
}

export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Allocates unique names in one scope (a file or a module block). */
export class NameScope {
  private readonly used = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }
  has(name: string): boolean {
    return this.used.has(name);
  }
  /** Takes `name` if free, else `name_`, `name2`, `name3`, … */
  take(name: string): string {
    let n = escapeIdent(name);
    if (this.used.has(n)) {
      let i = 2;
      while (this.used.has(`${n}${i}`)) i++;
      n = `${n}${i}`;
    }
    this.used.add(n);
    return n;
  }
  /** Marks a name as used without renaming. */
  claim(name: string): void {
    this.used.add(name);
  }
}
