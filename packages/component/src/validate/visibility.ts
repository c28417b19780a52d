/**
 * External visibility of types (Explainer.md "External visibility of
 * types"; Binary.md: "all resource types transitively used in the type of an
 * export are introduced by a preceding importdecl or exportdecl").
 *
 * Named types (records, variants, enums, flags, resources) may appear in the
 * type of an import or export only through a type identity that is
 * externally visible in the same component (or component type): the fresh
 * type index created by importing/exporting the type, or a type exported by
 * an instance that was itself imported/exported. Every scope keeps the set of
 * identities named by its imports (`Scope.namedImports`) and by its exports
 * (`Scope.namedExports`): imports may only use the former, exports both.
 * The sets are per scope, so names conferred in a parent do not count inside
 * a nested component (outer aliases carry no name).
 *
 * Exporting/importing a type creates a new identity (`namedCopy`): the type
 * index passed *into* an export is not retroactively named. Exporting an
 * instance names the identities of its type exports as they are.
 *
 * Instance types defer the check until they are used by an import/export of
 * a component or component type; component types are checked eagerly as
 * their import/export declarators are validated.
 */
import type { Scope } from './scope.js';
import { freshResource } from './scope.js';
import { NAMED_KINDS } from './resolve.js';
import { rootOf, type RExtern, type RFunc, type RInstance, type RVal } from './types.js';

/** The identity a named-type extern contributes to a name set (null: none). */
function identityOf(ext: RExtern): object | null {
  if (ext.sort !== 'type') return null;
  if (ext.t.tag === 'resource') return ext.t.r;
  if (ext.t.tag === 'val' && typeof ext.t.v !== 'string') return ext.t.v;
  return null;
}

/** Add the identities of an instance's type exports (recursively) to `set`. */
function addInstanceNames(set: Set<object>, i: RInstance | null, depth = 0): void {
  if (!i || depth > 20) return;
  for (const x of i.exports.values()) {
    const id = identityOf(x);
    if (id) set.add(id);
    else if (x.sort === 'instance') addInstanceNames(set, x.i, depth + 1);
  }
}

/** A new identity for the same type (resources keep their root for equality). */
export function typeCopy(ext: RExtern): RExtern {
  if (ext.sort !== 'type') return ext;
  const t = ext.t;
  if (t.tag === 'resource') {
    const root = rootOf(t.r);
    return {
      sort: 'type',
      t: { tag: 'resource', r: { ...freshResource(root.local, root.scope as Scope | null), root } },
    };
  }
  if (t.tag === 'val' && typeof t.v !== 'string' && NAMED_KINDS.has(t.v.k))
    return { sort: 'type', t: { tag: 'val', v: { ...t.v } } };
  return ext;
}

/**
 * The new type index introduced by exporting/importing `ext` (same type, new
 * identity), registered as externally visible in `scope`. For an instance,
 * its type exports keep their identities (the instance's functions refer to
 * them, also wherever the instance is aliased and re-exported later) and
 * count as named, as wasmparser adds an exported instance's type ids.
 */
export function namedCopy(scope: Scope, ext: RExtern, kind: 'import' | 'export', depth = 0): RExtern {
  const set = kind === 'import' ? scope.namedImports : scope.namedExports;
  if (ext.sort === 'instance' && ext.i && depth < 20) {
    const exports = new Map<string, RExtern>();
    for (const [n, x] of ext.i.exports) {
      const id = identityOf(x);
      if (id) set.add(id);
      exports.set(n, x.sort === 'instance' ? namedCopy(scope, x, kind, depth + 1) : x);
    }
    return { sort: 'instance', i: ext.i.defined ? { exports, defined: ext.i.defined } : { exports } };
  }
  const copy = typeCopy(ext);
  const id = identityOf(copy);
  if (id) set.add(id);
  return copy;
}

/**
 * Report named types not externally visible in the type of an import/export
 * of `scope`. No-op inside instance types (checked when the instance type is
 * used by an import or export).
 */
export function checkVisible(
  scope: Scope,
  ext: RExtern,
  kind: 'import' | 'export',
  report: (message: string) => void,
): void {
  if (scope.kind === 'instance-type' || scope.kind === 'module-type') return;
  const base = (o: object): boolean => scope.namedImports.has(o) || (kind === 'export' && scope.namedExports.has(o));
  let what: string = ext.sort;
  let ok = true;
  switch (ext.sort) {
    case 'func':
      ok = visibleFunc(base, ext.f);
      break;
    case 'value':
      ok = visibleVal(base, ext.v, false);
      break;
    case 'type':
      ok = visibleType(base, ext);
      break;
    case 'instance':
      ok = visibleInstance(base, ext.i, 0);
      break;
    default:
      what = '';
  }
  if (!ok && what) report(`${what} not valid to be used as ${kind}`);
}

type Named = (o: object) => boolean;

/** A value type: named kinds must be named (unless `top`: the type being imported/exported itself). */
function visibleVal(named: Named, v: RVal | null, top: boolean, seen = new Set<object>()): boolean {
  if (v === null || typeof v === 'string') return true;
  if (!top && NAMED_KINDS.has(v.k)) return named(v);
  if (seen.has(v)) return true;
  seen.add(v);
  const rec = (x: RVal | null): boolean => visibleVal(named, x, false, seen);
  switch (v.k) {
    case 'own':
    case 'borrow':
      return named(v.r);
    case 'record':
      return v.fields.every((f) => rec(f.t));
    case 'variant':
      return v.cases.every((c) => rec(c.t));
    case 'list':
    case 'fixed-list':
      return rec(v.e);
    case 'tuple':
      return v.ts.every(rec);
    case 'option':
      return rec(v.t);
    case 'result':
      return rec(v.ok) && rec(v.err);
    case 'stream':
    case 'future':
      return rec(v.e);
    case 'map':
      return rec(v.key) && rec(v.value);
    default:
      return true;
  }
}

function visibleFunc(named: Named, f: RFunc | null): boolean {
  return !f || (f.params.every((p) => visibleVal(named, p.t, false)) && visibleVal(named, f.result, false));
}

/** A type import/export: its own identity is being named; what it refers to must already be. */
function visibleType(named: Named, ext: RExtern & { sort: 'type' }): boolean {
  const t = ext.t;
  switch (t.tag) {
    case 'val':
      return visibleVal(named, t.v, true);
    case 'func':
      return visibleFunc(named, t.f);
    case 'instance':
      return visibleInstance(named, t.i, 0);
    default:
      // Resources are named by this very import/export; component types are
      // checked when they are defined.
      return true;
  }
}

/**
 * An instance (type): the types it exports name themselves, so the other
 * exports may refer to them; everything else must be named in the context.
 */
function visibleInstance(named: Named, i: RInstance | null, depth: number): boolean {
  if (!i || depth > 20) return true;
  const own = new Set<object>();
  addInstanceNames(own, i);
  const inner: Named = (o) => own.has(o) || named(o);
  for (const x of i.exports.values()) {
    switch (x.sort) {
      case 'func':
        if (!visibleFunc(inner, x.f)) return false;
        break;
      case 'value':
        if (!visibleVal(inner, x.v, false)) return false;
        break;
      case 'type':
        if (!visibleType(inner, x)) return false;
        break;
      case 'instance':
        if (!visibleInstance(inner, x.i, depth + 1)) return false;
        break;
      default:
        break;
    }
  }
  return true;
}
