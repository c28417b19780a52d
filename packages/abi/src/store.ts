// `store`: writing host values into linear memory. Nested strings/lists call
// realloc, which may grow (and thus detach) memory, so every write below
// reads `cx.dv`/`cx.u8` afresh after any nested store.
import type { LiftLowerContext } from './context.js';
import { checkRange } from './context.js';
import { lowerBorrow, lowerErrorContext, lowerOwn } from './handles.js';
import { storeStringIntoRange } from './strings.js';
import type {
  AbiType,
  FlagsType,
  ListType,
  OptionType,
  RecordType,
  ResultType,
  TupleType,
  VariantType,
} from './types.js';
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
  CANONICAL_F32_NAN,
  CANONICAL_F64_NAN,
  typedArrayFor,
} from './values.js';

/** Public `store`: refreshes memory views and checks `ptr` before storing. */
export function store(cx: LiftLowerContext, v: unknown, t: AbiType, ptr: number): void {
  cx.refresh();
  checkRange(cx, ptr, t.size, t.align);
  storeValue(cx, v, t, ptr);
}

export function storeValue(cx: LiftLowerContext, v: unknown, t: AbiType, ptr: number): void {
  switch (t.kind) {
    case 'bool':
      cx.dv.setUint8(ptr, checkBool(v) ? 1 : 0);
      return;
    case 'u8':
    case 's8':
      cx.dv.setUint8(ptr, checkSmallInt(t.kind, v));
      return;
    case 'u16':
    case 's16':
      cx.dv.setUint16(ptr, checkSmallInt(t.kind, v), true);
      return;
    case 'u32':
    case 's32':
      cx.dv.setUint32(ptr, checkSmallInt(t.kind, v), true);
      return;
    case 'u64':
      cx.dv.setBigUint64(ptr, checkU64(v), true);
      return;
    case 's64':
      cx.dv.setBigInt64(ptr, checkS64(v), true);
      return;
    case 'f32': {
      // NaNs are written as the canonical NaN (deterministic profile);
      // `maybe_scramble_nan` is deliberately not implemented.
      const f = checkFloat(v, 'f32');
      if (f !== f) cx.dv.setUint32(ptr, CANONICAL_F32_NAN, true);
      else cx.dv.setFloat32(ptr, f, true);
      return;
    }
    case 'f64': {
      const f = checkFloat(v, 'f64');
      if (f !== f) cx.dv.setBigUint64(ptr, CANONICAL_F64_NAN, true);
      else cx.dv.setFloat64(ptr, f, true);
      return;
    }
    case 'char':
      cx.dv.setUint32(ptr, charToI32(v), true);
      return;
    case 'string': {
      const begin = storeStringIntoRange(cx, checkString(v));
      const dv = cx.dv;
      dv.setUint32(ptr, begin, true);
      dv.setUint32(ptr + 4, cx.lastLength, true);
      return;
    }
    case 'error-context':
      cx.dv.setUint32(ptr, lowerErrorContext(cx, v), true);
      return;
    case 'list':
      if (t.length !== undefined) {
        storeFixedList(cx, v, t, ptr);
      } else {
        const begin = storeListIntoRange(cx, v, t.elem);
        const dv = cx.dv;
        dv.setUint32(ptr, begin, true);
        dv.setUint32(ptr + 4, cx.lastLength, true);
      }
      return;
    case 'map': {
      const begin = storeMapIntoRange(cx, v, t.list);
      const dv = cx.dv;
      dv.setUint32(ptr, begin, true);
      dv.setUint32(ptr + 4, cx.lastLength, true);
      return;
    }
    case 'record':
      storeRecord(cx, v, t, ptr);
      return;
    case 'tuple':
      storeTuple(cx, v, t, ptr);
      return;
    case 'variant':
      storeVariant(cx, v, t, ptr);
      return;
    case 'enum': {
      const i = typeof v === 'string' ? t.variant.caseIndex.get(v) : undefined;
      if (i === undefined) badValue(`one of ${t.names.map((n) => `'${n}'`).join(', ')}`, v);
      storeDisc(cx, t.variant, i, ptr);
      return;
    }
    case 'option':
      storeOption(cx, v, t, ptr);
      return;
    case 'result':
      storeResult(cx, v, t, ptr);
      return;
    case 'flags':
      storeFlags(cx, v, t, ptr);
      return;
    case 'own':
      cx.dv.setUint32(ptr, lowerOwn(cx, checkRep(v), t), true);
      return;
    case 'borrow':
      cx.dv.setUint32(ptr, lowerBorrow(cx, checkRep(v), t), true);
      return;
    case 'future':
    case 'stream':
      cx.dv.setUint32(ptr, checkRep(v), true);
      return;
  }
}

