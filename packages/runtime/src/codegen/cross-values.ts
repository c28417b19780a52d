// Source generators for component → component transfers of values that live
// in (or point into) linear memory: strings, lists, records, tuples,
// variants, options, results, enums, flags. A value goes from the source
// side (core values or memory of one instance) to the destination side
// without becoming a JS value; scalars are normalised exactly as a lift then
// lower would (small integers truncated, bools 0/1, chars validated, NaNs
// canonicalised in memory, unused variant slots zeroed).
//
// Every generator returns two statement lists:
// - `check`: the validation traps of lifting (run before the callee is
//   entered / before the caller's memory is written, as in the generic path),
//   and the measuring of strings (their destination sizes);
// - `copy`: allocations through the destination's realloc and the writes,
//   in the generic path's order (so realloc sees the same calls).
// Locals assigned in `check` and read in `copy` are hoisted (declared once
// at the top of the generated function); inside list loops nothing is
// hoisted and `copy` re-measures.
import type { AbiType, CoreType, FlagsType, VariantType } from '@wit-ts/abi';
import { LATIN1_UTF16, UTF16, UTF8 } from './cross-memory.js';
import { coerceDown, coerceUp, passScalar } from './scalars.js';

/** Source and destination of one transfer direction (names of the generated code's contexts). */
export interface Dir {
  /** LiftLowerContext variable of the source / destination. */
  readonly s: string;
  readonly d: string;
  readonly sEnc: number;
  readonly dEnc: number;
}

export function encodingCode(e: string): number {
  return e === 'utf8' ? UTF8 : e === 'utf16' ? UTF16 : LATIN1_UTF16;
}

export interface Part {
  readonly check: string[];
  readonly copy: string[];
}

export interface FlatPart extends Part {
  /** Destination core value expressions. */
  readonly out: string[];
}

const NUMERIC = new Set(['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char']);

/** Types the cross-component generators handle (no handles, error contexts or async values). */
export function isCrossable(t: AbiType): boolean {
  if (NUMERIC.has(t.kind) || t.kind === 'string' || t.kind === 'enum' || t.kind === 'flags') return true;
  switch (t.kind) {
    case 'list':
      return isCrossable(t.elem);
    case 'map':
      return isCrossable(t.list);
    case 'record':
      return t.fields.every((f) => isCrossable(f.type));
    case 'tuple':
      return t.types.every(isCrossable);
    case 'variant':
      return t.cases.every((c) => c.type === undefined || isCrossable(c.type));
    case 'option':
      return isCrossable(t.type);
    case 'result':
      return (t.ok === undefined || isCrossable(t.ok)) && (t.err === undefined || isCrossable(t.err));
    default:
      return false;
  }
}

/** Does transferring `t` touch memory (strings or lists anywhere inside)? */
export function needsMemory(t: AbiType): boolean {
  switch (t.kind) {
    case 'string':
    case 'map':
      return true;
    case 'list':
      return t.length === undefined || needsMemory(t.elem);
    case 'record':
      return t.fields.some((f) => needsMemory(f.type));
    case 'tuple':
      return t.types.some(needsMemory);
    case 'variant':
      return t.cases.some((c) => c.type !== undefined && needsMemory(c.type));
    case 'option':
      return needsMemory(t.type);
    case 'result':
      return (t.ok !== undefined && needsMemory(t.ok)) || (t.err !== undefined && needsMemory(t.err));
    default:
      return false;
  }
}

/** Per-adapter generation state: fresh names, hoisted locals, factory constants. */
export class XGen {
  readonly locals: string[] = [];
  readonly prelude: string[] = [];
  private n = 0;
  private readonly konsts = new Map<string, string>();
  fresh(p: string): string {
    return `${p}${this.n++}`;
  }
  /** A local declared at the top of the per-call function. */
  hoist(p: string): string {
    const name = this.fresh(p);
    this.locals.push(name);
    return name;
  }
  /** A factory-level constant (helpers bound once, not looked up per call). */
  konst(src: string): string {
    let k = this.konsts.get(src);
    if (k === undefined) {
      k = `K${this.konsts.size}`;
      this.konsts.set(src, k);
      this.prelude.push(`const ${k} = ${src};`);
    }
    return k;
  }
  x(helper: string): string {
    return this.konst(`rt.x.${helper}`);
  }
}

