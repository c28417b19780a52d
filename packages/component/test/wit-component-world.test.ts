// decodeComponentWorld: the world of actual components. jco (wasm-tools)
// builds a dummy component for every world of the wit-component interfaces
// cases, wit-bindgen's codegen corpus and WASI 0.2 (`componentEmbed --dummy`
// + `componentNew`); our decoded world must
// print exactly as jco's own `componentWit` of the same component.
import { componentEmbed, componentNew, componentWit } from '@bytecodealliance/jco';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { escapeName, printPackage, resolvePath } from '@wit-ts/wit-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { DecodeError } from '../src/errors.js';
import { decodeComponentWorld, decodeWasm, WitDecodeError } from '../src/wit/index.js';
import { trimLines, witComponentCases } from './wit-support.js';
import { CORPUS } from '../../../test-support/shared.js';

interface WorldCase {
  name: string;
  input: string;
  world: string;
}

const worlds: WorldCase[] = [];
const C = CORPUS;
const inputs = [
  ...witComponentCases().map((c) => ({ name: c.name, input: c.input })),
  ...readdirSync(join(C, 'wit-bindgen-codegen'))
    .filter((n) => n.endsWith('.wit'))
    .sort()
    .map((n) => ({ name: `codegen/${n}`, input: join(C, 'wit-bindgen-codegen', n) })),
  { name: 'wasi-0.2.12', input: join(C, 'wasi/0.2.12/wit') },
];
for (const c of inputs) {
  const r = resolvePath(c.input);
  for (const w of r.packages[r.main!].worlds.keys()) worlds.push({ name: `${c.name}/${w}`, input: c.input, world: w });
}

let built = 0;
let equal = 0;
const unbuildable: string[] = [];

describe('decodeComponentWorld vs jco componentWit', () => {
  for (const w of worlds) {
    it(w.name, async () => {
      let component: Uint8Array;
      let expected: string;
      try {
        const embedded = await componentEmbed({ dummy: true, witPath: w.input, world: escapeName(w.world) });
        component = await componentNew(embedded);
        expected = await componentWit(component);
      } catch (e) {
        // jco could not build this one (after a Rust panic the instance stays poisoned).
        unbuildable.push(`${w.name}: ${String(e).slice(0, 60)}`);
        return;
      }
      built++;
      const { resolve } = decodeComponentWorld(component);
      expect(decodeWasm(component).kind).toBe('component');
      expect(trimLines(printPackage(resolve, resolve.main!))).toBe(trimLines(expected));
      equal++;
      // Mutated copies decode or fail with a decode error, never anything else.
      let seed = component.length;
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      for (let i = 0; i < 20; i++) {
        const m = component.slice();
        m[8 + rand(m.length - 8)] = rand(256);
        try {
          decodeWasm(m);
        } catch (e) {
          if (!(e instanceof DecodeError || e instanceof WitDecodeError))
            throw new Error(`mutation ${i}: unexpected ${String(e)}`);
        }
      }
    });
  }
  afterAll(() => {
    console.log(
      `wit-component-world: ${equal}/${built} worlds print like jco componentWit (${worlds.length} worlds, ${unbuildable.length} not buildable by jco)`,
    );
    if (unbuildable.length > 0) console.log(unbuildable.join('\n'));
  });
});
