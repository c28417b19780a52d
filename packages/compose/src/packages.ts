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
  decodeWorldType,
  encodeWitPackage,
  isWitPackage,
  resolvePathWithBinaries,
  type Component,
  type ComponentDecl,
  type ComponentType,
  type ExternType,
  type Sort,
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
      let world: number;
      try {
        world = decodeComponentWorld(component, this.resolve).world;
      } catch (e) {
        // A component no WIT world can represent as it is (e.g. one
        // re-exporting an imported instance) may still be typed by its
        // component type, where each export is typed on its own.
        const ct = reexportingComponentType(component);
        if (ct === null) throw e;
        this.dropPartialRoot();
        world = decodeWorldType(ct, { namespace: 'root', name: 'component' }, 'root', this.resolve).world;
      }
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

  /** Renames world `root` of `root:component` left by a failed `decodeComponentWorld`, so that it is not reused. */
  private dropPartialRoot(): void {
    for (const p of this.resolve.packages) {
      if (p.name.namespace !== 'root' || p.name.name !== 'component') continue;
      const id = p.worlds.get('root');
      if (id === undefined) continue;
      p.worlds.delete('root');
      const name = `partial${this.worlds++}`;
      this.resolve.worlds[id].name = name;
      p.worlds.set(name, id);
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

/**
 * The component type of a component holding only types, aliases, imports
 * and exports (of imported items, or ascribed): each export typed by its
 * ascription or by the type of the import it re-exports. Null for any other
 * component (it has an implementation to type).
 */
export function reexportingComponentType(c: Component): ComponentType | null {
  const decls: ComponentDecl[] = [];
  const spaces = new Map<Sort, (ExternType | null)[]>();
  const space = (sort: Sort) => {
    let a = spaces.get(sort);
    if (a === undefined) spaces.set(sort, (a = []));
    return a;
  };
  const sortOf = (t: ExternType): Sort => (t.kind === 'module' ? 'core-module' : t.kind);
  for (const sec of c.sections) {
    switch (sec.kind) {
      case 'custom':
        break;
      case 'type':
        for (const t of sec.items) {
          decls.push({ kind: 'type', type: t.type, offset: 0 });
          space('type').push(null);
        }
        break;
      case 'alias':
        for (const a of sec.items) {
          if (a.target.kind === 'core-export') return null;
          decls.push({ kind: 'alias', alias: a, offset: 0 });
          space(a.sort).push(null);
        }
        break;
      case 'import':
        for (const i of sec.items) {
          decls.push({ kind: 'import', name: i.name, type: i.type, offset: 0 });
          space(sortOf(i.type)).push(i.type);
        }
        break;
      case 'export':
        for (const e of sec.items) {
          let type: ExternType | null | undefined = e.type;
          if (type === null) {
            if (e.sort === 'type') type = { kind: 'type', bound: { kind: 'eq', index: e.index } };
            else type = space(e.sort)[e.index];
          }
          if (type === null || type === undefined) return null;
          decls.push({ kind: 'export', name: e.name, type, offset: 0 });
          space(e.sort).push(type);
        }
        break;
      default:
        return null;
    }
  }
  return { kind: 'component', decls };
}
