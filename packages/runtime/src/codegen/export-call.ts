// Specialised host→guest entry points (`canon lift` seen from JS). For
// signatures made of scalars, strings, flat records, enums, lists of
// scalars, variants/options/results with scalar or string payloads and
// handles of the component's own resources, one JS function per signature
// shape is generated with `new Function` and cached by a signature key;
// each lifted function then just closes it over its own core function,
// context, instance and per-function constants (resource classes). Scalar
// calls allocate nothing: no argument arrays, no Task (borrows of the
// callee's own resources are plain reps and count nothing), no iterator.
import type { HandleType } from '@wit-ts/abi';
import { MAX_FLAT_PARAMS, MAX_FLAT_RESULTS } from '@wit-ts/abi';
import type { LiftedFunc } from '../index-spaces.js';
import { guestHandle } from '../resources.js';
import { compile, rt, type RtHelpers } from './helpers.js';
import { Gen, isFast, liftFlat, load, lowerFlat, typeKey, type HandleInfo } from './values.js';

type Factory = (
  rt: RtHelpers,
) => (
  core: (...a: unknown[]) => unknown,
  cx: unknown,
  inst: unknown,
  chain: readonly unknown[],
  store: unknown,
  postReturn: unknown,
  R: readonly unknown[],
) => (...args: unknown[]) => unknown;

const factories = new Map<string, ReturnType<Factory>>();

/**
 * Returns the specialised entry point, or undefined when the signature is
 * not eligible. With `method`, the first parameter (`self`) is `this`.
 */
export function compileExport(f: LiftedFunc, method = false): ((...args: unknown[]) => unknown) | undefined {
  // 🔀 Async-typed functions run as tasks (async-task.ts): their value may
  // come through task.return and the host gets a Promise; not specialised.
  if (f.sig.async) return undefined;
  // (Unlike the adapter, no need to hide an async task of the instance from
  // task.return here: while one runs, the instance's may_enter is cleared,
  // so a host call into it traps on re-entrance before getting this far.)
  const { params, result } = f.sig.ft;
  // Borrows lowered into the instance that implements the resource are its
  // reps (`lower_borrow`), so no Task and no lend tracking is needed.
  const borrowIn = (t: HandleType): HandleInfo | undefined =>
    t.kind === 'borrow' && t.resource.impl === f.cx.inst ? guestHandle(t) : undefined;
  const ownOut = (t: HandleType): HandleInfo | undefined => (t.kind === 'own' ? guestHandle(t) : undefined);
  let flat = 0;
  for (const p of params) {
    if (!isFast(p, borrowIn)) return undefined;
    flat += p.flat.length;
  }
  if (flat > MAX_FLAT_PARAMS) return undefined;
  if (method && params.length === 0) return undefined;
  if (result !== undefined && !isFast(result, ownOut)) return undefined;
  const depth = f.inst.chain.length;
  const key =
    `${params.map(typeKey).join(',')}->${result === undefined ? '' : typeKey(result)}` +
    `${f.postReturn ? '+pr' : ''}${method ? '+m' : ''}/${f.cx.stringEncoding}/${depth}`;
  // Per-function constants, in the order the generator references them
  // (handles only occur at the top level: borrow params, then an own result).
  const res: HandleInfo[] = [];
  for (const p of params) if (p.kind === 'borrow') res.push(borrowIn(p)!);
  if (result !== undefined && result.kind === 'own') res.push(ownOut(result)!);
  let make = factories.get(key);
  if (make === undefined) {
    const g = new Gen(f.cx.stringEncoding === 'utf8', (t) => (t.kind === 'borrow' ? borrowIn(t) : ownOut(t)));
    const compiled = compile<Factory>(exportSource(f, g, method));
    if (compiled === undefined) return undefined;
    if (g.res.length !== res.length || g.res.some((r, i) => (r as HandleInfo).t !== res[i].t))
      throw new Error('codegen: per-function constants out of order');
    make = compiled(rt);
    factories.set(key, make);
  }
  return make(f.core, f.cx, f.inst, f.inst.chain, f.inst.store, f.postReturn, res);
}

function exportSource(f: LiftedFunc, g: Gen, method: boolean): string {
  const { params, result } = f.sig.ft;
  const args = params.map((_, i) => `a${i}`);
  const check: string[] = [];
  const lower: string[] = [];
  const coreArgs: string[] = [];
  params.forEach((p, i) => {
    const l = lowerFlat(g, p, `a${i}`);
    check.push(...l.check);
    lower.push(...l.lower);
    coreArgs.push(...l.args);
  });
  let lift: string;
  const unwrap = result !== undefined && result.kind === 'result';
  if (result === undefined) lift = 'v = undefined;';
  else if (result.flat.length <= MAX_FLAT_RESULTS) {
    const l = liftFlat(g, result, ['r']);
    lift = `${l.pre.join(' ')} v = ${l.expr};`;
  } else {
    const l = load(g, result, 'rp');
    lift =
      `const rp = r >>> 0; rt.checkRange(cx, rp, ${result.size}, ${result.align}); const dv = cx.dv; ` +
      `${l.pre.join(' ')} v = ${l.expr};`;
  }
  const post = f.postReturn ? 'inst.mayLeave = false; try { postReturn(r); } finally { inst.mayLeave = true; }' : '';
  // A top-level `result` is unwrapped as in jco: `ok` returned, `err` thrown
  // (after the call completed: not a trap, does not poison).
  const ret = unwrap ? "if (v.tag === 'err') throw new rt.ComponentError(v.val); return v.val;" : 'return v;';
  // The entering set of a host call is the instance and its ancestors; its
  // depth is part of the key, so the flag updates are unrolled.
  const depth = f.inst.chain.length;
  const cs = Array.from({ length: depth }, (_, i) => `c${i}_`);
  const sig = method ? args.slice(1) : args;
  return `"use strict";
const REP = rt.REP;
${g.prelude.join('\n')}
return function (core, cx, inst, chain, store, postReturn, R) {
  const [${cs.join(', ')}] = chain;
  ${g.resDecls()}
  return function (${sig.join(', ')}) {
    ${method ? 'const a0 = this;' : ''}
    if (store.poisoned) rt.poisoned();
    ${check.join('\n    ')}
    if (${cs.map((c) => `!${c}.mayEnter`).join(' || ')}) rt.reenter();
    ${cs.map((c) => `${c}.mayEnter = false;`).join(' ')}
    const ctx = inst.context;
    if (ctx !== undefined) ctx[0] = ctx[1] = 0;
    let running = false;
    let v;
    try {
      ${lower.join('\n      ')}
      running = true;
      const r = core(${coreArgs.join(', ')});
      ${lift}
      ${post}
    } catch (e) {
      // Host input rejected while lowering (before core code ran) does not poison.
      if (running || e instanceof WebAssembly.RuntimeError) store.poisoned = true;
      throw e;
    } finally {
      ${cs.map((c) => `${c}.mayEnter = true;`).join(' ')}
    }
    ${ret}
  };
};`;
}