/** Address expression `base + off`. */
function at(base: string, off: number): string {
  return off === 0 ? base : `${base} + ${off}`;
}

function discLoad(v: VariantType, cx: string, p: string): string {
  return v.discSize === 1
    ? `${cx}.dv.getUint8(${p})`
    : v.discSize === 2
      ? `${cx}.dv.getUint16(${p}, true)`
      : `${cx}.dv.getUint32(${p}, true)`;
}

function discStore(v: VariantType, cx: string, p: string, i: string): string {
  return v.discSize === 1
    ? `${cx}.dv.setUint8(${p}, ${i});`
    : v.discSize === 2
      ? `${cx}.dv.setUint16(${p}, ${i}, true);`
      : `${cx}.dv.setUint32(${p}, ${i}, true);`;
}

interface VCase {
  readonly type: AbiType | undefined;
}

function variantOf(t: AbiType): { v: VariantType; cases: readonly VCase[] } | undefined {
  switch (t.kind) {
    case 'variant':
      return { v: t, cases: t.cases };
    case 'option':
      return { v: t.variant, cases: [{ type: undefined }, { type: t.type }] };
    case 'result':
      return { v: t.variant, cases: [{ type: t.ok }, { type: t.err }] };
    case 'enum':
      return { v: t.variant, cases: t.names.map(() => ({ type: undefined })) };
    default:
      return undefined;
  }
}

/** Masks of the defined bits of each 32-bit word of a flags value (undefined bits are dropped by lift). */
function flagMasks(t: FlagsType): number[] {
  const n = t.names.length;
  const words = Math.max(1, Math.ceil(n / 32));
  return Array.from({ length: words }, (_, w) => {
    const bits = Math.min(32, n - 32 * w);
    return bits === 32 ? 0xffffffff : (1 << bits) - 1;
  });
}

// ---------------------------------------------------------------- memory

/**
 * Value of type `t` at `sp` (source memory, in range and aligned) → `dp`
 * (destination memory, in range and aligned). With `hoist`, measured sizes
 * are kept from `check` for `copy`; `dp` is only used by `copy`.
 */
