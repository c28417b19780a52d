/** Small queries over a wit-parser `Resolve` shared by the WIT encoder and decoder. */
import type { Function, FunctionKind, Resolve, WorldKey } from '@wit-ts/wit-parser';

/** `ns:pkg/iface@version` of a named interface (undefined for anonymous ones). */
export function interfaceIdOf(resolve: Resolve, iface: number): string | undefined {
  const i = resolve.interfaces[iface];
  if (i.name === undefined || i.package === undefined) return undefined;
  return qualifiedName(resolve, i.package, i.name);
}

/** `ns:pkg/name@version` for an item `name` of package `pkg`. */
export function qualifiedName(resolve: Resolve, pkg: number, name: string): string {
  const n = resolve.packages[pkg].name;
  const base = `${n.namespace}:${n.name}/${name}`;
  return n.version === undefined ? base : `${base}@${n.version}`;
}

/** The extern name a world key is imported/exported under. */
export function nameWorldKey(resolve: Resolve, key: WorldKey): string {
  if ('name' in key) return key.name;
  const id = interfaceIdOf(resolve, key.interface);
  if (id === undefined) throw new Error('world key names an anonymous interface');
  return id;
}

/** The interface that type `id` (`type x = other-interface.y`) depends on, if any. */
export function typeInterfaceDep(resolve: Resolve, id: number): number | undefined {
  const ty = resolve.types[id];
  if (ty.kind.kind !== 'type' || typeof ty.kind.type !== 'number') return undefined;
  const other = resolve.types[ty.kind.type];
  if (sameOwner(ty.owner, other.owner)) return undefined;
  return other.owner !== null && 'interface' in other.owner ? other.owner.interface : undefined;
}

function sameOwner(a: Resolve['types'][number]['owner'], b: Resolve['types'][number]['owner']): boolean {
  if (a === null || b === null) return a === b;
  if ('interface' in a) return 'interface' in b && a.interface === b.interface;
  return 'world' in b && a.world === b.world;
}

/** Interfaces whose types interface `id` uses directly, in type order (may repeat). */
export function interfaceDirectDeps(resolve: Resolve, id: number): number[] {
  const out: number[] = [];
  for (const t of resolve.interfaces[id].types.values()) {
    const dep = typeInterfaceDep(resolve, t);
    if (dep !== undefined) out.push(dep);
  }
  return out;
}

/** The resource a method/static/constructor belongs to. */
export function functionResource(kind: FunctionKind): number | undefined {
  return 'resource' in kind ? kind.resource : undefined;
}

export function isAsync(f: Function): boolean {
  return f.kind.kind.startsWith('async');
}
