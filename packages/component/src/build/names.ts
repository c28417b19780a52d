/**
 * Names core modules use for WIT items: the module name of root-level
 * imports in the legacy scheme, the prefix of the standard (`cm32p2`) scheme,
 * and small interface queries shared by `embed` and `new`.
 */
import type { Function, Resolve } from '@wit-ts/wit-parser';

/** Legacy module name of root-level imports. */
export const ROOT_MODULE = '$root';
/** Prefix of the standard names (`cm32p2|iface`, `cm32p2||f`, `cm32p2_memory`, …). */
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
