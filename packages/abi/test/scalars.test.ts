// Scalar pairs: every integer type at its bounds through store/load and
// lower/lift, wrap-on-lift of oversized core values, range errors on host
// input, bool from non-0/1, chars, and NaN canonicalization.
import { describe, expect, it } from 'vitest';
import {
  bool,
  char,
  CoreValueIter,
  f32,
  f64,
  liftFlat,
  load,
  lowerFlat,
  s16,
  s32,
  s64,
  s8,
  store,
  Trap,
  u16,
  u32,
  u64,
  u8,
  type AbiType,
} from '../src/index.js';
import { makeMem } from './helpers.js';

const small: [AbiType, number, number][] = [
  [u8, 0, 255],
  [s8, -128, 127],
  [u16, 0, 65535],
  [s16, -32768, 32767],
  [u32, 0, 4294967295],
  [s32, -2147483648, 2147483647],
];
const big: [AbiType, bigint, bigint][] = [
  [u64, 0n, 18446744073709551615n],
  [s64, -9223372036854775808n, 9223372036854775807n],
];

function liftOne(t: AbiType, core: unknown[]): unknown {
  const { cx } = makeMem();
  return liftFlat(cx, new CoreValueIter(core), t);
}
function lowerOne(t: AbiType, v: unknown): unknown[] {
  const { cx } = makeMem();
  const out: unknown[] = [];
  lowerFlat(cx, v, t, out);
  return out;
}
function memRoundTrip(t: AbiType, v: unknown): unknown {
  const { cx } = makeMem();
  store(cx, v, t, 64);
  return load(cx, 64, t);
}

describe('integers at their bounds', () => {
  const cases = small.flatMap(([t, lo, hi]) =>
    [lo, hi, 0, lo + 1, hi - 1, Math.floor((lo + hi) / 2)].map((v) => [t.kind, t, v] as const),
  );
  it.each(cases)('%s %s: memory round trip', (_k, t, v) => expect(memRoundTrip(t, v)).toBe(v));
  it.each(cases)('%s %s: flat round trip', (_k, t, v) => expect(liftOne(t, lowerOne(t, v))).toBe(v));
  const bigCases = big.flatMap(([t, lo, hi]) =>
    [lo, hi, 0n, lo + 1n, hi - 1n, 1234567890123n].map((v) => [t.kind, t, v] as const),
  );
  it.each(bigCases)('%s %s: memory round trip', (_k, t, v) => expect(memRoundTrip(t, v)).toBe(v));
  it.each(bigCases)('%s %s: flat round trip', (_k, t, v) => expect(liftOne(t, lowerOne(t, v))).toBe(v));
});

describe('out-of-range host input is rejected (no coercion)', () => {
  const bad = small.flatMap(([t, lo, hi]) =>
    [lo - 1, hi + 1, 0.5, NaN, Infinity, hi * 4 + 3].map((v) => [t.kind, t, v] as const),
  );
  it.each(bad)('%s rejects %s with RangeError', (_k, t, v) => {
    expect(() => lowerOne(t, v)).toThrow(RangeError);
    expect(() => memRoundTrip(t, v)).toThrow(RangeError);
  });
  const wrongType = small.flatMap(([t]) => ['1', null, undefined, {}, true].map((v) => [t.kind, t, v] as const));
  it.each(wrongType)('%s rejects %s with TypeError', (_k, t, v) => {
    expect(() => lowerOne(t, v)).toThrow(TypeError);
  });
  it('u8 given 300 → RangeError', () => expect(() => lowerOne(u8, 300)).toThrow(RangeError));
  const bigBad = big.flatMap(([t, lo, hi]) => [lo - 1n, hi + 1n, 2n ** 70n].map((v) => [t.kind, t, v] as const));
  it.each(bigBad)('%s rejects %s', (_k, t, v) => expect(() => lowerOne(t, v)).toThrow(RangeError));
  it.each([
    [u64, -1],
    [u64, 1.5],
    [s64, 2 ** 60],
  ] as const)('%s rejects non-safe/negative number %s', (t, v) => expect(() => lowerOne(t, v)).toThrow(RangeError));
  it.each([
    [u64, 42, 42n],
    [s64, -42, -42n],
  ] as const)('%s accepts the exact number %s', (t, v, want) => expect(lowerOne(t, v)).toEqual([want]));
});

describe('lift_flat wraps core values to the target width', () => {
  const wraps: [AbiType, unknown, unknown][] = [
    [u8, 0x1ff, 0xff],
    [u8, -1, 255],
    [u8, 256, 0],
    [s8, 0x80, -128],
    [s8, 0xff, -1],
    [s8, 0x17f, 127],
    [u16, 0x1ffff, 0xffff],
    [u16, -1, 65535],
    [s16, 0x8000, -32768],
    [s16, 0xffff, -1],
    [u32, -1, 4294967295],
    [u32, -2147483648, 2147483648],
    [s32, 4294967295, -1],
    [s32, 2147483648, -2147483648],
    [u64, -1n, 18446744073709551615n],
    [s64, 18446744073709551615n, -1n],
    [u64, 2n ** 63n, 2n ** 63n],
    [s64, 2n ** 63n, -(2n ** 63n)],
  ];
  it.each(wraps)('%o', (t, core, want) => expect(liftOne(t, [core])).toBe(want));
});

