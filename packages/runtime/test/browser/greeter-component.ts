// Builds the C greeter fixture component for the browser test (Node side):
// fixtures/build.mjs compiles the core module from C (installing clang when
// missing), then our own embed + new wrap it. Undefined when the toolchain
// is unavailable.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentNew, embedComponentType } from '@wit-ts/component';
import { resolvePath } from '@wit-ts/wit-parser';

const root = join(import.meta.dirname, '..', '..', '..', '..');

export function buildGreeterComponent(): Uint8Array | undefined {
  const build = spawnSync(process.execPath, [join(root, 'fixtures', 'build.mjs')], { encoding: 'utf8' });
  const core = join(root, 'fixtures', 'build', 'c-greeter.core.wasm');
  if (build.status !== 0 || !existsSync(core)) return undefined;
  const resolve = resolvePath(join(root, 'fixtures', 'c-greeter', 'wit'));
  const world = resolve.packages[resolve.main!].worlds.get('c-greeter')!;
  const embedded = embedComponentType(new Uint8Array(readFileSync(core)), resolve, world);
  return componentNew(embedded);
}
