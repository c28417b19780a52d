// Host-held own handles of resources the component itself defines (as in
// jco): an `own<R>` the host receives from the instance implementing `R`
// stays in that instance's table, and passing the wrapper back as `own<R>`
// gives the guest the same handle index it created with `resource.new`.
// componentize-js guests (and jco's guest glue) map handle indices to their
// objects and rely on this.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { instantiate } from '@wit-ts/runtime';
import { countAssertions, wat } from './helpers.js';

countAssertions('own-handle-identity');

const DISPOSE: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose');

type Fn = (...a: unknown[]) => unknown;
type Obj = Record<string | symbol, Fn>;
type Cls = (new (...a: unknown[]) => Obj) & { prototype: Obj };

const JS_GUEST = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/build/js-guest.component.wasm');

describe.skipIf(!existsSync(JS_GUEST))(
  'componentize-js guest (fixtures/build/js-guest.component.wasm; skipped when not built: run `node fixtures/build.mjs`)',
  () => {
    for (const fastPaths of [true, false]) {
      it(`a counter created before another one is consumed keeps working (fastPaths: ${fastPaths})`, async () => {
        const bytes = new Uint8Array(readFileSync(JS_GUEST));
        const ex = (await instantiate(bytes, { 'fixtures:js-guest/host': { log: () => 0 } }, { fastPaths })) as {
          api: { Counter: Cls & { consume: Fn; live: Fn } };
        };
        const { Counter } = ex.api;
        const a = new Counter('a', 1);
        const b = new Counter('b', 2);
        const c = new Counter('c', 3);
        expect(Counter.consume(b)).toBe(2);
        expect(a.increment(1)).toBe(2);
        expect(a.label()).toBe('a');
        expect(c.label()).toBe('c');
        expect(Counter.consume(c)).toBe(3);
        expect(a.increment(1)).toBe(3);
        expect(() => Counter.consume(b)).toThrow(TypeError);
        a[DISPOSE]();
        a[DISPOSE](); // idempotent
        expect(() => a.label()).toThrow(TypeError);
        const d = new Counter('d', 4);
        expect(d.label()).toBe('d');
        expect(Counter.consume(d)).toBe(4);
      });
    }
  },
);

// The guest stores, next to each counter's value, the handle index
// `resource.new` returned; `consume` and `roundtrip` trap unless the own
// handle they receive is that same index. `roundtrip` returns it again.
const COMPONENT = `(component
  (core module $d
    (global $dropped (mut i32) (i32.const 0))
    (func (export "dtor") (param i32) (global.set $dropped (i32.add (global.get $dropped) (i32.const 1))))
    (func (export "dropped") (result i32) (global.get $dropped)))
  (core instance $di (instantiate $d))
  (type $counter (resource (rep i32) (dtor (core func $di "dtor"))))
  (core func $res-new (canon resource.new $counter))
  (core func $res-rep (canon resource.rep $counter))
  (core func $res-drop (canon resource.drop $counter))
  (core module $m
    (import "res" "new" (func $res_new (param i32) (result i32)))
    (import "res" "rep" (func $res_rep (param i32) (result i32)))
    (import "res" "drop" (func $res_drop (param i32)))
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 256))
    (func (export "new") (param $start i32) (result i32)
      (local $p i32) (local $h i32)
      (local.set $p (global.get $next))
      (global.set $next (i32.add (global.get $next) (i32.const 8)))
      (i32.store (local.get $p) (local.get $start))
      (local.set $h (call $res_new (local.get $p)))
      (i32.store offset=4 (local.get $p) (local.get $h))
      (local.get $h))
    (func $check (param $h i32) (result i32)
      (local $p i32)
      (local.set $p (call $res_rep (local.get $h)))
      (if (i32.ne (i32.load offset=4 (local.get $p)) (local.get $h)) (then unreachable))
      (local.get $p))
    (func (export "get") (param $self i32) (result i32) (i32.load (local.get $self)))
    (func (export "handle") (param $self i32) (result i32) (i32.load offset=4 (local.get $self)))
    (func (export "roundtrip") (param $h i32) (result i32)
      (drop (call $check (local.get $h)))
      (local.get $h))
    (func (export "consume") (param $h i32) (result i32)
      (local $v i32)
      (local.set $v (i32.load (call $check (local.get $h))))
      (call $res_drop (local.get $h))
      (local.get $v)))
  (core instance $i (instantiate $m
    (with "res" (instance (export "new" (func $res-new)) (export "rep" (func $res-rep)) (export "drop" (func $res-drop))))))
  (export $c "counter" (type $counter))
  (func (export "[constructor]counter") (param "start" u32) (result (own $c)) (canon lift (core func $i "new")))
  (func (export "[method]counter.get") (param "self" (borrow $c)) (result u32) (canon lift (core func $i "get")))
  (func (export "[method]counter.handle") (param "self" (borrow $c)) (result u32) (canon lift (core func $i "handle")))
  (func (export "roundtrip") (param "c" (own $c)) (result (own $c)) (canon lift (core func $i "roundtrip")))
  (func (export "consume") (param "c" (own $c)) (result u32) (canon lift (core func $i "consume")))
  (func (export "dropped") (result u32) (canon lift (core func $di "dropped")))
)`;

interface Api {
  Counter: Cls;
  roundtrip: Fn;
  consume: Fn;
  dropped: Fn;
}

describe('hand-written component checking the handle index it gets back', () => {
  let bytes: Uint8Array | undefined;
  for (const fastPaths of [true, false]) {
    it(`own params get the index resource.new returned (fastPaths: ${fastPaths})`, async () => {
      bytes ??= await wat(COMPONENT);
      const api = (await instantiate(bytes, {}, { fastPaths })) as unknown as Api;
      const { Counter } = api;
      const a = new Counter(1);
      const b = new Counter(2);
      const c = new Counter(3);
      // The handles stay in the guest's table while the host holds them.
      expect([a.handle(), b.handle(), c.handle()]).toEqual([1, 2, 3]);
      // Spec lift/lower would give `b` back as a new handle (3, the last freed slot): the guest traps.
      expect(api.consume(b)).toBe(2);
      expect(api.dropped()).toBe(1);
      expect(a.get()).toBe(1);
      expect(c.get()).toBe(3);
      // own in, own out: the same handle again.
      const c2 = api.roundtrip(c) as Obj;
      expect(() => c.get()).toThrow(TypeError); // moved
      expect(c2.handle()).toBe(3);
      expect(api.consume(c2)).toBe(3);
      expect(api.dropped()).toBe(2);
      expect(() => api.consume(b)).toThrow(TypeError); // moved into the guest already
      // Disposing drops the guest's handle and runs the destructor, once.
      a[DISPOSE]();
      a[DISPOSE]();
      expect(api.dropped()).toBe(3);
      expect(() => a.get()).toThrow(TypeError);
      // Freed slots are reused by new handles, which the guest also gets back unchanged.
      const d = new Counter(4);
      const e = new Counter(5);
      expect([d.handle(), e.handle()]).toEqual([1, 3]);
      expect(api.consume(e)).toBe(5);
      expect(api.consume(d)).toBe(4);
      expect(api.dropped()).toBe(5);
    });
  }
});
