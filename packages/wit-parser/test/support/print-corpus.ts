// The printer tests' view of the shared corpora: which cases exist and where.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
export const UI_DIR = join(CORPUS, 'wit-parser-ui');
export const INTERFACES_DIR = join(CORPUS, 'wit-component-interfaces');

/** Passing wit-parser ui cases: name → input path, with their `.wit.json`. */
export function uiCases(): { name: string; input: string; json: string }[] {
  return readdirSync(UI_DIR)
    .filter((f) => f.endsWith('.wit.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.wit.json'.length);
      const candidates = [join(UI_DIR, name), join(UI_DIR, `${name}.wit`), join(UI_DIR, `${name}.wat`)];
      const input = candidates.find((c) => existsSync(c)) ?? candidates[0];
      return { name, input, json: join(UI_DIR, f) };
    });
}

/**
 * wit-component interface cases: `X.wit` with `X.wit.print`, or a directory
 * `X/` with exactly one `X/<pkg>.wit.print`.
 */
export function interfaceCases(): { name: string; input: string; expected: string }[] {
  const out: { name: string; input: string; expected: string }[] = [];
  for (const entry of readdirSync(INTERFACES_DIR).sort()) {
    const path = join(INTERFACES_DIR, entry);
    if (statSync(path).isDirectory()) {
      const prints = readdirSync(path).filter((f) => f.endsWith('.wit.print'));
      if (prints.length !== 1) throw new Error(`${entry}: expected one .wit.print, found ${prints.length}`);
      out.push({ name: entry, input: path, expected: join(path, prints[0]) });
    } else if (entry.endsWith('.wit') && existsSync(`${path}.print`)) {
      out.push({ name: entry.slice(0, -4), input: path, expected: `${path}.print` });
    }
  }
  return out;
}
