// Flattening: core signatures for lift vs lower, spilling of > 16 params and
// > 1 results, variant joins with their bit-level coercions, and the
// lift/lower-values drivers (realloc'd tuple, return pointer, out-pointer).
import { describe, expect, it } from 'vitest';
import {
  bool,
  char,
  CoreValueIter,
  enumType,
  f32,
  f64,
  flags,
  flattenFunctionType,
  fixedList,
  join,
  liftFlat,
  liftFlatValues,
  list,
  lowerFlat,
  lowerFlatValues,
  MAX_FLAT_PARAMS,
  MAX_FLAT_RESULTS,
  option,
  record,
  result,
  s32,
  s64,
  string,
  tuple,
  u16,
  u32,
  u64,
  u8,
  variant,
  type AbiType,
  type CoreType,
} from '../src/index.js';
import { makeMem } from './helpers.js';

const rep = (t: AbiType, n: number) => Array.from({ length: n }, () => t);

describe('join', () => {
  const ts: CoreType[] = ['i32', 'i64', 'f32', 'f64'];
  const want: Record<string, CoreType> = {
    'i32,i32': 'i32',
    'i32,i64': 'i64',
    'i32,f32': 'i32',
    'i32,f64': 'i64',
    'i64,i64': 'i64',
    'i64,f32': 'i64',
    'i64,f64': 'i64',
    'f32,f32': 'f32',
    'f32,f64': 'i64',
    'f64,f64': 'f64',
  };
  const cases = ts.flatMap((a) => ts.map((b) => [a, b] as const));
  it.each(cases)('join(%s, %s)', (a, b) => {
    const key = ts.indexOf(a) <= ts.indexOf(b) ? `${a},${b}` : `${b},${a}`;
    expect(join(a, b)).toBe(want[key]);
  });
});

describe('flatten_functype', () => {
  const cases: [string, AbiType[], AbiType | undefined, 'lift' | 'lower', CoreType[], CoreType[]][] = [
    ['no params', [], undefined, 'lift', [], []],
    ['u32 → u32', [u32], u32, 'lift', ['i32'], ['i32']],
    ['16 u32 params (limit)', rep(u32, 16), undefined, 'lift', rep(u32, 16).map(() => 'i32'), []],
    ['17 u32 params spill (lift)', rep(u32, 17), undefined, 'lift', ['i32'], []],
    ['17 u32 params spill (lower)', rep(u32, 17), undefined, 'lower', ['i32'], []],
    ['8 strings = 16 flat', rep(string, 8), undefined, 'lower', rep(u32, 16).map(() => 'i32'), []],
    ['9 strings spill', rep(string, 9), undefined, 'lower', ['i32'], []],
    ['string result (lift): return pointer', [], string, 'lift', [], ['i32']],
    ['string result (lower): out pointer', [], string, 'lower', ['i32'], []],
    ['u64 result', [u8], u64, 'lower', ['i32'], ['i64']],
    ['f64 result', [f32], f64, 'lift', ['f32'], ['f64']],
    ['tuple result (lower)', [u8, u8], tuple([u8, u8]), 'lower', ['i32', 'i32', 'i32'], []],
    ['option<u8> result (lift)', [], option(u8), 'lift', [], ['i32']],
    ['enum result', [], enumType(['a', 'b']), 'lift', [], ['i32']],
    ['flags result', [], flags(['a']), 'lower', [], ['i32']],
    ['17 params + 2 results (lower)', rep(u8, 17), tuple([u8, u8]), 'lower', ['i32', 'i32'], []],
    [
      'record param',
      [
        record([
          ['a', u64],
          ['b', f32],
        ]),
      ],
      undefined,
      'lift',
      ['i64', 'f32'],
      [],
    ],
    ['fixed list param', [fixedList(f64, 3)], undefined, 'lift', ['f64', 'f64', 'f64'], []],
    ['fixed list of 17 spills', [fixedList(u8, 17)], undefined, 'lift', ['i32'], []],
    [
      'variant param',
      [
        variant([
          ['a', f32],
          ['b', u64],
        ]),
      ],
      undefined,
      'lift',
      ['i32', 'i64'],
      [],
    ],
  ];
  it.each(cases)('%s', (_n, params, res, ctx, p, r) => {
    expect(flattenFunctionType({ params, result: res }, ctx)).toEqual({ params: p, results: r });
  });
  it('async lower: params > 4 spill, results via out pointer, i32 status result', () => {
    expect(flattenFunctionType({ params: rep(u32, 5), result: u32 }, 'lower', { async: true })).toEqual({
      params: ['i32', 'i32'],
      results: ['i32'],
    });
    expect(flattenFunctionType({ params: rep(u32, 4) }, 'lower', { async: true })).toEqual({
      params: ['i32', 'i32', 'i32', 'i32'],
      results: ['i32'],
    });
  });
  it('async lift: callback → i32 result, otherwise none', () => {
    expect(flattenFunctionType({ params: [u32], result: string }, 'lift', { async: true, callback: true })).toEqual({
      params: ['i32'],
      results: ['i32'],
    });
    expect(flattenFunctionType({ params: [u32], result: string }, 'lift', { async: true })).toEqual({
      params: ['i32'],
      results: [],
    });
  });
  it('limits', () => {
    expect(MAX_FLAT_PARAMS).toBe(16);
    expect(MAX_FLAT_RESULTS).toBe(1);
  });
});

