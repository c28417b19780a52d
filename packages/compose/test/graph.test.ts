// The wac-graph suite: each `graph.json` (packages / nodes / arguments /
// exports / names, as wac-graph's tests build a `CompositionGraph`) is built
// through our graph API. Packages are `.wat` (assembled by jco `parse`,
// test-only) or WIT (a file or directory: a placeholder component for its
// world, like wac's harness builds with `dummy_module` + `ComponentEncoder`).
// Passing cases: encoded (deps imported, like the expected results) and
// validated, accepted by jco `transpile` (deps embedded), and their
// `componentWit` equals that of the expected `encoded.wat`. Failing cases:
// a `GraphError` of the kind matching the expected `error.txt`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentWit, parse, transpile } from '@bytecodealliance/jco';
import { componentNew, embedComponentType, resolvePathWithBinaries } from '@wit-ts/component';
import { CompositionGraph, GraphError, type GraphErrorKind, type NodeId, type PackageId } from '@wit-ts/compose';
import { CORPUS } from '../../../test-support/shared.js';

const DIR = `${CORPUS}/wac-tests/crates/wac-graph/tests/graphs`;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

interface GraphJson {
  packages: { name: string; path: string }[];
  nodes: (
    | { type: 'import'; name: string; package: number; export: string }
    | { type: 'instantiation'; package: number }
    | { type: 'alias'; source: number; export: string }
  )[];
  arguments?: { source: number; target: number; name: string }[];
  exports?: { node: number; name: string }[];
  names?: { node: number; name: string }[];
}

/** The expected error kind of each failing case (from its `error.txt`). */
const EXPECTED_KIND: Record<string, GraphErrorKind> = {
  'argument-already-satisfied': 'argument-already-satisfied',
  'argument-type-mismatch': 'argument-type-mismatch',
  'contains-cycle': 'contains-cycle',
  'export-already-exists': 'export-already-exists',
  'export-missing': 'missing-export',
  'implicit-import-conflict': 'implicit-import-conflict',
  'import-already-exists': 'import-already-exists',
  'invalid-export-name': 'invalid-name',
  'invalid-import-name': 'invalid-name',
  'missing-argument': 'missing-argument',
  'not-an-instance': 'not-an-instance',
  'not-instantiation': 'not-instantiation',
  'package-already-registered': 'package-already-registered',
  'type-aggregation-error': 'import-merge-conflict',
};

// Known gaps: passing cases our encoder cannot do yet, with the reason.
const KNOWN: Record<string, string> = {
  'implicit-resource-import':
    "ill-typed as given: baz's `my-func` (imported, returning own<x> of the imported foo:dependency/types) is passed together with " +
    "bar's exported foo:dependency/types instance (a different resource x), while baz requires my-func to return own<x> of the instance " +
    "it is given; wac's expected output only validates because its type for the imported dependency ties `x` to the outer import by an " +
    "outer alias; the embedded (real) baz cannot be instantiated so (resource types are generative per instantiation; baz's `x` import is `eq` " +
    'its instance\'s `x`): wasmparser rejects it with either `x` argument ("type mismatch for import `x`" / "`my-func`": resource types are not the same), ' +
    'and so does our validator: "type mismatch for component instantiation argument `my-func`"',
};

// Passing cases whose WIT differs for a reason outside the composer.
const WIT_DIFFERS: Record<string, string> = {};

// Passing cases jco `transpile` refuses for a reason outside the composer.
const JCO_REFUSES: Record<string, string> = {
  simple:
    'foo.wat exports a function type (`(type (export "f") (func))`), which jco\'s transpiler does not support inside an embedded component',
};

/** A package's component bytes: `.wat` assembled by jco, WIT as a placeholder component of its world. */
async function packageBytes(test: string, path: string): Promise<Uint8Array> {
  const p = join(DIR, test, path);
  if (path.endsWith('.wat')) return parse(readFileSync(p, 'utf8'));
  const r = resolvePathWithBinaries(p);
  const main = r.main ?? r.packages.length - 1;
  const worlds = [...r.packages[main].worlds.values()];
  if (worlds.length !== 1) throw new Error(`${p}: expected exactly one world`);
  return componentNew(embedComponentType(undefined, r, worlds[0], { dummy: true }));
}

