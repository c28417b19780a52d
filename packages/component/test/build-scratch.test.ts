import { componentEmbed, componentNew as jcoNew, print } from '@bytecodealliance/jco';
import { resolvePath } from '@wit-ts/wit-parser';
import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { componentNew, embedComponentType } from '../src/build/index.js';

it('scratch', async () => {
  const p = process.env.WIT!;
  const resolve = resolvePath(p, { allFeatures: true });
  const w = resolve.packages[resolve.main!].worlds.get(process.env.WORLD!)!;
  const c = componentNew(embedComponentType(undefined, resolve, w, { dummy: true }));
  writeFileSync('/tmp/bx/ours.wat', await print(c));
  writeFileSync('/tmp/bx/jco.wat', await print(await jcoNew(await componentEmbed({ dummy: true, witPath: p, world: process.env.WORLD! }))));
});
