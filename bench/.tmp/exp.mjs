const { parse } = await import('@bytecodealliance/jco');
const { CORE_WAT } = await import('/work/main/bench/engine/component.mjs');
const m = await WebAssembly.instantiate(await parse(CORE_WAT), { host: { add: (a, b) => a + b }, res: { new: (r) => r } });
const cInc = m.instance.exports['counter-increment'];
const REP = Symbol('rep'), OWN = Symbol('own');
const store = { poisoned: false }; const c0_ = { mayEnter: true }; const inst = { context: undefined };
function mk(variant) {
  const holder = { Counter: class { constructor() {} } };
  const cls = holder.Counter;
  Object.defineProperty(cls.prototype, Symbol.for('dispose'), { value() {}, writable: true, configurable: true });
  const body = {
    full: function (a1) { const a0 = this; if (store.poisoned) throw 1; let v0c; if (!(a0 instanceof cls) || (v0c = a0[REP]) === undefined) throw 2;
      if ((a1 >>> 0) !== a1) throw 3; if (!c0_.mayEnter) throw 4; c0_.mayEnter = false; const ctx = inst.context; if (ctx !== undefined) ctx[0] = 0;
      let running = false; let v; try { running = true; const r = cInc(v0c, a1); v = r >>> 0; } catch (e) { if (running) store.poisoned = true; throw e; } finally { c0_.mayEnter = true; } return v; },
    noinst: function (a1) { const a0 = this; if (store.poisoned) throw 1; let v0c; if ((v0c = a0[REP]) === undefined) throw 2;
      if ((a1 >>> 0) !== a1) throw 3; if (!c0_.mayEnter) throw 4; c0_.mayEnter = false; const ctx = inst.context; if (ctx !== undefined) ctx[0] = 0;
      let running = false; let v; try { running = true; const r = cInc(v0c, a1); v = r >>> 0; } catch (e) { if (running) store.poisoned = true; throw e; } finally { c0_.mayEnter = true; } return v; },
    notry: function (a1) { const a0 = this; if (store.poisoned) throw 1; let v0c; if (!(a0 instanceof cls) || (v0c = a0[REP]) === undefined) throw 2;
      if ((a1 >>> 0) !== a1) throw 3; return cInc(v0c, a1) >>> 0; },
    bare: function (a1) { return cInc(this[REP], a1) >>> 0; },
  }[variant];
  cls.prototype.increment = body;
  const w = Object.create(cls.prototype); w[REP] = 256; w[OWN] = true;
  return w;
}
let s = 0;
for (const v of ['full', 'noinst', 'notry', 'bare', 'full']) {
  const c = mk(v);
  const f = () => { for (let i = 0; i < 1000; i++) s = c.increment(1); };
  for (let i = 0; i < 2e4; i++) f();
  const ts = [];
  for (let r = 0; r < 200; r++) { const t0 = process.hrtime.bigint(); for (let j = 0; j < 10; j++) f(); ts.push(Number(process.hrtime.bigint() - t0) / 1e4); }
  ts.sort((a, b) => a - b);
  console.log(v, ts[100].toFixed(2));
}