function lowerAll(t: AbiType, v: unknown): unknown[] {
  const { cx } = makeMem();
  const out: unknown[] = [];
  lowerFlat(cx, v, t, out);
  return out;
}
function liftAll(t: AbiType, core: unknown[]): unknown {
  const { cx } = makeMem();
  const vi = new CoreValueIter(core);
  const v = liftFlat(cx, vi, t);
  expect(vi.done()).toBe(true);
  return v;
}

describe('variant payload coercions', () => {
  const fv = variant([['f', f32], ['d', f64], ['i', u32], ['l', u64], ['n']]);
  const cases: [string, AbiType, unknown, unknown[]][] = [
    [
      'f32 → i32 slot',
      variant([
        ['a', f32],
        ['b', u32],
      ]),
      { tag: 'a', val: 1.5 },
      [0, 0x3fc00000],
    ],
    [
      'u32 in i32 slot',
      variant([
        ['a', f32],
        ['b', u32],
      ]),
      { tag: 'b', val: 7 },
      [1, 7],
    ],
    ['f32 → i64 slot', fv, { tag: 'f', val: -2 }, [0, 0xc0000000n]],
    ['f64 → i64 slot', fv, { tag: 'd', val: 1 }, [1, 0x3ff0000000000000n]],
    ['u32 → i64 slot (zero-extended)', fv, { tag: 'i', val: 0xffffffff }, [2, 0xffffffffn]],
    ['u64 in i64 slot', fv, { tag: 'l', val: 2n ** 64n - 1n }, [3, 2n ** 64n - 1n]],
    ['no payload pads with i64 zero', fv, { tag: 'n' }, [4, 0n]],
    ['f32 NaN → canonical bits', fv, { tag: 'f', val: NaN }, [0, 0x7fc00000n]],
    ['f64 NaN → canonical bits', fv, { tag: 'd', val: NaN }, [1, 0x7ff8000000000000n]],
    [
      's32 -1 zero-extends',
      variant([
        ['a', s32],
        ['b', s64],
      ]),
      { tag: 'a', val: -1 },
      [0, 0xffffffffn],
    ],
    [
      'same f64 slot no coercion',
      variant([
        ['a', f64],
        ['b', f64],
      ]),
      { tag: 'b', val: 2.5 },
      [1, 2.5],
    ],
    [
      'same f32 slot no coercion',
      variant([
        ['a', f32],
        ['b', f32],
      ]),
      { tag: 'a', val: 0.5 },
      [0, 0.5],
    ],
    [
      'string vs u64 joins',
      variant([
        ['s', string],
        ['n', u64],
      ]),
      { tag: 'n', val: 5n },
      [1, 5n, 0],
    ],
    ['result<f32, u64> ok', result(f32, u64), { tag: 'ok', val: 1 }, [0, 0x3f800000n]],
    ['result<f32, u64> err', result(f32, u64), { tag: 'err', val: 9n }, [1, 9n]],
    ['option<f64> none', option(f64), undefined, [0, 0]],
    ['option<u64> none', option(u64), undefined, [0, 0n]],
    ['option<option<u8>> inner none', option(option(u8)), { tag: 'some', val: undefined }, [1, 0, 0]],
    ['option<option<u8>> some some', option(option(u8)), { tag: 'some', val: 3 }, [1, 1, 3]],
    ['option<option<u8>> none', option(option(u8)), { tag: 'none' }, [0, 0, 0]],
    [
      'tuple payload f32,f32 vs u32',
      variant([
        ['a', u32],
        ['b', tuple([f32, f32])],
      ]),
      { tag: 'b', val: [1, 2] },
      [1, 0x3f800000, 2],
    ],
    [
      'tuple payload u32 pads f32 slot',
      variant([
        ['a', u32],
        ['b', tuple([f32, f32])],
      ]),
      { tag: 'a', val: 4 },
      [0, 4, 0],
    ],
    [
      'nested variant in payload',
      variant([
        [
          'a',
          variant([
            ['x', f32],
            ['y', u8],
          ]),
        ],
        ['b', u64],
      ]),
      { tag: 'a', val: { tag: 'x', val: 1 } },
      [0, 0n, 0x3f800000],
    ],
  ];
  it.each(cases)('%s: lower', (_n, t, v, core) => expect(lowerAll(t, v)).toEqual(core));
  it.each(cases)('%s: lift', (_n, t, v, core) => {
    const back = liftAll(t, core);
    if (t.kind === 'result' && (v as { val?: unknown }).val === undefined)
      expect(back).toEqual({ ...(v as object), val: undefined });
    else expect(back).toEqual(v);
  });
  it('i64 slot read for an i32 case wraps to 32 bits', () => {
    expect(liftAll(fv, [2, 0x1_0000_0005n])).toEqual({ tag: 'i', val: 5 });
  });
  it('i64 slot with NaN bits lifts f32 as NaN', () => {
    const r = liftAll(fv, [0, 0xffc00001n]) as { val: number };
    expect(Number.isNaN(r.val)).toBe(true);
  });
  it('wasm delivers signed i64: -1n in a u64 case lifts as 2^64-1', () => {
    expect(liftAll(fv, [3, -1n])).toEqual({ tag: 'l', val: 2n ** 64n - 1n });
  });
  it.each([
    [variant([['a'], ['b']]), [2]],
    [enumType(['a', 'b', 'c']), [3]],
    [option(u8), [2, 0]],
    [result(u8, u8), [2, 0]],
    [result(), [-1]],
  ] as const)('invalid discriminant traps (%#)', (t, core) => {
    expect(() => liftAll(t, [...core])).toThrow(/invalid discriminant/);
  });
});

