// The composition graph: what a WAC document (or `plug`) evaluates to and
// what the encoder turns into a component. Nodes are imports,
// instantiations of dependency components, and aliases of instance exports;
// item types are views over the shared `Resolve`.

import type { Function, Resolve, WorldItem, WorldKey } from '@wit-ts/wit-parser';
import type { LoadedPackage } from './packages.js';
import type { TypeBinding } from './wac-types.js';
import { keyName } from './resolve-util.js';

export type ItemType =
  | { kind: 'func'; func: Function }
  | { kind: 'type'; id: number }
  /** An instance: of interface `iface` when known (imports), else a bag of exports (instantiations). */
  | { kind: 'instance'; iface?: number; exports: Map<string, ItemType> };

export interface ImportNode {
  kind: 'import';
  name: string;
  key: WorldKey;
  item: WorldItem;
  type: ItemType;
  implicit: boolean;
  /** The local name (for the name section). */
  local?: string;
  /**
   * For a function import typed by an interface that an instantiation
   * provides (not an import): interface id → the instance node providing it.
   * Such an import is encoded after that instance, with its types aliased.
   */
  providers?: Map<number, Node>;
}

export interface InstantiationNode {
  kind: 'instantiation';
  pkg: LoadedPackage;
  /** Import name of the dependency → the node passed. */
  args: Map<string, Node>;
  type: ItemType;
  local?: string;
}

export interface AliasNode {
  kind: 'alias';
  instance: Node;
  exportName: string;
  type: ItemType;
  local?: string;
}

export type Node = ImportNode | InstantiationNode | AliasNode;

export interface Composition {
  /** Type exports: every type statement, plus explicit exports of type names. */
  typeExports?: { name: string; binding: TypeBinding }[];
  /** The document's package and its own interfaces and worlds (for the wrapper types). */
  typePackage?: { pkg: number; interfaces: Map<string, number>; worlds: Map<string, number> };
  /** The package name (for the name section). */
  name: string;
  imports: ImportNode[];
  instantiations: InstantiationNode[];
  exports: { name: string; node: Node }[];
}

export function itemType(r: Resolve, item: WorldItem): ItemType {
  if (item.kind === 'function') return { kind: 'func', func: item.function };
  if (item.kind === 'type') return { kind: 'type', id: item.id };
  const i = r.interfaces[item.id];
  const exports = new Map<string, ItemType>();
  for (const [n, t] of i.types) exports.set(n, { kind: 'type', id: t });
  for (const [n, f] of i.functions) exports.set(n, { kind: 'func', func: f });
  return { kind: 'instance', iface: item.id, exports };
}

/** The instance an instantiation of `world` produces: its exports. */
export function worldInstanceType(r: Resolve, world: number): ItemType {
  const exports = new Map<string, ItemType>();
  for (const { key, item } of r.worlds[world].exports.values()) exports.set(keyName(r, key), itemType(r, item));
  return { kind: 'instance', exports };
}

export function sortOf(t: ItemType): 'func' | 'type' | 'instance' {
  return t.kind;
}

/** `ns:pkg/iface@1.2.3` → parts, or undefined for a plain name. */
export function parseInterfaceName(name: string): { pkg: string; iface: string; version?: string } | undefined {
  const m = /^([^:/@]+(?::[^:/@]+)+)\/([^@]+)(?:@(.+))?$/.exec(name);
  return m === null ? undefined : { pkg: m[1], iface: m[2], version: m[3] };
}

/** The part of a version that semver-compatible versions share (`1.x`, `0.2.x`, `0.0.3`). */
function compatKey(v: string | undefined): string {
  if (v === undefined) return '';
  const m = /^(\d+)\.(\d+)\.(\d+)(-.*)?$/.exec(v);
  if (m === null || m[4] !== undefined) return v;
  if (m[1] !== '0') return m[1];
  if (m[2] !== '0') return `0.${m[2]}`;
  return `0.0.${m[3]}`;
}

/** Names match exactly, or are the same interface at semver-compatible versions. */
export function namesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseInterfaceName(a);
  const y = parseInterfaceName(b);
  return (
    x !== undefined &&
    y !== undefined &&
    x.pkg === y.pkg &&
    x.iface === y.iface &&
    compatKey(x.version) === compatKey(y.version)
  );
}

/** Compares semver strings (for picking the newer of two compatible imports). */
export function compareVersions(a: string | undefined, b: string | undefined): number {
  const p = (v: string | undefined) => (v ?? '0.0.0').split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : 0));
  const [x, y] = [p(a), p(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}
