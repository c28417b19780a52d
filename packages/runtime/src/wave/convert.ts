// Typed conversion: untyped WAVE syntax tree + WIT type → host value in the
// engine's jco-compatible shapes (see index.ts). All type mismatches become
// `WaveError`s whose span is the smallest node that is wrong.

import { toCamelCase } from '@wit-ts/abi';
import type { Resolve, TypeRef } from '@wit-ts/wit-parser';
import { WaveError } from './errors.js';
import { KEYWORDS } from './lexer.js';
import { describeNode, type LabelNode, type Node } from './parser.js';
import { describeType, isTaggedOption, shapeOf, witType } from './types.js';

export interface Cx {
  resolve: Resolve;
  input: string;
}

const INT = /^-?(?:0|[1-9][0-9]*)$/;

const INT_RANGES: Record<string, [bigint, bigint]> = {
  u8: [0n, 0xffn],
  u16: [0n, 0xffffn],
  u32: [0n, 0xffffffffn],
  u64: [0n, 0xffffffffffffffffn],
  s8: [-0x80n, 0x7fn],
  s16: [-0x8000n, 0x7fffn],
  s32: [-0x80000000n, 0x7fffffffn],
  s64: [-0x8000000000000000n, 0x7fffffffffffffffn],
};

type TypedArrayCtor = { from(xs: ArrayLike<number> | ArrayLike<bigint>): unknown };

/** Numeric list element types are exchanged as typed arrays (like the ABI's lift). */
export const TYPED_ARRAYS: Record<string, TypedArrayCtor> = {
  u8: Uint8Array,
  s8: Int8Array,
  u16: Uint16Array,
  s16: Int16Array,
  u32: Uint32Array,
  s32: Int32Array,
  u64: BigUint64Array as unknown as TypedArrayCtor,
  s64: BigInt64Array as unknown as TypedArrayCtor,
  f32: Float32Array,
  f64: Float64Array,
};

function fail(cx: Cx, detail: string, span: { start: number; end: number }): never {
  throw new WaveError(detail, { start: span.start, end: span.end }, cx.input);
}

function mismatch(cx: Cx, node: Node, ref: TypeRef, hint = ''): never {
  fail(cx, `expected ${describeType(ref, cx.resolve)}, found ${describeNode(node)}${hint}`, node);
}

/** A bare, unescaped keyword label (`none`, but not `%none`). */
function isKw(node: Node, kw: string): boolean {
  return (node.kind === 'label' || node.kind === 'case') && !node.escaped && node.name === kw;
}

/** Options and results may not be written flat when their payload is one. */
function flattenable(ref: TypeRef, cx: Cx): boolean {
  const k = shapeOf(ref, cx.resolve).kind;
  return k !== 'option' && k !== 'result';
}

