import { componentEmbed } from '@bytecodealliance/jco-transpile/wasm-tools';
import { parseWit } from './packages/wit-parser/dist/source-map.js';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
function walk(d, out) { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) { if (!p.includes('parse-fail')) walk(p, out); } else if (p.endsWith('.wit')) out.push(p); } return out; }
const files = walk('/work/shared/corpus/wit-parser-ui', []).concat(walk('/work/shared/corpus/wasi/0.2.12', []));
const texts = files.map(f => readFileSync(f, 'utf8'));
let seed = Number(process.argv[2] ?? 1);
const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const INS = ['$', 'fooBar', 'foo_bar', '/*', '"', '\u202e', '\u0007', 'é', 'a--b', '%1', '\ufeff', '\r', '0.1', '@since(version = 1.0.0)', '@unstable(feature = x)', '@deprecated(version = 1.0.0)', 'list<u8, 4>', 'map<u8, u8>', 'borrow<x>', '@external-id("x")', '{', '}', '<', '>', '(', ')', ';', ',', ':', '/', '@', '%', '.', '=', '->', 'use', 'type', 'func', 'u32', 'x', 'interface', 'world', 'import', 'export', 'include', 'resource', 'static', 'async', 'constructor', 'list', 'result', '_', '1', '1.0.0', 'package', 'with', 'as', 'record', '*', '-', '+'];
const N = Number(process.argv[3] ?? 300);
let compared = 0, same = 0; const diffs = [];
for (let i = 0; i < N; i++) {
  const t = texts[rnd(texts.length)];
  const toks = t.match(/[A-Za-z0-9_%-]+|\s+|\/\/[^\n]*|./gs) ?? [];
  const sig = toks.map((x, j) => [x, j]).filter(([x]) => !/^\s+$/.test(x) && !x.startsWith('//'));
  if (!sig.length) continue;
  const [, j] = sig[rnd(sig.length)];
  const m = rnd(3);
  if (m === 0) toks.splice(j, 1); else if (m === 1) toks.splice(j, 0, ' ' + INS[rnd(INS.length)] + ' '); else toks.splice(j, 1, INS[rnd(INS.length)]);
  const src = toks.join('');
  const ours = parseWit(src).diagnostics[0]?.message;
  let theirs;
  try { await componentEmbed({ dummy: true, witSource: src }); theirs = undefined; } catch (e) { theirs = String(e.message ?? e).split('\n')[0]; }
  const syntaxLike = (s) => s && /^(Control|Input contains|Codepoint|expected |unexpected character|invalid character|identifiers must|type nesting|package nesting|unterminated|unknown attribute|cannot place|number too)/.test(s);
  if (!syntaxLike(ours) && !syntaxLike(theirs)) continue;
  compared++;
  if (ours === theirs) same++; else diffs.push({ ours, theirs, ctx: src.slice(Math.max(0, src.indexOf(toks[j] ?? '') - 0), 0) });
}
console.log(`compared ${compared}, same ${same}`);
const groups = new Map();
for (const d of diffs) { const k = `${d.ours}  ||  ${d.theirs}`; groups.set(k, (groups.get(k) ?? 0) + 1); }
for (const [k, n] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(n, k);
