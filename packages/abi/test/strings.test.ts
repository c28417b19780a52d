// Strings: 3 encodings × tricky strings through lower/lift and store/load,
// all 9 transcoding pairs with the hint, the spec's realloc sequences,
// decoding traps, and ranges at the top of memory.
import { describe, expect, it } from 'vitest';
import {
  CoreValueIter,
  liftFlat,
  load,
  loadStringFromRange,
  loadStringHinted,
  lowerFlat,
  store,
  storeStringHinted,
  storeStringIntoRange,
  string,
  Trap,
  UTF16_TAG,
  type StringEncoding,
} from '../src/index.js';
import { makeMem } from './helpers.js';

const encodings: StringEncoding[] = ['utf8', 'utf16', 'latin1+utf16'];
const tricky: [string, string][] = [
  ['empty', ''],
  ['ascii', 'hello, world'],
  ['nul', 'a\0b'],
  ['latin1', 'café ÿ ñ ß'],
  ['c1 controls', '\u0080\u0085\u009f'],
  ['bmp', '日本語 — ∑ ✓'],
  ['astral', '😀𝄞🎉'],
  ['mixed', 'aé日😀z'],
  ['bom', '\uFEFFbom'],
  ['max bmp', '\uFFFF\uE000\uD7FF'],
  ['long ascii', 'x'.repeat(1000)],
  ['long latin1', 'é'.repeat(700) + 'abc'],
  ['long mixed', 'ab日😀é'.repeat(400)],
];

function expectedBytes(s: string, enc: StringEncoding): { bytes: number[]; len: number } {
  const utf16 = () => {
    const b: number[] = [];
    for (let i = 0; i < s.length; i++) b.push(s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8);
    return b;
  };
  if (enc === 'utf8') {
    const b = [...new TextEncoder().encode(s)];
    return { bytes: b, len: b.length };
  }
  if (enc === 'utf16') return { bytes: utf16(), len: s.length };
  if ([...s].every((c) => c.charCodeAt(0) < 256)) return { bytes: [...s].map((c) => c.charCodeAt(0)), len: s.length };
  return { bytes: utf16(), len: (s.length | UTF16_TAG) >>> 0 };
}

/** Writes `s` in encoding `enc` at a fresh location and returns [ptr, tagged length]. */
function writeRaw(m: ReturnType<typeof makeMem>, s: string, enc: StringEncoding): [number, number] {
  const { bytes, len } = expectedBytes(s, enc);
  const ptr = 4096;
  new Uint8Array(m.memory.buffer).set(bytes, ptr);
  m.top.value = ptr + bytes.length + 16;
  return [ptr, len];
}

describe('host strings in every encoding', () => {
  const cases = encodings.flatMap((e) => tricky.map(([n, s]) => [e, n, s] as const));
  it.each(cases)('%s / %s: lower_flat writes the exact encoding and lifts back', (enc, _n, s) => {
    const m = makeMem(enc);
    const out: unknown[] = [];
    lowerFlat(m.cx, s, string, out);
    const [ptr, len] = out as [number, number];
    const want = expectedBytes(s, enc);
    expect(len).toBe(want.len);
    expect(m.bytes(ptr, want.bytes.length)).toEqual(want.bytes);
    expect(liftFlat(m.cx, new CoreValueIter(out), string)).toBe(s);
    // The final allocation is exactly the encoded size.
    expect(m.calls.at(-1)!.newSize).toBe(want.bytes.length);
  });
  it.each(cases)('%s / %s: store/load through a string slot', (enc, _n, s) => {
    const m = makeMem(enc);
    store(m.cx, s, string, 16);
    expect(load(m.cx, 16, string)).toBe(s);
  });
});

describe('transcoding between every pair of encodings', () => {
  const cases = encodings.flatMap((src) =>
    encodings.flatMap((dst) => tricky.map(([n, s]) => [src, dst, n, s] as const)),
  );
  it.each(cases)('%s → %s / %s', (src, dst, _n, s) => {
    const a = makeMem(src);
    const [ptr, len] = writeRaw(a, s, src);
    const h = loadStringHinted(a.cx, ptr, len);
    expect(h.value).toBe(s);
    expect(h.encoding).toBe(src);
    const b = makeMem(dst);
    const p2 = storeStringHinted(b.cx, h.value, h.encoding, h.taggedCodeUnits);
    const want = expectedBytes(s, dst);
    expect(b.cx.lastLength).toBe(want.len);
    expect(b.bytes(p2, want.bytes.length)).toEqual(want.bytes);
    expect(loadStringFromRange(b.cx, p2, b.cx.lastLength)).toBe(s);
    expect(b.calls.at(-1)!.newSize).toBe(want.bytes.length);
  });
});

