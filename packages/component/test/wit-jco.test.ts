// Binary → WIT on binaries we did not produce: jco (wasm-tools) assembles the
// expected `.wat` of every wit-component interfaces case, we decode it, and
// the canonical print must equal the expected `.wit.print`. (jco's own
// `componentWit` is compared in wit-jco-wit.test.ts: it can trap.)
import { parse } from '@bytecodealliance/jco';
import { printPackage } from '@wit-ts/wit-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWasm, decodeWitPackage } from '../src/wit/index.js';
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
      expect(decodeWasm(bytes).kind).toBe('package');
    });
  }
  afterAll(() => {
    console.log(`wit-jco: ${equal}/${cases.length} .wit.print equal`);
  });
});

describe('the v1 package encoding (one `ns:pkg/wit` export)', () => {
  it('decodes interfaces, foreign uses and worlds', async () => {
    const bytes = await parse(`(component
  (type (;0;)
    (component
      (type (;0;) (instance (type (;0;) (record (field "a" u32))) (export (;1;) "r" (type (eq 0)))))
      (import "x:dep/types" (instance (;0;) (type 0)))
      (alias export 0 "r" (type (;1;)))
      (type (;2;)
        (instance
          (alias outer 1 1 (type (;0;)))
          (export (;1;) "r" (type (eq 0)))
          (type (;2;) (func (param "r" 1)))
          (export (;0;) "f" (func (type 2)))
        )
      )
      (export (;1;) "a:b/iface" (instance (type 2)))
      (type (;3;) (component (type (;0;) (func)) (import "run" (func (type 0)))))
      (export (;0;) "a:b/w" (component (type 3)))
    )
  )
  (export (;1;) "a:b/wit" (type 0))
)`);
    const decoded = decodeWitPackage(bytes);
    expect(printPackage(decoded, decoded.main!)).toBe(
      'package a:b;\n\ninterface iface {\n  use x:dep/types.{r};\n\n  f: func(r: r);\n}\n\nworld w {\n  import run: func();\n}\n',
    );
  });
});
