// The `rt` object handed to generated code: validation helpers (same
// contract as @wit-ts/abi's internal ones, which it does not export) and the
// abi entry points the fast paths call out to for strings.
import {
  bitsToF32,
  bitsToF64,
  bool,
  char,
  checkRange,
  encodeUtf8Scratch,
  f32,
  f32ToBits,
  f64,
  f64ToBits,
  liftOwn,
  loadListFromRange,
  loadStringFromRange,
  s16,
  s32,
  s64,
  s8,
  storeListIntoRange,
  storeStringIntoRange,
  Trap,
  u16,
  u32,
  u64,
  u8,
  utf8Scratch,
  type LiftLowerContext,
} from '@wit-ts/abi';
import { ComponentError, errorPayload, mayLeaveTrap, poisonedTrap, reentranceTrap } from '../errors.js';
import { REP, liftOwnToHost, unwrapGuest, wrapOwn } from '../resources.js';
import { crossMemory } from './cross-memory.js';

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null) return 'null';
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

function badInt(v: unknown, kind: string): never {
  if (typeof v !== 'number' && typeof v !== 'bigint')
    throw new TypeError(`expected a ${kind} (number), got ${describe(v)}`);
  throw new RangeError(`value ${describe(v)} out of range for ${kind}`);
}

function badValue(expected: string, v: unknown): never {
  throw new TypeError(`expected ${expected}, got ${describe(v)}`);
}

