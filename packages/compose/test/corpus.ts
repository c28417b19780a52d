// Test helpers: the wac-tests corpus with its `.wat` dependencies assembled
// by jco (we have no text assembler) into a programmatic `deps` map.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import type { DependencySource } from '@wit-ts/compose';
import { CORPUS } from '../../../test-support/shared.js';

export const TESTS = `${CORPUS}/wac-tests/crates/wac-parser/tests`;

export function wacFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wac'))
    .sort();
}

/** `<dir>/<test>/<ns>/<pkg>.{wat,wasm,wit}` or `<ns>/<pkg>/` → deps map. */
export async function depsFor(dir: string, test: string): Promise<Record<string, DependencySource>> {
  const root = join(dir, test);
  const deps: Record<string, DependencySource> = {};
  if (!existsSync(root)) return deps;
  for (const ns of readdirSync(root)) {
    const nsDir = join(root, ns);
    if (!statSync(nsDir).isDirectory()) continue;
    for (const entry of readdirSync(nsDir)) {
      const p = join(nsDir, entry);
      const name = entry.replace(/\.(wat|wasm|wit)$/, '');
      if (entry.endsWith('.wat')) {
        try {
          deps[`${ns}:${name}`] = await parse(readFileSync(p, 'utf8'));
        } catch {
          deps[`${ns}:${name}`] = new TextEncoder().encode(readFileSync(p, 'utf8'));
        }
      } else deps[`${ns}:${name}`] = p;
    }
  }
  return deps;
}
