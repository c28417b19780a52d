// WIT front end benchmark: parse + resolve the WASI 0.2.12 and 0.3.0 trees,
// warm, in one process, next to jco's wasm-compiled wit-parser resolving the
// same directories (componentWitMetadataForWorld resolves the package and
// its deps/, then elaborates one world: `proxy` and `service`).
//
// Needs ../shared (the WASI corpus) and a prior `tsc -b` (pnpm bench does it).

import { existsSync } from 'node:fs';
import { resolve as resolvePathname } from 'node:path';
import { Bench } from 'tinybench';
import { componentWitMetadataForWorld } from '@bytecodealliance/jco-transpile/wasm-tools';
import { resolvePath } from '../packages/wit-parser/dist/index.js';

const trees = [
  { label: 'wasi 0.2.12', dir: '../shared/corpus/wasi/0.2.12/wit', world: 'proxy' },
  { label: 'wasi 0.3.0', dir: '../shared/corpus/wasi/0.3.0/wit', world: 'service' },
].map((t) => ({ ...t, dir: resolvePathname(t.dir) }));

for (const tree of trees) {
  if (!existsSync(tree.dir)) {
    console.error(`bench: ${tree.dir} not found (the WASI corpus lives in ../shared)`);
    process.exit(1);
  }
}

const bench = new Bench({ time: 2000, warmupTime: 500 });
for (const tree of trees) {
  bench.add(`wit-ts  resolve ${tree.label}`, () => {
    resolvePath(tree.dir);
  });
  bench.add(`jco     resolve ${tree.label}`, async () => {
    await componentWitMetadataForWorld({ tag: 'path', val: tree.dir }, tree.world);
  });
}
bench.add('wit-ts  resolve both', () => {
  for (const tree of trees) resolvePath(tree.dir);
});
bench.add('jco     resolve both', async () => {
  for (const tree of trees) await componentWitMetadataForWorld({ tag: 'path', val: tree.dir }, tree.world);
});

await bench.run();

const meanMs = (name) => {
  const task = bench.tasks.find((t) => t.name === name);
  return task.result.latency.mean;
};
const rows = [];
for (const label of [...trees.map((t) => t.label), 'both']) {
  const ours = meanMs(`wit-ts  resolve ${label}`);
  const jco = meanMs(`jco     resolve ${label}`);
  rows.push({
    tree: label,
    'wit-ts ms': ours.toFixed(2),
    'jco ms': jco.toFixed(2),
    'wit-ts / jco': (ours / jco).toFixed(3),
  });
}
console.log('\nparse + resolve, warm (mean per run; target: wit-ts / jco <= 0.2)');
console.table(rows);
