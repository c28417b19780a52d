// Loading the packages a composition refers to into the shared `Resolve`:
// components (to instantiate) and WIT packages (for `import x: ns:pkg/i` and
// `use`). Sources, in order: the programmatic `deps` map (`ns:pkg` or
// `ns:pkg@1.2.3` → bytes or a path), then a deps directory laid out as
// `<dir>/<ns>/<pkg>.wasm`, `.wat`, `.wit` or `<dir>/<ns>/<pkg>/` (WIT).

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeComponent,
  decodeComponentWorld,
  decodeWitPackageComponent,
  encodeWitPackage,
  isWitPackage,
  resolvePathWithBinaries,
  type Component,
} from '@wit-ts/component';
import { WitError, type Resolve } from '@wit-ts/wit-parser';

export type DependencySource = Uint8Array | string;

export interface LoadedPackage {
  /** `ns:pkg` */
  name: string;
  version?: string;
  /** For components: the bytes and decoded model, and their world in the shared Resolve. */
  bytes?: Uint8Array;
  component?: Component;
  world?: number;
  /** For WIT packages: the package in the shared Resolve. */
  witPackage?: number;
}

export class PackageError extends Error {}

export class PackageLoader {
  private readonly cache = new Map<string, LoadedPackage>();
  private worlds = 0;
  constructor(
    readonly resolve: Resolve,
    private readonly deps: Record<string, DependencySource>,
    private readonly depsDir?: string,
  ) {}

  /** The package `name` (`ns:pkg`), `version` if given; throws PackageError when missing or invalid. */
  load(name: string, version?: string, opts: { component?: boolean } = {}): LoadedPackage {
    const key = version === undefined ? name : `${name}@${version}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const src = this.deps[key] ?? this.deps[name] ?? this.fromDir(name);
    if (src === undefined) throw new PackageError(`unknown package \`${key}\``);
    const pkg = this.decode(name, version, src, opts.component === true);
    this.cache.set(key, pkg);
    return pkg;
  }

  private fromDir(name: string): string | undefined {
    if (this.depsDir === undefined) return undefined;
    const [ns, pkg] = name.split(':');
    const base = join(this.depsDir, ns, pkg);
    for (const ext of ['.wasm', '.wat', '.wit']) if (existsSync(base + ext)) return base + ext;
    if (existsSync(base) && statSync(base).isDirectory()) return base;
    return undefined;
  }

  private decode(
    name: string,
    version: string | undefined,
    src: DependencySource,
    forceComponent = false,
  ): LoadedPackage {
    let bytes: Uint8Array;
    const where = typeof src === 'string' ? src : 'bytes given';
    if (typeof src === 'string') {
      if (statSync(src).isDirectory() || src.endsWith('.wit')) return this.witFromPath(name, version, src);
      bytes = new Uint8Array(readFileSync(src));
    } else bytes = src;
    const isBinary = bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
    if (!isBinary) {
      const text = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
      if (text.startsWith('('))
        throw new PackageError(
          `failed to parse package \`${name}\` (${where}): WebAssembly text (.wat) is not supported: we have no text assembler; assemble it first (e.g. \`wasm-tools parse\`)`,
        );
      throw new PackageError(`failed to parse package \`${name}\` (${where}): not a WebAssembly binary`);
    }
    // The layer field: 1 for components, 0 for core modules.
    if (bytes[6] !== 1 || bytes[7] !== 0)
      throw new PackageError(`failed to parse package \`${name}\` (${where}): not a component`);
    let component: Component;
    try {
      component = decodeComponent(bytes);
    } catch (e) {
      throw new PackageError(
        `failed to parse package \`${name}\` (${where}): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    try {
      if (!forceComponent && isWitPackage(component)) {
        const { package: p } = decodeWitPackageComponent(component, this.resolve);
        return { name, version, witPackage: p };
      }
      const { world } = decodeComponentWorld(component, this.resolve);
      // decodeComponentWorld always fills world `root` of `root:component`:
      // rename it so that the next component gets a world of its own.
      const w = this.resolve.worlds[world];
      const p = this.resolve.packages[w.package!];
      p.worlds.delete(w.name);
      w.name = `dep${this.worlds++}`;
      p.worlds.set(w.name, world);
      return { name, version, bytes, component, world };
    } catch (e) {
      throw new PackageError(
        `failed to parse package \`${name}\` (${where}): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /** A WIT package (file or directory): resolved on its own, then moved into the shared Resolve via its binary form. */
  private witFromPath(name: string, version: string | undefined, path: string): LoadedPackage {
    let r: Resolve;
    try {
      r = resolvePathWithBinaries(path);
    } catch (e) {
      throw new PackageError(e instanceof WitError ? e.rendered : `failed to resolve \`${path}\`: ${String(e)}`);
    }
    const main = r.main ?? r.packages.length - 1;
    const bin = encodeWitPackage(r, main);
    const { package: p } = decodeWitPackageComponent(decodeComponent(bin), this.resolve);
    return { name, version, witPackage: p };
  }
}
