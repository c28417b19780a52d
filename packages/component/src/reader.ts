/**
 * Binary reader over a Uint8Array. Deliberately DataView-free and
 * allocation-free on the hot paths (LEB128 with a one-byte fast path), because
 * decoding sits under the runtime's instantiation path.
 *
 * Byte-identical re-encoding: the spec allows non-canonical (padded) LEB128
 * encodings. Instead of storing a width next to every integer in the model,
 * the reader logs the rare padded LEBs as (offset relative to `padBase`,
 * width) pairs into `padLog`; sections keep that log and the writer replays it
 * at the same relative positions (which coincide as long as the section is
 * re-encoded unchanged; for an edited model the padding is still harmless).
 */
import { DecodeError } from './errors.js';

/** Maximum nesting of components / component types / module types. */
export const MAX_DEPTH = 100;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class Reader {
  readonly bytes: Uint8Array;
  pos: number;
  /** Exclusive end of the region currently being read (section / item bound). */
  end: number;
  /** Padded-LEB log: flat [relOffset, width, relOffset, width, ...]. */
  padLog: number[] | null = null;
  padBase = 0;
  /** Nesting depth of recursive constructs (guards against stack exhaustion). */
  depth = 0;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  fail(message: string, offset = this.pos): never {
    throw new DecodeError(message, offset);
  }

  /** Enter a nested construct; deep nesting is reported, not a stack overflow. */
  enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
  }

  leave(): void {
    this.depth--;
  }

  eof(): boolean {
    return this.pos >= this.end;
  }

  private eofError(): never {
    throw new DecodeError('unexpected end of section', this.pos);
  }

  u8(): number {
    if (this.pos >= this.end) this.eofError();
    return this.bytes[this.pos++];
  }

  peek(): number {
    if (this.pos >= this.end) this.eofError();
    return this.bytes[this.pos];
  }

  /** Read `n` raw bytes as a zero-copy view. */
  take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.end) this.eofError();
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private logPad(start: number, width: number): void {
    (this.padLog ??= []).push(start - this.padBase, width);
  }

  u32(): number {
    const b = this.bytes;
    const start = this.pos;
    if (start < this.end) {
      const x = b[start];
      if (x < 0x80) {
        this.pos = start + 1;
        return x;
      }
    }
    let result = 0;
    let shift = 0;
    let p = start;
    for (;;) {
      if (p >= this.end) {
        this.pos = p;
        this.eofError();
      }
      const x = b[p++];
      if (shift === 28) {
        // 5th byte: only 4 payload bits remain and no continuation allowed.
        if (x & 0xf0) throw new DecodeError('invalid u32 LEB128 (too long or out of range)', p - 1);
        result = (result | (x << 28)) >>> 0;
        break;
      }
      result |= (x & 0x7f) << shift;
      shift += 7;
      if (!(x & 0x80)) break;
    }
    result >>>= 0;
    this.pos = p;
    const width = p - start;
    if (width > leb32Width(result)) this.logPad(start, width);
    return result;
  }

  /** Signed 32-bit LEB128. */
  s32(): number {
    return this.smallSleb() ?? Number(this.sleb(32));
  }

  /** Signed 33-bit LEB128 (heap types / block types / component valtype indices). */
  s33(): number {
    return this.smallSleb() ?? Number(this.sleb(33));
  }

  /**
   * Fast path for canonical 1-3 byte signed LEBs (type indices < 2^20):
   * plain number arithmetic, no BigInt. Returns null to use the general path.
   */
  private smallSleb(): number | null {
    const b = this.bytes;
    const p = this.pos;
    if (p >= this.end) return null;
    const x0 = b[p];
    if (x0 < 0x80) {
      this.pos = p + 1;
      return x0 & 0x40 ? x0 - 0x80 : x0;
    }
    if (p + 1 >= this.end) return null;
    const x1 = b[p + 1];
    if (x1 < 0x80) {
      // Canonical only: a padded form (redundant sign byte) goes to the general path, which logs it.
      if (x1 === 0 && !(x0 & 0x40)) return null;
      if (x1 === 0x7f && x0 & 0x40) return null;
      this.pos = p + 2;
      const v = (x0 & 0x7f) | (x1 << 7);
      return x1 & 0x40 ? v - (1 << 14) : v;
    }
    return null;
  }

  s64(): bigint {
    return this.sleb(64);
  }

  /** Unsigned 64-bit LEB128 (memory64 limits). */
  u64(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const x = this.u8();
      if (shift === 63n && (x & 0xfe) !== 0) this.fail('invalid u64 LEB128', this.pos - 1);
      result |= BigInt(x & 0x7f) << shift;
      shift += 7n;
      if (!(x & 0x80)) break;
    }
    const width = this.pos - start;
    if (width > ulebWidthBig(result)) this.logPad(start, width);
    return result;
  }

  private sleb(bits: number): bigint {
    const start = this.pos;
    const maxBytes = Math.ceil(bits / 7);
    // Fast path: small values fit in a JS number.
    let result = 0n;
    let shift = 0;
    let x: number;
    let count = 0;
    for (;;) {
      x = this.u8();
      count++;
      if (count === maxBytes) {
        // Final byte: continuation must be clear and unused bits must be a
        // sign-extension of the last used bit.
        if (x & 0x80) this.fail(`invalid s${bits} LEB128 (too long)`, this.pos - 1);
        const used = bits - shift; // payload bits used in this byte
        if (used < 7) {
          const signBit = (x >> (used - 1)) & 1;
          const rest = x >> used; // bits above the used ones (within 7)
          const expected = signBit ? 0x7f >> used : 0;
          if (rest !== expected) this.fail(`invalid s${bits} LEB128 (out of range)`, this.pos - 1);
        }
      }
      result |= BigInt(x & 0x7f) << BigInt(shift);
      shift += 7;
      if (!(x & 0x80)) break;
    }
    if (shift < 64 + 7 && x & 0x40) result -= 1n << BigInt(shift);
    result = BigInt.asIntN(bits > 64 ? 64 : bits, result);
    const width = this.pos - start;
    if (width > slebWidth(result)) this.logPad(start, width);
    return result;
  }

  /** A length-prefixed UTF-8 name. */
  name(): string {
    const len = this.u32();
    const start = this.pos;
    if (len > this.end - start) this.fail('unexpected end of section (name length)', start);
    const b = this.bytes;
    const stop = start + len;
    // ASCII fast path avoids TextDecoder for the common short identifiers.
    if (len <= 64) {
      let s = '';
      let i = start;
      for (; i < stop; i++) {
        const c = b[i];
        if (c >= 0x80) break;
        s += String.fromCharCode(c);
      }
      if (i === stop) {
        this.pos = stop;
        return s;
      }
    }
    let s: string;
    try {
      s = utf8.decode(b.subarray(start, stop));
    } catch {
      this.fail('invalid UTF-8 in name', start);
    }
    this.pos = stop;
    return s;
  }

  /** Read a vector length and sanity-check it against the remaining bytes. */
  count(): number {
    const at = this.pos;
    const n = this.u32();
    // Every element takes at least one byte: reject absurd counts early so a
    // corrupted length cannot make us allocate huge arrays.
    if (n > this.end - this.pos) this.fail(`vector length ${n} exceeds remaining bytes`, at);
    return n;
  }
}

export function leb32Width(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

function ulebWidthBig(v: bigint): number {
  let n = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    n++;
  }
  return n;
}

export function slebWidth(v: bigint): number {
  let n = 1;
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0)) return n;
    n++;
  }
}
