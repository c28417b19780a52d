// Small model helpers the printer needs that are not about text layout.

import type { Docs, Function, Stability } from '../resolve/types.js';

/**
 * The lines of a doc string as `///` comments carry them, with the semantics
 * of Rust's `str::lines` (what wasm-tools uses): split on `\n`, drop a `\r`
 * before it, and no trailing empty line for a final newline.
 */
export function docLines(docs: Docs): string[] {
  const contents = docs.contents;
  if (contents === undefined || contents === '') return [];
  const lines = contents.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/**
 * The name a function is declared under in its block: `f` for
 * `[method]r.f` / `[static]r.f`, the resource for `[constructor]r`, and the
 * plain name otherwise.
 */
export function functionItemName(func: Function): string {
  const name = func.name;
  if (!name.startsWith('[')) return name;
  const rest = name.slice(name.indexOf(']') + 1);
  const dot = rest.indexOf('.');
  return dot === -1 ? rest : rest.slice(dot + 1);
}

/** The resource a constructor/method/static belongs to, if any. */
export function resourceOfFunction(func: Function): number | undefined {
  return 'resource' in func.kind ? func.kind.resource : undefined;
}

export function sameStability(a: Stability, b: Stability): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'unknown' || b.kind === 'unknown') return true;
  if (a.deprecated !== b.deprecated) return false;
  if (a.kind === 'stable' && b.kind === 'stable') return a.since === b.since;
  if (a.kind === 'unstable' && b.kind === 'unstable') return a.feature === b.feature;
  return false;
}
