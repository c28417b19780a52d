// A few self-contained components from the Component Model reference tests
// (../shared/corpus/component-model-tests) run on our engine. This is NOT
// the WAST runner (a later task): it only understands top-level
// `(component …)`, and `assert_return` / `assert_trap` on `invoke`s whose
// arguments and expected results are scalar or string constants; anything
// else is counted as skipped. Trap messages are not compared (ours differ
// from wasmtime's wording); a trap must be a WebAssembly.RuntimeError.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { instantiate } from '@wit-ts/runtime';
import { toCamelCase } from '@wit-ts/abi';
import { wat } from './helpers.js';

const corpus = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'shared',
  'corpus',
  'component-model-tests',
);
const nyi = new Set(
  readFileSync(join(corpus, 'nyi.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('./'))
    .map((l) => l.slice(2)),
);

type SExpr =
  | { kind: 'list'; items: SExpr[]; start: number; end: number }
  | { kind: 'atom'; text: string }
  | { kind: 'str'; bytes: number[] };

function parseSexprs(src: string): SExpr[] {
  let i = 0;
  const skip = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (src.startsWith(';;', i)) {
        while (i < src.length && src[i] !== '\n') i++;
      } else if (src.startsWith('(;', i)) {
        let depth = 0;
        do {
          if (src.startsWith('(;', i)) (depth++, (i += 2));
          else if (src.startsWith(';)', i)) (depth--, (i += 2));
          else i++;
        } while (depth > 0 && i < src.length);
      } else return;
    }
  };
  const one = (): SExpr => {
    skip();
    if (src[i] === '(') {
      const start = i++;
      const items: SExpr[] = [];
      for (;;) {
        skip();
        if (src[i] === ')') break;
        if (i >= src.length) throw new Error('unbalanced parens');
        items.push(one());
      }
      i++;
      return { kind: 'list', items, start, end: i };
    }
    if (src[i] === '"') {
      i++;
      const bytes: number[] = [];
      const enc = new TextEncoder();
      while (src[i] !== '"') {
        if (src[i] === '\\') {
          const c = src[i + 1];
          if (c === 'u') {
            const close = src.indexOf('}', i);
            bytes.push(...enc.encode(String.fromCodePoint(parseInt(src.slice(i + 3, close), 16))));
            i = close + 1;
          } else if (/[0-9a-fA-F]/.test(c)) {
            bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
            i += 3;
          } else {
            bytes.push(({ n: 10, t: 9, r: 13 } as Record<string, number>)[c] ?? c.charCodeAt(0));
            i += 2;
          }
        } else {
          const cp = src.codePointAt(i)!;
          bytes.push(...enc.encode(String.fromCodePoint(cp)));
          i += cp > 0xffff ? 2 : 1;
        }
      }
      i++;
      return { kind: 'str', bytes };
    }
    const start = i;
    while (i < src.length && !/[\s()]/.test(src[i])) i++;
    return { kind: 'atom', text: src.slice(start, i) };
  };
  const out: SExpr[] = [];
  for (skip(); i < src.length; skip()) out.push(one());
  return out;
}

const head = (e: SExpr) => (e.kind === 'list' && e.items[0]?.kind === 'atom' ? e.items[0].text : '');
const UNSUPPORTED = Symbol('unsupported');

function constValue(e: SExpr): unknown {
  if (head(e) === 'list.const' && e.kind === 'list') {
    const vs = e.items.slice(1).map(constValue);
    return vs.includes(UNSUPPORTED) ? UNSUPPORTED : vs;
  }
  if (e.kind !== 'list' || e.items.length !== 2) return UNSUPPORTED;
  const [h, v] = e.items;
  if (h.kind !== 'atom') return UNSUPPORTED;
  if (h.text === 'str.const' && v.kind === 'str') return new TextDecoder().decode(new Uint8Array(v.bytes));
  if (v.kind !== 'atom') return UNSUPPORTED;
  const t = v.text.replace(/_/g, '');
  switch (h.text) {
    case 'bool.const':
      return t === 'true';
    case 'u8.const':
    case 's8.const':
    case 'u16.const':
    case 's16.const':
    case 'u32.const':
    case 's32.const':
      return Number(t);
    case 'u64.const':
    case 's64.const':
      return BigInt(t);
    case 'f32.const':
    case 'f64.const':
      return t === 'nan' ? NaN : Number(t);
    default:
      return UNSUPPORTED;
  }
}

interface Tally {
  components: number;
  instantiated: number;
  passed: number;
  skipped: number;
  failures: string[];
  /** Why components did not instantiate (async ABI, missing host imports, …), by message. */
  instantiateErrors: Map<string, number>;
}

