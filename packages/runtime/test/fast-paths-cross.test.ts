// Differential test for the specialised component → component adapters of
// strings, lists and composites of them (codegen/cross-*.ts): a caller
// component passes raw core values (pointers and lengths into bytes the test
// wrote into its memory) to a callee component, in every string-encoding
// pair, and the callee returns raw results the test wrote into its memory.
// With `fastPaths` on and off, the outcome (value, or error class: abi Trap
// vs core RuntimeError) and both memories afterwards (which hold the
// callee's log of its core arguments, every realloc call's arguments and
// everything realloc'd and written) must be identical. Independent checks
// decode what arrived against the expected strings and lists.
import { describe, expect, it } from 'vitest';
import { crossStats } from '../src/codegen/cross-call.js';
import { instantiate } from '@wit-ts/runtime';
import { countAssertions, wat } from './helpers.js';
import {
  CASES,
  PAIRS,
  pairsOf,
  fnName,
  MEM_MODULE,
  component,
  camel,
  fresh,
  u16le,
  encode,
  decode,
  u32le,
  poke,
  outcome,
  MEM_BYTES,
  run,
  firstDiff,
  type Fn,
  type Enc,
  type Case,
  type Side,
  type Scenario,
} from './cross-harness.js';

countAssertions('fast-paths-cross');

// Latin-1-only text, 2-byte UTF-8 above U+00FF ('Āā', 'Ω': no Latin-1 form), 3- and 4-byte sequences, long runs.
const STRINGS = [
  '',
  'hello',
  'grüße €',
  '🌍x',
  'café ÿ',
  'Āā',
  'Ωmega',
  'ÿ'.repeat(40),
  'mixed ü 日本 🌍 '.repeat(20),
  'a'.repeat(100),
];
const BAD_UTF8 = [
  [0xc0, 0x80],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0x61, 0xff],
  [0xc3],
  [...Array(40).fill(0x61), 0xf0, 0x9f, 0x8c],
];
const BAD_UTF16 = [
  [0xd800],
  [0xdc00, 0x61],
  [0xdc00, 0xdc00],
  [0x61, 0xdbff],
  [0xd800, 0xd800, 0xdc00],
  [...Array(40).fill(0x61), 0xdfff],
];

const SRC = 0x1000; // where raw argument data goes in the caller's memory
const RAW = 0x6100; // where raw result data goes in the callee's memory

/** Raw arguments/results of a string in encoding `e` at `at`: [ptr, len] and the bytes. */
function strAt(s: string, e: Enc, at: number): { ptr: number; len: number; bytes: Uint8Array } {
  const { bytes: b, len } = encode(s, e);
  return { ptr: at, len, bytes: b };
}

