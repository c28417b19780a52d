// Layout: size/alignment/flattening of every type constructor, record
// padding, discriminant widths, flags widths, and exact heap bytes for lists
// of every element type, flags, maps and fixed-length lists.
import { describe, expect, it } from 'vitest';
import {
  alignment,
  bool,
  borrow,
  char,
  despecialize,
  elemSize,
  enumType,
  f32,
  f64,
  fixedList,
  flags,
  flattenType,
  list,
  load,
  loadListFromRange,
  map,
  option,
  own,
  record,
  ResourceType,
  result,
  s16,
  s32,
  s64,
  s8,
  store,
  string,
  tuple,
  u16,
  u32,
  u64,
  u8,
  variant,
  type AbiType,
} from '../src/index.js';
import { makeMem } from './helpers.js';

const R = new ResourceType('r');
const names = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);

const table: [string, AbiType, number, number, string[]][] = [
  ['bool', bool, 1, 1, ['i32']],
  ['s8', s8, 1, 1, ['i32']],
  ['u8', u8, 1, 1, ['i32']],
  ['s16', s16, 2, 2, ['i32']],
  ['u16', u16, 2, 2, ['i32']],
  ['s32', s32, 4, 4, ['i32']],
  ['u32', u32, 4, 4, ['i32']],
  ['s64', s64, 8, 8, ['i64']],
  ['u64', u64, 8, 8, ['i64']],
  ['f32', f32, 4, 4, ['f32']],
  ['f64', f64, 8, 8, ['f64']],
  ['char', char, 4, 4, ['i32']],
  ['string', string, 8, 4, ['i32', 'i32']],
  ['list<u8>', list(u8), 8, 4, ['i32', 'i32']],
  ['list<u64>', list(u64), 8, 4, ['i32', 'i32']],
  ['list<u8, 3>', fixedList(u8, 3), 3, 1, ['i32', 'i32', 'i32']],
  ['list<u32, 4>', fixedList(u32, 4), 16, 4, ['i32', 'i32', 'i32', 'i32']],
  ['list<f64, 2>', fixedList(f64, 2), 16, 8, ['f64', 'f64']],
  ['list<string, 2>', fixedList(string, 2), 16, 4, ['i32', 'i32', 'i32', 'i32']],
  ['map<string, u32>', map(string, u32), 8, 4, ['i32', 'i32']],
  [
    'record{u8,u32,u8}',
    record([
      ['a', u8],
      ['b', u32],
      ['c', u8],
    ]),
    12,
    4,
    ['i32', 'i32', 'i32'],
  ],
  [
    'record{u8,u16}',
    record([
      ['a', u8],
      ['b', u16],
    ]),
    4,
    2,
    ['i32', 'i32'],
  ],
  [
    'record{u64,u8}',
    record([
      ['a', u64],
      ['b', u8],
    ]),
    16,
    8,
    ['i64', 'i32'],
  ],
  [
    'record{u8,u8,u8}',
    record([
      ['a', u8],
      ['b', u8],
      ['c', u8],
    ]),
    3,
    1,
    ['i32', 'i32', 'i32'],
  ],
  [
    'record{string,u8}',
    record([
      ['a', string],
      ['b', u8],
    ]),
    12,
    4,
    ['i32', 'i32', 'i32'],
  ],
  [
    'record{u8,f64,u16}',
    record([
      ['a', u8],
      ['b', f64],
      ['c', u16],
    ]),
    24,
    8,
    ['i32', 'f64', 'i32'],
  ],
  ['tuple<u8,u16,u8>', tuple([u8, u16, u8]), 6, 2, ['i32', 'i32', 'i32']],
  ['tuple<f32,u64>', tuple([f32, u64]), 16, 8, ['f32', 'i64']],
  ['variant{a,b}', variant([['a'], ['b']]), 1, 1, ['i32']],
  [
    'variant{a(u8),b(u64)}',
    variant([
      ['a', u8],
      ['b', u64],
    ]),
    16,
    8,
    ['i32', 'i64'],
  ],
  [
    'variant{a(f32),b(u32)}',
    variant([
      ['a', f32],
      ['b', u32],
    ]),
    8,
    4,
    ['i32', 'i32'],
  ],
  [
    'variant{a(f32),b(f64)}',
    variant([
      ['a', f32],
      ['b', f64],
    ]),
    16,
    8,
    ['i32', 'i64'],
  ],
  [
    'variant{a(f64),b(f64)}',
    variant([
      ['a', f64],
      ['b', f64],
    ]),
    16,
    8,
    ['i32', 'f64'],
  ],
  [
    'variant{a(f32),b(f32)}',
    variant([
      ['a', f32],
      ['b', f32],
    ]),
    8,
    4,
    ['i32', 'f32'],
  ],
  [
    'variant{a(u32),b(tuple<f32,f32>)}',
    variant([
      ['a', u32],
      ['b', tuple([f32, f32])],
    ]),
    12,
    4,
    ['i32', 'i32', 'f32'],
  ],
  [
    'variant{a(string),b(u64)}',
    variant([
      ['a', string],
      ['b', u64],
    ]),
    16,
    8,
    ['i32', 'i64', 'i32'],
  ],
  ['enum 3', enumType(['a', 'b', 'c']), 1, 1, ['i32']],
  ['enum 256', enumType(names(256)), 1, 1, ['i32']],
  ['enum 257', enumType(names(257)), 2, 2, ['i32']],
  ['enum 65536', enumType(names(65536)), 2, 2, ['i32']],
  ['enum 65537', enumType(names(65537)), 4, 4, ['i32']],
  ['option<u8>', option(u8), 2, 1, ['i32', 'i32']],
  ['option<u32>', option(u32), 8, 4, ['i32', 'i32']],
  ['option<u64>', option(u64), 16, 8, ['i32', 'i64']],
  ['option<string>', option(string), 12, 4, ['i32', 'i32', 'i32']],
  ['option<option<u8>>', option(option(u8)), 3, 1, ['i32', 'i32', 'i32']],
  ['result', result(), 1, 1, ['i32']],
  ['result<u32>', result(u32), 8, 4, ['i32', 'i32']],
  ['result<_, string>', result(undefined, string), 12, 4, ['i32', 'i32', 'i32']],
  ['result<u64, string>', result(u64, string), 16, 8, ['i32', 'i64', 'i32']],
  ['result<f32, f64>', result(f32, f64), 16, 8, ['i32', 'i64']],
  ['flags 1', flags(names(1)), 1, 1, ['i32']],
  ['flags 8', flags(names(8)), 1, 1, ['i32']],
  ['flags 9', flags(names(9)), 2, 2, ['i32']],
  ['flags 16', flags(names(16)), 2, 2, ['i32']],
  ['flags 17', flags(names(17)), 4, 4, ['i32']],
  ['flags 32', flags(names(32)), 4, 4, ['i32']],
  ['flags 33 (legacy N×u32)', flags(names(33)), 8, 4, ['i32', 'i32']],
  ['flags 65 (legacy N×u32)', flags(names(65)), 12, 4, ['i32', 'i32', 'i32']],
  ['own', own(R), 4, 4, ['i32']],
  ['borrow', borrow(R), 4, 4, ['i32']],
];

