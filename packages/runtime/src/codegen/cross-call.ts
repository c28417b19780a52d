// Specialised component → component adapters for signatures with values in
// linear memory (strings, lists, and records/tuples/variants/options/
// results of them; scalar-only signatures are adapter.ts's). Arguments go
// from the caller's core values/memory straight into the callee's memory,
// results from the callee's memory straight into the caller's (see
// cross-values.ts and cross-memory.ts): no JS strings or arrays, no
// argument arrays, Task or Subtask (these types carry no handles).
//
// Order of effects, as in the generic path and the spec's canon_lower /
// canon_lift: every argument is validated (lifted) before the callee is
// entered; arguments are then allocated in the callee in order; after the
// core call the results are validated, the caller's return area checked,
// the results allocated in the caller and written, and only then is the
// callee's post-return called (it may free what the results point to).
import { MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, tuple, type LiftLowerContext } from '@wit-ts/abi';
import type { LiftedFunc, RuntimeInstance } from '../index-spaces.js';
import { encodingCode, flat, isCrossable, mem, needsMemory, XGen, type Dir } from './cross-values.js';
import { adapterFrame } from './adapter-frame.js';
import { compile, rt, type RtHelpers } from './helpers.js';

type Factory = (
  rt: RtHelpers,
) => (
  core: (...a: unknown[]) => unknown,
  callee: unknown,
  caller: unknown,
  entering: readonly unknown[],
  store: unknown,
  postReturn: unknown,
  cc: LiftLowerContext,
  ec: LiftLowerContext,
) => (...args: unknown[]) => unknown;

/** Compiled factories by generated source (the source is the complete key). */
const factories = new Map<string, ReturnType<Factory>>();

/** How many adapters were specialised here (tests check the fast path is really taken). */
export const crossStats = { compiled: 0 };

export function compileCrossAdapter(
  f: LiftedFunc,
  caller: RuntimeInstance,
  cx: LiftLowerContext,
): ((...args: unknown[]) => unknown) | undefined {
  // 🔀 Async-typed functions go through the task protocol (canon-lower-async.ts).
  if (f.sig.async) return undefined;
  const { params, result } = f.sig.ft;
  if (!params.every(isCrossable) || (result !== undefined && !isCrossable(result))) return undefined;
  let flatCount = 0;
  for (const p of params) flatCount += p.flat.length;
  const spill = flatCount > MAX_FLAT_PARAMS;
  const retArea = result !== undefined && result.flat.length > MAX_FLAT_RESULTS;
  const memory = spill || retArea || params.some(needsMemory) || (result !== undefined && needsMemory(result));
  // Without memories the canon options are invalid for these types; the generic path reports it.
  if (memory && (cx.opts.memory === undefined || f.cx.opts.memory === undefined)) return undefined;
  const source = crossSource(f, cx, flatCount, spill, retArea);
  let make = factories.get(source);
  if (make === undefined) {
    const compiled = compile<Factory>(source);
    if (compiled === undefined) return undefined;
    make = compiled(rt);
    factories.set(source, make);
  }
  crossStats.compiled++;
  const entering = f.inst.enteringSet(caller);
  return make(f.core, f.inst, caller, entering, f.inst.store, f.postReturn, cx, f.cx);
}

function crossSource(f: LiftedFunc, cx: LiftLowerContext, flatCount: number, spill: boolean, retArea: boolean): string {
  const { params, result } = f.sig.ft;
  const g = new XGen();
  const callerEnc = encodingCode(cx.stringEncoding);
  const calleeEnc = encodingCode(f.cx.stringEncoding);
  // `cc`: the caller's (canon lower) context, `ec`: the callee's (canon lift).
  const args: Dir = { s: 'cc', d: 'ec', sEnc: callerEnc, dEnc: calleeEnc };
  const back: Dir = { s: 'ec', d: 'cc', sEnc: calleeEnc, dEnc: callerEnc };
  const inParams = Array.from({ length: spill ? 1 : flatCount }, (_, i) => `a${i}`);
  const check: string[] = [];
  const copy: string[] = [];
  const coreArgs: string[] = [];
  if (spill) {
    // More than 16 flat values: a tuple in the caller's memory → a tuple allocated in the callee's.
    const tt = tuple(params);
    check.push(`const sp = a0 >>> 0; rt.checkRange(cc, sp, ${tt.size}, ${tt.align});`);
    const part = mem(g, tt, args, 'sp', 'dp', true);
    check.push(...part.check);
    copy.push(`const dp = ${g.x('allocValue')}(cc, ec, ${tt.size}, ${tt.align});`, ...part.copy);
    coreArgs.push('dp');
  } else {
    let k = 0;
    for (const p of params) {
      const xs = p.flat.map(() => `a${k++}`);
      const part = flat(g, p, args, xs);
      check.push(...part.check);
      copy.push(...part.copy);
      coreArgs.push(...part.out);
    }
  }
  const after: string[] = [];
  let value = 'undefined';
  if (result !== undefined && retArea) {
    inParams.push('ret');
    const part = mem(g, result, back, 'rp', 'op', true);
    after.push(
      `const rp = r >>> 0; rt.checkRange(ec, rp, ${result.size}, ${result.align});`,
      ...part.check,
      `const op = ret >>> 0; rt.checkRange(cc, op, ${result.size}, ${result.align});`,
      ...part.copy,
    );
  } else if (result !== undefined) {
    const part = flat(g, result, back, ['r']);
    after.push(...part.check, ...part.copy);
    value = part.out[0];
  }
  return `"use strict";
${g.prelude.join('\n')}
${adapterFrame({
  extraFactoryParams: ['cc', 'ec'],
  params: inParams,
  locals: g.locals,
  checks: check,
  before: copy,
  coreArgs,
  after,
  value,
  postReturn: f.postReturn !== undefined,
  postReturnTakesResult: result !== undefined,
})}`;
}
