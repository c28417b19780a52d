// `wit-ts compose <file.wac>` and `wit-ts plug <socket> --plug <a> …`:
// link components into one new component.

import { readFileSync } from 'node:fs';
import { printComponent } from '@wit-ts/component';
import { compose, plug } from '@wit-ts/compose';
import { EXIT_OK, UsageError } from '../exit.js';
import type { Output } from '../output.js';
import { requireExistingPath } from '../paths.js';
import { writeFileAtomic } from '../write-file.js';

export interface ComposeFlags {
  depsDir?: string;
  dep?: string[];
  importDependencies?: boolean;
  /** Print the composed component as text instead of writing binary. */
  wat?: boolean;
  output?: string;
}

function writeComponent(bytes: Uint8Array, flags: { output?: string; wat?: boolean }, out: Output): void {
  const output = flags.output;
  if (flags.wat === true) {
    const text = printComponent(bytes);
    if (output === undefined) out.stdout(text);
    else writeFileAtomic(output, text);
    return;
  }
  if (output === undefined) {
    if (process.stdout.isTTY) throw new UsageError('refusing to write binary to a terminal; pass -o <file>');
    out.stdout(Buffer.from(bytes).toString('latin1'));
  } else {
    writeFileAtomic(output, bytes);
  }
}

/** `--dep ns:pkg=path` → { 'ns:pkg': path }. */
function parseDeps(specs: string[]): Record<string, string> {
  const deps: Record<string, string> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) throw new UsageError(`--dep ${spec}: expected ns:pkg=path`);
    const path = spec.slice(eq + 1);
    requireExistingPath(path);
    deps[spec.slice(0, eq)] = path;
  }
  return deps;
}

export function runCompose(path: string, flags: ComposeFlags, out: Output): number {
  requireExistingPath(path);
  if (flags.depsDir !== undefined) requireExistingPath(flags.depsDir);
  const bytes = compose({
    source: readFileSync(path, 'utf8'),
    path,
    deps: parseDeps(flags.dep ?? []),
    depsDir: flags.depsDir,
    importDependencies: flags.importDependencies,
  });
  writeComponent(bytes, flags, out);
  return EXIT_OK;
}

export interface PlugFlags {
  plug?: string[];
  wat?: boolean;
  output?: string;
}

export function runPlug(socketPath: string, flags: PlugFlags, out: Output): number {
  requireExistingPath(socketPath);
  const plugs = flags.plug ?? [];
  if (plugs.length === 0) throw new UsageError('pass at least one --plug <component.wasm>');
  const read = (p: string) => {
    requireExistingPath(p);
    return new Uint8Array(readFileSync(p));
  };
  writeComponent(plug(read(socketPath), plugs.map(read)), flags, out);
  return EXIT_OK;
}
