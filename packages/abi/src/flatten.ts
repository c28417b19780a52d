// Flattening ("Flattening" section): mapping component types to core wasm
// value types, and function types to core signatures with the
// MAX_FLAT_PARAMS / MAX_FLAT_RESULTS limits that spill to linear memory.
import type { AbiType, CoreType } from './types.js';
export { joinCore as join } from './types.js';

export const MAX_FLAT_PARAMS = 16;
export const MAX_FLAT_ASYNC_PARAMS = 4;
export const MAX_FLAT_RESULTS = 1;

/** `flatten_type` (precomputed when the type was built). */
export function flattenType(t: AbiType): readonly CoreType[] {
  return t.flat;
}

/** `flatten_types`: concatenation of the flattenings of `ts`. */
export function flattenTypes(ts: readonly AbiType[]): CoreType[] {
  const out: CoreType[] = [];
  for (const t of ts) for (const ft of t.flat) out.push(ft);
  return out;
}

export interface FuncType {
  readonly params: readonly AbiType[];
  /** The single result type, if any. */
  readonly result?: AbiType | undefined;
}

export interface CoreFuncType {
  params: CoreType[];
  results: CoreType[];
}

export interface FlattenOptions {
  async?: boolean;
  /** Only meaningful with `async` in the 'lift' context. */
  callback?: boolean;
}

/**
 * `flatten_functype`. In the sync ABI, too many params become one pointer to a
 * tuple; too many results become a returned pointer ('lift': the callee
 * returns the address of its result tuple) or an extra out-pointer param
 * ('lower': the caller passes a buffer for the results).
 */
export function flattenFunctionType(ft: FuncType, context: 'lift' | 'lower', opts: FlattenOptions = {}): CoreFuncType {
  let params = flattenTypes(ft.params);
  let results = ft.result === undefined ? [] : [...ft.result.flat];
  if (!opts.async) {
    if (params.length > MAX_FLAT_PARAMS) params = ['i32'];
    if (results.length > MAX_FLAT_RESULTS) {
      if (context === 'lift') {
        results = ['i32'];
      } else {
        params = [...params, 'i32'];
        results = [];
      }
    }
    return { params, results };
  }
  if (context === 'lift') {
    if (params.length > MAX_FLAT_PARAMS) params = ['i32'];
    results = opts.callback ? ['i32'] : [];
  } else {
    if (params.length > MAX_FLAT_ASYNC_PARAMS) params = ['i32'];
    if (results.length > 0) params = [...params, 'i32'];
    results = ['i32'];
  }
  return { params, results };
}
