// Source generators for the non-scalar types the specialised call paths
// inline: enums, variants/options/results whose payloads are scalars or
// strings, lists of scalars, and (export side) handles of guest resources.
// Every check mirrors @wit-ts/abi's (same helpers, same error classes and
// messages), so the generated and generic paths reject the same inputs.
//
// Generated code sees: `rt` (helpers), `cx` (the LiftLowerContext), `R`
// (per-function constants such as resource classes, see `Gen.res`) and the
// factory-level constants declared in `Gen.prelude`.
import type { AbiType, CoreType, HandleType, VariantType } from '@wit-ts/abi';
import {
  checkObject,
  coerceDown,
  coerceUp,
  isFlatRecord,
  isScalar,
  liftScalar,
  loadScalar,
  lowerScalar,
  prop,
  shapeKey,
  storeScalar,
} from './scalars.js';

/** Per-signature generation state. */
export class Gen {
  /** Factory-level declarations (constant tables), emitted once per factory. */
  readonly prelude: string[] = [];
  /** Per-function constants, referenced as `R[i]` (their identity is not part of the cache key). */
  readonly res: unknown[] = [];
  private n = 0;
  constructor(
    readonly utf8: boolean,
    /**
     * Handle types that can be inlined (export side: borrows of resources the
     * component defines, owns of guest resources in results), as the
     * per-function constant the generated code uses (see `HandleInfo`).
     */
    readonly handles?: (t: HandleType) => HandleInfo | undefined,
  ) {}
  fresh(p: string): string {
    return `${p}${this.n++}`;
  }
  konst(src: string): string {
    const name = this.fresh('K');
    this.prelude.push(`const ${name} = ${src};`);
    return name;
  }
  /** Per-function constant `v`: a variable of the per-function closure (declared from `R`). */
  r(v: unknown): string {
    this.res.push(v);
    return `R${this.res.length - 1}`;
  }
  /** Declarations of the per-function constants (handle infos: `Rn` and its class prototype `Rn_proto`). */
  resDecls(): string {
    return this.res.map((_, i) => `const R${i} = R[${i}], R${i}_proto = R${i}.cls.prototype;`).join(' ');
  }
}

/** A guest resource's wrapper class and the handle type (for the generic error path). */
export interface HandleInfo {
  readonly cls: unknown;
  readonly t: HandleType;
}

interface VCase {
  readonly name: string;
  readonly type: AbiType | undefined;
}
interface VInfo {
  readonly kind: 'variant' | 'option' | 'result';
  readonly v: VariantType;
  readonly cases: readonly VCase[];
}

function variantInfo(t: AbiType): VInfo | undefined {
  switch (t.kind) {
    case 'variant':
      return { kind: 'variant', v: t, cases: t.cases };
    case 'option':
      return {
        kind: 'option',
        v: t.variant,
        cases: [
          { name: 'none', type: undefined },
          { name: 'some', type: t.type },
        ],
      };
    case 'result':
      return {
        kind: 'result',
        v: t.variant,
        cases: [
          { name: 'ok', type: t.ok },
          { name: 'err', type: t.err },
        ],
      };
    default:
      return undefined;
  }
}

function isPayload(t: AbiType | undefined): boolean {
  return t === undefined || isScalar(t) || t.kind === 'string';
}

/** Types the generators handle (handles only where `handles` says so). */
export function isFast(t: AbiType, handles?: Gen['handles']): boolean {
  if (isScalar(t) || t.kind === 'string' || isFlatRecord(t) || t.kind === 'enum') return true;
  if (t.kind === 'list') return t.length === undefined && isScalar(t.elem);
  if ((t.kind === 'own' || t.kind === 'borrow') && handles !== undefined) return handles(t) !== undefined;
  // A tagged option ({ tag: 'some' | 'none' }) only wraps another option, which is not a payload here.
  if (t.kind === 'option' && (t as { tagged?: boolean }).tagged === true) return false;
  const vi = variantInfo(t);
  return vi !== undefined && vi.cases.every((c) => isPayload(c.type));
}

