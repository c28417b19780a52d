// Strings ("Loading"/"Storing" of strings): decoding with traps on invalid
// code units, and the 9 encoding pairs of `store_string_into_range` with the
// spec's exact realloc sequence (optimistic size → worst case → shrink).
//
// Host (JS) strings are UTF-16, so when the host lowers a string its source
// encoding is 'utf16' with `s.length` code units. Component-to-component
// adapters can pass the original encoding/length hint instead.
import type { LiftLowerContext, StringEncoding } from './context.js';
import { checkBounds, checkRange } from './context.js';
import { trap } from './trap.js';

export const UTF16_TAG = 0x80000000;
export const MAX_STRING_BYTE_LENGTH = 2 ** 28 - 1;

// Shared codec instances: no per-call construction. `ignoreBOM` keeps a
// leading U+FEFF (the spec's Python codecs keep it too).
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16Decoder = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** A loaded string together with the spec's (encoding, tagged code units) hint. */
export interface HintedString {
  value: string;
  encoding: StringEncoding;
  taggedCodeUnits: number;
}

/** `load_string_from_range`, returning just the JS string. */
export function loadStringFromRange(cx: LiftLowerContext, ptr: number, taggedCodeUnits: number): string {
  ptr >>>= 0;
  taggedCodeUnits >>>= 0;
  let byteLength: number;
  let align: number;
  let enc: 0 | 1 | 2; // utf8 | utf16 | latin1
  switch (cx.stringEncoding) {
    case 'utf8':
      byteLength = taggedCodeUnits;
      align = 1;
      enc = 0;
      break;
    case 'utf16':
      byteLength = 2 * taggedCodeUnits;
      align = 2;
      enc = 1;
      break;
    default:
      align = 2;
      if (taggedCodeUnits >= UTF16_TAG) {
        byteLength = 2 * (taggedCodeUnits - UTF16_TAG);
        enc = 1;
      } else {
        byteLength = taggedCodeUnits;
        enc = 2;
      }
  }
  if (byteLength > MAX_STRING_BYTE_LENGTH) trap(`string byte length exceeds 2^28-1: ${byteLength}`);
  checkRange(cx, ptr, byteLength, align);
  const u8 = cx.u8;
  if (enc === 0) return decodeUtf8(u8, ptr, byteLength);
  if (enc === 1) return decodeUtf16(u8, ptr, byteLength >>> 1);
  return decodeLatin1(u8, ptr, byteLength);
}

/** `load_string_from_range` with the hint used by `storeStringHinted`. */
export function loadStringHinted(cx: LiftLowerContext, ptr: number, taggedCodeUnits: number): HintedString {
  cx.refresh();
  const value = loadStringFromRange(cx, ptr, taggedCodeUnits);
  return { value, encoding: cx.stringEncoding, taggedCodeUnits: taggedCodeUnits >>> 0 };
}

function decodeUtf8(u8: Uint8Array, ptr: number, n: number): string {
  if (n <= 32) {
    // Short ASCII strings are common (names, keys); building them directly
    // avoids the TextDecoder call overhead.
    let s = '';
    let i = 0;
    for (; i < n; i++) {
      const b = u8[ptr + i];
      if (b >= 0x80) break;
      s += String.fromCharCode(b);
    }
    if (i === n) return s;
  }
  try {
    return utf8Decoder.decode(u8.subarray(ptr, ptr + n));
  } catch {
    return trap('invalid utf-8: string bytes are not well-formed UTF-8');
  }
}

function decodeUtf16(u8: Uint8Array, ptr: number, units: number): string {
  if (units <= 32) {
    let s = '';
    for (let i = 0; i < units; i++) s += String.fromCharCode(u8[ptr + 2 * i] | (u8[ptr + 2 * i + 1] << 8));
    if (!isWellFormed(s)) trap('invalid utf-16: unpaired surrogate');
    return s;
  }
  try {
    return utf16Decoder.decode(u8.subarray(ptr, ptr + 2 * units));
  } catch {
    return trap('invalid utf-16: unpaired surrogate');
  }
}

function decodeLatin1(u8: Uint8Array, ptr: number, n: number): string {
  // Not TextDecoder('latin1'): per WHATWG that is windows-1252, which differs
  // from Latin-1 for 0x80..0x9F.
  let s = '';
  for (let i = 0; i < n; i += 4096) {
    s += String.fromCharCode.apply(null, u8.subarray(ptr + i, ptr + Math.min(n, i + 4096)) as unknown as number[]);
  }
  return s;
}

type SimpleEncoding = 'utf8' | 'utf16' | 'latin1';

/**
 * `store_string_into_range` for a host string (source encoding UTF-16).
 * Returns the pointer; the (tagged) code-unit length is left in `cx.lastLength`.
 */
