// Composition benchmark (fixtures/compose owner). Run after `tsc -b`:
//   node bench/compose.bench.mjs      (BENCH_TIME=ms per measurement, default 300)
//
// 1. Composition time for 50 generated components (dummy bodies from
//    `embedComponentType(…, { dummy: true })` + `componentNew`):
//    - chain:  c_k imports bench:chain/iface-{k-1} and exports bench:chain/iface-{k}
//    - fan-in: 49 leaves export bench:fan/iface-{k}; a hub imports all 49
//    composed with WAC (`compose`) and, for the fan-in, with `plug`. Target < 1 s each.
// 2. The cost of one cross-component call in a composed component (caller ->
//    callee, both tiny WAT core modules assembled by jco `parse`, wrapped with
//    our embed/new, composed by WAC) on our engine vs jco `transpile`:
//    ns/op of `call-add` (host -> caller -> callee), `local-add` (host ->
//    caller only) and their difference, plus string arguments (16 chars and
//    1 KiB), a string result and a 1000-element list<u32> argument.
// No assertions: it prints a table (and whether the < 1 s target is met).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, transpile } from '@bytecodealliance/jco';
import { resolveSource } from '../packages/wit-parser/dist/index.js';
import {
  componentNew,
  embedComponentType,
  validateComponent,
  decodeComponent,
} from '../packages/component/dist/index.js';
import { compose, plug } from '../packages/compose/dist/index.js';
import { instantiate } from '../packages/runtime/dist/index.js';

const TIME = Number(process.env.BENCH_TIME ?? 300);
const N = 50;

/** Components for every world of `wit` (by world name). */
function buildAll(wit, path) {
  const resolve = resolveSource(wit, path);
  const out = {};
  resolve.worlds.forEach((w, id) => {
    out[w.name] = componentNew(embedComponentType(undefined, resolve, id, { dummy: true }));
  });
  return out;
}

function timeIt(fn) {
  fn(); // warm-up (JIT, caches)
  const samples = [];
  const deadline = performance.now() + TIME;
  do {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  } while (performance.now() < deadline || samples.length < 3);
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], min: samples[0], runs: samples.length };
}

// --- 1. composition time -----------------------------------------------------

const IFACE = (k) => `interface iface-${k} { fn-${k}: func(x: u32, s: string) -> string; }`;

let chainWit = 'package bench:chain;\n';
for (let k = 0; k < N; k++)
  chainWit += `${IFACE(k)}\nworld c${k} { ${k > 0 ? `import iface-${k - 1}; ` : ''}export iface-${k}; }\n`;
let fanWit = 'package bench:fan;\n';
for (let k = 0; k < N - 1; k++) fanWit += `${IFACE(k)}\nworld l${k} { export iface-${k}; }\n`;
fanWit += `interface hub-api { run: func() -> u32; }\nworld hub { ${Array.from({ length: N - 1 }, (_, k) => `import iface-${k};`).join(' ')} export hub-api; }\n`;

const t0 = performance.now();
const chain = buildAll(chainWit, 'chain.wit');
const fan = buildAll(fanWit, 'fan.wit');
const generateMs = performance.now() - t0;

let chainWac = 'package bench:chain-composed;\nlet c0 = new bench:c0 {};\n';
for (let k = 1; k < N; k++) chainWac += `let c${k} = new bench:c${k} { ...c${k - 1} };\n`;
chainWac += `export c${N - 1}["bench:chain/iface-${N - 1}"];\n`;
const chainDeps = Object.fromEntries(Object.entries(chain).map(([w, b]) => [`bench:${w}`, b]));

let fanWac = 'package bench:fan-composed;\n';
for (let k = 0; k < N - 1; k++) fanWac += `let l${k} = new bench:l${k} {};\n`;
fanWac += `let hub = new bench:hub { ${Array.from({ length: N - 1 }, (_, k) => `...l${k}`).join(', ')} };\nexport hub["bench:fan/hub-api"];\n`;
const fanDeps = Object.fromEntries(Object.entries(fan).map(([w, b]) => [`bench:${w}`, b]));
const leaves = Array.from({ length: N - 1 }, (_, k) => fan[`l${k}`]);

const checkValid = (bytes, what) => {
  const issues = validateComponent(decodeComponent(bytes));
  if (issues.length) throw new Error(`${what}: invalid output: ${issues[0].message}`);
  return bytes.byteLength;
};
const sizes = {
  chain: checkValid(compose({ source: chainWac, deps: chainDeps }), 'chain'),
  fanWac: checkValid(compose({ source: fanWac, deps: fanDeps }), 'fan-in (WAC)'),
  fanPlug: checkValid(plug(fan.hub, leaves), 'fan-in (plug)'),
  chainPlug: checkValid(
    plug(
      chain[`c${N - 1}`],
      Array.from({ length: N - 1 }, (_, k) => chain[`c${k}`]),
    ),
    'chain (plug)',
  ),
};

