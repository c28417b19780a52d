// `canon lift`: calling a lifted core function, from the host (exports) or
// from another component instance (the callee half of a fused adapter).
// The generic path uses @wit-ts/abi's lift/lower of whole value lists; the
// host entry point prefers a generated specialisation (codegen/export-call).
import {
  CoreValueIter,
  liftFlatValues,
  lowerFlatValues,
  MAX_FLAT_PARAMS,
  MAX_FLAT_RESULTS,
  Task,
  containsBorrow,
  setHostHeldOwn,
  type AbiType,
  type ComponentInstance,
} from '@wit-ts/abi';
import { callAsyncTyped, notImplemented } from './async-task.js';
import { compileExport } from './codegen/export-call.js';
import { ComponentError, poisonedTrap, reentranceTrap } from './errors.js';
import type { LiftedFunc } from './index-spaces.js';
import { fromHost, lentMark, releaseLentSince, toHost } from './resources.js';

const resultLists = new WeakMap<LiftedFunc, readonly AbiType[]>();

function resultList(f: LiftedFunc): readonly AbiType[] {
  let r = resultLists.get(f);
  if (r === undefined) {
    r = f.sig.ft.result === undefined ? [] : [f.sig.ft.result];
    resultLists.set(f, r);
  }
  return r;
}

/**
 * Synchronous `canon lift` with ABI-level values (reps for handles).
 * `caller` is the calling component instance (undefined = host).
 * Anything thrown once core code has started running (a trap, or a host
 * import's exception unwinding through wasm) poisons the store; host input
 * errors found while lowering arguments before that do not.
 * With `held` (host callers converting through fromHost/toHost with the
 * instance), own handles of resources the instance implements cross as
 * handle indices that stay in its table (see `setHostHeldOwn`).
 */
export function callLifted(
  f: LiftedFunc,
  args: readonly unknown[],
  caller: ComponentInstance | undefined,
  held = false,
): unknown {
  const inst = f.inst;
  const store = inst.store;
  if (store.poisoned) poisonedTrap();
  const cx = f.cx;
  const ft = f.sig.ft;
  // From the host the entering set is the instance and all its ancestors:
  // checked without enterFrom's temporary arrays.
  const chain = inst.chain;
  if (caller === undefined) {
    for (let i = 0; i < chain.length; i++) if (!chain[i].mayEnter) reentranceTrap();
    for (let i = 0; i < chain.length; i++) chain[i].mayEnter = false;
  } else {
    inst.enterFrom(caller);
  }
  const ctx = inst.context;
  if (ctx !== undefined) ctx[0] = ctx[1] = 0;
  // A sync-typed call is not an async task: hide any async task of this
  // instance below it on the stack from `task.return` (restored below).
  const asyncTask = inst.task;
  inst.task = undefined;
  // A Task only matters when borrows are lowered into the callee.
  const task = borrowsIn(f) ? new Task(inst) : undefined;
  const savedScope = cx.borrowScope;
  cx.borrowScope = task;
  let running = false;
  try {
    const prevHeld = setHostHeldOwn(held);
    let flatArgs: unknown[];
    try {
      flatArgs = lowerFlatValues(cx, MAX_FLAT_PARAMS, args, ft.params);
    } finally {
      setHostHeldOwn(prevHeld);
    }
    running = true;
    const r = f.core(...flatArgs);
    const flatResults = ft.result === undefined ? [] : [r];
    // Towards another component, maps stay pair arrays (see LiftLowerContext.mapPairs).
    const savedPairs = cx.mapPairs;
    cx.mapPairs = caller !== undefined;
    const prevHeld2 = setHostHeldOwn(held);
    let results: unknown[];
    try {
      results = liftFlatValues(cx, MAX_FLAT_RESULTS, new CoreValueIter(flatResults), resultList(f));
    } finally {
      cx.mapPairs = savedPairs;
      setHostHeldOwn(prevHeld2);
    }
    task?.return_();
    const post = f.postReturn;
    if (post !== undefined) {
      inst.mayLeave = false;
      try {
        post(...flatResults);
      } finally {
        inst.mayLeave = true;
      }
    }
    return results[0];
  } catch (e) {
    if (running || e instanceof WebAssembly.RuntimeError) store.poisoned = true;
    throw e;
  } finally {
    cx.borrowScope = savedScope;
    inst.task = asyncTask;
    if (caller === undefined) for (let i = 0; i < chain.length; i++) chain[i].mayEnter = true;
    else inst.leaveTo(caller);
  }
}

const borrowFlags = new WeakMap<LiftedFunc, boolean>();

