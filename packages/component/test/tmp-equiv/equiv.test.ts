import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { componentEmbed } from '@bytecodealliance/jco';
import { resolvePath, resolveSource } from '@wit-ts/wit-parser';
import { expect, it } from 'vitest';
import { encodeComponent } from '../../src/encode-component.js';
import type { Component } from '../../src/model.js';
import { componentNewModel, embedComponentType } from '../../src/build/index.js';
import { componentNewModel as origModel } from './new-orig.js';
import { CORPUS, witInputs } from '../build-support.js';

const root = '/work/main';
const jcoPkg = realpathSync(join(root, 'node_modules/@bytecodealliance/jco/package.json'));
const reactor = readFileSync(join(dirname(jcoPkg), 'lib', 'wasi_snapshot_preview1.reactor.wasm'));
const command = readFileSync(join(dirname(jcoPkg), 'lib', 'wasi_snapshot_preview1.command.wasm'));

function norm(c: Component, mainBytes?: Uint8Array): Uint8Array {
  let first = true;
  const sections = c.sections
    .filter((s) => s.kind !== 'custom')
    .map((s) => {
      if (s.kind === 'core-module' && first) {
        first = false;
        if (mainBytes) return { ...s, bytes: mainBytes };
      }
      return s;
    });
  return encodeComponent({ ...c, sections } as Component);
}

function same(bytes: Uint8Array, adapters?: { name: string; bytes: Uint8Array }[]) {
  let o: Component | undefined, oe: unknown, n: Component | undefined, ne: unknown;
  try { o = origModel(bytes, { adapters }); } catch (e) { oe = (e as Error).message; }
  try { n = componentNewModel(bytes, { adapters }); } catch (e) { ne = (e as Error).message; }
  expect(ne).toEqual(oe);
  if (o === undefined || n === undefined) return 'error';
  const oMain = o.sections.find((s) => s.kind === 'core-module')!;
  const a = norm(o);
  const b = norm(n, (oMain as { bytes: Uint8Array }).bytes);
  expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  return 'ok';
}

const counts = { ok: 0, error: 0, jco: 0 };
it('corpus dummies (ours and jco embed)', async () => {
  for (const [corpus, allFeatures, inputs] of [
    ['wit-component-interfaces', false, witInputs(join(CORPUS, 'wit-component-interfaces'))],
    ['wit-bindgen-codegen', true, witInputs(join(CORPUS, 'wit-bindgen-codegen'))],
    ['wasi', false, [join(CORPUS, 'wasi/0.2.12/wit'), join(CORPUS, 'wasi/0.3.0/wit')]],
  ] as const) {
    for (const input of inputs) {
      let resolve;
      try { resolve = resolvePath(input, { allFeatures }); } catch { continue; }
      if (resolve.main === undefined) continue;
      for (const [world, id] of resolve.packages[resolve.main].worlds) {
        let bytes: Uint8Array;
        try { bytes = embedComponentType(undefined, resolve, id, { dummy: true }); } catch { continue; }
        counts[same(bytes)]++;
        if (corpus === 'wasi' || corpus === 'wit-component-interfaces') {
          try {
            const opts: Record<string, unknown> = { dummy: true, witPath: input, world };
            const jb = await componentEmbed(opts as never);
            same(jb); counts.jco++;
          } catch (e) { if ((e as Error).name === 'AssertionError') throw e; }
        }
      }
      void basename;
    }
  }
  console.log('[equiv]', JSON.stringify(counts));
}, 600_000);

it('fixtures', async () => {
  const fx = join(root, 'fixtures');
  for (const [name, adapter] of [['c-greeter', undefined], ['rust-counter', reactor]] as const) {
    const core = readFileSync(join(fx, 'build', `${name}.core.wasm`));
    const resolve = resolvePath(join(fx, name, 'wit'));
    const world = resolve.packages[resolve.main!].worlds.get(name)!;
    const ad = adapter ? [{ name: 'wasi_snapshot_preview1', bytes: adapter }] : undefined;
    expect(same(embedComponentType(core, resolve, world, { encoding: 'utf8' }), ad)).toBe('ok');
    const jb = await componentEmbed({ binary: core, witPath: join(fx, name, 'wit'), world: name });
    expect(same(jb, ad)).toBe('ok');
  }
  const resolve = resolveSource('package a:b; world w {}', 'w.wit');
  const world = resolve.packages[resolve.main!].worlds.get('w')!;
  const core = readFileSync(join(fx, 'build', 'wasi-command.core.wasm'));
  expect(same(embedComponentType(core, resolve, world), [{ name: 'wasi_snapshot_preview1', bytes: command }])).toBe('ok');
}, 600_000);
