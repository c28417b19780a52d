// Specialised guest→host trampolines (`canon lower` of a host function).
// For scalar/string signatures the core import is a generated function that
// lifts its core arguments inline, calls the host function and lowers the
// result; nothing is allocated for scalar calls. Cached per signature shape.
import type { LiftLowerContext } from '@wit-ts/abi';
import { MAX_FLAT_PARAMS } from '@wit-ts/abi';
import type { HostFunc, RuntimeInstance } from '../index-spaces.js';
import { compile, rt, type RtHelpers } from './helpers.js';
import {
  checkObject,
  isFlatRecord,
  isInlinable,
  isScalar,
  liftScalar,
  lowerScalar,
  prop,
  shapeKey,
  storeScalar,
} from './scalars.js';

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
    if (!isInlinable(p)) return undefined;
    flat += p.flat.length;
  }
  if (flat > MAX_FLAT_PARAMS) return undefined;
  if (result !== undefined && !isInlinable(result)) return undefined;
  // Strings and multi-value results need the memory (and realloc for a string result).
  const needsMemory = params.some((p) => p.kind === 'string') || (result !== undefined && result.flat.length > 1);
  if (needsMemory && cx.opts.memory === undefined) return undefined;
  const utf8 = cx.stringEncoding === 'utf8';
  const key = `${params.map(shapeKey).join(',')}->${result === undefined ? '' : shapeKey(result)}/${cx.stringEncoding}`;
  let make = factories.get(key);
  if (make === undefined) {
    const compiled = compile<Factory>(importSource(h, utf8));
    if (compiled === undefined) return undefined;
    make = compiled(rt);
    factories.set(key, make);
  }
  return make(h.fn, inst, cx);
}

function importSource(h: HostFunc, utf8: boolean): string {
  const { params, result } = h.sig.ft;
  const coreParams: string[] = [];
  const hostArgs: string[] = [];
  let k = 0;
  for (const p of params) {
    if (isScalar(p)) {
      const a = `a${k++}`;
      coreParams.push(a);
      hostArgs.push(liftScalar(p.kind, a));
    } else if (isFlatRecord(p)) {
      const fields: string[] = [];
      for (const f of p.fields) {
        const a = `a${k++}`;
        coreParams.push(a);
        fields.push(`${JSON.stringify(f.jsName)}: ${liftScalar(f.type.kind, a)}`);
      }
      hostArgs.push(`{ ${fields.join(', ')} }`);
    } else {
      const ptr = `a${k++}`;
      const len = `a${k++}`;
      coreParams.push(ptr, len);
      hostArgs.push(`rt.${utf8 ? 'liftUtf8' : 'loadString'}(cx, ${ptr}, ${len})`);
    }
  }
  let ret: string;
  if (result === undefined) ret = 'fn(' + hostArgs.join(', ') + ');';
  else if (isScalar(result))
    ret = `const v = fn(${hostArgs.join(', ')}); ${lowerScalar(result.kind, 'v', 'c')} return c;`;
  else if (isFlatRecord(result)) {
    const parts = [`const v = fn(${hostArgs.join(', ')});`, checkObject('v')];
    result.fields.forEach((f, j) =>
      parts.push(`const f${j} = ${prop('v', f.jsName)};`, lowerScalar(f.type.kind, `f${j}`, `c${j}`)),
    );
    if (result.flat.length === 1) parts.push('return c0;');
    else {
      coreParams.push('ret');
      parts.push(`const rp = ret >>> 0; rt.checkRange(cx, rp, ${result.size}, ${result.align}); const dv = cx.dv;`);
      result.fields.forEach((f, j) => parts.push(storeScalar(f.type.kind, `rp + ${f.offset}`, `c${j}`)));
    }
    ret = parts.join(' ');
  } else {
    coreParams.push('ret');
    ret =
      `const v = fn(${hostArgs.join(', ')}); rt.checkString(v); ` +
      `const p = rt.${utf8 ? 'lowerUtf8' : 'storeString'}(cx, v);` +
      ' const l = cx.lastLength; const rp = ret >>> 0; ' +
      'rt.checkRange(cx, rp, 8, 4); const dv = cx.dv; dv.setUint32(rp, p, true); dv.setUint32(rp + 4, l, true);';
  }
  return `"use strict";
return function (fn, inst, cx) {
  return function (${coreParams.join(', ')}) {
    if (!inst.mayLeave) rt.mayLeave();
    ${ret}
  };
};`;
}