const compositionRows = [
  ['chain, WAC (compose)', timeIt(() => compose({ source: chainWac, deps: chainDeps })), sizes.chain],
  [
    'chain, plug',
    timeIt(() =>
      plug(
        chain[`c${N - 1}`],
        Array.from({ length: N - 1 }, (_, k) => chain[`c${k}`]),
      ),
    ),
    sizes.chainPlug,
  ],
  ['fan-in, WAC (compose)', timeIt(() => compose({ source: fanWac, deps: fanDeps })), sizes.fanWac],
  ['fan-in, plug', timeIt(() => plug(fan.hub, leaves)), sizes.fanPlug],
];

console.log(`\nComposing ${N} generated components (dummy bodies; generated in ${generateMs.toFixed(0)} ms)\n`);
console.log('| composition             | median ms |   min ms | runs | output bytes | < 1 s |');
console.log('| ----------------------- | --------: | -------: | ---: | -----------: | ----- |');
for (const [name, t, bytes] of compositionRows) {
  console.log(
    `| ${name.padEnd(23)} | ${t.median.toFixed(1).padStart(9)} | ${t.min.toFixed(1).padStart(8)} | ${String(t.runs).padStart(4)} | ${String(bytes).padStart(12)} | ${t.median < 1000 ? 'yes' : 'NO'}   |`,
  );
}

// --- 2. one cross-component call --------------------------------------------

const CALL_WIT = `package bench:call;
interface math {
  add: func(a: u32, b: u32) -> u32;
  len: func(s: string) -> u32;
  echo: func(s: string) -> string;
  count: func(xs: list<u32>) -> u32;
}
interface app {
  call-add: func(a: u32, b: u32) -> u32;
  local-add: func(a: u32, b: u32) -> u32;
  call-len: func(s: string) -> u32;
  local-len: func(s: string) -> u32;
  call-echo: func(s: string) -> string;
  local-echo: func(s: string) -> string;
  call-count: func(xs: list<u32>) -> u32;
  local-count: func(xs: list<u32>) -> u32;
}
world callee { export math; }
world caller { import math; export app; }
`;
// Both modules hand out one fixed buffer from cabi_realloc: one string at a time.
const REALLOC = '(func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) i32.const 1024)';
const CALLEE_WAT = `(module
  (memory (export "memory") 2)
  ${REALLOC}
  (func (export "bench:call/math#add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "bench:call/math#len") (param i32 i32) (result i32) local.get 1)
  (func (export "bench:call/math#echo") (param i32 i32) (result i32)
    i32.const 8 local.get 0 i32.store i32.const 12 local.get 1 i32.store i32.const 8)
  (func (export "bench:call/math#count") (param i32 i32) (result i32) local.get 1))`;
const CALLER_WAT = `(module
  (import "bench:call/math" "add" (func $add (param i32 i32) (result i32)))
  (import "bench:call/math" "len" (func $len (param i32 i32) (result i32)))
  (import "bench:call/math" "echo" (func $echo (param i32 i32 i32)))
  (import "bench:call/math" "count" (func $count (param i32 i32) (result i32)))
  (memory (export "memory") 2)
  ${REALLOC}
  (func (export "bench:call/app#call-add") (param i32 i32) (result i32) local.get 0 local.get 1 call $add)
  (func (export "bench:call/app#local-add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "bench:call/app#call-len") (param i32 i32) (result i32) local.get 0 local.get 1 call $len)
  (func (export "bench:call/app#local-len") (param i32 i32) (result i32) local.get 1)
  (func (export "bench:call/app#call-echo") (param i32 i32) (result i32) local.get 0 local.get 1 i32.const 16 call $echo i32.const 16)
  (func (export "bench:call/app#local-echo") (param i32 i32) (result i32)
    i32.const 16 local.get 0 i32.store i32.const 20 local.get 1 i32.store i32.const 16)
  (func (export "bench:call/app#call-count") (param i32 i32) (result i32) local.get 0 local.get 1 call $count)
  (func (export "bench:call/app#local-count") (param i32 i32) (result i32) local.get 1))`;

const callResolve = resolveSource(CALL_WIT, 'call.wit');
const worldId = (name) => callResolve.worlds.findIndex((w) => w.name === name);
const callee = componentNew(embedComponentType(await parse(CALLEE_WAT), callResolve, worldId('callee')));
const caller = componentNew(embedComponentType(await parse(CALLER_WAT), callResolve, worldId('caller')));
const callComposed = compose({
  source:
    'package bench:call-composed;\nlet m = new bench:callee {};\nlet a = new bench:caller { ...m };\nexport a["bench:call/app"];\n',
  deps: { 'bench:callee': callee, 'bench:caller': caller },
});

