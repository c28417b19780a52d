// Memory → memory transfers for component → component adapters: strings in
// every encoding pair and lists of scalars go straight from the caller's
// memory into the callee's (and results back), never through a JS value.
//
// Each transfer has two halves, so that generated adapters can validate
// every argument before anything is allocated on the other side (the order
// of the generic path, which lifts all values before lowering any):
// - `measureString` / `checkList`: the spec's `load_*_from_range` checks
//   (byte-length limit, alignment, bounds, well-formed code units) plus the
//   exact size the value will take in the destination;
// - `copyString` / `copyList` / `allocList`: one `realloc` of exactly that
//   size (as the generic path, which allocates once with the final size:
//   guests' allocators may accept nothing else), then the copy/transcode.
// Destination sizes and realloc arguments equal the generic path's, so both
// paths leave identical memories behind.
import { checkRange, MAX_LIST_BYTE_LENGTH, MAX_STRING_BYTE_LENGTH, trap, type LiftLowerContext } from '@wit-ts/abi';

/** Encodings as small integers (the generated code passes constants). */
export const UTF8 = 0;
export const UTF16 = 1;
export const LATIN1_UTF16 = 2;

const TAG = 0x80000000;

/**
 * `cx.allocate` without its unconditional view refresh (a `memory.buffer`
 * lookup, tens of ns): memory.grow detaches the old buffer, so views only
 * need re-deriving when they went empty; a stale but attached view (shared
 * memory) fails the bounds checks, which refresh (see abi's checkRange).
 */
function allocate(cx: LiftLowerContext, align: number, size: number): number {
  const realloc = cx.opts.realloc;
  if (realloc === undefined) throw new TypeError('canonical option realloc is required to lower this value');
  const inst = cx.inst;
  inst.mayLeave = false;
  let ptr: number;
  try {
    ptr = realloc(0, 0, align, size) >>> 0;
  } finally {
    inst.mayLeave = true;
  }
  if (cx.u8.length === 0) cx.refresh();
  return ptr;
}

/** After the other side's realloc: it may have grown a memory both share (same-instance calls). */
function revalidate(cx: LiftLowerContext): void {
  if (cx.u8.length === 0) cx.refresh();
}

/** Source code-unit forms after decoding a (tagged) length. */
const F_UTF8 = 0;
const F_UTF16 = 1;
const F_LATIN1 = 2;

// Out-values of the scanners (calls are synchronous and never nested here).
let srcForm = 0;
let srcBytes = 0;
/** Set by the scanners: some code point is above U+00FF (no Latin-1 form). */
let wide = false;

/** `load_string_from_range`'s checks; leaves the form and byte length in `srcForm`/`srcBytes`. */
function checkSource(cx: LiftLowerContext, ptr: number, tagged: number, enc: number): void {
  let align = 2;
  if (enc === UTF8) {
    srcForm = F_UTF8;
    srcBytes = tagged;
    align = 1;
  } else if (enc === UTF16) {
    srcForm = F_UTF16;
    srcBytes = 2 * tagged;
  } else if (tagged >= TAG) {
    srcForm = F_UTF16;
    srcBytes = 2 * (tagged - TAG);
  } else {
    srcForm = F_LATIN1;
    srcBytes = tagged;
  }
  if (srcBytes > MAX_STRING_BYTE_LENGTH) trap(`string byte length exceeds 2^28-1: ${srcBytes}`);
  checkRange(cx, ptr, srcBytes, align);
}

/** The source form of a length already checked by `checkSource`. */
function sourceForm(tagged: number, enc: number): number {
  if (enc === UTF8) return F_UTF8;
  if (enc === UTF16 || tagged >= TAG) return F_UTF16;
  return F_LATIN1;
}

/**
 * Validates the string at (`ptr`, `tagged`) in `cx` (encoding `src`) and
 * returns its (tagged) length in encoding `dst`: bytes for UTF-8, code
 * units for UTF-16, Latin-1 bytes or UTF-16 units | 2^31 for latin1+utf16
 * (Latin-1 whenever every code point fits, as the generic path chooses).
 */
