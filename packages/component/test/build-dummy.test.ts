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
import { CORPUS, normalizeWs, runOracle, witInputs, type OracleCase, type OracleResult } from './build-support.js';

interface Case extends OracleCase {
  bytes?: Uint8Array;
  buildError?: string;
}

const cases: Case[] = [];
const outDir = mkdtempSync(join(tmpdir(), 'wit-ts-build-dummy-'));
for (const [corpus, allFeatures] of [
  ['wit-component-interfaces', false],
  ['wit-bindgen-codegen', true],
] as const) {
  for (const input of witInputs(join(CORPUS, corpus))) {
    let resolve;
    try {
      resolve = resolvePath(input, { allFeatures });
    } catch {
      continue; // not a resolvable package on its own (e.g. a deps-only folder)
    }
    if (resolve.main === undefined) continue;
    for (const [world, id] of resolve.packages[resolve.main].worlds) {
      const c: Case = { id: `${corpus}/${basename(input)}:${world}`, witPath: input, world, allFeatures, ours: null };
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
const counts = { cases: 0, built: 0, valid: 0, validModuloJco: 0, transpiled: 0, witEqual: 0, jcoFailed: 0 };

beforeAll(() => {
  oracle = runOracle(cases);
}, 600_000);

afterAll(() => {
  console.log(`[build-dummy] ${JSON.stringify(counts)}`);
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
      const jcoIssues = o.jcoComponent === undefined ? [] : validateComponent(decodeComponent(Buffer.from(o.jcoComponent, 'base64'))).map((i) => i.message);
      const unexplained = issues.filter((m) => !jcoIssues.includes(m));
      expect(unexplained).toEqual([]);
      counts.validModuloJco++;
      if (!jcoOk) return;
      expect(o.transpiled, o.error).toBe(true);
      counts.transpiled++;
      expect(normalizeWs(o.oursWit!)).toBe(normalizeWs(o.jcoWit!));
      counts.witEqual++;
    });
  }
});
