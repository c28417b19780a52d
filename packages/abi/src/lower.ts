// `lower_flat`: host values → core wasm values, appended to `out` (one
// shared array per call instead of the spec's list concatenations). i32
// results are JS numbers (either signedness; wasm wraps them), i64 results
// are bigints.
import type { LiftLowerContext } from './context.js';
import { lowerBorrow, lowerErrorContext, lowerOwn } from './handles.js';
import {
  checkTuple,
  matchCase,
  matchResult,
  optionPayload,
  packFlags,
  storeListIntoRange,
  storeMapIntoRange,
} from './store.js';
import { storeStringIntoRange } from './strings.js';
import type { AbiType, CoreType, OptionType, VariantType } from './types.js';
import {
  badValue,
  charToI32,
  checkBool,
  checkFloat,
  checkObject,
  checkRep,
  checkS64,
  checkSmallInt,
  checkString,
  checkU64,
  f32ToBits,
  f64ToBits,
} from './values.js';

export function lowerFlat(cx: LiftLowerContext, v: unknown, t: AbiType, out: unknown[]): void {
  switch (t.kind) {
    case 'bool':
      out.push(checkBool(v) ? 1 : 0);
      return;
    case 'u8':
    case 's8':
    case 'u16':
    case 's16':
    case 'u32':
    case 's32':
      out.push(checkSmallInt(t.kind, v));
      return;
    case 'u64':
      out.push(checkU64(v));
      return;
    case 's64':
      out.push(checkS64(v));
      return;
    // Passing a NaN to wasm as a float lets the engine pick its bits; NaN
    // payloads are canonicalized where we control the bits (memory, joins).
    case 'f32':
      out.push(Math.fround(checkFloat(v, 'f32')));
      return;
    case 'f64':
      out.push(checkFloat(v, 'f64'));
      return;
    case 'char':
      out.push(charToI32(v));
      return;
    case 'string': {
      const ptr = storeStringIntoRange(cx, checkString(v));
      out.push(ptr, cx.lastLength);
      return;
    }
    case 'error-context':
      out.push(lowerErrorContext(cx, v));
      return;
    case 'list': {
      if (t.length !== undefined) {
        if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView)))
          badValue('a list (array or typed array)', v);
        const a = v as unknown as ArrayLike<unknown>;
        if (a.length !== t.length)
          throw new TypeError(`expected a fixed-length list of ${t.length} elements, got ${a.length}`);
        for (let i = 0; i < t.length; i++) lowerFlat(cx, a[i], t.elem, out);
        return;
      }
      const ptr = storeListIntoRange(cx, v, t.elem);
      out.push(ptr, cx.lastLength);
      return;
    }
    case 'map': {
      const ptr = storeMapIntoRange(cx, v, t.list);
      out.push(ptr, cx.lastLength);
      return;
    }
    case 'record': {
      const o = checkObject(v, 'a record object');
      const fs = t.fields;
      for (let i = 0; i < fs.length; i++) {
        const f = fs[i];
        const fv = o[f.jsName];
        if (fv === undefined && f.type.kind !== 'option') throw new TypeError(`missing record field '${f.jsName}'`);
        lowerFlat(cx, fv, f.type, out);
      }
      return;
    }
    case 'tuple': {
      const ts = t.types;
      const a = checkTuple(v, ts.length);
      for (let i = 0; i < ts.length; i++) lowerFlat(cx, a[i], ts[i], out);
      return;
    }
    case 'variant': {
      const i = matchCase(v, t);
      lowerPayload(cx, t, i, (v as { val?: unknown }).val, out);
      return;
    }
    case 'enum': {
      const i = typeof v === 'string' ? t.variant.caseIndex.get(v) : undefined;
      if (i === undefined) badValue(`one of ${t.names.map((n) => `'${n}'`).join(', ')}`, v);
      out.push(i);
      return;
    }
    case 'option':
      lowerOption(cx, v, t, out);
      return;
    case 'result': {
      const i = matchResult(v);
      lowerPayload(cx, t.variant, i, (v as { val?: unknown }).val, out);
      return;
    }
    case 'flags':
      for (let w = 0; w < t.flat.length; w++) out.push(packFlags(v, t, w));
      return;
    case 'own':
      out.push(lowerOwn(cx, checkRep(v), t));
      return;
    case 'borrow':
      out.push(lowerBorrow(cx, checkRep(v), t));
      return;
    case 'future':
    case 'stream':
      out.push(checkRep(v));
      return;
  }
}

/** Zero of a core type, used to fill unused joined slots. */
function zero(ft: CoreType): number | bigint {
  return ft === 'i64' ? 0n : 0;
}

/** `lower_flat_variant`: discriminant, payload coerced to the joined slots, zero padding. */
function lowerPayload(cx: LiftLowerContext, t: VariantType, i: number, val: unknown, out: unknown[]): void {
  out.push(i);
  const c = t.cases[i];
  const want = t.payloadFlat;
  let k = 0;
  if (c.type !== undefined) {
    const start = out.length;
    lowerFlat(cx, val, c.type, out);
    const have = c.type.flat;
    k = have.length;
    if (c.coerce) {
      for (let j = 0; j < k; j++) {
        const h = have[j];
        const w = want[j];
        if (h === w) continue;
        const x = out[start + j];
        if (h === 'f32') out[start + j] = w === 'i32' ? f32ToBits(x as number) : BigInt(f32ToBits(x as number));
        else if (h === 'i32')
          out[start + j] = BigInt((x as number) >>> 0); // zero-extend into i64
        else out[start + j] = f64ToBits(x as number); // f64 → i64
      }
    }
  }
  for (; k < want.length; k++) out.push(zero(want[k]));
}

function lowerOption(cx: LiftLowerContext, v: unknown, t: OptionType, out: unknown[]): void {
  const vt = t.variant;
  const tagged = t.tagged;
  let val: unknown;
  if (tagged) {
    const o = optionPayload(v, true);
    val = o === undefined ? undefined : o.val;
    if (o === undefined) v = undefined;
  } else {
    val = v === null ? undefined : v;
  }
  if (tagged ? v === undefined : val === undefined) {
    out.push(0);
    for (let k = 0; k < vt.payloadFlat.length; k++) out.push(zero(vt.payloadFlat[k]));
    return;
  }
  lowerPayload(cx, vt, 1, val, out);
}
