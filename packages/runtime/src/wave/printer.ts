// Host value + WIT type → canonical WAVE text. Canonical means: options and
// results always in their explicit `some(…)` / `ok(…)` form, `none` record
// fields omitted (`{:}` when none are left), flags and record fields in
// declaration order, keyword-named cases `%`-escaped, and strings/chars with
// only the escapes needed to read back unambiguously. parseWaveValue of the
// output yields the input value again.

import { toCamelCase } from '@wit-ts/abi';
import type { Resolve, TypeRef } from '@wit-ts/wit-parser';
import { KEYWORDS } from './lexer.js';
import { isTaggedOption, shapeOf, witType } from './types.js';

export interface PrintOptions {
  /** Escape every non-ASCII character as `\u{…}` (for terminals and logs that mangle Unicode). */
  ascii?: boolean;
}

interface Px {
  resolve: Resolve;
  ascii: boolean;
}

/** Thrown when a host value does not fit the type; `path` locates it, e.g. `.items[2].name`. */
export class WavePrintError extends TypeError {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(path === '' ? detail : `at ${path}: ${detail}`);
    this.name = 'WavePrintError';
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

function bad(path: string, expected: string, v: unknown): never {
  throw new WavePrintError(path, `expected ${expected}, got ${show(v)}`);
}

const INT_BITS: Record<string, [boolean, number]> = {
  u8: [false, 8],
  u16: [false, 16],
  u32: [false, 32],
  u64: [false, 64],
  s8: [true, 8],
  s16: [true, 16],
  s32: [true, 32],
  s64: [true, 64],
};

/** A char or string character, escaped when it must be or would be invisible or confusing. */
function escapeChar(c: string, quote: string, px: Px, isChar: boolean): string {
  switch (c) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case quote:
      return `\\${quote}`;
  }
  const cp = c.codePointAt(0)!;
  // Controls, format and separator characters (and, in a lone char, combining
  // marks) do not show up legibly in a terminal, so they are escaped.
  if (
    (px.ascii && cp > 0x7e) ||
    /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(c) ||
    (cp !== 0x20 && /\p{Zs}/u.test(c)) ||
    (isChar && /\p{M}/u.test(c))
  )
    return `\\u{${cp.toString(16)}}`;
  return c;
}

export function printString(s: string, px: Px): string {
  let out = '"';
  for (const c of s) out += escapeChar(c, '"', px, false);
  return out + '"';
}

/** The shortest decimal that reads back as the same float (`-0` kept, NaN/±∞ as keywords). */
export function printFloat(v: number, f32: boolean): string {
  // A number that is not exactly an f32 prints as the f32 it would become.
  const x = f32 ? Math.fround(v) : v;
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  if (!f32) return String(x);
  for (let p = 1; p <= 9; p++) {
    const s = String(Number(x.toPrecision(p)));
    if (Math.fround(Number(s)) === x) return s;
  }
  return String(x);
}

/** `String.prototype.isWellFormed` (ES2024, newer than our `lib`). */
function wellFormed(s: string): boolean {
  return !/\p{Cs}/u.test(s);
}

function label(name: string): string {
  return KEYWORDS.has(name) ? `%${name}` : name;
}

function obj(v: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(path, what, v);
  return v as Record<string, unknown>;
}

function items(v: unknown, path: string, what: string): ArrayLike<unknown> {
  if (Array.isArray(v)) return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return v as unknown as ArrayLike<unknown>;
  return bad(path, what, v);
}