describe('realloc sequences follow the spec', () => {
  const seq = (enc: StringEncoding, s: string, src?: [StringEncoding, number]) => {
    const m = makeMem(enc);
    if (src) storeStringHinted(m.cx, s, src[0], src[1]);
    else storeStringIntoRange(m.cx, s);
    return m.calls.map((c) => [c.oldSize, c.align, c.newSize]);
  };
  it.each([
    // A host string (no hint): one allocation of the exact size.
    ['utf8', 'abc', undefined, [[0, 1, 3]]],
    ['utf8', '', undefined, [[0, 1, 0]]],
    ['utf8', 'aé', undefined, [[0, 1, 3]]],
    ['utf8', '日本', undefined, [[0, 1, 6]]],
    ['latin1+utf16', 'aé', undefined, [[0, 2, 2]]],
    ['latin1+utf16', 'a日', undefined, [[0, 2, 4]]],
    // utf16 source → utf8: optimistic, worst case 3×, shrink
    [
      'utf8',
      'aé',
      ['utf16', 2],
      [
        [0, 1, 2],
        [2, 1, 6],
        [6, 1, 3],
      ],
    ],
    [
      'utf8',
      '日本',
      ['utf16', 2],
      [
        [0, 1, 2],
        [2, 1, 6],
      ],
    ],
    // latin1 source → utf8: worst case 2×
    [
      'utf8',
      'é',
      ['latin1+utf16', 1],
      [
        [0, 1, 1],
        [1, 1, 2],
      ],
    ],
    ['utf8', 'aé', ['utf8', 3], [[0, 1, 3]]],
    ['utf16', 'aé', undefined, [[0, 2, 4]]],
    // utf8 source → utf16: worst case 2 bytes per utf8 byte, then shrink
    [
      'utf16',
      'aé',
      ['utf8', 3],
      [
        [0, 2, 6],
        [6, 2, 4],
      ],
    ],
    ['utf16', 'ab', ['utf8', 2], [[0, 2, 4]]],
    ['utf16', 'é', ['latin1+utf16', 1], [[0, 2, 2]]],
    // → latin1+utf16 from utf16/utf8: speculate latin1
    ['latin1+utf16', 'aé', ['utf16', 2], [[0, 2, 2]]],
    [
      'latin1+utf16',
      'a日',
      ['utf16', 2],
      [
        [0, 2, 2],
        [2, 2, 4],
      ],
    ],
    [
      'latin1+utf16',
      'aé',
      ['utf8', 3],
      [
        [0, 2, 3],
        [3, 2, 2],
      ],
    ],
    [
      'latin1+utf16',
      'a日',
      ['utf8', 4],
      [
        [0, 2, 4],
        [4, 2, 8],
        [8, 2, 4],
      ],
    ],
    // latin1+utf16 → latin1+utf16
    ['latin1+utf16', 'ab', ['latin1+utf16', 2], [[0, 2, 2]]],
    [
      'latin1+utf16',
      'ab',
      ['latin1+utf16', (2 | UTF16_TAG) >>> 0],
      [
        [0, 2, 4],
        [4, 1, 2],
      ],
    ],
    ['latin1+utf16', 'a日', ['latin1+utf16', (2 | UTF16_TAG) >>> 0], [[0, 2, 4]]],
  ] as const)('%s %j from %j', (enc, s, src, want) => {
    expect(seq(enc, s, src as [StringEncoding, number] | undefined)).toEqual(want);
  });
});

