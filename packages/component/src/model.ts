/**
 * The decoded component model (the AST of Binary.md).
 *
 * Design notes:
 * - Every section keeps its absolute byte `range` in the input plus the width
 *   of its size field and the log of padded LEBs inside it (`padLog`), which
 *   is all the encoder needs to reproduce the input byte-identically from the
 *   decoded form.
 * - Vector items carry their absolute `offset` so validation errors can point
 *   at the exact item.
 * - Value types are either a primitive name (string) or a type index
 *   (number): `typeof` distinguishes them without an extra wrapper object.
 */

/** Section bookkeeping shared by every section (component and core module). */
export interface SectionMeta {
  /** Absolute byte range of the whole section (id byte through end of body). */
  range: { start: number; end: number };
  /** Number of bytes used by the section-size LEB in the input (1 = canonical for small). */
  sizeWidth: number;
  /** Padded LEBs inside the body: flat [relativeOffset, width, ...] or null. */
  padLog: number[] | null;
}

// ---------------------------------------------------------------- sorts

export type CoreSort = 'func' | 'table' | 'memory' | 'global' | 'tag' | 'type' | 'module' | 'instance';

export type Sort =
  | 'core-func'
  | 'core-table'
  | 'core-memory'
  | 'core-global'
  | 'core-tag'
  | 'core-type'
  | 'core-module'
  | 'core-instance'
  | 'func'
  | 'value'
  | 'type'
  | 'component'
  | 'instance';

// ---------------------------------------------------------------- core types

/**
 * Core value/storage type. Single-byte forms (i32 0x7f, i64 0x7e, f32 0x7d,
 * f64 0x7c, v128 0x7b, packed i8 0x78 / i16 0x77, abbreviated reference types
 * such as funcref 0x70 / externref 0x6f) are kept as their byte code.
 */
export type CoreValType = number | CoreRefType;

export interface CoreRefType {
  kind: 'ref';
  nullable: boolean;
  heap: CoreHeapType;
}

export type CoreHeapType = { kind: 'abstract'; code: number; shared: boolean } | { kind: 'index'; index: number };

export interface CoreFieldType {
  storage: CoreValType;
  /** Mutability byte (0 = const, 1 = var). */
  mutable: number;
}

export type CoreCompType =
  | { kind: 'func'; params: CoreValType[]; results: CoreValType[] }
  | { kind: 'struct'; fields: CoreFieldType[] }
  | { kind: 'array'; field: CoreFieldType }
  | { kind: 'cont'; index: number };

export interface CoreSubType {
  /** 'plain' = bare comptype, 'sub' = 0x50 (non-final), 'final' = 0x4f. */
  form: 'plain' | 'sub' | 'final';
  supertypes: number[];
  shared: boolean;
  comp: CoreCompType;
}

export interface CoreRecType {
  /** True when written as an explicit `rec` group (0x4e). */
  explicit: boolean;
  types: CoreSubType[];
}

export interface CoreLimits {
  /** Raw flags byte: bit0 has-max, bit1 shared, bit2 64-bit, bit3 custom page size. */
  flags: number;
  min: bigint;
  max: bigint | null;
  pageSizeLog2: number | null;
}

export type CoreExternType =
  | { kind: 'func'; type: number }
  | { kind: 'table'; element: CoreValType; limits: CoreLimits }
  | { kind: 'memory'; limits: CoreLimits }
  | { kind: 'global'; type: CoreValType; flags: number }
  | { kind: 'tag'; attribute: number; type: number };

export interface CoreImport {
  module: string;
  name: string;
  type: CoreExternType;
  offset: number;
}

export interface CoreExportDecl {
  name: string;
  type: CoreExternType;
}

export type ModuleDecl =
  | { kind: 'import'; import: CoreImport }
  | { kind: 'type'; type: CoreTypeDef }
  | { kind: 'alias'; count: number; index: number }
  | { kind: 'export'; export: CoreExportDecl };

