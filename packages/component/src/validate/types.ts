/**
 * Validator-internal resolved types. Index-based model types are resolved
 * (once, when defined) into a scope-independent DAG so that types coming from
 * different scopes (outer aliases, instance exports, nested components) can
 * be compared structurally. Resources are compared by identity.
 */
import type { CoreExternType, CoreLimits, CoreValType, PrimValType } from '../model.js';

/** A resource type; identity is object identity. */
export interface RResource {
  readonly id: number;
  /** Defined by a `resource` type definition in the component being validated. */
  readonly local: boolean;
  readonly scope: unknown;
  /**
   * Set on the fresh type index an `export`/`import` of a resource creates:
   * the same resource (equality uses the root) but a distinct identity, which
   * the external-visibility rules need.
   */
  readonly root?: RResource;
}

export function rootOf(r: RResource): RResource {
  return r.root ?? r;
}

export type RVal =
  | PrimValType
  | { k: 'record'; fields: { name: string; t: RVal }[] }
  | { k: 'variant'; cases: { name: string; t: RVal | null }[] }
  | { k: 'list'; e: RVal }
  | { k: 'fixed-list'; e: RVal; n: number }
  | { k: 'tuple'; ts: RVal[] }
  | { k: 'flags'; names: string[] }
  | { k: 'enum'; names: string[] }
  | { k: 'option'; t: RVal }
  | { k: 'result'; ok: RVal | null; err: RVal | null }
  | { k: 'own'; r: RResource }
  | { k: 'borrow'; r: RResource }
  | { k: 'stream'; e: RVal | null }
  | { k: 'future'; e: RVal | null }
  | { k: 'map'; key: RVal; value: RVal }
  | { k: 'unknown' };

export interface RFunc {
  async: boolean;
  params: { name: string; t: RVal }[];
  result: RVal | null;
}

export type RExtern =
  | { sort: 'func'; f: RFunc | null }
  | { sort: 'value'; v: RVal }
  | { sort: 'type'; t: RType }
  | { sort: 'component'; c: RComponent | null }
  | { sort: 'instance'; i: RInstance | null }
  | { sort: 'core-module'; m: RModule | null };

export interface RInstance {
  exports: Map<string, RExtern>;
  /**
   * Resources this instance type defines (`sub resource` exports, also of
   * nested instances): each import of the type gets fresh ones.
   */
  defined?: RResource[];
}

export interface RComponent {
  imports: Map<string, RExtern>;
  exports: Map<string, RExtern>;
  /** Resources defined by the component (type): fresh ones per instantiation. */
  defined?: RResource[];
}

/** Entry of the component type index space. */
export type RType =
  | { tag: 'val'; v: RVal }
  | { tag: 'func'; f: RFunc }
  | { tag: 'component'; c: RComponent }
  | { tag: 'instance'; i: RInstance }
  | { tag: 'resource'; r: RResource }
  | { tag: 'unknown' };

// ------------------------------------------------------------------ core

export interface RCoreFunc {
  params: CoreValType[];
  results: CoreValType[];
}

/** Core extern as seen by instantiation: kind byte plus (for funcs) the signature. */
export interface RCoreExtern {
  kind: number; // 0 func, 1 table, 2 memory, 3 global, 4 tag
  func: RCoreFunc | null;
  /** Full type for tables, memories and globals (null when unknown). */
  type?: CoreExternType | null;
}

export interface RModule {
  imports: { module: string; name: string; ext: RCoreExtern }[];
  exports: Map<string, RCoreExtern>;
}

export type RCoreType = { tag: 'func'; f: RCoreFunc } | { tag: 'module'; m: RModule } | { tag: 'other' };

// ------------------------------------------------------------------ comparison

export type ResourceSubst = Map<RResource, RResource>;

/**
 * `a` is the actual resource, `b` the expected one. Abstract expected
 * resources (`sub resource` imports/exports of a type being matched) are
 * bound to the actual resource on first use ("matching with inference"), so
 * e.g. an instance argument's concrete resource satisfies the importing
 * component's abstract one.
 */
function sameResource(a: RResource, b: RResource, subst: ResourceSubst | null): boolean {
  a = rootOf(a);
  b = rootOf(b);
  const bound = subst?.get(b);
  if (bound !== undefined) return bound === a;
  if (a === b) return true;
  if (subst && !b.local) {
    subst.set(b, a);
    return true;
  }
  return false;
}

