// Phase 1, per scope: the types and functions of one interface or world.
//
// Named types are defined in topological order (so references always point
// backwards), anonymous types (`list<u8>`, `borrow<r>`, …) are interned per
// package so structurally equal ones share one arena entry, and functions get
// their `self` parameter and constructor results like wasm-tools does.

import { typeNameHelp } from '../hints.js';
import type * as ast from '../ast.js';
import type { Span } from '../ast.js';
import { docsOf, stabilityOf } from './common.js';
import { ResolveError } from './errors.js';
import { toposort } from './toposort.js';
import type { Function, FunctionKind, Param, Stability, TypeDef, TypeDefKind, TypeOwner, TypeRef } from './types.js';

export type ScopeEntry = { kind: 'type'; id: number; span: Span } | { kind: 'item'; what: string; span: Span };

/** What a scope needs from the package resolver to follow `use` paths. */
export interface PathResolver {
  resolveAstItemPath(path: ast.UsePath): [{ kind: 'interface' | 'world'; id: number }, string, Span];
  extractInterface(item: { kind: 'interface' | 'world'; id: number }, name: string, span: Span): number;
}

const MAP_KEYS = new Set<TypeRef>(['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'char', 'string']);

const OLD_FLOATS: Record<string, string> = { float32: 'f32', float64: 'f64' };

export class TypeScope {
  types: TypeDef[] = [];
  typeSpans: Span[] = [];
  requiredResourceTypes: [number, Span][] = [];
  /** Type id of a record → its field names' spans (where gated field types are reported). */
  recordFieldSpans = new Map<number, Span[]>();
  /** Per interface id: its names once resolved (placeholders for foreign ones). */
  interfaceTypes: Map<string, ScopeEntry>[] = [];
  /** The scope currently being resolved. */
  lookup = new Map<string, ScopeEntry>();
  private anonTypes = new Map<string, number>();
  /**
   * Anonymous types made of one or two references, by kind then
   * reference(s): no key string to build and hash. (References are type ids
   * or primitive names, `undefined` for an absent one: keys never collide.)
   */
  private anonSingle = new Map<string, Map<TypeRef | undefined, number>>();
  private anonPair = new Map<string, Map<TypeRef | undefined, Map<TypeRef | number | undefined, number>>>();

  allocType(def: TypeDef, span: Span): number {
    this.types.push(def);
    this.typeSpans.push(span);
    return this.types.length - 1;
  }

  defineName(name: ast.Id, entry: ScopeEntry): void {
    if (this.lookup.has(name.name))
      throw new ResolveError(`name \`${name.name}\` is defined more than once`, name.span);
    this.lookup.set(name.name, entry);
  }

  resolveTypes(owner: TypeOwner, items: ast.InterfaceItem[], paths: PathResolver): void {
    for (const item of items) if (item.kind === 'use') this.resolveUse(owner, item.use, paths);

    const deps = new Map<string, ast.Id[]>();
    const defs = new Map<string, ast.TypeDef | null>();
    for (const item of items) {
      if (item.kind === 'type') {
        const t = item.type;
        if (defs.has(t.name.name)) {
          throw new ResolveError(`name \`${t.name.name}\` is defined more than once`, t.name.span);
        }
        defs.set(t.name.name, t);
        const d: ast.Id[] = [];
        collectDeps(t.type, d);
        deps.set(t.name.name, d);
      } else if (item.kind === 'use') {
        for (const n of item.use.names) {
          const name = (n.as ?? n.name).name;
          deps.set(name, []);
          defs.set(name, null);
        }
      }
    }
    const order = toposort('type', deps, (name) => {
      const renamed = OLD_FLOATS[name];
      return renamed === undefined
        ? undefined
        : `the \`${name}\` type has been renamed to \`${renamed}\` and is no longer accepted, but the \`WIT_REQUIRE_F32_F64=0\` environment variable can be used to temporarily disable this error`;
    });
    for (const name of order) {
      const def = defs.get(name);
      if (def === null || def === undefined) continue;
      const docs = docsOf(def.docs);
      const stability = stabilityOf(def.attributes);
      const kind = this.resolveTypeDef(def.type, stability);
      const id = this.allocType({ name: def.name.name, kind, owner, docs, stability }, def.name.span);
      if (def.type.kind === 'record') {
        this.recordFieldSpans.set(
          id,
          def.type.fields.map((f) => f.name.span),
        );
      }
      this.defineName(def.name, { kind: 'type', id, span: def.name.span });
    }
  }

  private resolveUse(owner: TypeOwner, u: ast.Use, paths: PathResolver): void {
    const [item, name, span] = paths.resolveAstItemPath(u.from);
    const from = paths.extractInterface(item, name, span);
    const stability = stabilityOf(u.attributes);
    for (const n of u.names) {
      const found = this.interfaceTypes[from].get(n.name.name);
      if (found === undefined) throw new ResolveError(`name \`${n.name.name}\` does not exist`, n.name.span);
      if (found.kind === 'item') throw new ResolveError(`cannot import ${found.what} \`${n.name.name}\``, n.name.span);
      const local = n.as ?? n.name;
      const id = this.allocType(
        { name: local.name, kind: { kind: 'type', type: found.id }, owner, docs: {}, stability },
        n.name.span,
      );
      this.defineName(local, { kind: 'type', id, span: local.span });
    }
  }

  private resolveTypeName(name: ast.Id): number {
    const entry = this.lookup.get(name.name);
    if (entry === undefined) {
      const error = new ResolveError(`name \`${name.name}\` does not exist`, name.span);
      const help = typeNameHelp(name.name);
      if (help !== undefined) error.help = [help];
      throw error;
    }
    if (entry.kind === 'item') throw new ResolveError(`cannot use ${entry.what} \`${name.name}\` as a type`, name.span);
    return entry.id;
  }

  private validateResource(name: ast.Id): number {
    const id = this.resolveTypeName(name);
    let cur = id;
    for (;;) {
      const kind = this.types[cur].kind;
      if (kind.kind === 'resource') return id;
      if (kind.kind === 'type' && typeof kind.type === 'number') {
        cur = kind.type;
        continue;
      }
      if (kind.kind === 'unknown') {
        this.requiredResourceTypes.push([cur, name.span]);
        return id;
      }
      throw new ResolveError(`type \`${name.name}\` used in a handle must be a resource`, name.span);
    }
  }

  resolveTypeDef(ty: ast.Type, stability: Stability): TypeDefKind {
    switch (ty.kind) {
      case 'primitive':
        return { kind: 'type', type: ty.name };
      case 'name':
        return { kind: 'type', type: this.resolveTypeName(ty.id) };
      case 'list':
        return { kind: 'list', element: this.resolveType(ty.element, stability) };
      case 'map': {
        const key = this.resolveType(ty.key, stability);
        const value = this.resolveType(ty.value, stability);
        if (!MAP_KEYS.has(key)) {
          throw new ResolveError(
            'invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string',
            ty.span,
          );
        }
        return { kind: 'map', key, value };
      }
      case 'fixed-length-list':
        return { kind: 'fixed-length-list', element: this.resolveType(ty.element, stability), size: ty.size };
      case 'handle':
        return { kind: 'handle', handle: ty.handle, resource: this.validateResource(ty.resource) };
      case 'resource': {
        let ctors = 0;
        const names = new Set<string>();
        for (const f of ty.funcs) {
          if (f.kind === 'constructor') {
            if (++ctors > 1) throw new ResolveError('duplicate constructors', f.func.name.span);
          } else {
            if (names.has(f.func.name.name)) {
              throw new ResolveError(`duplicate function name \`${f.func.name.name}\``, f.func.name.span);
            }
            names.add(f.func.name.name);
          }
        }
        return { kind: 'resource' };
      }
      case 'record':
        return {
          kind: 'record',
          fields: ty.fields.map((f) => ({
            docs: docsOf(f.docs),
            name: f.name.name,
            type: this.resolveType(f.type, stability),
          })),
        };
      case 'flags':
        return { kind: 'flags', flags: ty.flags.map((f) => ({ docs: docsOf(f.docs), name: f.name.name })) };
      case 'tuple':
        return { kind: 'tuple', types: ty.types.map((t) => this.resolveType(t, stability)) };
      case 'variant':
        if (ty.cases.length === 0) throw new ResolveError('empty variant', ty.span);
        return {
          kind: 'variant',
          cases: ty.cases.map((c) => {
            const docs = docsOf(c.docs);
            const type = c.type === undefined ? undefined : this.resolveType(c.type, stability);
            return type === undefined ? { docs, name: c.name.name } : { docs, name: c.name.name, type };
          }),
        };
      case 'enum':
        if (ty.cases.length === 0) throw new ResolveError('empty enum', ty.span);
        return { kind: 'enum', cases: ty.cases.map((c) => ({ docs: docsOf(c.docs), name: c.name.name })) };
      case 'option':
        return { kind: 'option', type: this.resolveType(ty.type, stability) };
      case 'result': {
        const kind: TypeDefKind & { kind: 'result' } = { kind: 'result' };
        if (ty.ok !== undefined) kind.ok = this.resolveType(ty.ok, stability);
        if (ty.err !== undefined) kind.err = this.resolveType(ty.err, stability);
        return kind;
      }
      case 'future':
      case 'stream': {
        const kind: TypeDefKind & { kind: 'future' | 'stream' } = { kind: ty.kind };
        if (ty.type !== undefined) kind.type = this.resolveType(ty.type, stability);
        return kind;
      }
    }
  }

  private resolveType(ty: ast.Type, stability: Stability): TypeRef {
    // What the general path below returns for these, without its allocations.
    if (ty.kind === 'primitive') return ty.name;
    if (ty.kind === 'name') return this.resolveTypeName(ty.id);
    const kind = this.resolveTypeDef(ty, stability);
    const found = this.findStability(kind, stability);
    return this.anonTypeDef(kind, found, ty.span);
  }

  /** An anonymous type inherits the first known stability among what it refers to. */
  private findStability(kind: TypeDefKind, stability: Stability): Stability {
    if (stability.kind !== 'unknown') return stability;
    const inType = (t: TypeRef | undefined): Stability | undefined => {
      if (typeof t !== 'number') return undefined;
      const s = this.types[t].stability;
      return s.kind === 'unknown' ? undefined : s;
    };
    let found: Stability | undefined;
    switch (kind.kind) {
      case 'type':
        found = inType(kind.type);
        break;
      case 'handle':
        found = inType(kind.resource);
        break;
      case 'tuple':
        for (const t of kind.types) if ((found = inType(t)) !== undefined) break;
        break;
      case 'list':
      case 'fixed-length-list':
        found = inType(kind.element);
        break;
      case 'option':
      case 'future':
      case 'stream':
        found = inType(kind.type);
        break;
      case 'map':
        found = inType(kind.key) ?? inType(kind.value);
        break;
      case 'result':
        found = inType(kind.ok) ?? inType(kind.err);
        break;
      default:
        break;
    }
    return found ?? { kind: 'unknown' };
  }

  private anonTypeDef(kind: TypeDefKind, stability: Stability, span: Span): TypeRef {
    const r = (t: TypeRef | undefined) => (t === undefined ? '_' : String(t));
    let key: string;
    switch (kind.kind) {
      case 'type':
        return kind.type;
      case 'handle':
        // An anonymous `own<T>` is just a reference to `T`.
        if (kind.handle === 'own') return kind.resource;
        return this.internSingle('borrow', kind.resource, kind, stability, span);
      case 'variant':
        key = `variant ${kind.cases.map((c) => `${c.name}=${r(c.type)}`).join(',')}`;
        break;
      case 'record':
        key = `record ${kind.fields.map((f) => `${f.name}=${r(f.type)}`).join(',')}`;
        break;
      case 'flags':
        key = `flags ${kind.flags.map((f) => f.name).join(',')}`;
        break;
      case 'tuple':
        key = `tuple ${kind.types.map(r).join(',')}`;
        break;
      case 'enum':
        key = `enum ${kind.cases.map((c) => c.name).join(',')}`;
        break;
      case 'list':
        return this.internSingle('list', kind.element, kind, stability, span);
      case 'map':
        return this.internPair('map', kind.key, kind.value, kind, stability, span);
      case 'fixed-length-list':
        return this.internPair('fixed', kind.element, kind.size, kind, stability, span);
      case 'option':
        return this.internSingle('option', kind.type, kind, stability, span);
      case 'result':
        return this.internPair('result', kind.ok, kind.err, kind, stability, span);
      case 'future':
      case 'stream':
        return this.internSingle(kind.kind, kind.type, kind, stability, span);
      default:
        throw new Error(`unreachable: anonymous ${kind.kind}`);
    }
    let id = this.anonTypes.get(key);
    if (id === undefined) {
      id = this.allocType({ kind, owner: null, docs: {}, stability }, span);
      this.anonTypes.set(key, id);
    }
    return id;
  }

  private internSingle(
    tag: string,
    ref: TypeRef | undefined,
    kind: TypeDefKind,
    stability: Stability,
    span: Span,
  ): number {
    let byRef = this.anonSingle.get(tag);
    if (byRef === undefined) this.anonSingle.set(tag, (byRef = new Map()));
    let id = byRef.get(ref);
    if (id === undefined) {
      id = this.allocType({ kind, owner: null, docs: {}, stability }, span);
      byRef.set(ref, id);
    }
    return id;
  }

  private internPair(
    tag: string,
    a: TypeRef | undefined,
    b: TypeRef | number | undefined,
    kind: TypeDefKind,
    stability: Stability,
    span: Span,
  ): number {
    let byA = this.anonPair.get(tag);
    if (byA === undefined) this.anonPair.set(tag, (byA = new Map()));
    let byB = byA.get(a);
    if (byB === undefined) byA.set(a, (byB = new Map()));
    let id = byB.get(b);
    if (id === undefined) {
      id = this.allocType({ kind, owner: null, docs: {}, stability }, span);
      byB.set(b, id);
    }
    return id;
  }

  resolveResourceFunc(rf: ast.ResourceFunc, resource: ast.Id): Function {
    const entry = this.lookup.get(resource.name);
    if (entry === undefined || entry.kind !== 'type') throw new Error('unreachable: resource lookup failed');
    const id = entry.id;
    const f = rf.func;
    const async = f.func.async;
    let name: string;
    let kind: FunctionKind;
    if (rf.kind === 'method') {
      name = `[method]${resource.name}.${f.name.name}`;
      kind = { kind: async ? 'async-method' : 'method', resource: id };
    } else if (rf.kind === 'static') {
      name = `[static]${resource.name}.${f.name.name}`;
      kind = { kind: async ? 'async-static' : 'static', resource: id };
    } else {
      name = `[constructor]${resource.name}`;
      kind = { kind: 'constructor', resource: id };
    }
    return this.resolveFunction(f.docs, f.attributes, name, f.func, kind);
  }

  resolveFunction(docs: ast.Docs, attrs: ast.Attribute[], name: string, func: ast.Func, kind: FunctionKind): Function {
    const d = docsOf(docs);
    const stability = stabilityOf(attrs);
    const params: Param[] = [];
    if (kind.kind === 'method' || kind.kind === 'async-method') {
      const handle: TypeDefKind = { kind: 'handle', handle: 'borrow', resource: kind.resource };
      params.push({
        name: 'self',
        type: this.anonTypeDef(handle, this.findStability(handle, { kind: 'unknown' }), func.span),
      });
    }
    // Names seen so far: those of `params` (a set only for long lists).
    let seen: Set<string> | undefined;
    for (const p of func.params) {
      const type = this.resolveType(p.type, { kind: 'unknown' });
      const name = p.name.name;
      let dup = false;
      if (seen !== undefined) dup = seen.has(name);
      else if (params.length < 16) {
        for (let i = 0; i < params.length; i++) {
          if (params[i].name === name) {
            dup = true;
            break;
          }
        }
      } else {
        seen = new Set(params.map((q) => q.name));
        dup = seen.has(name);
      }
      if (dup) throw new ResolveError(`param \`${name}\` is defined more than once`, p.name.span);
      seen?.add(name);
      params.push({ name, type });
    }
    let result: TypeRef | undefined;
    if (kind.kind === 'constructor') {
      result = func.result === undefined ? kind.resource : this.constructorResult(kind.resource, func.result);
    } else if (func.result !== undefined) {
      result = this.resolveType(func.result, { kind: 'unknown' });
    }
    const f: Function = { name, kind, params, docs: d, stability };
    if (result !== undefined) f.result = result;
    return f;
  }

  private constructorResult(resource: number, ast_: ast.Type): TypeRef {
    const result = this.resolveType(ast_, { kind: 'unknown' });
    const def = typeof result === 'number' ? this.types[result].kind : undefined;
    if (def === undefined || def.kind !== 'result') {
      throw new ResolveError('if a constructor return type is declared it must be a `result`', spanOf(ast_));
    }
    if (def.ok !== resource) {
      const okSpan = ast_.kind === 'result' && ast_.ok !== undefined ? spanOf(ast_.ok) : spanOf(ast_);
      throw new ResolveError('the `ok` type must be the resource being constructed', okSpan);
    }
    return result;
  }
}

function spanOf(ty: ast.Type): Span {
  return ty.kind === 'name' ? ty.id.span : ty.span;
}

/** The names a type definition refers to, for ordering the definitions of a scope. */
function collectDeps(ty: ast.Type, deps: ast.Id[]): void {
  switch (ty.kind) {
    case 'name':
      deps.push(ty.id);
      break;
    case 'handle':
      deps.push(ty.resource);
      break;
    case 'record':
      for (const f of ty.fields) collectDeps(f.type, deps);
      break;
    case 'tuple':
      for (const t of ty.types) collectDeps(t, deps);
      break;
    case 'variant':
      for (const c of ty.cases) if (c.type !== undefined) collectDeps(c.type, deps);
      break;
    case 'option':
      collectDeps(ty.type, deps);
      break;
    case 'list':
    case 'fixed-length-list':
      collectDeps(ty.element, deps);
      break;
    case 'map':
      collectDeps(ty.key, deps);
      collectDeps(ty.value, deps);
      break;
    case 'result':
      if (ty.ok !== undefined) collectDeps(ty.ok, deps);
      if (ty.err !== undefined) collectDeps(ty.err, deps);
      break;
    case 'future':
    case 'stream':
      if (ty.type !== undefined) collectDeps(ty.type, deps);
      break;
    default:
      break;
  }
}
