// Property test: random WIT types with random host values of those types
// survive print → parse unchanged, and printing is canonical (print → parse
// → print gives the same text). Fixed seed so failures reproduce.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { resolveSource, type Function as WitFunction, type Resolve, type TypeRef } from '@wit-ts/wit-parser';
import { WaveError, parseWaveCall, parseWaveValue, printWaveValue } from '../src/wave/index.js';

type Ty =
  | { k: 'prim'; name: string }
  | { k: 'list'; elem: Ty; size?: number }
  | { k: 'option'; inner: Ty }
  | { k: 'result'; ok?: Ty; err?: Ty }
  | { k: 'tuple'; items: Ty[] }
  | { k: 'record'; fields: [string, Ty][] }
  | { k: 'variant'; cases: [string, Ty | undefined][] }
  | { k: 'enum'; cases: string[] }
  | { k: 'flags'; names: string[] }
  | { k: 'map'; key: string; value: Ty }
  | { k: 'alias'; target: Ty };

const PRIMS = ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string'];
// Labels that are WAVE keywords, multi-word, upper-case or WIT keywords, to exercise `%` escaping.
const LABELS = [
  'a',
  'b-c',
  'ok',
  'err',
  'none',
  'some',
  'true',
  'false',
  'inf',
  'nan',
  'x1',
  'HTTP3',
  'method-GET',
  'type',
  'list',
  'zz-top',
];
const labels = (min: number) => fc.uniqueArray(fc.constantFrom(...LABELS), { minLength: min, maxLength: 5 });

function tyArb(depth: number): fc.Arbitrary<Ty> {
  const prim = fc.constantFrom(...PRIMS).map((name): Ty => ({ k: 'prim', name }));
  if (depth === 0) return prim;
  const sub = tyArb(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: prim },
    { weight: 2, arbitrary: sub.map((elem): Ty => ({ k: 'list', elem })) },
    {
      weight: 1,
      arbitrary: fc.tuple(sub, fc.integer({ min: 1, max: 3 })).map(([elem, size]): Ty => ({ k: 'list', elem, size })),
    },
    { weight: 2, arbitrary: sub.map((inner): Ty => ({ k: 'option', inner })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ ok: fc.option(sub, { nil: undefined }), err: fc.option(sub, { nil: undefined }) })
        .map((r): Ty => ({ k: 'result', ...r })),
    },
    { weight: 1, arbitrary: fc.array(sub, { minLength: 1, maxLength: 3 }).map((items): Ty => ({ k: 'tuple', items })) },
    {
      weight: 2,
      arbitrary: labels(1).chain((ns) =>
        fc.tuple(...ns.map(() => sub)).map((ts): Ty => ({ k: 'record', fields: ns.map((n, i) => [n, ts[i]]) })),
      ),
    },
    {
      weight: 2,
      arbitrary: labels(1).chain((ns) =>
        fc
          .tuple(...ns.map(() => fc.option(sub, { nil: undefined })))
          .map((ts): Ty => ({ k: 'variant', cases: ns.map((n, i) => [n, ts[i]]) })),
      ),
    },
    { weight: 1, arbitrary: labels(1).map((cases): Ty => ({ k: 'enum', cases })) },
    { weight: 1, arbitrary: labels(1).map((names): Ty => ({ k: 'flags', names })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('string', 'u32', 's64', 'char', 'bool'), sub)
        .map(([key, value]): Ty => ({ k: 'map', key, value })),
    },
    { weight: 1, arbitrary: sub.map((target): Ty => ({ k: 'alias', target })) },
  );
}

/** WIT for a type tree: named definitions go to `defs`, the expression is returned. */
function emit(t: Ty, defs: string[]): string {
  const name = () => `t${defs.length}`;
  const w = (x: Ty) => emit(x, defs);
  switch (t.k) {
    case 'prim':
      return t.name;
    case 'list':
      return t.size === undefined ? `list<${w(t.elem)}>` : `list<${w(t.elem)}, ${t.size}>`;
    case 'option':
      return `option<${w(t.inner)}>`;
    case 'result':
      if (t.ok === undefined && t.err === undefined) return 'result';
      if (t.err === undefined) return `result<${w(t.ok!)}>`;
      return `result<${t.ok === undefined ? '_' : w(t.ok)}, ${w(t.err)}>`;
    case 'tuple':
      return `tuple<${t.items.map(w).join(', ')}>`;
    case 'map':
      return `map<${t.key}, ${w(t.value)}>`;
    default: {
      const n = name();
      defs.push(''); // reserve the slot so names stay unique while recursing
      const at = defs.length - 1;
      let body: string;
      if (t.k === 'record') body = `record ${n} { ${t.fields.map(([f, ft]) => `%${f}: ${w(ft)}`).join(', ')} }`;
      else if (t.k === 'variant')
        body = `variant ${n} { ${t.cases.map(([c, ct]) => (ct === undefined ? `%${c}` : `%${c}(${w(ct)})`)).join(', ')} }`;
      else if (t.k === 'enum') body = `enum ${n} { ${t.cases.map((c) => `%${c}`).join(', ')} }`;
      else if (t.k === 'flags') body = `flags ${n} { ${t.names.map((c) => `%${c}`).join(', ')} }`;
      else body = `type ${n} = ${w(t.target)};`;
      defs[at] = body;
      return n;
    }
  }
}

