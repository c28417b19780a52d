// Specialised component → component adapters: a `canon lower` of a function
// `canon lift`ed by another instance. Scalar-only signatures here (signatures
// with strings, lists and composites of them: cross-call.ts). The
// caller's core values are lifted and lowered in one step (truncation for
// small integers, bool normalisation, char validation), and the callee is
// entered with the entering set precomputed at link time, so such calls
// allocate nothing (the generic adapter builds arrays, a Task and a Subtask).
import { MAX_FLAT_PARAMS, type LiftLowerContext } from '@wit-ts/abi';
import type { LiftedFunc, RuntimeInstance } from '../index-spaces.js';
import { compileCrossAdapter } from './cross-call.js';
import { compile, rt, type RtHelpers } from './helpers.js';
import { isScalar } from './scalars.js';

type Factory = (
  rt: RtHelpers,
) => (
  core: (...a: unknown[]) => unknown,
  callee: unknown,
  caller: unknown,
  entering: readonly unknown[],
  store: unknown,
  postReturn: unknown,
) => (...args: unknown[]) => unknown;

const factories = new Map<string, ReturnType<Factory>>();

/**
 * The specialised adapter for a call from `caller` (whose `canon lower`
 * options are `cx`) to `f`, or undefined for the generic path. Signatures
 * with strings, lists and composites of them are cross-call.ts's.
 */
export function compileAdapter(
  f: LiftedFunc,
  caller: RuntimeInstance,
  cx?: LiftLowerContext,
): ((...args: unknown[]) => unknown) | undefined {
  // 🔀 Calls of async-typed functions go through the task protocol (canon-lower-async.ts).
  if (f.sig.async) return undefined;
  const { params, result } = f.sig.ft;
  const scalars =
    params.length <= MAX_FLAT_PARAMS && params.every(isScalar) && (result === undefined || isScalar(result));
  if (!scalars) return cx === undefined ? undefined : compileCrossAdapter(f, caller, cx);
  const key = `${params.map((p) => p.kind).join(',')}->${result?.kind ?? ''}${f.postReturn ? '+pr' : ''}`;
  let make = factories.get(key);
  if (make === undefined) {
    const compiled = compile<Factory>(adapterSource(f));
    if (compiled === undefined) return undefined;
    make = compiled(rt);
    factories.set(key, make);
  }
  const entering = f.inst.enteringSet(caller);
  return make(f.core, f.inst, caller, entering, f.inst.store, f.postReturn);
}

/** Core value of the caller → core value for the callee (lift then lower). */
function pass(kind: string, v: string): string {
  switch (kind) {
    case 'bool':
      return `(${v} !== 0 ? 1 : 0)`;
    case 'u8':
      return `(${v} & 0xff)`;
    case 's8':
      return `((${v} << 24) >> 24)`;
    case 'u16':
      return `(${v} & 0xffff)`;
    case 's16':
      return `((${v} << 16) >> 16)`;
    case 'char':
      return `rt.checkCharCode(${v})`;
    default:
      // i32/i64/f32/f64 pass unchanged (NaN bits are the engine's choice either way).
      return v;
  }
}

function adapterSource(f: LiftedFunc): string {
  const { params, result } = f.sig.ft;
  const args = params.map((_, i) => `a${i}`);
  const passed = params.map((p, i) => pass(p.kind, `a${i}`));
  const ret = result === undefined ? 'undefined' : pass(result.kind, 'r');
  const post = f.postReturn
    ? 'callee.mayLeave = false; try { postReturn(r); } finally { callee.mayLeave = true; }'
    : '';
  return `"use strict";
return function (core, callee, caller, entering, store, postReturn) {
  const n = entering.length;
  return function (${args.join(', ')}) {
    if (!caller.mayLeave) rt.mayLeave();
    if (store.poisoned) rt.poisoned();
    for (let i = 0; i < n; i++) if (!entering[i].mayEnter) rt.reenter();
    for (let i = 0; i < n; i++) entering[i].mayEnter = false;
    const ctx = callee.context;
    if (ctx !== undefined) ctx[0] = ctx[1] = 0;
    // Not an async task: hidden from task.return (see callLifted).
    const tk = callee.task;
    callee.task = undefined;
    try {
      const r = core(${passed.join(', ')});
      const v = ${ret};
      ${post}
      return v;
    } catch (e) {
      store.poisoned = true;
      throw e;
    } finally {
      callee.task = tk;
      for (let i = 0; i < n; i++) entering[i].mayEnter = true;
    }
  };
};`;
}