export function storeStringIntoRange(cx: LiftLowerContext, s: string): number {
  // A host string's source encoding is the host's to choose. Like Wasmtime
  // (UTF-8 source) and jco, we allocate exactly once with the final size:
  // guests' import allocators (e.g. the preview1 adapter's, while it lowers
  // `get-arguments`) accept one allocation per value and no realloc.
  switch (cx.stringEncoding) {
    case 'utf8':
      return storeHostUtf8(cx, s);
    case 'utf16':
      return storeStringCopy(cx, s, s.length, 2, 2, 'utf16');
    default:
      return storeHostLatin1OrUtf16(cx, s);
  }
}

/** Scratch space for measuring a string's UTF-8 form before allocating (grown on demand). */
let scratch = new Uint8Array(1024);

/** Encodes `s` as UTF-8 into the scratch buffer and returns its length in bytes. */
export function encodeUtf8Scratch(s: string): number {
  const worst = 3 * s.length;
  if (worst > scratch.length) scratch = new Uint8Array(Math.max(worst, 2 * scratch.length));
  return encoder.encodeInto(s, scratch).written;
}

/** The bytes `encodeUtf8Scratch` wrote (valid until the next call). */
export function utf8Scratch(length: number): Uint8Array {
  return scratch.subarray(0, length);
}

function storeHostUtf8(cx: LiftLowerContext, s: string): number {
  const length = encodeUtf8Scratch(s);
  if (length > MAX_STRING_BYTE_LENGTH) trap(`string byte length exceeds 2^28-1: ${length}`);
  const ptr = cx.allocate(1, length);
  checkBounds(cx, ptr, length);
  cx.u8.set(utf8Scratch(length), ptr);
  cx.lastLength = length;
  return ptr;
}

function storeHostLatin1OrUtf16(cx: LiftLowerContext, s: string): number {
  const n = s.length;
  let latin1 = true;
  for (let i = 0; i < n; i++) {
    if (s.charCodeAt(i) > 0xff) {
      latin1 = false;
      break;
    }
  }
  if (latin1) return storeStringCopy(cx, s, n, 1, 2, 'latin1');
  const ptr = storeStringCopy(cx, s, n, 2, 2, 'utf16');
  cx.lastLength = (n | UTF16_TAG) >>> 0;
  return ptr;
}

/**
 * `store_string_into_range` with an explicit source hint: `srcEncoding` and
 * `srcTaggedCodeUnits` describe how the string was encoded where it came
 * from (as returned by `loadStringHinted`). Returns the pointer; the tagged
 * length is left in `cx.lastLength`.
 */
export function storeStringHinted(
  cx: LiftLowerContext,
  s: string,
  srcEncoding: StringEncoding,
  srcTaggedCodeUnits: number,
): number {
  let simple: SimpleEncoding;
  let units: number;
  if (srcEncoding === 'latin1+utf16') {
    if (srcTaggedCodeUnits >= UTF16_TAG) {
      simple = 'utf16';
      units = srcTaggedCodeUnits - UTF16_TAG;
    } else {
      simple = 'latin1';
      units = srcTaggedCodeUnits;
    }
  } else {
    simple = srcEncoding;
    units = srcTaggedCodeUnits;
  }
  switch (cx.stringEncoding) {
    case 'utf8':
      if (simple === 'utf8') return storeStringCopy(cx, s, units, 1, 1, 'utf8');
      return storeStringToUtf8(cx, s, units, simple === 'utf16' ? 3 * units : 2 * units);
    case 'utf16':
      if (simple === 'utf8') return storeUtf8ToUtf16(cx, s, units);
      return storeStringCopy(cx, s, units, 2, 2, 'utf16');
    default:
      if (srcEncoding !== 'latin1+utf16') return storeStringToLatin1OrUtf16(cx, s, units);
      if (simple === 'latin1') return storeStringCopy(cx, s, units, 1, 2, 'latin1');
      return storeProbablyUtf16ToLatin1OrUtf16(cx, s, units);
  }
}

function writeUtf16(u8: Uint8Array, ptr: number, s: string, from: number): void {
  for (let i = from, p = ptr + 2 * from; i < s.length; i++, p += 2) {
    const c = s.charCodeAt(i);
    u8[p] = c & 0xff;
    u8[p + 1] = c >>> 8;
  }
}

function hintMismatch(): never {
  throw new RangeError('string length hint does not match the string contents');
}

