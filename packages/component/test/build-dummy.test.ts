// `embed --dummy` + `new` for every world of the wit-component interface
// corpus and of the wit-bindgen codegen corpus: our component must validate
// (with our validator), be accepted by jco's `transpile`, and describe the
// same WIT as jco's own `embed --dummy` + `new` (compared with `componentWit`,
// whitespace-normalised). jco runs in a child process (build-oracle.mjs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { resolvePath } from '@wit-ts/wit-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeComponent } from '../src/decode-component.js';
import { validateComponent } from '../src/validate/index.js';
import { componentNew, embedComponentType } from '../src/build/index.js';
import {
  CORPUS,
  importShapes,
  normalizeWs,
  runOracle,
  witInputs,
  type OracleCase,
  type OracleResult,
} from './build-support.js';

interface Case extends OracleCase {
  bytes?: Uint8Array;
  buildError?: string;
}

const cases: Case[] = [];
const unresolvable: string[] = [];
const outDir = mkdtempSync(join(tmpdir(), 'wit-ts-build-dummy-'));
for (const [corpus, allFeatures, inputs] of [
  ['wit-component-interfaces', false, witInputs(join(CORPUS, 'wit-component-interfaces'))],
  ['wit-bindgen-codegen', true, witInputs(join(CORPUS, 'wit-bindgen-codegen'))],
  ['wasi', false, [join(CORPUS, 'wasi/0.2.12/wit'), join(CORPUS, 'wasi/0.3.0/wit')]],
] as const) {
  for (const input of inputs) {
    let resolve;
    try {
      resolve = resolvePath(input, { allFeatures });
    } catch {
      unresolvable.push(input); // not a resolvable package on its own
      continue;
    }
    if (resolve.main === undefined) continue;
    for (const [world, id] of resolve.packages[resolve.main].worlds) {
      const c: Case = {
        id: `${corpus}/${corpus === 'wasi' ? input.split('/').slice(-2).join('/') : basename(input)}:${world}`,
        witPath: input,
        world,
        allFeatures,
        ours: null,
      };
      try {
        c.bytes = componentNew(embedComponentType(undefined, resolve, id, { dummy: true }));
        c.ours = join(outDir, `${cases.length}.wasm`);
        writeFileSync(c.ours, c.bytes);
      } catch (e) {
        c.buildError = (e as Error).message;
      }
      cases.push(c);
    }
  }
}

let oracle = new Map<string, OracleResult>();
const counts = {
  cases: 0,
  built: 0,
  valid: 0,
  validModuloJco: 0,
  transpiled: 0,
  witEqual: 0,
  jcoFailed: 0,
  stdNames: 0,
  stdNamesWitEqual: 0,
  importShapesEqual: 0,
};

// Phase 2: jco's dummy modules use the standard `cm32p2|…` names; our `new`
// must turn those into the same WIT too.
const std = new Map<string, { bytes?: Uint8Array; error?: string }>();
let stdOracle = new Map<string, OracleResult>();

beforeAll(() => {
  oracle = runOracle(cases);
  const phase2: OracleCase[] = [];
  for (const c of cases) {
    const o = oracle.get(c.id);
    if (o?.jcoEmbedded === undefined) continue;
    try {
      const bytes = componentNew(Buffer.from(o.jcoEmbedded, 'base64'));
      const path = join(outDir, `std-${phase2.length}.wasm`);
      writeFileSync(path, bytes);
      std.set(c.id, { bytes });
      phase2.push({ ...c, ours: path, skipJco: true });
    } catch (e) {
      std.set(c.id, { error: (e as Error).message });
    }
  }
  stdOracle = runOracle(phase2);
}, 600_000);

afterAll(() => {
  console.log(`[build-dummy] ${JSON.stringify(counts)}`);
  console.log(
    `[build-dummy] inputs our resolver rejects: ${unresolvable.length}; cases jco refused: ${cases
      .filter((c) => oracle.get(c.id)?.jcoWit === undefined)
      .map((c) => `${c.id} (${oracle.get(c.id)?.error?.slice(0, 120)})`)
      .join('; ')}`,
  );
});

describe('embed --dummy + new over the corpora', () => {
  for (const c of cases) {
    it(c.id, () => {
      counts.cases++;
      const o = oracle.get(c.id)!;
      const jcoOk = o.jcoWit !== undefined;
      if (!jcoOk) counts.jcoFailed++;
      if (c.bytes === undefined) {
        // We may only refuse what jco refuses too.
        expect(jcoOk, `we failed (${c.buildError}) but jco built it`).toBe(false);
        return;
      }
      counts.built++;
      const issues = validateComponent(decodeComponent(c.bytes)).map((i) => i.message);
      if (issues.length === 0) counts.valid++;
      // Known validator false positives also hit jco's own output: tolerate exactly those.
      const jcoIssues =
        o.jcoComponent === undefined
          ? []
          : validateComponent(decodeComponent(Buffer.from(o.jcoComponent, 'base64'))).map((i) => i.message);
      const unexplained = issues.filter((m) => !jcoIssues.includes(m));
      expect(unexplained).toEqual([]);
      counts.validModuloJco++;
      if (!jcoOk) return;
      expect(o.transpiled, o.error).toBe(true);
      counts.transpiled++;
      expect(normalizeWs(o.oursWit!)).toBe(normalizeWs(o.jcoWit!));
      counts.witEqual++;
      expect(importShapes(c.bytes)).toEqual(importShapes(Buffer.from(o.jcoComponent!, 'base64')));
      counts.importShapesEqual++;
    });
    it(`${c.id} (jco's dummy module, standard names)`, () => {
      const o = oracle.get(c.id)!;
      if (o.jcoEmbedded === undefined) return;
      counts.stdNames++;
      const s = std.get(c.id)!;
      expect(s.error).toBeUndefined();
      const issues = validateComponent(decodeComponent(s.bytes!)).map((i) => i.message);
      const jcoIssues =
        o.jcoComponent === undefined
          ? []
          : validateComponent(decodeComponent(Buffer.from(o.jcoComponent, 'base64'))).map((i) => i.message);
      expect(issues.filter((m) => !jcoIssues.includes(m))).toEqual([]);
      const so = stdOracle.get(c.id)!;
      expect(so.transpiled, so.error).toBe(true);
      expect(normalizeWs(so.oursWit!)).toBe(normalizeWs(o.jcoWit!));
      counts.stdNamesWitEqual++;
    });
  }
});
