// 🔀 The part of the async ABI the engine runs today: async-typed calls that
// complete without blocking. `canon lift … async` (stackful, and with a
// callback: EXIT and YIELD), `canon task.return`, `canon lower … async`
// (packed RETURNED status, results through the out-pointer, more than 4
// flat parameters spilled to memory) and sync lowers of async callees;
// async exports return Promises to the host. Every rule the spec traps on
// is checked, and what needs suspension traps as "not implemented yet".
// Every case runs with the generated fast paths and with the generic path.
import { describe, expect, it } from 'vitest';
import { instantiate, Trap } from '@wit-ts/runtime';
import { countAssertions, wat } from './helpers.js';
import { ALLOC } from './wat-lib.js';

countAssertions('async-abi');

type Fn = (...a: unknown[]) => any;

/** Component $A: async-lifted functions in every form; $B: calls them through async and sync lowers. */
const TASKS = `(component
  (component $A
    (core module $AM (memory (export "mem") 1) ${ALLOC})
    (core instance $am (instantiate $AM))
    (alias core export $am "mem" (core memory $mem))
    (alias core export $am "realloc" (core func $realloc))
    (canon task.return (result u32) (core func $tr-u32))
    (canon task.return (result string) (memory $mem) (core func $tr-str))
    (core module $AM2 (memory (export "mem") 1))
    (core instance $am2 (instantiate $AM2))
    (alias core export $am2 "mem" (core memory $mem2))
    (canon task.return (result string) (memory $mem2) (core func $tr-str-mem2))
    (canon task.return (result string) string-encoding=utf16 (memory $mem) (core func $tr-str16))
    (canon task.return (core func $tr-none))
    (core module $M
      (import "" "mem" (memory 1))
      (import "" "tr-u32" (func $tr-u32 (param i32)))
      (import "" "tr-str" (func $tr-str (param i32 i32)))
      (import "" "tr-str-mem2" (func $tr-str-mem2 (param i32 i32)))
      (import "" "tr-str16" (func $tr-str16 (param i32 i32)))
      (import "" "tr-none" (func $tr-none))
      (global $n (mut i32) (i32.const 0))
      (func (export "add") (param i32 i32) (call $tr-u32 (i32.add (local.get 0) (local.get 1))))
      (func (export "sum6") (param i32 i32 i32 i32 i32 i32)
        (call $tr-u32 (i32.add (i32.add (i32.add (local.get 0) (local.get 1)) (i32.add (local.get 2) (local.get 3)))
          (i32.add (local.get 4) (local.get 5)))))
      ;; echoes its string argument: the value is lifted from memory by task.return
      (func (export "greet") (param i32 i32) (call $tr-str (local.get 0) (local.get 1)))
      (func (export "greet-mem2") (param i32 i32) (call $tr-str-mem2 (local.get 0) (local.get 1)))
      (func (export "greet16") (param i32 i32) (call $tr-str16 (local.get 0) (local.get 1)))
      ;; no result: task.return needs no memory even though the lift has one
      (func (export "consume") (param i32 i32) (call $tr-none))
      (func (export "cb-exit") (result i32) (call $tr-u32 (i32.const 42)) (i32.const 0 (; EXIT ;)))
      (func (export "cb-yield") (result i32) (global.set $n (i32.const 0)) (i32.const 1 (; YIELD ;)))
      ;; YIELD twice more, then return the number of callback calls
      (func (export "yield-cb") (param i32 i32 i32) (result i32)
        (if (i32.or (local.get 0) (i32.or (local.get 1) (local.get 2))) (then unreachable)) ;; EVENT_NONE, 0, 0
        (global.set $n (i32.add (global.get $n) (i32.const 1)))
        (if (result i32) (i32.lt_u (global.get $n) (i32.const 3))
          (then (i32.const 1))
          (else (call $tr-u32 (global.get $n)) (i32.const 0))))
      (func (export "yield-after-return") (result i32) (call $tr-u32 (i32.const 1)) (i32.const 1 (; YIELD ;)))
      (func (export "never-cb") (param i32 i32 i32) (result i32) unreachable)
      (func (export "twice") (call $tr-u32 (i32.const 1)) (call $tr-u32 (i32.const 2)))
      (func (export "no-return"))
      (func (export "cb-no-return") (result i32) (i32.const 0))
      (func (export "wait") (result i32) (i32.const 0x12 (; WAIT on waitable set 1 ;)))
      (func (export "bad-code") (result i32) (call $tr-u32 (i32.const 0)) (i32.const 3))
      (func (export "mismatch") (call $tr-str (i32.const 0) (i32.const 0)))
      (func (export "sync-tr") (result i32) (call $tr-u32 (i32.const 1)) (i32.const 7))
      (func (export "sync-lift-async") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
      (func (export "sync-lift-tr") (param i32) (result i32) (call $tr-u32 (local.get 0)) (i32.const 0))
    )
    (core instance $m (instantiate $M (with "" (instance
      (export "mem" (memory $mem))
      (export "tr-u32" (func $tr-u32))
      (export "tr-str" (func $tr-str))
      (export "tr-str-mem2" (func $tr-str-mem2))
      (export "tr-str16" (func $tr-str16))
      (export "tr-none" (func $tr-none))
    ))))
    (func (export "add") async (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "add") async))
    (func (export "sum6") async (param "a" u32) (param "b" u32) (param "c" u32) (param "d" u32) (param "e" u32)
      (param "f" u32) (result u32) (canon lift (core func $m "sum6") async))
    (func (export "greet") async (param "s" string) (result string)
      (canon lift (core func $m "greet") async (memory $mem) (realloc $realloc)))
    (func (export "greet-mem2") async (param "s" string) (result string)
      (canon lift (core func $m "greet-mem2") async (memory $mem) (realloc $realloc)))
    (func (export "greet16") async (param "s" string) (result string)
      (canon lift (core func $m "greet16") async (memory $mem) (realloc $realloc)))
    (func (export "consume") async (param "s" string) (canon lift (core func $m "consume") async (memory $mem) (realloc $realloc)))
    (func (export "cb-exit") async (result u32)
      (canon lift (core func $m "cb-exit") async (callback (core func $m "never-cb"))))
    (func (export "cb-yield") async (result u32)
      (canon lift (core func $m "cb-yield") async (callback (core func $m "yield-cb"))))
    (func (export "yield-after-return") async (result u32)
      (canon lift (core func $m "yield-after-return") async (callback (core func $m "never-cb"))))
    (func (export "twice") async (result u32) (canon lift (core func $m "twice") async))
    (func (export "no-return") async (result u32) (canon lift (core func $m "no-return") async))
    (func (export "cb-no-return") async (result u32)
      (canon lift (core func $m "cb-no-return") async (callback (core func $m "never-cb"))))
    (func (export "wait") async (result u32) (canon lift (core func $m "wait") async (callback (core func $m "never-cb"))))
    (func (export "bad-code") async (result u32)
      (canon lift (core func $m "bad-code") async (callback (core func $m "never-cb"))))
    (func (export "mismatch") async (result u32) (canon lift (core func $m "mismatch") async))
    (func $sync-tr (export "sync-tr") (result u32) (canon lift (core func $m "sync-tr")))
    (func (export "sync-lift-async") async (param "x" u32) (result u32) (canon lift (core func $m "sync-lift-async")))
    (func (export "sync-lift-tr") async (param "x" u32) (result u32) (canon lift (core func $m "sync-lift-tr")))
    ;; an async task calling (through a lower of its own export) a sync function that calls task.return
    (core func $sync-tr-lowered (canon lower (func $sync-tr)))
    (core module $N
      (import "" "sync-tr" (func $sync-tr (result i32)))
      (import "" "tr-u32" (func $tr-u32 (param i32)))
      (func (export "nested") (call $tr-u32 (call $sync-tr))))
    (core instance $n (instantiate $N (with "" (instance
      (export "sync-tr" (func $sync-tr-lowered))
      (export "tr-u32" (func $tr-u32))
    ))))
    (func (export "nested") async (result u32) (canon lift (core func $n "nested") async))
  )
  (component $B
    (import "a" (instance $a
      (export "add" (func async (param "a" u32) (param "b" u32) (result u32)))
      (export "sum6" (func async (param "a" u32) (param "b" u32) (param "c" u32) (param "d" u32) (param "e" u32)
        (param "f" u32) (result u32)))
      (export "greet" (func async (param "s" string) (result string)))
      (export "cb-yield" (func async (result u32)))
    ))
    (core module $BM (memory (export "mem") 1) ${ALLOC})
    (core instance $bm (instantiate $BM))
    (alias core export $bm "mem" (core memory $mem))
    (alias core export $bm "realloc" (core func $realloc))
    (core func $add-async (canon lower (func $a "add") async (memory $mem)))
    (core func $add-sync (canon lower (func $a "add")))
    (core func $sum6-async (canon lower (func $a "sum6") async (memory $mem)))
    (core func $greet-async (canon lower (func $a "greet") async (memory $mem) (realloc $realloc)))
    (core func $yield-sync (canon lower (func $a "cb-yield")))
    (core func $yield-async (canon lower (func $a "cb-yield") async (memory $mem)))
    (core module $M
      (import "" "mem" (memory 1))
      (import "" "add-async" (func $add-async (param i32 i32 i32) (result i32)))
      (import "" "add-sync" (func $add-sync (param i32 i32) (result i32)))
      (import "" "sum6-async" (func $sum6-async (param i32 i32) (result i32)))
      (import "" "greet-async" (func $greet-async (param i32 i32 i32) (result i32)))
      (import "" "yield-sync" (func $yield-sync (result i32)))
      (import "" "yield-async" (func $yield-async (param i32) (result i32)))
      (data (i32.const 64) "world")
      ;; the status must be RETURNED (2) and the result is at the out-pointer
      (func (export "async-add") (param i32 i32) (result i32) (local $st i32)
        (i32.store (i32.const 8) (i32.const -1))
        (local.set $st (call $add-async (local.get 0) (local.get 1) (i32.const 8)))
        (if (i32.ne (local.get $st) (i32.const 2)) (then unreachable))
        (i32.load (i32.const 8)))
      (func (export "sync-add") (param i32 i32) (result i32) (call $add-sync (local.get 0) (local.get 1)))
      ;; six u32 arguments (6 flat values > 4) passed as one pointer to their tuple
      (func (export "spill") (result i32)
        (i32.store (i32.const 32) (i32.const 1))
        (i32.store (i32.const 36) (i32.const 2))
        (i32.store (i32.const 40) (i32.const 4))
        (i32.store (i32.const 44) (i32.const 8))
        (i32.store (i32.const 48) (i32.const 16))
        (i32.store (i32.const 52) (i32.const 32))
        (if (i32.ne (call $sum6-async (i32.const 32) (i32.const 8)) (i32.const 2)) (then unreachable))
        (i32.load (i32.const 8)))
      ;; the string result is lowered with B's realloc and written at 16 as (ptr, len)
      (func (export "async-greet") (result i32)
        (if (i32.ne (call $greet-async (i32.const 64) (i32.const 5) (i32.const 16)) (i32.const 2)) (then unreachable))
        (if (i32.lt_u (i32.load (i32.const 16)) (i32.const 1024)) (then unreachable)) ;; from the bump allocator
        (i32.const 16))
      (func (export "sync-yield") (result i32) (call $yield-sync))
      (func (export "async-yield") (result i32) (call $yield-async (i32.const 8)))
    )
    (core instance $m (instantiate $M (with "" (instance
      (export "mem" (memory $mem))
      (export "add-async" (func $add-async))
      (export "add-sync" (func $add-sync))
      (export "sum6-async" (func $sum6-async))
      (export "greet-async" (func $greet-async))
      (export "yield-sync" (func $yield-sync))
      (export "yield-async" (func $yield-async))
    ))))
    (func (export "async-add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "async-add")))
    (func (export "sync-add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "sync-add")))
    (func (export "spill") (result u32) (canon lift (core func $m "spill")))
    (func (export "async-greet") (result string) (canon lift (core func $m "async-greet") (memory $mem)))
    (func (export "sync-yield") (result u32) (canon lift (core func $m "sync-yield")))
    (func (export "async-yield") (result u32) (canon lift (core func $m "async-yield")))
  )
  (instance $a (instantiate $A))
  (instance $b (instantiate $B (with "a" (instance $a))))
  ${[
    'add',
    'greet',
    'greet-mem2',
    'greet16',
    'consume',
    'cb-exit',
    'cb-yield',
    'yield-after-return',
    'twice',
    'no-return',
    'cb-no-return',
    'wait',
    'bad-code',
    'mismatch',
    'sync-tr',
    'sync-lift-async',
    'sync-lift-tr',
    'nested',
  ]
    .map((n) => `(export "${n}" (func $a "${n}"))`)
    .join('\n  ')}
  ${['async-add', 'sync-add', 'spill', 'async-greet', 'sync-yield', 'async-yield'].map((n) => `(export "${n}" (func $b "${n}"))`).join('\n  ')}
)`;