function storeStringCopy(
  cx: LiftLowerContext,
  s: string,
  units: number,
  unitSize: number,
  align: number,
  enc: SimpleEncoding,
): number {
  const byteLength = unitSize * units;
  const ptr = cx.allocate(align, byteLength);
  checkRange(cx, ptr, byteLength, align);
  const u8 = cx.u8;
  if (enc === 'utf8') {
    const r = encoder.encodeInto(s, u8.subarray(ptr, ptr + byteLength));
    if (r.read !== s.length || r.written !== byteLength) hintMismatch();
  } else if (enc === 'utf16') {
    if (s.length !== units) hintMismatch();
    writeUtf16(u8, ptr, s, 0);
  } else {
    if (s.length !== units) hintMismatch();
    for (let i = 0; i < units; i++) u8[ptr + i] = s.charCodeAt(i);
  }
  cx.lastLength = units;
  return ptr;
}

/** `store_string_to_utf8`: optimistic 1 byte/unit, else worst case, then shrink. */
function storeStringToUtf8(cx: LiftLowerContext, s: string, units: number, worstCase: number): number {
  let ptr = cx.allocate(1, units);
  checkBounds(cx, ptr, units);
  // encodeInto into exactly `units` bytes consumes the whole string iff it is
  // all ASCII (every non-ASCII code unit needs more bytes than units).
  const r = encoder.encodeInto(s, cx.u8.subarray(ptr, ptr + units));
  if (r.read === s.length && r.written === units) {
    cx.lastLength = units;
    return ptr;
  }
  ptr = cx.reallocate(ptr, units, 1, worstCase);
  checkBounds(cx, ptr, worstCase);
  const written = encoder.encodeInto(s, cx.u8.subarray(ptr, ptr + worstCase)).written;
  if (worstCase > written) {
    ptr = cx.reallocate(ptr, worstCase, 1, written);
    checkBounds(cx, ptr, written);
  }
  cx.lastLength = written;
  return ptr;
}

/** `store_utf8_to_utf16`: worst case 2 bytes per UTF-8 byte, then shrink. */
function storeUtf8ToUtf16(cx: LiftLowerContext, s: string, units: number): number {
  const worstCase = 2 * units;
  let ptr = cx.allocate(2, worstCase);
  checkRange(cx, ptr, worstCase, 2);
  if (2 * s.length > worstCase) hintMismatch();
  writeUtf16(cx.u8, ptr, s, 0);
  const len = 2 * s.length;
  if (len < worstCase) {
    ptr = cx.reallocate(ptr, worstCase, 2, len);
    checkRange(cx, ptr, len, 2);
  }
  cx.lastLength = s.length;
  return ptr;
}

/** `store_string_to_latin1_or_utf16`: speculate Latin-1, inflate in place on the first wide char. */
function storeStringToLatin1OrUtf16(cx: LiftLowerContext, s: string, units: number): number {
  let ptr = cx.allocate(2, units);
  checkRange(cx, ptr, units, 2);
  let u8 = cx.u8;
  const n = s.length;
  if (n > units) hintMismatch();
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x100) {
      u8[ptr + i] = c;
      continue;
    }
    // i Latin-1 bytes were written so far.
    const worstCase = 2 * units;
    ptr = cx.reallocate(ptr, units, 2, worstCase);
    checkRange(cx, ptr, worstCase, 2);
    u8 = cx.u8;
    for (let j = i - 1; j >= 0; j--) {
      u8[ptr + 2 * j] = u8[ptr + j];
      u8[ptr + 2 * j + 1] = 0;
    }
    writeUtf16(u8, ptr, s, i);
    const len = 2 * n;
    if (worstCase > len) {
      ptr = cx.reallocate(ptr, worstCase, 2, len);
      checkRange(cx, ptr, len, 2);
    }
    cx.lastLength = (n | UTF16_TAG) >>> 0;
    return ptr;
  }
  if (n < units) {
    ptr = cx.reallocate(ptr, units, 2, n);
    checkRange(cx, ptr, n, 2);
  }
  cx.lastLength = n;
  return ptr;
}

/** `store_probably_utf16_to_latin1_or_utf16`: assume UTF-16, deflate to Latin-1 if possible. */
function storeProbablyUtf16ToLatin1OrUtf16(cx: LiftLowerContext, s: string, units: number): number {
  const srcByteLength = 2 * units;
  let ptr = cx.allocate(2, srcByteLength);
  checkRange(cx, ptr, srcByteLength, 2);
  if (s.length !== units) hintMismatch();
  let u8 = cx.u8;
  writeUtf16(u8, ptr, s, 0);
  let wide = false;
  for (let i = 0; i < units; i++) {
    if (s.charCodeAt(i) >= 0x100) {
      wide = true;
      break;
    }
  }
  if (wide) {
    cx.lastLength = (units | UTF16_TAG) >>> 0;
    return ptr;
  }
  for (let i = 0; i < units; i++) u8[ptr + i] = u8[ptr + 2 * i];
  ptr = cx.reallocate(ptr, srcByteLength, 1, units);
  checkBounds(cx, ptr, units);
  cx.lastLength = units;
  return ptr;
}
