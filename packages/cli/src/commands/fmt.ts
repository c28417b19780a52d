// `wit-ts fmt <file|dir> [--check]`: format WIT files in place from their
// CST (comments and blank-line grouping kept). With --check nothing is
// written: files that would change are listed and the exit code is 1.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatWit } from '@wit-ts/wit-parser';
import { EXIT_INVALID, EXIT_OK } from '../exit.js';
import type { Output } from '../output.js';
import { requireExistingPath } from '../paths.js';
import { writeFileAtomic } from '../write-file.js';

export interface FmtOptions {
  check?: boolean;
}

export function runFmt(path: string, options: FmtOptions, out: Output): number {
  const kind = requireExistingPath(path);
  const files = kind === 'dir' ? witFilesUnder(path) : [path];
  let invalid = 0;
  const changed: string[] = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const result = formatWit(source, file);
    if (result.text === undefined) {
      invalid++;
      for (const diagnostic of result.diagnostics) {
        out.stderr(`${result.render(diagnostic, { color: out.color })}\n\n`);
      }
      continue;
    }
    if (result.text === source) continue;
    changed.push(file);
    if (!options.check) writeFileAtomic(file, result.text);
  }
  if (options.check) {
    for (const file of changed) out.stdout(`${file}\n`);
    if (changed.length > 0) {
      out.stderr(`${changed.length} file${changed.length === 1 ? '' : 's'} would be reformatted\n`);
    }
  } else if (changed.length > 0) {
    out.stdout(`formatted ${changed.length} of ${files.length} file${files.length === 1 ? '' : 's'}\n`);
  }
  if (invalid > 0) return EXIT_INVALID;
  return options.check && changed.length > 0 ? EXIT_INVALID : EXIT_OK;
}

/** Every `.wit` file under `dir`, sorted, recursing into deps/ too. */
function witFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.wit')) found.push(full);
    }
  };
  walk(dir);
  return found;
}