function stringScenarios(c: Case, ce: Enc, ee: Enc): Scenario[] {
  const take = `run-${fnName('take', c, ce, ee)}`;
  const give = `run-${fnName('give', c, ce, ee)}`;
  const out: Scenario[] = [];
  for (const s of STRINGS) {
    const a = strAt(s, ce, SRC);
    out.push({
      label: `take ${JSON.stringify(s.slice(0, 12))}`,
      fn: take,
      args: [a.ptr, a.len],
      pokes: [['caller', SRC, a.bytes]],
    });
    const r = strAt(s, ee, RAW);
    out.push({
      label: `give ${JSON.stringify(s.slice(0, 12))}`,
      fn: give,
      args: [0x5000],
      pokes: [
        ['callee', 0x6000, u32le(r.ptr, r.len)],
        ['callee', RAW, r.bytes],
      ],
    });
  }
  const rawStrings: Array<[string, Uint8Array, number, Enc]> = [];
  for (const b of BAD_UTF8) rawStrings.push([`utf-8 ${b.slice(-4)}`, Uint8Array.from(b), b.length, 'utf8']);
  for (const u of BAD_UTF16) {
    const b = u16le(String.fromCharCode(...u));
    rawStrings.push([`utf-16 ${u.slice(-3)}`, b, u.length, 'utf16']);
    rawStrings.push([`tagged utf-16 ${u.slice(-3)}`, b, (u.length | 0x80000000) >>> 0, 'latin1+utf16']);
  }
  for (const [label, b, len, enc] of rawStrings) {
    if (enc === ce)
      out.push({ label: `take invalid ${label}`, fn: take, args: [SRC, len], pokes: [['caller', SRC, b]] });
    if (enc === ee)
      out.push({
        label: `give invalid ${label}`,
        fn: give,
        args: [0x5000],
        pokes: [
          ['callee', 0x6000, u32le(RAW, len)],
          ['callee', RAW, b],
        ],
      });
  }
  // Bounds, alignment and length limits (caller side, then callee side).
  const ranges: Array<[string, number, number]> = [
    ['out of bounds', 0x1fff0, 100],
    ['end of memory', 0x20000, 0],
    ['past the end', 0x20001, 0],
    ['wrapping', 0xfffffff0, 0x20],
    ['misaligned', SRC + 1, 2],
    ['misaligned empty', SRC + 1, 0],
    ['over the limit', 0, 2 ** 28],
    ['utf-16 over the limit', 0, 2 ** 27],
    ['tagged over the limit', 0, (2 ** 27 + 0x80000000) >>> 0],
    ['tagged misaligned', SRC + 1, 0x80000001],
  ];
  for (const [label, p, l] of ranges) {
    out.push({ label: `take ${label}`, fn: take, args: [p, l], pokes: [['caller', SRC, u32le(0x61626364)]] });
    out.push({
      label: `give ${label}`,
      fn: give,
      args: [0x5000],
      pokes: [
        ['callee', 0x6000, u32le(p, l)],
        ['callee', RAW, u32le(0x61626364)],
      ],
    });
  }
  // Return areas, and the destination's realloc misbehaving.
  const hi = strAt('hi ü', ee, RAW);
  const giveHi: Array<[Side, number, Uint8Array]> = [
    ['callee', 0x6000, u32le(hi.ptr, hi.len)],
    ['callee', RAW, hi.bytes],
  ];
  out.push({ label: 'give, misaligned return area', fn: give, args: [0x5002], pokes: giveHi });
  out.push({ label: 'give, out-of-bounds return area', fn: give, args: [0x1fffc], pokes: giveHi });
  out.push({
    label: 'give, misaligned result pointer',
    fn: give,
    args: [0x5000],
    pokes: giveHi.map(([s, a, b]) => [s, a === 0x6000 ? 0x6002 : a, b]),
  });
  const ab = strAt('ab ü', ce, SRC);
  for (const mode of [1, 2, 3, 4]) {
    out.push({
      label: `take, callee realloc mode ${mode}`,
      fn: take,
      args: [ab.ptr, ab.len],
      pokes: [['caller', SRC, ab.bytes]],
      mode: ['callee', mode],
    });
    out.push({
      label: `give, caller realloc mode ${mode}`,
      fn: give,
      args: [0x5000],
      pokes: giveHi,
      mode: ['caller', mode],
    });
  }
  return out;
}

/** Little-endian bytes of mixed-width fields: [width, value] (width 8 takes a bigint). */
function le(...fields: Array<[1 | 2 | 4 | 8, number | bigint]>): Uint8Array {
  const size = fields.reduce((n, [w]) => n + w, 0);
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  let o = 0;
  for (const [w, v] of fields) {
    if (w === 1) dv.setUint8(o, Number(v));
    else if (w === 2) dv.setUint16(o, Number(v), true);
    else if (w === 4) dv.setUint32(o, Number(v) >>> 0, true);
    else dv.setBigUint64(o, BigInt.asUintN(64, BigInt(v)), true);
    o += w;
  }
  return b;
}

/** Raw memory images of one value: pokes at addresses relative to a base, and its core-value form. */
interface Raw {
  label: string;
  /** Core arguments of `take` (flat form), with data poked into the caller's memory at SRC. */
  args?: unknown[];
  /** Memory form of the value at 0x6000 in the callee (for `give`), data at RAW. */
  result?: Uint8Array;
  /** Extra data: [offset from SRC/RAW, bytes]. */
  data: Array<[number, Uint8Array]>;
}

/** A string's pointer/length and bytes at `base + off` in encoding `e`. */
function str(s: string, e: Enc, base: number, off: number): { ptr: number; len: number; data: [number, Uint8Array] } {
  const { bytes: b, len } = encode(s, e);
  return { ptr: base + off, len, data: [off, b] };
}