describe('bool', () => {
  it.each([0, 1, 2, 255, -1, 0x100, 0x7fffffff])('flat i32 %s lifts to (≠ 0)', (i) =>
    expect(liftOne(bool, [i])).toBe(i !== 0),
  );
  it.each([0, 1, 2, 0x80, 0xff])('memory byte %s loads to (≠ 0)', (b) => {
    const { cx, memory } = makeMem();
    new Uint8Array(memory.buffer)[10] = b;
    expect(load(cx, 10, bool)).toBe(b !== 0);
  });
  it.each([
    [true, 1],
    [false, 0],
  ] as const)('lowers %s to %s', (v, i) => {
    expect(lowerOne(bool, v)).toEqual([i]);
    const { cx, memory } = makeMem();
    store(cx, v, bool, 5);
    expect(new Uint8Array(memory.buffer)[5]).toBe(i);
  });
  it.each([0, 1, 'true', null])('rejects non-boolean %s', (v) => expect(() => lowerOne(bool, v)).toThrow(TypeError));
});

describe('char', () => {
  const valid = [0, 0x41, 0x7f, 0x80, 0xff, 0x100, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff];
  it.each(valid)('U+%s round trips', (cp) => {
    const s = String.fromCodePoint(cp);
    expect(lowerOne(char, s)).toEqual([cp]);
    expect(liftOne(char, [cp])).toBe(s);
    expect(memRoundTrip(char, s)).toBe(s);
  });
  const invalid = [0xd800, 0xdbff, 0xdc00, 0xdfff, 0x110000, 0x7fffffff, -1];
  it.each(invalid)('i32 %s traps with invalid char', (i) => {
    expect(() => liftOne(char, [i])).toThrow(Trap);
    expect(() => liftOne(char, [i])).toThrow(/invalid char/);
    const { cx, memory } = makeMem();
    new DataView(memory.buffer).setInt32(16, i, true);
    expect(() => load(cx, 16, char)).toThrow(/invalid char/);
  });
  it.each(['', 'ab', '\uD800', 1, 'é!'])('host char %j rejected', (v) => expect(() => lowerOne(char, v)).toThrow());
});

describe('NaN canonicalization', () => {
  const f32Nans = [0x7fc00000, 0x7fc00001, 0xffc00000, 0x7f800001, 0xffffffff, 0x7fffffff];
  it.each(f32Nans)('f32 bits 0x%s load as NaN and store back canonical', (bits) => {
    const { cx, memory } = makeMem();
    const dv = new DataView(memory.buffer);
    dv.setUint32(8, bits, true);
    const v = load(cx, 8, f32);
    expect(Number.isNaN(v)).toBe(true);
    store(cx, v, f32, 16);
    expect(dv.getUint32(16, true)).toBe(0x7fc00000);
  });
  const f64Nans = [
    0x7ff8000000000000n,
    0x7ff8000000000001n,
    0xfff8000000000000n,
    0x7ff0000000000001n,
    0xffffffffffffffffn,
  ];
  it.each(f64Nans)('f64 bits %s load as NaN and store back canonical', (bits) => {
    const { cx, memory } = makeMem();
    const dv = new DataView(memory.buffer);
    dv.setBigUint64(8, bits, true);
    const v = load(cx, 8, f64);
    expect(Number.isNaN(v)).toBe(true);
    store(cx, v, f64, 16);
    expect(dv.getBigUint64(16, true)).toBe(0x7ff8000000000000n);
  });
  it.each([
    [f32, NaN],
    [f64, NaN],
  ] as const)('%s NaN lowers to NaN and lifts to NaN', (t, v) => {
    expect(Number.isNaN(liftOne(t, lowerOne(t, v)))).toBe(true);
  });
  const finite = [0, -0, 1.5, -2.25, 3.4028234663852886e38, Math.fround(1e-45), Infinity, -Infinity];
  it.each(finite)('f32 %s round trips exactly', (v) => {
    expect(Object.is(memRoundTrip(f32, v), v)).toBe(true);
    expect(Object.is(liftOne(f32, lowerOne(f32, v)), v)).toBe(true);
  });
  const finite64 = [0, -0, 0.1, Math.PI, Number.MAX_VALUE, Number.MIN_VALUE, -Infinity];
  it.each(finite64)('f64 %s round trips exactly', (v) => {
    expect(Object.is(memRoundTrip(f64, v), v)).toBe(true);
    expect(Object.is(liftOne(f64, lowerOne(f64, v)), v)).toBe(true);
  });
  it('f32 rounds host numbers to single precision', () => expect(memRoundTrip(f32, 0.1)).toBe(Math.fround(0.1)));
  it.each([f32, f64])('%s rejects non-numbers', (t) => expect(() => lowerOne(t, '1')).toThrow(TypeError));
});
