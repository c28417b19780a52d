// `lift_flat`: core wasm values → host values. Core values arrive as the JS
// API delivers them: i32 as (signed) numbers, i64 as (signed) bigints, so
// every read normalizes with the target width (`>>> 0`, `BigInt.asUintN`).
import type { LiftLowerContext } from './context.js';
import { liftBorrow, liftErrorContext, liftOwn } from './handles.js';
import { canonicalizeF32s, canonicalizeF64s, loadListFromRange, loadMap } from './load.js';
import { loadStringFromRange } from './strings.js';
import { trap } from './trap.js';
import type { AbiType, CoreType, FlagsType, OptionType, VariantType } from './types.js';
import { bitsToF32, bitsToF64, i32ToChar, typedArrayFor } from './values.js';

/** A source of core values consumed left to right. */
export interface FlatSource {
  next(): unknown;
}

/** `CoreValueIter`. Reusable: call `reset` to point it at new values. */
export class CoreValueIter implements FlatSource {
  values: ArrayLike<unknown>;
  i = 0;
  constructor(values: ArrayLike<unknown> = []) {
    this.values = values;
  }
  reset(values: ArrayLike<unknown>): this {
    this.values = values;
    this.i = 0;
    return this;
  }
  next(): unknown {
    if (this.i >= this.values.length) throw new RangeError('not enough core values');
    return this.values[this.i++];
  }
  done(): boolean {
    return this.i === this.values.length;
  }
}

/**
 * The spec's `CoerceValueIter`: the payload of a variant case is read from
 * the joined slots, converting each joined ('have') type to the case's own
 * ('want') type.
 */
class CoerceValueIter implements FlatSource {
  k = 0;
  constructor(
    readonly vi: FlatSource,
    readonly have: readonly CoreType[],
    readonly want: readonly CoreType[],
  ) {}
  next(): unknown {
    const have = this.have[this.k];
    const want = this.want[this.k++];
    const x = this.vi.next();
    if (have === want) return x;
    if (have === 'i32') return bitsToF32(x as number); // want f32
    // have i64: wrap to i32 first where the target is 32-bit.
    if (want === 'i32') return Number(BigInt.asUintN(32, x as bigint));
    if (want === 'f32') return bitsToF32(Number(BigInt.asUintN(32, x as bigint)));
    return bitsToF64(x as bigint);
  }
}

export function liftFlat(cx: LiftLowerContext, vi: FlatSource, t: AbiType): unknown {
  switch (t.kind) {
    case 'bool':
      return (vi.next() as number) !== 0;
    case 'u8':
      return (vi.next() as number) & 0xff;
    case 's8':
      return ((vi.next() as number) << 24) >> 24;
    case 'u16':
      return (vi.next() as number) & 0xffff;
    case 's16':
      return ((vi.next() as number) << 16) >> 16;
    case 'u32':
      return (vi.next() as number) >>> 0;
    case 's32':
      return (vi.next() as number) | 0;
    case 'u64':
      return BigInt.asUintN(64, BigInt(vi.next() as bigint));
    case 's64':
      return BigInt.asIntN(64, BigInt(vi.next() as bigint));
    case 'f32':
    case 'f64':
      // JS numbers have a single NaN value: canonicalization is implicit.
      return vi.next() as number;
    case 'char':
      return i32ToChar(vi.next() as number);
    case 'string': {
      const ptr = vi.next() as number;
      return loadStringFromRange(cx, ptr, vi.next() as number);
    }
    case 'error-context':
      return liftErrorContext(cx, (vi.next() as number) >>> 0);
    case 'list': {
      if (t.length !== undefined) {
        // Same host shape as a loaded list: numeric elements give a typed array.
        const ctor = typedArrayFor(t.elem);
        const out: { [i: number]: unknown } = ctor === undefined ? new Array<unknown>(t.length) : new ctor(t.length);
        for (let i = 0; i < t.length; i++) out[i] = liftFlat(cx, vi, t.elem);
        if (t.elem.kind === 'f32') canonicalizeF32s(out as Float32Array);
        else if (t.elem.kind === 'f64') canonicalizeF64s(out as Float64Array);
        return out;
      }
      const ptr = vi.next() as number;
      return loadListFromRange(cx, ptr, vi.next() as number, t.elem);
    }
    case 'map': {
      const ptr = vi.next() as number;
      return loadMap(cx, ptr, vi.next() as number, t.list);
    }
    case 'record': {
      const out: Record<string, unknown> = {};
      const fs = t.fields;
      for (let i = 0; i < fs.length; i++) out[fs[i].jsName] = liftFlat(cx, vi, fs[i].type);
      return out;
    }
    case 'tuple': {
      const ts = t.types;
      const out = new Array<unknown>(ts.length);
      for (let i = 0; i < ts.length; i++) out[i] = liftFlat(cx, vi, ts[i]);
      return out;
    }
    case 'variant': {
      const i = liftDisc(vi, t);
      const c = t.cases[i];
      if (c.type === undefined) {
        skip(vi, t, 0);
        return { tag: c.name };
      }
      return { tag: c.name, val: liftPayload(cx, vi, t, i) };
    }
    case 'enum': {
      const i = liftDisc(vi, t.variant);
      return t.names[i];
    }
    case 'option':
      return liftOption(cx, vi, t);
    case 'result': {
      const v = t.variant;
      const i = liftDisc(vi, v);
      const pt = i === 0 ? t.ok : t.err;
      const val = pt === undefined ? skip(vi, v, 0) : liftPayload(cx, vi, v, i);
      return { tag: i === 0 ? 'ok' : 'err', val };
    }
    case 'flags':
      return liftFlags(vi, t);
    case 'own':
      return liftOwn(cx, (vi.next() as number) >>> 0, t);
    case 'borrow':
      return liftBorrow(cx, (vi.next() as number) >>> 0, t);
    case 'future':
    case 'stream':
      return (vi.next() as number) >>> 0;
  }
}

function liftDisc(vi: FlatSource, v: VariantType): number {
  const i = (vi.next() as number) >>> 0;
  if (i >= v.cases.length) trap(`invalid discriminant: ${i} >= ${v.cases.length} cases`);
  return i;
}

/** Consumes the joined slots not used by a payload of `used` flat values. */
function skip(vi: FlatSource, v: VariantType, used: number): undefined {
  for (let k = used; k < v.payloadFlat.length; k++) vi.next();
  return undefined;
}

function liftPayload(cx: LiftLowerContext, vi: FlatSource, v: VariantType, i: number): unknown {
  const c = v.cases[i];
  const pt = c.type!;
  const val = c.coerce ? liftFlat(cx, new CoerceValueIter(vi, v.payloadFlat, pt.flat), pt) : liftFlat(cx, vi, pt);
  skip(vi, v, pt.flat.length);
  return val;
}

function liftOption(cx: LiftLowerContext, vi: FlatSource, t: OptionType): unknown {
  const v = t.variant;
  if (liftDisc(vi, v) === 0) {
    skip(vi, v, 0);
    return t.tagged ? { tag: 'none' } : undefined;
  }
  const val = liftPayload(cx, vi, v, 1);
  return t.tagged ? { tag: 'some', val } : val;
}

function liftFlags(vi: FlatSource, t: FlagsType): Record<string, boolean> {
  const names = t.jsNames;
  const out: Record<string, boolean> = {};
  let bits = 0;
  for (let i = 0; i < names.length; i++) {
    if ((i & 31) === 0) bits = vi.next() as number;
    out[names[i]] = ((bits >>> (i & 31)) & 1) === 1;
  }
  return out;
}