export function measureString(cx: LiftLowerContext, ptr: number, tagged: number, src: number, dst: number): number {
  ptr >>>= 0;
  tagged >>>= 0;
  checkSource(cx, ptr, tagged, src);
  const u8 = cx.u8;
  const n = srcBytes;
  if (srcForm === F_UTF8) {
    if (dst === UTF8) {
      if (!validUtf8(cx.dv, u8, ptr, n)) invalidUtf8();
      return n;
    }
    const units = utf8Units(u8, ptr, n);
    if (units < 0) invalidUtf8();
    return dst === LATIN1_UTF16 && wide ? (units | TAG) >>> 0 : units;
  }
  if (srcForm === F_UTF16) {
    const units = n >>> 1;
    const bytes = utf16Scan(u8, ptr, units);
    if (bytes < 0) trap('invalid utf-16: unpaired surrogate');
    if (dst === UTF8) {
      if (bytes > MAX_STRING_BYTE_LENGTH) trap(`string byte length exceeds 2^28-1: ${bytes}`);
      return bytes;
    }
    return dst === LATIN1_UTF16 && wide ? (units | TAG) >>> 0 : units;
  }
  // Latin-1: every byte is a code point below U+0100.
  if (dst !== UTF8) return n;
  let bytes = n;
  for (let i = 0; i < n; i++) if (u8[ptr + i] >= 0x80) bytes++;
  if (bytes > MAX_STRING_BYTE_LENGTH) trap(`string byte length exceeds 2^28-1: ${bytes}`);
  return bytes;
}

function invalidUtf8(): never {
  trap('invalid utf-8: string bytes are not well-formed UTF-8');
}

/**
 * Allocates `measured` (from `measureString`) in `dcx`, copies or transcodes
 * the (valid) source string there, and returns the destination pointer.
 */
export function copyString(
  scx: LiftLowerContext,
  dcx: LiftLowerContext,
  ptr: number,
  tagged: number,
  measured: number,
  src: number,
  dst: number,
): number {
  ptr >>>= 0;
  tagged >>>= 0;
  const form = sourceForm(tagged, src);
  const units = form === F_UTF16 ? (src === UTF16 ? tagged : tagged - TAG) : tagged;
  let dform: number;
  let bytes: number;
  if (dst === UTF8) {
    dform = F_UTF8;
    bytes = measured;
  } else if (dst === UTF16 || measured >= TAG) {
    dform = F_UTF16;
    bytes = 2 * (dst === UTF16 ? measured : measured - TAG);
  } else {
    dform = F_LATIN1;
    bytes = measured;
  }
  const align = dst === UTF8 ? 1 : 2;
  const dp = allocate(dcx, align, bytes);
  checkRange(dcx, dp, bytes, align);
  revalidate(scx);
  const su8 = scx.u8;
  const du8 = dcx.u8;
  if (form === dform) copyBytes(su8, ptr, du8, dp, form === F_UTF16 ? 2 * units : units, scx.buffer === dcx.buffer);
  else if (form === F_UTF8) {
    if (dform === F_UTF16) utf8ToUtf16(su8, ptr, units, du8, dp);
    else utf8ToLatin1(su8, ptr, units, du8, dp);
  } else if (form === F_UTF16) {
    if (dform === F_UTF8) utf16ToUtf8(su8, ptr, units, du8, dp);
    else for (let i = 0; i < units; i++) du8[dp + i] = su8[ptr + 2 * i];
  } else if (dform === F_UTF8) {
    for (let i = 0, q = dp; i < units; i++) {
      const b = su8[ptr + i];
      if (b < 0x80) du8[q++] = b;
      else {
        du8[q++] = 0xc0 | (b >>> 6);
        du8[q++] = 0x80 | (b & 0x3f);
      }
    }
  } else {
    for (let i = 0; i < units; i++) {
      du8[dp + 2 * i] = su8[ptr + i];
      du8[dp + 2 * i + 1] = 0;
    }
  }
  dcx.lastLength = measured;
  return dp;
}

/**
 * Byte copy between two memories (`same`: one memory, possibly overlapping
 * ranges): a loop for short runs, `set`/`copyWithin` otherwise.
 */
export function copyBytes(su8: Uint8Array, sp: number, du8: Uint8Array, dp: number, n: number, same: boolean): void {
  if (same) du8.copyWithin(dp, sp, sp + n);
  else if (n <= 64) for (let i = 0; i < n; i++) du8[dp + i] = su8[sp + i];
  else du8.set(su8.subarray(sp, sp + n), dp);
}

/** Well-formed UTF-8 (as WHATWG's fatal decoder and the spec's Python codec: no overlongs, surrogates or > U+10FFFF). */
function validUtf8(dv: DataView, u8: Uint8Array, p: number, n: number): boolean {
  const end = p + n;
  let i = p;
  // ASCII prefix, the common case: 16 bytes per step (DataView reads are
  // inlined by the optimiser; a byte loop costs about 1 ns per byte).
  while (i + 16 <= end) {
    const w =
      dv.getUint32(i, true) | dv.getUint32(i + 4, true) | dv.getUint32(i + 8, true) | dv.getUint32(i + 12, true);
    if ((w & 0x80808080) !== 0) break;
    i += 16;
  }
  while (i < end && u8[i] < 0x80) i++;
  if (i === end) return true;
  return utf8Units(u8, i, end - i) >= 0;
}