/** The signature-key fragment: everything the generated code depends on. */
export function typeKey(t: AbiType): string {
  const vi = variantInfo(t);
  if (vi !== undefined)
    return `${vi.kind}(${vi.cases.map((c) => `${JSON.stringify(c.name)}:${c.type === undefined ? '_' : c.type.kind}`).join(',')})`;
  if (t.kind === 'enum') return `enum${JSON.stringify(t.names)}`;
  if (t.kind === 'list') return `list<${t.elem.kind}>`;
  return shapeKey(t);
}

/** Does lifting/lowering `t` touch linear memory (beyond a return area)? */
export function usesMemory(t: AbiType): boolean {
  if (t.kind === 'string' || t.kind === 'list') return true;
  const vi = variantInfo(t);
  return vi !== undefined && vi.cases.some((c) => c.type?.kind === 'string');
}

/** Output of a host → core generator. */
export interface Lowered {
  /** Validation only (runs before the instance is entered; may throw TypeError/RangeError). */
  readonly check: string[];
  /** Allocation in guest memory (realloc) and the remaining conversions. */
  readonly lower: string[];
  /** Core value expressions (flat lowering), in order. */
  readonly args: string[];
}

function zero(ct: CoreType): string {
  return ct === 'i64' ? '0n' : '0';
}

/**
 * Validation of a variant-like host value: declares `${id}d` (case index)
 * and `${id}w` (the payload's validated core value, or the string).
 */
function checkVariant(vi: VInfo, v: string, id: string): string[] {
  const out = [`let ${id}d = 0, ${id}w;`];
  const payload = (c: VCase, x: string): string => {
    if (c.type === undefined) return '';
    if (c.type.kind === 'string') return `rt.checkString(${x}); ${id}w = ${x};`;
    return `{ const ${id}x = ${x}; ${lowerScalar(c.type.kind, `${id}x`, `${id}y`)} ${id}w = ${id}y; }`;
  };
  if (vi.kind === 'option') {
    out.push(`if (${v} !== undefined && ${v} !== null) { ${id}d = 1; ${payload(vi.cases[1], v)} }`);
  } else if (vi.kind === 'result') {
    out.push(
      `if (${v} === null || typeof ${v} !== 'object') rt.badValue("a result object { tag: 'ok' | 'err', val }", ${v});`,
      `{ const ${id}t = ${v}.tag;`,
      `if (${id}t === 'ok') { ${payload(vi.cases[0], `${v}.val`)} }`,
      `else if (${id}t === 'err') { ${id}d = 1; ${payload(vi.cases[1], `${v}.val`)} }`,
      `else rt.badValue("result tag 'ok' or 'err'", ${id}t); }`,
    );
  } else {
    const msg = `a variant tag (${vi.cases.map((c) => `'${c.name}'`).join(', ')})`;
    out.push(
      `if (${v} === null || typeof ${v} !== 'object') rt.badValue('a variant object { tag, val }', ${v});`,
      `switch (${v}.tag) {`,
      ...vi.cases.map((c, i) => `  case ${JSON.stringify(c.name)}: ${id}d = ${i}; ${payload(c, `${v}.val`)} break;`),
      `  default: rt.badValue(${JSON.stringify(msg)}, ${v}.tag);`,
      '}',
    );
  }
  return out;
}

function checkEnum(t: Extract<AbiType, { kind: 'enum' }>, v: string, out: string): string[] {
  const msg = `one of ${t.names.map((n) => `'${n}'`).join(', ')}`;
  return [
    `let ${out};`,
    `switch (${v}) {`,
    ...t.names.map((n, i) => `  case ${JSON.stringify(n)}: ${out} = ${i}; break;`),
    `  default: rt.badValue(${JSON.stringify(msg)}, ${v});`,
    '}',
  ];
}

function stringStore(g: Gen, s: string): string {
  return `rt.${g.utf8 ? 'lowerUtf8' : 'storeString'}(cx, ${s})`;
}

function stringLift(g: Gen, p: string, l: string): string {
  return `rt.${g.utf8 ? 'liftUtf8' : 'loadString'}(cx, ${p}, ${l})`;
}

