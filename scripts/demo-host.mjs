// The demo's host program: instantiate the C greeter component on
// @wit-ts/runtime and call it, providing the `host.log` and `prefix` imports
// in the same (jco-compatible) shapes the generated bindings describe.

import { readFileSync } from 'node:fs';
import { ComponentError, instantiate } from '../packages/runtime/dist/index.js';

const bytes = readFileSync(process.argv[2]);
const exports = await instantiate(bytes, {
  'fixtures:c-greeter/host': { log: (msg) => console.log(`  [host log] ${msg}`) },
  prefix: () => 'Hello',
});
const { api } = exports;

console.log(`  api.greet('wörld')              → ${JSON.stringify(api.greet('wörld'))}`);
console.log(`  api.sum(Int32Array [1, 2, 3])   → ${api.sum(Int32Array.of(1, 2, 3))}`);
console.log(`  api.area({ tag: 'circle', val: 1 }) → ${api.area({ tag: 'circle', val: 1 }).toFixed(4)}`);
try {
  api.parseNumber('12x');
} catch (err) {
  if (!(err instanceof ComponentError)) throw err;
  console.log(`  api.parseNumber('12x')          → throws ComponentError, payload ${JSON.stringify(err.payload)}`);
}
const counter = new api.Counter('visits', 40);
try {
  counter.increment(1);
  console.log(`  counter.increment(1)            → ${counter.increment(1)} (${counter.getLabel()})`);
} finally {
  counter[Symbol.dispose](); // the guest's destructor logs through host.log
}
