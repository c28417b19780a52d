const orig = globalThis.Function;
globalThis.Function = new Proxy(orig, { construct(t, args) { if (process.env.DUMP && args[1].includes(process.env.DUMP)) console.log(args[1]); return Reflect.construct(t, args); } });
const { instantiate } = await import('/work/main/packages/runtime/dist/index.js');
const { parse } = await import('@bytecodealliance/jco');
const { COMPONENT_WAT } = await import('/work/main/bench/engine/component.mjs');
const bytes = await parse(COMPONENT_WAT);
const api = (await instantiate(bytes, { 'bench:engine/host': { hostAdd: (a, b) => a + b } }))['bench:engine/api'];
const c = new api.Counter(0);
let s = 0;
for (let k = 0; k < 5; k++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 1e7; i++) s = c.increment(1);
  console.log(Number(process.hrtime.bigint() - t0) / 1e7, 'ns/op');
}
