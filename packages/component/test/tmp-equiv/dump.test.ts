import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolvePath } from '@wit-ts/wit-parser';
import { it } from 'vitest';
import { decodeComponent } from '../../src/decode-component.js';
import { decodeCoreModule } from '../../src/decode-core-module.js';
import { componentNew, embedComponentType } from '../../src/build/index.js';
import { inspectBinary } from '../../src/inspect/index.js';
const root = '/work/main';
const jcoPkg = realpathSync(join(root, 'node_modules/@bytecodealliance/jco/package.json'));
const reactor = readFileSync(join(dirname(jcoPkg), 'lib', 'wasi_snapshot_preview1.reactor.wasm'));
it('dump', () => {
  for (const [name, ad] of [['c-greeter', undefined], ['rust-counter', [{ name: 'wasi_snapshot_preview1', bytes: reactor }]]] as const) {
    const fx = join(root, 'fixtures');
    const core = readFileSync(join(fx, 'build', `${name}.core.wasm`));
    const resolve = resolvePath(join(fx, name, 'wit'));
    const world = resolve.packages[resolve.main!].worlds.get(name)!;
    const c = componentNew(embedComponentType(core, resolve, world, { encoding: 'utf8' }), { adapters: ad as never });
    const d = decodeComponent(c);
    for (const s of d.sections) if (s.kind === 'custom') console.log(name, s.name, JSON.stringify(s.parsed));
    const main = d.sections.find((s) => s.kind === 'core-module')!;
    const m = decodeCoreModule((main as { bytes: Uint8Array }).bytes);
    console.log('main producers', JSON.stringify(m.sections.filter((s) => s.kind === 'custom' && s.name === 'producers').map((s) => (s as { parsed: unknown }).parsed)));
    console.log('main customs', m.sections.filter((s) => s.kind === 'custom').map((s) => (s as { name: string }).name));
    console.log('inspect adapters', JSON.stringify(inspectBinary(c).adapters), JSON.stringify(inspectBinary(c).producers));
  }
});