/** An item of a component's core type section (or a module-type declarator). */
export type CoreTypeDef =
  | {
      kind: 'rec';
      rec: CoreRecType;
      /** written as 0x00 0x50 (component-context non-final sub) */ prefixed: boolean;
      offset: number;
    }
  | { kind: 'module'; decls: ModuleDecl[]; offset: number };

// ---------------------------------------------------------------- core modules

export interface CoreExport {
  name: string;
  /** Core external kind byte: 0 func, 1 table, 2 memory, 3 global, 4 tag. */
  kind: number;
  index: number;
  offset: number;
}

export type CoreModuleSection =
  | (SectionMeta & { id: 1; kind: 'type'; types: CoreRecType[]; offsets: number[] })
  | (SectionMeta & { id: 2; kind: 'import'; imports: CoreImport[] })
  | (SectionMeta & { id: 7; kind: 'export'; exports: CoreExport[] })
  | CustomSection
  /** Any other section (function, table, memory, global, start, element, code, data, ...) kept as raw body bytes. */
  | (SectionMeta & { id: number; kind: 'raw'; body: Uint8Array });

export interface CoreModule {
  /** The 4-byte version field (1 for core wasm). */
  version: number;
  sections: CoreModuleSection[];
  range: { start: number; end: number };
}

// ---------------------------------------------------------------- component types

export type PrimValType =
  | 'bool'
  | 's8'
  | 'u8'
  | 's16'
  | 'u16'
  | 's32'
  | 'u32'
  | 's64'
  | 'u64'
  | 'f32'
  | 'f64'
  | 'char'
  | 'string'
  | 'error-context';

/** A primitive, or an index into the type index space. */
export type ValType = PrimValType | number;

export interface NamedValType {
  name: string;
  type: ValType;
}

export interface VariantCase {
  name: string;
  type: ValType | null;
  /** Legacy `refines` immediate (0x01 idx); spec form is always null (0x00). */
  refines: number | null;
}

export type DefValType =
  | { kind: 'prim'; prim: PrimValType }
  | { kind: 'record'; fields: NamedValType[] }
  | { kind: 'variant'; cases: VariantCase[] }
  | { kind: 'list'; element: ValType }
  | { kind: 'fixed-list'; element: ValType; length: number }
  | { kind: 'tuple'; types: ValType[] }
  | { kind: 'flags'; names: string[] }
  | { kind: 'enum'; names: string[] }
  | { kind: 'option'; type: ValType }
  | { kind: 'result'; ok: ValType | null; err: ValType | null }
  | { kind: 'own'; type: number }
  | { kind: 'borrow'; type: number }
  | { kind: 'stream'; element: ValType | null }
  | { kind: 'future'; element: ValType | null }
  | { kind: 'map'; key: ValType; value: ValType };

export interface FuncType {
  kind: 'func';
  async: boolean;
  params: NamedValType[];
  result: ValType | null;
}

export interface ResourceType {
  kind: 'resource';
  rep: CoreValType;
  dtor: number | null;
}

export type TypeBound = { kind: 'eq'; index: number } | { kind: 'sub-resource' };
export type ValueBound = { kind: 'eq'; index: number } | { kind: 'type'; type: ValType };

export type ExternType =
  | { kind: 'module'; type: number }
  | { kind: 'func'; type: number }
  | { kind: 'value'; bound: ValueBound }
  | { kind: 'type'; bound: TypeBound }
  | { kind: 'component'; type: number }
  | { kind: 'instance'; type: number };

export type Attribute =
  | { kind: 'implements'; name: string }
  | { kind: 'version-suffix'; suffix: string }
  | { kind: 'external-id'; id: string };

/** `nameattributes`: the tag byte (0x00/0x01 are the redundant plain forms). */
export interface ExternName {
  tag: 0 | 1 | 2;
  name: string;
  attributes: Attribute[];
}

