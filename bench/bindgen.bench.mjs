// Bindings generator benchmark: host + guest bindings for every world of the
// WASI 0.2.12 and 0.3.0 trees together (already resolved), warm, in one
// process. Target: < 200 ms for the default path — what generateHost /
// generateGuest return. The generator emits prettier's output itself (the
// corpus tests assert prettier.format(text) === text for every file), so the
// default path runs no formatter and there is no cache anywhere. The opt-in
// `format: 'prettier'` path (prettier over the same text, uncached) is
// reported for information.
//
// Needs ../shared (the WASI corpus) and a prior `tsc -b` (pnpm bench does it).

import { existsSync } from 'node:fs';
import { resolve as resolvePathname } from 'node:path';
import { Bench } from 'tinybench';
import { resolvePath } from '../packages/wit-parser/dist/index.js';
import { generateGuest, generateHost } from '../packages/bindgen-ts/dist/index.js';

const dirs = ['../shared/corpus/wasi/0.2.12/wit', '../shared/corpus/wasi/0.3.0/wit'].map((d) => resolvePathname(d));
for (const d of dirs) {
  if (!existsSync(d)) {
    console.error(`bench: ${d} not found (the WASI corpus lives in ../shared)`);
    process.exit(1);
  }
}
const resolves = dirs.map((d) => resolvePath(d));
const worlds = resolves.flatMap((r) => r.worlds.map((_, id) => ({ r, id })));

async function generateAll(options) {
  const files = [];
  for (const { r, id } of worlds) {
    files.push(...(await generateHost(r, id, options)), ...(await generateGuest(r, id, options)));
  }
  return files;
}

const files = await generateAll();
const bench = new Bench({ time: 2000, warmupTime: 500 });
bench.add('bindgen host+guest, all WASI 0.2.12 + 0.3.0 worlds (default: prettier-identical, no cache)', async () => {
  await generateAll();
});
bench.add("bindgen host+guest, all WASI 0.2.12 + 0.3.0 worlds (opt-in format: 'prettier', uncached)", async () => {
  await generateAll({ format: 'prettier' });
});
await bench.run();

console.log(
  `${worlds.length} worlds, ${files.length} files, ${(files.reduce((a, f) => a + f.contents.length, 0) / 1024).toFixed(0)} KiB per run`,
);
for (const t of bench.tasks) {
  const r = t.result;
  const mean = r.latency?.mean ?? r.mean;
  const p50 = r.latency?.p50 ?? r.p50;
  console.log(
    `${t.name.padEnd(92)} mean ${mean.toFixed(2)} ms  p50 ${p50.toFixed(2)} ms  (${r.latency?.samplesCount ?? '?'} runs)`,
  );
}
const r = bench.tasks[0].result;
const ms = r.latency?.mean ?? r.mean;
console.log(
  `bindgen (default, prettier-identical output, no formatter, no cache) ${ms.toFixed(2)} ms — target < 200 ms: ${ms < 200 ? 'OK' : 'MISSED'}`,
);
