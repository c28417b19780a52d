// WIT → binary: every wit-component interfaces case encoded by us and printed
// with jco (wasmprinter) must equal the expected `.wat` text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { print } from '@bytecodealliance/jco';
import { resolvePath } from '@wit-ts/wit-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWitPackage } from '../src/wit/index.js';
import { read, trimLines, witComponentCases } from './wit-support.js';

const cases = witComponentCases();
const PRODUCER = { name: 'wit-component', version: '$CARGO_PKG_VERSION' };
let equal = 0;

describe('encodeWitPackage vs wit-component .wat', () => {
  it('finds the 41 cases', () => expect(cases.length).toBe(41));
  for (const c of cases) {
    it(c.name, async () => {
      const resolve = resolvePath(c.input);
      const bytes = encodeWitPackage(resolve, resolve.main!, { producer: PRODUCER });
      const text = await print(bytes);
      if (process.env.WIT_DUMP) {
        mkdirSync('/tmp/wit-dump', { recursive: true });
        writeFileSync(`/tmp/wit-dump/${c.name}.wat`, text);
      }
      expect(trimLines(text)).toBe(trimLines(read(c.wat)));
      equal++;
    });
  }
  afterAll(() => console.log(`wit-encode: ${equal}/${cases.length} .wat equal`));
});