/** UTF-16 code units of well-formed UTF-8, or -1; sets `wide`. */
function utf8Units(u8: Uint8Array, p: number, n: number): number {
  const end = p + n;
  let units = 0;
  let w = false;
  let i = p;
  while (i < end) {
    const b = u8[i];
    if (b < 0x80) {
      i++;
      units++;
      continue;
    }
    if (b < 0xc2) return -1;
    if (b < 0xe0) {
      if (i + 1 >= end || (u8[i + 1] & 0xc0) !== 0x80) return -1;
      if (b > 0xc3) w = true;
      i += 2;
      units++;
      continue;
    }
    if (b < 0xf0) {
      if (i + 2 >= end) return -1;
      const b1 = u8[i + 1];
      if (b1 < (b === 0xe0 ? 0xa0 : 0x80) || b1 > (b === 0xed ? 0x9f : 0xbf)) return -1;
      if ((u8[i + 2] & 0xc0) !== 0x80) return -1;
      w = true;
      i += 3;
      units++;
      continue;
    }
    if (b > 0xf4 || i + 3 >= end) return -1;
    const b1 = u8[i + 1];
    if (b1 < (b === 0xf0 ? 0x90 : 0x80) || b1 > (b === 0xf4 ? 0x8f : 0xbf)) return -1;
    if ((u8[i + 2] & 0xc0) !== 0x80 || (u8[i + 3] & 0xc0) !== 0x80) return -1;
    w = true;
    i += 4;
    units += 2;
  }
  wide = w;
  return units;
}

/** UTF-8 length of well-formed UTF-16 (little-endian units), or -1 on an unpaired surrogate; sets `wide`. */
function utf16Scan(u8: Uint8Array, p: number, units: number): number {
  let bytes = 0;
  let w = false;
  for (let i = 0; i < units; i++) {
    const c = u8[p + 2 * i] | (u8[p + 2 * i + 1] << 8);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) {
      bytes += 2;
      if (c > 0xff) w = true;
    } else if (c < 0xd800 || c > 0xdfff) {
      bytes += 3;
      w = true;
    } else {
      if (c > 0xdbff || i + 1 >= units) return -1;
      const d = u8[p + 2 * i + 2] | (u8[p + 2 * i + 3] << 8);
      if (d < 0xdc00 || d > 0xdfff) return -1;
      i++;
      bytes += 4;
      w = true;
    }
  }
  wide = w;
  return bytes;
}

