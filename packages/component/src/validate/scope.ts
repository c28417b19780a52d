/**
 * Index spaces and issue reporting shared by the validator modules.
 *
 * Every definition pushes exactly one entry into its index space even when
 * it is invalid (an "unknown" placeholder), so later indices stay aligned
 * and one mistake does not cascade into a flood of follow-up errors.
 */
import type { ValidationIssue } from '../errors.js';
import type { Sort } from '../model.js';
import type {
  RComponent,
  RCoreExtern,
  RCoreFunc,
  RCoreType,
  RExtern,
  RFunc,
  RInstance,
  RModule,
  RResource,
  RType,
  RVal,
} from './types.js';

export type ScopeKind = 'component' | 'component-type' | 'instance-type' | 'module-type';

export class Scope {
  readonly types: RType[] = [];
  readonly funcs: (RFunc | null)[] = [];
  readonly values: { v: RVal; used: boolean }[] = [];
  readonly components: (RComponent | null)[] = [];
  readonly instances: (RInstance | null)[] = [];
  readonly coreFuncs: (RCoreFunc | null)[] = [];
  readonly coreTables: (RCoreExtern | null)[] = [];
  readonly coreMemories: (RCoreExtern | null)[] = [];
  readonly coreGlobals: (RCoreExtern | null)[] = [];
  readonly coreTags: (RCoreExtern | null)[] = [];
  readonly coreTypes: RCoreType[] = [];
  readonly coreModules: (RModule | null)[] = [];
  readonly coreInstances: (Map<string, RCoreExtern> | null)[] = [];
  /** uniqueness key -> original name */
  readonly importKeys = new Map<string, string>();
  readonly exportKeys = new Map<string, string>();
  readonly importTypes = new Map<string, RExtern>();
  readonly exportTypes = new Map<string, RExtern>();
  /** Root resource -> label, for resources named by an import / export of this scope. */
  readonly importResourceNames = new Map<RResource, Set<string>>();
  readonly exportResourceNames = new Map<RResource, Set<string>>();
  /** Resources defined in this scope (see RInstance.defined / RComponent.defined). */
  readonly defined: RResource[] = [];
  /**
   * Type identities (resources, named value types) made externally visible
   * by an import / an export of this scope (visibility.ts).
   */
  readonly namedImports = new Set<object>();
  readonly namedExports = new Set<object>();

  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | null,
  ) {}

  /** Number of entries in the index space of `sort`. */
  size(sort: Sort): number {
    return this.space(sort).length;
  }

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

  /** The entry at `index` in `sort`'s space as an extern (for instantiate args / exports). */
  externAt(sort: Sort, index: number): RExtern | null {
    switch (sort) {
      case 'func':
        return { sort: 'func', f: this.funcs[index] };
      case 'value':
        return { sort: 'value', v: this.values[index].v };
      case 'type':
        return { sort: 'type', t: this.types[index] };
      case 'component':
        return { sort: 'component', c: this.components[index] };
      case 'instance':
        return { sort: 'instance', i: this.instances[index] };
      case 'core-module':
        return { sort: 'core-module', m: this.coreModules[index] };
      default:
        return null;
    }
  }

  /** Append an extern to the index space of its sort. */
  pushExtern(e: RExtern): void {
    switch (e.sort) {
      case 'func':
        this.funcs.push(e.f);
        break;
      case 'value':
        this.values.push({ v: e.v, used: false });
        break;
      case 'type':
        this.types.push(e.t);
        break;
      case 'component':
        this.components.push(e.c);
        break;
      case 'instance':
        this.instances.push(e.i);
        break;
      case 'core-module':
        this.coreModules.push(e.m);
        break;
    }
  }

  /** Append a core extern (from a core instance export) to its core space. */
  pushCore(sort: Sort, ext: RCoreExtern | null): void {
    switch (sort) {
      case 'core-func':
        this.coreFuncs.push(ext?.func ?? null);
        break;
      case 'core-table':
        this.coreTables.push(ext);
        break;
      case 'core-memory':
        this.coreMemories.push(ext);
        break;
      case 'core-global':
        this.coreGlobals.push(ext);
        break;
      case 'core-tag':
        this.coreTags.push(ext);
        break;
      default:
        this.pushPlaceholder(sort);
    }
  }

  /** Push an "unknown" entry keeping the space aligned after an invalid definition. */
  pushPlaceholder(sort: Sort): void {
    switch (sort) {
      case 'type':
        this.types.push(UNKNOWN_TYPE);
        return;
      case 'value':
        this.values.push({ v: UNKNOWN_VAL, used: true });
        return;
      case 'core-type':
        this.coreTypes.push({ tag: 'other' });
        return;
      default:
        (this.space(sort) as unknown[]).push(null);
    }
  }
}

export const UNKNOWN_TYPE: RType = { tag: 'unknown' };
export const UNKNOWN_VAL: RVal = { k: 'unknown' };

let resourceCounter = 0;
export function freshResource(local: boolean, scope: Scope | null): RResource {
  return { id: ++resourceCounter, local, scope };
}

/** Collects issues; `section` / `item` are set by the walker as it goes. */
export class Ctx {
  readonly issues: ValidationIssue[] = [];
  section = 'component';
  item = -1;
  offset = 0;
  /** Start offset of the component currently being validated. */
  component = 0;

  report(message: string, offset = this.offset): void {
    this.issues.push({ message, section: this.section, item: this.item, offset, component: this.component });
  }

  /** Check `index` is in range for `sort`; reports and returns false if not. */
  inRange(scope: Scope, sort: Sort, index: number, what: string = sort.replace('core-', 'core ')): boolean {
    const n = scope.size(sort);
    if (index < n) return true;
    this.report(`unknown ${what} ${index}: ${what} index out of bounds (${n} defined)`);
    return false;
  }
}

export const CORE_KIND_SORT: Sort[] = ['core-func', 'core-table', 'core-memory', 'core-global', 'core-tag'];
