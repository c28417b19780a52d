// Specialised host→guest entry points (`canon lift` seen from JS). For
// signatures made only of scalars and strings, one JS function per
// signature shape is generated with `new Function` and cached by a
// signature key; each lifted function then just closes it over its own core
// function, context and instance. Scalar calls allocate nothing: no
// argument arrays, no Task (there are no borrows to count), no iterator.
import type { LiftedFunc } from '../index-spaces.js';
import {
  checkObject,
  isFlatRecord,
  isInlinable,
  isScalar,
  liftScalar,
  loadScalar,
  lowerScalar,
  prop,
  shapeKey,
} from './scalars.js';
import { compile, rt, type RtHelpers } from './helpers.js';
import { MAX_FLAT_PARAMS } from '@wit-ts/abi';

type Factory = (
  rt: RtHelpers,
) => (
  core: (...a: unknown[]) => unknown,
  cx: unknown,
  inst: unknown,
  chain: readonly unknown[],
  store: unknown,
  postReturn: unknown,
) => (...args: unknown[]) => unknown;

const factories = new Map<string, ReturnType<Factory>>();

/** Returns the specialised entry point, or undefined when the signature is not eligible. */
export function compileExport(f: LiftedFunc): ((...args: unknown[]) => unknown) | undefined {
  const { params, result } = f.sig.ft;
  if (f.sig.hasHandles) return undefined;
  let flat = 0;
  for (const p of params) {
    if (!isInlinable(p)) return undefined;
    flat += p.flat.length;
  }
  if (flat > MAX_FLAT_PARAMS) return undefined;
  if (result !== undefined && !isInlinable(result)) return undefined;
  const depth = f.inst.chain.length;
  const key = `${params.map(shapeKey).join(',')}->${result === undefined ? '' : shapeKey(result)}${f.postReturn ? '+pr' : ''}/${f.cx.stringEncoding}/${depth}`;
  let make = factories.get(key);
  if (make === undefined) {
    const compiled = compile<Factory>(exportSource(f));
    if (compiled === undefined) return undefined;
    make = compiled(rt);
    factories.set(key, make);
  }
  return make(f.core, f.cx, f.inst, f.inst.chain, f.inst.store, f.postReturn);
}

function exportSource(f: LiftedFunc): string {
  const { params, result } = f.sig.ft;
  const utf8 = f.cx.stringEncoding === 'utf8';
  const args = params.map((_, i) => `a${i}`);
  const check: string[] = [];
  const lower: string[] = [];
  const coreArgs: string[] = [];
  params.forEach((p, i) => {
    if (isScalar(p)) {
      check.push(lowerScalar(p.kind, `a${i}`, `c${i}`));
      coreArgs.push(`c${i}`);
    } else if (isFlatRecord(p)) {
      check.push(checkObject(`a${i}`));
      p.fields.forEach((f, j) => {
        check.push(
          `const f${i}_${j} = ${prop(`a${i}`, f.jsName)};`,
          lowerScalar(f.type.kind, `f${i}_${j}`, `c${i}_${j}`),
        );
        coreArgs.push(`c${i}_${j}`);
      });
    } else {
      check.push(`rt.checkString(a${i});`);
      lower.push(`const p${i} = rt.${utf8 ? 'lowerUtf8' : 'storeString'}(cx, a${i}); const l${i} = cx.lastLength;`);
      coreArgs.push(`p${i}`, `l${i}`);
    }
  });
  let lift: string;
  if (result === undefined) lift = 'const v = undefined;';
  else if (isScalar(result)) lift = `const v = ${liftScalar(result.kind, 'r')};`;
  else if (isFlatRecord(result)) {
    if (result.flat.length === 1) {
      const f = result.fields[0];
      lift = `const v = { ${JSON.stringify(f.jsName)}: ${liftScalar(f.type.kind, 'r')} };`;
    } else {
      const fields = result.fields.map(
        (f) => `${JSON.stringify(f.jsName)}: ${loadScalar(f.type.kind, `rp + ${f.offset}`)}`,
      );
      lift = `const rp = r >>> 0; rt.checkRange(cx, rp, ${result.size}, ${result.align}); const dv = cx.dv; const v = { ${fields.join(', ')} };`;
    }
  } else
    lift =
      'const rp = r >>> 0; rt.checkRange(cx, rp, 8, 4); const dv = cx.dv; ' +
      `const v = rt.${utf8 ? 'liftUtf8' : 'loadString'}(cx, dv.getUint32(rp, true), dv.getUint32(rp + 4, true));`;
  const post = f.postReturn ? 'inst.mayLeave = false; try { postReturn(r); } finally { inst.mayLeave = true; }' : '';
  // The entering set of a host call is the instance and its ancestors; its
  // depth is part of the key, so the flag updates are unrolled.
  const depth = f.inst.chain.length;
  const cs = Array.from({ length: depth }, (_, i) => `c${i}_`);
  return `"use strict";
return function (core, cx, inst, chain, store, postReturn) {
  const [${cs.join(', ')}] = chain;
  return function (${args.join(', ')}) {
    if (store.poisoned) rt.poisoned();
    ${check.join('\n    ')}
    if (${cs.map((c) => `!${c}.mayEnter`).join(' || ')}) rt.reenter();
    ${cs.map((c) => `${c}.mayEnter = false;`).join(' ')}
    const ctx = inst.context;
    if (ctx !== undefined) ctx[0] = ctx[1] = 0;
    let running = false;
    try {
      ${lower.join('\n      ')}
      running = true;
      const r = core(${coreArgs.join(', ')});
      ${lift}
      ${post}
      return v;
    } catch (e) {
      // Host input rejected while lowering (before core code ran) does not poison.
      if (running || e instanceof WebAssembly.RuntimeError) store.poisoned = true;
      throw e;
    } finally {
      ${cs.map((c) => `${c}.mayEnter = true;`).join(' ')}
    }
  };
};`;
}
