/**
 * The bits of the canonical ABI the builder needs, computed straight from a
 * wit-parser `Resolve` (`@wit-ts/abi` is not a dependency of this package):
 * flattening of function types to core signatures, and whether a function
 * needs `memory` / `realloc` / a string encoding.
 */
import type { Function, Resolve, TypeRef } from '@wit-ts/wit-parser';
import type { Sig, ValT } from './wasm.js';

const MAX_FLAT_PARAMS = 16;
const MAX_FLAT_RESULTS = 1;

function join(a: ValT, b: ValT): ValT {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

export function flatten(resolve: Resolve, t: TypeRef): ValT[] {
  if (typeof t === 'string') {
    switch (t) {
      case 's64':
      case 'u64':
        return ['i64'];
      case 'f32':
        return ['f32'];
      case 'f64':
        return ['f64'];
      case 'string':
        return ['i32', 'i32'];
      default:
        return ['i32'];
    }
  }
  const k = resolve.types[t].kind;
  const variant = (cases: (TypeRef | undefined)[]): ValT[] => {
    const flat: ValT[] = [];
    for (const c of cases) {
      if (c === undefined) continue;
      flatten(resolve, c).forEach((v, i) => {
        if (i < flat.length) flat[i] = join(flat[i], v);
        else flat.push(v);
      });
    }
    return ['i32', ...flat];
  };
  switch (k.kind) {
    case 'record':
      return k.fields.flatMap((f) => flatten(resolve, f.type));
    case 'tuple':
      return k.types.flatMap((x) => flatten(resolve, x));
    case 'flags':
      return k.flags.length === 0 ? [] : new Array<ValT>(Math.ceil(k.flags.length / 32)).fill('i32');
    case 'enum':
      return ['i32'];
    case 'variant':
      return variant(k.cases.map((c) => c.type));
    case 'option':
      return variant([undefined, k.type]);
    case 'result':
      return variant([k.ok, k.err]);
    case 'list':
    case 'map':
      return ['i32', 'i32'];
    case 'fixed-length-list': {
      const e = flatten(resolve, k.element);
      const out: ValT[] = [];
      for (let i = 0; i < k.size; i++) out.push(...e);
      return out;
    }
    case 'type':
      return flatten(resolve, k.type);
    case 'handle':
    case 'resource':
    case 'future':
    case 'stream':
      return ['i32'];
    case 'unknown':
      throw new Error('cannot flatten an unresolved type');
  }
}

/** Core signature of `f` when lifted (export) or lowered (import), sync ABI. */
export function coreSignature(resolve: Resolve, f: Function, context: 'lift' | 'lower'): Sig {
  let params = f.params.flatMap((p) => flatten(resolve, p.type));
  let results = f.result === undefined ? [] : flatten(resolve, f.result);
  if (params.length > MAX_FLAT_PARAMS) params = ['i32'];
  if (results.length > MAX_FLAT_RESULTS) {
    if (context === 'lift') results = ['i32'];
    else {
      params = [...params, 'i32'];
      results = [];
    }
  }
  return { params, results };
}

/** The types directly inside `t` (fields, cases, elements, keys and values, alias targets). */
function children(resolve: Resolve, t: number): (TypeRef | undefined)[] {
  const k = resolve.types[t].kind;
  switch (k.kind) {
    case 'record':
      return k.fields.map((f) => f.type);
    case 'tuple':
      return k.types;
    case 'variant':
      return k.cases.map((c) => c.type);
    case 'option':
      return [k.type];
    case 'result':
      return [k.ok, k.err];
    case 'list':
    case 'fixed-length-list':
      return [k.element];
    case 'map':
      return [k.key, k.value];
    case 'type':
      return [k.type];
    default:
      return [];
  }
}

/** Whether `t` or a type reachable inside it satisfies `hit`. */
function reaches(resolve: Resolve, t: TypeRef | undefined, hit: (t: TypeRef) => boolean, seen: Set<number>): boolean {
  if (t === undefined) return false;
  if (hit(t)) return true;
  if (typeof t === 'string' || seen.has(t)) return false;
  seen.add(t);
  return children(resolve, t).some((c) => reaches(resolve, c, hit, seen));
}

/** Whether `t` contains a list, map or string (values that live in linear memory). */
export function hasIndirect(resolve: Resolve, t: TypeRef | undefined): boolean {
  const inMemory = (x: TypeRef) => {
    if (typeof x === 'string') return x === 'string';
    const kind = resolve.types[x].kind.kind;
    return kind === 'list' || kind === 'map';
  };
  return reaches(resolve, t, inMemory, new Set());
}

/** Whether `t` contains a string (so that a string encoding applies). */
export function hasString(resolve: Resolve, t: TypeRef | undefined): boolean {
  return reaches(resolve, t, (x) => x === 'string', new Set());
}

export interface AbiNeeds {
  memory: boolean;
  realloc: boolean;
  strings: boolean;
}

/** What the canonical options of `canon lift` / `canon lower` of `f` must provide. */
export function abiNeeds(resolve: Resolve, f: Function, context: 'lift' | 'lower'): AbiNeeds {
  const paramsFlat = f.params.flatMap((p) => flatten(resolve, p.type)).length;
  const resultsFlat = f.result === undefined ? 0 : flatten(resolve, f.result).length;
  const paramsIndirect = f.params.some((p) => hasIndirect(resolve, p.type));
  const resultIndirect = hasIndirect(resolve, f.result);
  const spillParams = paramsFlat > MAX_FLAT_PARAMS;
  const spillResults = resultsFlat > MAX_FLAT_RESULTS;
  const memory = paramsIndirect || resultIndirect || spillParams || spillResults;
  // lift: the callee allocates its parameters; lower: the caller's realloc receives results.
  const realloc = context === 'lift' ? paramsIndirect || spillParams : resultIndirect;
  const strings = f.params.some((p) => hasString(resolve, p.type)) || hasString(resolve, f.result);
  return { memory, realloc, strings };
}