describe('size, alignment and flattening', () => {
  it.each(table)('%s', (_n, t, size, align, flat) => {
    expect(elemSize(t)).toBe(size);
    expect(alignment(t)).toBe(align);
    expect(flattenType(t)).toEqual(flat);
    expect(size % align).toBe(0);
  });
  it.each([
    ['tuple', tuple([u8, u32]), 'record'],
    ['enum', enumType(['x']), 'variant'],
    ['option', option(u8), 'variant'],
    ['result', result(u8, u8), 'variant'],
    ['map', map(u8, u8), 'list'],
    ['flags', flags(['a']), 'flags'],
    ['string', string, 'string'],
  ] as const)('despecialize %s → %s', (_n, t, kind) => {
    const d = despecialize(t);
    expect(d.kind).toBe(kind);
    expect(d.size).toBe(t.size);
    expect(d.flat).toEqual(t.flat);
  });
  it('result despecializes to ok/error cases', () => {
    const d = despecialize(result(u8, string));
    expect(d.kind === 'variant' && d.cases.map((c) => c.name)).toEqual(['ok', 'error']);
  });
  it('record field offsets include padding', () => {
    const r = record([
      ['a', u8],
      ['b', u32],
      ['c', u8],
      ['d', u64],
    ]);
    expect(r.fields.map((f) => f.offset)).toEqual([0, 4, 8, 16]);
    expect(r.size).toBe(24);
  });
  it.each([() => record([]), () => tuple([]), () => flags([]), () => variant([]), () => fixedList(u8, 0)])(
    'empty types are rejected (%#)',
    (f) => expect(f).toThrow(),
  );
});

