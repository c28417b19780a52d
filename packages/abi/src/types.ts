// The ABI type model: a small, resolver-independent description of component
// value types. Types are immutable and built through the factories below,
// which compute and cache layout (size/align), flattening and name tables
// once, so that load/store/lift/lower never recompute them per value.
import { alignTo, discriminantSize, flagsAlign, flagsSize, PTR_SIZE } from './layout.js';
import type { ResourceType } from './handles.js';
import { toCamelCase } from './names.js';

export type CoreType = 'i32' | 'i64' | 'f32' | 'f64';

export type PrimKind =
  | 'bool'
  | 's8'
  | 'u8'
  | 's16'
  | 'u16'
  | 's32'
  | 'u32'
  | 's64'
  | 'u64'
  | 'f32'
  | 'f64'
  | 'char'
  | 'string'
  | 'error-context';

interface Layout {
  /** `elem_size` in bytes. */
  readonly size: number;
  /** `alignment` in bytes. */
  readonly align: number;
  /** `flatten_type`. */
  readonly flat: readonly CoreType[];
}

export interface PrimType extends Layout {
  readonly kind: PrimKind;
}
export interface ListType extends Layout {
  readonly kind: 'list';
  readonly elem: AbiType;
  /** Set for fixed-length lists `list<T, N>`. */
  readonly length: number | undefined;
}
export interface MapType extends Layout {
  readonly kind: 'map';
  readonly key: AbiType;
  readonly value: AbiType;
  /** Despecialized form `list<tuple<K, V>>`. */
  readonly list: ListType;
}
export interface Field {
  readonly name: string;
  /** Host (JS) property name: lowerCamelCase of `name`. */
  readonly jsName: string;
  readonly type: AbiType;
  /** Byte offset within the record. */
  readonly offset: number;
}
export interface RecordType extends Layout {
  readonly kind: 'record';
  readonly fields: readonly Field[];
}
export interface TupleType extends Layout {
  readonly kind: 'tuple';
  readonly types: readonly AbiType[];
  /** Despecialized record with fields "0", "1", … (offsets live here). */
  readonly record: RecordType;
}
export interface Case {
  readonly name: string;
  readonly type: AbiType | undefined;
  /** True when the payload's flat types differ from the joined variant slots. */
  readonly coerce: boolean;
}
export interface VariantType extends Layout {
  readonly kind: 'variant';
  readonly cases: readonly Case[];
  readonly discSize: 1 | 2 | 4;
  /** Offset of the payload: discriminant size aligned to the max case alignment. */
  readonly payloadOffset: number;
  /** Joined payload flat types (i.e. `flat` without the leading discriminant). */
  readonly payloadFlat: readonly CoreType[];
  readonly caseIndex: ReadonlyMap<string, number>;
}
export interface EnumType extends Layout {
  readonly kind: 'enum';
  readonly names: readonly string[];
  readonly variant: VariantType;
}
export interface OptionType extends Layout {
  readonly kind: 'option';
  readonly type: AbiType;
  readonly variant: VariantType;
  /**
   * jco's convention: an option is `T | undefined` unless its payload's own
   * host form can be `undefined` (a plain option), in which case it is
   * `{ tag: 'some', val } | { tag: 'none' }`. So `option<option<T>>` is
   * tagged outside, plain inside; three levels are plain, tagged, plain.
   */
  readonly tagged: boolean;
}
export interface ResultType extends Layout {
  readonly kind: 'result';
  readonly ok: AbiType | undefined;
  readonly err: AbiType | undefined;
  readonly variant: VariantType;
}
export interface FlagsType extends Layout {
  readonly kind: 'flags';
  readonly names: readonly string[];
  readonly jsNames: readonly string[];
}
export interface HandleType extends Layout {
  readonly kind: 'own' | 'borrow';
  readonly resource: ResourceType;
}
export interface AsyncValueType extends Layout {
  readonly kind: 'future' | 'stream';
  readonly elem: AbiType | undefined;
}

export type AbiType =
  | PrimType
  | ListType
  | MapType
  | RecordType
  | TupleType
  | VariantType
  | EnumType
  | OptionType
  | ResultType
  | FlagsType
  | HandleType
  | AsyncValueType;

