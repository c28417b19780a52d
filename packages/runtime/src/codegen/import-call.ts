// Specialised guest→host trampolines (`canon lower` of a host function).
// For signatures of scalars, strings, flat records, enums, lists of scalars
// and variants/options/results with scalar or string payloads, the core
// import is a generated function that lifts its core arguments inline,
// calls the host function and lowers the result; nothing is allocated for
// scalar calls. Cached per signature shape.
import type { LiftLowerContext } from '@wit-ts/abi';
import { MAX_FLAT_PARAMS, MAX_FLAT_RESULTS } from '@wit-ts/abi';
import type { HostFunc, RuntimeInstance } from '../index-spaces.js';
import { compile, rt, type RtHelpers } from './helpers.js';
import { Gen, isFast, liftFlat, lowerFlat, store, typeKey, usesMemory } from './values.js';

type Factory = (
  rt: RtHelpers,
) => (fn: (...a: unknown[]) => unknown, inst: unknown, cx: unknown) => (...args: unknown[]) => unknown;

const factories = new Map<string, ReturnType<Factory>>();

export function compileImport(
  h: HostFunc,
  inst: RuntimeInstance,
  cx: LiftLowerContext,
): ((...args: unknown[]) => unknown) | undefined {
  const { params, result } = h.sig.ft;
  if (h.sig.hasHandles || h.method) return undefined;
  let flat = 0;
  for (const p of params) {
    if (!isFast(p)) return undefined;
    flat += p.flat.length;
  }
  if (flat > MAX_FLAT_PARAMS) return undefined;
  if (result !== undefined && !isFast(result)) return undefined;
  // Strings, lists and results through the return pointer need the memory.
  const needsMemory =
    params.some(usesMemory) || (result !== undefined && (usesMemory(result) || result.flat.length > MAX_FLAT_RESULTS));
  if (needsMemory && cx.opts.memory === undefined) return undefined;
  const key = `${params.map(typeKey).join(',')}->${result === undefined ? '' : typeKey(result)}/${cx.stringEncoding}`;
  let make = factories.get(key);
  if (make === undefined) {
    const compiled = compile<Factory>(importSource(h, new Gen(cx.stringEncoding === 'utf8')));
    if (compiled === undefined) return undefined;
    make = compiled(rt);
    factories.set(key, make);
  }
  return make(h.fn, inst, cx);
}

function importSource(h: HostFunc, g: Gen): string {
  const { params, result } = h.sig.ft;
  const coreParams: string[] = [];
  const pre: string[] = [];
  const hostArgs: string[] = [];
  let k = 0;
  for (const p of params) {
    const xs = p.flat.map(() => `a${k++}`);
    coreParams.push(...xs);
    const l = liftFlat(g, p, xs);
    pre.push(...l.pre);
    hostArgs.push(l.expr);
  }
  const call = `fn(${hostArgs.join(', ')})`;
  const body: string[] = [...pre];
  if (result === undefined) body.push(`${call};`);
  else {
    // A `result` return: the host returns `ok`'s payload or throws `err`'s (jco's convention).
    if (result.kind === 'result')
      body.push(
        `let v; try { v = { tag: 'ok', val: ${call} }; } catch (e) { v = { tag: 'err', val: rt.errorPayload(e) }; }`,
      );
    else body.push(`const v = ${call};`);
    if (result.flat.length <= MAX_FLAT_RESULTS) {
      const l = lowerFlat(g, result, 'v');
      body.push(...l.check, ...l.lower, `return ${l.args[0]};`);
    } else {
      coreParams.push('ret');
      const s = store(g, result, 'v', 'rp');
      body.push(
        ...s.check,
        ...s.lower,
        `const rp = ret >>> 0; rt.checkRange(cx, rp, ${result.size}, ${result.align}); const dv = cx.dv;`,
        ...s.write,
      );
    }
  }
  return `"use strict";
${g.prelude.join('\n')}
return function (fn, inst, cx) {
  return function (${coreParams.join(', ')}) {
    if (!inst.mayLeave) rt.mayLeave();
    ${body.join('\n    ')}
  };
};`;
}