export type InstanceDecl =
  | { kind: 'core-type'; type: CoreTypeDef; offset: number }
  | { kind: 'type'; type: DefType; offset: number }
  | { kind: 'alias'; alias: Alias; offset: number }
  | { kind: 'export'; name: ExternName; type: ExternType; offset: number };

export type ComponentDecl = InstanceDecl | { kind: 'import'; name: ExternName; type: ExternType; offset: number };

export interface ComponentType {
  kind: 'component';
  decls: ComponentDecl[];
}

export interface InstanceType {
  kind: 'instance';
  decls: InstanceDecl[];
}

export type DefType = DefValType | FuncType | ComponentType | InstanceType | ResourceType;

export interface TypeItem {
  type: DefType;
  offset: number;
}

// ---------------------------------------------------------------- definitions

export interface CoreInstantiateArg {
  name: string;
  sort: CoreSort;
  index: number;
}

export interface CoreInlineExport {
  name: string;
  sort: CoreSort;
  index: number;
}

export type CoreInstance =
  | { kind: 'instantiate'; module: number; args: CoreInstantiateArg[]; offset: number }
  | { kind: 'exports'; exports: CoreInlineExport[]; offset: number };

export interface InstantiateArg {
  name: string;
  sort: Sort;
  index: number;
}

export interface InlineExport {
  name: ExternName;
  sort: Sort;
  index: number;
}

export type Instance =
  | { kind: 'instantiate'; component: number; args: InstantiateArg[]; offset: number }
  | { kind: 'exports'; exports: InlineExport[]; offset: number };

export type AliasTarget =
  | { kind: 'export'; instance: number; name: string }
  | { kind: 'core-export'; instance: number; name: string }
  | { kind: 'outer'; count: number; index: number };

export interface Alias {
  sort: Sort;
  target: AliasTarget;
  offset: number;
}

export type CanonOpt =
  | { kind: 'utf8' }
  | { kind: 'utf16' }
  | { kind: 'latin1+utf16' }
  | { kind: 'memory'; index: number }
  | { kind: 'realloc'; index: number }
  | { kind: 'post-return'; index: number }
  | { kind: 'async' }
  | { kind: 'callback'; index: number }
  /** wasmparser GC-ABI extensions (0x08 core-type, 0x09 gc), accepted for robustness. */
  | { kind: 'core-type'; index: number }
  | { kind: 'gc' };

export type CanonKind =
  | 'lift'
  | 'lower'
  | 'resource.new'
  | 'resource.drop'
  | 'resource.drop-async'
  | 'resource.rep'
  | 'backpressure.set'
  | 'backpressure.inc'
  | 'backpressure.dec'
  | 'task.return'
  | 'task.cancel'
  | 'context.get'
  | 'context.set'
  | 'subtask.cancel'
  | 'subtask.drop'
  | 'stream.new'
  | 'stream.read'
  | 'stream.write'
  | 'stream.cancel-read'
  | 'stream.cancel-write'
  | 'stream.drop-readable'
  | 'stream.drop-writable'
  | 'future.new'
  | 'future.read'
  | 'future.write'
  | 'future.cancel-read'
  | 'future.cancel-write'
  | 'future.drop-readable'
  | 'future.drop-writable'
  | 'error-context.new'
  | 'error-context.debug-message'
  | 'error-context.drop'
  | 'waitable-set.new'
  | 'waitable-set.wait'
  | 'waitable-set.poll'
  | 'waitable-set.drop'
  | 'waitable.join'
  | 'thread.index'
  | 'thread.new-indirect'
  | 'thread.resume-later'
  | 'thread.suspend'
  | 'thread.yield'
  | 'thread.suspend-then-resume'
  | 'thread.yield-then-resume'
  | 'thread.suspend-then-promote'
  | 'thread.yield-then-promote'
  | 'thread.spawn-ref'
  | 'thread.spawn-indirect'
  | 'thread.available-parallelism';

/**
 * One `canon` definition. Which optional fields are present depends on
 * `kind` (see CANON_FORMS in decode-canon.ts, the single source of truth for
 * the immediates of every opcode).
 */
