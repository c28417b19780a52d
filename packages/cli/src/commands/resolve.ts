// `wit-ts resolve <path> [--json]`: resolve a WIT file or directory (with
// its deps/) and print it as wasm-tools JSON or as canonical WIT.

import { resolvePathWithBinaries } from '@wit-ts/component';
import { printResolve, toWasmToolsJson } from '@wit-ts/wit-parser';
import { EXIT_OK } from '../exit.js';
import type { Output } from '../output.js';
import { requireExistingPath } from '../paths.js';

export interface ResolveOptions {
  json?: boolean;
  features?: string[];
  allFeatures?: boolean;
}

export function runResolve(path: string, options: ResolveOptions, out: Output): number {
  requireExistingPath(path);
  const resolve = resolvePathWithBinaries(path, { features: options.features, allFeatures: options.allFeatures });
  if (options.json) {
    out.stdout(`${JSON.stringify(toWasmToolsJson(resolve), null, 2)}\n`);
  } else {
    out.stdout(printResolve(resolve));
  }
  return EXIT_OK;
}
