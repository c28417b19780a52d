const { instantiate } = await import('/work/main/packages/runtime/dist/index.js');
const { parse } = await import('@bytecodealliance/jco');
const { COMPONENT_WAT, CORE_WAT } = await import('/work/main/bench/engine/component.mjs');
const { instantiateHand } = await import('/work/main/bench/engine/hand.mjs');
const bytes = await parse(COMPONENT_WAT);
const api = (await instantiate(bytes, { 'bench:engine/host': { hostAdd: (a, b) => a + b } }))['bench:engine/api'];
const hand = await instantiateHand(await WebAssembly.compile(await parse(CORE_WAT)), { hostAdd: (a, b) => a + b });
let s = 0;
for (const [k, impl] of Object.entries({ ours: api, hand, ours2: api, hand2: hand })) {
  const c = new impl.Counter(0);
  const f = () => { for (let i = 0; i < 1000; i++) s = c.increment(1); };
  for (let i = 0; i < 2e4; i++) f();
  const ts = [];
  for (let r = 0; r < 200; r++) { const t0 = process.hrtime.bigint(); for (let j = 0; j < 10; j++) f(); ts.push(Number(process.hrtime.bigint() - t0) / 1e4); }
  ts.sort((a, b) => a - b);
  console.log(k, ts[100].toFixed(2), 'ns/op (p50)');
}
