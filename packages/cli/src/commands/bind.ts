// `wit-ts bind <wit-path | component.wasm> [--world w] --host|--guest -o <dir>`:
// TypeScript bindings — a typed host module over @wit-ts/runtime, or the
// `.d.ts` modules a componentize-js guest is written against.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bindWorld } from '@wit-ts/bindgen-ts';
import { EXIT_OK, UsageError } from '../exit.js';
import type { Output } from '../output.js';
import { writeFileAtomic } from '../write-file.js';
import { selectWorld } from './component.js';
import { loadWitInput } from './wit.js';

export interface BindFlags {
  world?: string;
  host?: boolean;
  guest?: boolean;
  output?: string;
  features?: string[];
  allFeatures?: boolean;
}

export async function runBind(path: string, flags: BindFlags, out: Output): Promise<number> {
  if (flags.host === flags.guest) throw new UsageError('pass exactly one of --host or --guest');
  if (flags.output === undefined) throw new UsageError('missing -o <dir> (where to write the bindings)');
  const inputs = loadWitInput(path, { features: flags.features, allFeatures: flags.allFeatures });
  if (inputs.length !== 1) throw new UsageError(`${path} embeds several worlds; bind one of them from its WIT`);
  const { resolve, main } = inputs[0];
  // A component's decoded world lives in its synthetic `root:component` package.
  if (resolve.main === undefined) resolve.main = main;
  const world = selectWorld(resolve, flags.world);
  const files = await bindWorld(resolve, world, { mode: flags.host ? 'host' : 'guest' });
  for (const file of files) {
    const target = join(flags.output, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, file.contents);
  }
  out.stdout(`wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${flags.output}\n`);
  return EXIT_OK;
}
