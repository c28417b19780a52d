// `load`: reading component values out of linear memory into host values.
// Pointers are validated where the spec traps (ranges coming from guest
// data); `loadValue` itself assumes an in-bounds, aligned `ptr` as the spec
// asserts, and only the public `load` re-checks that.
import type { LiftLowerContext } from './context.js';
import { checkRange } from './context.js';
import { liftBorrow, liftErrorContext, liftOwn } from './handles.js';
import { loadStringFromRange } from './strings.js';
import { trap } from './trap.js';
import type { AbiType, FlagsType, ListType, OptionType, VariantType } from './types.js';
import { CANONICAL_F32_NAN, i32ToChar, typedArrayFor } from './values.js';

export const MAX_LIST_BYTE_LENGTH = 2 ** 28 - 1;

/** Public `load`: refreshes memory views and checks `ptr` before loading. */
export function load(cx: LiftLowerContext, ptr: number, t: AbiType): unknown {
  cx.refresh();
  checkRange(cx, ptr, t.size, t.align);
  return loadValue(cx, ptr, t);
}

export function loadValue(cx: LiftLowerContext, ptr: number, t: AbiType): unknown {
  const dv = cx.dv;
  switch (t.kind) {
    case 'bool':
      return dv.getUint8(ptr) !== 0;
    case 'u8':
      return dv.getUint8(ptr);
    case 's8':
      return dv.getInt8(ptr);
    case 'u16':
      return dv.getUint16(ptr, true);
    case 's16':
      return dv.getInt16(ptr, true);
    case 'u32':
      return dv.getUint32(ptr, true);
    case 's32':
      return dv.getInt32(ptr, true);
    case 'u64':
      return dv.getBigUint64(ptr, true);
    case 's64':
      return dv.getBigInt64(ptr, true);
    // Any NaN bit pattern reads as the JS NaN value; hosts cannot observe
    // NaN payloads of numbers, so this is the spec's NaN canonicalization.
    case 'f32':
      return dv.getFloat32(ptr, true);
    case 'f64':
      return dv.getFloat64(ptr, true);
    case 'char':
      return i32ToChar(dv.getUint32(ptr, true));
    case 'string':
      return loadStringFromRange(cx, dv.getUint32(ptr, true), dv.getUint32(ptr + 4, true));
    case 'error-context':
      return liftErrorContext(cx, dv.getUint32(ptr, true));
    case 'list':
      if (t.length !== undefined) return loadListFromValidRange(cx, ptr, t.length, t.elem);
      return loadListFromRange(cx, dv.getUint32(ptr, true), dv.getUint32(ptr + 4, true), t.elem);
    case 'map':
      return loadMap(cx, dv.getUint32(ptr, true), dv.getUint32(ptr + 4, true), t.list);
    case 'record': {
      const out: Record<string, unknown> = {};
      const fs = t.fields;
      for (let i = 0; i < fs.length; i++) {
        const f = fs[i];
        out[f.jsName] = loadValue(cx, ptr + f.offset, f.type);
      }
      return out;
    }
    case 'tuple': {
      const fs = t.record.fields;
      const out = new Array<unknown>(fs.length);
      for (let i = 0; i < fs.length; i++) out[i] = loadValue(cx, ptr + fs[i].offset, fs[i].type);
      return out;
    }
    case 'variant': {
      const i = loadDisc(cx, ptr, t);
      const c = t.cases[i];
      if (c.type === undefined) return { tag: c.name };
      return { tag: c.name, val: loadValue(cx, ptr + t.payloadOffset, c.type) };
    }
    case 'enum':
      return t.names[loadDisc(cx, ptr, t.variant)];
    case 'option':
      return loadOption(cx, ptr, t);
    case 'result': {
      const v = t.variant;
      const i = loadDisc(cx, ptr, v);
      const pt = i === 0 ? t.ok : t.err;
      return {
        tag: i === 0 ? 'ok' : 'err',
        val: pt === undefined ? undefined : loadValue(cx, ptr + v.payloadOffset, pt),
      };
    }
    case 'flags':
      return loadFlags(cx, ptr, t);
    case 'own':
      return liftOwn(cx, dv.getUint32(ptr, true), t);
    case 'borrow':
      return liftBorrow(cx, dv.getUint32(ptr, true), t);
    case 'future':
    case 'stream':
      // Async values are passed through as raw handle indices for now.
      return dv.getUint32(ptr, true);
  }
}

/** Reads a variant discriminant of the type's width; traps when out of range. */
export function loadDisc(cx: LiftLowerContext, ptr: number, v: VariantType): number {
  const dv = cx.dv;
  const i = v.discSize === 1 ? dv.getUint8(ptr) : v.discSize === 2 ? dv.getUint16(ptr, true) : dv.getUint32(ptr, true);
  if (i >= v.cases.length) trap(`invalid discriminant: ${i} >= ${v.cases.length} cases`);
  return i;
}

