import { parse } from '@bytecodealliance/jco';
import { readFileSync } from 'node:fs';
import { decodeComponent, encodeComponent, decodeCoreModule, encodeCoreModule, binaryKind } from '../src/index.js';
import { witComponentWats, shippedWasm, listFiles, wastModules, binaryForm } from './support/corpus.js';
function eq(a: Uint8Array, b: Uint8Array) { if (a.length !== b.length) return false; for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false; return true; }
function firstDiff(a: Uint8Array, b: Uint8Array) { for (let i = 0; i < Math.min(a.length,b.length); i++) if (a[i] !== b[i]) return i; return Math.min(a.length,b.length); }
function rt(name: string, bytes: Uint8Array) {
  try {
    const k = binaryKind(bytes);
    let out;
    if (k === 'module') out = encodeCoreModule(decodeCoreModule(bytes));
    else out = encodeComponent(decodeComponent(bytes, { eagerModules: true }));
    if (!eq(out, bytes)) { console.log('MISMATCH', name, bytes.length, out.length, 'at', firstDiff(out, bytes).toString(16)); return false; }
    return true;
  } catch (e) { console.log('ERR', name, (e as Error).message); return false; }
}
import { test } from 'vitest';
test('scratch', async () => {
let ok = 0, tot = 0;
let pe=0; for (const w of witComponentWats()) { let b; try { b = await parse(w.text); } catch (e) { pe++; console.log('PARSEERR', w.name, String(e).slice(0,200)); continue; } tot++; if (rt(w.name, b)) ok++; }
console.log('parse errors', pe);
console.log('wit-component', ok, tot);
ok = 0; tot = 0;
for (const f of shippedWasm()) { tot++; const t0 = performance.now(); if (rt(f, readFileSync(f))) ok++; console.log(f.split('/').pop(), (performance.now()-t0).toFixed(1)); }
console.log('shipped', ok, tot);
ok = 0; tot = 0; let perr = 0;
for (const f of listFiles('/work/shared/corpus/component-model-tests', '.wast')) {
  for (const m of wastModules(f)) {
    if (m.kind !== 'valid') continue;
    let b: Uint8Array;
    try { b = binaryForm(m.text) ?? await parse(m.text); } catch (e) { perr++; console.log('WPE', f.split('/').slice(-2).join('/'), m.index, String(e).replace(/\s+/g,' ').slice(0,300)); continue; }
    tot++; if (rt(f + '#' + m.index, b)) ok++;
  }
}
console.log('wast', ok, tot, 'parse errors', perr);

});
