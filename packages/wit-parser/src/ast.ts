// The WIT abstract syntax tree: what the parser hands to the resolver.
//
// The shape follows wasm-tools' `wit-parser` AST on purpose: the resolver
// reproduces wasm-tools' arena ordering exactly, and that ordering falls out
// of walking these nodes in the same order wasm-tools walks its own.
//
// Every span is a pair of *global* byte offsets into a `SourceMap` (see
// source-map.ts): each file pushed into the map gets its own offset range, so
// a span alone identifies the file, the line and the column.

export interface Span {
  start: number;
  end: number;
}

/** An identifier, already unescaped (`%interface` → `interface`). */
export interface Id {
  name: string;
  span: Span;
}

/**
 * The comments written directly before an item, in source order, each exactly
 * as written (`// foo`, `/// foo`, `/* foo *\/`). The resolver turns them into
 * the `docs.contents` string the way wasm-tools does.
 */
export interface Docs {
  comments: string[];
  span: Span;
}

export interface Version {
  /** The text as written, e.g. `1.2.3-rc.1+build`. */
  text: string;
  major: number;
  minor: number;
  patch: number;
  /** Pre-release identifiers (`rc.1` → ["rc", "1"]), empty when none. */
  pre: string[];
  /** Build metadata identifiers, empty when none. */
  build: string[];
  span: Span;
}

export type Attribute =
  | { kind: 'since'; version: Version; span: Span }
  | { kind: 'unstable'; feature: Id; span: Span }
  | { kind: 'deprecated'; version: Version; span: Span }
  | { kind: 'external-id'; id: string; span: Span };

/** One parsed `.wit` file. */
export interface PackageFile {
  /** The `package ns:name@ver;` header, when the file has one. */
  packageName?: PackageName;
  items: AstItem[];
}

export type AstItem =
  | { kind: 'interface'; interface: Interface }
  | { kind: 'world'; world: World }
  | { kind: 'use'; use: ToplevelUse }
  | { kind: 'package'; package: NestedPackage };

/** `package ns:name { … }` inside a file. */
export interface NestedPackage {
  packageName: PackageName;
  docs: Docs;
  attributes: Attribute[];
  items: AstItem[];
  span: Span;
}

export interface PackageName {
  docs: Docs;
  /** From the namespace through the version (or the name when unversioned). */
  span: Span;
  namespace: Id;
  name: Id;
  version?: Version;
}

/** `use ns:pkg/iface@1.0.0 as name;` at the top level of a file. */
export interface ToplevelUse {
  span: Span;
  attributes: Attribute[];
  item: UsePath;
  as?: Id;
}

export interface World {
  docs: Docs;
  attributes: Attribute[];
  name: Id;
  items: WorldItem[];
}

export type WorldItem =
  | { kind: 'import'; import: ImportOrExport }
  | { kind: 'export'; export: ImportOrExport }
  | { kind: 'use'; use: Use }
  | { kind: 'type'; type: TypeDef }
  | { kind: 'include'; include: Include };

export interface ImportOrExport {
  docs: Docs;
  attributes: Attribute[];
  kind: ExternKind;
}

export type ExternKind =
  /** `import name: interface { … }` */
  | { kind: 'interface'; name: Id; items: InterfaceItem[] }
  /** `import iface;`, `import ns:pkg/iface@v;` */
  | { kind: 'path'; path: UsePath }
  /** `import name: ns:pkg/iface;` — a plain name implemented by an interface */
  | { kind: 'named-path'; name: Id; path: UsePath }
  /** `import name: func(…);` */
  | { kind: 'func'; name: Id; func: Func };

export interface Interface {
  docs: Docs;
  attributes: Attribute[];
  name: Id;
  items: InterfaceItem[];
}

export type InterfaceItem =
  { kind: 'type'; type: TypeDef } | { kind: 'func'; func: NamedFunc } | { kind: 'use'; use: Use };

/** `use path.{a, b as c};` inside an interface or world. */
export interface Use {
  attributes: Attribute[];
  from: UsePath;
  names: UseName[];
  span: Span;
}

export type UsePath = { kind: 'id'; id: Id } | { kind: 'package'; package: PackageName; name: Id };

export interface UseName {
  name: Id;
  as?: Id;
}

/** `include path with { a as b };` */
export interface Include {
  attributes: Attribute[];
  from: UsePath;
  names: IncludeName[];
  span: Span;
}

export interface IncludeName {
  name: Id;
  as: Id;
}

export interface TypeDef {
  docs: Docs;
  attributes: Attribute[];
  name: Id;
  type: Type;
}

export type PrimitiveTypeName =
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

export type Type =
  | { kind: 'primitive'; name: PrimitiveTypeName; span: Span }
  /** A reference to a named type. */
  | { kind: 'name'; id: Id }
  | { kind: 'list'; element: Type; span: Span }
  | { kind: 'fixed-length-list'; element: Type; size: number; span: Span }
  | { kind: 'map'; key: Type; value: Type; span: Span }
  | { kind: 'handle'; handle: 'own' | 'borrow'; resource: Id; span: Span }
  | { kind: 'resource'; funcs: ResourceFunc[]; span: Span }
  | { kind: 'record'; fields: Field[]; span: Span }
  | { kind: 'flags'; flags: Flag[]; span: Span }
  | { kind: 'variant'; cases: Case[]; span: Span }
  | { kind: 'tuple'; types: Type[]; span: Span }
  | { kind: 'enum'; cases: EnumCase[]; span: Span }
  | { kind: 'option'; type: Type; span: Span }
  | { kind: 'result'; ok?: Type; err?: Type; span: Span }
  | { kind: 'future'; type?: Type; span: Span }
  | { kind: 'stream'; type?: Type; span: Span };

export type ResourceFunc =
  { kind: 'method'; func: NamedFunc } | { kind: 'static'; func: NamedFunc } | { kind: 'constructor'; func: NamedFunc };

export interface NamedFunc {
  docs: Docs;
  attributes: Attribute[];
  /** For a constructor, the `constructor` keyword's span and name. */
  name: Id;
  func: Func;
}

export interface Func {
  span: Span;
  async: boolean;
  params: Param[];
  result?: Type;
}

export interface Param {
  name: Id;
  type: Type;
}

export interface Field {
  docs: Docs;
  name: Id;
  type: Type;
}

export interface Flag {
  docs: Docs;
  name: Id;
}

export interface Case {
  docs: Docs;
  name: Id;
  type?: Type;
}

export interface EnumCase {
  docs: Docs;
  name: Id;
}
