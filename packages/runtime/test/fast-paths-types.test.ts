// Differential test for the generated call paths of enums, variants,
// options, results and lists (export and import side): every value goes
// host → export (fast: generated lowering) → core → host import (generated
// lifting and lowering) → core → host (generated lifting), and the same
// with `fastPaths: false`. Results, error classes and host-input error
// messages must be identical; traps must be traps on both paths.
import { describe, expect, it } from 'vitest';
import { instantiate } from '@wit-ts/runtime';
import { countAssertions, wat } from './helpers.js';
import { ALLOC } from './wat-lib.js';

countAssertions('fast-paths-types');

type Fn = (...a: unknown[]) => unknown;

/** Result or error (class; message for host-input errors, which both paths word the same). */
function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    const err = e as Error & { payload?: unknown };
    const name = err.constructor.name;
    if (name === 'TypeError' || name === 'RangeError') return { err: name, message: err.message };
    if (name === 'ComponentError') return { err: name, payload: err.payload };
    return { err: name };
  }
}

interface Case {
  /** Kebab name of the echo function (`echo-${name}`). */
  name: string;
  /** Component-level type (defined names are resolved in both the import and the export scope). */
  type: string;
  /** Core params of the lowered value. */
  flat: string[];
  /** Result as one core value (its type), else through a return area. */
  direct?: string;
  /** Host inputs, valid and invalid. */
  values: unknown[];
  /** Extra canon options (string encodings) for both the lift and the lower. */
  opts?: string;
}

const BIG = Array.from({ length: 300 }, (_, i) => `e${i}`);

// Named types: defined once, exported from the import instance type (eq) and the component.
const NAMED: Record<string, string> = {
  color: '(enum "red" "green" "blue")',
  big: `(enum ${BIG.map((n) => JSON.stringify(n)).join(' ')})`,
  shape: '(variant (case "none") (case "num" u32) (case "flt" f32))',
  wide: '(variant (case "a" u32) (case "b" u64) (case "c" f32) (case "d" f64) (case "e" string) (case "f"))',
  cb: '(variant (case "c" char) (case "b" bool) (case "s" s16))',
  fv: '(variant (case "f" f32) (case "d" f64))',
  unit: '(variant (case "x") (case "y"))',
};

