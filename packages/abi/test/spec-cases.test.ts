// Cases transcribed from the categories of the spec's own test script
// (test_pairs, test_heap): lift a core value / raw bytes, compare with the
// expected host value or a trap, then lower back.
import { describe, expect, it } from 'vitest';
import {
  bool,
  char,
  CoreValueIter,
  enumType,
  f32,
  flags,
  liftFlat,
  list,
  loadListFromRange,
  lowerFlat,
  s16,
  s32,
  s64,
  s8,
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

const TRAP = Symbol('trap');
const pairs: [string, AbiType, [unknown, unknown][]][] = [
  [
    'bool',
    bool,
    [
      [0, false],
      [1, true],
      [2, true],
      [4294967295, true],
    ],
  ],
  [
    'u8',
    u8,
    [
      [127, 127],
      [128, 128],
      [255, 255],
      [256, 0],
      [4294967295, 255],
      [4294967168, 128],
      [4294967167, 127],
    ],
  ],
  [
    's8',
    s8,
    [
      [127, 127],
      [128, -128],
      [255, -1],
      [256, 0],
      [4294967295, -1],
      [4294967168, -128],
      [4294967167, 127],
    ],
  ],
  [
    'u16',
    u16,
    [
      [32767, 32767],
      [32768, 32768],
      [65535, 65535],
      [65536, 0],
      [2 ** 32 - 1, 65535],
      [2 ** 32 - 32768, 32768],
      [2 ** 32 - 32769, 32767],
    ],
  ],
  [
    's16',
    s16,
    [
      [32767, 32767],
      [32768, -32768],
      [65535, -1],
      [65536, 0],
      [2 ** 32 - 1, -1],
      [2 ** 32 - 32768, -32768],
      [2 ** 32 - 32769, 32767],
    ],
  ],
  [
    'u32',
    u32,
    [
      [2 ** 31 - 1, 2 ** 31 - 1],
      [2 ** 31, 2 ** 31],
      [2 ** 32 - 1, 2 ** 32 - 1],
    ],
  ],
  [
    's32',
    s32,
    [
      [2 ** 31 - 1, 2 ** 31 - 1],
      [2 ** 31, -(2 ** 31)],
      [2 ** 32 - 1, -1],
    ],
  ],
  [
    'u64',
    u64,
    [
      [2n ** 63n - 1n, 2n ** 63n - 1n],
      [2n ** 63n, 2n ** 63n],
      [2n ** 64n - 1n, 2n ** 64n - 1n],
    ],
  ],
  [
    's64',
    s64,
    [
      [2n ** 63n - 1n, 2n ** 63n - 1n],
      [2n ** 63n, -(2n ** 63n)],
      [2n ** 64n - 1n, -1n],
    ],
  ],
  ['f32', f32, [[Math.fround(3.14), Math.fround(3.14)]]],
  [
    'char',
    char,
    [
      [0, '\0'],
      [65, 'A'],
      [0xd7ff, '\uD7FF'],
      [0xd800, TRAP],
      [0xdfff, TRAP],
      [0xe000, '\uE000'],
      [0x10ffff, '\u{10FFFF}'],
      [0x110000, TRAP],
      [0xffffffff, TRAP],
    ],
  ],
  [
    'enum',
    enumType(['a', 'b']),
    [
      [0, 'a'],
      [1, 'b'],
      [2, TRAP],
    ],
  ],
];

describe('test_pairs', () => {
  const cases = pairs.flatMap(([n, t, ps]) => ps.map(([core, v]) => [n, String(core), t, core, v] as const));
  it.each(cases)('%s: %s', (_n, _c, t, core, want) => {
    const { cx } = makeMem();
    const lift = () => liftFlat(cx, new CoreValueIter([core]), t);
    if (want === TRAP) {
      expect(lift).toThrow(/invalid/);
      return;
    }
    expect(lift()).toEqual(want);
    const out: unknown[] = [];
    lowerFlat(cx, want, t, out);
    // Lowering yields the same core value modulo the type's width.
    expect(liftFlat(cx, new CoreValueIter(out), t)).toEqual(want);
  });
});

const heap: [string, AbiType, unknown, number, number, number[]][] = [
  ['list<bool>', bool, [true, false, true], 0, 3, [1, 0, 1]],
  ['list<bool> non-0/1', bool, [true, false, true], 0, 3, [1, 0, 2]],
  ['list<bool> offset', bool, [true, false], 3, 2, [0xff, 0xff, 0xff, 1, 0]],
  ['list<u8>', u8, new Uint8Array([1, 2, 3]), 0, 3, [1, 2, 3]],
  ['list<s8>', s8, new Int8Array([-1, 2]), 0, 2, [0xff, 2]],
  ['list<u16>', u16, new Uint16Array([1, 0xffff]), 0, 2, [1, 0, 0xff, 0xff]],
  ['list<u16> misaligned', u16, TRAP, 1, 1, [0, 1, 0]],
  ['list<char> surrogate', char, TRAP, 0, 1, [0x00, 0xd8, 0, 0]],
  ['list<char>', char, ['A', '😀'], 0, 2, [65, 0, 0, 0, 0x00, 0xf6, 0x01, 0]],
  [
    'list<string>',
    string,
    ['hi', 'wat'],
    0,
    2,
    [16, 0, 0, 0, 2, 0, 0, 0, 21, 0, 0, 0, 3, 0, 0, 0, 104, 105, 0xf, 0xf, 0xf, 119, 97, 116],
  ],
  [
    'list<list<u8>>',
    list(u8),
    [new Uint8Array([3, 4, 5]), new Uint8Array([]), new Uint8Array([6, 7])],
    0,
    3,
    [24, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 27, 0, 0, 0, 2, 0, 0, 0, 3, 4, 5, 6, 7],
  ],
  ['list<list<u16>>', list(u16), [new Uint16Array([5, 6])], 0, 1, [8, 0, 0, 0, 2, 0, 0, 0, 5, 0, 6, 0]],
  ['list<list<u16>> misaligned inner', list(u16), TRAP, 0, 1, [9, 0, 0, 0, 2, 0, 0, 0, 0, 5, 0, 6, 0]],
  [
    'list<tuple<u8,u8,u16,u32>>',
    tuple([u8, u8, u16, u32]),
    [
      [6, 7, 8, 9],
      [4, 5, 6, 7],
    ],
    0,
    2,
    [6, 7, 8, 0, 9, 0, 0, 0, 4, 5, 6, 0, 7, 0, 0, 0],
  ],
  [
    'list<tuple<u8,u16,u8,u32>> padding ignored',
    tuple([u8, u16, u8, u32]),
    [
      [6, 7, 8, 9],
      [4, 5, 6, 7],
    ],
    0,
    2,
    [6, 0xff, 7, 0, 8, 0xff, 0xff, 0xff, 9, 0, 0, 0, 4, 0xff, 5, 0, 6, 0xff, 0xff, 0xff, 7, 0, 0, 0],
  ],
  [
    'list<tuple<u16,u8>>',
    tuple([u16, u8]),
    [
      [6, 7],
      [8, 9],
    ],
    0,
    2,
    [6, 0, 7, 0xff, 8, 0, 9, 0xff],
  ],
  [
    'list<tuple<tuple<u16,u8>,u8>>',
    tuple([tuple([u16, u8]), u8]),
    [
      [[4, 5], 6],
      [[7, 8], 9],
    ],
    0,
    2,
    [4, 0, 5, 0xff, 6, 0xff, 7, 0, 8, 0xff, 9, 0xff],
  ],
  [
    'list<variant{a,b(u8)}>',
    variant([['a'], ['b', u8]]),
    [{ tag: 'a' }, { tag: 'b', val: 0x42 }],
    0,
    2,
    [0, 0xff, 1, 0x42],
  ],
  ['list<variant{a,b(u8)}> bad disc', variant([['a'], ['b', u8]]), TRAP, 0, 2, [0, 0xff, 2, 0x42]],
  [
    'list<variant{a(u8),b(u16)}>',
    variant([
      ['a', u8],
      ['b', u16],
    ]),
    [
      { tag: 'a', val: 0xf },
      { tag: 'b', val: 0x42 },
    ],
    0,
    2,
    [0, 0xff, 0xf, 0xff, 1, 0xff, 0x42, 0],
  ],
  [
    'list<flags{a,b}>',
    flags(['a', 'b']),
    [
      { a: false, b: false },
      { a: false, b: true },
      { a: true, b: true },
    ],
    0,
    3,
    [0, 2, 3],
  ],
  [
    'list<flags{a,b}> high bits ignored',
    flags(['a', 'b']),
    [
      { a: false, b: false },
      { a: false, b: true },
      { a: false, b: false },
    ],
    0,
    3,
    [0, 2, 4],
  ],
  ['list<u8> out of bounds', u8, TRAP, 65535, 2, []],
];

describe('test_heap', () => {
  it.each(heap)('%s', (_n, elem, want, ptr, len, bytes) => {
    const m = makeMem();
    new Uint8Array(m.memory.buffer).set(bytes, 0);
    const lift = () => loadListFromRange(m.cx, ptr, len, elem);
    if (want === TRAP) expect(lift).toThrow(/misaligned|invalid|out of bounds/);
    else expect(lift()).toEqual(want);
  });
});
