// Data-driven tests of the canonical WIT printer.
//
// 1. wit-parser ui models: every expected `X.wit.json` (a wasm-tools
//    `Resolve`) is loaded and each of its packages printed. Without an oracle
//    for the text these check what must hold for any canonical print: a
//    `package` header, every interface and world declared once, balanced
//    braces with two-space indentation.
// 2. wit-component interface cases, through our resolver: the printed main
//    package must equal wasm-tools' `X.wit.print` byte for byte.
// 3. Round trip, through our resolver: a ui case printed as one file (main
//    package plus nested packages) and re-resolved prints the same for every
//    package, and with all packages nested serializes to the same JSON.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeName, printAllPackages, printPackage, printResolve } from '../src/print/index.js';
import { resolvePath, resolveSource, toWasmToolsJson } from '../src/resolve/index.js';
import type { Resolve } from '../src/resolve/types.js';
import { packageNameString } from '../src/resolve/types.js';
import { corpusRoot, hasCorpus } from './support/corpus.js';
import { interfaceCases, uiCases } from './support/print-corpus.js';
import { resolveFromJson } from './support/resolve-from-json.js';

describe.skipIf(!hasCorpus)('keyword escaping', () => {
  it('escapes every keyword of the WIT grammar (spec/WIT.md)', () => {
    // The `keyword ::= 'as' | 'async' | …` production of the spec.
    const spec = readFileSync(join(corpusRoot, '..', 'spec', 'WIT.md'), 'utf8');
    const production = /^keyword ::=([^]*?)```/m.exec(spec)?.[1] ?? '';
    const keywords = [...production.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(keywords.length).toBeGreaterThan(35);
    for (const kw of keywords) expect(escapeName(kw)).toBe(`%${kw}`);
    expect(escapeName('my-type')).toBe('my-type');
  });
});

/** `package ns:name@version` with the name parts escaped. */
function packageHeader(resolve: Resolve, pkg: number): string {
  const { namespace, name, version } = resolve.packages[pkg].name;
  return `package ${escapeName(namespace)}:${escapeName(name)}${version === undefined ? '' : `@${version}`}`;
}

/** Checks that hold for any canonical print of package `pkg`. */
function checkPrintedPackage(resolve: Resolve, pkg: number, text: string): void {
  const p = resolve.packages[pkg];
  const lines = text.split('\n');
  expect(lines.filter((l) => !l.startsWith('///'))[0]).toBe(`${packageHeader(resolve, pkg)};`);
  for (const iface of p.interfaces.keys()) {
    expect(lines.filter((l) => l === `interface ${escapeName(iface)} {`)).toHaveLength(1);
  }
  for (const world of p.worlds.keys()) {
    expect(lines.filter((l) => l === `world ${escapeName(world)} {`)).toHaveLength(1);
  }
  // Indentation is two spaces per open brace, and every brace closes.
  let depth = 0;
  for (const line of lines) {
    if (line === '') continue;
    const closes = line.trimStart().startsWith('}') ? 1 : 0;
    expect(line.length - line.trimStart().length, line).toBe(2 * (depth - closes));
    if (!line.trimStart().startsWith('///'))
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  expect(text).toMatch(/[};]\n\n?$/);
}

describe.skipIf(!hasCorpus)('printing wit-parser ui models (from their expected JSON)', () => {
  const cases = hasCorpus ? uiCases() : [];
  it('finds the 74 passing cases', () => expect(cases).toHaveLength(74));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const resolve = resolveFromJson(JSON.parse(readFileSync(c.json, 'utf8')), ['active']);
    for (let pkg = 0; pkg < resolve.packages.length; pkg++) {
      checkPrintedPackage(resolve, pkg, printPackage(resolve, pkg));
    }
    // The nested form is the main package's own print followed by a
    // `package … {` block for every other package.
    const main = resolve.packages.length - 1;
    const all = printResolve(resolve, { nested: 'all' });
    expect(all.startsWith(printPackage(resolve, main))).toBe(true);
    const blocks = all.split('\n').filter((l) => l.startsWith('package ') && l.endsWith(' {'));
    expect(blocks).toEqual(resolve.packages.slice(0, -1).map((_, i) => `${packageHeader(resolve, i)} {`));
    // The --out-dir layout: one top-level file, every path distinct.
    const paths = printAllPackages(resolve).map((p) => p.path);
    expect(paths.filter((p) => !p.startsWith('deps/'))).toHaveLength(1);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

// Cases whose expected print our resolver cannot produce yet, with why. They
// run as expected failures, so one starting to pass must be taken off here.
const INTERFACE_CASES_KNOWN_FAILING: Record<string, string> = {};

describe.skipIf(!hasCorpus)('wit-component interfaces: print(resolvePath(X)) == X.wit.print', () => {
  const cases = hasCorpus ? interfaceCases() : [];
  it('finds the 41 cases', () => expect(cases).toHaveLength(41));
  for (const c of cases) {
    const known = INTERFACE_CASES_KNOWN_FAILING[c.name];
    const test = known === undefined ? it : it.fails;
    test(known === undefined ? c.name : `${c.name} (known failing: ${known})`, () => {
      const resolve = resolvePath(c.input);
      expect(printPackage(resolve, resolve.main!)).toBe(readFileSync(c.expected, 'utf8'));
    });
  }
});

// ui cases our resolver cannot read yet, with why.
const ROUND_TRIP_PENDING: Record<string, string> = {
  'simple-wasm-text': 'input is a wasm-encoded WIT package (needs the binary decoder)',
  'kinds-of-deps': 'deps/ holds wasm-encoded WIT packages (needs the binary decoder)',
};

// Cases whose re-resolved JSON legitimately differs from the original, with
// why; for these only the printed-text fixpoint is checked.
const JSON_DIFFERS: Record<string, string> = {
  // `include a with { r as s }` prints as the elaborated world (its own
  // resource `s` and functions), so world `b`'s anonymous handle/option types
  // are interned in a different order than when the include is copied.
  'with-resource-as': 'include-with-rename prints elaborated; anonymous types re-interned',
  // A `use`/import gated off by an inactive feature is not printed, so the
  // re-resolved file no longer orders the (now unrelated) packages by it.
  'unstable-resource': 'gated-off foreign use no longer orders the packages',
  'foreign-interface-dep-gated': 'gated-off foreign import no longer orders the packages',
  'foreign-world-dep-gated': 'gated-off foreign import no longer orders the packages',
};

describe.skipIf(!hasCorpus)('round trip: resolve(print(x)) == x', () => {
  const cases = hasCorpus ? uiCases() : [];
  const options = { features: ['active'] };
  for (const c of cases) {
    const pending = ROUND_TRIP_PENDING[c.name];
    if (pending !== undefined) {
      it.todo(`${c.name} (pending: ${pending})`);
      continue;
    }
    it(c.name, () => {
      const first = resolvePath(c.input, options);
      const printed = (r: Resolve) =>
        new Map(r.packages.map((p, i) => [packageNameString(p.name), printPackage(r, i)]));
      const before = printed(first);
      // The main package with just its dependencies as nested packages is a
      // self-contained file; each package in it prints back the same.
      const deps = resolveSource(printResolve(first, { nested: 'deps' }), `${c.name}.wit`, options);
      expect(packageNameString(deps.packages[deps.main!].name)).toBe(
        packageNameString(first.packages[first.main!].name),
      );
      for (const [name, text] of printed(deps)) expect(text, name).toBe(before.get(name));
      // With every package nested, the re-resolved model is the original one:
      // the same JSON up to object key order (printing lists a resource's
      // functions with the resource, which can reorder a function map).
      const all = resolveSource(printResolve(first, { nested: 'all' }), `${c.name}.wit`, options);
      expect(printed(all)).toEqual(before);
      // A listed case must still differ, so the list cannot go stale.
      if (c.name in JSON_DIFFERS) expect(toWasmToolsJson(all)).not.toEqual(toWasmToolsJson(first));
      else expect(toWasmToolsJson(all)).toEqual(toWasmToolsJson(first));
    });
  }
});

// The full WASI trees are the largest real-world inputs. Their re-resolved
// JSON is not compared: printing moves resources (with their methods) ahead
// of freestanding functions, so anonymous types like `own<r>` get interned in
// a different arena order. The canonical text must be a fixpoint, though.
describe.skipIf(!hasCorpus)('round trip: WASI', () => {
  for (const version of ['0.2.12', '0.3.0']) {
    it(`wasi ${version}: print(resolve(print(x))) == print(x)`, () => {
      const first = resolvePath(join(corpusRoot, 'wasi', version, 'wit'));
      const text = printResolve(first, { nested: 'all' });
      const second = resolveSource(text, 'wasi.wit');
      expect(second.packages).toHaveLength(first.packages.length);
      expect(printResolve(second, { nested: 'all' })).toBe(text);
    });
  }
});
