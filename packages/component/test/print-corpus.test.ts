// Golden parity of the text printer with jco's `print` (wasm-tools compiled
// to wasm, a test-only oracle) on every component of the component-model
// reference tests (each `(component …)` of the .wast scripts, assembled with
// jco's `parse`), on the wit-component interface corpus (.wat) and on our
// built fixtures when present. Then the round trip: jco `parse` of our text
// must give a component that prints to the same text again (and, where the
// assembler reproduces the input exactly, the same bytes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { print } from '@bytecodealliance/jco';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS } from '../../../test-support/shared.js';
import { AssemblerPool } from '../../runtime/test/wast/assembler.js';
import { head, isAtom, parseSexprs, type SExpr, type SList } from '../../runtime/test/wast/sexpr.js';
import { printComponent, printCoreModule } from '../src/print/index.js';

const CM_TESTS = join(CORPUS, 'component-model-tests');
const INTERFACES = join(CORPUS, 'wit-component-interfaces');
const FIXTURES = resolve(fileURLToPath(new URL('../../../fixtures/build', import.meta.url)));

const pool = new AssemblerPool(Math.max(2, Math.min(6, availableParallelism() - 1)));
afterAll(() => pool.close());

function walk(dir: string, ext: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, ext, out);
    else if (e.name.endsWith(ext)) out.push(full);
  }
  return out.sort();
}

/** `(component [definition] [$id] …)` as text the assembler takes (binary/quote/instance forms are skipped). */
function componentText(src: string, form: SList): string | undefined {
  let k = 1;
  if (isAtom(form.items[k], 'definition')) k++;
  if (isAtom(form.items[k], 'instance') || isAtom(form.items[k], 'binary') || isAtom(form.items[k], 'quote'))
    return undefined;
  let id = '';
  const idItem = form.items[k];
  if (isAtom(idItem) && idItem.text.startsWith('$')) {
    id = ` ${idItem.text}`;
    k++;
    if (isAtom(form.items[k], 'binary') || isAtom(form.items[k], 'quote')) return undefined;
  }
  const rest = form.items[k];
  return `(component${id}${rest === undefined ? ')' : ` ${src.slice(rest.start, form.end)}`}`;
}

/** Every component of a WAST script: top-level ones and those inside directives (assert_invalid, …). */
function wastComponents(src: string): string[] {
  const out: string[] = [];
  const visit = (e: SExpr, top: boolean): void => {
    if (e.kind !== 'list') return;
    if (head(e) === 'component') {
      const text = componentText(src, e);
      if (text !== undefined) out.push(text);
      return;
    }
    if (top) for (const item of e.items) visit(item, false);
  };
  for (const e of parseSexprs(src)) visit(e, true);
  return out;
}

interface Tally {
  total: number;
  exact: number;
  differ: string[];
}

async function compare(name: string, bytes: Uint8Array, tally: Tally): Promise<string | undefined> {
  tally.total++;
  const expected = await print(bytes);
  let ours: string;
  try {
    ours = bytes[4] === 1 && bytes[6] === 0 ? printCoreModule(bytes) : printComponent(bytes);
  } catch (e) {
    tally.differ.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (ours === expected) tally.exact++;
  else {
    const a = ours.split('\n');
    const b = expected.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    tally.differ.push(`${name}:${i + 1}: ours ${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}`);
  }
  return ours;
}

function report(label: string, t: Tally): void {
  console.log(`print parity, ${label}: ${t.exact}/${t.total} exact`);
  for (const d of t.differ.slice(0, 20)) console.log(`  differs: ${d}`);
}

describe('printer parity with wasm-tools print', () => {
  it('component-model-tests: every assembled component, plus the round trip', async () => {
    const tally: Tally = { total: 0, exact: 0, differ: [] };
    const round = { total: 0, sameText: 0, sameBytes: 0, failures: [] as string[] };
    for (const file of walk(CM_TESTS, '.wast')) {
      const name = relative(CM_TESTS, file);
      const texts = wastComponents(readFileSync(file, 'utf8'));
      const assembled = await Promise.all(texts.map((t) => pool.assemble(t)));
      for (let i = 0; i < assembled.length; i++) {
        const a = assembled[i];
        if (!a.ok) continue; // assert_malformed texts and the like
        const ours = await compare(`${name}#${i}`, a.bytes, tally);
        if (ours === undefined) continue;
        round.total++;
        const again = await pool.assemble(ours);
        if (!again.ok) {
          round.failures.push(`${name}#${i}: our text does not assemble: ${again.message.slice(0, 200)}`);
          continue;
        }
        if (Buffer.from(again.bytes).equals(Buffer.from(a.bytes))) round.sameBytes++;
        if (printComponent(again.bytes) === ours) round.sameText++;
        else round.failures.push(`${name}#${i}: reassembled text prints differently`);
      }
    }
    report('component-model-tests', tally);
    console.log(
      `print round trip: ${round.sameText}/${round.total} print the same after jco parse, ${round.sameBytes} byte-identical`,
    );
    for (const f of round.failures.slice(0, 20)) console.log(`  round trip: ${f}`);
    expect(tally.total).toBeGreaterThan(500);
    expect(tally.exact / tally.total).toBeGreaterThanOrEqual(0.95);
    expect(round.failures).toEqual([]);
  });

  it('wit-component-interfaces: every .wat', async () => {
    const tally: Tally = { total: 0, exact: 0, differ: [] };
    for (const file of walk(INTERFACES, '.wat')) {
      const a = await pool.assemble(readFileSync(file, 'utf8'));
      if (!a.ok) continue; // the corpus has a deliberately invalid one
      await compare(relative(INTERFACES, file), a.bytes, tally);
    }
    report('wit-component-interfaces', tally);
    expect(tally.total).toBeGreaterThan(30);
    expect(tally.exact / tally.total).toBeGreaterThanOrEqual(0.95);
  });

  it.skipIf(!existsSync(FIXTURES))('built fixtures (fixtures/build/*.wasm), large components in seconds', async () => {
    const tally: Tally = { total: 0, exact: 0, differ: [] };
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.wasm'))) {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
      const started = performance.now();
      await compare(file, bytes, tally);
      if (bytes.length > 1_000_000)
        console.log(
          `  ${file}: ${(bytes.length / 1e6).toFixed(1)} MB compared in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
    }
    report('fixtures/build', tally);
    expect(tally.exact).toBe(tally.total);
  });
});