export function storeDisc(cx: LiftLowerContext, v: VariantType, i: number, ptr: number): void {
  const dv = cx.dv;
  if (v.discSize === 1) dv.setUint8(ptr, i);
  else if (v.discSize === 2) dv.setUint16(ptr, i, true);
  else dv.setUint32(ptr, i, true);
}

function storeRecord(cx: LiftLowerContext, v: unknown, t: RecordType, ptr: number): void {
  const o = checkObject(v, 'a record object');
  const fs = t.fields;
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i];
    const fv = o[f.jsName];
    if (fv === undefined && f.type.kind !== 'option') throw new TypeError(`missing record field '${f.jsName}'`);
    storeValue(cx, fv, f.type, ptr + f.offset);
  }
}

export function checkTuple(v: unknown, n: number): ArrayLike<unknown> {
  if (!Array.isArray(v)) badValue(`a tuple (array of length ${n})`, v);
  if (v.length !== n) throw new TypeError(`expected a tuple of length ${n}, got length ${v.length}`);
  return v;
}

function storeTuple(cx: LiftLowerContext, v: unknown, t: TupleType, ptr: number): void {
  const fs = t.record.fields;
  const a = checkTuple(v, fs.length);
  for (let i = 0; i < fs.length; i++) storeValue(cx, a[i], fs[i].type, ptr + fs[i].offset);
}

/** Validates `{ tag, val }` and returns the case index. */
export function matchCase(v: unknown, t: VariantType): number {
  const o = checkObject(v, 'a variant object { tag, val }');
  const tag = o.tag;
  const i = typeof tag === 'string' ? t.caseIndex.get(tag) : undefined;
  if (i === undefined) badValue(`a variant tag (${t.cases.map((c) => `'${c.name}'`).join(', ')})`, tag);
  return i;
}

function storeVariant(cx: LiftLowerContext, v: unknown, t: VariantType, ptr: number): void {
  const i = matchCase(v, t);
  storeDisc(cx, t, i, ptr);
  const pt = t.cases[i].type;
  if (pt !== undefined) storeValue(cx, (v as { val?: unknown }).val, pt, ptr + t.payloadOffset);
}

/** Reads a `{ tag: 'ok' | 'err', val }` result, returning 0 for ok and 1 for err. */
export function matchResult(v: unknown): number {
  const o = checkObject(v, "a result object { tag: 'ok' | 'err', val }");
  if (o.tag === 'ok') return 0;
  if (o.tag === 'err') return 1;
  return badValue("result tag 'ok' or 'err'", o.tag);
}

function storeResult(cx: LiftLowerContext, v: unknown, t: ResultType, ptr: number): void {
  const i = matchResult(v);
  storeDisc(cx, t.variant, i, ptr);
  const pt = i === 0 ? t.ok : t.err;
  if (pt !== undefined) storeValue(cx, (v as { val?: unknown }).val, pt, ptr + t.variant.payloadOffset);
}

/** Host option value → [isSome, payload] without allocating (payload via return slot). */
export function optionPayload(v: unknown, tagged: boolean): { some: boolean; val: unknown } | undefined {
  if (!tagged) return v === undefined || v === null ? undefined : { some: true, val: v };
  const o = checkObject(v, "an option of an option: { tag: 'some', val } | { tag: 'none' }");
  if (o.tag === 'none') return undefined;
  if (o.tag === 'some') return { some: true, val: o.val };
  return badValue("option tag 'some' or 'none'", o.tag);
}