const CASES: Case[] = [
  {
    name: 'color',
    type: '$color',
    flat: ['i32'],
    direct: 'i32',
    values: ['red', 'blue', 'purple', 5, undefined, null, {}, 'Red'],
  },
  { name: 'big', type: '$big', flat: ['i32'], direct: 'i32', values: ['e0', 'e150', 'e299', 'e300', ''] },
  {
    name: 'shape',
    type: '$shape',
    flat: ['i32', 'i32'],
    values: [
      { tag: 'none' },
      { tag: 'num', val: 7 },
      { tag: 'num', val: 0xffffffff },
      { tag: 'num', val: -1 },
      { tag: 'num', val: 'x' },
      { tag: 'num' },
      { tag: 'flt', val: 1.5 },
      { tag: 'flt', val: NaN },
      { tag: 'flt', val: 3.4e39 },
      { tag: 'flt', val: 2n },
      { tag: 'nope' },
      { tag: 5 },
      null,
      'num',
      [],
    ],
  },
  {
    name: 'wide',
    type: '$wide',
    flat: ['i32', 'i64', 'i32'],
    values: [
      { tag: 'a', val: 5 },
      { tag: 'b', val: 2n ** 64n - 1n },
      { tag: 'b', val: 3 },
      { tag: 'b', val: -1n },
      { tag: 'b', val: 1.5 },
      { tag: 'c', val: 0.1 },
      { tag: 'c', val: -Infinity },
      { tag: 'd', val: Math.PI },
      { tag: 'd', val: NaN },
      { tag: 'e', val: 'héllo wörld' },
      { tag: 'e', val: 'x'.repeat(200) },
      { tag: 'e', val: '' },
      { tag: 'e', val: 42 },
      { tag: 'e', val: '\ud800' },
      { tag: 'f' },
      { tag: 'f', val: 'ignored' },
    ],
  },
  {
    name: 'cb',
    type: '$cb',
    flat: ['i32', 'i32'],
    values: [
      { tag: 'c', val: '🌍' },
      { tag: 'c', val: 'ab' },
      { tag: 'c', val: '\ud800' },
      { tag: 'b', val: true },
      { tag: 'b', val: 1 },
      { tag: 's', val: -32768 },
      { tag: 's', val: 40000 },
    ],
  },
  {
    name: 'fv',
    type: '$fv',
    flat: ['i32', 'i64'],
    values: [
      { tag: 'f', val: 1.25 },
      { tag: 'f', val: NaN },
      { tag: 'd', val: -1e300 },
      { tag: 'd', val: 'x' },
    ],
  },
  {
    name: 'unit',
    type: '$unit',
    flat: ['i32'],
    direct: 'i32',
    values: [{ tag: 'x' }, { tag: 'y' }, { tag: 'z' }, 'x'],
  },
  { name: 'opt-u32', type: '(option u32)', flat: ['i32', 'i32'], values: [undefined, null, 0, 7, -1, 'x', 2 ** 32] },
  {
    name: 'opt-str',
    type: '(option string)',
    flat: ['i32', 'i32', 'i32'],
    values: [undefined, 'abc', '', 'grüße '.repeat(30), 5, '\udc00x'],
  },
  {
    name: 'opt-str16',
    type: '(option string)',
    flat: ['i32', 'i32', 'i32'],
    values: [undefined, 'abc', '', 'grüße 🌍 '.repeat(30), 5],
    opts: 'string-encoding=utf16',
  },
  {
    name: 'wide-l1',
    type: '$wide',
    flat: ['i32', 'i64', 'i32'],
    values: [
      { tag: 'e', val: 'café' },
      { tag: 'e', val: '日本 '.repeat(40) },
      { tag: 'e', val: 'x'.repeat(100) },
      { tag: 'a', val: 1 },
    ],
    opts: 'string-encoding=latin1+utf16',
  },
  { name: 'opt-f64', type: '(option f64)', flat: ['i32', 'f64'], values: [undefined, 1.5, NaN, -0, '1'] },
  { name: 'opt-u64', type: '(option u64)', flat: ['i32', 'i64'], values: [undefined, 5n, 5, -1n, 2n ** 64n, 1.5] },
  {
    name: 'res',
    type: '(result u32 (error string))',
    flat: ['i32', 'i32', 'i32'],
    values: [
      { tag: 'ok', val: 3 },
      { tag: 'err', val: 'bad' },
      { tag: 'err', val: 3 },
      { tag: 'ok', val: -3 },
      { tag: 'x' },
      { val: 1 },
      5,
      null,
    ],
  },
  {
    name: 'res-fu',
    type: '(result f32 (error u64))',
    flat: ['i32', 'i64'],
    values: [
      { tag: 'ok', val: 1.5 },
      { tag: 'err', val: 2n ** 63n },
      { tag: 'err', val: -5n },
      { tag: 'ok', val: null },
    ],
  },
  {
    name: 'res-e',
    type: '(result (error u8))',
    flat: ['i32', 'i32'],
    values: [{ tag: 'ok' }, { tag: 'ok', val: 5 }, { tag: 'err', val: 255 }, { tag: 'err', val: 256 }],
  },
  {
    name: 'list-u32',
    type: '(list u32)',
    flat: ['i32', 'i32'],
    values: [
      Uint32Array.of(1, 2, 0xffffffff),
      [1, 2, 3],
      [],
      new Uint32Array(0),
      new Uint32Array(new ArrayBuffer(16), 4, 2),
      [1, -1],
      [1, 'x'],
      Int32Array.of(-1),
      Int32Array.of(1, 2),
      'abc',
      null,
      { length: 1, 0: 1 },
      new DataView(new ArrayBuffer(4)),
    ],
  },
  {
    name: 'list-u8',
    type: '(list u8)',
    flat: ['i32', 'i32'],
    values: [Uint8Array.of(1, 255), [256], [0, 1], new Uint8Array(1000)],
  },
  {
    name: 'list-s64',
    type: '(list s64)',
    flat: ['i32', 'i32'],
    values: [BigInt64Array.of(-1n, 2n), [1n, 2], [2n ** 63n], BigUint64Array.of(1n)],
  },
  {
    name: 'list-f64',
    type: '(list f64)',
    flat: ['i32', 'i32'],
    values: [Float64Array.of(1.5, NaN), [1, 'x'], [0.1, -0]],
  },
  { name: 'list-f32', type: '(list f32)', flat: ['i32', 'i32'], values: [Float32Array.of(1.5, NaN), [0.1, 1e40]] },
  { name: 'list-char', type: '(list char)', flat: ['i32', 'i32'], values: [['a', '🌍'], ['ab'], 'ab', ['\ud800']] },
  { name: 'list-bool', type: '(list bool)', flat: ['i32', 'i32'], values: [[true, false], [1], []] },
  { name: 'list-s16', type: '(list s16)', flat: ['i32', 'i32'], values: [Int16Array.of(-5, 7), [-32769], [1, 2]] },
];

