const { instantiate } = await import('/work/main/packages/runtime/dist/index.js');
const { parse } = await import('@bytecodealliance/jco');
const { COMPONENT_WAT } = await import('/work/main/bench/engine/component.mjs');
const bytes = await parse(COMPONENT_WAT);
for (const fp of [true, false, true, false]) {
  for (let i = 0; i < 300; i++) await instantiate(bytes, { 'bench:engine/host': { hostAdd: (a, b) => a + b } }, { fastPaths: fp });
  const ts = [];
  for (let i = 0; i < 500; i++) { const t0 = process.hrtime.bigint(); await instantiate(bytes, { 'bench:engine/host': { hostAdd: (a, b) => a + b } }, { fastPaths: fp }); ts.push(Number(process.hrtime.bigint() - t0) / 1e3); }
  ts.sort((a, b) => a - b);
  console.log('fastPaths', fp, ts[250].toFixed(1), 'µs p50');
}