/** Structural equality of value types (`a` may mention substituted resources). */
export function valEq(a: RVal, b: RVal, subst: ResourceSubst | null = null): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.k === 'unknown' || b.k === 'unknown') return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'record': {
      const bb = b as typeof a;
      return (
        a.fields.length === bb.fields.length &&
        a.fields.every((f, i) => f.name === bb.fields[i].name && valEq(f.t, bb.fields[i].t, subst))
      );
    }
    case 'variant': {
      const bb = b as typeof a;
      return (
        a.cases.length === bb.cases.length &&
        a.cases.every((c, i) => c.name === bb.cases[i].name && optEq(c.t, bb.cases[i].t, subst))
      );
    }
    case 'list':
      return valEq(a.e, (b as typeof a).e, subst);
    case 'fixed-list':
      return a.n === (b as typeof a).n && valEq(a.e, (b as typeof a).e, subst);
    case 'tuple': {
      const bb = b as typeof a;
      return a.ts.length === bb.ts.length && a.ts.every((t, i) => valEq(t, bb.ts[i], subst));
    }
    case 'flags':
    case 'enum': {
      const bb = b as typeof a;
      return a.names.length === bb.names.length && a.names.every((n, i) => n === bb.names[i]);
    }
    case 'option':
      return valEq(a.t, (b as typeof a).t, subst);
    case 'result':
      return optEq(a.ok, (b as typeof a).ok, subst) && optEq(a.err, (b as typeof a).err, subst);
    case 'own':
    case 'borrow':
      return sameResource(a.r, (b as typeof a).r, subst);
    case 'stream':
    case 'future':
      return optEq(a.e, (b as typeof a).e, subst);
    case 'map':
      return valEq(a.key, (b as typeof a).key, subst) && valEq(a.value, (b as typeof a).value, subst);
  }
}

function optEq(a: RVal | null, b: RVal | null, subst: ResourceSubst | null): boolean {
  if (a === null || b === null) return a === b;
  return valEq(a, b, subst);
}

export function funcEq(a: RFunc, b: RFunc, subst: ResourceSubst | null = null): boolean {
  return (
    a.async === b.async &&
    a.params.length === b.params.length &&
    a.params.every((p, i) => p.name === b.params[i].name && valEq(p.t, b.params[i].t, subst)) &&
    optEq(a.result, b.result, subst)
  );
}

/**
 * Is `actual` usable where `expected` is required? Returns null when yes,
 * else a reason. Instance/component types are checked by name (width
 * subtyping); functions and value types by equality.
 */
export function externSubtype(
  actual: RExtern,
  expected: RExtern,
  subst: ResourceSubst | null,
  depth = 0,
): string | null {
  if (actual.sort !== expected.sort) return `expected ${expected.sort}, found ${actual.sort}`;
  if (depth > 50) return null;
  switch (expected.sort) {
    case 'func': {
      const a = (actual as typeof expected).f;
      if (a && expected.f && !funcEq(a, expected.f, subst)) return 'function types do not match';
      return null;
    }
    case 'value':
      return valEq((actual as typeof expected).v, expected.v, subst) ? null : 'value types do not match';
    case 'type':
      return typeSubtype((actual as typeof expected).t, expected.t, subst, depth);
    case 'instance': {
      const a = (actual as typeof expected).i;
      if (!a || !expected.i) return null;
      return instanceSubtype(a, expected.i, subst, depth);
    }
    case 'component': {
      const a = (actual as typeof expected).c;
      const e = expected.c;
      if (!a || !e) return null;
      for (const [name, ex] of e.exports) {
        const ax = a.exports.get(name);
        if (!ax) return `missing expected export \`${name}\``;
        const why = externSubtype(ax, ex, subst, depth + 1);
        if (why) return `type mismatch in export \`${name}\`: ${why}`;
      }
      for (const [name, ax] of a.imports) {
        const ex = e.imports.get(name);
        if (!ex) return `missing expected import \`${name}\``;
        const why = externSubtype(ex, ax, subst, depth + 1);
        if (why) return `type mismatch in import \`${name}\`: ${why}`;
      }
      return null;
    }
    case 'core-module': {
      const a = (actual as typeof expected).m;
      const e = expected.m;
      if (!a || !e) return null;
      for (const [name, ex] of e.exports) {
        const ax = a.exports.get(name);
        if (!ax) return `module export \`${name}\` missing`;
        const why = coreExternSubtype(ax, ex);
        if (why) return `type mismatch in export \`${name}\`: ${why}`;
      }
      // Imports are contravariant: whatever the actual module imports, the
      // expected type must promise to supply (with a subtype).
      for (const ai of a.imports) {
        const ei = e.imports.find((x) => x.module === ai.module && x.name === ai.name);
        if (!ei) return `missing expected import \`${ai.module}::${ai.name}\``;
        const why = coreExternSubtype(ei.ext, ai.ext);
        if (why) return `type mismatch in import \`${ai.module}::${ai.name}\`: ${why}`;
      }
      return null;
    }
  }
}

