import { print } from '@bytecodealliance/jco';
import { resolvePath } from '@wit-ts/wit-parser';
import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { decodeWitPackage, encodeWitPackage } from '../src/wit/index.js';
it('x', async () => {
  const r = resolvePath('/work/shared/corpus/wit-component-interfaces/wasi-http');
  const b = encodeWitPackage(r, r.main!);
  const d = decodeWitPackage(b);
  writeFileSync('/tmp/a.wat', await print(b));
  writeFileSync('/tmp/b.wat', await print(encodeWitPackage(d, d.main!)));
});
