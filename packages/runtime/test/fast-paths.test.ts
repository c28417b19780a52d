// Differential test: the generated per-signature call paths must behave
// exactly like the generic @wit-ts/abi path (`fastPaths: false`): same
// results, same error classes for invalid host input, same traps.
import { describe, expect, it } from 'vitest';
import { instantiate } from '@wit-ts/runtime';
import { countAssertions, wat } from './helpers.js';
import { ALLOC, VALUES } from './wat-lib.js';

countAssertions('fast-paths');

type Fn = (...a: unknown[]) => unknown;

function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    return { err: (e as Error).constructor.name };
  }
}

const exportCases: Array<[string, unknown[]]> = [
  ['add', [1, 2]],
  ['add', [0xffffffff, 5]],
  ['add', [-1, 0]],
  ['add', [1.5, 0]],
  ['add', ['1', 0]],
  ['add', [1n, 0]],
  ['add', [1]],
  ['neg', [127]],
  ['neg', [128]],
  ['big', [2n ** 64n - 1n]],
  ['big', [2n ** 64n]],
  ['big', [3]],
  ['big', [-1]],
  ['half', [NaN]],
  ['half', ['x']],
  ['not', [true]],
  ['not', [0]],
  ['reverse', ['abc']],
  ['reverse', ['']],
  ['reverse', ['x'.repeat(100)]],
  ['reverse', [5]],
  ['reverse', ['\udc00']],
  ['echo', ['grüße 🌍 '.repeat(20)]],
  ['echo', ['ß']],
  ['reverse16', ['grüße']],
  ['reverse16', [7]],
  ['echo16', ['🌍 x']],
  ['echoLatin1', ['café']],
  ['echoLatin1', ['日本']],
  ['swap', [{ xCoord: 1, y: 2 }]],
  ['swap', [{ xCoord: 1, y: 2, extra: 3 }]],
  ['swap', [{ xCoord: 1 }]],
  ['swap', [{ xCoord: 2 ** 31, y: 0 }]],
  ['swap', [null]],
  ['swap', [[1, 2]]],
  ['nextColor', ['green']],
  ['invert', [{ write: true }]],
];

describe('fast paths agree with the generic abi path', () => {
  it('exports (host → guest): scalars, strings, records', async () => {
    const bytes = await wat(VALUES);
    const fast = (await instantiate(bytes, {})) as Record<string, Fn>;
    const slow = (await instantiate(bytes, {}, { fastPaths: false })) as Record<string, Fn>;
    for (const [fn, args] of exportCases) {
      expect(
        outcome(() => fast[fn](...args)),
        `${fn}(${String(args)})`,
      ).toEqual(outcome(() => slow[fn](...args)));
    }
    console.log(`[fast-paths] export cases compared: ${exportCases.length}`);
  });

  it('imports (guest → host): scalars, strings, records in and out', async () => {
    const bytes = await wat(IMPORTS);
    for (const [label, hostValue] of HOST_RESULTS) {
      const run = async (fastPaths: boolean) => {
        const e = (await instantiate(bytes, { 'test:fp/host': host(hostValue) }, { fastPaths })) as Record<string, Fn>;
        return [outcome(() => e.run(3, 4)), outcome(() => e.greet())];
      };
      expect(await run(true), label).toEqual(await run(false));
    }
    const e = (await instantiate(bytes, { 'test:fp/host': host({ x: 10, y: 20 }) })) as Record<string, Fn>;
    expect(e.run(3, 4)).toBe(3 + 4 + 10 + 20 + 7);
    expect(e.greet()).toBe(5);
    console.log(`[fast-paths] import cases compared: ${HOST_RESULTS.length * 2}`);
  });
});

const HOST_RESULTS: Array<[string, unknown]> = [
  ['valid point', { x: 10, y: 20 }],
  ['negative', { x: -5, y: -6 }],
  ['out of range', { x: 2 ** 31, y: 0 }],
  ['missing field', { x: 1 }],
  ['not an object', 7],
];

function host(point: unknown) {
  return {
    // record in (flattened params), u32 out
    sum: (p: { x: number; y: number }) => p.x + p.y,
    // scalars in, record out (through the return pointer)
    mk: (_a: number, _b: number) => point,
    // string in, string out
    hello: (s: string) => `${s}!`,
  };
}

const IMPORTS = `(component
  (type $point (record (field "x" s32) (field "y" s32)))
  (import "test:fp/host" (instance $h
    (export "point" (type $p (eq $point)))
    (export "sum" (func (param "p" $p) (result u32)))
    (export "mk" (func (param "a" u32) (param "b" u32) (result $p)))
    (export "hello" (func (param "s" string) (result string)))))
  (core module $mm (memory (export "mem") 1) ${ALLOC})
  (core instance $mi (instantiate $mm))
  (alias core export $mi "mem" (core memory $mem))
  (alias core export $mi "realloc" (core func $realloc))
  (core func $sum (canon lower (func $h "sum")))
  (core func $mk (canon lower (func $h "mk") (memory $mem)))
  (core func $hello (canon lower (func $h "hello") (memory $mem) (realloc $realloc)))
  (core module $m
    (import "h" "mem" (memory 1))
    (import "h" "sum" (func $sum (param i32 i32) (result i32)))
    (import "h" "mk" (func $mk (param i32 i32 i32)))
    (import "h" "hello" (func $hello (param i32 i32 i32)))
    (data (i32.const 300) "hi")
    (func (export "run") (param $a i32) (param $b i32) (result i32)
      (call $mk (local.get $a) (local.get $b) (i32.const 100))
      (i32.add (i32.add (local.get $a) (local.get $b))
        (i32.add (call $sum (i32.load (i32.const 100)) (i32.load (i32.const 104)))
          (call $sum (local.get $a) (local.get $b)))))
    (func (export "greet") (result i32)
      (call $hello (i32.const 300) (i32.const 2) (i32.const 120))
      (i32.add (i32.load (i32.const 124)) (i32.const 2))))
  (core instance $i (instantiate $m (with "h" (instance (export "mem" (memory $mem))
    (export "sum" (func $sum)) (export "mk" (func $mk)) (export "hello" (func $hello))))))
  (func (export "run") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "run")))
  (func (export "greet") (result u32) (canon lift (core func $i "greet")))
)`;
