/**
 * Growable byte writer, the mirror of Reader. Supports replaying a padded-LEB
 * log (see reader.ts) so a decoded section re-encodes byte-identically.
 */
import { leb32Width, slebWidth } from './reader.js';

const utf8 = new TextEncoder();

export class Writer {
  buf: Uint8Array;
  pos = 0;
  /** Padded-LEB replay: relative offset -> width. */
  private pads: Map<number, number> | null = null;
  private padBase = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
  }

  /** Install a padded-LEB log (flat [rel, width,...]) relative to the current position. */
  withPadding(log: readonly number[] | null | undefined, fn: () => void): void {
    const savedPads = this.pads;
    const savedBase = this.padBase;
    if (log && log.length) {
      const m = new Map<number, number>();
      for (let i = 0; i < log.length; i += 2) m.set(log[i], log[i + 1]);
      this.pads = m;
    } else {
      this.pads = null;
    }
    this.padBase = this.pos;
    try {
      fn();
    } finally {
      this.pads = savedPads;
      this.padBase = savedBase;
    }
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const nb = new Uint8Array(size);
    nb.set(this.buf.subarray(0, this.pos));
    this.buf = nb;
  }

  private padWidth(): number {
    return this.pads ? (this.pads.get(this.pos - this.padBase) ?? 0) : 0;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** u32 LEB128; `width` forces a padded encoding (used for section sizes). */
  u32(v: number, width = 0): void {
    const pad = width || this.padWidth();
    const w = pad && pad >= leb32Width(v) && pad <= 5 ? pad : leb32Width(v);
    this.ensure(w);
    for (let i = 0; i < w - 1; i++) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v & 0x7f;
  }

  u64(v: bigint): void {
    const pad = this.padWidth();
    let canonical = 1;
    for (let t = v >> 7n; t > 0n; t >>= 7n) canonical++;
    const w = pad > canonical && pad <= 10 ? pad : canonical;
    this.ensure(w);
    for (let i = 0; i < w - 1; i++) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v & 0x7fn);
  }

  sleb(v: bigint | number, maxBytes = 10): void {
    const pad = this.padWidth();
    if (pad === 0 && typeof v === 'number' && v >= -64 && v < 64) {
      // Single-byte fast path (the common case: small type indices).
      this.u8(v & 0x7f);
      return;
    }
    let x = BigInt(v);
    const canonical = slebWidth(x);
    const w = pad > canonical && pad <= maxBytes ? pad : canonical;
    this.ensure(w);
    for (let i = 0; i < w - 1; i++) {
      this.buf[this.pos++] = Number(x & 0x7fn) | 0x80;
      x >>= 7n;
    }
    this.buf[this.pos++] = Number(x & 0x7fn);
  }

  s32(v: number): void {
    this.sleb(v, 5);
  }
  s33(v: number): void {
    this.sleb(v, 5);
  }
  s64(v: bigint): void {
    this.sleb(v, 10);
  }

  name(s: string): void {
    // ASCII fast path mirrors the reader.
    let ascii = true;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.u32(s.length);
      this.ensure(s.length);
      for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
      return;
    }
    const b = utf8.encode(s);
    this.u32(b.length);
    this.bytes(b);
  }

  /**
   * Write a size-prefixed frame: optional id byte, size (padded to
   * `sizeWidth` when the original was padded), then the body produced by
   * `body` into a scratch writer so the size is known up front.
   *
   * `padLog` = a fresh padded-LEB log for the body (top-level sections), or
   * 'inherit' to keep using the enclosing log (subsections of a custom
   * section, nested frames): the scratch writer's base is shifted so that
   * relative offsets line up with the reader's, assuming the size field has
   * its recorded width.
   */
  frame(
    id: number | null,
    sizeWidth: number,
    padLog: readonly number[] | null | undefined | 'inherit',
    body: (w: Writer) => void,
  ): void {
    const inner = new Writer(64);
    const origin = this.pos + (id === null ? 0 : 1) + (sizeWidth || 1);
    if (padLog === 'inherit') {
      inner.pads = this.pads;
      inner.padBase = this.padBase - origin;
      body(inner);
    } else {
      inner.withPadding(padLog, () => body(inner));
    }
    if (id !== null) this.u8(id);
    this.u32(inner.pos, sizeWidth);
    this.bytes(inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
