// `wit-ts check <path>`: parse and resolve, print every diagnostic.

import { decodeWasmPackage } from '@wit-ts/component';
import { checkPath } from '@wit-ts/wit-parser';
import { EXIT_INVALID, EXIT_OK } from '../exit.js';
import type { Output } from '../output.js';
import { requireExistingPath } from '../paths.js';

export interface CheckOptions {
  features?: string[];
  allFeatures?: boolean;
}

export function runCheck(path: string, options: CheckOptions, out: Output): number {
  requireExistingPath(path);
  const result = checkPath(path, { ...options, decodeWasmPackage });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  for (const diagnostic of result.diagnostics) {
    out.stderr(`${result.render(diagnostic, { color: out.color, help: true })}\n\n`);
  }
  if (errors > 0) {
    out.stderr(`${path}: ${errors} error${errors === 1 ? '' : 's'}\n`);
    return EXIT_INVALID;
  }
  const summary = result.summary;
  out.stdout(
    `ok: ${path} (${plural(summary.packages, 'package')}, ${plural(summary.interfaces, 'interface')}, ${plural(summary.worlds, 'world')})\n`,
  );
  return EXIT_OK;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
