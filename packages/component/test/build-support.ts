// Helpers for the build tests: corpus cases and the jco oracle (child process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeComponent } from '../src/decode-component.js';
import type { DefType } from '../src/model.js';
import { CORPUS } from '../../../test-support/shared.js';

export { CORPUS };

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
  /** Only run jco on our component (no jco embed/new). */
  skipJco?: boolean;
}

export interface OracleResult {
  id: string;
  oursWit?: string;
  transpiled?: boolean;
  jcoWit?: string;
  jcoComponent?: string;
  /** jco's `embed --dummy` output (standard `cm32p2` names), base64. */
  jcoEmbedded?: string;
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
    const r = spawnSync(process.execPath, [ORACLE, file, String(next)], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    });
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

export const normalizeWs = (s: string) =>
  s
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{2,}/g, '\n\n')
    .trim();

/**
 * For each component import: its name and, for instances, the sorted export
 * names of its instance type (functions and types). `componentWit` prints
 * foreign interfaces by name only, so this is what shows which functions and
 * types of an imported interface were kept.
 */
export function importShapes(bytes: Uint8Array): string[] {
  const c = decodeComponent(bytes);
  const types: (DefType | null)[] = [];
  const out: string[] = [];
  for (const s of c.sections) {
    if (s.kind === 'type') for (const t of s.items) types.push(t.type);
    else if (s.kind === 'alias') {
      for (const a of s.items) if (a.sort === 'type') types.push(null);
    } else if (s.kind === 'export') {
      for (const e of s.items) if (e.sort === 'type') types.push(null);
    } else if (s.kind === 'import') {
      for (const i of s.items) {
        if (i.type.kind === 'type') types.push(null);
        if (i.type.kind === 'instance') {
          const t = types[i.type.type];
          const names =
            t !== null && t !== undefined && t.kind === 'instance'
              ? t.decls.flatMap((d) => (d.kind === 'export' ? [d.name.name] : [])).sort()
              : ['?'];
          out.push(`${i.name.name} {${names.join(', ')}}`);
        } else out.push(i.name.name);
      }
    }
  }
  return out;
}
