// Binary → WIT on binaries we did not produce: jco (wasm-tools) assembles the
// expected `.wat` of every wit-component interfaces case, we decode it, and
// the canonical print must equal the expected `.wit.print`. (jco's own
// `componentWit` is compared in wit-jco-wit.test.ts: it can trap.)
import { parse } from '@bytecodealliance/jco';
import { printPackage } from '@wit-ts/wit-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWitPackage } from '../src/wit/index.js';
import { read, trimLines, witComponentCases } from './wit-support.js';

const cases = witComponentCases();
let equal = 0;

describe('decodeWitPackage(jco parse(.wat)) prints as .wit.print', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const bytes = await parse(read(c.wat));
      const decoded = decodeWitPackage(bytes);
      const ours = printPackage(decoded, decoded.main!);
      expect(trimLines(ours)).toBe(trimLines(read(c.print)));
      equal++;
    });
  }
  afterAll(() => {
    console.log(`wit-jco: ${equal}/${cases.length} .wit.print equal`);
  });
});