const RET = 512;

function hostType(t: string): string {
  return t.replace(/\$(\w+)/g, (_, n: string) => `$h-${n}`);
}
function exportType(t: string): string {
  return t.replace(/\$(\w+)/g, (_, n: string) => `$e-${n}`);
}

function component(): string {
  const named = Object.entries(NAMED);
  const lowers = CASES.map(
    (c) =>
      `(core func $l-${c.name} (canon lower (func $h "echo-${c.name}") (memory $mem) (realloc $realloc) ${c.opts ?? ''}))`,
  );
  const coreImports = CASES.map((c) => {
    const params = [...c.flat, ...(c.direct ? [] : ['i32'])];
    return `(import "h" "echo-${c.name}" (func $echo-${c.name} (param ${params.join(' ')})${c.direct ? ` (result ${c.direct})` : ''}))`;
  });
  const coreFuncs = CASES.map((c) => {
    const gets = c.flat.map((_, i) => `(local.get ${i})`).join(' ');
    return c.direct
      ? `(func (export "echo-${c.name}") (param ${c.flat.join(' ')}) (result ${c.direct}) (call $echo-${c.name} ${gets}))`
      : `(func (export "echo-${c.name}") (param ${c.flat.join(' ')}) (result i32) (call $echo-${c.name} ${gets} (i32.const ${RET})) (i32.const ${RET}))`;
  });
  return `(component
  ${named.map(([n, t]) => `(type $${n} ${t})`).join('\n  ')}
  (import "test:fpt/host" (instance $h
    ${named.map(([n]) => `(export "${n}" (type $h-${n} (eq $${n})))`).join('\n    ')}
    ${CASES.map((c) => `(export "echo-${c.name}" (func (param "x" ${hostType(c.type)}) (result ${hostType(c.type)})))`).join('\n    ')}
    (export "echo-color-raw" (func (param "x" $h-color) (result $h-color)))
    (export "echo-shape-raw" (func (param "x" $h-shape) (result u32)))))
  (core module $mm (memory (export "mem") 1) ${ALLOC})
  (core instance $mi (instantiate $mm))
  (alias core export $mi "mem" (core memory $mem))
  (alias core export $mi "realloc" (core func $realloc))
  ${lowers.join('\n  ')}
  (core func $l-color-raw (canon lower (func $h "echo-color-raw")))
  (core func $l-shape-raw (canon lower (func $h "echo-shape-raw")))
  (core module $m
    (import "h" "mem" (memory 1))
    ${coreImports.join('\n    ')}
    (import "h" "echo-color-raw" (func $echo-color-raw (param i32) (result i32)))
    (import "h" "echo-shape-raw" (func $echo-shape-raw (param i32 i32) (result i32)))
    ${coreFuncs.join('\n    ')}
    ;; guest-made values (invalid discriminants, pointers, code points) lifted by the host side
    (func (export "raw-color") (param i32) (result i32) (local.get 0))
    (func (export "raw-shape") (param $d i32) (param $v i32) (result i32)
      (i32.store8 (i32.const 48) (local.get $d)) (i32.store (i32.const 52) (local.get $v)) (i32.const 48))
    (func (export "raw-opt-str") (param $d i32) (param $p i32) (param $l i32) (result i32)
      (i32.store8 (i32.const 48) (local.get $d)) (i32.store (i32.const 52) (local.get $p))
      (i32.store (i32.const 56) (local.get $l)) (i32.const 48))
    (func (export "raw-list") (param $p i32) (param $l i32) (result i32)
      (i32.store (i32.const 48) (local.get $p)) (i32.store (i32.const 52) (local.get $l)) (i32.const 48))
    (func (export "call-color") (param i32) (result i32) (call $echo-color-raw (local.get 0)))
    (func (export "call-shape") (param i32 i32) (result i32) (call $echo-shape-raw (local.get 0) (local.get 1))))
  (core instance $i (instantiate $m (with "h" (instance
    (export "mem" (memory $mem))
    ${CASES.map((c) => `(export "echo-${c.name}" (func $l-${c.name}))`).join('\n    ')}
    (export "echo-color-raw" (func $l-color-raw))
    (export "echo-shape-raw" (func $l-shape-raw))))))
  ${named.map(([n]) => `(export $e-${n} "${n}" (type $${n}))`).join('\n  ')}
  ${CASES.map(
    (c) =>
      `(func (export "echo-${c.name}") (param "x" ${exportType(c.type)}) (result ${exportType(c.type)}) (canon lift (core func $i "echo-${c.name}") (memory $mem) (realloc $realloc) ${c.opts ?? ''}))`,
  ).join('\n  ')}
  (func (export "raw-color") (param "x" u32) (result $e-color) (canon lift (core func $i "raw-color")))
  (func (export "raw-shape") (param "d" u32) (param "v" u32) (result $e-shape) (canon lift (core func $i "raw-shape") (memory $mem)))
  (func (export "raw-opt-str") (param "d" u32) (param "p" u32) (param "l" u32) (result (option string))
    (canon lift (core func $i "raw-opt-str") (memory $mem)))
  (func (export "raw-list") (param "p" u32) (param "l" u32) (result (list u32)) (canon lift (core func $i "raw-list") (memory $mem)))
  (func (export "call-color") (param "x" u32) (result u32) (canon lift (core func $i "call-color")))
  (func (export "call-shape") (param "d" u32) (param "v" u32) (result u32) (canon lift (core func $i "call-shape")))
)`;
}

