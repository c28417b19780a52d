// Bindings generator benchmark: host + guest bindings for every world of the
// WASI 0.2.12 and 0.3.0 trees together (already resolved), warm, in one
// process. Target: < 200 ms, for both the unformatted (synchronous) generator
// and the prettier-formatted output (what generateHost/generateGuest return).
// formatFiles memoises prettier per exact unformatted text across calls, so a
// warm run formats nothing new; the cold formatted run (memo cleared before
// each iteration) is reported for information.
//
// Needs ../shared (the WASI corpus) and a prior `tsc -b` (pnpm bench does it).

import { existsSync } from 'node:fs';
import { resolve as resolvePathname } from 'node:path';
import { Bench } from 'tinybench';
import { resolvePath } from '../packages/wit-parser/dist/index.js';
import {
  clearFormatCache,
  formatFiles,
  generateGuestUnformatted,
  generateHostUnformatted,
} from '../packages/bindgen-ts/dist/index.js';

const dirs = ['../shared/corpus/wasi/0.2.12/wit', '../shared/corpus/wasi/0.3.0/wit'].map((d) => resolvePathname(d));
for (const d of dirs) {
  if (!existsSync(d)) {
    console.error(`bench: ${d} not found (the WASI corpus lives in ../shared)`);
    process.exit(1);
  }
}
const resolves = dirs.map((d) => resolvePath(d));
const worlds = resolves.flatMap((r) => r.worlds.map((_, id) => ({ r, id })));

function generateAll() {
  const files = [];
  for (const { r, id } of worlds) {
    files.push(...generateHostUnformatted(r, id), ...generateGuestUnformatted(r, id));
  }
  return files;
}

const files = generateAll();
const bench = new Bench({ time: 2000, warmupTime: 500 });
bench.add('bindgen host+guest, all WASI 0.2.12 + 0.3.0 worlds (unformatted)', () => {
  generateAll();
});
bench.add('bindgen host+guest, all WASI 0.2.12 + 0.3.0 worlds (+ prettier, warm)', async () => {
  await formatFiles(generateAll());
});
bench.add(
  'bindgen host+guest, all WASI 0.2.12 + 0.3.0 worlds (+ prettier, cold memo)',
  async () => {
    await formatFiles(generateAll());
  },
  { beforeEach: () => clearFormatCache() },
);
await bench.run();

console.log(
  `${worlds.length} worlds, ${files.length} files, ${(files.reduce((a, f) => a + f.contents.length, 0) / 1024).toFixed(0)} KiB per run`,
);
for (const t of bench.tasks) {
  const r = t.result;
  const mean = r.latency?.mean ?? r.mean;
  const p50 = r.latency?.p50 ?? r.p50;
  console.log(
    `${t.name.padEnd(76)} mean ${mean.toFixed(2)} ms  p50 ${p50.toFixed(2)} ms  (${r.latency?.samplesCount ?? '?'} runs)`,
  );
}
for (const [i, label] of [
  [0, 'unformatted'],
  [1, 'formatted, warm'],
]) {
  const r = bench.tasks[i].result;
  const ms = r.latency?.mean ?? r.mean;
  console.log(`bindgen (${label}) ${ms.toFixed(2)} ms — target < 200 ms: ${ms < 200 ? 'OK' : 'MISSED'}`);
}