/** Little-endian bytes of n-byte integers. */
function le(values: (number | bigint)[], n: number): number[] {
  const out: number[] = [];
  for (const v of values) {
    let x = BigInt.asUintN(n * 8, BigInt(v));
    for (let i = 0; i < n; i++) {
      out.push(Number(x & 0xffn));
      x >>= 8n;
    }
  }
  return out;
}
function f32le(vs: number[]): number[] {
  return [...new Uint8Array(new Float32Array(vs).buffer)];
}
function f64le(vs: number[]): number[] {
  return [...new Uint8Array(new Float64Array(vs).buffer)];
}

const numericLists: [string, AbiType, unknown[], number[], new (n: number) => unknown][] = [
  ['u8', u8, [0, 1, 255], le([0, 1, 255], 1), Uint8Array],
  ['s8', s8, [-128, -1, 127], le([-128, -1, 127], 1), Int8Array],
  ['u16', u16, [0, 513, 65535], le([0, 513, 65535], 2), Uint16Array],
  ['s16', s16, [-32768, -2, 32767], le([-32768, -2, 32767], 2), Int16Array],
  ['u32', u32, [0, 0x01020304, 4294967295], le([0, 0x01020304, 4294967295], 4), Uint32Array],
  ['s32', s32, [-2147483648, -1, 5], le([-2147483648, -1, 5], 4), Int32Array],
  ['u64', u64, [0n, 2n ** 64n - 1n, 258n], le([0n, 2n ** 64n - 1n, 258n], 8), BigUint64Array],
  ['s64', s64, [-(2n ** 63n), -1n, 7n], le([-(2n ** 63n), -1n, 7n], 8), BigInt64Array],
  ['f32', f32, [1.5, -0, Infinity], f32le([1.5, -0, Infinity]), Float32Array],
  ['f64', f64, [Math.PI, -2, 1e300], f64le([Math.PI, -2, 1e300]), Float64Array],
];

describe('lists of numbers: heap bytes and typed arrays', () => {
  const cases = numericLists.flatMap(([n, t, vs, bytes, Ctor]) => [
    [n, 'plain array', t, vs, bytes, Ctor] as const,
    [n, 'typed array', t, (Ctor as unknown as { from(a: unknown[]): unknown }).from(vs), bytes, Ctor] as const,
  ]);
  it.each(cases)('list<%s> from %s', (_n, _how, t, v, bytes, Ctor) => {
    const m = makeMem();
    const lt = list(t);
    store(m.cx, v, lt, 0);
    const dv = new DataView(m.memory.buffer);
    const ptr = dv.getUint32(0, true);
    expect(dv.getUint32(4, true)).toBe(3);
    expect(ptr % t.align).toBe(0);
    expect(m.bytes(ptr, bytes.length)).toEqual(bytes);
    const back = load(m.cx, 0, lt);
    expect(back).toBeInstanceOf(Ctor);
    expect([...(back as Iterable<unknown>)]).toEqual([...(v as Iterable<unknown>)]);
    expect(m.calls).toEqual([{ old: 0, oldSize: 0, align: t.align, newSize: bytes.length, result: ptr }]);
  });
  it.each(numericLists)('empty list<%s> still calls realloc with size 0', (_n, t) => {
    const m = makeMem();
    store(m.cx, [], list(t), 0);
    expect(m.calls.map((c) => c.newSize)).toEqual([0]);
    expect((load(m.cx, 0, list(t)) as ArrayLike<unknown>).length).toBe(0);
  });
  it('lifted typed arrays are copies, not views of memory', () => {
    const m = makeMem();
    store(m.cx, [1, 2, 3], list(u8), 0);
    const a = load(m.cx, 0, list(u8)) as Uint8Array;
    new Uint8Array(m.memory.buffer).fill(9, 1024, 1030);
    expect([...a]).toEqual([1, 2, 3]);
  });
  it('f32 list with non-canonical NaN bits is canonicalized both ways', () => {
    const m = makeMem();
    const src = new Float32Array(2);
    new Uint32Array(src.buffer)[1] = 0xffc00001;
    store(m.cx, src, list(f32), 0);
    const dv = new DataView(m.memory.buffer);
    expect(dv.getUint32(dv.getUint32(0, true) + 4, true)).toBe(0x7fc00000);
    dv.setUint32(dv.getUint32(0, true) + 4, 0x7f800001, true);
    const back = load(m.cx, 0, list(f32)) as Float32Array;
    expect(new Uint32Array(back.buffer)[1]).toBe(0x7fc00000);
  });
});

