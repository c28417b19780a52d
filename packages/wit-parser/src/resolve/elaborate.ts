// World elaboration (wasm-tools' `Resolve::elaborate_world`): every interface
// that an import or export depends on through `use` becomes an explicit
// import, dependencies are listed before dependents, and an export whose
// dependencies would have to be both imported and exported is rejected.

import { ResolveError } from './errors.js';
import type { Docs, Resolve, Stability, WorldItem, WorldKey } from './types.js';
import { packageNameString, worldKeyString } from './types.js';

type Items = Map<string, { key: WorldKey; item: WorldItem }>;

/** The interface a `use`d type comes from, when it is another interface. */
export function typeInterfaceDep(resolve: Resolve, id: number): number | undefined {
  const ty = resolve.types[id];
  if (ty.kind.kind !== 'type' || typeof ty.kind.type !== 'number') return undefined;
  const other = resolve.types[ty.kind.type];
  if (ownerEquals(ty.owner, other.owner)) return undefined;
  return other.owner !== null && 'interface' in other.owner ? other.owner.interface : undefined;
}

export function ownerEquals(a: Resolve['types'][number]['owner'], b: Resolve['types'][number]['owner']): boolean {
  if (a === null || b === null) return a === b;
  if ('interface' in a) return 'interface' in b && a.interface === b.interface;
  return 'world' in b && a.world === b.world;
}

export function interfaceDirectDeps(resolve: Resolve, id: number): number[] {
  const out: number[] = [];
  for (const ty of resolve.interfaces[id].types.values()) {
    const dep = typeInterfaceDep(resolve, ty);
    if (dep !== undefined) out.push(dep);
  }
  return out;
}

/** `ns:pkg/name@version` of a named interface, or the plain name of a key. */
export function nameWorldKey(resolve: Resolve, key: WorldKey): string {
  if ('name' in key) return key.name;
  const iface = resolve.interfaces[key.interface];
  const pkg = resolve.packages[iface.package!].name;
  const base = `${pkg.namespace}:${pkg.name}/${iface.name}`;
  return pkg.version === undefined ? base : `${base}@${pkg.version}`;
}

export { packageNameString };

function sortKey(resolve: Resolve, item: WorldItem): number {
  if (item.kind === 'interface') return 0;
  if (item.kind === 'type') {
    const ty = resolve.types[item.id];
    if (
      ty.kind.kind === 'type' &&
      typeof ty.kind.type === 'number' &&
      !ownerEquals(resolve.types[ty.kind.type].owner, ty.owner)
    ) {
      return 1;
    }
    return 2;
  }
  return 'resource' in item.function.kind ? 4 : 3;
}

/** `items` ordered by `sortKey`, stably; `items` itself when already in order. */
function stableSort(items: Items, resolve: Resolve): Items {
  let prev = -1;
  let sorted = true;
  for (const { item } of items.values()) {
    const k = sortKey(resolve, item);
    if (k < prev) {
      sorted = false;
      break;
    }
    prev = k;
  }
  if (sorted) return items;
  const entries = [...items.entries()].map((e, i) => ({ e, i, k: sortKey(resolve, e[1].item) }));
  entries.sort((a, b) => a.k - b.k || a.i - b.i);
  return new Map(entries.map((x) => x.e));
}

function addImport(
  resolve: Resolve,
  imports: Items,
  key: WorldKey,
  id: number,
  stability: Stability,
  docs?: Docs,
): void {
  const k = worldKeyString(key);
  if (imports.has(k)) return;
  for (const dep of interfaceDirectDeps(resolve, id)) addImport(resolve, imports, { interface: dep }, dep, stability);
  const item: WorldItem =
    docs === undefined ? { kind: 'interface', id, stability } : { kind: 'interface', id, stability, docs };
  imports.set(k, { key, item });
}

export function elaborateWorld(resolve: Resolve, worldId: number): void {
  const world = resolve.worlds[worldId];
  const imports: Items = new Map();
  for (const { key, item } of stableSort(world.imports, resolve).values()) {
    if (item.kind === 'interface') {
      addImport(resolve, imports, key, item.id, item.stability, item.docs);
    } else {
      if (item.kind === 'type') {
        const dep = typeInterfaceDep(resolve, item.id);
        if (dep !== undefined) addImport(resolve, imports, { interface: dep }, dep, resolve.types[item.id].stability);
      }
      imports.set(worldKeyString(key), { key, item });
    }
  }

  const exports: Items = new Map();
  // Interface exports in order; one interface may be exported under several
  // plain names (`export a: iface; export b: iface;`), so keep them all.
  const exportInterfaces: { id: number; key: WorldKey; stability: Stability; docs?: Docs }[] = [];
  const exportedIds = new Set<number>();
  for (const { key, item } of world.exports.values()) {
    if (item.kind === 'interface') {
      exportInterfaces.push({ id: item.id, key, stability: item.stability, docs: item.docs });
      exportedIds.add(item.id);
    } else if (item.kind === 'function') {
      exports.set(worldKeyString(key), { key, item });
    }
  }

  const requiredImports = new Set<number>();
  const addExport = (id: number, key: WorldKey, asExport: boolean, stability: Stability, docs?: Docs): boolean => {
    const k = worldKeyString(key);
    if (exports.has(k)) return asExport;
    if (!asExport && requiredImports.has(id)) return true;
    for (const dep of interfaceDirectDeps(resolve, id)) {
      if (!addExport(dep, { interface: dep }, asExport && exportedIds.has(dep), stability)) return false;
    }
    const item: WorldItem =
      docs === undefined ? { kind: 'interface', id, stability } : { kind: 'interface', id, stability, docs };
    if (asExport) {
      if (requiredImports.has(id)) return false;
      exports.set(k, { key, item });
    } else {
      requiredImports.add(id);
      imports.set(k, { key, item });
    }
    return true;
  };
  for (const { id, key, stability, docs } of exportInterfaces) {
    if (!addExport(id, key, true, stability, docs)) {
      throw new ResolveError(
        `interface \`${nameWorldKey(resolve, key)}\` transitively depends on an interface in incompatible ways`,
      );
    }
  }

  world.imports = stableSort(imports, resolve);
  world.exports = exports;
}