/** Builds the graph of `test` and encodes it. */
async function build(test: string, defineComponents: boolean): Promise<Uint8Array> {
  const json = JSON.parse(readFileSync(join(DIR, test, 'graph.json'), 'utf8')) as GraphJson;
  const g = new CompositionGraph();
  const pkgs: PackageId[] = [];
  for (const p of json.packages) {
    const [name, version] = p.name.split('@');
    pkgs.push(g.registerPackage(name, await packageBytes(test, p.path), version));
  }
  const nodes: NodeId[] = [];
  for (const n of json.nodes) {
    if (n.type === 'import') nodes.push(g.import(n.name, g.packageExport(pkgs[n.package], n.export)));
    else if (n.type === 'instantiation') nodes.push(g.instantiate(pkgs[n.package]));
    else nodes.push(g.alias(nodes[n.source], n.export));
  }
  for (const a of json.arguments ?? []) g.setArgument(nodes[a.target], a.name, nodes[a.source]);
  for (const n of json.names ?? []) g.setName(nodes[n.node], n.name);
  for (const e of json.exports ?? []) g.export(nodes[e.node], e.name);
  return g.encode({ defineComponents });
}

const tests = readdirSync(DIR).sort();
const passing = tests.filter((t) => existsSync(join(DIR, t, 'encoded.wat')));
const failing = tests.filter((t) => existsSync(join(DIR, t, 'error.txt')));

describe('wac-graph suite', () => {
  it('has 13 passing and 14 failing cases', () => {
    expect([passing.length, failing.length]).toEqual([13, 14]);
  });

  for (const [name, why] of Object.entries(KNOWN)) it.todo(`${name}: ${why}`);
  for (const [name, why] of Object.entries(WIT_DIFFERS)) it.todo(`${name}: WIT differs: ${why}`);
  for (const [name, why] of Object.entries(JCO_REFUSES)) it.todo(`${name}: jco transpile refuses: ${why}`);

  it('passing cases: encoded, accepted by jco, same WIT', async () => {
    const counts = { total: 0, encoded: 0, transpiled: 0, witEqual: 0, known: 0 };
    const problems: string[] = [];
    for (const t of passing) {
      counts.total++;
      let out: Uint8Array;
      try {
        // `encode` validates its result (with our validator).
        out = await build(t, false);
        counts.encoded++;
      } catch (e) {
        if (!(e instanceof GraphError)) throw e;
        if (KNOWN[t] !== undefined) counts.known++;
        else problems.push(`${t}: ${e.message}`);
        continue;
      }
      if (KNOWN[t] !== undefined) problems.push(`${t}: listed as a known gap but encoded`);
      const embedded = await build(t, true);
      try {
        await transpile(embedded, { name: 'composed' });
        counts.transpiled++;
        if (JCO_REFUSES[t] !== undefined) problems.push(`${t}: listed as refused by jco but transpiled`);
      } catch (e) {
        if (JCO_REFUSES[t] === undefined) problems.push(`${t}: jco transpile: ${String(e).split('\n').slice(-1)[0]}`);
      }
      const expected = await componentWit(await parse(readFileSync(join(DIR, t, 'encoded.wat'), 'utf8')));
      const ours = await componentWit(out);
      if (norm(ours) === norm(expected)) {
        counts.witEqual++;
        if (WIT_DIFFERS[t] !== undefined) problems.push(`${t}: listed as differing but WIT is equal`);
      } else if (WIT_DIFFERS[t] === undefined) problems.push(`${t}: WIT differs\n${ours}\n---\n${expected}`);
    }
    console.log(`wac-graph pass: ${JSON.stringify(counts)}`);
    expect(problems).toEqual([]);
  });

  it('failing cases fail with a GraphError of the matching kind', async () => {
    let rejected = 0;
    let kindMatches = 0;
    let wordingMatches = 0;
    const wordingDiffers: string[] = [];
    const problems: string[] = [];
    for (const t of failing) {
      try {
        await build(t, false);
        problems.push(`${t}: succeeded`);
      } catch (e) {
        if (!(e instanceof GraphError)) {
          problems.push(`${t}: not a GraphError: ${String(e)}`);
          continue;
        }
        rejected++;
        // wac's causes (`Caused by:` lines, numbering dropped) all present in our message.
        const causes = readFileSync(join(DIR, t, 'error.txt'), 'utf8')
          .split('Caused by:')[1]
          .split('\n')
          .map((l) => l.trim().replace(/^\d+: /, ''))
          .filter(Boolean);
        if (causes.every((c) => norm(e.message).includes(c))) wordingMatches++;
        else wordingDiffers.push(`${t}: ${norm(e.message)}  |  wac: ${causes.join(' / ')}`);
        if (e.kind === EXPECTED_KIND[t]) kindMatches++;
        else problems.push(`${t}: ${e.kind} (expected ${EXPECTED_KIND[t]}): ${e.message}`);
      }
    }
    console.log(
      `wac-graph fail: rejected ${rejected}/${failing.length}, matching kind ${kindMatches}, wac's causes in our message ${wordingMatches}\n  ${wordingDiffers.join('\n  ')}`,
    );
    expect(problems).toEqual([]);
  });
});