/** Options are `T | undefined`, or tagged when `t.tagged` (see `OptionType`). */
function loadOption(cx: LiftLowerContext, ptr: number, t: OptionType): unknown {
  const v = t.variant;
  if (loadDisc(cx, ptr, v) === 0) return t.tagged ? { tag: 'none' } : undefined;
  const val = loadValue(cx, ptr + v.payloadOffset, t.type);
  return t.tagged ? { tag: 'some', val } : val;
}

function loadFlags(cx: LiftLowerContext, ptr: number, t: FlagsType): Record<string, boolean> {
  const dv = cx.dv;
  const names = t.jsNames;
  const out: Record<string, boolean> = {};
  if (t.size <= 4) {
    const bits = t.size === 1 ? dv.getUint8(ptr) : t.size === 2 ? dv.getUint16(ptr, true) : dv.getUint32(ptr, true);
    for (let i = 0; i < names.length; i++) out[names[i]] = ((bits >>> i) & 1) === 1;
  } else {
    for (let i = 0; i < names.length; i++)
      out[names[i]] = ((dv.getUint32(ptr + 4 * (i >>> 5), true) >>> (i & 31)) & 1) === 1;
  }
  return out;
}

/** `load_list_from_range`: byte-length limit, alignment and bounds traps. */
export function loadListFromRange(cx: LiftLowerContext, ptr: number, length: number, elem: AbiType): unknown {
  ptr >>>= 0;
  length >>>= 0;
  const byteLength = length * elem.size;
  if (byteLength > MAX_LIST_BYTE_LENGTH)
    trap(`list length exceeds 2^28-1 bytes: ${length} elements of ${elem.size} bytes`);
  checkRange(cx, ptr, byteLength, elem.align);
  return loadListFromValidRange(cx, ptr, length, elem);
}

export function loadListFromValidRange(cx: LiftLowerContext, ptr: number, length: number, elem: AbiType): unknown {
  const ctor = typedArrayFor(elem);
  if (ctor !== undefined) {
    // One copy out of memory (the guest may free/reuse it after the call).
    // Typed arrays are host-endian; every JS engine in practice is little-endian.
    const bytes = length * elem.size;
    if (elem.kind === 'u8') return cx.u8.slice(ptr, ptr + bytes);
    const out = new ctor(cx.buffer.slice(ptr, ptr + bytes));
    if (elem.kind === 'f32') canonicalizeF32s(out as Float32Array);
    else if (elem.kind === 'f64') canonicalizeF64s(out as Float64Array);
    return out;
  }
  const out = new Array<unknown>(length);
  const size = elem.size;
  for (let i = 0; i < length; i++) out[i] = loadValue(cx, ptr + i * size, elem);
  return out;
}

/** NaN payload bits survive in typed arrays (visible through other views), so rewrite them. */
export function canonicalizeF32s(a: Float32Array): void {
  let bits: Uint32Array | undefined;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== a[i]) {
      bits ??= new Uint32Array(a.buffer, a.byteOffset, a.length);
      bits[i] = CANONICAL_F32_NAN;
    }
  }
}

export function canonicalizeF64s(a: Float64Array): void {
  let bits: BigUint64Array | undefined;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== a[i]) {
      bits ??= new BigUint64Array(a.buffer, a.byteOffset, a.length);
      bits[i] = 0x7ff8000000000000n;
    }
  }
}

/**
 * `map<K, V>` is `list<tuple<K, V>>` in memory and a JS `Map` on the host;
 * with `cx.mapPairs` (component → component calls) an array of `[key, value]`
 * pairs, keeping pairs with equal keys.
 */
export function loadMap(
  cx: LiftLowerContext,
  ptr: number,
  length: number,
  l: ListType,
): Map<unknown, unknown> | [unknown, unknown][] {
  ptr >>>= 0;
  length >>>= 0;
  const tt = l.elem;
  if (tt.kind !== 'tuple') throw new Error('map list element must be a tuple');
  const byteLength = length * tt.size;
  if (byteLength > MAX_LIST_BYTE_LENGTH)
    trap(`list length exceeds 2^28-1 bytes: ${length} entries of ${tt.size} bytes`);
  checkRange(cx, ptr, byteLength, tt.align);
  const [kf, vf] = tt.record.fields;
  if (cx.mapPairs) {
    const pairs = new Array<[unknown, unknown]>(length);
    for (let i = 0; i < length; i++) {
      const p = ptr + i * tt.size;
      pairs[i] = [loadValue(cx, p + kf.offset, kf.type), loadValue(cx, p + vf.offset, vf.type)];
    }
    return pairs;
  }
  const out = new Map<unknown, unknown>();
  for (let i = 0; i < length; i++) {
    const p = ptr + i * tt.size;
    out.set(loadValue(cx, p + kf.offset, kf.type), loadValue(cx, p + vf.offset, vf.type));
  }
  return out;
}
