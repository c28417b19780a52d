// 🔀 `canon lower` in the two cases the synchronous fast paths do not cover
// (CanonicalABI.md "canon lower"):
// - the `async` option: arguments flattened with MAX_FLAT_ASYNC_PARAMS (4;
//   past that, one pointer to the arguments in the caller's memory), the
//   result always written through the trailing out-pointer, and the core
//   function returns the packed subtask status;
// - a sync lower of an `async func` callee (sync callers of async callees
//   wait for the value; here the callee always completes first).
// The callee follows the `FuncInst` protocol (see async-task.ts): the
// arguments are lifted from the caller when the callee starts, the result
// is lowered into the caller when the callee resolves.
import {
  CoreValueIter,
  liftFlatValues,
  lowerFlatValues,
  MAX_FLAT_ASYNC_PARAMS,
  MAX_FLAT_PARAMS,
  MAX_FLAT_RESULTS,
  Subtask,
  type LiftLowerContext,
} from '@wit-ts/abi';
import { callAsyncTyped, notImplemented } from './async-task.js';
import { callLifted } from './canon-lift.js';
import { hostCallee } from './canon-lower.js';
import type { RtFunc, RuntimeInstance } from './index-spaces.js';

/** Spec `Subtask.State.RETURNED`: the callee resolved before the lowered call returned. */
const RETURNED = 2;

type OnStart = () => readonly unknown[];
type OnResolve = (result: unknown) => void;
type Callee = (onStart: OnStart, onResolve: OnResolve) => void;

export function lowerAsyncAware(
  f: RtFunc,
  cx: LiftLowerContext,
  caller: RuntimeInstance,
  asyncAbi: boolean,
): (...flat: unknown[]) => unknown {
  const ft = f.sig.ft;
  const results = ft.result === undefined ? [] : [ft.result];
  const maxParams = asyncAbi ? MAX_FLAT_ASYNC_PARAMS : MAX_FLAT_PARAMS;
  const maxResults = asyncAbi ? 0 : MAX_FLAT_RESULTS;
  const callee = calleeOf(f, caller, !asyncAbi);
  // Towards another component, maps cross as pair arrays (see LiftLowerContext.mapPairs).
  const pairs = f.kind === 'lifted';
  return (...flat: unknown[]): unknown => {
    caller.checkMayLeave();
    const vi = new CoreValueIter(flat);
    const subtask = new Subtask();
    const savedScope = cx.borrowScope;
    const savedPairs = cx.mapPairs;
    cx.borrowScope = subtask;
    cx.mapPairs = pairs;
    let out: unknown[] | undefined;
    try {
      callee(
        () => liftFlatValues(cx, maxParams, vi, ft.params),
        (r) => {
          out = lowerFlatValues(cx, maxResults, results.length === 0 ? [] : [r], results, vi);
        },
      );
    } finally {
      cx.borrowScope = savedScope;
      cx.mapPairs = savedPairs;
    }
    // Unreachable while callees cannot block (they resolve or trap); kept as
    // the place where a blocked subtask would be added to the handle table.
    if (out === undefined) notImplemented('a lowered call whose callee blocked before returning its value');
    subtask.deliverResolve();
    return asyncAbi ? RETURNED : out[0];
  };
}

function calleeOf(f: RtFunc, caller: RuntimeInstance, callerWaits: boolean): Callee {
  if (f.kind === 'host') {
    const call = hostCallee(f);
    return (onStart, onResolve) => onResolve(call(...onStart()));
  }
  if (f.sig.async) return (onStart, onResolve) => callAsyncTyped(f, onStart, onResolve, caller, false, callerWaits);
  // An `async` lower of a sync-typed function (validation rejects it; the
  // engine does not require validation): a plain synchronous call.
  return (onStart, onResolve) => onResolve(callLifted(f, onStart(), caller));
}