export function print(v: unknown, ref: TypeRef, px: Px, path: string): string {
  const shape = shapeOf(ref, px.resolve);
  const t = () => witType(ref, px.resolve);
  switch (shape.kind) {
    case 'primitive': {
      const name = shape.name;
      if (name === 'bool') return typeof v === 'boolean' ? String(v) : bad(path, 'a bool', v);
      if (name === 'f32' || name === 'f64')
        return typeof v === 'number' ? printFloat(v, name === 'f32') : bad(path, `an ${name} (number)`, v);
      if (name === 'char') {
        if (typeof v !== 'string' || [...v].length !== 1 || !wellFormed(v)) bad(path, 'a char (one code point)', v);
        return `'${escapeChar(v, "'", px, true)}'`;
      }
      if (name === 'string') {
        if (typeof v !== 'string') bad(path, 'a string', v);
        if (!wellFormed(v)) throw new WavePrintError(path, 'string contains a lone surrogate');
        return printString(v, px);
      }
      if (Object.hasOwn(INT_BITS, name)) {
        const [signed, bits] = INT_BITS[name];
        let n: bigint;
        if (typeof v === 'bigint') n = v;
        else if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
        else return bad(path, `a ${name} (${bits === 64 ? 'bigint' : 'integer number'})`, v);
        const ok = signed ? BigInt.asIntN(bits, n) === n : BigInt.asUintN(bits, n) === n;
        if (!ok) throw new WavePrintError(path, `value ${show(v)} out of range for ${name}`);
        return n.toString();
      }
      throw new WavePrintError(path, `values of type ${name} cannot be written in WAVE`);
    }
    case 'record': {
      const o = obj(v, path, `a record ${t()}`);
      const parts: string[] = [];
      for (const f of shape.fields) {
        const key = toCamelCase(f.name);
        const fv = o[key];
        // `none` fields may be omitted; the canonical form omits them.
        if (fv === undefined && shapeOf(f.type, px.resolve).kind === 'option') continue;
        parts.push(`${f.name}: ${print(fv, f.type, px, `${path}.${key}`)}`);
      }
      return parts.length === 0 ? '{:}' : `{${parts.join(', ')}}`;
    }
    case 'tuple': {
      const a = items(v, path, `a tuple ${t()} (array)`);
      if (a.length !== shape.types.length) bad(path, `an array of ${shape.types.length} values (${t()})`, v);
      return `(${shape.types.map((ty, i) => print(a[i], ty, px, `${path}[${i}]`)).join(', ')})`;
    }
    case 'list':
    case 'fixed-length-list': {
      const a = items(v, path, `a list ${t()} (array or typed array)`);
      if (shape.kind === 'fixed-length-list' && a.length !== shape.size)
        bad(path, `a list of ${shape.size} elements`, v);
      const out: string[] = [];
      for (let i = 0; i < a.length; i++) out.push(print(a[i], shape.element, px, `${path}[${i}]`));
      return `[${out.join(', ')}]`;
    }
    case 'map': {
      let entries: Iterable<unknown>;
      if (v instanceof Map) entries = v.entries();
      else if (Array.isArray(v)) entries = v;
      else return bad(path, `a Map (${t()})`, v);
      const out: string[] = [];
      let i = 0;
      for (const e of entries) {
        const p = `${path}[${i++}]`;
        const pair = items(e, p, 'a [key, value] entry');
        if (pair.length !== 2) bad(p, 'a [key, value] entry', e);
        out.push(`(${print(pair[0], shape.key, px, `${p}.key`)}, ${print(pair[1], shape.value, px, `${p}.value`)})`);
      }
      return `[${out.join(', ')}]`;
    }
    case 'variant': {
      const o = obj(v, path, `a variant ${t()} ({ tag, val })`);
      const c = shape.cases.find((c) => c.name === o.tag);
      if (c === undefined) bad(`${path}.tag`, `one of ${shape.cases.map((c) => `'${c.name}'`).join(', ')}`, o.tag);
      if (c.type === undefined) return label(c.name);
      return `${label(c.name)}(${print(o.val, c.type, px, `${path}.val`)})`;
    }
    case 'enum': {
      if (typeof v !== 'string' || !shape.cases.some((c) => c.name === v))
        bad(path, `one of ${shape.cases.map((c) => `'${c.name}'`).join(', ')}`, v);
      return label(v);
    }
    case 'option': {
      if (isTaggedOption(ref, px.resolve)) {
        const o = obj(v, path, "{ tag: 'some', val } or { tag: 'none' } (an option of an option)");
        if (o.tag === 'none') return 'none';
        if (o.tag !== 'some') bad(`${path}.tag`, "'some' or 'none'", o.tag);
        return `some(${print(o.val, shape.type, px, `${path}.val`)})`;
      }
      if (v === undefined || v === null) return 'none';
      return `some(${print(v, shape.type, px, path)})`;
    }
    case 'result': {
      const o = obj(v, path, `a result ${t()} ({ tag: 'ok' | 'err', val })`);
      if (o.tag !== 'ok' && o.tag !== 'err') bad(`${path}.tag`, "'ok' or 'err'", o.tag);
      const payload = o.tag === 'ok' ? shape.ok : shape.err;
      if (payload === undefined) return o.tag;
      return `${o.tag}(${print(o.val, payload, px, `${path}.val`)})`;
    }
    case 'flags': {
      const o = obj(v, path, `flags ${t()} ({ name: boolean })`);
      const set: string[] = [];
      for (const f of shape.flags) {
        const fv = o[toCamelCase(f.name)];
        if (fv !== undefined && typeof fv !== 'boolean') bad(`${path}.${toCamelCase(f.name)}`, 'a boolean', fv);
        if (fv === true) set.push(f.name);
      }
      return `{${set.join(', ')}}`;
    }
    default:
      throw new WavePrintError(
        path,
        `values of type ${t()} (${shape.kind === 'handle' ? 'resource handle' : shape.kind}) cannot be written in WAVE`,
      );
  }
}