/** Converts `node` to a host value of type `ref` (options per `isTaggedOption`). */
export function toHost(node: Node, ref: TypeRef, cx: Cx): unknown {
  const shape = shapeOf(ref, cx.resolve);
  switch (shape.kind) {
    case 'primitive':
      return primitive(node, shape.name, ref, cx);
    case 'record':
      return record(node, ref, shape.fields, cx);
    case 'tuple': {
      if (node.kind !== 'tuple') mismatch(cx, node, ref);
      const n = shape.types.length;
      if (node.items.length !== n) {
        const at = node.items.length > n ? node.items[n] : { start: node.end - 1, end: node.end };
        fail(cx, `expected a tuple of ${n} values (${witType(ref, cx.resolve)}), found ${node.items.length}`, at);
      }
      return node.items.map((item, i) => toHost(item, shape.types[i], cx));
    }
    case 'list':
      if (node.kind !== 'list') mismatch(cx, node, ref);
      return list(node.items, shape.element, cx);
    case 'fixed-length-list':
      if (node.kind !== 'list') mismatch(cx, node, ref);
      if (node.items.length !== shape.size) {
        const at = node.items.length > shape.size ? node.items[shape.size] : { start: node.end - 1, end: node.end };
        fail(
          cx,
          `expected exactly ${shape.size} elements (${witType(ref, cx.resolve)}), found ${node.items.length}`,
          at,
        );
      }
      return list(node.items, shape.element, cx);
    case 'map':
      return map(node, ref, shape.key, shape.value, cx);
    case 'variant': {
      if (node.kind !== 'label' && node.kind !== 'case') mismatch(cx, node, ref);
      const c = findCase(node, ref, shape.cases, cx);
      if (c.type === undefined) {
        if (node.kind === 'case') fail(cx, `case \`${c.name}\` has no payload`, node);
        return { tag: c.name };
      }
      if (node.kind !== 'case')
        fail(
          cx,
          `case \`${c.name}\` needs a payload of type ${witType(c.type, cx.resolve)}: \`${node.name}(…)\``,
          node,
        );
      return { tag: c.name, val: toHost(node.payload, c.type, cx) };
    }
    case 'enum': {
      if (node.kind === 'case') fail(cx, `enum cases have no payload (${describeType(ref, cx.resolve)})`, node);
      if (node.kind !== 'label') mismatch(cx, node, ref);
      return findCase(node, ref, shape.cases, cx).name;
    }
    case 'option': {
      const inner = shape.type;
      const tagged = isTaggedOption(ref, cx.resolve);
      if (isKw(node, 'none')) {
        if (node.kind === 'case') fail(cx, '`none` takes no payload', node);
        return tagged ? { tag: 'none' } : undefined;
      }
      let val: unknown;
      if (isKw(node, 'some')) {
        if (node.kind !== 'case') fail(cx, '`some` needs a payload: `some(…)`', node);
        val = toHost(node.payload, inner, cx);
      } else {
        if (!flattenable(inner, cx))
          mismatch(cx, node, ref, ' (write `some(…)` or `none`: the payload is itself an option or result)');
        val = toHost(node, inner, cx);
      }
      return tagged ? { tag: 'some', val } : val;
    }
    case 'result': {
      for (const tag of ['ok', 'err'] as const) {
        if (!isKw(node, tag)) continue;
        const payload = shape[tag];
        if (payload === undefined) {
          if (node.kind === 'case') fail(cx, `\`${tag}\` takes no payload here (${witType(ref, cx.resolve)})`, node);
          return { tag, val: undefined };
        }
        if (node.kind !== 'case')
          fail(cx, `\`${tag}\` needs a payload of type ${witType(payload, cx.resolve)}: \`${tag}(…)\``, node);
        return { tag, val: toHost(node.payload, payload, cx) };
      }
      if (shape.ok === undefined || !flattenable(shape.ok, cx)) mismatch(cx, node, ref, ' (write `ok…` or `err…`)');
      return { tag: 'ok', val: toHost(node, shape.ok, cx) };
    }
    case 'flags':
      return flags(node, ref, shape.flags, cx);
    case 'handle':
    case 'resource':
    case 'future':
    case 'stream':
      fail(
        cx,
        `values of type ${witType(ref, cx.resolve)} (${shape.kind === 'handle' ? 'resource handle' : shape.kind}) cannot be written in WAVE`,
        node,
      );
    // falls through (unreachable: `fail` throws)
    default:
      fail(cx, `unsupported type ${witType(ref, cx.resolve)}`, node);
  }
}

function primitive(node: Node, name: string, ref: TypeRef, cx: Cx): unknown {
  switch (name) {
    case 'bool':
      if (isKw(node, 'true') && node.kind === 'label') return true;
      if (isKw(node, 'false') && node.kind === 'label') return false;
      return mismatch(cx, node, ref, node.kind === 'string' ? ' (bools are `true` or `false`, unquoted)' : '');
    case 'u8':
    case 'u16':
    case 'u32':
    case 'u64':
    case 's8':
    case 's16':
    case 's32':
    case 's64': {
      if (node.kind !== 'number') return mismatch(cx, node, ref);
      if (!INT.test(node.text))
        fail(cx, `expected ${name}, found number \`${node.text}\` (integers have no fraction or exponent)`, node);
      const v = BigInt(node.text);
      const [lo, hi] = INT_RANGES[name];
      if (v < lo || v > hi) fail(cx, `number \`${node.text}\` is out of range for ${name} (${lo}..=${hi})`, node);
      return name.endsWith('64') ? v : Number(v);
    }
    case 'f32':
    case 'f64': {
      if (node.kind === 'label' && !node.escaped && (node.name === 'nan' || node.name === 'inf'))
        return node.name === 'nan' ? NaN : Infinity;
      if (node.kind !== 'number') return mismatch(cx, node, ref);
      if (node.text === '-inf') return -Infinity;
      const d = Number(node.text);
      const v = name === 'f32' ? Math.fround(d) : d;
      // A finite literal that overflows is almost certainly a mistake; `inf` says it explicitly.
      if (!Number.isFinite(v))
        fail(cx, `number \`${node.text}\` is out of range for ${name} (write \`inf\` for infinity)`, node);
      return v;
    }
    case 'char':
      if (node.kind !== 'char')
        return mismatch(cx, node, ref, node.kind === 'string' ? " (chars use single quotes: 'x')" : '');
      return node.value;
    case 'string':
      if (node.kind !== 'string')
        return mismatch(cx, node, ref, node.kind === 'char' ? ' (strings use double quotes: "x")' : '');
      return node.value;
    default:
      return fail(cx, `values of type ${name} cannot be written in WAVE`, node);
  }
}