function storeOption(cx: LiftLowerContext, v: unknown, t: OptionType, ptr: number): void {
  let val: unknown;
  if (t.tagged) {
    const o = optionPayload(v, true);
    if (o === undefined) {
      storeDisc(cx, t.variant, 0, ptr);
      return;
    }
    val = o.val;
  } else {
    if (v === undefined || v === null) {
      storeDisc(cx, t.variant, 0, ptr);
      return;
    }
    val = v;
  }
  storeDisc(cx, t.variant, 1, ptr);
  storeValue(cx, val, t.type, ptr + t.variant.payloadOffset);
}

/** Packs a flags object into 32-bit words; missing/undefined flags are false. */
export function packFlags(v: unknown, t: FlagsType, word: number): number {
  const o = checkObject(v, 'a flags object');
  const names = t.jsNames;
  const end = Math.min(names.length, (word + 1) * 32);
  let bits = 0;
  for (let i = word * 32; i < end; i++) {
    const b = o[names[i]];
    if (b === true) bits |= 1 << (i & 31);
    else if (b !== false && b !== undefined) badValue(`a boolean for flag '${names[i]}'`, b);
  }
  return bits >>> 0;
}

function storeFlags(cx: LiftLowerContext, v: unknown, t: FlagsType, ptr: number): void {
  const dv = cx.dv;
  if (t.size === 1) dv.setUint8(ptr, packFlags(v, t, 0));
  else if (t.size === 2) dv.setUint16(ptr, packFlags(v, t, 0), true);
  else for (let w = 0; w < t.size / 4; w++) dv.setUint32(ptr + 4 * w, packFlags(v, t, w), true);
}

function checkListLike(v: unknown): ArrayLike<unknown> {
  if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))
    return v as unknown as ArrayLike<unknown>;
  return badValue('a list (array or typed array)', v);
}

function storeFixedList(cx: LiftLowerContext, v: unknown, t: ListType, ptr: number): void {
  const a = checkListLike(v);
  if (a.length !== t.length)
    throw new TypeError(`expected a fixed-length list of ${t.length} elements, got ${a.length}`);
  storeListIntoValidRange(cx, a, ptr, t.elem);
}

/** `store_list_into_range`: allocates, then stores; length left in `cx.lastLength`. */
export function storeListIntoRange(cx: LiftLowerContext, v: unknown, elem: AbiType): number {
  const a = checkListLike(v);
  const byteLength = a.length * elem.size;
  if (byteLength > 0xffffffff) throw new RangeError('list too large for a 32-bit memory');
  const ptr = cx.allocate(elem.align, byteLength);
  checkRange(cx, ptr, byteLength, elem.align);
  storeListIntoValidRange(cx, a, ptr, elem);
  cx.lastLength = a.length;
  return ptr;
}

export function storeListIntoValidRange(cx: LiftLowerContext, a: ArrayLike<unknown>, ptr: number, elem: AbiType): void {
  const ctor = typedArrayFor(elem);
  if (ctor !== undefined && a instanceof ctor) {
    // Fast path: the host already has the exact element representation.
    const ta = a as unknown as ArrayBufferView & ArrayLike<number>;
    cx.u8.set(new Uint8Array(ta.buffer, ta.byteOffset, ta.byteLength), ptr);
    if (elem.kind === 'f32' || elem.kind === 'f64') {
      for (let i = 0; i < ta.length; i++) if (ta[i] !== ta[i]) storeValue(cx, NaN, elem, ptr + i * elem.size);
    }
    return;
  }
  const size = elem.size;
  const n = a.length;
  for (let i = 0; i < n; i++) storeValue(cx, a[i], elem, ptr + i * size);
}

export function storeMapIntoRange(cx: LiftLowerContext, v: unknown, l: ListType): number {
  const tt = l.elem as TupleType;
  let entries: Iterable<unknown> & { size?: number; length?: number };
  if (v instanceof Map) entries = v;
  else if (Array.isArray(v)) entries = v;
  else return badValue('a Map (or array of [key, value] pairs)', v);
  const n = (entries.size ?? entries.length)!;
  const byteLength = n * tt.size;
  const ptr = cx.allocate(tt.align, byteLength);
  checkRange(cx, ptr, byteLength, tt.align);
  let p = ptr;
  for (const e of entries) {
    storeTuple(cx, e, tt, p);
    p += tt.size;
  }
  cx.lastLength = n;
  return ptr;
}