function prim(kind: PrimKind, size: number, flat: CoreType): PrimType {
  return Object.freeze({ kind, size, align: size, flat: Object.freeze([flat]) });
}

export const bool = prim('bool', 1, 'i32');
export const s8 = prim('s8', 1, 'i32');
export const u8 = prim('u8', 1, 'i32');
export const s16 = prim('s16', 2, 'i32');
export const u16 = prim('u16', 2, 'i32');
export const s32 = prim('s32', 4, 'i32');
export const u32 = prim('u32', 4, 'i32');
export const s64 = prim('s64', 8, 'i64');
export const u64 = prim('u64', 8, 'i64');
export const f32 = prim('f32', 4, 'f32');
export const f64 = prim('f64', 8, 'f64');
export const char = prim('char', 4, 'i32');
export const string: PrimType = Object.freeze({
  kind: 'string',
  size: 2 * PTR_SIZE,
  align: PTR_SIZE,
  flat: Object.freeze(['i32', 'i32'] as CoreType[]),
});
export const errorContext = prim('error-context', 4, 'i32');

export function list(elem: AbiType, length?: number): ListType {
  if (length === undefined) {
    return Object.freeze({ kind: 'list', elem, length, size: 2 * PTR_SIZE, align: PTR_SIZE, flat: string.flat });
  }
  if (!Number.isInteger(length) || length <= 0)
    throw new RangeError(`fixed-length list length must be > 0, got ${length}`);
  const flat: CoreType[] = [];
  for (let i = 0; i < length; i++) flat.push(...elem.flat);
  return Object.freeze({
    kind: 'list',
    elem,
    length,
    size: length * elem.size,
    align: elem.align,
    flat: Object.freeze(flat),
  });
}

/** `list<T, N>`. */
export function fixedList(elem: AbiType, length: number): ListType {
  return list(elem, length);
}

export function map(key: AbiType, value: AbiType): MapType {
  const l = list(tuple([key, value]));
  return Object.freeze({ kind: 'map', key, value, list: l, size: l.size, align: l.align, flat: l.flat });
}

export type FieldSpec = readonly [name: string, type: AbiType];

export function record(fields: readonly FieldSpec[]): RecordType {
  return recordWithNames(fields, true);
}

function recordWithNames(fields: readonly FieldSpec[], camel: boolean): RecordType {
  if (fields.length === 0) throw new TypeError('records and tuples must have at least one field');
  let s = 0;
  let a = 1;
  const out: Field[] = [];
  const flat: CoreType[] = [];
  for (const [name, type] of fields) {
    s = alignTo(s, type.align);
    out.push(Object.freeze({ name, jsName: camel ? toCamelCase(name) : name, type, offset: s }));
    s += type.size;
    a = Math.max(a, type.align);
    flat.push(...type.flat);
  }
  return Object.freeze({
    kind: 'record',
    fields: Object.freeze(out),
    size: alignTo(s, a),
    align: a,
    flat: Object.freeze(flat),
  });
}

export function tuple(types: readonly AbiType[]): TupleType {
  const r = recordWithNames(
    types.map((t, i) => [String(i), t] as const),
    false,
  );
  return Object.freeze({
    kind: 'tuple',
    types: Object.freeze([...types]),
    record: r,
    size: r.size,
    align: r.align,
    flat: r.flat,
  });
}