function utf8ToUtf16(su8: Uint8Array, p: number, n: number, du8: Uint8Array, q: number): void {
  const end = p + n;
  let i = p;
  while (i < end) {
    const b = su8[i];
    let c: number;
    if (b < 0x80) {
      c = b;
      i++;
    } else if (b < 0xe0) {
      c = ((b & 0x1f) << 6) | (su8[i + 1] & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      c = ((b & 0x0f) << 12) | ((su8[i + 1] & 0x3f) << 6) | (su8[i + 2] & 0x3f);
      i += 3;
    } else {
      c = ((b & 0x07) << 18) | ((su8[i + 1] & 0x3f) << 12) | ((su8[i + 2] & 0x3f) << 6) | (su8[i + 3] & 0x3f);
      i += 4;
      c -= 0x10000;
      const hi = 0xd800 | (c >>> 10);
      du8[q] = hi & 0xff;
      du8[q + 1] = hi >>> 8;
      q += 2;
      c = 0xdc00 | (c & 0x3ff);
    }
    du8[q] = c & 0xff;
    du8[q + 1] = c >>> 8;
    q += 2;
  }
}

/** UTF-8 whose code points all fit in Latin-1 (1- and 2-byte sequences only). */
function utf8ToLatin1(su8: Uint8Array, p: number, n: number, du8: Uint8Array, q: number): void {
  const end = p + n;
  for (let i = p; i < end; q++) {
    const b = su8[i];
    if (b < 0x80) {
      du8[q] = b;
      i++;
    } else {
      du8[q] = ((b & 0x1f) << 6) | (su8[i + 1] & 0x3f);
      i += 2;
    }
  }
}

function utf16ToUtf8(su8: Uint8Array, p: number, units: number, du8: Uint8Array, q: number): void {
  for (let i = 0; i < units; i++) {
    let c = su8[p + 2 * i] | (su8[p + 2 * i + 1] << 8);
    if (c < 0x80) du8[q++] = c;
    else if (c < 0x800) {
      du8[q++] = 0xc0 | (c >>> 6);
      du8[q++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      du8[q++] = 0xe0 | (c >>> 12);
      du8[q++] = 0x80 | ((c >>> 6) & 0x3f);
      du8[q++] = 0x80 | (c & 0x3f);
    } else {
      const d = su8[p + 2 * i + 2] | (su8[p + 2 * i + 3] << 8);
      i++;
      c = 0x10000 + (((c & 0x3ff) << 10) | (d & 0x3ff));
      du8[q++] = 0xf0 | (c >>> 18);
      du8[q++] = 0x80 | ((c >>> 12) & 0x3f);
      du8[q++] = 0x80 | ((c >>> 6) & 0x3f);
      du8[q++] = 0x80 | (c & 0x3f);
    }
  }
}

/** `load_list_from_range`'s checks; returns the length as an unsigned number. */
export function checkList(cx: LiftLowerContext, ptr: number, length: number, size: number, align: number): number {
  ptr >>>= 0;
  length >>>= 0;
  const bytes = length * size;
  if (bytes > MAX_LIST_BYTE_LENGTH) trap(`list length exceeds 2^28-1 bytes: ${length} elements of ${size} bytes`);
  checkRange(cx, ptr, bytes, align);
  return length;
}

/** Allocates a list of `n` elements in `dcx` (the generic path's one realloc); elements are written by the caller. */
export function allocList(
  scx: LiftLowerContext,
  dcx: LiftLowerContext,
  n: number,
  size: number,
  align: number,
): number {
  const bytes = n * size;
  const dp = allocate(dcx, align, bytes);
  checkRange(dcx, dp, bytes, align);
  revalidate(scx);
  return dp;
}

/** A list of scalars (elements bit-identical in both memories): allocation and one bulk copy. */
export function copyList(
  scx: LiftLowerContext,
  dcx: LiftLowerContext,
  ptr: number,
  n: number,
  size: number,
  align: number,
): number {
  const dp = allocList(scx, dcx, n, size, align);
  copyBytes(scx.u8, ptr >>> 0, dcx.u8, dp, n * size, scx.buffer === dcx.buffer);
  return dp;
}

/** `list<char>` elements must be Unicode scalar values (checked before anything is allocated). */
export function checkChars(cx: LiftLowerContext, ptr: number, n: number): void {
  const dv = cx.dv;
  ptr >>>= 0;
  for (let i = 0; i < n; i++) {
    const c = dv.getUint32(ptr + 4 * i, true);
    if (c >= 0x110000 || (c >= 0xd800 && c <= 0xdfff)) trap(`invalid char: 0x${c.toString(16)}`);
  }
}

/** `list<bool>` after a byte copy: any non-zero byte is `true`, stored as 1. */
export function fixBools(cx: LiftLowerContext, p: number, n: number): void {
  const u8 = cx.u8;
  for (let i = 0; i < n; i++) if (u8[p + i] > 1) u8[p + i] = 1;
}

/** NaNs are stored as the canonical NaN (deterministic profile), as the generic store does. */
export function fixF32s(cx: LiftLowerContext, p: number, n: number): void {
  const dv = cx.dv;
  for (let i = 0; i < n; i++) {
    const b = dv.getUint32(p + 4 * i, true);
    if ((b & 0x7fffffff) > 0x7f800000) dv.setUint32(p + 4 * i, 0x7fc00000, true);
  }
}

export function fixF64s(cx: LiftLowerContext, p: number, n: number): void {
  const dv = cx.dv;
  for (let i = 0; i < n; i++) {
    const q = p + 8 * i;
    const hi = dv.getUint32(q + 4, true) & 0x7fffffff;
    if (hi > 0x7ff00000 || (hi === 0x7ff00000 && dv.getUint32(q, true) !== 0)) {
      dv.setUint32(q, 0, true);
      dv.setUint32(q + 4, 0x7ff80000, true);
    }
  }
}

/** One value (a spilled parameter tuple) allocated in `dcx`. */
export function allocValue(scx: LiftLowerContext, dcx: LiftLowerContext, size: number, align: number): number {
  const dp = allocate(dcx, align, size);
  checkRange(dcx, dp, size, align);
  revalidate(scx);
  return dp;
}

export const crossMemory = Object.freeze({
  measureString,
  copyString,
  checkList,
  allocList,
  copyList,
  checkChars,
  fixBools,
  fixF32s,
  fixF64s,
  allocValue,
});