const camel = (s: string) =>
  s
    .split('-')
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
const unalias = (t: Ty): Ty => (t.k === 'alias' ? unalias(t.target) : t);
const TYPED: Record<string, (xs: never[]) => unknown> = {
  u8: (xs) => Uint8Array.from(xs),
  s8: (xs) => Int8Array.from(xs),
  u16: (xs) => Uint16Array.from(xs),
  s16: (xs) => Int16Array.from(xs),
  u32: (xs) => Uint32Array.from(xs),
  s32: (xs) => Int32Array.from(xs),
  u64: (xs) => BigUint64Array.from(xs),
  s64: (xs) => BigInt64Array.from(xs),
  f32: (xs) => Float32Array.from(xs),
  f64: (xs) => Float64Array.from(xs),
};

function primArb(name: string): fc.Arbitrary<unknown> {
  const int = (min: number, max: number) => fc.integer({ min, max });
  switch (name) {
    case 'bool':
      return fc.boolean();
    case 'u8':
      return int(0, 255);
    case 'u16':
      return int(0, 65535);
    case 'u32':
      return fc.oneof(int(0, 0xffffffff), fc.constantFrom(0, 0xffffffff));
    case 's8':
      return int(-128, 127);
    case 's16':
      return int(-32768, 32767);
    case 's32':
      return fc.oneof(int(-0x80000000, 0x7fffffff), fc.constantFrom(-0x80000000, 0x7fffffff));
    case 'u64':
      return fc.bigInt(0n, 2n ** 64n - 1n);
    case 's64':
      return fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n);
    case 'f32':
      return fc.float();
    case 'f64':
      return fc.double();
    case 'char':
      return fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        fc.constantFrom("'", '"', '\\', '\n', '\0', '\u0301', '\u200b'),
      );
    default:
      return fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.constantFrom('"', "'", '\\', '\n', '\r', '\t', ' ', 'a', '/', '😀', '\u0085', '\u2028') }),
      );
  }
}

/** jco's convention: an option is tagged when its payload's host form can be undefined (a plain option). */
function taggedOption(t: Ty): boolean {
  t = unalias(t);
  if (t.k !== 'option') return false;
  const inner = unalias(t.inner);
  return inner.k === 'option' && !taggedOption(inner);
}

/** Host values as the engine represents them. */
function valueArb(t: Ty): fc.Arbitrary<unknown> {
  t = unalias(t);
  switch (t.k) {
    case 'prim':
      return primArb(t.name);
    case 'list': {
      const e = unalias(t.elem);
      const arr = fc.array(
        valueArb(e),
        t.size === undefined ? { maxLength: 4 } : { minLength: t.size, maxLength: t.size },
      );
      return e.k === 'prim' && e.name in TYPED ? arr.map((xs) => TYPED[e.name](xs as never[])) : arr;
    }
    case 'option': {
      const inner = valueArb(t.inner);
      if (taggedOption(t))
        return fc.oneof(
          fc.constant({ tag: 'none' }),
          inner.map((val) => ({ tag: 'some', val })),
        );
      return fc.option(inner, { nil: undefined });
    }
    case 'result': {
      const side = (tag: string, p?: Ty) =>
        p === undefined ? fc.constant({ tag, val: undefined }) : valueArb(p).map((val) => ({ tag, val }));
      return fc.oneof(side('ok', t.ok), side('err', t.err));
    }
    case 'tuple':
      return fc.tuple(...t.items.map((i) => valueArb(i)));
    case 'record':
      return fc.record(Object.fromEntries(t.fields.map(([f, ft]) => [camel(f), valueArb(ft)])), {
        noNullPrototype: true,
      });
    case 'variant':
      return fc.oneof(
        ...t.cases.map(([c, ct]) =>
          ct === undefined ? fc.constant({ tag: c }) : valueArb(ct).map((val) => ({ tag: c, val })),
        ),
      );
    case 'enum':
      return fc.constantFrom(...t.cases);
    case 'flags':
      return fc.record(Object.fromEntries(t.names.map((n) => [camel(n), fc.boolean()])), { noNullPrototype: true });
    case 'map':
      return fc
        .uniqueArray(fc.tuple(primArb(t.key), valueArb(t.value)), { maxLength: 4, selector: (e) => e[0] })
        .map((es) => new Map(es));
    case 'alias':
      return valueArb(t.target);
  }
}

