// Shared by the tests and the bench: corpus enumeration, world listing
// (synthetic worlds for packages without one) and a batched `tsc --strict`.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse } from '@bytecodealliance/jco';
import { decodeWasm, resolvePathWithBinaries } from '@wit-ts/component';
import { resolvePath, type Resolve } from '@wit-ts/wit-parser';
import { syntheticWorld, type GeneratedFile } from '../src/index.js';
import { CORPUS } from '../../../test-support/shared.js';

export { CORPUS };
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export const RUNTIME_DTS = here('../../runtime/dist/index.d.ts');
export const RUNTIME_SRC = here('../../runtime/src/index.ts');

export interface CorpusInput {
  name: string;
  path: string;
  /** Loads the input when it is not plain WIT (wasm-encoded packages). */
  load?: () => Resolve;
  features?: string[];
}

function entries(dir: string, skip: (n: string) => boolean = () => false): CorpusInput[] {
  return readdirSync(dir)
    .sort()
    .filter((n) => !skip(n))
    .filter((n) => n.endsWith('.wit') || statSync(join(dir, n)).isDirectory())
    .map((n) => {
      const p = join(dir, n);
      // wit-bindgen's directory cases keep the package in `<case>/wit/`.
      const wit = join(p, 'wit');
      return { name: n, path: statSync(p).isDirectory() && existsSync(wit) ? wit : p };
    });
}

export const CORPORA: Record<string, () => CorpusInput[]> = {
  'wit-bindgen-codegen': () => entries(join(CORPUS, 'wit-bindgen-codegen')),
  wasi: () => [
    { name: '0.2.12', path: join(CORPUS, 'wasi/0.2.12/wit') },
    { name: '0.3.0', path: join(CORPUS, 'wasi/0.3.0/wit') },
  ],
  'wit-parser-ui': () => [
    ...entries(
      join(CORPUS, 'wit-parser-ui'),
      (n) => n === 'parse-fail' || n === 'kinds-of-deps' || n.endsWith('.wat'),
    ).map((e) => ({ ...e, features: ['active'] })),
    ...wasmEncodedUiCases,
  ],
  'wit-component-interfaces': () => entries(join(CORPUS, 'wit-component-interfaces')),
};

/**
 * The two wit-parser-ui cases with wasm-encoded packages, read through
 * @wit-ts/component (their `.wat` text is assembled by jco here: we have no
 * text assembler of our own yet).
 */
const wasmEncodedUiCases: CorpusInput[] = await (async () => {
  const ui = join(CORPUS, 'wit-parser-ui');
  if (!existsSync(ui)) return [];
  const simple = join(ui, 'simple-wasm-text.wat');
  const simpleBytes = await parse(readFileSync(simple, 'utf8'));
  const kinds = mkdtempSync(join(tmpdir(), 'bindgen-kinds-of-deps-'));
  cpSync(join(ui, 'kinds-of-deps'), kinds, { recursive: true });
  for (const f of readdirSync(join(kinds, 'deps')).filter((f) => f.endsWith('.wat'))) {
    const wat = join(kinds, 'deps', f);
    writeFileSync(wat.replace(/\.wat$/, '.wasm'), await parse(readFileSync(wat, 'utf8')));
    rmSync(wat);
  }
  return [
    {
      name: 'simple-wasm-text.wat',
      path: simple,
      load: () => {
        const d = decodeWasm(simpleBytes);
        d.resolve.main = d.package;
        return d.resolve;
      },
    },
    { name: 'kinds-of-deps', path: kinds, load: () => resolvePathWithBinaries(kinds, { features: ['active'] }) },
  ];
})();

export interface WorldRef {
  input: string;
  resolve: Resolve;
  worldId: number;
  label: string;
  synthetic: boolean;
}

/** Every world of the resolve, plus a synthetic export-everything world per package without worlds. */
export function worldsOf(input: CorpusInput): WorldRef[] {
  const base =
    input.load?.() ?? resolvePath(input.path, input.features !== undefined ? { features: input.features } : undefined);
  const out: WorldRef[] = [];
  base.worlds.forEach((w, id) =>
    out.push({ input: input.name, resolve: base, worldId: id, label: `${input.name}#${w.name}`, synthetic: false }),
  );
  base.packages.forEach((p, pid) => {
    if (p.worlds.size > 0 || p.interfaces.size === 0) return;
    const s = syntheticWorld(base, pid);
    out.push({
      input: input.name,
      resolve: s.resolve,
      worldId: s.worldId,
      label: `${input.name}#<${p.name.name}>`,
      synthetic: true,
    });
  });
  return out;
}

/** Ambient module names are global: give each guest world its own prefix so one program holds them all. */
export function prefixGuestSpecifiers(files: GeneratedFile[], prefix: string): GeneratedFile[] {
  return files.map((f) => ({
    path: f.path,
    contents: f.contents.replace(
      /(declare module |from |import\()'([^'.][^']*)'/g,
      (_m, a: string, s: string) => `${a}'${prefix}/${s}'`,
    ),
  }));
}

export interface CheckResult {
  files: number;
  /** Diagnostics rendered, by file. */
  errors: Map<string, string[]>;
  ms: number;
}

/** Writes `dirs` (dir → files) under a temp root and type-checks them all in one strict program. */
export function typecheck(dirs: Map<string, GeneratedFile[]>, extraOptions: ts.CompilerOptions = {}): CheckResult {
  const t0 = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'bindgen-ts-'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  const names: string[] = [];
  for (const [dir, files] of dirs) {
    for (const f of files) {
      const p = join(root, dir, f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.contents);
      names.push(p);
    }
  }
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'],
    types: [],
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    baseUrl: root,
    paths: { '@wit-ts/runtime': [RUNTIME_DTS] },
    ...extraOptions,
  };
  const program = ts.createProgram(names, options);
  const errors = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName ?? '<global>';
    const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const pos =
      d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const l = errors.get(file) ?? [];
    l.push(`${pos !== undefined ? `${pos.line + 1}:${pos.character + 1} ` : ''}${msg}`);
    errors.set(file, l);
  }
  return { files: names.length, errors, ms: performance.now() - t0 };
}
