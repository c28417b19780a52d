// File-system access for directory and file resolution, looked up at run
// time instead of imported: `@wit-ts/wit-parser` must bundle for browsers
// (the engine depends on it), where only in-memory sources exist. Node ≥ 20.16
// exposes built-ins through `process.getBuiltinModule`.

import type * as NodeFs from 'node:fs';

type Fs = Pick<typeof NodeFs, 'readdirSync' | 'readFileSync' | 'statSync'>;

let cached: Fs | undefined;

export function hostFs(): Fs {
  if (cached !== undefined) return cached;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (fs === undefined) {
    throw new Error('reading WIT from the file system needs Node.js (>= 20.16); in a browser use resolveSource');
  }
  cached = fs;
  return fs;
}