/** A host `async func` import, lowered sync and async. */
const HOST_ASYNC = `(component
  (import "slow" (func $slow async (param "x" u32) (result u32)))
  (core module $CM (memory (export "mem") 1))
  (core instance $cm (instantiate $CM))
  (alias core export $cm "mem" (core memory $mem))
  (core func $slow-sync (canon lower (func $slow)))
  (core func $slow-async (canon lower (func $slow) async (memory $mem)))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "slow-sync" (func $s (param i32) (result i32)))
    (import "" "slow-async" (func $a (param i32 i32) (result i32)))
    (func (export "via-sync") (param i32) (result i32) (call $s (local.get 0)))
    (func (export "via-async") (param i32) (result i32)
      (if (i32.ne (call $a (local.get 0) (i32.const 8)) (i32.const 2)) (then unreachable))
      (i32.load (i32.const 8))))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $mem))
    (export "slow-sync" (func $slow-sync))
    (export "slow-async" (func $slow-async))
  ))))
  (func (export "via-sync") (param "x" u32) (result u32) (canon lift (core func $m "via-sync")))
  (func (export "via-async") (param "x" u32) (result u32) (canon lift (core func $m "via-async")))
)`;

/** Built-ins that need suspension instantiate, and trap when called. */
const OTHER_BUILTINS = `(component
  (core func $ws-new (canon waitable-set.new))
  (core func $yield (canon thread.yield))
  (core module $M
    (import "" "ws-new" (func $ws-new (result i32)))
    (import "" "yield" (func $yield (result i32)))
    (func (export "ws") (result i32) (call $ws-new))
    (func (export "yield") (result i32) (call $yield)))
  (core instance $m (instantiate $M (with "" (instance
    (export "ws-new" (func $ws-new))
    (export "yield" (func $yield))
  ))))
  (func (export "ws") (result u32) (canon lift (core func $m "ws")))
  (func (export "yield") (result u32) (canon lift (core func $m "yield")))
)`;