/** `join` of two core types, used for variant payload slots. */
export function joinCore(a: CoreType, b: CoreType): CoreType {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

export type CaseSpec = readonly [name: string, type?: AbiType];

export function variant(cases: readonly CaseSpec[]): VariantType {
  const discSize = discriminantSize(cases.length);
  let maxCaseAlign = 1;
  let maxCaseSize = 0;
  const payloadFlat: CoreType[] = [];
  for (const [, t] of cases) {
    if (t === undefined) continue;
    maxCaseAlign = Math.max(maxCaseAlign, t.align);
    maxCaseSize = Math.max(maxCaseSize, t.size);
    t.flat.forEach((ft, i) => {
      payloadFlat[i] = i < payloadFlat.length ? joinCore(payloadFlat[i], ft) : ft;
    });
  }
  const caseIndex = new Map<string, number>();
  const outCases = cases.map(([name, type], i) => {
    if (caseIndex.has(name)) throw new TypeError(`duplicate case name '${name}'`);
    caseIndex.set(name, i);
    const coerce = type !== undefined && type.flat.some((ft, j) => ft !== payloadFlat[j]);
    return Object.freeze({ name, type, coerce });
  });
  const payloadOffset = alignTo(discSize, maxCaseAlign);
  const align = Math.max(discSize, maxCaseAlign);
  return Object.freeze({
    kind: 'variant',
    cases: Object.freeze(outCases),
    discSize,
    payloadOffset,
    payloadFlat: Object.freeze(payloadFlat),
    caseIndex,
    size: alignTo(payloadOffset + maxCaseSize, align),
    align,
    flat: Object.freeze(['i32' as CoreType, ...payloadFlat]),
  });
}

export function enumType(names: readonly string[]): EnumType {
  const v = variant(names.map((n) => [n] as const));
  return Object.freeze({
    kind: 'enum',
    names: Object.freeze([...names]),
    variant: v,
    size: v.size,
    align: v.align,
    flat: v.flat,
  });
}

export function option(type: AbiType): OptionType {
  const v = variant([['none'], ['some', type]]);
  const tagged = type.kind === 'option' && !type.tagged;
  return Object.freeze({ kind: 'option', type, variant: v, size: v.size, align: v.align, flat: v.flat, tagged });
}

export function result(ok?: AbiType, err?: AbiType): ResultType {
  // The spec names the second case "error"; hosts see it as tag 'err'.
  const v = variant([
    ['ok', ok],
    ['error', err],
  ]);
  return Object.freeze({ kind: 'result', ok, err, variant: v, size: v.size, align: v.align, flat: v.flat });
}

export function flags(names: readonly string[]): FlagsType {
  const n = names.length;
  const size = flagsSize(n);
  const flat: CoreType[] = n <= 32 ? ['i32'] : new Array<CoreType>(size / 4).fill('i32');
  return Object.freeze({
    kind: 'flags',
    names: Object.freeze([...names]),
    jsNames: Object.freeze(names.map(toCamelCase)),
    size,
    align: flagsAlign(n),
    flat: Object.freeze(flat),
  });
}

export function own(resource: ResourceType): HandleType {
  return Object.freeze({ kind: 'own', resource, size: 4, align: 4, flat: u32.flat });
}

export function borrow(resource: ResourceType): HandleType {
  return Object.freeze({ kind: 'borrow', resource, size: 4, align: 4, flat: u32.flat });
}

export function future(elem?: AbiType): AsyncValueType {
  return Object.freeze({ kind: 'future', elem, size: 4, align: 4, flat: u32.flat });
}

export function stream(elem?: AbiType): AsyncValueType {
  return Object.freeze({ kind: 'stream', elem, size: 4, align: 4, flat: u32.flat });
}

/**
 * `despecialize`: tuple → record, enum/option/result → variant, map →
 * list<tuple<K,V>>. The forms are precomputed, so this is a field read.
 * string and flags keep their own representation (as in the spec).
 */
export function despecialize(t: AbiType): AbiType {
  switch (t.kind) {
    case 'tuple':
      return t.record;
    case 'enum':
    case 'option':
    case 'result':
      return t.variant;
    case 'map':
      return t.list;
    default:
      return t;
  }
}

/** `contains_borrow`. */
export function containsBorrow(t: AbiType): boolean {
  switch (t.kind) {
    case 'borrow':
      return true;
    case 'list':
      return containsBorrow(t.elem);
    case 'map':
      return containsBorrow(t.key) || containsBorrow(t.value);
    case 'record':
      return t.fields.some((f) => containsBorrow(f.type));
    case 'tuple':
      return t.types.some(containsBorrow);
    case 'variant':
      return t.cases.some((c) => c.type !== undefined && containsBorrow(c.type));
    case 'option':
      return containsBorrow(t.type);
    case 'result':
      return (t.ok !== undefined && containsBorrow(t.ok)) || (t.err !== undefined && containsBorrow(t.err));
    default:
      return false;
  }
}
