// Property-based round trips (fast-check, fixed seeds): random types and
// values survive store→load, lower_flat→lift_flat, and a full call through a
// lifted callee that lifts its arguments and returns them (spilling as
// needed), in every string encoding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bool,
  canonLiftCall,
  char,
  CoreValueIter,
  enumType,
  f32,
  f64,
  fixedList,
  flags,
  liftFlat,
  liftFlatValues,
  list,
  load,
  lowerFlat,
  lowerFlatValues,
  map,
  MAX_FLAT_PARAMS,
  MAX_FLAT_RESULTS,
  option,
  record,
  result,
  s16,
  s32,
  s64,
  s8,
  store,
  string,
  toCamelCase,
  tuple,
  u16,
  u32,
  u64,
  u8,
  variant,
  type AbiType,
  type StringEncoding,
} from '../src/index.js';
import { makeMem } from './helpers.js';

const prims: AbiType[] = [bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string];
const label = fc.constantFrom('a', 'b-c', 'long-field-name', 'x', 'y-z-w', 'HTTP-x');
const labels = (min: number, max: number) => fc.uniqueArray(label, { minLength: min, maxLength: max });

const typeArb: fc.Arbitrary<AbiType> = fc.letrec<{ t: AbiType }>((tie) => ({
  t: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'type' },
    fc.constantFrom(...prims),
    tie('t').map((e) => list(e)),
    fc.tuple(tie('t'), fc.integer({ min: 1, max: 3 })).map(([e, n]) => fixedList(e, n)),
    fc
      .tuple(labels(1, 4), fc.array(tie('t'), { minLength: 4, maxLength: 4 }))
      .map(([ls, ts]) => record(ls.map((l, i) => [l, ts[i]] as const))),
    fc.array(tie('t'), { minLength: 1, maxLength: 3 }).map((ts) => tuple(ts)),
    fc
      .tuple(labels(1, 4), fc.array(fc.option(tie('t'), { nil: undefined }), { minLength: 4, maxLength: 4 }))
      .map(([ls, ts]) => variant(ls.map((l, i) => [l, ts[i]] as const))),
    labels(1, 5).map((ls) => enumType(ls)),
    tie('t').map((e) => option(e)),
    fc
      .tuple(fc.option(tie('t'), { nil: undefined }), fc.option(tie('t'), { nil: undefined }))
      .map(([o, e]) => result(o, e)),
    fc.integer({ min: 1, max: 40 }).map((n) => flags(Array.from({ length: n }, (_, i) => `f-${i}`))),
    fc.tuple(fc.constantFrom<AbiType>(string, u32, char, s64), tie('t')).map(([k, v]) => map(k, v)),
  ),
})).t;

const charArb = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0x80, max: 0xff }),
    fc.integer({ min: 0x100, max: 0xd7ff }),
    fc.integer({ min: 0xe000, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x10ffff }),
  )
  .map((c) => String.fromCodePoint(c));
const strArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.array(charArb, { maxLength: 12 }).map((a) => a.join('')),
  fc.array(fc.integer({ min: 0, max: 0xff }), { maxLength: 40 }).map((a) => String.fromCharCode(...a)),
);

const typed: Record<string, { from(a: unknown[]): unknown }> = {
  u8: Uint8Array,
  s8: Int8Array,
  u16: Uint16Array,
  s16: Int16Array,
  u32: Uint32Array,
  s32: Int32Array,
  u64: BigUint64Array,
  s64: BigInt64Array,
  f32: Float32Array,
  f64: Float64Array,
};

