// Imports from the host (interface and world-level functions, jco-style
// lookup), nested components, and two components composed inside one:
// string transcoding utf16 ↔ utf8 and a resource crossing instances.
import { describe, expect, it } from 'vitest';
import { instantiate, LinkError } from '@wit-ts/runtime';
import { countAssertions, wat } from './helpers.js';
import { ALLOC } from './wat-lib.js';

countAssertions('linking');

type Fn = (...a: unknown[]) => any;

const IMPORTS = `(component
  (import "test:host/log@1.0.0" (instance $log
    (export "log" (func (param "msg" string)))
    (export "add-one" (func (param "x" u32) (result u32)))
    (export "greeting" (func (result string)))))
  (import "get-base" (func $get-base (result u32)))
  (core module $mem (memory (export "mem") 1) ${ALLOC.replace('(export "post")', '').replace('(func (export "posts") (result i32) (global.get $posts))', '')})
  (core instance $mi (instantiate $mem))
  (alias core export $mi "mem" (core memory $memory))
  (alias core export $mi "realloc" (core func $realloc))
  (alias export $log "log" (func $logf))
  (alias export $log "add-one" (func $addf))
  (alias export $log "greeting" (func $greetf))
  (core func $log_c (canon lower (func $logf) (memory $memory) (realloc $realloc)))
  (core func $add_c (canon lower (func $addf)))
  (core func $greet_c (canon lower (func $greetf) (memory $memory) (realloc $realloc)))
  (core func $base_c (canon lower (func $get-base)))
  (core module $m
    (import "h" "mem" (memory 1))
    (import "h" "log" (func $log (param i32 i32)))
    (import "h" "add-one" (func $add (param i32) (result i32)))
    (import "h" "greeting" (func $greet (param i32)))
    (import "h" "base" (func $base (result i32)))
    (data (i32.const 100) "hello from wasm")
    (func (export "run") (param $n i32) (result i32)
      (call $log (i32.const 100) (i32.const 15))
      (call $add (i32.add (local.get $n) (call $base))))
    (func (export "relay") (result i32)
      (call $greet (i32.const 8))
      (call $log (i32.load (i32.const 8)) (i32.load (i32.const 12)))
      (i32.load (i32.const 12)))
    (func (export "loop") (param $n i32) (result i32)
      (local $acc i32)
      (block $d (loop $l
        (br_if $d (i32.eqz (local.get $n)))
        (local.set $acc (call $add (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
      (local.get $acc)))
  (core instance $i (instantiate $m (with "h" (instance
    (export "mem" (memory $memory)) (export "log" (func $log_c)) (export "add-one" (func $add_c))
    (export "greeting" (func $greet_c)) (export "base" (func $base_c))))))
  (func (export "run") (param "n" u32) (result u32) (canon lift (core func $i "run")))
  (func (export "relay") (result u32) (canon lift (core func $i "relay")))
  (func (export "loop") (param "n" u32) (result u32) (canon lift (core func $i "loop")))
)`;

describe('guest → host imports', () => {
  it('interface looked up without @version, world-level function by name or {default}', async () => {
    const logs: string[] = [];
    const host = {
      log: (m: string) => void logs.push(m),
      addOne: (x: number) => x + 1,
      greeting: () => 'grüß dich 🌍',
    };
    const bytes = await wat(IMPORTS);
    const e = (await instantiate(bytes, { 'test:host/log': host, 'get-base': () => 1000 })) as Record<string, Fn>;
    expect(e.run(5)).toBe(1006);
    expect(logs).toEqual(['hello from wasm']);
    expect(e.relay()).toBe(new TextEncoder().encode('grüß dich 🌍').length);
    expect(logs[1]).toBe('grüß dich 🌍');
    expect(e.loop(10)).toBe(10);
    // Versioned key, camelCase world function, jco's { default } form.
    const e2 = (await instantiate(bytes, { 'test:host/log@1.0.0': host, getBase: { default: () => 1 } })) as Record<
      string,
      Fn
    >;
    expect(e2.run(1)).toBe(3);
  });

  it('missing imports: instance → LinkError at instantiation; function → LinkError when called', async () => {
    const bytes = await wat(IMPORTS);
    await expect(instantiate(bytes, {})).rejects.toThrow(LinkError);
    const e = (await instantiate(bytes, { 'test:host/log': { addOne: (x: number) => x } })) as Record<string, Fn>;
    expect(() => e.run(1)).toThrow(/missing import/);
  });

  it('host returning a bad value traps into the guest (TypeError, poisons)', async () => {
    const bytes = await wat(IMPORTS);
    const host = { log: () => {}, addOne: () => -1, greeting: () => 'x' };
    const e = (await instantiate(bytes, { 'test:host/log': host, 'get-base': () => 0 })) as Record<string, Fn>;
    expect(() => e.run(1)).toThrow(RangeError);
    expect(() => e.run(1)).toThrow(/poisoned/);
  });
});

