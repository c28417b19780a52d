// @wit-ts/bindgen-ts — TypeScript bindings for WIT worlds.
//
//   const files = await generateHost(resolve, worldId);   // typed host over @wit-ts/runtime
//   const files = await generateGuest(resolve, worldId);  // componentize-js guest .d.ts modules
//
// The generator lays its output out exactly as prettier (typescript parser,
// single quotes, print width 100) would, so no formatter runs by default; the
// `…Unformatted` variants are the synchronous forms (same text), and
// `format: 'prettier'` runs prettier anyway.
import type { Resolve, World } from '@wit-ts/wit-parser';
import { generateGuestUnformatted, generateHostUnformatted, type GeneratedFile, type Mode } from './generate.js';

export { generateGuestUnformatted, generateHostUnformatted, type GeneratedFile, type Mode } from './generate.js';
export { camelCase, pascalCase, escapeIdent } from './names.js';

type Prettier = typeof import('prettier');
let prettierPromise: Promise<Prettier> | undefined;

/** The prettier options the generator's layout reproduces exactly. */
export const PRETTIER_OPTIONS = { parser: 'typescript', singleQuote: true, printWidth: 100 } as const;

/**
 * Runs prettier over files ({@link PRETTIER_OPTIONS}). The generator already
 * emits prettier's output, so for generated files this is the identity (the
 * tests check it over every corpus); it is the opt-in `format: 'prettier'`.
 */
export async function formatFiles(files: GeneratedFile[]): Promise<GeneratedFile[]> {
  prettierPromise ??= import('prettier');
  const prettier = await prettierPromise;
  return Promise.all(
    files.map(async (f) => ({ path: f.path, contents: await prettier.format(f.contents, PRETTIER_OPTIONS) })),
  );
}

export interface GenerateOptions {
  /**
   * `'prettier'` runs prettier over the output as well (the same text: the
   * generator's layout is prettier's). Default: no formatter at run time.
   */
  format?: 'prettier' | 'none';
}

const finish = (files: GeneratedFile[], options: GenerateOptions | undefined) =>
  options?.format === 'prettier' ? formatFiles(files) : Promise.resolve(files);

/** Host bindings for a world: `interfaces/*.d.ts`, `exports/*.d.ts` and `<world>.ts` with `instantiate`. */
export async function generateHost(
  resolve: Resolve,
  worldId: number,
  options?: GenerateOptions,
): Promise<GeneratedFile[]> {
  return finish(generateHostUnformatted(resolve, worldId), options);
}

/** Guest (componentize-js) type declarations for a world, as jco `guest-types`. */
export async function generateGuest(
  resolve: Resolve,
  worldId: number,
  options?: GenerateOptions,
): Promise<GeneratedFile[]> {
  return finish(generateGuestUnformatted(resolve, worldId), options);
}

export interface BindOptions {
  mode: Mode;
  /**
   * `'prettier'` also runs prettier (same text). `false`/`'none'`/unset: the
   * generator's own (prettier-identical) layout, no formatter at run time.
   */
  format?: 'prettier' | 'none' | boolean;
}

/**
 * Finds a world: by id, by `name` in the main package, or by `ns:pkg/name[@v]`;
 * without `world`, the main package's only world.
 */
export function selectWorld(resolve: Resolve, world?: number | string): number {
  if (typeof world === 'number') {
    if (resolve.worlds[world] === undefined) throw new Error(`no world with id ${world}`);
    return world;
  }
  const main = resolve.main !== undefined ? resolve.packages[resolve.main] : undefined;
  if (world === undefined) {
    const ws = main !== undefined ? [...main.worlds.values()] : resolve.worlds.map((_, i) => i);
    if (ws.length !== 1) throw new Error(`expected exactly one world, found ${ws.length}: pass a world name`);
    return ws[0];
  }
  const slash = world.indexOf('/');
  if (slash < 0) {
    const id = main?.worlds.get(world);
    if (id === undefined) throw new Error(`no world named '${world}' in the main package`);
    return id;
  }
  const pkg = resolve.packageNames.get(
    world.slice(0, slash).replace(/@.*$/, '') + (world.includes('@') ? world.slice(world.indexOf('@')) : ''),
  );
  const name = world.slice(slash + 1).replace(/@.*$/, '');
  const id = pkg !== undefined ? resolve.packages[pkg].worlds.get(name) : undefined;
  if (id === undefined) throw new Error(`no world '${world}'`);
  return id;
}

/** CLI-friendly entry point (`wit-ts bind`): the files for one world. */
export async function bindWorld(
  resolve: Resolve,
  world: number | string | undefined,
  options: BindOptions,
): Promise<GeneratedFile[]> {
  const id = selectWorld(resolve, world);
  const files = options.mode === 'host' ? generateHostUnformatted(resolve, id) : generateGuestUnformatted(resolve, id);
  return options.format === 'prettier' || options.format === true ? formatFiles(files) : files;
}

/**
 * For a package without worlds: a copy of `resolve` with one extra world
 * exporting each of the package's interfaces (importing the foreign
 * interfaces they use). `resolve` itself is not modified.
 */
export function syntheticWorld(
  resolve: Resolve,
  packageId: number,
  name = 'all-interfaces',
): { resolve: Resolve; worldId: number } {
  const pkg = resolve.packages[packageId];
  const exported = new Set(pkg.interfaces.values());
  const imports: World['imports'] = new Map();
  const exports: World['exports'] = new Map();
  const unknown = { kind: 'unknown' } as const;
  // Imports: interfaces of other packages (or this one, not exported) that exported ones use.
  const needed: number[] = [];
  const seen = new Set<number>();
  const visit = (id: number) => {
    for (const tid of resolve.interfaces[id].types.values()) {
      const k = resolve.types[tid].kind;
      if (k.kind !== 'type' || typeof k.type !== 'number') continue;
      const owner = resolve.types[k.type].owner;
      if (owner === null || !('interface' in owner)) continue;
      const dep = owner.interface;
      if (seen.has(dep) || exported.has(dep)) continue;
      seen.add(dep);
      visit(dep);
      needed.push(dep);
    }
  };
  for (const id of exported) visit(id);
  for (const id of needed)
    imports.set(`interface-${id}`, { key: { interface: id }, item: { kind: 'interface', id, stability: unknown } });
  for (const id of exported)
    exports.set(`interface-${id}`, { key: { interface: id }, item: { kind: 'interface', id, stability: unknown } });
  const world: World = { name, imports, exports, package: packageId, docs: {}, stability: unknown };
  const worlds = [...resolve.worlds, world];
  return { resolve: { ...resolve, worlds }, worldId: worlds.length - 1 };
}