function elemConst(g: Gen, kind: string): string {
  return g.konst(`rt.prim[${JSON.stringify(kind)}]`);
}

/** Host value `v` → flat core values (`lower_flat`). */
export function lowerFlat(g: Gen, t: AbiType, v: string): Lowered {
  const id = g.fresh('v');
  const check: string[] = [];
  const lower: string[] = [];
  const args: string[] = [];
  if (isScalar(t)) {
    check.push(lowerScalar(t.kind, v, `${id}c`));
    args.push(`${id}c`);
  } else if (t.kind === 'string') {
    check.push(`rt.checkString(${v});`);
    lower.push(`const ${id}p = ${stringStore(g, v)}; const ${id}l = cx.lastLength;`);
    args.push(`${id}p`, `${id}l`);
  } else if (isFlatRecord(t)) {
    check.push(checkObject(v));
    t.fields.forEach((f, j) => {
      check.push(`const ${id}f${j} = ${prop(v, f.jsName)};`, lowerScalar(f.type.kind, `${id}f${j}`, `${id}c${j}`));
      args.push(`${id}c${j}`);
    });
  } else if (t.kind === 'enum') {
    check.push(...checkEnum(t, v, `${id}c`));
    args.push(`${id}c`);
  } else if (t.kind === 'list') {
    lower.push(`const ${id}p = rt.storeList(cx, ${v}, ${elemConst(g, t.elem.kind)}); const ${id}l = cx.lastLength;`);
    args.push(`${id}p`, `${id}l`);
  } else if (t.kind === 'borrow') {
    // A borrow of a resource this component defines, lowered into it: just
    // the rep (lower_borrow returns the rep when cx.inst is the
    // implementation; no handle, no borrow count). The fast test is an exact
    // prototype match (cheaper than `instanceof`, which V8 does not fold
    // here); anything else (subclass instances, non-wrappers, disposed
    // wrappers) takes the generic unwrap, which returns the rep or throws.
    const h = g.r(g.handles!(t));
    check.push(
      `let ${id}c; if (${v} == null || Object.getPrototypeOf(${v}) !== ${h}_proto || (${id}c = ${v}[REP]) === undefined) ` +
        `${id}c = rt.unwrapGuest(${v}, ${h}.t);`,
    );
    args.push(`${id}c`);
  } else {
    const vi = variantInfo(t)!;
    check.push(...checkVariant(vi, v, id));
    const slots = vi.v.payloadFlat;
    const names = slots.map((_, k) => `${id}s${k}`);
    if (names.length > 0) lower.push(`let ${names.map((n, k) => `${n} = ${zero(slots[k])}`).join(', ')};`);
    const arms: string[] = [];
    vi.cases.forEach((c, i) => {
      if (c.type === undefined) return;
      if (c.type.kind === 'string') {
        arms.push(
          `case ${i}: ${names[0]} = ${coerceDown('i32', slots[0], stringStore(g, `${id}w`))}; ` +
            `${names[1]} = ${coerceDown('i32', slots[1], 'cx.lastLength')}; break;`,
        );
      } else {
        arms.push(`case ${i}: ${names[0]} = ${coerceDown(c.type.flat[0], slots[0], `${id}w`)}; break;`);
      }
    });
    if (arms.length > 0) lower.push(`switch (${id}d) { ${arms.join(' ')} }`);
    args.push(`${id}d`, ...names);
  }
  return { check, lower, args };
}

/** Output of a core → host generator: statements, then the value expression. */
export interface Lifted {
  readonly pre: string[];
  readonly expr: string;
}

function discCheck(i: string, n: number): string {
  return `if (${i} >= ${n}) rt.badDisc(${i}, ${n});`;
}

