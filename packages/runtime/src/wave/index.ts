// WAVE — the WebAssembly Value Encoding (spec: WAVE-README.md, WAVE-EBNF.md)
// over resolved WIT types, for `wit-ts call <component> '<fn>(<args>)'`.
//
// Host values use the engine's jco-compatible shapes:
//   bool → boolean; u8…u32/s8…s32/f32/f64 → number; u64/s64 → bigint;
//   char → 1-code-point string; string → string;
//   record → object with camelCase keys; tuple → array;
//   list<T> → array, or a typed array for numeric T (list<u8> → Uint8Array,
//   list<s64> → BigInt64Array, list<f64> → Float64Array, …); list<T, N> likewise;
//   map<K, V> → Map (written in WAVE as its ABI form `[(k, v), …]`);
//   variant → { tag: 'kebab-case', val } (no `val` key without payload);
//   enum → 'kebab-case'; flags → { camelName: boolean } with every flag;
//   option<T> → T | undefined, an option directly inside an option as
//   { tag: 'some', val } | { tag: 'none' }; result → { tag: 'ok' | 'err', val }.
// Resources, handles, futures, streams and error-context have no WAVE form.

import type { Resolve, TypeRef } from '@wit-ts/wit-parser';
import { toHost } from './convert.js';
import { Parser } from './parser.js';
import { print, type PrintOptions } from './printer.js';

export { WaveError, codeFrame, type WaveSpan } from './errors.js';
export { WavePrintError, type PrintOptions } from './printer.js';
export { parseWaveCall, exportedFunctions, signature, type WaveCall, type WaveFunctions } from './call.js';

/** Parses one WAVE value of type `type` (whitespace and comments around it allowed). Throws `WaveError`. */
export function parseWaveValue(text: string, type: TypeRef, resolve: Resolve): unknown {
  const parser = new Parser(text);
  const node = parser.value();
  parser.end();
  return toHost(node, type, { resolve, input: text });
}

/** Canonical WAVE for a host value of type `type`. Throws `WavePrintError` when the value does not fit. */
export function printWaveValue(value: unknown, type: TypeRef, resolve: Resolve, options: PrintOptions = {}): string {
  return print(value, type, { resolve, ascii: options.ascii ?? false }, '');
}
