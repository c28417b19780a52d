/** LEB128 / name primitives, padded-LEB preservation and DecodeError messages. */
import { describe, expect, it } from 'vitest';
import { DecodeError, Reader, Writer, decodeComponent, encodeComponent } from '../src/index.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('Reader', () => {
  it('reads u32 LEB128 including the 5-byte maximum', () => {
    expect(new Reader(bytes(0x00)).u32()).toBe(0);
    expect(new Reader(bytes(0x7f)).u32()).toBe(127);
    expect(new Reader(bytes(0x80, 0x01)).u32()).toBe(128);
    expect(new Reader(bytes(0xff, 0xff, 0xff, 0xff, 0x0f)).u32()).toBe(0xffffffff);
    expect(() => new Reader(bytes(0xff, 0xff, 0xff, 0xff, 0x1f)).u32()).toThrow(DecodeError);
    expect(() => new Reader(bytes(0x80, 0x80)).u32()).toThrow(/unexpected end of section at offset 0x2/);
  });

  it('reads signed LEB128 of 32, 33 and 64 bits', () => {
    expect(new Reader(bytes(0x7f)).s32()).toBe(-1);
    expect(new Reader(bytes(0x3f)).s32()).toBe(63);
    expect(new Reader(bytes(0xc0, 0x00)).s33()).toBe(64);
    expect(new Reader(bytes(0x80, 0x80, 0x80, 0x80, 0x78)).s32()).toBe(-0x80000000);
    expect(() => new Reader(bytes(0x80, 0x80, 0x80, 0x80, 0x70)).s32()).toThrow(DecodeError);
    expect(new Reader(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00)).s64()).toBe(
      0x7fffffffffffffffn,
    );
    expect(new Reader(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f)).s64()).toBe(
      -0x8000000000000000n,
    );
    expect(new Reader(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)).u64()).toBe(
      0xffffffffffffffffn,
    );
  });

  it('reads UTF-8 names and rejects invalid UTF-8 with an offset', () => {
    expect(new Reader(bytes(2, 0x68, 0x69)).name()).toBe('hi');
    expect(new Reader(bytes(2, 0xc3, 0xa9)).name()).toBe('é');
    const err = (() => {
      try {
        new Reader(bytes(0, 0, 2, 0xff, 0xfe), 2).name();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).offset).toBe(3);
    expect((err as DecodeError).message).toBe('invalid UTF-8 in name at offset 0x3');
  });

  it('logs padded LEBs so the writer can replay them', () => {
    const r = new Reader(bytes(0x85, 0x80, 0x00, 0x01));
    expect(r.u32()).toBe(5);
    expect(r.u32()).toBe(1);
    expect(r.padLog).toEqual([0, 3]);
    const w = new Writer();
    w.withPadding(r.padLog, () => {
      w.u32(5);
      w.u32(1);
    });
    expect(Array.from(w.finish())).toEqual([0x85, 0x80, 0x00, 0x01]);
  });
});

describe('Writer', () => {
  it('writes canonical LEB128 and padded section sizes', () => {
    const w = new Writer(1);
    w.u32(624485);
    w.s32(-123456);
    w.s64(-1n);
    w.u32(3, 5);
    expect(Array.from(w.finish())).toEqual([0xe5, 0x8e, 0x26, 0xc0, 0xbb, 0x78, 0x7f, 0x83, 0x80, 0x80, 0x80, 0x00]);
  });
});

describe('non-canonical encodings survive a round trip', () => {
  it('padded section sizes and padded LEBs inside sections', () => {
    // (component (type (func)) (export "f" (type 0))) with a 5-byte section size and a padded vector count
    const input = bytes(
      0x00,
      0x61,
      0x73,
      0x6d,
      0x0d,
      0x00,
      0x01,
      0x00,
      0x07,
      0x87,
      0x80,
      0x80,
      0x80,
      0x00, // type section, size 7 in 5 bytes
      0x81,
      0x80,
      0x00, // count 1 in 3 bytes
      0x40,
      0x00,
      0x01,
      0x00, // func () -> ()
    );
    const c = decodeComponent(input);
    expect(c.sections[0].sizeWidth).toBe(5);
    expect(Array.from(encodeComponent(c))).toEqual(Array.from(input));
  });
});
