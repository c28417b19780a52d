// File-system checks done before handing a path to the parser, so a missing
// file is a one-line usage error (exit 2) rather than a diagnostic.

import { statSync } from 'node:fs';
import { UsageError } from './exit.js';

export function requireExistingPath(path: string): 'file' | 'dir' {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`no such file or directory: ${path}`);
  }
  return stat.isDirectory() ? 'dir' : 'file';
}

/** `--features a,b --features c` → ['a', 'b', 'c']. */
export function collectFeatures(value: string, previous: string[] = []): string[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return [...previous, ...names];
}
