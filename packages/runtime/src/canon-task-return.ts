// 🔀 `canon task.return (result $t)? $opts`: the core function an
// async-lifted task calls to return its value (CanonicalABI.md
// "canon task.return"). The value arrives as core *parameters*, flattened
// with MAX_FLAT_PARAMS (past that, one pointer to the result in memory),
// and is lifted with the task.return's own options, which must equal those
// of the task's `canon lift` (same memory instance, same string encoding).
import {
  CoreValueIter,
  liftFlatValues,
  LiftLowerContext,
  MAX_FLAT_PARAMS,
  trap,
  type AbiType,
  type CanonicalOptions,
  type StringEncoding,
} from '@wit-ts/abi';
import type { Canon } from '@wit-ts/component';
import { sameAbiType } from './abi-type-equal.js';
import { liftResults } from './async-task.js';
import { LinkError } from './errors.js';
import type { RuntimeInstance, Scope } from './index-spaces.js';
import { abiType } from './types-from-model.js';

export function defineTaskReturn(scope: Scope, c: Canon, inst: RuntimeInstance): (...flat: unknown[]) => void {
  const result = c.result === undefined || c.result === null ? undefined : abiType(scope, c.result);
  const results = result === undefined ? [] : [result];
  const opts: CanonicalOptions = {};
  for (const o of c.options ?? []) {
    if (o.kind === 'memory') opts.memory = scope.get<WebAssembly.Memory>('core-memory', o.index);
    else if (o.kind === 'utf8' || o.kind === 'utf16' || o.kind === 'latin1+utf16')
      opts.stringEncoding = o.kind as StringEncoding;
    else throw new LinkError(`canon task.return: option '${o.kind}' is not allowed (only memory and string-encoding)`);
  }
  // One context per definition, as for lifts; only its borrow scope changes per call.
  const cx = new LiftLowerContext(opts, inst);
  // `LiftOptions.equal` compares the memories too, but only where lifting
  // the result reads memory: the reference tests (async/cross-abi-calls.wast,
  // run on wasmtime) expect a result-less task.return without `memory` to
  // return from a task lifted with one (for its spilled parameters); where
  // no memory is read the difference is otherwise unobservable.
  const readsMemory = result !== undefined && (result.flat.length > MAX_FLAT_PARAMS || containsMemoryValue(result));
  return (...flat: unknown[]): void => {
    inst.checkMayLeave();
    const task = inst.task;
    if (task === undefined)
      trap('task.return: no async-lifted task is running in this component instance (called outside a task)');
    const lift = task.f;
    if (!lift.async)
      trap('task.return: the current task was lifted without `async` (it returns by returning from the core function)');
    if (!sameAbiType(result, lift.sig.ft.result))
      trap("task.return: the result type differs from the current task's function result type");
    if (cx.stringEncoding !== lift.cx.stringEncoding || (readsMemory && opts.memory !== lift.cx.opts.memory))
      trap("task.return: memory/string-encoding options differ from the current task's canon lift");
    cx.borrowScope = task;
    const vs = liftResults(task, cx, () => liftFlatValues(cx, MAX_FLAT_PARAMS, new CoreValueIter(flat), results));
    task.resolveWith(vs[0]);
  };
}

/** Whether lifting a value of type `t` from flat values reads linear memory (strings, lists). */
function containsMemoryValue(t: AbiType): boolean {
  switch (t.kind) {
    case 'string':
      return true;
    case 'list':
      return t.length === undefined || containsMemoryValue(t.elem);
    case 'map':
      return true;
    case 'record':
      return t.fields.some((f) => containsMemoryValue(f.type));
    case 'tuple':
      return t.types.some(containsMemoryValue);
    case 'variant':
      return t.cases.some((c) => c.type !== undefined && containsMemoryValue(c.type));
    case 'option':
      return containsMemoryValue(t.type);
    case 'result':
      return (t.ok !== undefined && containsMemoryValue(t.ok)) || (t.err !== undefined && containsMemoryValue(t.err));
    default:
      return false;
  }
}
