// `name(arg, …)` — the WAVE function-call form (WAVE-README.md appendix) as
// used by `wit-ts call <component> '<fn>(<args>)'`.
//
// Function names: a kebab name (`add`, `%ok`), or an interface-qualified one,
// `<interface>#<fn>`, where `<interface>` is the full `ns:pkg/iface@1.2.3`, the
// same without `@version`, or just `iface` (any form that picks one function).
// Resource methods, static functions and constructors are not supported.

import type { Function as WitFunction, Resolve } from '@wit-ts/wit-parser';
import { packageNameString } from '@wit-ts/wit-parser';
import { toHost, type Cx } from './convert.js';
import { WaveError } from './errors.js';
import { Parser } from './parser.js';
import { shapeOf, witType } from './types.js';

/** Callable functions by name (e.g. from `exportedFunctions`), or bare functions keyed by `Function.name`. */
export type WaveFunctions = ReadonlyMap<string, WitFunction> | Iterable<WitFunction>;

export interface WaveCall {
  /** The key the function was found under. */
  name: string;
  func: WitFunction;
  /** Host values, one per parameter (omitted trailing options are `undefined`). */
  args: unknown[];
}

/**
 * The functions a world exports, keyed as `parseWaveCall` expects: `f` for
 * a function exported directly by the world, `ns:pkg/iface@1.0.0#f` for a
 * function of an exported interface (`name#f` for an inline `export name: interface {…}`).
 */
export function exportedFunctions(resolve: Resolve, world: number): Map<string, WitFunction> {
  const out = new Map<string, WitFunction>();
  for (const { key, item } of resolve.worlds[world].exports.values()) {
    if (item.kind === 'function') out.set(item.function.name, item.function);
    if (item.kind !== 'interface') continue;
    const iface = resolve.interfaces[item.id];
    let prefix: string;
    if ('name' in key) prefix = key.name;
    else {
      const pkg = iface.package === undefined ? undefined : resolve.packages[iface.package];
      if (pkg === undefined) prefix = iface.name ?? `interface-${item.id}`;
      else {
        const { version, ...unversioned } = pkg.name;
        prefix = `${packageNameString(unversioned)}/${iface.name}${version === undefined ? '' : `@${version}`}`;
      }
    }
    for (const [name, f] of iface.functions) out.set(`${prefix}#${name}`, f);
  }
  return out;
}

/** `f(a: u32, b: string) -> bool`, for error messages. */
export function signature(name: string, f: WitFunction, resolve: Resolve): string {
  const params = f.params.map((p) => `${p.name}: ${witType(p.type, resolve)}`).join(', ');
  return `${name}(${params})${f.result === undefined ? '' : ` -> ${witType(f.result, resolve)}`}`;
}

const KIND_NAMES: Record<string, string> = { method: 'method', static: 'static function', constructor: 'constructor' };

interface Qualified {
  qualifier?: string;
  func: string;
}

function split(name: string): Qualified {
  const strip = (s: string) => (s.startsWith('%') ? s.slice(1) : s);
  const hash = name.lastIndexOf('#');
  return hash < 0 ? { func: strip(name) } : { qualifier: name.slice(0, hash), func: strip(name.slice(hash + 1)) };
}

/** `ns:pkg/iface@1.0.0` is matched by itself, `ns:pkg/iface` and `iface`. */
function qualifierMatches(keyQualifier: string | undefined, wanted: string): boolean {
  if (keyQualifier === undefined) return false;
  if (keyQualifier === wanted) return true;
  const unversioned = keyQualifier.replace(/@[^/]*$/, '');
  if (unversioned === wanted) return true;
  return unversioned.slice(unversioned.lastIndexOf('/') + 1) === wanted;
}

function entries(functions: WaveFunctions): [string, WitFunction][] {
  if (functions instanceof Map) return [...(functions as ReadonlyMap<string, WitFunction>).entries()];
  return [...(functions as Iterable<WitFunction>)].map((f) => [f.name, f]);
}

function lookup(name: string, span: { start: number; end: number }, functions: WaveFunctions, input: string) {
  const all = entries(functions);
  const err = (detail: string) => new WaveError(detail, span, input);
  const exact = all.find(([k]) => k === name);
  if (exact !== undefined) return exact;
  const want = split(name);
  const found = all.filter(([k]) => {
    const have = split(k);
    return (
      have.func === want.func && (want.qualifier === undefined || qualifierMatches(have.qualifier, want.qualifier))
    );
  });
  if (found.length === 1) return found[0];
  const names = all.map(([k]) => k).filter((k) => !k.includes('['));
  const list = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
  if (found.length > 1)
    throw err(`ambiguous function name \`${name}\`: qualify it as one of ${found.map(([k]) => k).join(', ')}`);
  throw err(`unknown function \`${name}\`${names.length === 0 ? ' (no functions to call)' : ` (available: ${list})`}`);
}

/**
 * Parses `name(arg1, arg2, …)` against the callable functions. Arguments are
 * typed by the function's parameters; trailing `option` arguments may be
 * omitted (they are `none`). Throws `WaveError` for every kind of bad input.
 */
export function parseWaveCall(text: string, resolve: Resolve, functions: WaveFunctions): WaveCall {
  const parser = new Parser(text);
  const lexer = parser.lexer;
  lexer.skipTrivia();
  const nameStart = lexer.pos;
  const m = /[^\s(),]*/y;
  m.lastIndex = nameStart;
  const name = m.exec(text)![0];
  const nameSpan = { start: nameStart, end: nameStart + name.length };
  lexer.pos = nameSpan.end;
  if (name === '') {
    throw parser.unexpected(parser.peek(), 'expected a function name, e.g. `add(1, 2)`');
  }
  // `[method]r.f`, `r.f`: resource forms are out of scope (a `#` means an interface-qualified name).
  if (!name.includes('#') && /^\[|^%?[\w-]+\.%?[\w-]+$/.test(name))
    throw new WaveError(
      `\`${name}\`: calling resource methods, static functions and constructors is not supported; call a freestanding function`,
      nameSpan,
      text,
    );
  const [key, func] = lookup(name, nameSpan, functions, text);
  if (func.kind.kind !== 'freestanding' && func.kind.kind !== 'async-freestanding')
    throw new WaveError(
      `\`${key}\` is a resource ${KIND_NAMES[func.kind.kind.replace('async-', '')]}; calling resource methods, static functions and constructors is not supported`,
      nameSpan,
      text,
    );
  const open = parser.take();
  if (open.kind !== '(')
    throw parser.unexpected(open, `expected \`(\` after the function name (${signature(key, func, resolve)})`);
  const [items, close] = parser.seq(')', 0);
  parser.end();

  const cx: Cx = { resolve, input: text };
  const params = func.params;
  if (items.length > params.length)
    throw new WaveError(
      `too many arguments: expected ${params.length}, found ${items.length} (${signature(key, func, resolve)})`,
      { start: items[params.length].start, end: items[items.length - 1].end },
      text,
    );
  const args = items.map((node, i) => toHost(node, params[i].type, cx));
  for (let i = items.length; i < params.length; i++) {
    const p = params[i];
    // WAVE lets trailing `none` arguments be left out.
    if (params.slice(i).every((q) => shapeOf(q.type, resolve).kind === 'option')) {
      args.push(undefined);
      continue;
    }
    throw new WaveError(
      `missing argument \`${p.name}: ${witType(p.type, resolve)}\` (${signature(key, func, resolve)})`,
      { start: close.start, end: close.end },
      text,
    );
  }
  return { name: key, func, args };
}
