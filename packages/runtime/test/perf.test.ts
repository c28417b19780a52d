// Call overhead of the generated fast paths, measured against hand-written
// bindings of the same core module (what a person would write by hand for
// one signature: validate, call, convert; TextEncoder/TextDecoder for
// strings, as jco does). Prints ns/call; asserts only loose bounds so the
// test is not flaky on a busy machine.
import { describe, expect, it } from 'vitest';
import { instantiate } from '@wit-ts/runtime';
import { wat } from './helpers.js';
import { ALLOC } from './wat-lib.js';
import { REVERSE } from './wat-snippets.mjs';

const CORE = `
    (import "h" "inc" (func $inc (param i32) (result i32)))
    (memory (export "mem") 1)
    ${ALLOC}
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    ${REVERSE}
    (func (export "loop") (param $n i32) (result i32)
      (local $acc i32)
      (block $d (loop $l
        (br_if $d (i32.eqz (local.get $n)))
        (local.set $acc (call $inc (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
      (local.get $acc))
`;

const COMPONENT = `(component
  (import "inc" (func $inc (param "x" u32) (result u32)))
  (core func $inc_c (canon lower (func $inc)))
  (core module $m ${CORE})
  (core instance $i (instantiate $m (with "h" (instance (export "inc" (func $inc_c))))))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))
  (alias core export $i "post" (core func $post))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func (export "reverse") (param "s" string) (result string)
    (canon lift (core func $i "reverse") (memory $mem) (realloc $realloc) (post-return $post)))
  (func (export "loop") (param "n" u32) (result u32) (canon lift (core func $i "loop")))
)`;

// Component → component: $User's core loop calls $Svc's lifted `inc` through
// a fused adapter (canon lower of a canon lift).
const COMPOSED = `(component
  (component $Svc
    (core module $M (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
    (core instance $m (instantiate $M))
    (func (export "inc") (param "x" u32) (result u32) (canon lift (core func $m "inc"))))
  (component $User
    (import "inc" (func $inc (param "x" u32) (result u32)))
    (core func $inc_c (canon lower (func $inc)))
    (core module $M
      (import "h" "inc" (func $inc (param i32) (result i32)))
      (func (export "loop") (param $n i32) (result i32)
        (local $acc i32)
        (block $d (loop $l
          (br_if $d (i32.eqz (local.get $n)))
          (local.set $acc (call $inc (local.get $acc)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $acc)))
    (core instance $m (instantiate $M (with "h" (instance (export "inc" (func $inc_c))))))
    (func (export "loop") (param "n" u32) (result u32) (canon lift (core func $m "loop"))))
  (instance $svc (instantiate $Svc))
  (alias export $svc "inc" (func $inc))
  (instance $user (instantiate $User (with "inc" (func $inc))))
  (alias export $user "loop" (func $loop))
  (export "loop" (func $loop))
)`;

function nsPerCall(f: () => void, iterations: number): number {
  for (let i = 0; i < iterations / 10; i++) f(); // warm up (tier up)
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) f();
    best = Math.min(best, ((performance.now() - t0) * 1e6) / iterations);
  }
  return best;
}