function resolveTy(t: Ty): { resolve: Resolve; ref: TypeRef } {
  const defs: string[] = [];
  const expr = emit(t, defs);
  const src = `package rt:wave;\ninterface i {\n  ${defs.join('\n  ')}\n  record root { f: ${expr} }\n}\n`;
  const resolve = resolveSource(src, 'rt.wit');
  const iface = resolve.interfaces.find((i) => i.name === 'i')!;
  const root = resolve.types[iface.types.get('root')!].kind;
  if (root.kind !== 'record') throw new Error('root is not a record');
  return { resolve, ref: root.fields[0].type };
}

const sample = tyArb(3).chain((t) => fc.tuple(fc.constant(t), fc.array(valueArb(t), { minLength: 1, maxLength: 5 })));

describe('WAVE round trip', () => {
  test('print → parse is the identity on random types and values', () => {
    fc.assert(
      fc.property(sample, ([t, values]) => {
        const { resolve, ref } = resolveTy(t);
        for (const v of values) {
          const text = printWaveValue(v, ref, resolve);
          const back = parseWaveValue(text, ref, resolve);
          expect(back).toStrictEqual(v);
          expect(printWaveValue(back, ref, resolve)).toBe(text);
          // The ASCII-only form reads back the same too.
          expect(parseWaveValue(printWaveValue(v, ref, resolve, { ascii: true }), ref, resolve)).toStrictEqual(v);
        }
      }),
      { seed: 0x5eed_3a7e, numRuns: 400 },
    );
  });

  test('whitespace and comments between tokens do not change the value', () => {
    fc.assert(
      fc.property(sample, ([t, values]) => {
        const { resolve, ref } = resolveTy(t);
        for (const v of values) {
          const text = printWaveValue(v, ref, resolve);
          // Re-space the canonical text outside string/char literals.
          const spaced = text.replace(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([,:()[\]{}])/g, (m, lit, p) =>
            lit !== undefined ? lit : ` ${p} // c\n\t`,
          );
          expect(parseWaveValue(`  ${spaced}  // end`, ref, resolve)).toStrictEqual(v);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  // Broken input must always produce a WaveError, never another exception.
  const ALPHABET = [
    ...`()[]{},:%'"\\-.0123456789eE+ \n\t/abzAZ_😀`,
    'some',
    'none',
    'ok',
    'err',
    'nan',
    'inf',
    '"""\n',
    '\\u{',
    '//',
  ];
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.array(fc.constantFrom(...ALPHABET), { maxLength: 3 }));

  test('mutated input parses or fails with a WaveError', () => {
    fc.assert(
      fc.property(sample, fc.array(edit, { minLength: 1, maxLength: 4 }), ([t, values], edits) => {
        const { resolve, ref } = resolveTy(t);
        let text = printWaveValue(values[0], ref, resolve);
        for (const [at, del, ins] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + ins.join('') + text.slice(i + del);
        }
        try {
          parseWaveValue(text, ref, resolve);
        } catch (e) {
          if (!(e instanceof WaveError)) throw e;
          expect(e.span.start).toBeGreaterThanOrEqual(0);
          expect(e.span.end).toBeLessThanOrEqual(text.length);
          expect(e.span.start).toBeLessThanOrEqual(e.span.end);
          expect(e.rendered).toContain('^');
        }
      }),
      { seed: 7, numRuns: 1500 },
    );
  });

  test('random text as a call fails with a WaveError', () => {
    const { resolve } = resolveTy({ k: 'prim', name: 'u8' });
    const f: WitFunction = {
      name: 'f',
      kind: { kind: 'freestanding' },
      params: [{ name: 'a', type: 'u8' }],
      docs: {},
      stability: { kind: 'unknown' },
    };
    const fns = new Map([['f', f]]);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET, 'f', 'f(', ')', '#', '[method]'), { maxLength: 12 }),
        (parts) => {
          try {
            parseWaveCall(parts.join(''), resolve, fns);
          } catch (e) {
            if (!(e instanceof WaveError)) throw e;
          }
        },
      ),
      { seed: 11, numRuns: 2000 },
    );
  });
});
