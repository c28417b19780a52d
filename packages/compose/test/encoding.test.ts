// The wac-tests encoding suite. Passing cases: our composition (deps
// imported as `unlocked-dep=<…>`, like the expected results) must validate,
// be accepted by jco `transpile` (or be refused for a listed reason that a
// minimal hand-written component reproduces), and its `componentWit` must equal that of
// the expected WAT (whitespace-normalised; also counted order-insensitively). Failing cases: a
// ComposeError. jco runs in this file only (a jco panic poisons its instance).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentWit, parse } from '@bytecodealliance/jco';
import { decodeComponent, validateComponent } from '@wit-ts/component';
import { compose, ComposeError } from '@wit-ts/compose';
import { depsFor, TESTS, wacFiles } from './corpus.js';
import {
  checkRefusal,
  EXPORTS_A_TYPE,
  jcoRefusal,
  REEXPORTS_IMPORTED_FUNC,
  REEXPORTS_IMPORTED_RESOURCE,
  type JcoRefusal,
} from './jco-refusals.js';

const DIR = join(TESTS, 'encoding');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort()
    .join('\n');

// Known gaps (see the package report): why each passing case is not there yet.
const KNOWN: Record<string, string> = {};

// Passing cases whose composition jco `transpile` cannot take, by its shape
// (checked against a minimal hand-written component of the same shape).
const JCO_REFUSES: Record<string, JcoRefusal> = {
  // foo:bar re-exports its import `baz` as `foo`; `export x4...` so exports the imported `i2.baz`.
  instantiation: REEXPORTS_IMPORTED_FUNC,
  // foo:bar re-exports its imported instance `foo` (resource `r`); `export x.foo` exports it again.
  resources: REEXPORTS_IMPORTED_RESOURCE,
  // Only type definitions are exported.
  types: EXPORTS_A_TYPE,
};

describe('wac-tests encoding suite', () => {
  it('passing cases', async () => {
    const counts = { total: 0, composed: 0, transpiled: 0, refusedByJco: 0, witExact: 0, witUnordered: 0 };
    const unexpected: string[] = [];
    for (const f of wacFiles(DIR)) {
      const name = f.replace(/\.wac$/, '');
      counts.total++;
      let out: Uint8Array;
      try {
        out = compose({
          source: readFileSync(join(DIR, f), 'utf8'),
          path: `tests/encoding/${f}`,
          deps: await depsFor(DIR, name),
          importDependencies: true,
        });
        counts.composed++;
      } catch (e) {
        if (!(e instanceof ComposeError)) throw e;
        if (KNOWN[name] === undefined) unexpected.push(`${name}: ${e.rendered}`);
        continue;
      }
      if (KNOWN[name] !== undefined) continue;
      // jco cannot transpile component imports: transpile the variant embedding the dependencies.
      const embedded = compose({
        source: readFileSync(join(DIR, f), 'utf8'),
        path: `tests/encoding/${f}`,
        deps: await depsFor(DIR, name),
      });
      const refusal = JCO_REFUSES[name];
      if (refusal !== undefined) {
        unexpected.push(...(await checkRefusal(name, embedded, refusal)));
        counts.refusedByJco++;
      } else {
        const refused = await jcoRefusal(embedded);
        if (refused === undefined) counts.transpiled++;
        else unexpected.push(`${name}: jco transpile: ${refused}`);
      }
      const expectedBytes = await parse(readFileSync(join(DIR, f + '.result'), 'utf8'));
      let expected: string;
      try {
        expected = await componentWit(expectedBytes);
      } catch {
        // Type exports (types.wac) are not expressible as WIT: compare the exports instead.
        const exportsOf = (b: Uint8Array) =>
          decodeComponent(b)
            .sections.flatMap((sec) => (sec.kind === 'export' ? sec.items.map((e) => `${e.sort} ${e.name.name}`) : []))
            .join('\n');
        expected = exportsOf(expectedBytes);
        const ours = exportsOf(out);
        expect(validateComponent(decodeComponent(out))).toEqual([]);
        if (ours === expected) (counts.witExact++, counts.witUnordered++);
        else unexpected.push(`${name}: exports differ\n${ours}\n---\n${expected}`);
        continue;
      }
      const ours = await componentWit(out);
      if (norm(ours) === norm(expected)) counts.witExact++;
      else unexpected.push(`${name}: WIT differs\n${ours}\n---\n${expected}`);
      if (lines(ours) === lines(expected)) counts.witUnordered++;
    }
    console.log(
      `encoding pass: ${JSON.stringify(counts)}\n` +
        Object.entries(JCO_REFUSES)
          .map(([n, r]) => `  jco transpile refuses ${n} (so does a minimal component of that shape): ${r.why}`)
          .join('\n'),
    );
    expect(unexpected).toEqual([]);
  });

  it('failing cases fail with a rendered error', async () => {
    const dir = join(DIR, 'fail');
    let ok = 0;
    const bad: string[] = [];
    for (const f of wacFiles(dir)) {
      try {
        compose({
          source: readFileSync(join(dir, f), 'utf8'),
          path: f,
          deps: await depsFor(dir, f.replace(/\.wac$/, '')),
          importDependencies: true,
        });
        bad.push(`${f}: composed`);
      } catch (e) {
        if (e instanceof ComposeError) ok++;
        else bad.push(`${f}: ${String(e)}`);
      }
    }
    console.log(`encoding fail: ${ok}/${wacFiles(dir).length}`);
    expect(bad).toEqual([]);
  });
});