/** Values in the exact host shape the lift side produces. */
function valueArb(t: AbiType): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case 'bool':
      return fc.boolean();
    case 'u8':
      return fc.integer({ min: 0, max: 255 });
    case 's8':
      return fc.integer({ min: -128, max: 127 });
    case 'u16':
      return fc.integer({ min: 0, max: 65535 });
    case 's16':
      return fc.integer({ min: -32768, max: 32767 });
    case 'u32':
      return fc.integer({ min: 0, max: 2 ** 32 - 1 });
    case 's32':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'u64':
      return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
    case 's64':
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'f32':
      return fc.float();
    case 'f64':
      return fc.double();
    case 'char':
      return charArb;
    case 'string':
      return strArb;
    case 'list': {
      const ctor = typed[t.elem.kind];
      const arr =
        t.length === undefined
          ? fc.array(valueArb(t.elem), { maxLength: 4 })
          : fc.array(valueArb(t.elem), { minLength: t.length, maxLength: t.length });
      return ctor ? arr.map((a) => ctor.from(a)) : arr;
    }
    case 'map':
      return fc
        .uniqueArray(fc.tuple(valueArb(t.key), valueArb(t.value)), { maxLength: 3, selector: ([k]) => k })
        .map((es) => new Map(es));
    case 'record':
      return fc.record(Object.fromEntries(t.fields.map((f) => [f.jsName, valueArb(f.type)])));
    case 'tuple':
      return fc.tuple(...t.types.map((x) => valueArb(x)));
    case 'variant':
      return fc.oneof(
        ...t.cases.map((c) =>
          c.type === undefined ? fc.constant({ tag: c.name }) : valueArb(c.type).map((val) => ({ tag: c.name, val })),
        ),
      );
    case 'enum':
      return fc.constantFrom(...t.names);
    case 'option': {
      // jco's convention: tagged when the payload's host form can be undefined.
      const inner = valueArb(t.type);
      if (t.tagged)
        return fc.oneof(
          fc.constant({ tag: 'none' }),
          inner.map((val) => ({ tag: 'some', val })),
        );
      return fc.option(inner, { nil: undefined });
    }
    case 'result':
      return fc.oneof(
        (t.ok ? valueArb(t.ok) : fc.constant(undefined)).map((val) => ({ tag: 'ok', val })),
        (t.err ? valueArb(t.err) : fc.constant(undefined)).map((val) => ({ tag: 'err', val })),
      );
    case 'flags':
      return fc
        .tuple(...t.jsNames.map(() => fc.boolean()))
        .map((bs) => Object.fromEntries(t.jsNames.map((n, i) => [n, bs[i]])));
    default:
      throw new Error(`no arbitrary for ${t.kind}`);
  }
}

const typeAndValue = typeArb.chain((t) => valueArb(t).map((v) => [t, v] as const));
const signature = fc
  .array(typeArb, { minLength: 0, maxLength: 20 })
  .chain((ts) => fc.tuple(fc.constant(ts), fc.tuple(...ts.map((t) => valueArb(t)))));

const seeds = [1, 2, 3, 42, 1234, 99991, 2024, 7];
const encodings: StringEncoding[] = ['utf8', 'utf16', 'latin1+utf16'];
const cases = encodings.flatMap((e) => seeds.map((s) => [e, s] as const));

describe('round trips of random values', () => {
  it.each(cases)('%s seed %i: store then load is the identity', (enc, seed) => {
    fc.assert(
      fc.property(typeAndValue, ([t, v]) => {
        const m = makeMem(enc);
        store(m.cx, v, t, 0);
        expect(load(m.cx, 0, t)).toEqual(v);
      }),
      { seed, numRuns: 150 },
    );
  });
  it.each(cases)('%s seed %i: lower_flat then lift_flat is the identity', (enc, seed) => {
    fc.assert(
      fc.property(typeAndValue, ([t, v]) => {
        const m = makeMem(enc);
        const out: unknown[] = [];
        lowerFlat(m.cx, v, t, out);
        expect(out).toHaveLength(t.flat.length);
        const vi = new CoreValueIter(out);
        expect(liftFlat(m.cx, vi, t)).toEqual(v);
        expect(vi.done()).toBe(true);
      }),
      { seed, numRuns: 150 },
    );
  });
  it.each(cases)('%s seed %i: a call through a lifted callee echoes its arguments', (enc, seed) => {
    fc.assert(
      fc.property(signature, ([ts, vs]) => {
        const m = makeMem(enc);
        const res = tuple(ts.length > 0 ? ts : [u8]);
        const args = ts.length > 0 ? vs : [0];
        const params = ts.length > 0 ? ts : [u8];
        // The "core function": lifts its params with the same canon options
        // and returns them as one tuple (spilled via realloc when > 1 flat).
        const callee = (...flat: unknown[]) => {
          const got = liftFlatValues(m.cx, MAX_FLAT_PARAMS, new CoreValueIter(flat), params);
          const r = lowerFlatValues(m.cx, MAX_FLAT_RESULTS, [got], [res]);
          return r[0];
        };
        expect(canonLiftCall(m.cx, { params, result: res }, callee, args)).toEqual(args);
      }),
      { seed, numRuns: 60 },
    );
  });
});

describe('generated names', () => {
  it('record field names in random types are camelCased', () => {
    fc.assert(
      fc.property(labels(1, 3), (ls) => {
        const r = record(ls.map((l) => [l, u8] as const));
        expect(r.fields.map((f) => f.jsName)).toEqual(ls.map(toCamelCase));
      }),
      { seed: 5, numRuns: 50 },
    );
  });
});