export function mem(g: XGen, t: AbiType, d: Dir, sp: string, dp: string, hoist: boolean): Part {
  const S = d.s;
  const D = d.d;
  const check: string[] = [];
  const copy: string[] = [];
  const u32 = (cx: string, p: string) => `${cx}.dv.getUint32(${p}, true)`;
  switch (t.kind) {
    case 'bool':
      copy.push(`${D}.dv.setUint8(${dp}, ${S}.dv.getUint8(${sp}) !== 0 ? 1 : 0);`);
      break;
    case 'u8':
    case 's8':
      copy.push(`${D}.dv.setUint8(${dp}, ${S}.dv.getUint8(${sp}));`);
      break;
    case 'u16':
    case 's16':
      copy.push(`${D}.dv.setUint16(${dp}, ${S}.dv.getUint16(${sp}, true), true);`);
      break;
    case 'char':
      check.push(`rt.checkCharCode(${u32(S, sp)});`);
      copy.push(`${D}.dv.setUint32(${dp}, ${u32(S, sp)}, true);`);
      break;
    case 'u32':
    case 's32':
      copy.push(`${D}.dv.setUint32(${dp}, ${u32(S, sp)}, true);`);
      break;
    case 'u64':
    case 's64':
      // Two 32-bit halves: no BigInt on the way.
      copy.push(
        `${D}.dv.setUint32(${dp}, ${u32(S, sp)}, true); ${D}.dv.setUint32(${at(dp, 4)}, ${u32(S, at(sp, 4))}, true);`,
      );
      break;
    case 'f32': {
      const b = g.fresh('b');
      copy.push(
        `{ const ${b} = ${u32(S, sp)}; ${D}.dv.setUint32(${dp}, (${b} & 0x7fffffff) > 0x7f800000 ? 0x7fc00000 : ${b}, true); }`,
      );
      break;
    }
    case 'f64': {
      const lo = g.fresh('lo');
      const hi = g.fresh('hi');
      copy.push(
        `{ let ${lo} = ${u32(S, sp)}, ${hi} = ${u32(S, at(sp, 4))}; const ${hi}a = ${hi} & 0x7fffffff;`,
        `if (${hi}a > 0x7ff00000 || (${hi}a === 0x7ff00000 && ${lo} !== 0)) { ${lo} = 0; ${hi} = 0x7ff80000; }`,
        `${D}.dv.setUint32(${dp}, ${lo}, true); ${D}.dv.setUint32(${at(dp, 4)}, ${hi}, true); }`,
      );
      break;
    }
    case 'string': {
      const measure = `${g.x('measureString')}(${S}, ${u32(S, sp)}, ${u32(S, at(sp, 4))}, ${d.sEnc}, ${d.dEnc})`;
      let m: string;
      if (hoist) {
        m = g.hoist('m');
        check.push(`${m} = ${measure};`);
      } else {
        check.push(`${measure};`);
        m = g.fresh('m');
        copy.push(`const ${m} = ${measure};`);
      }
      const p = g.fresh('p');
      copy.push(
        `{ const ${p} = ${g.x('copyString')}(${S}, ${D}, ${u32(S, sp)}, ${u32(S, at(sp, 4))}, ${m}, ${d.sEnc}, ${d.dEnc});`,
        `${D}.dv.setUint32(${dp}, ${p}, true); ${D}.dv.setUint32(${at(dp, 4)}, ${m}, true); }`,
      );
      break;
    }
    case 'map':
      return mem(g, t.list, d, sp, dp, hoist);
    case 'list': {
      if (t.length !== undefined) {
        // Fixed-length: elements inline.
        const i = g.fresh('i');
        const e = mem(g, t.elem, d, `${sp} + ${i} * ${t.elem.size}`, `${dp} + ${i} * ${t.elem.size}`, false);
        if (e.check.length > 0) check.push(`for (let ${i} = 0; ${i} < ${t.length}; ${i}++) { ${e.check.join(' ')} }`);
        copy.push(`for (let ${i} = 0; ${i} < ${t.length}; ${i}++) { ${e.copy.join(' ')} }`);
        break;
      }
      const l = list(g, t.elem, d, u32(S, sp), u32(S, at(sp, 4)), hoist);
      check.push(...l.check);
      copy.push(
        ...l.copy,
        `${D}.dv.setUint32(${dp}, ${l.out[0]}, true); ${D}.dv.setUint32(${at(dp, 4)}, ${l.out[1]}, true);`,
      );
      break;
    }
    case 'record':
    case 'tuple': {
      const fields = t.kind === 'record' ? t.fields : t.record.fields;
      for (const f of fields) {
        const r = mem(g, f.type, d, addr(sp, f.offset), addr(dp, f.offset), hoist);
        check.push(...r.check);
        copy.push(...r.copy);
      }
      break;
    }
    case 'flags': {
      const masks = flagMasks(t);
      if (t.size === 1) copy.push(`${D}.dv.setUint8(${dp}, ${S}.dv.getUint8(${sp}) & ${masks[0]});`);
      else if (t.size === 2) copy.push(`${D}.dv.setUint16(${dp}, ${S}.dv.getUint16(${sp}, true) & ${masks[0]}, true);`);
      else
        masks.forEach((m, w) =>
          copy.push(`${D}.dv.setUint32(${addr(dp, 4 * w)}, (${u32(S, addr(sp, 4 * w))} & ${m}) >>> 0, true);`),
        );
      break;
    }
    default: {
      const vi = variantOf(t);
      if (vi === undefined) throw new Error(`codegen: not crossable: ${t.kind}`);
      const { v, cases } = vi;
      const disc = hoist ? g.hoist('d') : g.fresh('d');
      const decl = hoist ? '' : 'const ';
      check.push(
        `${decl}${disc} = ${discLoad(v, S, sp)};`,
        `if (${disc} >= ${cases.length}) rt.badDisc(${disc}, ${cases.length});`,
      );
      const cd = hoist ? disc : g.fresh('d');
      if (!hoist) copy.push(`const ${cd} = ${discLoad(v, S, sp)};`);
      copy.push(discStore(v, D, dp, cd));
      const checks: string[] = [];
      const copies: string[] = [];
      cases.forEach((c, i) => {
        if (c.type === undefined) return;
        const r = mem(g, c.type, d, addr(sp, v.payloadOffset), addr(dp, v.payloadOffset), hoist);
        if (r.check.length > 0) checks.push(`case ${i}: { ${r.check.join(' ')} break; }`);
        if (r.copy.length > 0) copies.push(`case ${i}: { ${r.copy.join(' ')} break; }`);
      });
      if (checks.length > 0) check.push(`switch (${disc}) { ${checks.join(' ')} }`);
      if (copies.length > 0) copy.push(`switch (${cd}) { ${copies.join(' ')} }`);
    }
  }
  return { check, copy };
}