/** Scenarios of one case: `take` raws use the caller's encoding and base SRC, `give` raws the callee's and RAW. */
function raws(c: Case, e: Enc, base: number): Raw[] {
  const out: Raw[] = [];
  const list = (label: string, bytes: Uint8Array, n: number, off = 0x100): void => {
    out.push({ label, args: [base + off, n], result: u32le(base + off, n), data: [[off, bytes]] });
  };
  const bad = (label: string, p: number, n: number): void => {
    out.push({ label, args: [p, n], result: u32le(p, n), data: [] });
  };
  switch (c.name) {
    case 'lu32':
      list('three', u32le(1, 2, 0xffffffff), 3);
      list('empty', new Uint8Array(0), 0);
      list('1000', u32le(...Array.from({ length: 1000 }, (_, i) => i * 7919)), 1000);
      bad('misaligned', base + 0x102, 1);
      bad('out of bounds', 0x1fffc, 2);
      bad('over the limit', 0, 2 ** 26);
      bad('at the limit (bounds)', 0, 2 ** 26 - 1);
      bad('wrapping', 0xfffffffc, 2);
      break;
    case 'lu8':
      list('bytes', Uint8Array.of(0, 1, 255, 128), 4, 0x101);
      list(
        'many',
        Uint8Array.from({ length: 300 }, (_, i) => i),
        300,
      );
      bad('over the limit', 0, 2 ** 28);
      bad('end of memory', 0x20000, 0);
      bad('past the end', 0x20001, 0);
      break;
    case 'lf32':
      list('NaNs', u32le(0x7fc00001, 0xffc00000, 0x7f800001, 0x3fc00000, 0x80000000, 0x7f800000), 6);
      bad('misaligned', base + 0x101, 1);
      break;
    case 'lf64':
      list('NaNs', u32le(1, 0x7ff00000, 0, 0x7ff00000, 0, 0xfff80001, 5, 0x3ff00000, 0, 0x7ff80000), 5);
      bad('misaligned', base + 0x104, 1);
      break;
    case 'lbool':
      list('bytes', Uint8Array.of(0, 1, 2, 255, 0x80), 5);
      break;
    case 'lchar':
      list('valid', u32le(0x61, 0x1f30d, 0x10ffff, 0xd7ff, 0xe000), 5);
      list('surrogate', u32le(0x61, 0xd800), 2);
      list('low surrogate', u32le(0xdfff), 1);
      list('too big', u32le(0x110000), 1);
      bad('misaligned', base + 0x102, 1);
      break;
    case 'lu64':
      list('two', u32le(1, 2, 0xffffffff, 0xffffffff), 2);
      bad('misaligned', base + 0x104, 1);
      bad('over the limit', 0, 2 ** 25);
      break;
    case 'lstr': {
      const ss = ['a', 'grüße', '', '🌍 日本', 'ÿ'];
      const parts = ss.map((s, i) => str(s, e, base, 0x200 + 0x40 * i));
      const descs = u32le(...parts.flatMap((p) => [p.ptr, p.len]));
      out.push({
        label: 'five',
        args: [base + 0x100, 5],
        result: u32le(base + 0x100, 5),
        data: [[0x100, descs], ...parts.map((p) => p.data)],
      });
      const invalid = e === 'utf8' ? Uint8Array.of(0xc0, 0x80) : u16le('\ud800');
      const bl = e === 'latin1+utf16' ? 0x80000001 : e === 'utf8' ? 2 : 1;
      const d2 = u32le(parts[0].ptr, parts[0].len, base + 0x400, bl);
      out.push({
        label: 'invalid second',
        args: [base + 0x100, 2],
        result: u32le(base + 0x100, 2),
        data: [[0x100, d2], parts[0].data, [0x400, invalid]],
      });
      const d3 = u32le(parts[1].ptr, parts[1].len, 0x1fff0, 0x100);
      out.push({
        label: 'out-of-bounds second',
        args: [base + 0x100, 2],
        result: u32le(base + 0x100, 2),
        data: [[0x100, d3], parts[1].data],
      });
      bad('misaligned', base + 0x102, 1);
      break;
    }
    case 'rec':
    case 'lrec': {
      const recs: Array<[number, string, number[], number, number]> = [
        [0x1ff, 'héllo', [1, 0xffff], Math.PI, 0x1f30d],
        [7, '', [], NaN, 0x61],
        [255, 'x'.repeat(70), [5], -0, 0xd800],
      ];
      const mems = recs.map(([a, s, l, f, ch], i) => {
        const sp = str(s, e, base, 0x300 + 0x100 * i);
        const lp = base + 0x380 + 0x100 * i;
        const fb = new DataView(new ArrayBuffer(8));
        fb.setFloat64(0, f, true);
        const mem = le(
          [1, a & 0xff],
          [1, 0],
          [2, 0],
          [4, sp.ptr],
          [4, sp.len],
          [4, lp],
          [4, l.length],
          [4, 0],
          [8, fb.getBigUint64(0, true)],
          [4, ch],
          [4, 0],
        );
        const data: Array<[number, Uint8Array]> = [
          sp.data,
          [0x380 + 0x100 * i, le(...l.map((x) => [2, x] as [2, number]))],
        ];
        return { args: [a, sp.ptr, sp.len, lp, l.length, f, ch], mem, data };
      });
      if (c.name === 'rec') {
        mems.forEach((m, i) => out.push({ label: `record ${i}`, args: m.args, result: m.mem, data: m.data }));
      } else {
        const all = new Uint8Array(40 * 3);
        mems.forEach((m, i) => all.set(m.mem, 40 * i));
        const data = mems.flatMap((m) => m.data);
        out.push({
          label: 'two records',
          args: [base + 0x100, 2],
          result: u32le(base + 0x100, 2),
          data: [[0x100, all], ...data],
        });
        out.push({
          label: 'bad char in third',
          args: [base + 0x100, 3],
          result: u32le(base + 0x100, 3),
          data: [[0x100, all], ...data],
        });
        bad('misaligned', base + 0x104, 1);
      }
      break;
    }
    case 'misc': {
      const m = (label: string, en: number, g: number, od: number, ov: number, b: number, w: number) =>
        out.push({
          label,
          args: [en, g, od, ov, b, w],
          result: le([1, en], [1, 0], [2, g & 0xffff], [1, od], [1, ov & 0xff], [1, b & 0xff], [1, 0], [2, w & 0xffff]),
          data: [],
        });
      m('plain', 2, 0x3ff, 1, 200, 1, -5);
      m('masked flags, wide ints, bool 2', 0, 0xffffffff, 0, 0x1ff, 2, 0x18000);
      m('none with junk', 1, 0, 0, 77, 0, 0);
      m('bad enum', 3, 0, 0, 0, 0, 0);
      m('bad option', 0, 0, 2, 0, 0, 0);
      break;
    }
    case 'tup': {
      const sp = str('tüple', e, base, 0x100);
      out.push({
        label: 'ok',
        args: [2n ** 64n - 1n, sp.ptr, sp.len, 2],
        result: le([8, -1n], [4, sp.ptr], [4, sp.len], [1, 2], [1, 0], [2, 0], [4, 0]),
        data: [sp.data],
      });
      out.push({
        label: 'bad string',
        args: [5n, 0x1fff0, 100, 0],
        result: le([8, 5n], [4, 0x1fff0], [4, 100], [4, 0], [4, 0]),
        data: [],
      });
      break;
    }
    case 'opt':
    case 'res': {
      const sp = str('opt ü 🌍', e, base, 0x100);
      const v = (label: string, d: number, p: number, l: number, data: Array<[number, Uint8Array]> = []) =>
        out.push({ label, args: [d, p, l], result: le([1, d], [1, 0], [2, 0], [4, p], [4, l]), data });
      v('none/ok junk', 0, 0x1fff0, 9999, c.name === 'opt' ? [] : [sp.data]);
      v('some/ok string', c.name === 'opt' ? 1 : 0, sp.ptr, sp.len, [sp.data]);
      v('bad disc', 2, 0, 0);
      if (c.name === 'res') {
        v('err list', 1, base + 0x200, 3, [[0x200, Uint8Array.of(9, 8, 7)]]);
        v('err list out of bounds', 1, 0x1fffe, 3);
      } else v('some invalid', 1, 0x1fff0, 100);
      break;
    }
    case 'var': {
      const sp = str('variant ∑', e, base, 0x100);
      const v = (
        label: string,
        d: number,
        slot: bigint,
        s2: number,
        mem: Uint8Array,
        data: Array<[number, Uint8Array]> = [],
      ) =>
        out.push({
          label,
          args: [d, slot, s2],
          result: le([1, d], [1, 0], [2, 0], [4, 0], [8, 0n]).map((x, i) =>
            i < 8 ? (i === 0 ? d : 0) : (mem[i - 8] ?? 0),
          ),
          data,
        });
      v('a u32 with high bits', 0, 0x1_0000_0005n, 77, le([4, 5], [4, 0xdead]));
      v('b f32 NaN bits', 1, 0x7fc00001n, 0, le([4, 0x7fc00001], [4, 0]));
      v('b f32 1.5', 1, 0x3fc00000n, 0, le([4, 0x3fc00000], [4, 0]));
      v('c u64', 2, -2n, 0, le([8, -2n]));
      v('d string', 3, BigInt(sp.ptr), sp.len, le([4, sp.ptr], [4, sp.len]), [sp.data]);
      v('d string out of bounds', 3, 0x1fff0n, 100, le([4, 0x1fff0], [4, 100]));
      v('e list', 4, BigInt(base + 0x200), 2, le([4, base + 0x200], [4, 2]), [[0x200, le([2, 0xffff], [2, 1])]]);
      v('e list misaligned', 4, BigInt(base + 0x201), 2, le([4, base + 0x201], [4, 2]));
      v('f with junk', 5, 99n, 99, le([4, 99], [4, 99]));
      v('bad disc', 6, 0n, 0, le([8, 0n]));
      break;
    }
    case 'spill': {
      const ss = ['s0', 'ß1', '🌍2', '', 'four', 'ÿ5', 'six', 'sieben', 'acht ü'];
      const parts = ss.map((s, i) => str(s, e, base, 0x200 + 0x20 * i));
      const tuple = u32le(...parts.flatMap((p) => [p.ptr, p.len]));
      out.push({
        label: 'nine strings',
        args: [base + 0x100],
        result: tuple,
        data: [[0x100, tuple], ...parts.map((p) => p.data)],
      });
      out.push({ label: 'misaligned tuple', args: [base + 0x102], data: [] });
      out.push({ label: 'tuple out of bounds', args: [0x1ffe0], data: [] });
      const badT = u32le(...parts.flatMap((p, i) => (i === 8 ? [0x1fff0, 100] : [p.ptr, p.len])));
      out.push({
        label: 'ninth string out of bounds',
        args: [base + 0x100],
        result: badT,
        data: [[0x100, badT], ...parts.map((p) => p.data)],
      });
      break;
    }
    case 'en':
      for (const d of [0, 2, 3, 0xffffffff]) out.push({ label: `disc ${d}`, args: [d], result: u32le(d), data: [] });
      break;
    case 'fl':
      for (const g of [0, 0x3ff, 0xffffffff, 0x400])
        out.push({ label: `bits ${g}`, args: [g], result: u32le(g), data: [] });
      break;
  }
  return out;
}