describe('re-entrance', () => {
  it('a host import calling back into the same instance traps', async () => {
    const bytes = await wat(IMPORTS);
    let e: Record<string, Fn> = {};
    const host = { log: () => {}, addOne: (x: number) => e.loop(1) + x, greeting: () => 'x' };
    e = (await instantiate(bytes, { 'test:host/log': host, 'get-base': () => 0 })) as Record<string, Fn>;
    expect(() => e.run(1)).toThrow(/re-entrance/);
  });
});

// A component nested inside another, instantiated with an argument from the
// outer component (a host import passed through) and re-exported.
const NESTED = `(component
  (import "double" (func $double (param "x" u32) (result u32)))
  (component $inner
    (import "f" (func $f (param "x" u32) (result u32)))
    (core func $f_c (canon lower (func $f)))
    (core module $m
      (import "i" "f" (func $f (param i32) (result i32)))
      (func (export "quad") (param i32) (result i32) (call $f (call $f (local.get 0)))))
    (core instance $i (instantiate $m (with "i" (instance (export "f" (func $f_c))))))
    (func $quad (param "x" u32) (result u32) (canon lift (core func $i "quad")))
    (instance $api (export "quad" (func $quad)))
    (export "test:nest/api" (instance $api)))
  (instance $a (instantiate $inner (with "f" (func $double))))
  (instance $b (instantiate $inner (with "f" (func $double))))
  (alias export $a "test:nest/api" (instance $api))
  (export "test:nest/api" (instance $api))
  (alias export $b "test:nest/api" (instance $api2))
  (alias export $api2 "quad" (func $q2))
  (export "quad-again" (func $q2))
)`;

describe('nested components', () => {
  it('instantiates a nested component twice with arguments; aliases and re-exports', async () => {
    let calls = 0;
    const e = await instantiate(await wat(NESTED), {
      double: (x: number) => {
        calls++;
        return x * 2;
      },
    });
    const api = e['test:nest/api'] as Record<string, Fn>;
    expect(e.api).toBe(api);
    expect(api.quad(3)).toBe(12);
    expect((e.quadAgain as Fn)(5)).toBe(20);
    expect(calls).toBe(4);
  });
});

