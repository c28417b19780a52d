/**
 * The parts of the Canonical ABI the validator needs: flattening of value
 * and function types into core signatures (CanonicalABI.md
 * "Flattening") and "does T contain a list or string" for option rules.
 */
import type { RFunc, RVal } from './types.js';

export const MAX_FLAT_PARAMS = 16;
export const MAX_FLAT_ASYNC_PARAMS = 4;
export const MAX_FLAT_RESULTS = 1;

const I32 = 0x7f;
const I64 = 0x7e;
const F32 = 0x7d;
const F64 = 0x7c;

/** Flattened core types as value-type bytes, or null if a type is unknown. */
export function flattenType(t: RVal, out: number[], depth = 0): boolean {
  if (depth > 100) return false;
  if (typeof t === 'string') {
    switch (t) {
      case 's64':
      case 'u64':
        out.push(I64);
        return true;
      case 'f32':
        out.push(F32);
        return true;
      case 'f64':
        out.push(F64);
        return true;
      case 'string':
        out.push(I32, I32);
        return true;
      default:
        out.push(I32);
        return true;
    }
  }
  switch (t.k) {
    case 'unknown':
      return false;
    case 'list':
    case 'map':
      out.push(I32, I32);
      return true;
    case 'fixed-list': {
      const one: number[] = [];
      if (!flattenType(t.e, one, depth + 1)) return false;
      if (one.length * t.n > 1 << 16) return false; // huge: signature check is not meaningful
      for (let i = 0; i < t.n; i++) out.push(...one);
      return true;
    }
    case 'record':
      return t.fields.every((f) => flattenType(f.t, out, depth + 1));
    case 'tuple':
      return t.ts.every((x) => flattenType(x, out, depth + 1));
    case 'flags':
      if (t.names.length > 0) out.push(I32);
      return true;
    case 'enum':
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      out.push(I32);
      return true;
    case 'option':
      return flattenVariant([null, t.t], out, depth);
    case 'result':
      return flattenVariant([t.ok, t.err], out, depth);
    case 'variant':
      return flattenVariant(
        t.cases.map((c) => c.t),
        out,
        depth,
      );
  }
}

function join(a: number, b: number): number {
  if (a === b) return a;
  if ((a === I32 && b === F32) || (a === F32 && b === I32)) return I32;
  return I64;
}

function flattenVariant(cases: (RVal | null)[], out: number[], depth: number): boolean {
  const flat: number[] = [];
  for (const c of cases) {
    if (c === null) continue;
    const f: number[] = [];
    if (!flattenType(c, f, depth + 1)) return false;
    for (let i = 0; i < f.length; i++) {
      if (i < flat.length) flat[i] = join(flat[i], f[i]);
      else flat.push(f[i]);
    }
  }
  out.push(I32, ...flat);
  return true;
}

export interface CoreSig {
  params: number[];
  results: number[];
}

export function flattenFuncType(
  ft: RFunc,
  async: boolean,
  callback: boolean,
  context: 'lift' | 'lower',
): CoreSig | null {
  let params: number[] = [];
  for (const p of ft.params) if (!flattenType(p.t, params)) return null;
  let results: number[] = [];
  if (ft.result !== null && !flattenType(ft.result, results)) return null;
  if (!async) {
    if (params.length > MAX_FLAT_PARAMS) params = [I32];
    if (results.length > MAX_FLAT_RESULTS) {
      if (context === 'lift') results = [I32];
      else {
        params = [...params, I32];
        results = [];
      }
    }
    return { params, results };
  }
  if (context === 'lift') {
    if (params.length > MAX_FLAT_PARAMS) params = [I32];
    results = callback ? [I32] : [];
  } else {
    if (params.length > MAX_FLAT_ASYNC_PARAMS) params = [I32];
    if (results.length > 0) params = [...params, I32];
    results = [I32];
  }
  return { params, results };
}

export function flatCount(ts: RVal[]): number {
  const out: number[] = [];
  for (const t of ts) if (!flattenType(t, out)) return 0;
  return out.length;
}

