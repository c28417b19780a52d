const orig = globalThis.Function;
const mode = process.env.MODE ?? '';
globalThis.Function = new Proxy(orig, { construct(t, args) {
  let src = args[1];
  if (src.includes('R0_cls')) {
    if (mode.includes('proto')) src = src.replace('!(a0 instanceof R0_cls)', 'Object.getPrototypeOf(a0) !== R0_cls.prototype');
    if (mode.includes('pvar')) src = src.replace('!(a0 instanceof R0_cls)', 'Object.getPrototypeOf(a0) !== R0_proto').replace('R0_cls = R0.cls;', 'R0_cls = R0.cls, R0_proto = R0_cls.prototype;');
    if (mode.includes('noinst')) src = src.replace(/!\(a0 instanceof R0_cls\) \|\| /, '');
    if (mode.includes('notry')) src = src.replace(/let running = false;[\s\S]*return v;/, 'const r = core(v0c, v1c); return r >>> 0;');
    if (mode.includes('nopoison')) src = src.replace('if (store.poisoned) rt.poisoned();', '');
    if (mode.includes('noenter')) src = src.replace(/if \(!c0_.mayEnter\) rt.reenter\(\);\s*c0_.mayEnter = false;/, '').replace(/c0_.mayEnter = true;/, '');
    if (mode.includes('noctx')) src = src.replace(/const ctx = inst.context;\s*if \(ctx !== undefined\) ctx\[0\] = ctx\[1\] = 0;/, '');
    if (mode.includes('print')) console.log(src);
  }
  return Reflect.construct(t, [args[0], src]); } });
const { instantiate } = await import('/work/main/packages/runtime/dist/index.js');
const { parse } = await import('@bytecodealliance/jco');
const { COMPONENT_WAT } = await import('/work/main/bench/engine/component.mjs');
const bytes = await parse(COMPONENT_WAT);
const api = (await instantiate(bytes, { 'bench:engine/host': { hostAdd: (a, b) => a + b } }))['bench:engine/api'];
let s = 0;
const c = new api.Counter(0);
const f = () => { for (let i = 0; i < 1000; i++) s = c.increment(1); };
for (let i = 0; i < 2e4; i++) f();
const ts = [];
for (let r = 0; r < 200; r++) { const t0 = process.hrtime.bigint(); for (let j = 0; j < 10; j++) f(); ts.push(Number(process.hrtime.bigint() - t0) / 1e4); }
ts.sort((a, b) => a - b);
console.log(mode, ts[100].toFixed(2));