function scenarios(c: Case, ce: Enc, ee: Enc): Scenario[] {
  const out: Scenario[] = [];
  // Raw core values: u32/u64 parameters of the caller's `run-…` export take them unsigned.
  const norm = (args: unknown[]) =>
    args.map((a, j) =>
      c.flat[j] === 'i32' ? Number(a) >>> 0 : c.flat[j] === 'i64' ? BigInt.asUintN(64, BigInt(a as bigint)) : a,
    );
  for (const r of raws(c, ce, SRC)) {
    if (r.args === undefined) continue;
    r.args = norm(r.args);
    out.push({
      label: `take ${r.label}`,
      fn: `run-${fnName('take', c, ce, ee)}`,
      args: r.args,
      pokes: r.data.map(([o, b]) => ['caller', SRC + o, b]),
    });
  }
  for (const r of raws(c, ee, RAW)) {
    if (r.result === undefined) continue;
    const pokes: Array<[Side, number, Uint8Array]> = [
      ['callee', 0x6000, r.result],
      ...r.data.map(([o, b]) => ['callee', RAW + o, b] as [Side, number, Uint8Array]),
    ];
    out.push({
      label: `give ${r.label}`,
      fn: `run-${fnName('give', c, ce, ee)}`,
      args: c.retArea ? [0x5000] : [],
      pokes,
    });
    if (c.retArea && r === raws(c, ee, RAW)[0]) {
      out.push({
        label: `give ${r.label}, misaligned return area`,
        fn: `run-${fnName('give', c, ce, ee)}`,
        args: [0x5001],
        pokes,
      });
      for (const mode of [1, 2, 3, 4])
        out.push({
          label: `give ${r.label}, caller realloc mode ${mode}`,
          fn: `run-${fnName('give', c, ce, ee)}`,
          args: [0x5000],
          pokes,
          mode: ['caller', mode],
        });
    }
  }
  const first = raws(c, ce, SRC)[0];
  if (first?.args !== undefined) first.args = norm(first.args);
  if (first?.args !== undefined)
    for (const mode of [1, 2, 3, 4])
      out.push({
        label: `take ${first.label}, callee realloc mode ${mode}`,
        fn: `run-${fnName('take', c, ce, ee)}`,
        args: first.args,
        pokes: first.data.map(([o, b]) => ['caller', SRC + o, b]),
        mode: ['callee', mode],
      });
  return out;
}