export interface Canon {
  kind: CanonKind;
  /** The opcode byte as decoded (the encoder falls back to the kind's canonical opcode). */
  opcode?: number;
  offset: number;
  /** lift: the core function lifted. */
  coreFunc?: number;
  /** lower: the component function lowered. */
  func?: number;
  /** lift: the function type; resource.*, stream.*, future.*: the type operand. */
  type?: number;
  options?: CanonOpt[];
  async?: boolean;
  cancellable?: boolean;
  shared?: boolean;
  /** task.return: the result type (null = no result). */
  result?: ValType | null;
  /** context.get/set: core value type and slot index. */
  valType?: CoreValType;
  index?: number;
  /** waitable-set.wait/poll: the memory. */
  memory?: number;
  /** thread.new-indirect / spawn-*: core function type and table. */
  coreType?: number;
  table?: number;
}

export interface Start {
  func: number;
  args: number[];
  results: number;
  offset: number;
}

export interface Import {
  name: ExternName;
  type: ExternType;
  offset: number;
}

export interface Export {
  name: ExternName;
  sort: Sort;
  index: number;
  type: ExternType | null;
  offset: number;
}

export interface Value {
  type: ValType;
  /** The encoded value `v` (its length prefix is derived on encode). */
  bytes: Uint8Array;
  offset: number;
}

// ---------------------------------------------------------------- custom sections

export interface NameMapEntry {
  index: number;
  name: string;
}

export type ComponentNameSubsection =
  | { kind: 'component'; name: string; sizeWidth: number }
  | { kind: 'sort'; sort: Sort; names: NameMapEntry[]; sizeWidth: number }
  | { kind: 'unknown'; id: number; data: Uint8Array; sizeWidth: number };

export interface ProducersField {
  name: string;
  values: { name: string; version: string }[];
}

export type CustomPayload =
  { kind: 'component-name'; subsections: ComponentNameSubsection[] } | { kind: 'producers'; fields: ProducersField[] };

export interface CustomSection extends SectionMeta {
  id: 0;
  kind: 'custom';
  name: string;
  /** Raw payload after the name (always kept). */
  data: Uint8Array;
  /** Structured form for `component-name` and `producers` sections (null when absent or unparsable). */
  parsed: CustomPayload | null;
  /** True for wit-component's `component-type*` sections (an encoded component type). */
  componentType: boolean;
}

// ---------------------------------------------------------------- component

export interface ComponentModuleSection extends SectionMeta {
  id: 1;
  kind: 'core-module';
  /** The module's bytes (zero-copy view into the input). */
  bytes: Uint8Array;
  /** Decoded module, decoded lazily on first access. */
  readonly module: CoreModule;
  /** Whether `module` has been decoded yet. */
  readonly decoded: boolean;
}

export type ComponentSection =
  | CustomSection
  | ComponentModuleSection
  | (SectionMeta & { id: 2; kind: 'core-instance'; items: CoreInstance[] })
  | (SectionMeta & { id: 3; kind: 'core-type'; items: CoreTypeDef[] })
  | (SectionMeta & { id: 4; kind: 'component'; component: Component })
  | (SectionMeta & { id: 5; kind: 'instance'; items: Instance[] })
  | (SectionMeta & { id: 6; kind: 'alias'; items: Alias[] })
  | (SectionMeta & { id: 7; kind: 'type'; items: TypeItem[] })
  | (SectionMeta & { id: 8; kind: 'canon'; items: Canon[] })
  | (SectionMeta & { id: 9; kind: 'start'; start: Start })
  | (SectionMeta & { id: 10; kind: 'import'; items: Import[] })
  | (SectionMeta & { id: 11; kind: 'export'; items: Export[] })
  | (SectionMeta & { id: 12; kind: 'value'; items: Value[] });

export interface Component {
  /** Preamble version (0x0d) and layer (1). */
  version: number;
  layer: number;
  sections: ComponentSection[];
  range: { start: number; end: number };
}
