// Matching instantiation arguments to a dependency's imports: the naming
// rules of WAC-LANGUAGE.md ("Inferred Arguments", "Named Arguments") and the
// subtype check of every argument against the import it satisfies.

import type { Resolve, WorldItem, WorldKey } from '@wit-ts/wit-parser';
import { namesCompatible, type ItemType, type Node } from './graph.js';
import { describeItem, funcInterfaces, keyName } from './resolve-util.js';
import { checkItem } from './subtype.js';

export interface DepImport {
  name: string;
  key: WorldKey;
  item: WorldItem;
}

/** The imports of a dependency world, by extern name. */
export function depImports(r: Resolve, world: number): DepImport[] {
  return [...r.worlds[world].imports.values()].map((e) => ({ name: keyName(r, e.key), key: e.key, item: e.item }));
}

/** The import of `imports` named `name`, exactly or at a semver-compatible version. */
export function findImport(imports: DepImport[], name: string): DepImport | undefined {
  return imports.find((i) => i.name === name) ?? imports.find((i) => namesCompatible(i.name, name));
}

/** The single import whose path ends with `/last` (ignoring the version), if exactly one. */
export function importByLastSegment(imports: DepImport[], last: string): DepImport | undefined {
  const hits = imports.filter((i) => {
    const base = i.name.replace(/@.*$/, '');
    return base.endsWith(`/${last}`);
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** Checks `provided` against the import; returns a message showing both types when it does not fit. */
export function checkArgument(r: Resolve, imp: DepImport, provided: ItemType): string | undefined {
  const why = checkItem(r, provided, imp.item);
  if (why === undefined) return undefined;
  return `mismatched instantiation argument \`${imp.name}\`: ${why}\n  expected: ${describeItem(r, imp.item)}\n  found:    ${describeProvided(r, provided)}`;
}

function describeProvided(r: Resolve, t: ItemType): string {
  if (t.kind === 'func') return describeItem(r, { kind: 'function', function: t.func });
  if (t.kind === 'type') return describeItem(r, { kind: 'type', id: t.id });
  if (t.iface !== undefined) return describeItem(r, { kind: 'interface', id: t.iface, stability: { kind: 'unknown' } });
  return `instance { ${[...t.exports.keys()].join(', ')} }`;
}

/**
 * Type imports of a dependency (`use iface.{t}` at world level) are
 * satisfied by the type of the same name exported by whatever instance was
 * passed for the interface it comes from.
 */
export function typeArguments(
  r: Resolve,
  imports: DepImport[],
  args: Map<string, Node>,
  alias: (instance: Node, name: string) => Node,
): void {
  for (const imp of imports) {
    if (imp.item.kind !== 'type' || args.has(imp.name)) continue;
    const k = r.types[imp.item.id].kind;
    if (k.kind !== 'type' || typeof k.type !== 'number') continue;
    const target = r.types[k.type];
    const owner = target.owner;
    if (owner === null || !('interface' in owner) || target.name === undefined) continue;
    const from = imports.find((i) => i.item.kind === 'interface' && i.item.id === owner.interface);
    const node = from === undefined ? undefined : args.get(from.name);
    if (node === undefined || node.type.kind !== 'instance' || !node.type.exports.has(target.name)) continue;
    args.set(imp.name, alias(node, target.name));
  }
}

/**
 * For a function import `imp` of a dependency: the interfaces its types
 * come from that were satisfied by a non-import node (an instance export).
 */
export function typeProviders(
  r: Resolve,
  imp: DepImport,
  imports: DepImport[],
  args: Map<string, Node>,
): Map<number, Node> | undefined {
  if (imp.item.kind !== 'function') return undefined;
  let out: Map<number, Node> | undefined;
  for (const iface of funcInterfaces(r, imp.item.function)) {
    const from = imports.find((i) => i.item.kind === 'interface' && i.item.id === iface);
    const node = from === undefined ? undefined : args.get(from.name);
    if (node === undefined || node.kind === 'import') continue;
    (out ??= new Map()).set(iface, node);
  }
  return out;
}