describe('lift/lower flat values', () => {
  it('≤ 16 flat params are passed directly', () => {
    const { cx } = makeMem();
    const ts = rep(u32, 16);
    const vs = ts.map((_, i) => i);
    const flat = lowerFlatValues(cx, MAX_FLAT_PARAMS, vs, ts);
    expect(flat).toEqual(vs);
    expect(liftFlatValues(cx, MAX_FLAT_PARAMS, new CoreValueIter(flat), ts)).toEqual(vs);
  });
  it.each([17, 20, 40])('%i params spill to a realloc-ed tuple', (n) => {
    const m = makeMem();
    const ts = rep(u8, n).map((t, i) => (i % 3 === 0 ? u64 : t));
    const vs = ts.map((t, i) => (t === u64 ? BigInt(i) * 1000000000000n : i));
    const flat = lowerFlatValues(m.cx, MAX_FLAT_PARAMS, vs, ts);
    expect(flat).toHaveLength(1);
    expect(m.calls).toHaveLength(1);
    expect(m.calls[0].align).toBe(8);
    expect(m.calls[0].newSize).toBe(tuple(ts).size);
    expect(liftFlatValues(m.cx, MAX_FLAT_PARAMS, new CoreValueIter(flat), ts)).toEqual(vs);
  });
  it('> 1 result: lifting reads the returned pointer', () => {
    const m = makeMem();
    const dv = new DataView(m.memory.buffer);
    dv.setUint32(64, 1200, true);
    dv.setUint32(68, 3, true);
    new Uint8Array(m.memory.buffer).set([104, 105, 33], 1200);
    expect(liftFlatValues(m.cx, MAX_FLAT_RESULTS, new CoreValueIter([64]), [string])).toEqual(['hi!']);
  });
  it('> 1 result: lowering writes to the caller-supplied out pointer', () => {
    const m = makeMem();
    const flat = lowerFlatValues(m.cx, MAX_FLAT_RESULTS, [[7, 8n]], [tuple([u8, u64])], new CoreValueIter([256]));
    expect(flat).toEqual([]);
    const dv = new DataView(m.memory.buffer);
    expect([dv.getUint8(256), dv.getBigUint64(264, true)]).toEqual([7, 8n]);
    expect(m.calls).toHaveLength(0);
  });
  it.each([
    [[3], /misaligned pointer/],
    [[65536 - 8], /out of bounds/],
    [[-8], /out of bounds/],
  ] as const)('spilled pointer %j is checked', (core, re) => {
    const m = makeMem();
    expect(() => liftFlatValues(m.cx, MAX_FLAT_RESULTS, new CoreValueIter([...core]), [tuple([u32, u64])])).toThrow(re);
  });
  it('misaligned out pointer traps', () => {
    const m = makeMem();
    expect(() =>
      lowerFlatValues(m.cx, MAX_FLAT_RESULTS, [[1, 2]], [tuple([u32, u32])], new CoreValueIter([2])),
    ).toThrow(/misaligned/);
  });
  it('realloc result for spilled params is checked', () => {
    const m = makeMem();
    (m.cx.opts as { realloc: unknown }).realloc = () => 65535;
    expect(() => lowerFlatValues(m.cx, MAX_FLAT_PARAMS, new Array<number>(17).fill(0), rep(u8, 17))).toThrow(
      /out of bounds/,
    );
  });
  const scalarFlat: [AbiType, unknown, unknown[]][] = [
    [bool, true, [1]],
    [char, 'é', [0xe9]],
    [u16, 65535, [65535]],
    [s64, -5n, [-5n]],
    [f32, 0.5, [0.5]],
    [enumType(['x', 'y']), 'y', [1]],
    [flags(['a', 'b', 'c']), { a: true, c: true }, [5]],
    [flags(Array.from({ length: 40 }, (_, i) => `f${i}`)), { f0: true, f39: true }, [1, 0x80]],
    [
      record([
        ['x', u8],
        ['y', f64],
      ]),
      { x: 1, y: 2 },
      [1, 2],
    ],
    [tuple([u8, string]), [1, ''], [1, 1024, 0]],
    [fixedList(u8, 3), [1, 2, 3], [1, 2, 3]],
  ];
  it.each(scalarFlat)('lower_flat %o', (t, v, core) => expect(lowerAll(t, v)).toEqual(core));
});
