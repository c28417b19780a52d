// Engine benchmark: one component (bench/engine/component.mjs, WAT) run side
// by side by (1) our engine `@wit-ts/runtime`, (2) jco's `transpile` output
// of the same component, and (3) a hand-written binding over the same core
// module (bench/engine/hand.mjs). Prints ns/op per function and the
// instantiation time, the ratios ours/hand and ours/jco, and whether the
// engine's targets are met. No assertions (it is a bench); run after
// `tsc -b`:  node bench/engine.bench.mjs   (BENCH_TIME=ms per task, default 500)
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { parse, transpile } from '@bytecodealliance/jco';
import { instantiate } from '../packages/runtime/dist/index.js';
import { COMPONENT_WAT, CORE_WAT } from './engine/component.mjs';
import { instantiateHand } from './engine/hand.mjs';

const JCO_VERSION = JSON.parse(
  readFileSync(new URL('../node_modules/@bytecodealliance/jco/package.json', import.meta.url), 'utf8'),
).version;

const TIME = Number(process.env.BENCH_TIME ?? 500);
const componentBytes = await parse(COMPONENT_WAT);
const coreBytes = await parse(CORE_WAT);
const coreModule = await WebAssembly.compile(coreBytes);

const hostAdd = (a, b) => (a + b) >>> 0;
const imports = () => ({ 'bench:engine/host': { hostAdd } });

// --- the three contenders -------------------------------------------------
const ours = (await instantiate(componentBytes, imports()))['bench:engine/api'];

const { files } = await transpile(componentBytes, { name: 'bench', instantiation: 'async', quiet: true });
const jcoDir = mkdtempSync(join(tmpdir(), 'wit-ts-engine-bench-'));
process.on('exit', () => rmSync(jcoDir, { recursive: true, force: true }));
for (const [name, data] of Object.entries(files)) {
  mkdirSync(dirname(join(jcoDir, name)), { recursive: true });
  writeFileSync(join(jcoDir, name), data);
}
const jcoUrl = pathToFileURL(join(jcoDir, 'bench.js')).href;
const jcoCore = Object.fromEntries(Object.entries(files).filter(([n]) => n.endsWith('.wasm')));
const jcoGetCoreModule = (path) => WebAssembly.compile(jcoCore[path]);
const jco = (await (await import(jcoUrl)).instantiate(jcoGetCoreModule, imports()))['bench:engine/api'];

const hand = await instantiateHand(coreModule, { hostAdd });

const impls = { ours, jco, hand };

// --- inputs and a correctness check ----------------------------------------
const s16 = 'abcdefghijklmnop';
const s16k = 'The quick brown fox jumps over the lazy dog. '.repeat(400).slice(0, 16 * 1024);
const xs = Uint32Array.from({ length: 1000 }, (_, i) => (i * 2654435761) >>> 8);
const point = { x: 1.5, y: -2.25 };
const shape = { tag: 'num', val: 41 };
const N_HOST = 1000;
const counters = Object.fromEntries(Object.entries(impls).map(([k, api]) => [k, new api.Counter(0)]));

const expect = {
  add: 5,
  reverse16: [...s16].reverse().join(''),
  reverse16k: [...s16k].reverse().join(''),
  sum: xs.reduce((a, b) => (a + b) >>> 0, 0),
  scale: JSON.stringify({ x: 3, y: -4.5 }),
  bump: JSON.stringify({ tag: 'num', val: 42 }),
  nextColor: 'red',
  increment: 1,
  callHostN: N_HOST,
};
for (const [k, api] of Object.entries(impls)) {
  const got = {
    add: api.add(2, 3),
    reverse16: api.reverse(s16),
    reverse16k: api.reverse(s16k),
    sum: api.sum(xs),
    scale: JSON.stringify(api.scale(point, 2)),
    bump: JSON.stringify(api.bump(shape)),
    nextColor: api.nextColor('blue'),
    increment: new api.Counter(0).increment(1),
    callHostN: api.callHostN(N_HOST),
  };
  for (const [f, v] of Object.entries(expect)) {
    if (got[f] !== v)
      throw new Error(`${k}.${f} returned ${String(got[f]).slice(0, 60)}, expected ${String(v).slice(0, 60)}`);
  }
}

// --- per-call benchmarks ------------------------------------------------------
// Each task runs `batch` calls (timer resolution and tinybench's per-sample
// overhead would swamp a ~10 ns call); ns/op = task latency / batch.
let sink = 0;
const ops = [
  {
    name: 'add(u32,u32)',
    batch: 1000,
    kind: 'scalar',
    make: (api) => () => {
      for (let i = 0; i < 1000; i++) sink = api.add(sink & 0xffff, i);
    },
  },
  {
    name: 'reverse(16 B)',
    batch: 100,
    kind: 'string',
    make: (api) => () => {
      for (let i = 0; i < 100; i++) sink += api.reverse(s16).length;
    },
  },
  {
    name: 'reverse(16 KiB)',
    batch: 1,
    kind: 'string',
    make: (api) => () => {
      sink += api.reverse(s16k).length;
    },
  },
  {
    name: 'sum(list<u32> ×1000)',
    batch: 10,
    kind: 'list',
    make: (api) => () => {
      for (let i = 0; i < 10; i++) sink += api.sum(xs);
    },
  },
  {
    name: 'scale(record,f64)',
    batch: 100,
    kind: 'record',
    make: (api) => () => {
      for (let i = 0; i < 100; i++) sink += api.scale(point, 2).x;
    },
  },
  {
    name: 'bump(variant)',
    batch: 100,
    kind: 'variant',
    make: (api) => () => {
      for (let i = 0; i < 100; i++) sink += api.bump(shape).val;
    },
  },
  {
    name: 'next-color(enum)',
    batch: 1000,
    kind: 'enum',
    make: (api) => () => {
      for (let i = 0; i < 1000; i++) sink += api.nextColor('green').length;
    },
  },
  {
    name: 'counter.increment (resource method)',
    batch: 1000,
    kind: 'resource',
    make: (api, k) => {
      const c = counters[k];
      return () => {
        for (let i = 0; i < 1000; i++) sink = c.increment(1);
      };
    },
  },
  {
    name: `call-host-n(${N_HOST})`,
    batch: 1,
    kind: 'raw',
    make: (api) => () => {
      sink += api.callHostN(N_HOST);
    },
  },
  {
    name: `loop-n(${N_HOST})`,
    batch: 1,
    kind: 'raw',
    make: (api) => () => {
      sink += api.loopN(N_HOST);
    },
  },
];