const rec = record([
  ['a', u8],
  ['b', u32],
]);
const heap: [string, AbiType, unknown, number[]][] = [
  ['list<bool>', list(bool), [true, false, true], [1, 0, 1]],
  ['list<char>', list(char), ['a', '😀'], le([0x61, 0x1f600], 4)],
  [
    'list<record{u8,u32}>',
    list(rec),
    [
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ],
    [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0],
  ],
  [
    'list<tuple<u8,u16>>',
    list(tuple([u8, u16])),
    [
      [1, 0x203],
      [4, 5],
    ],
    [1, 0, 3, 2, 4, 0, 5, 0],
  ],
  ['list<option<u8>>', list(option(u8)), [undefined, 7], [0, 0, 1, 7]],
  ['list<option<u32>>', list(option(u32)), [5, undefined], [1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  [
    'list<result<u8, u16>>',
    list(result(u8, u16)),
    [
      { tag: 'ok', val: 1 },
      { tag: 'err', val: 0x102 },
    ],
    [0, 0, 1, 0, 1, 0, 2, 1],
  ],
  ['list<enum>', list(enumType(['x', 'y', 'z'])), ['z', 'x', 'y'], [2, 0, 1]],
  ['list<flags 9>', list(flags(names(9))), [{ f0: true, f8: true }, { f1: true }], [1, 1, 2, 0]],
  [
    'list<variant{a,b(u16)}>',
    list(variant([['a'], ['b', u16]])),
    [{ tag: 'b', val: 0x304 }, { tag: 'a' }],
    [1, 0, 4, 3, 0, 0, 0, 0],
  ],
  [
    'list<list<u8,2>>',
    list(fixedList(u8, 2)),
    [
      [1, 2],
      [3, 4],
    ],
    [1, 2, 3, 4],
  ],
  ['list<list<u16,3>>', list(fixedList(u16, 3)), [[1, 2, 3]], le([1, 2, 3], 2)],
];

describe('heap layouts of composite elements', () => {
  it.each(heap)('%s', (_n, t, v, bytes) => {
    const m = makeMem();
    store(m.cx, v, t, 0);
    const ptr = new DataView(m.memory.buffer).getUint32(0, true);
    expect(m.bytes(ptr, bytes.length)).toEqual(bytes);
    const back = load(m.cx, 0, t);
    const norm = (x: unknown) =>
      JSON.parse(
        JSON.stringify(x, (_k, y) =>
          y === undefined ? null : ArrayBuffer.isView(y) ? Array.from(y as Uint8Array) : y,
        ),
      );
    if ((t as { elem?: AbiType }).elem?.kind === 'flags') {
      expect((back as Record<string, boolean>[])[0].f8).toBe(true);
      expect((back as Record<string, boolean>[])[1].f0).toBe(false);
    } else expect(norm(back)).toEqual(norm(v));
  });
  it('list<string> elements are (ptr, len) pairs', () => {
    const m = makeMem();
    store(m.cx, ['ab', '', 'xyz'], list(string), 0);
    const dv = new DataView(m.memory.buffer);
    const p = dv.getUint32(0, true);
    expect([4, 12, 20].map((o) => dv.getUint32(p + o, true))).toEqual([2, 0, 3]);
    expect(load(m.cx, 0, list(string))).toEqual(['ab', '', 'xyz']);
  });
  it('list<list<u8>> nests pointers', () => {
    const m = makeMem();
    store(m.cx, [[1], [2, 3]], list(list(u8)), 0);
    const back = load(m.cx, 0, list(list(u8))) as Uint8Array[];
    expect(back.map((a) => [...a])).toEqual([[1], [2, 3]]);
  });
});

describe('flags bit layouts', () => {
  const cases: [number, Record<string, boolean>, number[]][] = [
    [1, { f0: true }, [1]],
    [8, { f0: true, f7: true }, [0x81]],
    [9, { f0: true, f8: true }, [1, 1]],
    [9, { f8: true }, [0, 1]],
    [16, { f15: true }, [0, 0x80]],
    [17, { f16: true }, [0, 0, 1, 0]],
    [17, { f0: true, f16: true }, [1, 0, 1, 0]],
    [32, { f31: true }, [0, 0, 0, 0x80]],
    [32, { f0: true, f31: true }, [1, 0, 0, 0x80]],
    [33, { f32: true }, [0, 0, 0, 0, 1, 0, 0, 0]],
    [33, { f31: true, f32: true }, [0, 0, 0, 0x80, 1, 0, 0, 0]],
    [64, { f63: true }, [0, 0, 0, 0, 0, 0, 0, 0x80]],
  ];
  it.each(cases)('%i flags %j', (n, v, bytes) => {
    const m = makeMem();
    const t = flags(names(n));
    store(m.cx, v, t, 8);
    expect(m.bytes(8, bytes.length)).toEqual(bytes);
    const back = load(m.cx, 8, t) as Record<string, boolean>;
    expect(Object.keys(back)).toHaveLength(n);
    for (let i = 0; i < n; i++) expect(back[`f${i}`]).toBe(v[`f${i}`] === true);
  });
  it('unknown bits above the flag count are ignored on load', () => {
    const m = makeMem();
    new Uint8Array(m.memory.buffer)[8] = 0xff;
    expect(load(m.cx, 8, flags(['a', 'b']))).toEqual({ a: true, b: true });
  });
});

describe('maps and fixed-length lists', () => {
  it('map<string, u32> is a list of (string, u32) tuples', () => {
    const m = makeMem();
    const t = map(string, u32);
    store(
      m.cx,
      new Map([
        ['a', 1],
        ['bc', 2],
      ]),
      t,
      0,
    );
    const dv = new DataView(m.memory.buffer);
    const p = dv.getUint32(0, true);
    expect(dv.getUint32(4, true)).toBe(2);
    expect([
      dv.getUint32(p + 4, true),
      dv.getUint32(p + 8, true),
      dv.getUint32(p + 16, true),
      dv.getUint32(p + 20, true),
    ]).toEqual([1, 1, 2, 2]);
    expect(load(m.cx, 0, t)).toEqual(
      new Map([
        ['a', 1],
        ['bc', 2],
      ]),
    );
  });
  it.each([
    [map(u8, u64), new Map([[1, 2n]]), 16],
    [map(u32, string), new Map([[7, 'x']]), 12],
    [map(string, list(u8)), new Map([['k', new Uint8Array([1])]]), 16],
  ] as const)('map entry sizes (%#)', (t, v, entry) => {
    const m = makeMem();
    expect((t.list.elem as AbiType).size).toBe(entry);
    store(m.cx, v, t, 0);
    expect(load(m.cx, 0, t)).toEqual(v);
  });
  it('maps also accept arrays of pairs', () => {
    const m = makeMem();
    store(m.cx, [[1, 2]], map(u8, u8), 0);
    expect(load(m.cx, 0, map(u8, u8))).toEqual(new Map([[1, 2]]));
  });
  it('fixed-length lists are stored inline', () => {
    const m = makeMem();
    const t = record([
      ['a', u8],
      ['b', fixedList(u16, 3)],
      ['c', u8],
    ]);
    expect(t.fields.map((f) => f.offset)).toEqual([0, 2, 8]);
    store(m.cx, { a: 1, b: [2, 3, 4], c: 5 }, t, 16);
    expect(m.bytes(16, 10)).toEqual([1, 0, 2, 0, 3, 0, 4, 0, 5, 0]);
    expect(m.calls).toHaveLength(0);
    expect(load(m.cx, 16, t)).toEqual({ a: 1, b: new Uint16Array([2, 3, 4]), c: 5 });
  });
  it.each([[[1, 2]], [[1, 2, 3, 4]], ['abc']])('fixed-length list rejects %j', (v) => {
    const m = makeMem();
    expect(() => store(m.cx, v, fixedList(u8, 3), 0)).toThrow(TypeError);
  });
});

describe('list range traps', () => {
  it.each([
    [u8, 2 ** 28],
    [u32, 2 ** 26],
    [u64, 2 ** 25 + 1],
    [string, 2 ** 25],
  ] as const)('list<%o> of %i elements exceeds 2^28-1 bytes', (t, n) => {
    const m = makeMem();
    expect(() => loadListFromRange(m.cx, 0, n, t)).toThrow(/list length exceeds 2\^28-1/);
  });
  it.each([
    [u16, 1],
    [u32, 2],
    [u64, 4],
    [string, 2],
  ] as const)('list<%o> at misaligned pointer %i traps', (t, p) => {
    const m = makeMem();
    expect(() => loadListFromRange(m.cx, p, 1, t)).toThrow(/misaligned pointer/);
  });
  it.each([
    [u8, 65536, 1],
    [u8, 65535, 2],
    [u32, 65532, 2],
    [u8, 0xfffffff0, 1],
  ] as const)('list<%o> at %i × %i traps out of bounds', (t, p, n) => {
    const m = makeMem();
    expect(() => loadListFromRange(m.cx, p, n, t)).toThrow(/out of bounds/);
  });
  it('a list ending exactly at the top of memory loads', () => {
    const m = makeMem();
    expect([...(loadListFromRange(m.cx, 65532, 4, u8) as Uint8Array)]).toEqual([0, 0, 0, 0]);
  });
});
