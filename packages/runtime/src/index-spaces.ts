// The index spaces of one component instance (Explainer "Index spaces"):
// every definition appends to the space of its sort, and aliases/imports/
// exports add entries too. A `Scope` also serves instance/component type
// declarations (only their type spaces are used), and `parent` is what
// `alias outer` walks.
import type { ComponentInstance, LiftLowerContext, ResourceType } from '@wit-ts/abi';
import type { AbiType, FuncType as AbiFuncType } from '@wit-ts/abi';
import type { Component, DefType, Sort, CoreSort } from '@wit-ts/component';
import type { AsyncTask } from './async-task.js';
import { LinkError } from './errors.js';
import type { HostResource } from './resources.js';

/** A type index space entry: a type definition (resolved lazily in its scope) or a resource type. */
export type TypeEntry =
  | { readonly kind: 'def'; readonly def: DefType; readonly scope: Scope }
  | { readonly kind: 'resource'; readonly rt: ResourceType; readonly host?: HostResource };

/** A component function signature resolved to ABI types. */
export interface ResolvedFunc {
  readonly ft: AbiFuncType;
  readonly paramNames: readonly string[];
  /** Some parameter or the result holds an own/borrow handle (needs host conversion). */
  readonly hasHandles: boolean;
  /** 🔀 An `async func` type: callers may see it block; hosts get a Promise. */
  readonly async: boolean;
}

/** A component-level function. */
export type RtFunc = HostFunc | LiftedFunc;

/** Imported from the host: `fn` takes and returns host values (jco conventions). */
export interface HostFunc {
  readonly kind: 'host';
  readonly name: string;
  readonly sig: ResolvedFunc;
  readonly fn: (...args: unknown[]) => unknown;
  /** `[method]` imports call `fn` with the receiver as `this`. */
  readonly method: boolean;
}

/** `canon lift`: a core function with canonical options, in one component instance. */
export interface LiftedFunc {
  readonly kind: 'lifted';
  readonly sig: ResolvedFunc;
  readonly inst: RuntimeInstance;
  readonly cx: LiftLowerContext;
  readonly core: (...args: unknown[]) => unknown;
  readonly postReturn: ((...args: unknown[]) => unknown) | undefined;
  /** 🔀 The `async` canon option: the value comes back through `task.return`. */
  readonly async: boolean;
  /** 🔀 The `callback` canon option (stackless async): called for each event until EXIT. */
  readonly callback: ((event: number, p1: number, p2: number) => unknown) | undefined;
}

/** A component instance as seen by others: its exports by name. */
export interface RtInstance {
  readonly kind: 'instance';
  readonly exports: Map<string, RtItem>;
}

/** A component definition closed over the scope it was defined in (for outer aliases). */
export interface RtComponent {
  readonly kind: 'component';
  readonly component: Component;
  readonly outer: Scope;
}

export type RtItem =
  | { sort: 'func'; value: RtFunc }
  | { sort: 'instance'; value: RtInstance }
  | { sort: 'type'; value: TypeEntry }
  | { sort: 'component'; value: RtComponent }
  | { sort: 'core-module'; value: WebAssembly.Module }
  | { sort: 'value'; value: unknown };

/** A core instance's exports (a real instance's `exports`, or an inline `exports` bag). */
export type CoreExports = Record<string, unknown>;

/**
 * The shared state of everything instantiated by one top-level
 * `instantiate` call: a trap anywhere poisons all of it (the spec's
 * instance is unusable after a trap; nested instances share its fate).
 */
export interface Store {
  poisoned: boolean;
  /** Generated specialised call paths (default); false = always the generic abi path. */
  readonly fastPaths: boolean;
  /** Embedder hook for core instantiation (jco's `instantiateCore`). */
  readonly instantiateCore?: (
    module: WebAssembly.Module,
    imports: object,
  ) => Promise<WebAssembly.Instance> | WebAssembly.Instance;
}

/** A component instance plus the store it belongs to. */
export interface RuntimeInstance extends ComponentInstance {
  readonly store: Store;
  /** This instance and its ancestors (the entering set of a host call). */
  readonly chain: readonly ComponentInstance[];
  /** `context.get/set` slots of the current task (allocated only when the component uses them). */
  context: number[] | undefined;
  /**
   * 🔀 The async-typed task running innermost in this instance (what
   * `task.return` returns from); cleared while a sync-typed call runs inside
   * it, so that `task.return` from that call traps as the spec requires.
   */
  task: AsyncTask | undefined;
  /** 🔀 `ComponentInstance.exclusive_thread`: the task holding the instance's exclusive lock. */
  exclusive: AsyncTask | undefined;
  /** 🔀 `backpressure.{set,inc,dec}` counter: async-typed calls may not start while it is non-zero. */
  backpressure: number;
}

export class Scope {
  readonly coreFuncs: unknown[] = [];
  readonly coreTables: unknown[] = [];
  readonly coreMemories: unknown[] = [];
  readonly coreGlobals: unknown[] = [];
  readonly coreTags: unknown[] = [];
  readonly coreTypes: unknown[] = [];
  readonly coreModules: WebAssembly.Module[] = [];
  readonly coreInstances: CoreExports[] = [];
  readonly funcs: RtFunc[] = [];
  readonly values: unknown[] = [];
  readonly types: TypeEntry[] = [];
  readonly components: RtComponent[] = [];
  readonly instances: RtInstance[] = [];
  /** ABI types resolved from `types` entries (cache, per scope because resources are per instance). */
  readonly abiCache = new Map<TypeEntry, AbiType>();

  constructor(readonly parent?: Scope) {}

  space(sort: Sort): unknown[] {
    switch (sort) {
      case 'core-func':
        return this.coreFuncs;
      case 'core-table':
        return this.coreTables;
      case 'core-memory':
        return this.coreMemories;
      case 'core-global':
        return this.coreGlobals;
      case 'core-tag':
        return this.coreTags;
      case 'core-type':
        return this.coreTypes;
      case 'core-module':
        return this.coreModules;
      case 'core-instance':
        return this.coreInstances;
      case 'func':
        return this.funcs;
      case 'value':
        return this.values;
      case 'type':
        return this.types;
      case 'component':
        return this.components;
      case 'instance':
        return this.instances;
    }
  }

  coreSpace(sort: CoreSort): unknown[] {
    return this.space(coreSortToSort(sort));
  }

  get<T>(sort: Sort, index: number): T {
    const s = this.space(sort);
    if (index >= s.length) throw new LinkError(`${sort} index ${index} out of bounds (${s.length} defined)`);
    return s[index] as T;
  }

  /** `alias outer count index`: `count` enclosing scopes up. */
  outer(count: number): Scope {
    let s: Scope | undefined = this;
    for (let i = 0; i < count; i++) s = s?.parent;
    if (s === undefined) throw new LinkError(`outer alias count ${count} exceeds the nesting depth`);
    return s;
  }
}

export function coreSortToSort(sort: CoreSort): Sort {
  return sort === 'module' ? 'core-module' : sort === 'instance' ? 'core-instance' : (`core-${sort}` as Sort);
}

/** Wraps an index-space value as an item of the given sort (export maps hold these). */
export function itemOf(sort: Sort, value: unknown): RtItem {
  return { sort, value } as RtItem;
}