describe('component → component adapters for strings, lists and composites', () => {
  it('are specialised when fast paths are on', async () => {
    const before = crossStats.compiled;
    await fresh(false);
    expect(crossStats.compiled).toBe(before);
    await fresh(true);
    const lowered = CASES.filter((c) => c.name !== 'en' && c.name !== 'fl').reduce(
      (n, c) => n + 2 * pairsOf(c).length,
      0,
    );
    expect(crossStats.compiled - before).toBeGreaterThanOrEqual(lowered);
  });

  it('strings in every encoding pair agree with the generic path (values, traps, memories)', async () => {
    const c = CASES[0];
    let n = 0;
    for (const [ce, ee] of PAIRS) {
      for (const s of stringScenarios(c, ce, ee)) {
        const [fast, slow] = [await run(s, true), await run(s, false)];
        const label = `${ce} → ${ee}: ${s.label}`;
        expect(fast.r, label).toEqual(slow.r);
        expect(firstDiff(fast.caller, slow.caller), `${label} (caller memory)`).toBe('same');
        expect(firstDiff(fast.callee, slow.callee), `${label} (callee memory)`).toBe('same');
        n++;
      }
    }
    console.log(`[fast-paths-cross] string scenarios compared: ${n}`);
  });
  it('lists, records, tuples, variants, options, results, enums, flags and spilled arguments agree', async () => {
    let n = 0;
    const outcomes = new Map<string, number>();
    for (const c of CASES.slice(1)) {
      for (const [ce, ee] of pairsOf(c)) {
        for (const s of scenarios(c, ce, ee)) {
          const [fast, slow] = [await run(s, true), await run(s, false)];
          const label = `${c.name} ${ce} → ${ee}: ${s.label}`;
          expect(fast.r, label).toEqual(slow.r);
          expect(firstDiff(fast.caller, slow.caller), `${label} (caller memory)`).toBe('same');
          expect(firstDiff(fast.callee, slow.callee), `${label} (callee memory)`).toBe('same');
          const k = 'ok' in (fast.r as object) ? 'ok' : (fast.r as { err: string }).err;
          outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
          n++;
        }
      }
    }
    console.log(
      `[fast-paths-cross] composite scenarios compared: ${n} (${[...outcomes].map(([k, v]) => `${k} ×${v}`).join(', ')})`,
    );
    // Both successes and every kind of failure are exercised.
    expect(outcomes.get('ok')).toBeGreaterThan(100);
    expect(outcomes.get('Trap')).toBeGreaterThan(50);
    expect(outcomes.get('RuntimeError')).toBeGreaterThan(10);
  });

  it('values arrive intact (independently of the generic path)', async () => {
    for (const [ce, ee] of PAIRS) {
      const e = await fresh(true);
      for (const s of STRINGS) {
        const a = encode(s, ce);
        poke(e, 'caller', SRC, a.bytes);
        e[camel(`run-${fnName('take', CASES[0], ce, ee)}`)](SRC, a.len);
        const [ptr, len] = [...new Uint32Array((e.calleeDump(0x7000, 16) as Uint8Array).slice().buffer)].filter(
          (_, i) => i % 2 === 0,
        );
        const got = decode(e.calleeDump(ptr, 2 * (len & 0x7fffffff)) as Uint8Array, len, ee);
        expect(got, `${ce} → ${ee} take ${JSON.stringify(s)}`).toBe(s);
        expect(len, `${ce} → ${ee} take length`).toBe(encode(s, ee).len);
        const r = encode(s, ee);
        poke(e, 'callee', 0x6000, u32le(RAW, r.len));
        poke(e, 'callee', RAW, r.bytes);
        e[camel(`run-${fnName('give', CASES[0], ce, ee)}`)](0x5000);
        const [p2, l2] = new Uint32Array((e.callerDump(0x5000, 8) as Uint8Array).slice().buffer);
        expect(decode(e.callerDump(p2, 2 * (l2 & 0x7fffffff)) as Uint8Array, l2, ce), `${ce} → ${ee} give`).toBe(s);
        expect(l2).toBe(encode(s, ce).len);
      }
    }
    const e = await fresh(true);
    const lu32 = CASES.find((c) => c.name === 'lu32')!;
    const xs = Array.from({ length: 1000 }, (_, i) => (i * 2654435761) >>> 0);
    poke(e, 'caller', SRC, u32le(...xs));
    e[camel(`run-${fnName('take', lu32, 'utf8', 'utf8')}`)](SRC, xs.length);
    const [lp, ll] = [...new Uint32Array((e.calleeDump(0x7000, 16) as Uint8Array).slice().buffer)].filter(
      (_, i) => i % 2 === 0,
    );
    expect(ll).toBe(1000);
    expect([...new Uint32Array((e.calleeDump(lp, 4000) as Uint8Array).slice().buffer)]).toEqual(xs);
    const lf32 = CASES.find((c) => c.name === 'lf32')!;
    poke(e, 'caller', SRC, u32le(0x7fc00001, 0x3fc00000));
    e[camel(`run-${fnName('take', lf32, 'utf8', 'utf8')}`)](SRC, 2);
    const [fp] = new Uint32Array((e.calleeDump(0x7000, 4) as Uint8Array).slice().buffer);
    expect([...new Uint32Array((e.calleeDump(fp, 8) as Uint8Array).slice().buffer)]).toEqual([0x7fc00000, 0x3fc00000]);
  });

  it('one memory on both sides (a component calling its own lifted function) agrees', async () => {
    // Caller and callee core instances share the memory: copies run within
    // one buffer (`copyWithin`), and either side's realloc may move it.
    const src = (ce: Enc, ee: Enc) => `(component
  ${MEM_MODULE}
  (core module $callee
    (import "m" "mem" (memory 2))
    (func (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 0x6000) (local.get 0)) (i32.store (i32.const 0x6004) (local.get 1)) (i32.const 0x6000)))
  (core instance $ei (instantiate $callee (with "m" (instance (export "mem" (memory $mem))))))
  (func $echo (param "s" string) (result string)
    (canon lift (core func $ei "echo") (memory $mem) (realloc $realloc) string-encoding=${ee}))
  (core func $lowered (canon lower (func $echo) (memory $mem) (realloc $realloc) string-encoding=${ce}))
  (core module $caller
    (import "m" "mem" (memory 2))
    (import "m" "echo" (func $echo (param i32 i32 i32)))
    (func (export "run") (param i32 i32) (call $echo (local.get 0) (local.get 1) (i32.const 0x5000))))
  (core instance $ci (instantiate $caller (with "m" (instance (export "mem" (memory $mem)) (export "echo" (func $lowered))))))
  (func (export "run") (param "p" u32) (param "l" u32) (canon lift (core func $ci "run")))
)`;
    let n = 0;
    for (const [ce, ee] of PAIRS) {
      const b = await wat(src(ce, ee));
      for (const s of STRINGS) {
        const go = async (fastPaths: boolean) => {
          const e = (await instantiate(b, {}, { fastPaths })) as Record<string, Fn>;
          const a = encode(s, ce);
          poke(e, '', SRC, a.bytes);
          if (s.length % 2 === 1) e.setMode(4); // realloc grows the shared memory
          const r = outcome(() => e.run(SRC, a.len));
          const m = e.dump(0, MEM_BYTES) as Uint8Array;
          const [p, l] = new Uint32Array(m.slice(0x5000, 0x5008).buffer);
          return { r, m, back: decode(m.subarray(p), l, ce) };
        };
        const [fast, slow] = [await go(true), await go(false)];
        expect(fast.r, `${ce} → ${ee} ${JSON.stringify(s)}`).toEqual(slow.r);
        expect(firstDiff(fast.m, slow.m), `${ce} → ${ee} ${JSON.stringify(s)} (memory)`).toBe('same');
        expect(fast.back).toBe(s);
        n++;
      }
    }
    console.log(`[fast-paths-cross] shared-memory round trips compared: ${n}`);
  });
});
