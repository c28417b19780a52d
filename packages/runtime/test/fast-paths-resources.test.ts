// Differential test for the generated paths of resource methods and
// functions taking `borrow<R>` of a resource the component defines (the rep
// is passed straight through) and returning `own<R>` (wrapped in the class
// resolved at code generation): same results, same error classes and
// messages as the generic path (`fastPaths: false`).
import { describe, expect, it } from 'vitest';
import { instantiate } from '@wit-ts/runtime';
import { countAssertions, wat } from './helpers.js';

countAssertions('fast-paths-resources');

type Fn = (...a: unknown[]) => unknown;
type Obj = Record<string | symbol, Fn>;
type Cls = (new (...a: unknown[]) => Obj) & { make: (...a: unknown[]) => Obj; prototype: Obj };
interface Api {
  Counter: Cls;
  peek: Fn;
  consume: Fn;
  both: Fn;
}

const DISPOSE: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose');

function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    const err = e as Error;
    const name = err.constructor.name;
    return name === 'TypeError' || name === 'RangeError' ? { err: name, message: err.message } : { err: name };
  }
}

const COMPONENT = `(component
  (type $counter (resource (rep i32)))
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
      (local $p i32)
      (local.set $p (global.get $next))
      (global.set $next (i32.add (global.get $next) (i32.const 4)))
      (i32.store (local.get $p) (local.get $start))
      (call $res_new (local.get $p)))
    (func (export "increment") (param $self i32) (param $by i32) (result i32)
      (i32.store (local.get $self) (i32.add (i32.load (local.get $self)) (local.get $by)))
      (i32.load (local.get $self)))
    (func (export "get") (param $self i32) (result i32) (i32.load (local.get $self)))
    (func (export "boom") (param $self i32) (unreachable))
    (func (export "both") (param $a i32) (param $b i32) (result i32)
      (i32.add (i32.load (local.get $a)) (i32.load (local.get $b))))
    (func (export "consume") (param $h i32) (result i32)
      (local $v i32)
      (local.set $v (i32.load (call $res_rep (local.get $h))))
      (call $res_drop (local.get $h))
      (local.get $v)))
  (core instance $i (instantiate $m
    (with "res" (instance (export "new" (func $res-new)) (export "rep" (func $res-rep)) (export "drop" (func $res-drop))))))
  (export $c "counter" (type $counter))
  (func (export "[constructor]counter") (param "start" u32) (result (own $c)) (canon lift (core func $i "new")))
  (func (export "[method]counter.increment") (param "self" (borrow $c)) (param "by" u32) (result u32)
    (canon lift (core func $i "increment")))
  (func (export "[method]counter.get") (param "self" (borrow $c)) (result u32) (canon lift (core func $i "get")))
  (func (export "[method]counter.boom") (param "self" (borrow $c)) (canon lift (core func $i "boom")))
  (func (export "[static]counter.make") (param "start" u32) (result (own $c)) (canon lift (core func $i "new")))
  (func (export "peek") (param "c" (borrow $c)) (result u32) (canon lift (core func $i "get")))
  (func (export "both") (param "a" (borrow $c)) (param "b" (borrow $c)) (result u32) (canon lift (core func $i "both")))
  (func (export "consume") (param "c" (own $c)) (result u32) (canon lift (core func $i "consume")))
)`;

let bytes: Uint8Array | undefined;
async function fresh(fastPaths: boolean): Promise<Api> {
  bytes ??= await wat(COMPONENT);
  return (await instantiate(bytes, {}, { fastPaths })) as unknown as Api;
}

/** One scenario run against an instance; `other` is a second instance (foreign wrappers). */
function scenario(api: Api, other: Api): unknown[] {
  const { Counter, peek, consume, both } = api;
  const out: unknown[] = [];
  const c = new Counter(5);
  out.push(outcome(() => c.increment(2)));
  out.push(outcome(() => c.get()));
  out.push(outcome(() => peek(c)));
  out.push(outcome(() => both(c, c)));
  out.push(outcome(() => Counter.make(3).get()));
  out.push(outcome(() => Counter.make(3) instanceof Counter));
  out.push(outcome(() => Object.getPrototypeOf(Counter.make(1)) === Counter.prototype));
  // bad inputs
  out.push(outcome(() => c.increment(-1)));
  out.push(outcome(() => c.increment('1')));
  out.push(outcome(() => c.increment()));
  out.push(outcome(() => Counter.prototype.increment.call(undefined, 1)));
  out.push(outcome(() => Counter.prototype.increment.call(null, 1)));
  out.push(outcome(() => Counter.prototype.increment.call({}, 1)));
  out.push(outcome(() => Counter.prototype.increment.call(5, 1)));
  out.push(outcome(() => Counter.prototype.increment.call(Object.create(Counter.prototype), 1)));
  out.push(outcome(() => Counter.prototype.increment.call(new other.Counter(1), 1)));
  out.push(outcome(() => peek(5)));
  out.push(outcome(() => peek(new other.Counter(1))));
  out.push(outcome(() => both(c, {})));
  out.push(outcome(() => Counter.make(-1)));
  // a subclass-like object whose prototype chain reaches Counter.prototype, without a rep
  out.push(outcome(() => peek(Object.create(Object.create(Counter.prototype)))));
  // disposed and moved wrappers
  const d = new Counter(1);
  d[DISPOSE]();
  out.push(outcome(() => d.increment(1)));
  out.push(outcome(() => peek(d)));
  const m = new Counter(9);
  out.push(outcome(() => consume(m)));
  out.push(outcome(() => m.get()));
  out.push(outcome(() => consume(m)));
  // state survives: c is still usable after all the rejected calls
  out.push(outcome(() => c.increment(1)));
  return out;
}

describe('generated paths for resources', () => {
  it('methods and borrow parameters use the generated entry points', async () => {
    const fast = await fresh(true);
    const slow = await fresh(false);
    expect(fast.Counter.prototype.increment.length).toBe(1); // generated: (by), self is `this`
    expect(slow.Counter.prototype.increment.length).toBe(0); // generic: (...a)
    expect(fast.peek.length).toBe(1);
    expect(slow.peek.length).toBe(0);
    expect(fast.Counter.make.length).toBe(1);
  });

  it('agree with the generic path (results, errors, ownership)', async () => {
    const fast = scenario(await fresh(true), await fresh(true));
    const slow = scenario(await fresh(false), await fresh(false));
    expect(fast).toEqual(slow);
    expect(fast[0]).toEqual({ ok: 7 });
    expect(fast[4]).toEqual({ ok: 3 });
    expect(fast[5]).toEqual({ ok: true });
    // mixed: wrappers made by a fast instance are foreign to a slow one and vice versa
    const mixed = scenario(await fresh(true), await fresh(false));
    expect(mixed).toEqual(slow);
    console.log(`[fast-paths-resources] outcomes compared: ${fast.length * 2}`);
  });

  it('a trap inside a method poisons the store on both paths', async () => {
    const run = async (fastPaths: boolean) => {
      const api = await fresh(fastPaths);
      const c = new api.Counter(0);
      return [outcome(() => c.boom()), outcome(() => c.get()), outcome(() => api.peek(c))];
    };
    const fast = await run(true);
    expect(fast).toEqual(await run(false));
    expect(fast).toEqual([{ err: 'RuntimeError' }, { err: 'Trap' }, { err: 'Trap' }]);
  });
});
