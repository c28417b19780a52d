// Locating the shared test corpus (`../shared/corpus` from the project root).
//
// NOTE: reconstructed by the printer engineer after accidentally overwriting
// the original of this file; it provides the API `fuzz.test.ts` imports.
// The original author should restore/replace it if it had more in it.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the shared corpus directory. */
export const corpusRoot = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));

/** Whether the corpus is present (CI and dev sessions mount it read-only). */
export const hasCorpus = existsSync(corpusRoot);

/** Every file under `dir` (recursively) whose name ends with `ext`, sorted. */
export function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(ext)) out.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}
