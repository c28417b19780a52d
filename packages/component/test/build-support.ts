// Helpers for the build tests: corpus cases and the jco oracle (child process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS = '/work/shared/corpus';

/** `.wit` files and package directories directly under `dir`. */
export function witInputs(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .filter((e) => e.endsWith('.wit') || statSync(join(dir, e)).isDirectory())
    .map((e) => join(dir, e));
}

export interface OracleCase {
  id: string;
  witPath: string;
  world: string;
  allFeatures: boolean;
  /** Path of our component, or null when we failed to build one. */
  ours: string | null;
}

export interface OracleResult {
  id: string;
  oursWit?: string;
  transpiled?: boolean;
  jcoWit?: string;
  jcoComponent?: string;
  error?: string;
}

const ORACLE = fileURLToPath(new URL('./build-oracle.mjs', import.meta.url));

/** Runs the oracle over `cases`, restarting after every jco failure. */
export function runOracle(cases: OracleCase[]): Map<string, OracleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wit-ts-build-oracle-'));
  const file = join(dir, 'cases.json');
  writeFileSync(file, JSON.stringify(cases));
  const results = new Map<string, OracleResult>();
  let next = 0;
  while (next < cases.length) {
    const r = spawnSync(process.execPath, [ORACLE, file, String(next)], { encoding: 'utf8', maxBuffer: 1 << 30, cwd: fileURLToPath(new URL('../../..', import.meta.url)) });
    let last = next - 1;
    for (const line of r.stdout.split('\n')) {
      if (line.trim() === '') continue;
      const o = JSON.parse(line) as OracleResult & { index: number };
      results.set(o.id, o);
      last = o.index;
    }
    if (r.status === 0) break;
    if (last < next) {
      // crashed before reporting: record and skip the case
      results.set(cases[next].id, { id: cases[next].id, error: `oracle crashed: ${r.stderr.slice(0, 500)}` });
      last = next;
    }
    next = last + 1;
  }
  return results;
}

export const normalizeWs = (s: string) => s.replace(/[ \t]+$/gm, '').replace(/\n{2,}/g, '\n\n').trim();