const ours = (await instantiate(callComposed, {}))['bench:call/app'];
const { files } = await transpile(callComposed, { name: 'call', instantiation: 'async', quiet: true });
const jcoDir = mkdtempSync(join(tmpdir(), 'wit-ts-compose-bench-'));
process.on('exit', () => rmSync(jcoDir, { recursive: true, force: true }));
for (const [name, data] of Object.entries(files)) {
  mkdirSync(dirname(join(jcoDir, name)), { recursive: true });
  writeFileSync(join(jcoDir, name), data);
}
const jcoCore = Object.fromEntries(Object.entries(files).filter(([n]) => n.endsWith('.wasm')));
const jco = (
  await (
    await import(pathToFileURL(join(jcoDir, 'call.js')).href)
  ).instantiate((p) => WebAssembly.compile(jcoCore[p]), {})
)['bench:call/app'];

const s16 = 'abcdefghijklmnop';
const s1k = 'The quick brown fox jumps over the lazy dog. '.repeat(23).slice(0, 1024);
const list1k = Uint32Array.from({ length: 1000 }, (_, i) => i);
for (const [name, api] of Object.entries({ ours, jco })) {
  const got = [
    api.callAdd(40, 2),
    api.localAdd(40, 2),
    api.callLen(s16),
    api.callLen('ü𝄞'),
    api.localLen(s16),
    api.callLen(s1k),
    api.callEcho('grüße 🌍') === 'grüße 🌍',
    api.callEcho(s16) === s16,
    api.localEcho(s16) === s16,
    api.callCount(list1k),
    api.localCount(list1k),
  ];
  if (JSON.stringify(got) !== JSON.stringify([42, 42, 16, 6, 16, 1024, true, true, true, 1000, 1000]))
    throw new Error(`${name}: wrong results ${JSON.stringify(got)}`);
}

/** ns per call: the best of several timed batches. */
function nsPerOp(fn) {
  let batch = 1000;
  for (;;) {
    const t = performance.now();
    fn(batch);
    const dt = performance.now() - t;
    if (dt > 20) break;
    batch *= 4;
  }
  let best = Infinity;
  const deadline = performance.now() + TIME;
  do {
    const t = performance.now();
    fn(batch);
    best = Math.min(best, ((performance.now() - t) * 1e6) / batch);
  } while (performance.now() < deadline);
  return best;
}

// One loop per function on purpose: a shared loop taking the function would
// make its call site megamorphic and measure that instead of the call.
const measure = (api) => {
  let sink = 0;
  const r = {
    callAdd: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.callAdd(i, 1);
    }),
    localAdd: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.localAdd(i, 1);
    }),
    callLen: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.callLen(s16);
    }),
    localLen: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.localLen(s16);
    }),
    callLen1k: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.callLen(s1k);
    }),
    localLen1k: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.localLen(s1k);
    }),
    callEcho: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.callEcho(s16).length;
    }),
    localEcho: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.localEcho(s16).length;
    }),
    callCount: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.callCount(list1k);
    }),
    localCount: nsPerOp((n) => {
      for (let i = 0; i < n; i++) sink += api.localCount(list1k);
    }),
  };
  if (sink === 0.5) console.log(sink);
  return r;
};
const rows = { ours: measure(ours), jco: measure(jco) };

console.log('\nOne cross-component call in a composed component (caller -> callee, WAT bodies), ns/op (best batch)\n');
console.log(`| ${'call'.padEnd(58)} |  wit-ts |     jco | wit-ts / jco |`);
console.log(`| ${'-'.repeat(58)} | ------: | ------: | -----------: |`);
const line = (label, a, b) =>
  console.log(
    `| ${label.padEnd(58)} | ${a.toFixed(1).padStart(7)} | ${b.toFixed(1).padStart(7)} | ${(a / b).toFixed(3).padStart(12)} |`,
  );
// [key of the call through both components, key of the caller-only baseline, labels]
const pairs = [
  [
    'callAdd',
    'localAdd',
    'call-add: host -> caller -> callee (u32)',
    'local-add: host -> caller (baseline)',
    'one cross-component call',
  ],
  [
    'callLen',
    'localLen',
    'call-len(16-char string): host -> caller -> callee',
    'local-len(16-char string): host -> caller',
    'one cross-component string copy',
  ],
  [
    'callLen1k',
    'localLen1k',
    'call-len(1 KiB string): host -> caller -> callee',
    'local-len(1 KiB string): host -> caller',
    'one cross-component 1 KiB string copy',
  ],
  [
    'callEcho',
    'localEcho',
    'call-echo(16-char string) -> string: both ways',
    'local-echo(16-char string) -> string: host -> caller',
    'string argument + string result',
  ],
  [
    'callCount',
    'localCount',
    'call-count(list<u32> x1000): host -> caller -> callee',
    'local-count(list<u32> x1000): host -> caller',
    'one cross-component list<u32> x1000 copy',
  ],
];
for (const [call, local, callLabel, localLabel, diffLabel] of pairs) {
  line(callLabel, rows.ours[call], rows.jco[call]);
  line(localLabel, rows.ours[local], rows.jco[local]);
  line(`=> ${diffLabel} (difference)`, rows.ours[call] - rows.ours[local], rows.jco[call] - rows.jco[local]);
}
console.log('');