/** `base + off` with constant folding of `x + a + b`. */
function addr(base: string, off: number): string {
  const m = /^(.*) \+ (\d+)$/.exec(base);
  if (m !== null && !m[1].includes(' ')) return at(m[1], Number(m[2]) + off);
  return at(base, off);
}

const SCALAR_LIST = new Set(['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char']);

/** A list (pointer `p`, length `l` as source core values or loads) → destination pointer and length. */
function list(g: XGen, elem: AbiType, d: Dir, p: string, l: string, hoist: boolean): FlatPart {
  const S = d.s;
  const D = d.d;
  const check: string[] = [];
  const copy: string[] = [];
  const n = hoist ? g.hoist('n') : g.fresh('n');
  const checkCall = `${g.x('checkList')}(${S}, ${p}, ${l}, ${elem.size}, ${elem.align})`;
  const dp = g.fresh('lp');
  if (hoist) check.push(`${n} = ${checkCall};`);
  else {
    check.push(`const ${n} = ${checkCall};`);
    copy.push(`const ${n} = (${l}) >>> 0;`); // already checked in `check`
  }
  if (SCALAR_LIST.has(elem.kind)) {
    if (elem.kind === 'char') check.push(`${g.x('checkChars')}(${S}, ${p}, ${n});`);
    copy.push(`const ${dp} = ${g.x('copyList')}(${S}, ${D}, ${p}, ${n}, ${elem.size}, ${elem.align});`);
    if (elem.kind === 'bool') copy.push(`${g.x('fixBools')}(${D}, ${dp}, ${n});`);
    else if (elem.kind === 'f32') copy.push(`${g.x('fixF32s')}(${D}, ${dp}, ${n});`);
    else if (elem.kind === 'f64') copy.push(`${g.x('fixF64s')}(${D}, ${dp}, ${n});`);
    return { check, copy, out: [dp, n] };
  }
  const i = g.fresh('i');
  const q = g.fresh('q');
  const r = g.fresh('r');
  const e = mem(g, elem, d, q, r, false);
  if (e.check.length > 0)
    check.push(
      `for (let ${i} = 0, ${q} = (${p}) >>> 0; ${i} < ${n}; ${i}++, ${q} += ${elem.size}) { ${e.check.join(' ')} }`,
    );
  copy.push(
    `const ${dp} = ${g.x('allocList')}(${S}, ${D}, ${n}, ${elem.size}, ${elem.align});`,
    `for (let ${i} = 0, ${q} = (${p}) >>> 0, ${r} = ${dp}; ${i} < ${n}; ${i}++, ${q} += ${elem.size}, ${r} += ${elem.size}) { ${e.copy.join(' ')} }`,
  );
  return { check, copy, out: [dp, n] };
}