function checkU64(v: unknown): bigint {
  if (typeof v === 'bigint') {
    if (v < 0n || v > 0xffffffffffffffffn) badInt(v, 'u64');
    return v;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  return badInt(v, 'u64');
}

function checkS64(v: unknown): bigint {
  if (typeof v === 'bigint') {
    if (v < -0x8000000000000000n || v > 0x7fffffffffffffffn) badInt(v, 's64');
    return v;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  return badInt(v, 's64');
}

function charToI32(v: unknown): number {
  if (typeof v !== 'string') badValue('a char (1-code-point string)', v);
  const c = v.codePointAt(0);
  if (c === undefined || v.length !== (c > 0xffff ? 2 : 1))
    throw new TypeError(`expected exactly one code point, got ${describe(v)}`);
  if (c >= 0xd800 && c <= 0xdfff)
    throw new RangeError(`char may not be a surrogate: U+${c.toString(16).toUpperCase()}`);
  return c;
}

function i32ToChar(i: number): string {
  i = i >>> 0;
  if (i >= 0x110000 || (i >= 0xd800 && i <= 0xdfff)) throw new Trap(`invalid char: 0x${i.toString(16)}`);
  return String.fromCodePoint(i);
}

/** A core i32 that must be a Unicode scalar value (component → component char). */
function checkCharCode(i: number): number {
  const u = i >>> 0;
  if (u >= 0x110000 || (u >= 0xd800 && u <= 0xdfff)) throw new Trap(`invalid char: 0x${u.toString(16)}`);
  return u;
}

function checkString(v: unknown): string {
  if (typeof v !== 'string') badValue('a string', v);
  if (!(v as unknown as { isWellFormed(): boolean }).isWellFormed())
    throw new TypeError('string contains a lone surrogate');
  return v;
}

const encoder = new TextEncoder();
/** Reused code buffer for short ASCII strings (calls are synchronous, never nested here). */
const codes: number[] = [];
const SHORT = 64;

/**
 * Lifts a UTF-8 string. Short ASCII strings are built with one
 * `String.fromCharCode.apply` over a reused array, which is several times
 * cheaper than a TextDecoder call; anything else goes to @wit-ts/abi
 * (validating decoder, traps on malformed input).
 */
function liftUtf8(cx: LiftLowerContext, ptr: number, len: number): string {
  ptr >>>= 0;
  len >>>= 0;
  if (len > SHORT) return loadStringFromRange(cx, ptr, len);
  let u8 = cx.u8;
  if (ptr + len > u8.length) {
    cx.refresh();
    u8 = cx.u8;
    if (ptr + len > u8.length) return loadStringFromRange(cx, ptr, len); // traps with the abi's message
  }
  codes.length = len;
  for (let i = 0; i < len; i++) {
    const b = u8[ptr + i];
    if (b >= 0x80) return loadStringFromRange(cx, ptr, len);
    codes[i] = b;
  }
  return String.fromCharCode.apply(null, codes);
}

/**
 * Lowers a (validated) host string into a UTF-8 guest with the spec's
 * realloc sequence: optimistic 1 byte per code unit; on the first
 * non-ASCII unit, grow to the worst case (3 bytes per unit), encode, shrink.
 * A short ASCII prefix is written with a plain loop (no view, no result
 * object); longer strings go through `TextEncoder.encodeInto`, which fills
 * the optimistic buffer completely iff the string is all ASCII.
 */
function lowerUtf8(cx: LiftLowerContext, s: string): number {
  // One allocation with the exact size (see abi's storeStringIntoRange):
  // guests' import allocators may accept nothing else.
  const n = s.length;
  if (n <= SHORT) {
    let i = 0;
    while (i < n && s.charCodeAt(i) < 0x80) i++;
    if (i === n) {
      const ptr = cx.allocateUnrefreshed(1, n);
      let u8 = cx.u8;
      if (ptr + n > u8.length) {
        cx.refresh();
        u8 = cx.u8;
        if (ptr + n > u8.length) checkRange(cx, ptr, n, 1);
      }
      for (let k = 0; k < n; k++) u8[ptr + k] = s.charCodeAt(k);
      cx.lastLength = n;
      return ptr;
    }
  }
  const length = encodeUtf8Scratch(s);
  if (length > 2 ** 28 - 1) throw new Trap(`string byte length exceeds 2^28-1: ${length}`);
  const ptr = cx.allocateUnrefreshed(1, length);
  checkRange(cx, ptr, length, 1);
  cx.u8.set(utf8Scratch(length), ptr);
  cx.lastLength = length;
  return ptr;
}

function badDisc(i: number, n: number): never {
  throw new Trap(`invalid discriminant: ${i} >= ${n} cases`);
}

/** Scalar list element types by kind (list lowering/lifting goes through @wit-ts/abi). */
const prim = Object.freeze({ bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char });

export const rt = Object.freeze({
  liftUtf8,
  lowerUtf8,
  badInt,
  badValue,
  checkU64,
  checkS64,
  charToI32,
  i32ToChar,
  checkCharCode,
  checkString,
  checkRange,
  storeString: storeStringIntoRange,
  loadString: loadStringFromRange,
  poisoned: poisonedTrap,
  reenter: reentranceTrap,
  mayLeave: mayLeaveTrap,
  badDisc,
  f32ToBits,
  f64ToBits,
  bitsToF32,
  bitsToF64,
  prim,
  storeList: storeListIntoRange,
  loadList: loadListFromRange,
  ComponentError,
  errorPayload,
  liftOwn,
  liftOwnToHost,
  wrapOwn,
  unwrapGuest,
  REP,
  /** Memory → memory transfers of component → component adapters (cross-call.ts). */
  x: crossMemory,
});

export type RtHelpers = typeof rt;

let evalAllowed = true;

/**
 * `new Function('rt', source)`, or undefined where code generation is not
 * allowed (a browser page whose Content-Security-Policy lacks
 * 'unsafe-eval'): callers then use the generic path, which is slower but
 * equivalent.
 */
export function compile<T>(source: string): T | undefined {
  if (!evalAllowed) return undefined;
  try {
    return new Function('rt', source) as T;
  } catch (e) {
    if (e instanceof SyntaxError) throw e; // a bug in the generator, not a policy
    evalAllowed = false;
    return undefined;
  }
}