async function runFile(file: string, tally: Tally, fastPaths: boolean): Promise<void> {
  const src = readFileSync(join(corpus, file), 'utf8');
  let bytes: Uint8Array | undefined;
  let exports: Record<string, unknown> | undefined;
  let needFresh = false;
  const definitions = new Map<string, Uint8Array>();
  for (const form of parseSexprs(src)) {
    const h = head(form);
    if (h === 'component' && form.kind === 'list') {
      const second = form.items[1];
      const isDef = second?.kind === 'atom' && second.text === 'definition';
      const isInst = second?.kind === 'atom' && second.text === 'instance';
      if (isDef) {
        // `(component definition $X …)`: assemble now, instantiate on `(component instance $i $X)`.
        const id = form.items[2];
        const text = src.slice(form.start, form.end).replace(/^\(component\s+definition/, '(component');
        tally.components++;
        try {
          if (id?.kind === 'atom') definitions.set(id.text, await wat(text));
        } catch (e) {
          const m = String(e).slice(0, 110);
          tally.instantiateErrors.set(m, (tally.instantiateErrors.get(m) ?? 0) + 1);
        }
        continue;
      }
      exports = undefined;
      bytes = undefined;
      if (!isInst) tally.components++;
      try {
        const def = form.items[3];
        bytes = isInst
          ? def?.kind === 'atom'
            ? definitions.get(def.text)
            : undefined
          : await wat(src.slice(form.start, form.end));
        if (bytes === undefined) throw new Error('unknown component definition');
        exports = await instantiate(bytes, {}, { fastPaths });
        tally.instantiated++;
      } catch (e) {
        exports = undefined;
        tally.instantiateErrors.set(
          String(e)
            .replace(/^Error: Error.*kind: Custom\("/s, 'wat: ')
            .slice(0, 110),
          (tally.instantiateErrors.get(
            String(e)
              .replace(/^Error: Error.*kind: Custom\("/s, 'wat: ')
              .slice(0, 110),
          ) ?? 0) + 1,
        );
      }
      needFresh = false;
      continue;
    }
    if (h !== 'assert_return' && h !== 'assert_trap') continue;
    if (form.kind !== 'list') continue;
    const inv = form.items[1];
    if (exports === undefined || head(inv) !== 'invoke' || inv.kind !== 'list') {
      tally.skipped++;
      continue;
    }
    const name = inv.items[1];
    const args = inv.items.slice(2).map(constValue);
    const expected = h === 'assert_return' ? form.items.slice(2).map(constValue) : [];
    if (name.kind !== 'str' || args.includes(UNSUPPORTED) || expected.includes(UNSUPPORTED)) {
      tally.skipped++;
      continue;
    }
    if (needFresh && bytes !== undefined) exports = await instantiate(bytes, {}, { fastPaths });
    needFresh = false;
    const fname = new TextDecoder().decode(new Uint8Array(name.bytes));
    const fn = (exports[fname] ?? exports[toCamelCase(fname)]) as ((...a: unknown[]) => unknown) | undefined;
    const where = `${file}: ${h} ${fname}`;
    if (typeof fn !== 'function') {
      tally.failures.push(`${where}: no such export`);
      continue;
    }
    try {
      const r = fn(...args);
      if (h === 'assert_trap') tally.failures.push(`${where}: expected a trap, got ${String(r)}`);
      else if (expected.length === 0 ? r !== undefined : !Object.is(r, expected[0]))
        tally.failures.push(`${where}: got ${String(r)}, expected ${String(expected[0])}`);
      else tally.passed++;
    } catch (e) {
      needFresh = true;
      if (h === 'assert_trap' && e instanceof WebAssembly.RuntimeError) tally.passed++;
      else tally.failures.push(`${where}: threw ${String(e)}`);
    }
  }
}

describe('reference-test components (values/, resources/, linking/)', () => {
  it.each([true, false])('runs every supported assertion (fastPaths: %s)', async (fastPaths) => {
    const tally: Tally = {
      components: 0,
      instantiated: 0,
      passed: 0,
      skipped: 0,
      failures: [],
      instantiateErrors: new Map(),
    };
    const files = ['values', 'resources', 'linking'].flatMap((d) =>
      readdirSync(join(corpus, d))
        .filter((f) => f.endsWith('.wast'))
        .map((f) => `${d}/${f}`),
    );
    for (const f of files) if (!nyi.has(f)) await runFile(f, tally, fastPaths);
    console.log(
      `[corpus fastPaths=${fastPaths}] ${files.length} files, ${tally.components} components assembled, ${tally.instantiated} instantiations succeeded, ` +
        `${tally.passed} assertions passed, ${tally.failures.length} failed, ${tally.skipped} skipped`,
    );
    if (tally.failures.length > 0) console.log(tally.failures.join('\n'));
    console.log([...tally.instantiateErrors].map(([m, n]) => `  not instantiated ×${n}: ${m}`).join('\n'));
    expect(tally.passed).toBeGreaterThan(0);
    expect(tally.failures).toEqual([]);
  });
});
