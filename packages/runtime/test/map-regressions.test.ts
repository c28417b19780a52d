// Regression: `map<K, V>` is a list of key/value pairs at the ABI level. On a
// component → component call every pair must reach the callee, also pairs
// with equal keys (values/concat.wast "map-str-u32"/"map-str-map"); the
// runtime used to lift through a JS `Map` in between, collapsing them. Hosts
// still see a JS `Map`.
import { describe, expect, it } from 'vitest';
import { instantiate } from '../src/index.js';
import { wat } from './helpers.js';

type Fn = (...a: unknown[]) => unknown;

// $C: `count` returns how many pairs it received and the sum of the values;
// `pairs` returns a static map with a duplicate key (k=1 twice).
// $D: `call-count` forwards a list of pairs (same memory form) to $C's
// map-taking `count`; `call-pairs` returns how many pairs it got back from
// $C's `pairs`.
const CHAIN = `(component
  (component $C
    (core module $CM
      (memory (export "mem") 1)
      (data (i32.const 64) "\\01\\00\\00\\00\\0a\\00\\00\\00\\01\\00\\00\\00\\14\\00\\00\\00\\02\\00\\00\\00\\1e\\00\\00\\00")
      (data (i32.const 32) "\\40\\00\\00\\00\\03\\00\\00\\00")
      (global $next (mut i32) (i32.const 1024))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $r i32)
        (local.set $r (global.get $next))
        (global.set $next (i32.add (global.get $next) (local.get 3)))
        (local.get $r))
      (func (export "count") (param $p i32) (param $n i32) (result i64)
        (local $i i32) (local $sum i32)
        (block $done (loop $l
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $sum (i32.add (local.get $sum)
            (i32.load offset=4 (i32.add (local.get $p) (i32.mul (local.get $i) (i32.const 8))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))
        (i64.or (i64.extend_i32_u (local.get $n))
          (i64.shl (i64.extend_i32_u (local.get $sum)) (i64.const 32))))
      (func (export "pairs") (result i32) (i32.const 32)))
    (core instance $cm (instantiate $CM))
    (func (export "count") (param "m" (map u32 u32)) (result u64)
      (canon lift (core func $cm "count") (memory (core memory $cm "mem")) (realloc (core func $cm "realloc"))))
    (func (export "pairs") (result (map u32 u32))
      (canon lift (core func $cm "pairs") (memory (core memory $cm "mem")) (realloc (core func $cm "realloc")))))

  (component $D
    (import "c" (instance $c
      (export "count" (func (param "m" (map u32 u32)) (result u64)))
      (export "pairs" (func (result (map u32 u32))))))
    (core module $DM
      (memory (export "mem") 1)
      (global $next (mut i32) (i32.const 1024))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $r i32)
        (local.set $r (global.get $next))
        (global.set $next (i32.add (global.get $next) (local.get 3)))
        (local.get $r)))
    (core instance $dm (instantiate $DM))
    (core func $count (canon lower (func $c "count") (memory (core memory $dm "mem")) (realloc (core func $dm "realloc"))))
    (core func $pairs (canon lower (func $c "pairs") (memory (core memory $dm "mem")) (realloc (core func $dm "realloc"))))
    (core module $Fwd
      (import "" "count" (func $count (param i32 i32) (result i64)))
      (import "" "pairs" (func $pairs (param i32)))
      (import "" "mem" (memory 1))
      (func (export "call-count") (param $p i32) (param $n i32) (result i64)
        (call $count (local.get $p) (local.get $n)))
      (func (export "call-pairs") (result i32)
        (call $pairs (i32.const 16))
        (i32.load offset=4 (i32.const 16))))
    (core instance $fwd (instantiate $Fwd
      (with "" (instance
        (export "count" (func $count))
        (export "pairs" (func $pairs))
        (export "mem" (memory $dm "mem"))))))
    (func (export "call-count") (param "a" (list (tuple u32 u32))) (result u64)
      (canon lift (core func $fwd "call-count") (memory (core memory $dm "mem")) (realloc (core func $dm "realloc"))))
    (func (export "call-pairs") (result u32)
      (canon lift (core func $fwd "call-pairs"))))

  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "c" (instance $c))))
  (export "count" (func $c "count"))
  (export "pairs" (func $c "pairs"))
  (export "call-count" (func $d "call-count"))
  (export "call-pairs" (func $d "call-pairs")))`;

describe('map between components', () => {
  for (const fastPaths of [true, false]) {
    it(`passes every pair, duplicate keys included (fastPaths: ${fastPaths})`, async () => {
      const e = (await instantiate(await wat(CHAIN), {}, { fastPaths })) as Record<string, Fn>;
      // count (low 32 bits) and sum (high 32 bits) as seen by $C.
      const seen = (r: unknown) => [Number((r as bigint) & 0xffffffffn), Number((r as bigint) >> 32n)];
      expect(
        seen(
          e.callCount([
            [1, 10],
            [1, 20],
            [2, 30],
          ]),
        ),
      ).toEqual([3, 60]);
      expect(seen(e.callCount([]))).toEqual([0, 0]);
      // Results too: $C returns three pairs, two with key 1.
      expect(e.callPairs()).toBe(3);
    });

    it(`keeps the host convention: a JS Map (fastPaths: ${fastPaths})`, async () => {
      const e = (await instantiate(await wat(CHAIN), {}, { fastPaths })) as Record<string, Fn>;
      const m = e.pairs();
      expect(m).toBeInstanceOf(Map);
      expect([...(m as Map<number, number>)]).toEqual([
        [1, 20],
        [2, 30],
      ]);
      // Host-supplied maps still arrive as a Map's entries (no duplicates possible).
      const r = e.count(
        new Map([
          [1, 10],
          [2, 30],
        ]),
      ) as bigint;
      expect(r).toBe(2n | (40n << 32n));
    });
  }
});
