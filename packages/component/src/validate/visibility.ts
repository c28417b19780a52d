/**
 * External visibility of types (Explainer.md "External visibility of
 * types"; Binary.md: "all resource types transitively used in the type of an
 * export are introduced by a preceding importdecl or exportdecl").
 *
 * Named types (records, variants, enums, flags, resources) defined in a
 * component's type section may appear in the type of an import or export
 * only through the fresh type index created by importing/exporting them.
 * Exporting a type therefore creates a new identity (`namedCopy`), and types
 * reachable from an import/export are checked against `ctx.localDefs`.
 */
import type { Ctx, Scope } from './scope.js';
import { freshResource } from './scope.js';
import { NAMED_KINDS } from './resolve.js';
import { rootOf, type RExtern, type RFunc, type RVal } from './types.js';

/** The new type index introduced by exporting/importing a type: same type, new identity. */
export function namedCopy(ctx: Ctx, scope: Scope, ext: RExtern, kind: 'import' | 'export', depth = 0): RExtern {
  if (ext.sort === 'instance' && ext.i && depth < 20) {
    // Types reachable through an exported instance are named by that export.
    const exports = new Map<string, RExtern>();
    for (const [n, x] of ext.i.exports) exports.set(n, namedCopy(ctx, scope, x, kind, depth + 1));
    return { sort: 'instance', i: { exports } };
  }
  if (ext.sort !== 'type') return ext;
  const t = ext.t;
  let copy: RExtern = ext;
  if (t.tag === 'resource') {
    const root = rootOf(t.r);
    const alias = { ...freshResource(root.local, root.scope as Scope), root };
    copy = { sort: 'type', t: { tag: 'resource', r: alias } };
  } else if (t.tag === 'val' && typeof t.v !== 'string' && NAMED_KINDS.has(t.v.k)) {
    copy = { sort: 'type', t: { tag: 'val', v: { ...t.v } } };
  }
  if (kind === 'export' && copy !== ext) {
    const inner = copy.sort === 'type' ? copy.t : null;
    if (inner?.tag === 'resource') ctx.exportedCopies.add(inner.r);
    else if (inner?.tag === 'val' && typeof inner.v !== 'string') ctx.exportedCopies.add(inner.v);
  }
  void scope;
  return copy;
}

/** Report named types of `scope` that are not visible in the type of an import/export. */
export function checkVisible(ctx: Ctx, scope: Scope, ext: RExtern, kind: 'import' | 'export'): void {
  const bad = (o: object): boolean => ctx.localDefs.get(o) === scope || (kind === 'import' && ctx.exportedCopies.has(o));
  const seen = new Set<object>();
  const val = (v: RVal | null, top = false): boolean => {
    if (v === null || typeof v === 'string' || seen.has(v)) return true;
    seen.add(v);
    if (!top && NAMED_KINDS.has(v.k)) return !bad(v);
    switch (v.k) {
      case 'own':
      case 'borrow':
        return !bad(v.r);
      case 'record':
        return v.fields.every((f) => val(f.t));
      case 'variant':
        return v.cases.every((c) => val(c.t));
      case 'list':
      case 'fixed-list':
        return val(v.e);
      case 'tuple':
        return v.ts.every((x) => val(x));
      case 'option':
        return val(v.t);
      case 'result':
        return val(v.ok) && val(v.err);
      case 'stream':
      case 'future':
        return val(v.e);
      case 'map':
        return val(v.key) && val(v.value);
      default:
        return true;
    }
  };
  const func = (f: RFunc | null): boolean => !f || (f.params.every((p) => val(p.t)) && val(f.result));
  let ok = true;
  let what: string = ext.sort;
  switch (ext.sort) {
    case 'func':
      ok = func(ext.f);
      break;
    case 'value':
      ok = val(ext.v);
      break;
    case 'type':
      if (ext.t.tag === 'val') ok = val(ext.t.v, true);
      else if (ext.t.tag === 'func') ok = func(ext.t.f);
      break;
    case 'instance': {
      // Inline-export instances carry this component's own definitions.
      const inst = ext.i;
      if (inst) for (const x of inst.exports.values()) if (x.sort === 'func' ? !func(x.f) : x.sort === 'value' ? !val(x.v) : false) ok = false;
      break;
    }
    default:
      what = '';
  }
  if (!ok && what) ctx.report(`${what} not valid to be used as ${kind}`);
}
