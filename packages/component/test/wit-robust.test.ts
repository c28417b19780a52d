// Robustness and lower-level round trips of the WIT ↔ binary layer:
// - world component types (`encodeWorld`) decode back (`decodeWorldType`) and
//   re-encode to the same type;
// - mutated package binaries either decode or fail with a decode error,
//   never with anything else.
import { resolvePath } from '@wit-ts/wit-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { DecodeError } from '../src/errors.js';
import { decodeWitPackage, decodeWorldType, encodeWitPackage, encodeWorld, WitDecodeError } from '../src/wit/index.js';
import { witComponentCases } from './wit-support.js';

const cases = witComponentCases();

describe('encodeWorld ↔ decodeWorldType', () => {
  let worlds = 0;
  for (const c of cases) {
    it(c.name, () => {
      const r = resolvePath(c.input);
      const pkg = r.packages[r.main!];
      for (const [name, id] of pkg.worlds) {
        const ty = encodeWorld(r, id);
        const back = decodeWorldType(ty, pkg.name, name);
        expect(encodeWorld(back.resolve, back.world)).toEqual(ty);
        worlds++;
      }
    });
  }
  afterAll(() => console.log(`wit-robust: ${worlds} world types round-trip`));
});

describe('mutated package binaries', () => {
  it('decode or fail with a decode error', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let decoded = 0;
    let rejected = 0;
    for (const c of cases) {
      const r = resolvePath(c.input);
      const bytes = encodeWitPackage(r, r.main!);
      for (let i = 0; i < 150; i++) {
        const m = bytes.slice();
        const edits = 1 + rand(3);
        for (let k = 0; k < edits; k++) m[8 + rand(m.length - 8)] = rand(256);
        try {
          decodeWitPackage(m);
          decoded++;
        } catch (e) {
          if (!(e instanceof DecodeError || e instanceof WitDecodeError)) {
            throw new Error(`${c.name} mutation ${i}: unexpected ${String(e)}`);
          }
          rejected++;
        }
      }
    }
    console.log(`wit-robust: ${decoded} mutated binaries decoded, ${rejected} rejected with a decode error`);
  });
});
