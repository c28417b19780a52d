// Guest-defined resources (constructor, method, static, destructor) seen as
// JS classes, and host-implemented resources (JS classes) used by a guest.
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiate } from '@wit-ts/runtime';
import { countAssertions, wat } from './helpers.js';

countAssertions('resources');

declare const DISPOSE: unique symbol;
const dispose = ((Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose')) as typeof DISPOSE;

// Two core modules so the destructor exists before the resource type that
// names it, and resource.new can be imported by the second module.
export const COUNTER = `(component
  (core module $state
    (memory (export "mem") 1)
    (global $drops (mut i32) (i32.const 0))
    (global $next (mut i32) (i32.const 16))
    (func (export "alloc") (result i32)
      (global.get $next)
      (global.set $next (i32.add (global.get $next) (i32.const 4))))
    (func (export "dtor") (param i32) (global.set $drops (i32.add (global.get $drops) (i32.const 1))))
    (func (export "drops") (result i32) (global.get $drops)))
  (core instance $s (instantiate $state))
  (alias core export $s "dtor" (core func $dtor))
  (type $counter (resource (rep i32) (dtor (core func $dtor))))
  (core func $new (canon resource.new $counter))
  (core func $rep (canon resource.rep $counter))
  (core func $drop (canon resource.drop $counter))
  (core module $api
    (import "s" "mem" (memory 1))
    (import "s" "alloc" (func $alloc (result i32)))
    (import "r" "new" (func $new (param i32) (result i32)))
    (import "r" "rep" (func $rep (param i32) (result i32)))
    (import "r" "drop" (func $drop (param i32)))
    (func $make (param $v i32) (result i32)
      (local $p i32)
      (local.set $p (call $alloc))
      (i32.store (local.get $p) (local.get $v))
      (call $new (local.get $p)))
    (func (export "ctor") (param i32) (result i32) (call $make (local.get 0)))
    ;; borrow<counter> params arrive as the rep (this component implements it)
    (func (export "increment") (param $self i32) (param $by i32) (result i32)
      (i32.store (local.get $self) (i32.add (i32.load (local.get $self)) (local.get $by)))
      (i32.load (local.get $self)))
    (func (export "merge") (param $a i32) (param $b i32) (result i32)
      (call $make (i32.add (i32.load (local.get $a)) (i32.load (local.get $b)))))
    ;; own<counter> arrives as a handle: read through resource.rep, then drop (runs the dtor)
    (func (export "consume") (param $h i32) (result i32)
      (local $v i32)
      (local.set $v (i32.load (call $rep (local.get $h))))
      (call $drop (local.get $h))
      (local.get $v)))
  (core instance $a (instantiate $api
    (with "s" (instance $s))
    (with "r" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))))
  (func $ctor (param "start" u32) (result (own $counter)) (canon lift (core func $a "ctor")))
  (func $inc (param "self" (borrow $counter)) (param "by" u32) (result u32) (canon lift (core func $a "increment")))
  (func $merge (param "a" (borrow $counter)) (param "b" (borrow $counter)) (result (own $counter))
    (canon lift (core func $a "merge")))
  (func $consume (param "c" (own $counter)) (result u32) (canon lift (core func $a "consume")))
  (func $drops (result u32) (canon lift (core func $s "drops")))
  (component $iface
    (import "counter" (type $c (sub resource)))
    (import "ctor" (func $ctor (param "start" u32) (result (own $c))))
    (import "inc" (func $inc (param "self" (borrow $c)) (param "by" u32) (result u32)))
    (import "merge" (func $merge (param "a" (borrow $c)) (param "b" (borrow $c)) (result (own $c))))
    (import "consume" (func $consume (param "c" (own $c)) (result u32)))
    (import "drops" (func $drops (result u32)))
    (export $ce "counter" (type $c))
    (export "[constructor]counter" (func $ctor) (func (param "start" u32) (result (own $ce))))
    (export "[method]counter.increment" (func $inc) (func (param "self" (borrow $ce)) (param "by" u32) (result u32)))
    (export "[static]counter.merge" (func $merge) (func (param "a" (borrow $ce)) (param "b" (borrow $ce)) (result (own $ce))))
    (export "[static]counter.consume" (func $consume) (func (param "c" (own $ce)) (result u32)))
    (export "drops" (func $drops)))
  (instance $i (instantiate $iface
    (with "counter" (type $counter))
    (with "ctor" (func $ctor)) (with "inc" (func $inc)) (with "merge" (func $merge))
    (with "consume" (func $consume)) (with "drops" (func $drops))))
  (export "test:res/api@1.0.0" (instance $i))
)`;

interface Counter {
  increment(by: number): number;
  // `Symbol.dispose` (or its Node 20 stand-in) is not in lib ES2023's SymbolConstructor.
  [dispose](): void;
}
interface CounterClass {
  new (start: number): Counter;
  merge(a: Counter, b: Counter): Counter;
  consume(c: Counter): number;
}
interface Api {
  Counter: CounterClass;
  drops(): number;
}

describe('guest resource as a JS class', () => {
  let api: Api;
  let all: Record<string, unknown>;
  beforeAll(async () => {
    all = await instantiate(await wat(COUNTER), {});
    api = all['test:res/api@1.0.0'] as Api;
  });

  it('exports the interface under its full and short names', () => {
    expect(all.api).toBe(api);
    expect(typeof api.Counter).toBe('function');
    expect(api.Counter.name).toBe('Counter');
  });

  it('constructor, method, static (borrows), consume (own → dtor), dispose (dtor)', () => {
    const a = new api.Counter(5);
    const b = new api.Counter(7);
    expect(a).toBeInstanceOf(api.Counter);
    expect(a.increment(3)).toBe(8);
    expect(b.increment(0)).toBe(7);
    const m = api.Counter.merge(a, b);
    expect(m.increment(1)).toBe(16);
    expect(a.increment(1)).toBe(9); // still usable after being borrowed
    expect(api.drops()).toBe(0);
    expect(api.Counter.consume(m)).toBe(16);
    expect(api.drops()).toBe(1);
    // m moved into the guest: the wrapper is dead.
    expect(() => m.increment(1)).toThrow(TypeError);
    a[dispose]();
    expect(api.drops()).toBe(2);
    a[dispose](); // idempotent
    expect(api.drops()).toBe(2);
    expect(() => a.increment(1)).toThrow(TypeError);
    b[dispose]();
    expect(api.drops()).toBe(3);
    expect(() => api.Counter.merge({} as Counter, b)).toThrow(TypeError);
  });
});

describe('FinalizationRegistry safety net', () => {
  it('a wrapper collected without dispose runs the destructor', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const api = (await instantiate(await wat(COUNTER), {}))['test:res/api@1.0.0'] as Api;
    (() => {
      for (let i = 0; i < 10; i++) new api.Counter(i).increment(1);
    })();
    for (let i = 0; i < 50 && api.drops() < 10; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(api.drops()).toBe(10);
  });
});

// A guest using a host resource: the host passes a JS class.
const USES_HOST = `(component
  (import "test:host/store" (instance $h
    (export "blob" (type $b (sub resource)))
    (export "[constructor]blob" (func (param "init" u32) (result (own $b))))
    (export "[method]blob.add" (func (param "self" (borrow $b)) (param "n" u32) (result u32)))
    (export "[static]blob.zero" (func (result (own $b))))))
  (alias export $h "blob" (type $blob))
  (alias export $h "[constructor]blob" (func $ctor))
  (alias export $h "[method]blob.add" (func $add))
  (alias export $h "[static]blob.zero" (func $zero))
  (core func $ctor_c (canon lower (func $ctor)))
  (core func $add_c (canon lower (func $add)))
  (core func $zero_c (canon lower (func $zero)))
  (core func $drop_c (canon resource.drop $blob))
  (core module $m
    (import "h" "ctor" (func $ctor (param i32) (result i32)))
    (import "h" "add" (func $add (param i32 i32) (result i32)))
    (import "h" "zero" (func $zero (result i32)))
    (import "h" "drop" (func $drop (param i32)))
    (func (export "run") (param $n i32) (result i32)
      (local $b i32) (local $z i32) (local $r i32)
      (local.set $b (call $ctor (local.get $n)))
      (drop (call $add (local.get $b) (i32.const 10)))
      (local.set $z (call $zero))
      (local.set $r (i32.add (call $add (local.get $b) (i32.const 1)) (call $add (local.get $z) (i32.const 0))))
      (call $drop (local.get $b))
      (call $drop (local.get $z))
      (local.get $r))
    ;; borrow<blob> from the host arrives as a borrow handle in our table
    (func (export "peek") (param $h i32) (result i32)
      (local $v i32)
      (local.set $v (call $add (local.get $h) (i32.const 0)))
      (call $drop (local.get $h))
      (local.get $v))
    (func (export "peek-leaky") (param $h i32) (result i32)
      (call $add (local.get $h) (i32.const 0))))
  (core instance $i (instantiate $m (with "h" (instance
    (export "ctor" (func $ctor_c)) (export "add" (func $add_c)) (export "zero" (func $zero_c)) (export "drop" (func $drop_c))))))
  (func (export "run") (param "n" u32) (result u32) (canon lift (core func $i "run")))
  (func (export "peek") (param "b" (borrow $blob)) (result u32) (canon lift (core func $i "peek")))
  (func (export "peek-leaky") (param "b" (borrow $blob)) (result u32) (canon lift (core func $i "peek-leaky")))
)`;

describe('host resource (JS class) used by a guest', () => {
  it('constructor/method/static on the class, drop calls Symbol.dispose', async () => {
    const disposed: number[] = [];
    class Blob {
      constructor(public v: number) {}
      add(n: number): number {
        this.v += n;
        return this.v;
      }
      static zero(): Blob {
        return new Blob(100);
      }
      [dispose](): void {
        disposed.push(this.v);
      }
    }
    const e = await instantiate(await wat(USES_HOST), { 'test:host/store': { Blob } });
    const run = e.run as (n: number) => number;
    expect(run(5)).toBe(116);
    expect(disposed).toEqual([16, 100]);
    expect(run(0)).toBe(111);
    expect(disposed.length).toBe(4);
    // Host → guest borrows of host objects: lent for the call only.
    const peek = e.peek as (b: Blob) => number;
    const mine = new Blob(33);
    for (let i = 0; i < 1000; i++) expect(peek(mine)).toBe(33);
    expect(peek(new Blob(4))).toBe(4);
    expect(disposed.length).toBe(4); // lending never disposes
    expect(() => peek({ v: 1 } as unknown as Blob)).toThrow(TypeError);
    // A callee that returns without dropping a borrow it received traps.
    expect(() => (e.peekLeaky as (b: Blob) => number)(mine)).toThrow(/borrow/);
  });
});

// World-level (not interface) resource import: the class sits at the top of the imports object.
const WORLD_RESOURCE = `(component
  (import "ticket" (type $t (sub resource)))
  (import "[constructor]ticket" (func $ctor (param "n" u32) (result (own $t))))
  (import "[method]ticket.num" (func $num (param "self" (borrow $t)) (result u32)))
  (core func $ctor_c (canon lower (func $ctor)))
  (core func $num_c (canon lower (func $num)))
  (core func $drop_c (canon resource.drop $t))
  (core module $m
    (import "h" "ctor" (func $ctor (param i32) (result i32)))
    (import "h" "num" (func $num (param i32) (result i32)))
    (import "h" "drop" (func $drop (param i32)))
    (func (export "run") (param $n i32) (result i32)
      (local $h i32) (local $r i32)
      (local.set $h (call $ctor (local.get $n)))
      (local.set $r (call $num (local.get $h)))
      (call $drop (local.get $h))
      (local.get $r)))
  (core instance $i (instantiate $m (with "h" (instance
    (export "ctor" (func $ctor_c)) (export "num" (func $num_c)) (export "drop" (func $drop_c))))))
  (func (export "run") (param "n" u32) (result u32) (canon lift (core func $i "run")))
)`;

describe('world-level host resource import', () => {
  it('finds the class by PascalCase name at the top of the imports', async () => {
    let dropped = 0;
    class Ticket {
      constructor(readonly n: number) {}
      num(): number {
        return this.n * 2;
      }
      [dispose](): void {
        dropped++;
      }
    }
    const e = await instantiate(await wat(WORLD_RESOURCE), { Ticket });
    expect((e.run as (n: number) => number)(21)).toBe(42);
    expect(dropped).toBe(1);
  });
});
