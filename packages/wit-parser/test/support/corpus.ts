// Locations of the shared test corpora (../shared, next to the repo; read
// in place, never copied) and helpers to list their files.

import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
export const sharedRoot = resolve(repoRoot, '..', 'shared');
export const corpusRoot = join(sharedRoot, 'corpus');
export const hasCorpus = existsSync(corpusRoot);

/** Every file under `dir` whose name ends with `ext`, sorted, recursively. */
export function filesUnder(dir: string, ext: string, skip: (path: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (skip(full)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(ext)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}