const bench = new Bench({ time: TIME, warmupTime: Math.min(200, TIME) });
for (const op of ops) {
  for (const [k, api] of Object.entries(impls)) bench.add(`${op.name}|${k}`, op.make(api, k));
}
await bench.run();
const nsOf = (name, k, batch) => {
  const r = bench.tasks.find((t) => t.name === `${name}|${k}`).result;
  const lat = r.latency ?? r;
  return ((lat.p50 ?? lat.mean) * 1e6) / batch;
};

// --- instantiation --------------------------------------------------------------
const inst = new Bench({ time: Math.max(TIME, 500), warmupTime: Math.min(200, TIME) });
let jcoImports = 0;
inst.add('instantiate|ours', async () => {
  await instantiate(componentBytes, imports());
});
inst.add('instantiate|jco', async () => {
  // a fresh module record each time (import + instantiate), as a page load would
  const m = await import(`${jcoUrl}?i=${jcoImports++}`);
  await m.instantiate(jcoGetCoreModule, imports());
});
inst.add('instantiate|hand', async () => {
  await instantiateHand(await WebAssembly.compile(coreBytes), { hostAdd });
});
await inst.run();
const instNs = (k) => {
  const r = inst.tasks.find((t) => t.name === `instantiate|${k}`).result;
  const lat = r.latency ?? r;
  return (lat.p50 ?? lat.mean) * 1e6;
};

// --- table ------------------------------------------------------------------------
const TARGET = { scalar: 1.3, enum: 1.3, string: 1.3, list: 1.3, record: 1.5, variant: 1.5, resource: 1.5 };
const fmt = (ns) => (ns >= 100 ? Math.round(ns).toLocaleString('en-US') : ns.toFixed(1));
const rows = {};
const verdicts = [];
for (const op of ops) {
  if (op.kind === 'raw') continue;
  const [o, j, h] = ['ours', 'jco', 'hand'].map((k) => nsOf(op.name, k, op.batch));
  const target = TARGET[op.kind];
  const met = o / h <= target;
  rows[op.name] = {
    'ours ns/op': fmt(o),
    'jco ns/op': fmt(j),
    'hand ns/op': fmt(h),
    'ours/hand': (o / h).toFixed(2),
    'ours/jco': (o / j).toFixed(3),
    target: `≤ ${target}× hand`,
    met: met ? 'yes' : 'NO',
  };
  verdicts.push([op.name, met]);
}
const host = Object.fromEntries(
  ['ours', 'jco', 'hand'].map((k) => {
    const call = nsOf(`call-host-n(${N_HOST})`, k, N_HOST);
    const loop = nsOf(`loop-n(${N_HOST})`, k, N_HOST);
    return [k, Math.max(call - loop, 0)];
  }),
);
rows['guest→host host-add (per call)'] = {
  'ours ns/op': fmt(host.ours),
  'jco ns/op': fmt(host.jco),
  'hand ns/op': fmt(host.hand),
  'ours/hand': (host.ours / host.hand).toFixed(2),
  'ours/jco': (host.ours / host.jco).toFixed(3),
  target: '≤ 30 ns',
  met: host.ours <= 30 ? 'yes' : 'NO',
};
verdicts.push(['guest→host host-add', host.ours <= 30]);
const [io, ij, ih] = ['ours', 'jco', 'hand'].map(instNs);
rows['instantiate (µs, not ns)'] = {
  'ours ns/op': (io / 1000).toFixed(1),
  'jco ns/op': (ij / 1000).toFixed(1),
  'hand ns/op': (ih / 1000).toFixed(1),
  'ours/hand': (io / ih).toFixed(2),
  'ours/jco': (io / ij).toFixed(3),
  target: '—',
  met: '—',
};

console.log(`\nEngine benchmark (${process.version}, tinybench p50 of ${TIME} ms/task; jco ${JCO_VERSION})`);
console.log(
  `guest→host = (call-host-n(${N_HOST}) − loop-n(${N_HOST})) / ${N_HOST}; instantiate row in µs: ours instantiate(bytes) vs jco import+instantiate (compiles its core wasm) vs hand compile+instantiate`,
);
console.table(rows);
const missed = verdicts.filter(([, m]) => !m).map(([n]) => n);
console.log(
  missed.length
    ? `targets missed (${missed.length}/${verdicts.length}): ${missed.join(', ')}`
    : `all ${verdicts.length} targets met`,
);
if (sink === 0.5) console.log(sink); // keep results alive
