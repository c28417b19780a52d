import { componentEmbed } from '@bytecodealliance/jco-transpile/wasm-tools';
for (const src of process.argv.slice(2)) {
  const s = JSON.parse(src);
  try { await componentEmbed({ dummy: true, witSource: s }); console.log(JSON.stringify(s), '=> OK'); } catch (e) { console.log(JSON.stringify(s), '=>', JSON.stringify(String(e.message))); }
}