const bytes = {
  tasks: await wat(TASKS),
  host: await wat(HOST_ASYNC),
  other: await wat(OTHER_BUILTINS),
};

async function tasks(fastPaths: boolean): Promise<Record<string, Fn>> {
  return (await instantiate(bytes.tasks, {}, { fastPaths })) as Record<string, Fn>;
}

describe.each([true, false])('async ABI (fastPaths: %s)', (fastPaths) => {
  describe('stackful lift + task.return', () => {
    it('returns a Promise of the value to the host', async () => {
      const e = await tasks(fastPaths);
      const p = e.add(2, 40);
      expect(p).toBeInstanceOf(Promise);
      await expect(p).resolves.toBe(42);
      await expect(e.add(0xffffffff, 2)).resolves.toBe(1);
    });

    it('lifts a string result from memory (task.return with memory)', async () => {
      const e = await tasks(fastPaths);
      await expect(e.greet('h\u00e9llo \u{1f600}')).resolves.toBe('h\u00e9llo \u{1f600}');
    });

    it('returns no value without memory from a task lifted with one', async () => {
      const e = await tasks(fastPaths);
      await expect(e.consume('abc')).resolves.toBeUndefined();
    });

    it('completes an async lower with RETURNED and writes the result through the out-pointer', async () => {
      const e = await tasks(fastPaths);
      expect(e.asyncAdd(20, 22)).toBe(42);
      expect(e.asyncAdd(1, 2)).toBe(3);
    });

    it('completes a sync lower of an async-lifted function', async () => {
      const e = await tasks(fastPaths);
      expect(e.syncAdd(5, 6)).toBe(11);
    });

    it('spills more than 4 flat parameters of an async lower to memory', async () => {
      const e = await tasks(fastPaths);
      expect(e.spill()).toBe(63);
    });

    it("lowers a string result into the async caller's memory with its realloc", async () => {
      const e = await tasks(fastPaths);
      expect(e.asyncGreet()).toBe('world');
    });
  });

  describe('callback lift', () => {
    it('EXIT finishes the task (task.return called before)', async () => {
      const e = await tasks(fastPaths);
      await expect(e.cbExit()).resolves.toBe(42);
    });

    it('YIELD calls the callback again with EVENT_NONE until EXIT', async () => {
      const e = await tasks(fastPaths);
      await expect(e.cbYield()).resolves.toBe(3);
      // and through a sync lower from another component
      expect(e.syncYield()).toBe(3);
    });
  });

  describe('sync lift of an async function type', () => {
    it('returns its core result as a Promise', async () => {
      const e = await tasks(fastPaths);
      const p = e.syncLiftAsync(21);
      expect(p).toBeInstanceOf(Promise);
      await expect(p).resolves.toBe(42);
    });
  });

  describe('traps', () => {
    const traps = async (name: string, re: RegExp, ...args: unknown[]) => {
      const e = await tasks(fastPaths);
      const err = await e[name](...args).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(err).toBeInstanceOf(Trap);
      expect((err as Error).message).toMatch(re);
      // A trap poisons the instance.
      await expect(e.add(1, 2)).rejects.toThrow(/poisoned/);
    };

    it('task.return called twice', () => traps('twice', /task\.return called twice/));
    it('returning without task.return (stackful)', () => traps('noReturn', /task\.return was not called/));
    it('EXIT without task.return (callback)', () => traps('cbNoReturn', /task\.return was not called/));
    it('YIELD after task.return is not implemented yet', () =>
      traps('yieldAfterReturn', /YIELD after task\.return.*not implemented yet/));
    it('YIELD under an async lower is not implemented yet', async () => {
      const e = await tasks(fastPaths);
      expect(() => e.asyncYield()).toThrow(/YIELD in a task called through an async lower.*not implemented yet/);
    });
    it('WAIT is not implemented yet', () => traps('wait', /WAIT .*not implemented yet/));
    it('an invalid callback code', () => traps('badCode', /invalid callback code 3/));
    it('task.return with another result type', () => traps('mismatch', /result type differs/));
    it('task.return with another memory', () => traps('greetMem2', /memory\/string-encoding options differ/, 'x'));
    it('task.return with another string encoding', () =>
      traps('greet16', /memory\/string-encoding options differ/, 'x'));
    it('task.return from a sync lift of an async type', () => traps('syncLiftTr', /lifted without `async`/, 1));
    it('task.return from a sync function called inside an async task', () => traps('nested', /outside a task/));

    it('task.return outside any task', async () => {
      const e = await tasks(fastPaths);
      expect(() => e.syncTr()).toThrow(Trap);
      const e2 = await tasks(fastPaths);
      expect(() => e2.syncTr()).toThrow(/task\.return: no async-lifted task .*outside a task/);
    });
  });

  describe('host async imports', () => {
    it('run when the host returns a value, lowered sync or async', async () => {
      const e = (await instantiate(bytes.host, { slow: (x: number) => x + 1 }, { fastPaths })) as Record<string, Fn>;
      expect(e.viaSync(41)).toBe(42);
      expect(e.viaAsync(9)).toBe(10);
    });

    it('trap as not implemented when the host returns a Promise', async () => {
      const imports = { slow: async (x: number) => x + 1 };
      const e = (await instantiate(bytes.host, imports, { fastPaths })) as Record<string, Fn>;
      expect(() => e.viaSync(1)).toThrow(/Promise.*not implemented yet/);
      const e2 = (await instantiate(bytes.host, imports, { fastPaths })) as Record<string, Fn>;
      expect(() => e2.viaAsync(1)).toThrow(/Promise.*not implemented yet/);
    });
  });

  it('other async built-ins instantiate and trap when called', async () => {
    const e = (await instantiate(bytes.other, {}, { fastPaths })) as Record<string, Fn>;
    expect(() => e.ws()).toThrow(/canon waitable-set\.new: not implemented yet/);
    const e2 = (await instantiate(bytes.other, {}, { fastPaths })) as Record<string, Fn>;
    expect(() => e2.yield()).toThrow(/canon thread\.yield: not implemented yet/);
  });
});
