/**
 * The two naming schemes core modules use for WIT items (wit-component's
 * "legacy" names and the standard `cm32p2` names), and small world queries.
 */
import type { Function, Resolve, World } from '@wit-ts/wit-parser';
import { nameWorldKey } from '../wit/resolve-util.js';

export type Mangling = 'legacy' | 'standard';

/** Legacy module name of root-level imports. */
export const ROOT_MODULE = '$root';
export const STD_PREFIX = 'cm32p2';

/** Resource type ids defined by interface `iface` (its own `resource` types). */
export function interfaceResources(resolve: Resolve, iface: number): { name: string; id: number }[] {
  const out: { name: string; id: number }[] = [];
  for (const [name, id] of resolve.interfaces[iface].types) {
    if (resolve.types[id].kind.kind === 'resource') out.push({ name, id });
  }
  return out;
}

/** Legacy core export name of a function (`iface#name` or `name`). */
export function legacyExportName(ifaceName: string | null, f: Function | string): string {
  const n = typeof f === 'string' ? f : f.name;
  return ifaceName === null ? n : `${ifaceName}#${n}`;
}

export function standardExportName(ifaceName: string | null, f: Function | string): string {
  const n = typeof f === 'string' ? f : f.name;
  return `${STD_PREFIX}|${ifaceName ?? ''}|${n}`;
}

export function worldImportName(resolve: Resolve, world: World, key: string): string {
  return nameWorldKey(resolve, world.imports.get(key)!.key);
}
