// `wit-ts wit <input>`: the full WIT of a WIT directory/file, a wasm-encoded
// WIT package, a component, or a core module carrying `component-type`
// sections — every interface body, every dependency package — as text,
// as a `deps/` directory layout, as wasm-tools JSON, or re-encoded as wasm.

import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { binaryKind, decodeCoreModule, decodeWasm, encodeWitPackage, resolvePathWithBinaries } from '@wit-ts/component';
import { printAllPackages, printResolve, toWasmToolsJson, type Resolve } from '@wit-ts/wit-parser';
import { EXIT_OK, UsageError } from '../exit.js';
import type { Output } from '../output.js';
import { requireExistingPath } from '../paths.js';
import { writeFileAtomic } from '../write-file.js';

export interface WitOptions {
  json?: boolean;
  wasm?: boolean;
  outDir?: string;
  output?: string;
  features?: string[];
  allFeatures?: boolean;
}

interface Loaded {
  resolve: Resolve;
  /** The package to print as the file's own. */
  main: number;
}

/** Reads any supported input into a Resolve. Binary problems throw DecodeError/WitDecodeError. */
export function loadWitInput(path: string, options: WitOptions): Loaded[] {
  const kind = requireExistingPath(path);
  if (kind === 'dir' || path.endsWith('.wit')) {
    const resolve = resolvePathWithBinaries(path, { features: options.features, allFeatures: options.allFeatures });
    return [{ resolve, main: resolve.main ?? resolve.packages.length - 1 }];
  }
  const bytes = new Uint8Array(readFileSync(path));
  if (binaryKind(bytes) === 'module') {
    // A core module: each `component-type:*` section carries one world.
    const module = decodeCoreModule(bytes);
    const loaded: Loaded[] = [];
    for (const section of module.sections) {
      if (section.kind !== 'custom' || !section.name.startsWith('component-type')) continue;
      const decoded = decodeWasm(section.data);
      loaded.push({ resolve: decoded.resolve, main: decoded.package });
    }
    if (loaded.length === 0) {
      throw new UsageError(
        `${path}: core module has no component-type custom section (embed WIT with \`wit-ts component embed\`)`,
      );
    }
    return loaded;
  }
  const decoded = decodeWasm(bytes);
  return [{ resolve: decoded.resolve, main: decoded.package }];
}

export function runWit(path: string, options: WitOptions, out: Output): number {
  if (options.wasm && options.outDir) throw new UsageError('--wasm and --out-dir cannot be combined');
  if (options.json && (options.wasm || options.outDir))
    throw new UsageError('--json cannot be combined with --wasm or --out-dir');
  const inputs = loadWitInput(path, options);
  if (options.wasm) {
    if (inputs.length !== 1)
      throw new UsageError('--wasm needs exactly one package; this module embeds several worlds');
    const bytes = encodeWitPackage(inputs[0].resolve, inputs[0].main);
    if (options.output === undefined) {
      if (process.stdout.isTTY) throw new UsageError('refusing to write binary to a terminal; pass -o <file>');
      out.stdout(Buffer.from(bytes).toString('latin1'));
    } else {
      writeFileAtomic(options.output, bytes);
    }
    return EXIT_OK;
  }
  if (options.outDir !== undefined) {
    if (inputs.length !== 1)
      throw new UsageError('--out-dir needs exactly one package; this module embeds several worlds');
    writeOutDir(options.outDir, inputs[0]);
    return EXIT_OK;
  }
  const text = inputs
    .map(({ resolve, main }) =>
      options.json
        ? `${JSON.stringify(toWasmToolsJson(resolve), null, 2)}\n`
        : printResolve(resolve, { package: main, nested: 'all' }),
    )
    .join('\n');
  if (options.output !== undefined) writeFileAtomic(options.output, text);
  else out.stdout(text);
  return EXIT_OK;
}

function writeOutDir(dir: string, { resolve, main }: Loaded): void {
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--out-dir ${dir} exists and is not a directory`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
  }
  const files = printAllPackages(resolve, { main });
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, file.text);
  }
}
