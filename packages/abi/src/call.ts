// Whole-call plumbing: `lift_flat_values`/`lower_flat_values` (with spilling
// to memory past the flat limits) and synchronous drivers for `canon lift`
// (host calls a core export) and `canon lower` (core calls a host import),
// including the call-context rules: re-entrance, may_leave during
// post-return, borrow scopes and lend counts.
import { checkRange, type ComponentInstance, type LiftLowerContext } from './context.js';
import type { FuncType } from './flatten.js';
import { MAX_FLAT_PARAMS, MAX_FLAT_RESULTS } from './flatten.js';
import { Subtask, Task } from './handles.js';
import { loadValue } from './load.js';
import { CoreValueIter, type FlatSource, liftFlat } from './lift.js';
import { lowerFlat } from './lower.js';
import { storeValue } from './store.js';
import { tuple, type AbiType, type TupleType } from './types.js';

/** Per-type-list cache of the spill tuple and flat count (built once per signature). */
interface ValuesLayout {
  flatCount: number;
  tuple: TupleType | undefined;
}
const layouts = new WeakMap<readonly AbiType[], ValuesLayout>();

function valuesLayout(ts: readonly AbiType[]): ValuesLayout {
  let l = layouts.get(ts);
  if (l === undefined) {
    let flatCount = 0;
    for (const t of ts) flatCount += t.flat.length;
    l = { flatCount, tuple: ts.length > 0 ? tuple(ts) : undefined };
    layouts.set(ts, l);
  }
  return l;
}

/** `lift_flat_values`: more than `maxFlat` core values means one pointer to a tuple. */
export function liftFlatValues(
  cx: LiftLowerContext,
  maxFlat: number,
  vi: FlatSource,
  ts: readonly AbiType[],
): unknown[] {
  cx.refresh();
  const l = valuesLayout(ts);
  if (l.flatCount > maxFlat) {
    const ptr = (vi.next() as number) >>> 0;
    const tt = l.tuple!;
    checkRange(cx, ptr, tt.size, tt.align);
    return loadValue(cx, ptr, tt) as unknown[];
  }
  const out = new Array<unknown>(ts.length);
  for (let i = 0; i < ts.length; i++) out[i] = liftFlat(cx, vi, ts[i]);
  return out;
}

/**
 * `lower_flat_values`: past `maxFlat`, the values are stored as a tuple either
 * in memory from realloc (returning its pointer) or at the out-pointer read
 * from `outParam` (returning no core values).
 */
export function lowerFlatValues(
  cx: LiftLowerContext,
  maxFlat: number,
  vs: readonly unknown[],
  ts: readonly AbiType[],
  outParam?: FlatSource,
): unknown[] {
  cx.refresh();
  if (vs.length !== ts.length) throw new TypeError(`expected ${ts.length} value(s), got ${vs.length}`);
  const l = valuesLayout(ts);
  if (l.flatCount > maxFlat) {
    const tt = l.tuple!;
    let ptr: number;
    let flat: unknown[];
    if (outParam === undefined) {
      ptr = cx.allocate(tt.align, tt.size);
      flat = [ptr];
    } else {
      ptr = (outParam.next() as number) >>> 0;
      flat = [];
    }
    checkRange(cx, ptr, tt.size, tt.align);
    storeValue(cx, vs, tt, ptr);
    return flat;
  }
  const out: unknown[] = [];
  for (let i = 0; i < ts.length; i++) lowerFlat(cx, vs[i], ts[i], out);
  return out;
}

function resultTypes(ft: FuncType): readonly AbiType[] {
  // Cached per FuncType so the WeakMap key (the array) is stable.
  let r = resultLists.get(ft);
  if (r === undefined) {
    r = ft.result === undefined ? [] : [ft.result];
    resultLists.set(ft, r);
  }
  return r;
}
const resultLists = new WeakMap<FuncType, readonly AbiType[]>();

export interface LiftCallOptions {
  /** Calling instance for component-to-component calls (undefined = host). */
  caller?: ComponentInstance;
}

/**
 * Synchronous `canon lift`: the host (or `caller`) calls the core function
 * `callee` of `cx.inst` with component-level `args`; returns the lifted
 * result (undefined when the function has none). Traps on re-entrance and
 * when the callee returns while still holding borrowed handles.
 */
export function canonLiftCall(
  cx: LiftLowerContext,
  ft: FuncType,
  callee: (...flat: unknown[]) => unknown,
  args: readonly unknown[] = [],
  opts: LiftCallOptions = {},
): unknown {
  const inst = cx.inst;
  inst.enterFrom(opts.caller);
  const task = new Task(inst);
  const savedScope = cx.borrowScope;
  cx.borrowScope = task;
  try {
    const flatArgs = lowerFlatValues(cx, MAX_FLAT_PARAMS, args, ft.params);
    const r = callee(...flatArgs);
    const flatResults = ft.result === undefined ? [] : [r];
    const results = liftFlatValues(cx, MAX_FLAT_RESULTS, new CoreValueIter(flatResults), resultTypes(ft));
    task.return_();
    const postReturn = cx.opts.postReturn;
    if (postReturn !== undefined) {
      inst.mayLeave = false;
      try {
        postReturn(...flatResults);
      } finally {
        inst.mayLeave = true;
      }
    }
    return results[0];
  } finally {
    cx.borrowScope = savedScope;
    inst.leaveTo(opts.caller);
  }
}

/**
 * Synchronous `canon lower`: core wasm of `cx.inst` calls the host function
 * `callee` with core `flatArgs`; returns the core result (or undefined, e.g.
 * when results were written through the trailing out-pointer argument).
 * Borrowed handles passed in are lent for the duration of the call.
 */
export function canonLowerCall(
  cx: LiftLowerContext,
  ft: FuncType,
  callee: (...args: unknown[]) => unknown,
  flatArgs: readonly unknown[],
): unknown {
  cx.inst.checkMayLeave();
  const subtask = new Subtask();
  const savedScope = cx.borrowScope;
  cx.borrowScope = subtask;
  try {
    const vi = new CoreValueIter(flatArgs);
    const args = liftFlatValues(cx, MAX_FLAT_PARAMS, vi, ft.params);
    const r = callee(...args);
    const rts = resultTypes(ft);
    const flat = lowerFlatValues(cx, MAX_FLAT_RESULTS, rts.length === 0 ? [] : [r], rts, vi);
    return flat[0];
  } finally {
    subtask.deliverResolve();
    cx.borrowScope = savedScope;
  }
}