/** Flat core values `xs` → host value (`lift_flat`). */
export function liftFlat(g: Gen, t: AbiType, xs: readonly string[]): Lifted {
  if (isScalar(t)) return { pre: [], expr: liftScalar(t.kind, xs[0]) };
  if (t.kind === 'string') return { pre: [], expr: stringLift(g, xs[0], xs[1]) };
  if (isFlatRecord(t)) {
    const fields = t.fields.map((f, j) => `${JSON.stringify(f.jsName)}: ${liftScalar(f.type.kind, xs[j])}`);
    return { pre: [], expr: `{ ${fields.join(', ')} }` };
  }
  if (t.kind === 'list') return { pre: [], expr: `rt.loadList(cx, ${xs[0]}, ${xs[1]}, ${elemConst(g, t.elem.kind)})` };
  const id = g.fresh('u');
  if (t.kind === 'enum') {
    const names = g.konst(JSON.stringify(t.names));
    return { pre: [`const ${id} = ${xs[0]} >>> 0;`, discCheck(id, t.names.length)], expr: `${names}[${id}]` };
  }
  if (t.kind === 'own') {
    // A wrapper of the class captured at codegen time: host-held (the handle
    // stays in the table) when the instance implements the resource, else
    // `lift_own` out of the instance's table (as the generic path).
    const h = g.r(g.handles!(t));
    return { pre: [], expr: `rt.liftOwnToHost(${h}, cx, ${xs[0]} >>> 0)` };
  }
  if (t.kind === 'borrow') throw new Error('borrows are not lifted by generated code');
  const vi = variantInfo(t)!;
  const slots = vi.v.payloadFlat;
  const pre = [`const ${id}d = ${xs[0]} >>> 0;`, discCheck(`${id}d`, vi.cases.length), `let ${id};`];
  const arms = vi.cases.map((c, i) => {
    let val: string | undefined;
    if (c.type === undefined) val = undefined;
    else if (c.type.kind === 'string')
      val = stringLift(g, coerceUp(slots[0], 'i32', xs[1]), coerceUp(slots[1], 'i32', xs[2]));
    else val = liftScalar(c.type.kind, coerceUp(slots[0], c.type.flat[0], xs[1]));
    return `case ${i}: ${id} = ${caseValue(vi, c, i, val)}; break;`;
  });
  pre.push(`switch (${id}d) { ${arms.join(' ')} }`);
  return { pre, expr: id };
}

/** The host shape of case `c` with payload expression `val` (jco conventions, as @wit-ts/abi). */
function caseValue(vi: VInfo, c: VCase, i: number, val: string | undefined): string {
  if (vi.kind === 'option') return i === 0 ? 'undefined' : val!;
  if (vi.kind === 'result') return `{ tag: ${JSON.stringify(c.name)}, val: ${val ?? 'undefined'} }`;
  return val === undefined ? `{ tag: ${JSON.stringify(c.name)} }` : `{ tag: ${JSON.stringify(c.name)}, val: ${val} }`;
}

function discLoad(v: VariantType, p: string): string {
  return v.discSize === 1
    ? `dv.getUint8(${p})`
    : v.discSize === 2
      ? `dv.getUint16(${p}, true)`
      : `dv.getUint32(${p}, true)`;
}

/** Host value loaded from memory at `p` (in range, aligned; `dv` current). */
export function load(g: Gen, t: AbiType, p: string): Lifted {
  if (isScalar(t)) return { pre: [], expr: loadScalar(t.kind, p) };
  if (t.kind === 'string')
    return { pre: [], expr: stringLift(g, `dv.getUint32(${p}, true)`, `dv.getUint32(${p} + 4, true)`) };
  if (t.kind === 'list')
    return {
      pre: [],
      expr: `rt.loadList(cx, dv.getUint32(${p}, true), dv.getUint32(${p} + 4, true), ${elemConst(g, t.elem.kind)})`,
    };
  if (isFlatRecord(t)) {
    const fields = t.fields.map((f) => `${JSON.stringify(f.jsName)}: ${loadScalar(f.type.kind, `${p} + ${f.offset}`)}`);
    return { pre: [], expr: `{ ${fields.join(', ')} }` };
  }
  const id = g.fresh('m');
  if (t.kind === 'enum') {
    const names = g.konst(JSON.stringify(t.names));
    return {
      pre: [`const ${id} = ${discLoad(t.variant, p)};`, discCheck(id, t.names.length)],
      expr: `${names}[${id}]`,
    };
  }
  if (t.kind === 'own' || t.kind === 'borrow') throw new Error('handles are not loaded by generated code');
  const vi = variantInfo(t)!;
  const q = `${p} + ${vi.v.payloadOffset}`;
  const pre = [`const ${id}d = ${discLoad(vi.v, p)};`, discCheck(`${id}d`, vi.cases.length), `let ${id};`];
  const arms = vi.cases.map((c, i) => {
    const val = c.type === undefined ? undefined : load(g, c.type, q).expr; // payloads are scalars/strings: no `pre`
    return `case ${i}: ${id} = ${caseValue(vi, c, i, val)}; break;`;
  });
  pre.push(`switch (${id}d) { ${arms.join(' ')} }`);
  return { pre, expr: id };
}

