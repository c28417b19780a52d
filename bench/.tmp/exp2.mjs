const { instantiate } = await import('/work/main/packages/runtime/dist/index.js');
const { REP } = await import('/work/main/packages/runtime/dist/resources.js');
const { parse } = await import('@bytecodealliance/jco');
const { COMPONENT_WAT, CORE_WAT } = await import('/work/main/bench/engine/component.mjs');
const bytes = await parse(COMPONENT_WAT);
const api = (await instantiate(bytes, { 'bench:engine/host': { hostAdd: (a, b) => a + b } }))['bench:engine/api'];
const m = await WebAssembly.instantiate(await parse(CORE_WAT), { host: { add: (a, b) => a + b }, res: { new: (r) => r } });
const cInc = m.instance.exports['counter-increment'];
const cls = api.Counter;
const orig = cls.prototype.increment;
let s = 0;
const variants = {
  orig,
  bare: function (a1) { return cInc(this[REP], a1) >>> 0; },
  inst: function (a1) { if (!(this instanceof cls)) throw 1; return cInc(this[REP], a1) >>> 0; },
};
for (const v of ['orig', 'bare', 'inst', 'orig']) {
  cls.prototype.increment = variants[v];
  const c = new api.Counter(0);
  const f = () => { for (let i = 0; i < 1000; i++) s = c.increment(1); };
  for (let i = 0; i < 2e4; i++) f();
  const ts = [];
  for (let r = 0; r < 200; r++) { const t0 = process.hrtime.bigint(); for (let j = 0; j < 10; j++) f(); ts.push(Number(process.hrtime.bigint() - t0) / 1e4); }
  ts.sort((a, b) => a - b);
  console.log(v, ts[100].toFixed(2));
}