/** Does `t` contain a `list` or `string` (needs memory / realloc)? */
export function containsListOrString(t: RVal | null, depth = 0): boolean {
  if (t === null || depth > 100) return false;
  if (typeof t === 'string') return t === 'string';
  switch (t.k) {
    case 'list':
    case 'map':
      return true;
    case 'fixed-list':
      return containsListOrString(t.e, depth + 1);
    case 'record':
      return t.fields.some((f) => containsListOrString(f.t, depth + 1));
    case 'variant':
      return t.cases.some((c) => containsListOrString(c.t, depth + 1));
    case 'tuple':
      return t.ts.some((x) => containsListOrString(x, depth + 1));
    case 'option':
      return containsListOrString(t.t, depth + 1);
    case 'result':
      return containsListOrString(t.ok, depth + 1) || containsListOrString(t.err, depth + 1);
    default:
      return false;
  }
}

export function sigEq(a: { params: readonly unknown[]; results: readonly unknown[] }, b: CoreSig): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((p, i) => p === b.params[i]) &&
    a.results.every((r, i) => r === b.results[i])
  );
}

/** Binary.md: every defvaltype must have elem_size(t, 'i64') < 2^28. */
export const MAX_ELEM_SIZE = 2 ** 28;

const PTR = 8; // ptr_size('i64')
const sizeCache = new WeakMap<object, [number, number]>();

function alignTo(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

function discriminantSize(n: number): number {
  return n <= 256 ? 1 : n <= 65536 ? 2 : 4;
}

/** [elem_size, alignment] per CanonicalABI.md "Element Size" (with ptr_type i64). */
export function sizeAlign(t: RVal, depth = 0): [number, number] {
  if (typeof t === 'string') {
    switch (t) {
      case 'bool':
      case 's8':
      case 'u8':
        return [1, 1];
      case 's16':
      case 'u16':
        return [2, 2];
      case 's64':
      case 'u64':
      case 'f64':
        return [8, 8];
      case 'string':
        return [2 * PTR, PTR];
      default:
        return [4, 4];
    }
  }
  const hit = sizeCache.get(t);
  if (hit) return hit;
  if (depth > 200) return [0, 1];
  const record = (ts: RVal[]): [number, number] => {
    let s = 0;
    let a = 1;
    for (const x of ts) {
      const [es, ea] = sizeAlign(x, depth + 1);
      s = alignTo(s, ea) + es;
      a = Math.max(a, ea);
    }
    return [alignTo(s, a), a];
  };
  const variant = (cs: (RVal | null)[]): [number, number] => {
    const d = discriminantSize(cs.length);
    let ca = 1;
    let cs2 = 0;
    for (const c of cs) {
      if (c === null) continue;
      const [es, ea] = sizeAlign(c, depth + 1);
      ca = Math.max(ca, ea);
      cs2 = Math.max(cs2, es);
    }
    const a = Math.max(d, ca);
    return [alignTo(alignTo(d, ca) + cs2, a), a];
  };
  let out: [number, number];
  switch (t.k) {
    case 'list':
    case 'map':
      out = [2 * PTR, PTR];
      break;
    case 'fixed-list': {
      const [es, ea] = sizeAlign(t.e, depth + 1);
      out = [t.n * es, ea];
      break;
    }
    case 'record':
      out = record(t.fields.map((f) => f.t));
      break;
    case 'tuple':
      out = record(t.ts);
      break;
    case 'variant':
      out = variant(t.cases.map((c) => c.t));
      break;
    case 'enum':
      out = variant(t.names.map(() => null));
      break;
    case 'option':
      out = variant([null, t.t]);
      break;
    case 'result':
      out = variant([t.ok, t.err]);
      break;
    case 'flags': {
      const n = t.names.length;
      const s = n <= 8 ? 1 : n <= 16 ? 2 : 4;
      out = [s, s];
      break;
    }
    case 'unknown':
      out = [0, 1];
      break;
    default:
      out = [4, 4];
  }
  sizeCache.set(t, out);
  return out;
}
