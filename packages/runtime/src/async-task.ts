// 🔀 Calls of async-typed lifted functions: the spec's `canon_lift` with its
// `Task` (CanonicalABI.md "Tasks", "canon lift"), for every lift form:
// sync lift of an `async func`, stackful `async` lift (the core function
// calls `task.return` before it returns) and stackless `async (callback …)`
// lift (an event loop over the callback's packed codes).
//
// This engine has no suspension yet (no fibers/JSPI, no waitable sets): a
// call runs to completion on the caller's stack. Everything the spec defines
// for a call that completes without blocking is implemented; wherever the
// spec would suspend the task (backpressure, the instance's exclusive lock,
// a WAIT code, a host import returning a Promise) the engine traps with a
// "not implemented yet" message instead of deadlocking. The async/ tests
// are a later issue.
//
// The spec's `FuncInst` protocol is kept: the caller passes `onStart`
// (produces the arguments, e.g. lifts them from the caller's memory) and
// `onResolve` (receives the result, e.g. lowers it into the caller), and the
// callee calls them when the spec does — `onResolve` from inside
// `task.return`, while the callee is still running.
import {
  CoreValueIter,
  liftFlatValues,
  lowerFlatValues,
  MAX_FLAT_PARAMS,
  MAX_FLAT_RESULTS,
  setHostHeldOwn,
  Task,
  trap,
  type AbiType,
  type ComponentInstance,
  type LiftLowerContext,
} from '@wit-ts/abi';
import { poisonedTrap } from './errors.js';
import type { LiftedFunc } from './index-spaces.js';

/** Spec `CallbackCode`. */
const EXIT = 0;
const YIELD = 1;
const WAIT = 2;
/** Spec `EventCode.NONE`: what a YIELD resumes with when nothing was cancelled. */
const EVENT_NONE = 0;

/** Traps for spec behaviour that needs a task to suspend (the async/ runtime, a later issue). */
export function notImplemented(what: string): never {
  trap(`${what}: not implemented yet (async calls run only when they complete without blocking)`);
}

/** The callee side of one async-typed call (spec `Task`; the abi `Task` counts its borrows). */
export class AsyncTask extends Task {
  readonly results: readonly AbiType[];
  constructor(
    readonly f: LiftedFunc,
    /** Spec `OnResolve`: hands the lifted result to the caller. */
    readonly onResolve: (result: unknown) => void,
    /** The host is the caller and converts own handles as host-held indices (see `setHostHeldOwn`). */
    readonly held: boolean,
    /** Another component is the caller: maps lift as pair arrays (see `LiftLowerContext.mapPairs`). */
    readonly mapPairs: boolean,
    /**
     * The caller waits for the value (the host, or a sync lower) rather than
     * continuing while the task is suspended (an async lower).
     */
    readonly callerWaits: boolean,
  ) {
    super(f.inst);
    this.results = f.sig.ft.result === undefined ? [] : [f.sig.ft.result];
  }

  /** `Task.return_` followed by `OnResolve` (the abi Task checks the borrows). */
  resolveWith(result: unknown): void {
    if (this.resolved) trap('task.return: the task already returned its value (task.return called twice)');
    this.return_();
    this.onResolve(result);
  }
}

/**
 * `canon_lift` of an async-typed function `f` (from `Store.lift`'s
 * `func_inst`: enter checks, then the implicit thread). Returns once the
 * task finished; `onResolve` has been called by then (or this threw).
 */