export function instanceSubtype(a: RInstance, e: RInstance, subst: ResourceSubst | null, depth = 0): string | null {
  for (const [name, ex] of e.exports) {
    const ax = a.exports.get(name);
    if (!ax) return `missing expected export \`${name}\``;
    const why = externSubtype(ax, ex, subst, depth + 1);
    if (why) return `type mismatch in export \`${name}\`: ${why}`;
  }
  return null;
}

function typeSubtype(a: RType, e: RType, subst: ResourceSubst | null, depth: number): string | null {
  if (a.tag === 'unknown' || e.tag === 'unknown') return null;
  if (a.tag !== e.tag) return `expected ${e.tag} type, found ${a.tag} type`;
  switch (e.tag) {
    case 'resource':
      return sameResource((a as typeof e).r, e.r, subst) ? null : 'resource types are not the same';
    case 'val':
      return valEq((a as typeof e).v, e.v, subst) ? null : 'value types do not match';
    case 'func':
      return funcEq((a as typeof e).f, e.f, subst) ? null : 'function types do not match';
    case 'instance':
      return instanceSubtype((a as typeof e).i, e.i, subst, depth);
    case 'component':
      return externSubtype({ sort: 'component', c: (a as typeof e).c }, { sort: 'component', c: e.c }, subst, depth);
  }
}

/** Does the value type transitively contain a `borrow`? */
export function containsBorrow(t: RVal | null, depth = 0): boolean {
  if (t === null || typeof t === 'string' || depth > 100) return false;
  switch (t.k) {
    case 'borrow':
      return true;
    case 'record':
      return t.fields.some((f) => containsBorrow(f.t, depth + 1));
    case 'variant':
      return t.cases.some((c) => containsBorrow(c.t, depth + 1));
    case 'list':
    case 'fixed-list':
      return containsBorrow(t.e, depth + 1);
    case 'tuple':
      return t.ts.some((x) => containsBorrow(x, depth + 1));
    case 'option':
      return containsBorrow(t.t, depth + 1);
    case 'result':
      return containsBorrow(t.ok, depth + 1) || containsBorrow(t.err, depth + 1);
    case 'map':
      return containsBorrow(t.key, depth + 1) || containsBorrow(t.value, depth + 1);
    default:
      return false; // stream/future element borrows are checked where those types are defined
  }
}

/** Core import matching (core spec "import subtyping"), for tables, memories and globals. */
export function coreExternMismatch(actual: CoreExternType, expected: CoreExternType): string | null {
  const limits = (a: CoreLimits, e: CoreLimits, what: string): string | null => {
    if (a.min < e.min) return `mismatch in ${what} limits`;
    if (e.max !== null && (a.max === null || a.max > e.max)) return `mismatch in ${what} limits`;
    if ((a.flags & 4) !== (e.flags & 4)) return `mismatch in ${what} index type`;
    return null;
  };
  if (actual.kind === 'table' && expected.kind === 'table') {
    if (JSON.stringify(actual.element) !== JSON.stringify(expected.element)) return 'mismatch in table element type';
    return limits(actual.limits, expected.limits, 'table');
  }
  if (actual.kind === 'memory' && expected.kind === 'memory') {
    if ((actual.limits.flags & 2) !== (expected.limits.flags & 2)) return 'mismatch in the shared flag for memories';
    return limits(actual.limits, expected.limits, 'memory');
  }
  if (actual.kind === 'global' && expected.kind === 'global') {
    if (JSON.stringify(actual.type) !== JSON.stringify(expected.type)) return 'mismatch in global type';
    if ((actual.flags & 1) !== (expected.flags & 1)) return 'mismatch in global mutability';
  }
  return null;
}

function coreFuncEq(a: RCoreFunc, b: RCoreFunc): boolean {
  const same = (x: unknown, y: unknown) => x === y || JSON.stringify(x) === JSON.stringify(y);
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((p, i) => same(p, b.params[i])) &&
    a.results.every((r, i) => same(r, b.results[i]))
  );
}

/** Core extern subtyping: kinds, function signatures, table/memory/global types. */
export function coreExternSubtype(a: RCoreExtern, e: RCoreExtern): string | null {
  if (a.kind !== e.kind) return 'wrong kind';
  if (a.func && e.func && !coreFuncEq(a.func, e.func)) return 'function types do not match';
  return a.type && e.type ? coreExternMismatch(a.type, e.type) : null;
}
