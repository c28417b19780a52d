/**
 * The component's import world: the world's (and the adapters') imports
 * trimmed to what the module and its adapters use, plus the types the
 * exports need (like wit-component, world-level types are always kept).
 */
import type {
  Function,
  Interface,
  Resolve,
  TypeDefKind,
  TypeRef,
  World,
  WorldItem,
  WorldKey,
} from '@wit-ts/wit-parser';
import type { ComponentType } from '../model.js';
import { encodeWorld } from '../wit/encode.js';
import type { AdapterInfo } from './adapter.js';
import { importTable, matchImport, type ImportTarget } from './match-imports.js';

export function typeDeps(resolve: Resolve, t: TypeRef | undefined, live: Set<number>): void {
  if (t === undefined || typeof t === 'string' || live.has(t)) return;
  live.add(t);
  const k: TypeDefKind = resolve.types[t].kind;
  switch (k.kind) {
    case 'record':
      for (const f of k.fields) typeDeps(resolve, f.type, live);
      break;
    case 'tuple':
      for (const x of k.types) typeDeps(resolve, x, live);
      break;
    case 'variant':
      for (const c of k.cases) typeDeps(resolve, c.type, live);
      break;
    case 'option':
      typeDeps(resolve, k.type, live);
      break;
    case 'result':
      typeDeps(resolve, k.ok, live);
      typeDeps(resolve, k.err, live);
      break;
    case 'list':
    case 'fixed-length-list':
      typeDeps(resolve, k.element, live);
      break;
    case 'map':
      typeDeps(resolve, k.key, live);
      typeDeps(resolve, k.value, live);
      break;
    case 'future':
    case 'stream':
      typeDeps(resolve, k.type, live);
      break;
    case 'type':
      typeDeps(resolve, k.type, live);
      break;
    case 'handle':
      typeDeps(resolve, k.resource, live);
      break;
    default:
      break;
  }
}

export function funcDeps(resolve: Resolve, f: Function, live: Set<number>): void {
  for (const p of f.params) typeDeps(resolve, p.type, live);
  typeDeps(resolve, f.result, live);
  if ('resource' in f.kind) typeDeps(resolve, f.kind.resource, live);
}

export interface ImportWorld {
  /** The trimmed world (its interfaces are those of `resolve` with unused items removed). */
  world: World;
  /** Its component type. */
  type: ComponentType;
  /** Per adapter, per import: what it is matched to (null: `env`, `__main_module__` or dead). */
  adapterTargets: (ImportTarget | null)[][];
}

/**
 * Computes the import world from the main world `world`, every export the
 * component will have (`allExports`), the main module's matched imports
 * and the adapters.
 */
export function trimImportWorld(
  resolve: Resolve,
  world: World,
  allExports: Map<string, { key: WorldKey; item: WorldItem }>,
  mainTargets: (ImportTarget | null)[],
  adapters: AdapterInfo[],
): ImportWorld {
  const usedFuncs = new Set<string>();
  const live = new Set<number>();
  const useTarget = (t: ImportTarget) => {
    if (t.kind === 'func') {
      usedFuncs.add(`${t.key}\0${t.name}`);
      funcDeps(resolve, t.func, live);
    } else if (t.kind === 'resource-drop') typeDeps(resolve, t.type, live);
  };
  for (const t of mainTargets) if (t !== null) useTarget(t);
  const exportedIfaces = new Set<number>();
  for (const { item } of allExports.values()) if (item.kind === 'interface') exportedIfaces.add(item.id);
  for (const { item } of allExports.values()) {
    if (item.kind === 'function') funcDeps(resolve, item.function, live);
    else if (item.kind === 'interface') {
      // Like wit-component: an exported interface makes live only the imported
      // types it needs from interfaces that are not exported themselves.
      const fromExport = new Set<number>();
      for (const t of resolve.interfaces[item.id].types.values()) typeDeps(resolve, t, fromExport);
      for (const f of resolve.interfaces[item.id].functions.values()) funcDeps(resolve, f, fromExport);
      for (const t of fromExport) {
        const owner = resolve.types[t].owner;
        if (
          owner !== null &&
          'interface' in owner &&
          owner.interface !== item.id &&
          !exportedIfaces.has(owner.interface)
        )
          typeDeps(resolve, t, live);
      }
    }
  }
  // The import world: the main world's imports, then the adapters' (by key).
  const importEntries: [string, { key: WorldKey; item: WorldItem }][] = [...world.imports];
  const adapterTargets: (ImportTarget | null)[][] = [];
  for (const a of adapters) {
    const aw = resolve.worlds[a.world];
    for (const [k, v] of aw.imports) if (!importEntries.some(([k2]) => k2 === k)) importEntries.push([k, v]);
    const atable = importTable(resolve, aw);
    adapterTargets.push(
      a.imports.map((i) => {
        if (i.module === 'env' || i.module === '__main_module__') return null;
        const t = matchImport(atable, i.module, i.name, i.sig, resolve, `adapter \`${a.name}\``);
        useTarget(t);
        return t;
      }),
    );
  }
  // like wit-component, world-level types are always live
  for (const [, { item }] of importEntries) if (item.kind === 'type') typeDeps(resolve, item.id, live);
  const trimmed: Resolve = { ...resolve, interfaces: [...resolve.interfaces], worlds: [...resolve.worlds] };
  const importWorld: World = {
    name: world.name,
    imports: new Map(),
    exports: new Map(),
    docs: {},
    stability: { kind: 'unknown' },
  };
  if (world.package !== undefined) importWorld.package = world.package;
  for (const [key, entry] of importEntries) {
    const { item } = entry;
    if (item.kind === 'function') {
      if (usedFuncs.has(`${key}\0${item.function.name}`)) importWorld.imports.set(key, entry);
    } else if (item.kind === 'type') {
      importWorld.imports.set(key, entry);
    } else {
      const iface = resolve.interfaces[item.id];
      const functions = new Map([...iface.functions].filter(([n]) => usedFuncs.has(`${key}\0${n}`)));
      const types = new Map([...iface.types].filter(([, id]) => live.has(id)));
      if (functions.size === 0 && types.size === 0) continue;
      const copy: Interface = { ...iface, functions, types };
      trimmed.interfaces[item.id] = copy;
      importWorld.imports.set(key, entry);
    }
  }
  trimmed.worlds.push(importWorld);
  const importType = encodeWorld(trimmed, trimmed.worlds.length - 1);
  return { world: importWorld, type: importType, adapterTargets };
}