export function callAsyncTyped(
  f: LiftedFunc,
  onStart: () => readonly unknown[],
  onResolve: (result: unknown) => void,
  caller: ComponentInstance | undefined,
  held: boolean,
  callerWaits: boolean,
): void {
  const inst = f.inst;
  const store = inst.store;
  if (store.poisoned) poisonedTrap();
  inst.enterFrom(caller);
  // Task.needs_exclusive: everything but a stackful async lift shares the
  // instance's single linear-memory shadow stack (Component Invariant #3).
  const exclusive = !f.async || f.callback !== undefined;
  const task = new AsyncTask(f, onResolve, held, caller !== undefined, callerWaits);
  const cx = f.cx;
  const savedScope = cx.borrowScope;
  const savedTask = inst.task;
  let acquired = false;
  let running = false;
  try {
    // Task.enter_implicit_thread: the call would wait here until the gate clears.
    if (inst.backpressure > 0) notImplemented('an async-typed call waiting for backpressure to clear');
    if (exclusive) {
      if (inst.exclusive !== undefined)
        notImplemented("an async-typed call waiting for the instance's exclusive lock (held by another task)");
      inst.exclusive = task;
      acquired = true;
    }
    inst.task = task;
    cx.borrowScope = task;
    const ctx = inst.context;
    if (ctx !== undefined) ctx[0] = ctx[1] = 0;
    // Task.start: the caller's arguments, lowered into the callee.
    const args = onStart();
    const prevHeld = setHostHeldOwn(held);
    let flatArgs: unknown[];
    try {
      flatArgs = lowerFlatValues(cx, MAX_FLAT_PARAMS, args, f.sig.ft.params);
    } finally {
      setHostHeldOwn(prevHeld);
    }
    running = true;
    if (!f.async) runSyncLift(task, flatArgs);
    else if (f.callback === undefined) f.core(...flatArgs);
    else runCallbackLoop(task, f.callback, f.core(...flatArgs));
    // Task.exit_implicit_thread → unregister_thread: the last thread may not
    // exit before the task returned its value.
    if (!task.resolved) trap('task.return was not called: an async-lifted task finished without returning its value');
  } catch (e) {
    if (running || e instanceof WebAssembly.RuntimeError) store.poisoned = true;
    throw e;
  } finally {
    if (acquired) inst.exclusive = undefined;
    inst.task = savedTask;
    cx.borrowScope = savedScope;
    inst.leaveTo(caller);
  }
}

/** The sync lift of an `async func`: results are core results, as for sync types. */
function runSyncLift(task: AsyncTask, flatArgs: unknown[]): void {
  const f = task.f;
  const cx = f.cx;
  const r = f.core(...flatArgs);
  const flatResults = task.results.length === 0 ? [] : [r];
  const vs = liftResults(task, cx, () =>
    liftFlatValues(cx, MAX_FLAT_RESULTS, new CoreValueIter(flatResults), task.results),
  );
  task.resolveWith(vs[0]);
  const post = f.postReturn;
  if (post !== undefined) {
    const inst = f.inst;
    inst.mayLeave = false;
    try {
      post(...flatResults);
    } finally {
      inst.mayLeave = true;
    }
  }
}

/**
 * Lifts a task's result with the caller-dependent conventions (host-held
 * own handles towards the host, map pairs towards components); used by the
 * sync lift above and by `task.return`.
 */
export function liftResults(task: AsyncTask, cx: LiftLowerContext, lift: () => unknown[]): unknown[] {
  const savedPairs = cx.mapPairs;
  cx.mapPairs = task.mapPairs;
  const prevHeld = setHostHeldOwn(task.held);
  try {
    return lift();
  } finally {
    cx.mapPairs = savedPairs;
    setHostHeldOwn(prevHeld);
  }
}

/**
 * The stackless event loop of `canon_lift … async (callback …)`.
 * A YIELD suspends the task, and control goes back to the caller unless it
 * waits for the value. While the caller waits (the host, or a sync lower)
 * and the task has not returned yet, no other thread can run here, so the
 * task resumes at once with EVENT_NONE (the host gets to run later, as if
 * it ticked the store right away). Otherwise the caller would continue
 * first, and WAIT needs a waitable set to deliver an event: both need real
 * suspension.
 */
function runCallbackLoop(
  task: AsyncTask,
  callback: (event: number, p1: number, p2: number) => unknown,
  first: unknown,
): void {
  let packed = first as number;
  for (;;) {
    // unpack_callback_result: the code in the low 4 bits, a waitable-set index above.
    const code = packed & 0xf;
    if (code === EXIT) return;
    if (code === YIELD) {
      if (task.resolved) notImplemented('callback code YIELD after task.return (the caller resumes first)');
      if (!task.callerWaits)
        notImplemented('callback code YIELD in a task called through an async lower (the caller continues first)');
      packed = callback(EVENT_NONE, 0, 0) as number;
    } else if (code === WAIT)
      notImplemented(`callback code WAIT (waiting on waitable set ${packed >>> 4}) in a callback-lifted task`);
    else trap(`invalid callback code ${code}: the callback must return EXIT (0), YIELD (1) or WAIT (2)`);
  }
}