// ---------------------------------------------------------------- flat

/** Source core values `xs` of type `t` → destination core values. */
export function flat(g: XGen, t: AbiType, d: Dir, xs: readonly string[]): FlatPart {
  const check: string[] = [];
  const copy: string[] = [];
  const out: string[] = [];
  switch (t.kind) {
    case 'char': {
      const c = g.hoist('c');
      check.push(`${c} = rt.checkCharCode(${xs[0]});`);
      out.push(c);
      break;
    }
    case 'string': {
      const m = g.hoist('m');
      const p = g.hoist('p');
      check.push(`${m} = ${g.x('measureString')}(${d.s}, ${xs[0]}, ${xs[1]}, ${d.sEnc}, ${d.dEnc});`);
      copy.push(`${p} = ${g.x('copyString')}(${d.s}, ${d.d}, ${xs[0]}, ${xs[1]}, ${m}, ${d.sEnc}, ${d.dEnc});`);
      out.push(p, m);
      break;
    }
    case 'map':
      return flat(g, t.list, d, xs);
    case 'list': {
      if (t.length !== undefined) {
        const k = t.elem.flat.length;
        for (let i = 0; i < t.length; i++) {
          const r = flat(g, t.elem, d, xs.slice(i * k, (i + 1) * k));
          check.push(...r.check);
          copy.push(...r.copy);
          out.push(...r.out);
        }
        break;
      }
      const l = list(g, t.elem, d, xs[0], xs[1], true);
      // `list` declares the pointer in `copy` with const: hoist it for the call expression.
      const p = g.hoist('p');
      check.push(...l.check);
      copy.push(`{ ${l.copy.join(' ')} ${p} = ${l.out[0]}; }`);
      out.push(p, l.out[1]);
      break;
    }
    case 'record':
    case 'tuple': {
      const fields = t.kind === 'record' ? t.fields : t.record.fields;
      let k = 0;
      for (const f of fields) {
        const n = f.type.flat.length;
        const r = flat(g, f.type, d, xs.slice(k, k + n));
        k += n;
        check.push(...r.check);
        copy.push(...r.copy);
        out.push(...r.out);
      }
      break;
    }
    case 'flags': {
      flagMasks(t).forEach((m, w) => out.push(`(${xs[w]} & ${m})`));
      break;
    }
    default: {
      if (NUMERIC.has(t.kind)) {
        out.push(passScalar(t.kind, xs[0]));
        break;
      }
      const vi = variantOf(t);
      if (vi === undefined) throw new Error(`codegen: not crossable: ${t.kind}`);
      const { v, cases } = vi;
      const disc = g.hoist('d');
      check.push(`${disc} = ${xs[0]} >>> 0;`, `if (${disc} >= ${cases.length}) rt.badDisc(${disc}, ${cases.length});`);
      out.push(disc);
      const slots = v.payloadFlat;
      if (slots.length === 0) break;
      const names = slots.map(() => g.hoist('s'));
      const checks: string[] = [];
      const copies: string[] = [];
      cases.forEach((c, i) => {
        if (c.type === undefined) return;
        const have = c.type.flat;
        const ins = have.map((h, j) => coerceUp(slots[j], h, xs[1 + j]));
        const r = flat(g, c.type, d, ins);
        if (r.check.length > 0) checks.push(`case ${i}: { ${r.check.join(' ')} break; }`);
        const assign = r.out.map((o, j) => `${names[j]} = ${coerceDown(have[j], slots[j], o)};`);
        copies.push(`case ${i}: { ${r.copy.join(' ')} ${assign.join(' ')} break; }`);
      });
      if (checks.length > 0) check.push(`switch (${disc}) { ${checks.join(' ')} }`);
      copy.push(
        `${names.map((n, k) => `${n} = ${slots[k] === 'i64' ? '0n' : '0'};`).join(' ')}`,
        `switch (${disc}) { ${copies.join(' ')} }`,
      );
      out.push(...names);
    }
  }
  return { check, copy, out };
}
