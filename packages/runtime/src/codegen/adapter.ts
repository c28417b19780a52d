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
import { adapterFrame } from './adapter-frame.js';
import { compile, rt, type RtHelpers } from './helpers.js';
import { isScalar, passScalar } from './scalars.js';

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

function adapterSource(f: LiftedFunc): string {
  const { params, result } = f.sig.ft;
  const args = params.map((_, i) => `a${i}`);
  const passed = params.map((p, i) => passScalar(p.kind, `a${i}`));
  const ret = result === undefined ? 'undefined' : passScalar(result.kind, 'r');
  return `"use strict";
${adapterFrame({
  params: args,
  coreArgs: passed,
  value: ret,
  postReturn: f.postReturn !== undefined,
  postReturnTakesResult: result !== undefined,
})}`;
}