describe('call overhead (fast paths vs hand-written bindings)', () => {
  it('add(u32,u32), reverse(16-byte string), guest→host scalar import', async () => {
    const inc = (x: number) => x + 1;
    const ours = (await instantiate(await wat(COMPONENT), { inc })) as Record<string, (...a: any[]) => any>;

    // Hand-written bindings over a direct core instance of the same module.
    const mod = await WebAssembly.compile(await wat(`(module ${CORE})`));
    const handInc = (x: number): number => {
      const r = inc(x >>> 0);
      if (r >>> 0 !== r) throw new RangeError('u32');
      return r;
    };
    const core = (await WebAssembly.instantiate(mod, { h: { inc: handInc } })).exports as Record<string, any>;
    const mem = core.mem as WebAssembly.Memory;
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    const handAdd = (a: number, b: number): number => {
      if (a >>> 0 !== a || b >>> 0 !== b) throw new TypeError('u32');
      return core.add(a, b) >>> 0;
    };
    const handReverse = (s: string): string => {
      if (typeof s !== 'string') throw new TypeError('string');
      let cap = s.length;
      let ptr = core.realloc(0, 0, 1, cap);
      let { read, written } = enc.encodeInto(s, new Uint8Array(mem.buffer, ptr, cap));
      if (read! < s.length) {
        const rest = s.slice(read);
        ptr = core.realloc(ptr, cap, 1, (cap = written! + rest.length * 3));
        written! += enc.encodeInto(rest, new Uint8Array(mem.buffer, ptr + written!, cap - written!)).written!;
      }
      const rp = core.reverse(ptr, written);
      const dv = new DataView(mem.buffer);
      const out = dec.decode(new Uint8Array(mem.buffer, dv.getUint32(rp, true), dv.getUint32(rp + 4, true)));
      core.post(rp);
      return out;
    };
    const handLoop = (n: number): number => core.loop(n) >>> 0;

    const s16 = 'abcdefghijklmnop';
    expect(ours.add(2, 3)).toBe(handAdd(2, 3));
    expect(ours.reverse(s16)).toBe(handReverse(s16));
    expect(ours.loop(100)).toBe(handLoop(100));

    let sink = 0;
    const N = 2_000_000;
    const oursAdd = nsPerCall(() => void (sink += ours.add(sink & 0xffff, 1)), N);
    const handAddNs = nsPerCall(() => void (sink += handAdd(sink & 0xffff, 1)), N);
    const oursRev = nsPerCall(() => void (sink += ours.reverse(s16).length), N / 10);
    const handRevNs = nsPerCall(() => void (sink += handReverse(s16).length), N / 10);
    // Import calls: one host→guest call runs 1000 guest→host calls.
    const K = 1000;
    const oursImp = nsPerCall(() => void (sink += ours.loop(K)), N / K) / K;
    const handImp = nsPerCall(() => void (sink += handLoop(K)), N / K) / K;
    // The generic @wit-ts/abi path, for comparison.
    const slow = (await instantiate(await wat(COMPONENT), { inc }, { fastPaths: false })) as Record<
      string,
      (...a: any[]) => any
    >;
    const slowAdd = nsPerCall(() => void (sink += slow.add(sink & 0xffff, 1)), N / 10);
    const slowRev = nsPerCall(() => void (sink += slow.reverse(s16).length), N / 10);
    const slowImp = nsPerCall(() => void (sink += slow.loop(K)), N / K / 10) / K;
    const r = (a: number, b: number) => (a / b).toFixed(2);
    console.log(
      `[perf] generic abi path (fastPaths: false): add ${slowAdd.toFixed(1)} ns, reverse ${slowRev.toFixed(1)} ns, import ${slowImp.toFixed(1)} ns`,
    );
    console.log(
      `[perf] add(u32,u32): ours ${oursAdd.toFixed(1)} ns, hand ${handAddNs.toFixed(1)} ns (×${r(oursAdd, handAddNs)})\n` +
        `[perf] reverse(16 B): ours ${oursRev.toFixed(1)} ns, hand ${handRevNs.toFixed(1)} ns (×${r(oursRev, handRevNs)})\n` +
        `[perf] guest→host u32 import: ours ${oursImp.toFixed(1)} ns, hand ${handImp.toFixed(1)} ns (×${r(oursImp, handImp)})`,
    );
    const comp = (await instantiate(await wat(COMPOSED), {})) as Record<string, (n: number) => number>;
    const compSlow = (await instantiate(await wat(COMPOSED), {}, { fastPaths: false })) as Record<
      string,
      (n: number) => number
    >;
    expect(comp.loop(K)).toBe(K);
    expect(compSlow.loop(K)).toBe(K);
    const compNs = nsPerCall(() => void (sink += comp.loop(K)), N / K) / K;
    const compSlowNs = nsPerCall(() => void (sink += compSlow.loop(K)), N / K / 10) / K;
    console.log(
      `[perf] component→component u32 call: ${compNs.toFixed(1)} ns (generic adapter ${compSlowNs.toFixed(1)} ns)`,
    );
    expect(sink).toBeGreaterThan(0);
    // Loose bounds (CI noise); the printed numbers are the real measurement.
    expect(oursAdd).toBeLessThan(handAddNs * 3 + 20);
    expect(oursRev).toBeLessThan(handRevNs * 3 + 100);
    expect(oursImp).toBeLessThan(200);
  });
});
