import { parse } from '@bytecodealliance/jco';
import { test } from 'vitest';
import { decodeComponent, validateComponent } from '../src/index.js';
import { assembleCorpus } from './support/corpus.js';
test('s', async () => {
  const c = await assembleCorpus(parse);
  for (const s of c.wastInvalid) {
    let m = '';
    try { const i = validateComponent(decodeComponent(s.bytes)); m = i.length ? i[0].message : 'VALID'; } catch (e) { m = 'DECODE ' + (e as Error).message; }
    if (m === 'VALID') console.log(`MISS ${s.name} | ${s.message}`);
  }
});