const camel = (s: string) => s.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** Host echo: identity, except that a `result` return is ok-payload-or-throw (jco's convention). */
function echo(c: Case, override?: { v: unknown }): Fn {
  const isResult = c.type.startsWith('(result');
  return (x: unknown) => {
    const v = override === undefined ? x : override.v;
    if (!isResult) return v;
    const r = v as { tag?: string; val?: unknown } | null;
    if (r !== null && typeof r === 'object' && r.tag === 'err') throw { payload: r.val };
    if (r !== null && typeof r === 'object' && r.tag === 'ok') return r.val;
    return v; // not a result object: returned as the ok payload
  };
}

function hostImports(override?: { name: string; v: unknown }) {
  const fns: Record<string, Fn> = {};
  for (const c of CASES) fns[camel(`echo-${c.name}`)] = echo(c, override?.name === c.name ? override : undefined);
  fns.echoColorRaw = (x: unknown) => x;
  fns.echoShapeRaw = (x: unknown) => JSON.stringify(x).length;
  return { 'test:fpt/host': fns };
}

let bytes: Uint8Array | undefined;
async function fresh(fastPaths: boolean, override?: { name: string; v: unknown }): Promise<Record<string, Fn>> {
  bytes ??= await wat(component());
  return (await instantiate(bytes, hostImports(override), { fastPaths })) as Record<string, Fn>;
}

describe('generated paths for enums, variants, options, results and lists', () => {
  it('use the generated entry points', async () => {
    const e = await fresh(true);
    const slow = await fresh(false);
    for (const c of CASES) {
      expect(e[camel(`echo-${c.name}`)].length, c.name).toBe(1); // generated: one named parameter
      expect(slow[camel(`echo-${c.name}`)].length, c.name).toBe(0); // generic: (...args)
    }
  });

  it('host → guest → host → guest → host round trips agree (values and errors)', async () => {
    let n = 0;
    for (const c of CASES) {
      for (const v of c.values) {
        // fresh instances: a host error unwinding through core code poisons the store
        const run = async (fastPaths: boolean) => {
          const e = await fresh(fastPaths);
          const fn = e[camel(`echo-${c.name}`)];
          return [outcome(() => fn(v)), outcome(() => fn(c.values[0]))];
        };
        expect(await run(true), `${c.name}(${show(v)})`).toEqual(await run(false));
        n++;
      }
    }
    console.log(`[fast-paths-types] round trips compared: ${n}`);
  });

  it('invalid host results on the import side agree', async () => {
    let n = 0;
    for (const c of CASES) {
      for (const v of c.values) {
        const run = async (fastPaths: boolean) => {
          const e = await fresh(fastPaths, { name: c.name, v });
          const fn = e[camel(`echo-${c.name}`)];
          return [outcome(() => fn(c.values[0])), outcome(() => fn(c.values[0]))];
        };
        expect(await run(true), `host echo-${c.name} returning ${show(v)}`).toEqual(await run(false));
        n++;
      }
    }
    console.log(`[fast-paths-types] host results compared: ${n}`);
  });

  it('guest-made invalid values trap on both paths', async () => {
    const calls: Array<[string, unknown[]]> = [
      ['rawColor', [0]],
      ['rawColor', [2]],
      ['rawColor', [3]],
      ['rawColor', [0xffffffff]],
      ['rawShape', [1, 9]],
      ['rawShape', [2, 0x3fc00000]],
      ['rawShape', [2, 0x7fc00001]],
      ['rawShape', [3, 0]],
      ['rawShape', [256, 0]], // disc is a byte in memory: 256 reads as 0
      ['rawOptStr', [0, 0, 0]],
      ['rawOptStr', [1, 100, 0]],
      ['rawOptStr', [2, 0, 0]],
      ['rawOptStr', [1, 65530, 10]],
      ['rawOptStr', [1, 0xfffffff0, 0x20]],
      ['rawList', [16, 2]],
      ['rawList', [18, 2]],
      ['rawList', [65536, 1]],
      ['rawList', [0, 0x10000000]],
      ['callColor', [1]],
      ['callColor', [3]],
      ['callShape', [0, 0]],
      ['callShape', [2, 0x40000000]],
      ['callShape', [3, 0]],
    ];
    for (const [fn, args] of calls) {
      const run = async (fastPaths: boolean) => {
        const e = await fresh(fastPaths);
        return [outcome(() => e[fn](...args)), outcome(() => e.echoColor('red'))];
      };
      expect(await run(true), `${fn}(${args.join(', ')})`).toEqual(await run(false));
    }
    const e = await fresh(true);
    expect(e.rawShape(2, 0x3fc00000)).toEqual({ tag: 'flt', val: 1.5 });
    expect(e.callColor(2)).toBe(2);
    expect(() => e.callColor(3)).toThrow(WebAssembly.RuntimeError);
  });

  it('sanity: values survive the round trip', async () => {
    const e = await fresh(true);
    expect(e.echoColor('blue')).toBe('blue');
    expect(e.echoBig('e299')).toBe('e299');
    expect(e.echoShape({ tag: 'flt', val: 1.5 })).toEqual({ tag: 'flt', val: 1.5 });
    expect(e.echoWide({ tag: 'b', val: 2n ** 64n - 1n })).toEqual({ tag: 'b', val: 2n ** 64n - 1n });
    expect(e.echoWide({ tag: 'e', val: 'héllo' })).toEqual({ tag: 'e', val: 'héllo' });
    expect(e.echoWide({ tag: 'd', val: Math.PI })).toEqual({ tag: 'd', val: Math.PI });
    expect(e.echoFv({ tag: 'f', val: 1.25 })).toEqual({ tag: 'f', val: 1.25 });
    expect(e.echoOptStr('abc')).toBe('abc');
    expect(e.echoOptStr(undefined)).toBeUndefined();
    expect(e.echoRes({ tag: 'ok', val: 3 })).toBe(3);
    expect(() => e.echoRes({ tag: 'err', val: 'bad' })).toThrow('bad');
    expect(e.echoListU32([1, 2, 3])).toEqual(Uint32Array.of(1, 2, 3));
    expect(e.echoListChar(['a', '🌍'])).toEqual(['a', '🌍']);
  });
});

function show(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
  } catch {
    return String(v);
  }
}