// Component A (utf16 strings, defines resource "thing") and component B
// (utf8) importing A's interface, composed in one outer component.
const COMPOSED = `(component
  (component $A
    (core module $state
      (global $drops (mut i32) (i32.const 0))
      (func (export "dtor") (param i32) (global.set $drops (i32.add (global.get $drops) (i32.const 1))))
      (func (export "drops") (result i32) (global.get $drops)))
    (core instance $s (instantiate $state))
    (alias core export $s "dtor" (core func $dtor))
    (type $thing (resource (rep i32) (dtor (core func $dtor))))
    (core func $new (canon resource.new $thing))
    (core module $m
      (import "r" "new" (func $new (param i32) (result i32)))
      (memory (export "mem") 1)
      ${ALLOC}
      ;; shout: uppercase ASCII letters of a UTF-16 string, append "!"
      (func (export "shout") (param $p i32) (param $n i32) (result i32)
        (local $out i32) (local $i i32) (local $c i32)
        (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 2)
          (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 1))))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $c (i32.load16_u (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 1)))))
          (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
            (then (local.set $c (i32.sub (local.get $c) (i32.const 32)))))
          (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1))) (local.get $c))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))
        (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 1))) (i32.const 33))
        (i32.store (i32.const 16) (local.get $out))
        (i32.store (i32.const 20) (i32.add (local.get $n) (i32.const 1)))
        (i32.const 16))
      (func (export "make") (param $v i32) (result i32) (call $new (local.get $v)))
      (func (export "get") (param $rep i32) (result i32) (local.get $rep)))
    (core instance $i (instantiate $m (with "r" (instance (export "new" (func $new))))))
    (alias core export $i "mem" (core memory $mem))
    (alias core export $i "realloc" (core func $realloc))
    (alias core export $i "post" (core func $post))
    (func $shout (param "s" string) (result string)
      (canon lift (core func $i "shout") (memory $mem) (realloc $realloc) string-encoding=utf16 (post-return $post)))
    (func $make (param "v" u32) (result (own $thing)) (canon lift (core func $i "make")))
    (func $get (param "self" (borrow $thing)) (result u32) (canon lift (core func $i "get")))
    (func $drops (result u32) (canon lift (core func $s "drops")))
    (component $iface
      (import "thing" (type $t (sub resource)))
      (import "shout" (func $shout (param "s" string) (result string)))
      (import "make" (func $make (param "v" u32) (result (own $t))))
      (import "get" (func $get (param "self" (borrow $t)) (result u32)))
      (import "drops" (func $drops (result u32)))
      (export $te "thing" (type $t))
      (export "shout" (func $shout))
      (export "[constructor]thing" (func $make) (func (param "v" u32) (result (own $te))))
      (export "[method]thing.get" (func $get) (func (param "self" (borrow $te)) (result u32)))
      (export "drops" (func $drops)))
    (instance $x (instantiate $iface (with "thing" (type $thing)) (with "shout" (func $shout))
      (with "make" (func $make)) (with "get" (func $get)) (with "drops" (func $drops))))
    (export "test:comp/a" (instance $x)))

  (component $B
    (import "test:comp/a" (instance $a
      (export "thing" (type $t (sub resource)))
      (export "shout" (func (param "s" string) (result string)))
      (export "[constructor]thing" (func (param "v" u32) (result (own $t))))
      (export "[method]thing.get" (func (param "self" (borrow $t)) (result u32)))))
    (alias export $a "thing" (type $thing))
    (alias export $a "shout" (func $shout))
    (alias export $a "[constructor]thing" (func $make))
    (alias export $a "[method]thing.get" (func $get))
    (core module $mm (memory (export "mem") 1) ${ALLOC})
    (core instance $mi (instantiate $mm))
    (alias core export $mi "mem" (core memory $mem))
    (alias core export $mi "realloc" (core func $realloc))
    (alias core export $mi "post" (core func $post))
    (core func $shout_c (canon lower (func $shout) (memory $mem) (realloc $realloc)))
    (core func $make_c (canon lower (func $make)))
    (core func $get_c (canon lower (func $get)))
    (core func $drop_c (canon resource.drop $thing))
    (core module $m
      (import "a" "mem" (memory 1))
      (import "a" "shout" (func $shout (param i32 i32 i32)))
      (import "a" "make" (func $make (param i32) (result i32)))
      (import "a" "get" (func $get (param i32) (result i32)))
      (import "a" "drop" (func $drop (param i32)))
      ;; twice: shout twice through A (utf8 → utf16 → utf8 each way)
      (func (export "twice") (param $p i32) (param $n i32) (result i32)
        (call $shout (local.get $p) (local.get $n) (i32.const 32))
        (call $shout (i32.load (i32.const 32)) (i32.load (i32.const 36)) (i32.const 40))
        (i32.const 40))
      ;; roundtrip: make a thing in A, read it back through a borrow, drop it (A's dtor runs)
      (func (export "roundtrip") (param $v i32) (result i32)
        (local $h i32) (local $r i32)
        (local.set $h (call $make (local.get $v)))
        (local.set $r (call $get (local.get $h)))
        (call $drop (local.get $h))
        (local.get $r))
      ;; keep: make a thing and hand the own handle to the host
      (func (export "keep") (param $v i32) (result i32) (call $make (local.get $v))))
    (core instance $i (instantiate $m (with "a" (instance (export "mem" (memory $mem))
      (export "shout" (func $shout_c)) (export "make" (func $make_c)) (export "get" (func $get_c)) (export "drop" (func $drop_c))))))
    (func (export "twice") (param "s" string) (result string)
      (canon lift (core func $i "twice") (memory $mem) (realloc $realloc) (post-return $post)))
    (func (export "roundtrip") (param "v" u32) (result u32) (canon lift (core func $i "roundtrip")))
    (func (export "keep") (param "v" u32) (result (own $thing)) (canon lift (core func $i "keep"))))

  (instance $a (instantiate $A))
  (alias export $a "test:comp/a" (instance $ai))
  (instance $b (instantiate $B (with "test:comp/a" (instance $ai))))
  (export "test:comp/a" (instance $ai))
  (alias export $b "twice" (func $twice))
  (alias export $b "roundtrip" (func $rt))
  (alias export $b "keep" (func $keep))
  (export "twice" (func $twice))
  (export "roundtrip" (func $rt))
  (export "keep" (func $keep))
)`;

describe('two components composed in one', () => {
  it('strings transcode utf8 (B) ↔ utf16 (A); resources cross instances; dtor in A', async () => {
    const e = await instantiate(await wat(COMPOSED), {});
    const twice = e.twice as Fn;
    expect(twice('héllo wörld 🌍')).toBe('HéLLO WöRLD 🌍!!');
    expect(twice('')).toBe('!!');
    const a = e['test:comp/a'] as Record<string, any>;
    expect(a.shout('grüße')).toBe('GRüßE!');
    expect(a.drops()).toBe(0);
    expect((e.roundtrip as Fn)(42)).toBe(42);
    expect(a.drops()).toBe(1);
    // An own handle made in A, passed through B to the host, is an A.Thing.
    const t = (e.keep as Fn)(7);
    expect(t).toBeInstanceOf(a.Thing);
    expect(t.get()).toBe(7);
    const t2 = new a.Thing(9);
    expect(t2.get()).toBe(9);
    t[Symbol.dispose ?? Symbol.for('dispose')]();
    expect(a.drops()).toBe(2);
  });
});
