// `canon lower`: the core function a component imports. Two callees:
// - a host function: lift the core arguments, call JS, lower the result
//   (specialised by codegen/import-call when the signature is simple);
// - a function lifted by another component instance: a fused adapter that
//   lifts from the caller's memory/encoding and lowers into the callee's
//   (strings are transcoded through the JS string in between, handles move
//   as reps between the two instances' tables); specialised by
//   codegen/adapter.ts and codegen/cross-call.ts (memory to memory, no JS
//   values) when the signature has no handles.
import { canonLowerCall, type LiftLowerContext } from '@wit-ts/abi';
import { notImplemented } from './async-task.js';
import { callLifted } from './canon-lift.js';
import { compileAdapter } from './codegen/adapter.js';
import { compileImport } from './codegen/import-call.js';
import { errorPayload } from './errors.js';
import type { HostFunc, LiftedFunc, RtFunc, RuntimeInstance } from './index-spaces.js';
import { fromHost, toHost } from './resources.js';

export function lowerFunc(f: RtFunc, cx: LiftLowerContext, inst: RuntimeInstance): (...flat: unknown[]) => unknown {
  return f.kind === 'host' ? lowerHost(f, cx, inst) : lowerLifted(f, cx, inst);
}

function lowerLifted(f: LiftedFunc, cx: LiftLowerContext, caller: RuntimeInstance): (...flat: unknown[]) => unknown {
  const fast = caller.store.fastPaths ? compileAdapter(f, caller, cx) : undefined;
  if (fast !== undefined) return fast;
  const ft = f.sig.ft;
  const callee = (...args: unknown[]): unknown => callLifted(f, args, caller);
  return (...flat: unknown[]) => {
    // Maps cross as pair arrays: pairs with equal keys must all reach the callee.
    const saved = cx.mapPairs;
    cx.mapPairs = true;
    try {
      return canonLowerCall(cx, ft, callee, flat);
    } finally {
      cx.mapPairs = saved;
    }
  };
}

function lowerHost(h: HostFunc, cx: LiftLowerContext, inst: RuntimeInstance): (...flat: unknown[]) => unknown {
  const fast = inst.store.fastPaths ? compileImport(h, inst, cx) : undefined;
  if (fast !== undefined) return fast;
  const ft = h.sig.ft;
  const callee = hostCallee(h);
  return (...flat: unknown[]) => canonLowerCall(cx, ft, callee, flat);
}

/** ABI-level values in/out, jco conventions towards the host function. */
export function hostCallee(h: HostFunc): (...args: unknown[]) => unknown {
  const { params, result } = h.sig.ft;
  const handles = h.sig.hasHandles;
  const fn = h.fn;
  const wrapResult = result !== undefined && result.kind === 'result';
  // 🔀 An `async func` import may complete later (a Promise); waiting for it
  // needs suspension, which the engine does not have yet.
  const call = h.sig.async ? invokeAsyncTyped : invoke;
  return (...args: unknown[]): unknown => {
    if (handles) for (let i = 0; i < args.length; i++) args[i] = toHost(args[i], params[i]);
    let r: unknown;
    if (wrapResult) {
      try {
        r = { tag: 'ok', val: call(h, fn, args) };
      } catch (e) {
        r = { tag: 'err', val: errorPayload(e) };
      }
    } else {
      r = call(h, fn, args);
    }
    return handles && result !== undefined ? fromHost(r, result) : r;
  };
}

function invoke(h: HostFunc, fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
  if (h.method) return fn.apply(args[0], args.slice(1));
  return fn(...args);
}

function invokeAsyncTyped(h: HostFunc, fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
  const r = invoke(h, fn, args);
  if (r !== null && typeof r === 'object' && typeof (r as { then?: unknown }).then === 'function')
    notImplemented(`async host import '${h.name}' returned a Promise (waiting for it needs the task to suspend)`);
  return r;
}