function borrowsIn(f: LiftedFunc): boolean {
  let b = borrowFlags.get(f);
  if (b === undefined) {
    b = f.sig.ft.params.some(containsBorrow);
    borrowFlags.set(f, b);
  }
  return b;
}

const hostEntries = new WeakMap<LiftedFunc, (...args: unknown[]) => unknown>();

/**
 * The JS function the host calls for an exported lifted function, with jco's
 * value conventions: handles as objects, and a top-level `result` unwrapped
 * (`ok` returned, `err` thrown as ComponentError). Memoised per function so
 * an export reached through several names is the same JS function.
 */
export function hostEntry(f: LiftedFunc): (...args: unknown[]) => unknown {
  let fn = hostEntries.get(f);
  if (fn === undefined) {
    fn = f.sig.async ? asyncEntry(f) : ((f.inst.store.fastPaths ? compileExport(f) : undefined) ?? genericEntry(f));
    hostEntries.set(f, fn);
  }
  return fn;
}

const hostMethods = new WeakMap<LiftedFunc, (this: unknown, ...args: unknown[]) => unknown>();

/**
 * The prototype method for a `[method]` export: `self` is `this`. A
 * generated entry takes `this` directly (no rest/spread of the arguments).
 */
export function hostMethod(f: LiftedFunc): (this: unknown, ...args: unknown[]) => unknown {
  let fn = hostMethods.get(f);
  if (fn === undefined) {
    fn = f.inst.store.fastPaths ? compileExport(f, true) : undefined;
    if (fn === undefined) {
      const entry = hostEntry(f);
      fn = function (this: unknown, ...a: unknown[]): unknown {
        return entry(this, ...a);
      };
    }
    hostMethods.set(f, fn);
  }
  return fn;
}

function genericEntry(f: LiftedFunc): (...args: unknown[]) => unknown {
  const { params, result } = f.sig.ft;
  const n = params.length;
  const handles = f.sig.hasHandles;
  const unwrap = result !== undefined && result.kind === 'result';
  return function (...args: unknown[]): unknown {
    // Missing trailing arguments are `undefined` (an absent option), as in jco.
    const vs = new Array<unknown>(n);
    let r: unknown;
    if (handles) {
      const mark = lentMark();
      try {
        for (let i = 0; i < n; i++) vs[i] = fromHost(args[i], params[i], f.inst);
        r = callLifted(f, vs, undefined, true);
      } finally {
        releaseLentSince(mark);
      }
      if (result !== undefined) r = toHost(r, result, f.inst);
    } else {
      for (let i = 0; i < n; i++) vs[i] = args[i];
      r = callLifted(f, vs, undefined);
    }
    if (unwrap) {
      const tv = r as { tag: string; val: unknown };
      if (tv.tag === 'err') throw new ComponentError(tv.val);
      return tv.val;
    }
    return r;
  };
}

/**
 * 🔀 The host entry of an `async func` export (any lift form): returns a
 * Promise of the result, as jco does for async functions. The call itself
 * runs synchronously (the callee completes without blocking or traps);
 * failures, including traps and an `err` result, reject the Promise.
 */
function asyncEntry(f: LiftedFunc): (...args: unknown[]) => Promise<unknown> {
  const { params, result } = f.sig.ft;
  const n = params.length;
  const handles = f.sig.hasHandles;
  const unwrap = result !== undefined && result.kind === 'result';
  const call = (args: unknown[]): unknown => {
    const vs = new Array<unknown>(n);
    let resolved = false;
    let r: unknown;
    const onResolve = (v: unknown): void => {
      resolved = true;
      r = v;
    };
    if (handles) {
      const mark = lentMark();
      try {
        for (let i = 0; i < n; i++) vs[i] = fromHost(args[i], params[i], f.inst);
        callAsyncTyped(f, () => vs, onResolve, undefined, true, true);
      } finally {
        releaseLentSince(mark);
      }
    } else {
      for (let i = 0; i < n; i++) vs[i] = args[i];
      callAsyncTyped(f, () => vs, onResolve, undefined, false, true);
    }
    // Unreachable while tasks cannot block (they resolve or trap).
    if (!resolved) notImplemented('an async export that blocked before returning its value');
    if (handles && result !== undefined) r = toHost(r, result, f.inst);
    if (unwrap) {
      const tv = r as { tag: string; val: unknown };
      if (tv.tag === 'err') throw new ComponentError(tv.val);
      return tv.val;
    }
    return r;
  };
  return (...args: unknown[]) => new Promise((resolve) => resolve(call(args)));
}
