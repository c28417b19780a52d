// The resolved WIT model: arenas of worlds, interfaces, types and packages
// cross-referenced by index, mirroring wasm-tools' `Resolve`. The resolver
// produces it, `toWasmToolsJson` serialises it, the canonical printer prints
// it, and later the binary encoder and the bindings generators consume it.

import type { Span } from '../ast.js';
import type { SourceMap } from '../source-map.js';

export type PrimitiveType =
  | 'bool'
  | 'u8'
  | 'u16'
  | 'u32'
  | 'u64'
  | 's8'
  | 's16'
  | 's32'
  | 's64'
  | 'f32'
  | 'f64'
  | 'char'
  | 'string'
  | 'error-context';

/** A value type: a primitive by name, or an index into `Resolve.types`. */
export type TypeRef = PrimitiveType | number;

export interface Docs {
  contents?: string;
}

export type Stability =
  | { kind: 'unknown' }
  | { kind: 'stable'; since: string; deprecated?: string }
  | { kind: 'unstable'; feature: string; deprecated?: string };

export interface PackageName {
  namespace: string;
  name: string;
  /** Semver text, e.g. `0.2.3` or `1.0.0-rc.1`. */
  version?: string;
}

export interface Package {
  name: PackageName;
  docs: Docs;
  /** Interface name → index into `Resolve.interfaces`, in definition order. */
  interfaces: Map<string, number>;
  /** World name → index into `Resolve.worlds`, in definition order. */
  worlds: Map<string, number>;
  /** The `ns:name@version` of the package header (absent when decoded). */
  span?: Span;
}

export type TypeOwner = { world: number } | { interface: number } | null;

export interface Field {
  name: string;
  type: TypeRef;
  docs: Docs;
}
export interface Flag {
  name: string;
  docs: Docs;
}
export interface Case {
  name: string;
  type?: TypeRef;
  docs: Docs;
}
export interface EnumCase {
  name: string;
  docs: Docs;
}

export type TypeDefKind =
  | { kind: 'record'; fields: Field[] }
  | { kind: 'resource' }
  | { kind: 'handle'; handle: 'own' | 'borrow'; resource: number }
  | { kind: 'flags'; flags: Flag[] }
  | { kind: 'tuple'; types: TypeRef[] }
  | { kind: 'variant'; cases: Case[] }
  | { kind: 'enum'; cases: EnumCase[] }
  | { kind: 'option'; type: TypeRef }
  | { kind: 'result'; ok?: TypeRef; err?: TypeRef }
  | { kind: 'list'; element: TypeRef }
  | { kind: 'fixed-length-list'; element: TypeRef; size: number }
  | { kind: 'map'; key: TypeRef; value: TypeRef }
  | { kind: 'future'; type?: TypeRef }
  | { kind: 'stream'; type?: TypeRef }
  /** `type a = b;` — an alias of another type. */
  | { kind: 'type'; type: TypeRef }
  /** Placeholder while resolving; never left in a finished `Resolve`. */
  | { kind: 'unknown' };

export interface TypeDef {
  name?: string;
  kind: TypeDefKind;
  owner: TypeOwner;
  docs: Docs;
  stability: Stability;
}

export type FunctionKind =
  | { kind: 'freestanding' }
  | { kind: 'async-freestanding' }
  | { kind: 'method'; resource: number }
  | { kind: 'async-method'; resource: number }
  | { kind: 'static'; resource: number }
  | { kind: 'async-static'; resource: number }
  | { kind: 'constructor'; resource: number };

export interface Param {
  name: string;
  type: TypeRef;
}

export interface Function {
  /** The full name: `f`, `[method]r.f`, `[static]r.f`, `[constructor]r`. */
  name: string;
  kind: FunctionKind;
  params: Param[];
  result?: TypeRef;
  docs: Docs;
  stability: Stability;
}

export interface Interface {
  /** Undefined for an anonymous inline interface of a world. */
  name?: string;
  types: Map<string, number>;
  functions: Map<string, Function>;
  docs: Docs;
  stability: Stability;
  /** Index into `Resolve.packages`. */
  package?: number;
  /** Where the interface was defined, for diagnostics (absent when decoded). */
  span?: Span;
}

/** A world import/export key: a plain name, or an interface by index. */
export type WorldKey = { name: string } | { interface: number };

export type WorldItem =
  /** `docs` are those written on the `import`/`export` statement itself. */
  | { kind: 'interface'; id: number; stability: Stability; docs?: Docs }
  | { kind: 'function'; function: Function }
  | { kind: 'type'; id: number };

export interface World {
  name: string;
  /** Keyed by `worldKeyString(key)`; the key itself is kept beside the item. */
  imports: Map<string, { key: WorldKey; item: WorldItem }>;
  exports: Map<string, { key: WorldKey; item: WorldItem }>;
  package?: number;
  docs: Docs;
  stability: Stability;
  span?: Span;
}

export interface Resolve {
  worlds: World[];
  interfaces: Interface[];
  types: TypeDef[];
  packages: Package[];
  /** Package name string (`ns:name@ver`) → index into `packages`. */
  packageNames: Map<string, number>;
  /** Features enabled while resolving (gates with these are kept). */
  features: Set<string>;
  allFeatures: boolean;
  /** The package the resolved path or source defined (wasm-tools' returned `PackageId`). */
  main?: number;
  /** The parsed sources: every span in this `Resolve` points into this map. */
  sourceMap?: SourceMap;
}

/** The string a world key is stored under: the name, or `interface-N`. */
export function worldKeyString(key: WorldKey): string {
  return 'name' in key ? key.name : `interface-${key.interface}`;
}

export function packageNameString(name: PackageName): string {
  const base = `${name.namespace}:${name.name}`;
  return name.version === undefined ? base : `${base}@${name.version}`;
}