function findCase<C extends { name: string }>(node: Node & LabelNode, ref: TypeRef, cases: C[], cx: Cx): C {
  const c = cases.find((c) => c.name === node.name);
  const nameSpan = { start: node.start, end: node.kind === 'case' ? node.nameEnd : node.end };
  if (c === undefined) {
    const names = cases.map((c) => c.name);
    fail(
      cx,
      `unknown case \`${node.name}\` of ${describeType(ref, cx.resolve)} (expected one of: ${names.join(', ')})`,
      nameSpan,
    );
  }
  if (!node.escaped && KEYWORDS.has(c.name))
    fail(cx, `case \`${c.name}\` is a WAVE keyword and must be written \`%${c.name}\``, nameSpan);
  return c;
}

function list(items: Node[], element: TypeRef, cx: Cx): unknown {
  const e = shapeOf(element, cx.resolve);
  const values = items.map((item) => toHost(item, element, cx));
  if (e.kind === 'primitive' && Object.hasOwn(TYPED_ARRAYS, e.name))
    return TYPED_ARRAYS[e.name].from(values as number[] | bigint[]);
  return values;
}

/** Maps are written like their ABI form `list<tuple<K, V>>`: `[("a", 1), ("b", 2)]`. */
function map(node: Node, ref: TypeRef, key: TypeRef, value: TypeRef, cx: Cx): Map<unknown, unknown> {
  if (node.kind !== 'list') mismatch(cx, node, ref, ' (maps are written `[(key, value), …]`)');
  const out = new Map<unknown, unknown>();
  for (const entry of node.items) {
    if (entry.kind !== 'tuple' || entry.items.length !== 2)
      fail(
        cx,
        `expected a map entry \`(key, value)\` of ${witType(ref, cx.resolve)}, found ${describeNode(entry)}`,
        entry,
      );
    const k = toHost(entry.items[0], key, cx);
    if (out.has(k)) fail(cx, 'duplicate map key', entry.items[0]);
    out.set(k, toHost(entry.items[1], value, cx));
  }
  return out;
}

function record(node: Node, ref: TypeRef, fields: { name: string; type: TypeRef }[], cx: Cx): unknown {
  if (node.kind === 'flags' && node.labels.length === 0)
    mismatch(cx, node, ref, ' (a record with every field omitted is written `{:}`)');
  if (node.kind !== 'record')
    mismatch(cx, node, ref, node.kind === 'flags' ? ' (record fields are written `name: value`)' : '');
  const given = new Map<string, { label: LabelNode; value: Node }>();
  for (const f of node.fields) {
    if (given.has(f.label.name)) fail(cx, `duplicate field \`${f.label.name}\``, f.label);
    if (!fields.some((d) => d.name === f.label.name))
      fail(
        cx,
        `unknown field \`${f.label.name}\` of ${describeType(ref, cx.resolve)} (fields: ${fields.map((d) => d.name).join(', ')})`,
        f.label,
      );
    given.set(f.label.name, f);
  }
  const out: Record<string, unknown> = {};
  for (const d of fields) {
    const f = given.get(d.name);
    if (f !== undefined) out[toCamelCase(d.name)] = toHost(f.value, d.type, cx);
    else if (shapeOf(d.type, cx.resolve).kind === 'option') out[toCamelCase(d.name)] = undefined;
    else fail(cx, `missing field \`${d.name}\` of ${describeType(ref, cx.resolve)}`, node);
  }
  return out;
}

function flags(node: Node, ref: TypeRef, decl: { name: string }[], cx: Cx): unknown {
  if (node.kind === 'record' && node.fields.length === 0) mismatch(cx, node, ref, ' (no flags set is written `{}`)');
  if (node.kind !== 'flags') mismatch(cx, node, ref, node.kind === 'record' ? ' (flags are written `{a, b}`)' : '');
  const set = new Set<string>();
  for (const l of node.labels) {
    if (!decl.some((d) => d.name === l.name))
      fail(
        cx,
        `unknown flag \`${l.name}\` of ${describeType(ref, cx.resolve)} (flags: ${decl.map((d) => d.name).join(', ')})`,
        l,
      );
    if (set.has(l.name)) fail(cx, `duplicate flag \`${l.name}\``, l);
    set.add(l.name);
  }
  const out: Record<string, boolean> = {};
  for (const d of decl) out[toCamelCase(d.name)] = set.has(d.name);
  return out;
}
