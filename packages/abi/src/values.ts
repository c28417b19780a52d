// Host-facing value conventions (jco-compatible shapes) and the validation
// of host input. Unlike jco, invalid host input is rejected rather than
// coerced: wrong JS type → TypeError, right type but out of range → RangeError.
import type { AbiType, PrimKind } from './types.js';
import { trap } from './trap.js';

export const CANONICAL_F32_NAN = 0x7fc00000;
export const CANONICAL_F64_NAN = 0x7ff8000000000000n;

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null) return 'null';
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

/** Throws TypeError for a non-number (or non-bigint) and RangeError otherwise. */
export function badInt(v: unknown, kind: string): never {
  if (typeof v !== 'number' && typeof v !== 'bigint')
    throw new TypeError(`expected a ${kind} (number), got ${describe(v)}`);
  throw new RangeError(`value ${describe(v)} out of range for ${kind}`);
}

export function badValue(expected: string, v: unknown): never {
  throw new TypeError(`expected ${expected}, got ${describe(v)}`);
}

/**
 * Validates a host value for a 32-bit-or-narrower integer type and returns it
 * as a number. The bit tricks reject non-integers, NaN and out-of-range
 * values in one comparison (e.g. `(300 & 0xff) !== 300`).
 */
export function checkSmallInt(kind: PrimKind, v: unknown): number {
  const n = v as number;
  switch (kind) {
    case 'u8':
      if ((n & 0xff) !== n) badInt(v, kind);
      return n;
    case 's8':
      if ((n << 24) >> 24 !== n) badInt(v, kind);
      return n;
    case 'u16':
      if ((n & 0xffff) !== n) badInt(v, kind);
      return n;
    case 's16':
      if ((n << 16) >> 16 !== n) badInt(v, kind);
      return n;
    case 'u32':
      if (n >>> 0 !== n) badInt(v, kind);
      return n;
    case 's32':
      if ((n | 0) !== n) badInt(v, kind);
      return n;
    default:
      throw new Error(`not a small integer kind: ${kind}`);
  }
}

const U64_MAX = 0xffffffffffffffffn;
const S64_MIN = -0x8000000000000000n;
const S64_MAX = 0x7fffffffffffffffn;

/** 64-bit integers: bigint, or a safe-integer number (exact, so not a coercion). */
export function checkU64(v: unknown): bigint {
  if (typeof v === 'bigint') {
    if (v < 0n || v > U64_MAX) badInt(v, 'u64');
    return v;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  return badInt(v, 'u64');
}

export function checkS64(v: unknown): bigint {
  if (typeof v === 'bigint') {
    if (v < S64_MIN || v > S64_MAX) badInt(v, 's64');
    return v;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  return badInt(v, 's64');
}

export function checkFloat(v: unknown, kind: string): number {
  if (typeof v !== 'number') badValue(`a ${kind} (number)`, v);
  return v;
}

export function checkBool(v: unknown): boolean {
  if (typeof v !== 'boolean') badValue('a boolean', v);
  return v;
}

/** `char_to_i32` for host input: exactly one Unicode scalar value. */
export function charToI32(v: unknown): number {
  if (typeof v !== 'string') badValue('a char (1-code-point string)', v);
  const c = v.codePointAt(0);
  if (c === undefined || v.length !== (c > 0xffff ? 2 : 1))
    throw new TypeError(`expected exactly one code point, got ${describe(v)}`);
  if (c >= 0xd800 && c <= 0xdfff)
    throw new RangeError(`char may not be a surrogate: U+${c.toString(16).toUpperCase()}`);
  return c;
}

/** `convert_i32_to_char`: traps on surrogates and values ≥ 0x110000. */
export function i32ToChar(i: number): string {
  i = i >>> 0;
  if (i >= 0x110000) trap(`invalid char: 0x${i.toString(16)} is not a Unicode code point`);
  if (i >= 0xd800 && i <= 0xdfff) trap(`invalid char: 0x${i.toString(16)} is a surrogate`);
  return String.fromCodePoint(i);
}

export function checkString(v: unknown): string {
  if (typeof v !== 'string') badValue('a string', v);
  if (!(v as unknown as { isWellFormed(): boolean }).isWellFormed())
    throw new TypeError('string contains a lone surrogate');
  return v;
}

/** Handle reps are core i32 values. */
export function checkRep(v: unknown): number {
  if (typeof v !== 'number' || (v >>> 0 !== v && (v | 0) !== v)) badValue('a resource rep (i32 number)', v);
  return v >>> 0;
}

export type TypedArrayCtor =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

/** Numeric list element types are exchanged as the matching typed array. */
export function typedArrayFor(t: AbiType): TypedArrayCtor | undefined {
  switch (t.kind) {
    case 'u8':
      return Uint8Array;
    case 's8':
      return Int8Array;
    case 'u16':
      return Uint16Array;
    case 's16':
      return Int16Array;
    case 'u32':
      return Uint32Array;
    case 's32':
      return Int32Array;
    case 'u64':
      return BigUint64Array;
    case 's64':
      return BigInt64Array;
    case 'f32':
      return Float32Array;
    case 'f64':
      return Float64Array;
    default:
      return undefined;
  }
}

// Scratch buffers for bit reinterpretation (shared, so no per-value allocation).
const scratch = new ArrayBuffer(8);
const sF32 = new Float32Array(scratch, 0, 1);
const sU32 = new Uint32Array(scratch, 0, 1);
const sF64 = new Float64Array(scratch);
const sU64 = new BigUint64Array(scratch);

/** `encode_float_as_i32` with NaNs canonicalized (deterministic profile). */
export function f32ToBits(f: number): number {
  if (f !== f) return CANONICAL_F32_NAN;
  sF32[0] = f;
  return sU32[0];
}

/** `decode_i32_as_float`: any NaN pattern becomes the (canonical) JS NaN. */
export function bitsToF32(i: number): number {
  sU32[0] = i;
  return sF32[0];
}

export function f64ToBits(f: number): bigint {
  if (f !== f) return CANONICAL_F64_NAN;
  sF64[0] = f;
  return sU64[0];
}

export function bitsToF64(i: bigint): number {
  sU64[0] = BigInt.asUintN(64, i);
  return sF64[0];
}

/** Reads a property of a host object, throwing TypeError when it is not an object. */
export function checkObject(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null) badValue(what, v);
  return v as Record<string, unknown>;
}