/** Output of a host → memory generator. */
export interface Stored {
  readonly check: string[];
  readonly lower: string[];
  /** Writes at the target address (after `dv` is (re)read). */
  readonly write: string[];
}

/** Host value `v` stored at address `p` (`store`), split into check / allocate / write. */
export function store(g: Gen, t: AbiType, v: string, p: string): Stored {
  const id = g.fresh('w');
  if (isScalar(t)) {
    return { check: [lowerScalar(t.kind, v, `${id}c`)], lower: [], write: [storeScalar(t.kind, p, `${id}c`)] };
  }
  if (t.kind === 'string' || t.kind === 'list') {
    const alloc = t.kind === 'list' ? `rt.storeList(cx, ${v}, ${elemConst(g, t.elem.kind)})` : stringStore(g, v);
    return {
      check: t.kind === 'string' ? [`rt.checkString(${v});`] : [],
      lower: [`const ${id}p = ${alloc}; const ${id}l = cx.lastLength;`],
      write: [`dv.setUint32(${p}, ${id}p, true); dv.setUint32(${p} + 4, ${id}l, true);`],
    };
  }
  if (isFlatRecord(t)) {
    const check = [checkObject(v)];
    const write: string[] = [];
    t.fields.forEach((f, j) => {
      check.push(`const ${id}f${j} = ${prop(v, f.jsName)};`, lowerScalar(f.type.kind, `${id}f${j}`, `${id}c${j}`));
      write.push(storeScalar(f.type.kind, `${p} + ${f.offset}`, `${id}c${j}`));
    });
    return { check, lower: [], write };
  }
  if (t.kind === 'enum') {
    return { check: checkEnum(t, v, `${id}c`), lower: [], write: [discStore(t.variant, p, `${id}c`)] };
  }
  if (t.kind === 'own' || t.kind === 'borrow') throw new Error('handles are not stored by generated code');
  const vi = variantInfo(t)!;
  const check = checkVariant(vi, v, id);
  const q = `${p} + ${vi.v.payloadOffset}`;
  const strCases = vi.cases.flatMap((c, i) => (c.type?.kind === 'string' ? [i] : []));
  const lower: string[] = [];
  if (strCases.length > 0)
    lower.push(
      `let ${id}p = 0, ${id}l = 0;`,
      `if (${strCases.map((i) => `${id}d === ${i}`).join(' || ')}) { ${id}p = ${stringStore(g, `${id}w`)}; ${id}l = cx.lastLength; }`,
    );
  const arms = vi.cases.flatMap((c, i) => {
    if (c.type === undefined) return [];
    if (c.type.kind === 'string')
      return [`case ${i}: dv.setUint32(${q}, ${id}p, true); dv.setUint32(${q} + 4, ${id}l, true); break;`];
    return [`case ${i}: ${storeScalar(c.type.kind, q, `${id}w`)} break;`];
  });
  const write = [discStore(vi.v, p, `${id}d`)];
  if (arms.length > 0) write.push(`switch (${id}d) { ${arms.join(' ')} }`);
  return { check, lower, write };
}

function discStore(v: VariantType, p: string, i: string): string {
  return v.discSize === 1
    ? `dv.setUint8(${p}, ${i});`
    : v.discSize === 2
      ? `dv.setUint16(${p}, ${i}, true);`
      : `dv.setUint32(${p}, ${i}, true);`;
}
