// Binary → WIT: our encoding of every wit-component interfaces case decodes
// back to a package whose canonical print equals the expected `.wit.print`.
import { printPackage, resolvePath, type Resolve } from '@wit-ts/wit-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeComponent } from '../src/encode-component.js';
import { decodeWitPackage, encodeWitPackage, witPackageComponent } from '../src/wit/index.js';
import { read, trimLines, witComponentCases } from './wit-support.js';

const cases = witComponentCases();
let equal = 0;
let typesEqual = 0;
let bytesEqual = 0;

/** The package binary without its `package-docs` section. */
function typesOnly(r: Resolve, pkg: number): Buffer {
  const c = witPackageComponent(r, pkg);
  c.sections = c.sections.filter((s) => !(s.kind === 'custom' && s.name === 'package-docs'));
  return Buffer.from(encodeComponent(c));
}

describe('decodeWitPackage(encodeWitPackage(x)) prints as .wit.print', () => {
  for (const c of cases) {
    it(c.name, () => {
      const resolve = resolvePath(c.input);
      const bytes = encodeWitPackage(resolve, resolve.main!);
      const decoded = decodeWitPackage(bytes);
      expect(trimLines(printPackage(decoded, decoded.main!))).toBe(trimLines(read(c.print)));
      equal++;
      // Re-encoding the decoded package gives the same types. (The docs JSON
      // may list functions in another order: the binary puts resource
      // functions first, so the source order of functions is not recoverable.)
      expect(typesOnly(decoded, decoded.main!).equals(typesOnly(resolve, resolve.main!))).toBe(true);
      typesEqual++;
      if (Buffer.from(encodeWitPackage(decoded, decoded.main!)).equals(Buffer.from(bytes))) bytesEqual++;
    });
  }
  afterAll(() =>
    console.log(
      `wit-decode: ${equal}/${cases.length} .wit.print equal; re-encode: ${typesEqual}/${cases.length} same types, ${bytesEqual}/${cases.length} byte-identical`,
    ),
  );
});
