// `wit-ts component embed` and `wit-ts component new`: turn a core module
// plus WIT into a component, like `wasm-tools component embed | new`.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  ComponentNewError,
  componentNew,
  decodeCoreModule,
  embedComponentType,
  resolvePathWithBinaries,
  type StringEncodingName,
} from '@wit-ts/component';
import { packageNameString, type Resolve } from '@wit-ts/wit-parser';
import { EXIT_OK, UsageError } from '../exit.js';
import type { Output } from '../output.js';
import { requireExistingPath } from '../paths.js';
import { writeFileAtomic } from '../write-file.js';

export interface EmbedFlags {
  world?: string;
  encoding?: string;
  dummy?: boolean;
  output?: string;
  features?: string[];
  allFeatures?: boolean;
}

const ENCODINGS: StringEncodingName[] = ['utf8', 'utf16', 'compact-utf16'];

/**
 * Picks the world: `-w name` in the main package, `-w ns:pkg/name` anywhere,
 * or the main package's only world.
 */
export function selectWorld(resolve: Resolve, spec: string | undefined): number {
  const main = resolve.main ?? resolve.packages.length - 1;
  const pkg = resolve.packages[main];
  if (spec === undefined) {
    const worlds = [...pkg.worlds.values()];
    if (worlds.length === 1) return worlds[0];
    const names = [...pkg.worlds.keys()].join(', ');
    throw new UsageError(
      worlds.length === 0
        ? `package ${packageNameString(pkg.name)} has no world`
        : `package ${packageNameString(pkg.name)} has several worlds (${names}); pick one with -w`,
    );
  }
  const slash = spec.lastIndexOf('/');
  if (slash < 0) {
    const id = pkg.worlds.get(spec);
    if (id === undefined) throw new UsageError(`no world \`${spec}\` in package ${packageNameString(pkg.name)}`);
    return id;
  }
  const [pkgSpec, name] = [spec.slice(0, slash), spec.slice(slash + 1)];
  for (const candidate of resolve.packages) {
    const full = packageNameString(candidate.name);
    const unversioned = `${candidate.name.namespace}:${candidate.name.name}`;
    if (full !== pkgSpec && unversioned !== pkgSpec) continue;
    const id = candidate.worlds.get(name);
    if (id !== undefined) return id;
  }
  throw new UsageError(`no world \`${spec}\` found`);
}

function writeOutput(bytes: Uint8Array, output: string | undefined, out: Output): void {
  if (output === undefined) {
    if (process.stdout.isTTY) throw new UsageError('refusing to write binary to a terminal; pass -o <file>');
    out.stdout(Buffer.from(bytes).toString('latin1'));
  } else {
    writeFileAtomic(output, bytes);
  }
}

export function runEmbed(witPath: string, corePath: string | undefined, flags: EmbedFlags, out: Output): number {
  requireExistingPath(witPath);
  if (corePath === undefined && !flags.dummy) throw new UsageError('missing <core.wasm> (or pass --dummy)');
  if (corePath !== undefined && flags.dummy) throw new UsageError('--dummy creates the core module; do not pass one');
  const encoding = (flags.encoding ?? 'utf8') as StringEncodingName;
  if (!ENCODINGS.includes(encoding)) {
    throw new UsageError(`--encoding ${flags.encoding}: expected one of ${ENCODINGS.join(', ')}`);
  }
  let core: Uint8Array | undefined;
  if (corePath !== undefined) {
    requireExistingPath(corePath);
    core = new Uint8Array(readFileSync(corePath));
  }
  const resolve = resolvePathWithBinaries(witPath, { features: flags.features, allFeatures: flags.allFeatures });
  const world = selectWorld(resolve, flags.world);
  writeOutput(embedComponentType(core, resolve, world, { encoding, dummy: flags.dummy }), flags.output, out);
  return EXIT_OK;
}

export interface NewFlags {
  adapt?: string[];
  output?: string;
}

/** `name=path` or `path` (the name is the file name up to its first dot, like wasm-tools). */
function parseAdapter(spec: string): { name: string; bytes: Uint8Array } {
  const eq = spec.indexOf('=');
  const path = eq < 0 ? spec : spec.slice(eq + 1);
  const name = eq < 0 ? basename(path).split('.')[0] : spec.slice(0, eq);
  if (name === '' || path === '') throw new UsageError(`--adapt ${spec}: expected [name=]adapter.wasm`);
  requireExistingPath(path);
  return { name, bytes: new Uint8Array(readFileSync(path)) };
}

export function runNew(corePath: string, flags: NewFlags, out: Output): number {
  requireExistingPath(corePath);
  const adapters = (flags.adapt ?? []).map(parseAdapter);
  const core = new Uint8Array(readFileSync(corePath));
  let component: Uint8Array;
  try {
    component = componentNew(core, { adapters });
  } catch (err) {
    if (err instanceof ComponentNewError && !hasComponentType(core)) {
      throw new ComponentNewError(
        `${err.message} (the module has no component-type section: run \`wit-ts component embed\` first)`,
      );
    }
    throw err;
  }
  writeOutput(component, flags.output, out);
  return EXIT_OK;
}

function hasComponentType(core: Uint8Array): boolean {
  try {
    return decodeCoreModule(core).sections.some((s) => s.kind === 'custom' && s.name.startsWith('component-type'));
  } catch {
    return false;
  }
}