describe('decoding traps', () => {
  const badUtf8: [string, number[]][] = [
    ['lone continuation', [0x80]],
    ['0xff', [0x61, 0xff]],
    ['overlong', [0xc0, 0x80]],
    ['encoded surrogate', [0xed, 0xa0, 0x80]],
    ['truncated', [0xe6, 0x97]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ];
  const pad = (b: number[], long: boolean) => (long ? [...new Array(40).fill(0x61), ...b] : b);
  it.each(badUtf8.flatMap(([n, b]) => [false, true].map((l) => [n, l, pad(b, l)] as const)))(
    'utf8 %s (long=%s) traps',
    (_n, _l, bytes) => {
      const m = makeMem('utf8');
      new Uint8Array(m.memory.buffer).set(bytes, 100);
      expect(() => loadStringFromRange(m.cx, 100, bytes.length)).toThrow(Trap);
      expect(() => loadStringFromRange(m.cx, 100, bytes.length)).toThrow(/invalid utf-8/);
    },
  );
  const badUtf16: [string, number[]][] = [
    ['lone high', [0xd800]],
    ['lone low', [0xdc00]],
    ['reversed pair', [0xdc00, 0xd800]],
    ['high then ascii', [0xd83d, 0x41]],
  ];
  const cases16 = (['utf16', 'latin1+utf16'] as const).flatMap((enc) =>
    badUtf16.flatMap(([n, u]) =>
      [false, true].map((l) => [enc, n, l, l ? [...new Array(40).fill(0x61), ...u] : u] as const),
    ),
  );
  it.each(cases16)('%s %s (long=%s) traps', (enc, _n, _l, units) => {
    const m = makeMem(enc);
    const dv = new DataView(m.memory.buffer);
    units.forEach((u, i) => dv.setUint16(100 + 2 * i, u, true));
    const len = enc === 'utf16' ? units.length : (units.length | UTF16_TAG) >>> 0;
    expect(() => loadStringFromRange(m.cx, 100, len)).toThrow(/invalid utf-16/);
  });
  it('latin-1 bytes 0x80..0x9f are U+0080..U+009F (not windows-1252)', () => {
    const m = makeMem('latin1+utf16');
    const bytes = Array.from({ length: 256 }, (_, i) => i);
    new Uint8Array(m.memory.buffer).set(bytes, 200);
    const s = loadStringFromRange(m.cx, 200, 256);
    expect([...s].map((c) => c.charCodeAt(0))).toEqual(bytes);
  });
});

describe('ranges, alignment and limits', () => {
  const size = 65536;
  it.each(encodings)('%s: a string ending exactly at the top of memory loads', (enc) => {
    const m = makeMem(enc);
    const s = 'top!';
    const { bytes, len } = expectedBytes(s, enc);
    new Uint8Array(m.memory.buffer).set(bytes, size - bytes.length);
    expect(loadStringFromRange(m.cx, size - bytes.length, len)).toBe(s);
  });
  it.each(encodings)('%s: one code unit past the top of memory traps out of bounds', (enc) => {
    const m = makeMem(enc);
    const len = enc === 'utf8' ? 5 : enc === 'utf16' ? 3 : (3 | UTF16_TAG) >>> 0;
    expect(() => loadStringFromRange(m.cx, size - 4, len)).toThrow(/out of bounds/);
    if (enc === 'latin1+utf16') expect(() => loadStringFromRange(m.cx, size - 4, 5)).toThrow(/out of bounds/);
  });
  it.each(encodings.flatMap((e) => [0xfffffff0, 0xffffffff, 0x80000000].map((p) => [e, p] as const)))(
    '%s: pointer 0x%s near 2^32 traps',
    (enc, p) => {
      const m = makeMem(enc);
      expect(() => loadStringFromRange(m.cx, p & ~1, 4)).toThrow(/out of bounds/);
    },
  );
  it.each(['utf16', 'latin1+utf16'] as const)('%s: odd pointer traps misaligned', (enc) => {
    const m = makeMem(enc);
    const len = enc === 'utf16' ? 1 : (1 | UTF16_TAG) >>> 0;
    expect(() => loadStringFromRange(m.cx, 101, len)).toThrow(/misaligned pointer/);
  });
  it('latin1 in latin1+utf16 mode may still need an aligned pointer', () => {
    const m = makeMem('latin1+utf16');
    expect(() => loadStringFromRange(m.cx, 101, 1)).toThrow(/misaligned/);
  });
  it.each([
    ['utf8', 2 ** 28],
    ['utf16', 2 ** 27],
    ['latin1+utf16', ((2 ** 27) | UTF16_TAG) >>> 0],
    ['latin1+utf16', 2 ** 28],
  ] as const)('%s: byte length past 2^28-1 traps (len %s)', (enc, len) => {
    const m = makeMem(enc);
    expect(() => loadStringFromRange(m.cx, 0, len)).toThrow(/exceeds 2\^28-1/);
  });
  it.each(encodings)('%s: storing a 200k-char string grows memory and refreshes views', (enc) => {
    const m = makeMem(enc);
    const s = 'ab日'.repeat(70000);
    const out: unknown[] = [];
    lowerFlat(m.cx, s, string, out);
    expect(m.memory.buffer.byteLength).toBeGreaterThan(65536);
    expect(liftFlat(m.cx, new CoreValueIter(out), string)).toBe(s);
  });
  it.each(encodings)('%s: realloc returning an out-of-bounds pointer traps', (enc) => {
    const m = makeMem(enc);
    (m.cx.opts as { realloc: unknown }).realloc = () => 65534;
    expect(() => storeStringIntoRange(m.cx, 'hello')).toThrow(/out of bounds/);
  });
  it.each(['utf16', 'latin1+utf16'] as const)('%s: realloc returning a misaligned pointer traps', (enc) => {
    const m = makeMem(enc);
    (m.cx.opts as { realloc: unknown }).realloc = () => 101;
    expect(() => storeStringIntoRange(m.cx, 'hello')).toThrow(/misaligned/);
  });
  it.each([['\uD800'], ['a\uDFFFb'], [42], [null]])('host value %j is rejected with TypeError', (v) => {
    const m = makeMem();
    expect(() => lowerFlat(m.cx, v, string, [])).toThrow(TypeError);
  });
});
