// Test helpers for the WIT ↔ binary tests: the wit-component interface cases.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../../../test-support/shared.js';

export const INTERFACES = `${CORPUS}/wit-component-interfaces`;

export interface WitCase {
  name: string;
  /** The `.wit` file or the package directory. */
  input: string;
  wat: string;
  print: string;
}

/** All cases: `X.wit` or directory `X/`, with `X.wat` and the `.wit.print` beside them. */
export function witComponentCases(): WitCase[] {
  const out: WitCase[] = [];
  for (const entry of readdirSync(INTERFACES).sort()) {
    const path = join(INTERFACES, entry);
    if (statSync(path).isDirectory()) {
      const print = readdirSync(path).find((f) => f.endsWith('.wit.print'));
      if (print === undefined) continue;
      out.push({ name: entry, input: path, wat: join(INTERFACES, `${entry}.wat`), print: join(path, print) });
    } else if (entry.endsWith('.wit')) {
      const name = entry.slice(0, -4);
      out.push({
        name,
        input: path,
        wat: join(INTERFACES, `${name}.wat`),
        print: join(INTERFACES, `${name}.wit.print`),
      });
    }
  }
  return out.filter((c) => existsSync(c.wat) && existsSync(c.print));
}

export const read = (p: string) => readFileSync(p, 'utf8');
export const trimLines = (s: string) => s.replace(/[ \t]+$/gm, '').replace(/\s+$/, '') + '\n';
