// WIT type statements of a WAC document, converted into the shared
// `Resolve`: top-level types (owned by the composition's world), interfaces
// and worlds (in the document's package), inline interfaces and function
// types of `import` statements. WAC is evaluated top-down: a name must be
// declared before it is used.

import type { Function, FunctionKind, Resolve, TypeDefKind, TypeOwner, TypeRef, WorldItem } from '@wit-ts/wit-parser';
import type * as A from './ast.js';
import type { WacSource } from './errors.js';
import type { PackageLoader } from './packages.js';
import { ensurePackage, interfaceDeps } from './resolve-util.js';

const UNKNOWN = { kind: 'unknown' } as const;

/** What a name declared by a type statement denotes. */
export type TypeBinding =
  | { kind: 'type'; id: number }
  | { kind: 'interface'; id: number }
  | { kind: 'world'; id: number }
  | { kind: 'func'; func: Function };

export class WacTypes {
  /** Top-level names of type statements. */
  readonly names = new Map<string, { binding: TypeBinding; span: A.Span }>();
  readonly pkg: number;
  /** The document's own interfaces and worlds, by name, in declaration order. */
  readonly interfaces = new Map<string, number>();
  readonly worlds = new Map<string, number>();

  constructor(
    private readonly r: Resolve,
    private readonly src: WacSource,
    private readonly loader: PackageLoader,
    doc: A.Document,
    private readonly world: number,
  ) {
    const [ns, ...rest] = doc.package.name.split(':');
    this.pkg = ensurePackage(r, ns, rest.join(':'), doc.package.version);
  }

  private define(id: A.Ident, binding: TypeBinding): void {
    const prev = this.names.get(id.name);
    if (prev !== undefined)
      throw this.src.error(
        `type declaration \`${id.name}\` conflicts with a previous export of the same name`,
        id.span,
      );
    this.names.set(id.name, { binding, span: id.span });
  }

  statement(s: A.TypeStatement): void {
    if (s.kind === 'type') {
      const id = this.typeDecl(s.decl, { world: this.world }, new Map());
      this.define(s.decl.id, typeof id === 'number' ? { kind: 'type', id } : id);
    } else if (s.kind === 'interface') {
      const id = this.interfaceBody(s.body, s.id.name);
      this.interfaces.set(s.id.name, id);
      // Not registered in the package's name map: a dependency naming the
      // same interface must decode into an interface of its own, so that the
      // two can be compared (and found to differ).
      this.define(s.id, { kind: 'interface', id });
    } else {
      const id = this.worldDecl(s);
      this.worlds.set(s.id.name, id);
      this.define(s.id, { kind: 'world', id });
    }
  }

  /** An interface (named, or inline when `name` is undefined) in the document's package. */
  interfaceBody(body: A.InterfaceBody, name?: string): number {
    const r = this.r;
    r.interfaces.push({
      name,
      types: new Map(),
      functions: new Map(),
      docs: {},
      stability: UNKNOWN,
      package: this.pkg,
    });
    const id = r.interfaces.length - 1;
    const iface = r.interfaces[id];
    const scope = new Map<string, number>();
    for (const item of body.items) {
      if (item.kind === 'use') {
        for (const u of item.use.items) {
          const local = u.as ?? u.id;
          if (iface.functions.has(local.name))
            throw this.src.error(`use of type \`${local.name}\` conflicts with an export of the same name`, local.span);
        }
        this.use(item.use, scope, { interface: id }, iface.types);
      } else if (item.kind === 'type') {
        const t = this.typeDecl(item.decl, { interface: id }, scope);
        if (typeof t !== 'number') {
          // `type f = func(...)`: a function type name for exports below.
          scope.set(item.decl.id.name, -1);
          this.funcAliases.set(`${id}/${item.decl.id.name}`, t.func);
          continue;
        }
        if (iface.types.has(item.decl.id.name))
          throw this.src.error(`duplicate type \`${item.decl.id.name}\``, item.decl.id.span);
        iface.types.set(item.decl.id.name, t);
        scope.set(item.decl.id.name, t);
        if (item.decl.kind === 'resource') this.resourceMethods(item.decl, t, scope, iface.functions);
      } else {
        let f: Function;
        if (item.type.kind === 'ident' && !this.funcAliases.has(`${id}/${item.type.id.name}`))
          this.topFunc(item.type.id, scope);
        if (iface.functions.has(item.id.name) || iface.types.has(item.id.name)) {
          throw this.src.error(
            `duplicate interface export \`${item.id.name}\` for interface \`${name ?? 'anonymous'}\``,
            item.id.span,
          );
        }
        if (item.type.kind === 'func')
          f = this.func(item.id.name, item.type.func, scope, {
            kind: item.type.func.async ? 'async-freestanding' : 'freestanding',
          });
        else {
          const alias = this.funcAliases.get(`${id}/${item.type.id.name}`) ?? this.topFunc(item.type.id, scope);
          f = { ...alias, name: item.id.name };
        }
        iface.functions.set(item.id.name, f);
      }
    }
    return id;
  }

  private readonly funcAliases = new Map<string, Function>();

  private topFunc(id: A.Ident, scope?: Map<string, number>): Function {
    const local = scope?.get(id.name);
    if (local !== undefined && local >= 0)
      throw this.src.error(`\`${id.name}\` (${this.describeType(local)}) is not a function type`, id.span);
    const b = this.names.get(id.name);
    if (b === undefined) throw this.src.error(`undefined name \`${id.name}\``, id.span);
    if (b.binding.kind !== 'func')
      throw this.src.error(`\`${id.name}\` (${this.describeBinding(b.binding)}) is not a function type`, id.span);
    return b.binding.func;
  }

  private resourceMethods(
    decl: Extract<A.TypeDecl, { kind: 'resource' }>,
    res: number,
    scope: Map<string, number>,
    out: Map<string, Function>,
  ): void {
    const rname = decl.id.name;
    // Methods and static functions share one namespace.
    const names = new Set<string>();
    for (const m of decl.methods) {
      if (m.kind !== 'constructor') {
        if (names.has(m.id.name))
          throw this.src.error(`duplicate method \`${m.id.name}\` for resource \`${rname}\``, m.id.span);
        names.add(m.id.name);
      }
      if (m.kind === 'constructor') {
        const name = `[constructor]${rname}`;
        if (out.has(name)) throw this.src.error(`duplicate constructor for resource \`${rname}\``, m.span);
        const seen = new Set<string>();
        for (const p of m.params) {
          if (seen.has(p.id.name)) throw this.src.error(`duplicate constructor parameter \`${p.id.name}\``, p.id.span);
          seen.add(p.id.name);
        }
        const own = this.pushType({ kind: 'handle', handle: 'own', resource: res }, null);
        out.set(name, {
          name,
          kind: { kind: 'constructor', resource: res },
          params: m.params.map((p) => ({ name: p.id.name, type: this.type(p.type, scope) })),
          result: own,
          docs: {},
          stability: UNKNOWN,
        });
      } else {
        const isStatic = m.kind === 'static';
        const name = `[${isStatic ? 'static' : 'method'}]${rname}.${m.id.name}`;
        if (out.has(name))
          throw this.src.error(`duplicate method \`${m.id.name}\` for resource \`${rname}\``, m.id.span);
        const kind: FunctionKind = isStatic
          ? { kind: m.func.async ? 'async-static' : 'static', resource: res }
          : { kind: m.func.async ? 'async-method' : 'method', resource: res };
        const f = this.func(name, m.func, scope, kind);
        if (!isStatic)
          f.params.unshift({
            name: 'self',
            type: this.pushType({ kind: 'handle', handle: 'borrow', resource: res }, null),
          });
        out.set(name, f);
      }
    }
  }

  /** Binds the used types in `scope` (and `into`); returns the interface used. */
  private use(u: A.Use, scope: Map<string, number>, owner: TypeOwner, into: Map<string, number>): number {
    let iface: number;
    if (u.path.kind === 'ident') {
      const b = this.names.get(u.path.id.name);
      if (b === undefined) throw this.src.error(`undefined name \`${u.path.id.name}\``, u.path.id.span);
      if (b.binding.kind !== 'interface')
        throw this.src.error(
          `\`${u.path.id.name}\` (${this.describeBinding(b.binding)}) is not an interface`,
          u.path.id.span,
        );
      iface = b.binding.id;
    } else iface = this.pathInterface(u.path.path);
    for (const item of u.items) {
      const t = this.r.interfaces[iface].types.get(item.id.name);
      if (t === undefined) {
        const iname = u.path.kind === 'ident' ? u.path.id.name : `${u.path.path.name}/${u.path.path.path.join('/')}`;
        throw this.src.error(`a type named \`${item.id.name}\` is not defined in interface \`${iname}\``, item.id.span);
      }
      const local = item.as ?? item.id;
      if (scope.has(local.name))
        throw this.src.error(`use of type \`${local.name}\` conflicts with an export of the same name`, local.span);
      const alias = this.pushType({ kind: 'type', type: t }, owner, local.name);
      scope.set(local.name, alias);
      into.set(local.name, alias);
    }
    return iface;
  }

  /** `ns:pkg/iface@ver` → an interface of a loaded WIT package (or of a component's world). */
  pathInterface(p: A.PackagePath): number {
    const item = this.pathItem(p);
    if (item.kind !== 'interface')
      throw this.src.error(`\`${p.name}/${p.path.join('/')}\` is not an interface`, p.span);
    return item.id;
  }

  pathItem(p: A.PackagePath): { kind: 'interface' | 'world'; id: number } {
    let pkg;
    try {
      pkg = this.loader.load(p.name, p.version);
    } catch (e) {
      throw this.src.error(e instanceof Error ? e.message : String(e), p.span);
    }
    const r = this.r;
    const pid = pkg.witPackage ?? r.packageNames.get(p.version === undefined ? p.name : `${p.name}@${p.version}`);
    const name = p.path[0];
    if (pid !== undefined) {
      const i = r.packages[pid].interfaces.get(name);
      if (i !== undefined) return { kind: 'interface', id: i };
      const w = r.packages[pid].worlds.get(name);
      if (w !== undefined) return { kind: 'world', id: w };
    }
    throw this.src.error(`package \`${p.name}\` has no export named \`${name}\``, p.span);
  }

  private worldDecl(s: Extract<A.TypeStatement, { kind: 'world' }>): number {
    const r = this.r;
    r.worlds.push({
      name: s.id.name,
      imports: new Map(),
      exports: new Map(),
      package: this.pkg,
      docs: {},
      stability: UNKNOWN,
    });
    const id = r.worlds.length - 1;
    this.r.packages[this.pkg].worlds.set(s.id.name, id);
    const w = r.worlds[id];
    const scope = new Map<string, number>();
    for (const item of s.items) {
      if (item.kind === 'use') {
        for (const u of item.use.items) {
          const local = u.as ?? u.id;
          if (w.imports.has(local.name))
            throw this.src.error(`use of type \`${local.name}\` conflicts with an import of the same name`, local.span);
          if (w.exports.has(local.name))
            throw this.src.error(`use of type \`${local.name}\` conflicts with an export of the same name`, local.span);
        }
        // In a world, `use` imports the interface and the types it names.
        const used = new Map<string, number>();
        const from = this.use(item.use, scope, { world: id }, used);
        for (const dep of [...interfaceDeps(r, from), from]) {
          const k = `interface-${dep}`;
          if (!w.imports.has(k))
            w.imports.set(k, { key: { interface: dep }, item: { kind: 'interface', id: dep, stability: UNKNOWN } });
        }
        for (const [n, t] of used) w.imports.set(n, { key: { name: n }, item: { kind: 'type', id: t } });
      } else if (item.kind === 'type') {
        const t = this.typeDecl(item.decl, { world: id }, scope);
        if (typeof t !== 'number') continue;
        scope.set(item.decl.id.name, t);
        if (item.decl.kind === 'resource') this.resourceMethods(item.decl, t, scope, new Map());
        w.imports.set(item.decl.id.name, { key: { name: item.decl.id.name }, item: { kind: 'type', id: t } });
      } else if (item.kind === 'include') {
        const inc =
          item.world.kind === 'path' ? this.pathItem(item.world.path) : this.names.get(item.world.id.name)?.binding;
        if (inc === undefined)
          throw this.src.error(
            `undefined name \`${item.world.kind === 'ident' ? item.world.id.name : ''}\``,
            item.span,
          );
        if (inc.kind !== 'world') {
          const what = this.describeBinding(inc as TypeBinding);
          const wname =
            item.world.kind === 'ident'
              ? item.world.id.name
              : `${item.world.path.name}/${item.world.path.path.join('/')}`;
          throw this.src.error(
            `\`${wname}\` (${what}) is not a world`,
            item.world.kind === 'ident' ? item.world.id.span : item.world.path.span,
          );
        }
        const incName =
          item.world.kind === 'path' ? `${item.world.path.name}/${item.world.path.path.join('/')}` : item.world.id.name;
        const renames = new Map<string, string>();
        const added: string[] = [];
        const inW = r.worlds[inc.id];
        for (const { from } of item.with) {
          if (renames.has(from.name))
            throw this.src.error(`duplicate \`${from.name}\` in world include \`with\` clause`, from.span);
          renames.set(from.name, '');
        }
        renames.clear();
        for (const { from, to } of item.with) {
          if (!inW.imports.has(from.name) && !inW.exports.has(from.name))
            throw this.src.error(
              `world \`${incName}\` does not have an import or export named \`${from.name}\``,
              from.span,
            );
          renames.set(from.name, to.name);
        }
        for (const [which, src, dst] of [
          ['import', inW.imports, w.imports],
          ['export', inW.exports, w.exports],
        ] as const) {
          for (const [k, v] of src) {
            const nk = renames.get(k) ?? k;
            const key = renames.has(k) ? { name: nk } : v.key;
            if (dst.has(nk)) {
              if ('name' in v.key)
                throw this.src.error(
                  `${which} \`${nk}\` from world \`${incName}\` conflicts with ${which} of the same name in world \`${s.id.name}\``,
                  item.span,
                );
              continue;
            }
            dst.set(nk, { key, item: v.item });
            added.push(nk);
          }
        }
        this.includes.push({ world: id, names: added, span: item.span, from: incName });
      } else {
        const map = item.kind === 'import' ? w.imports : w.exports;
        const p = item.item;
        let key: { name: string } | { interface: number };
        let wi: WorldItem;
        if (p.kind === 'named') {
          key = { name: p.id.name };
          wi = this.externItem(p.type, scope);
        } else {
          const iface = p.kind === 'path' ? this.pathInterface(p.path) : this.localInterface(p.id);
          key = { interface: iface };
          wi = { kind: 'interface', id: iface, stability: UNKNOWN };
        }
        const k = 'name' in key ? key.name : `interface-${key.interface}`;
        const inc = this.includes.find((i) => i.world === id && i.names.includes(k));
        if (inc !== undefined && map.has(k))
          throw this.src.error(
            `${item.kind} \`${k}\` from world \`${inc.from}\` conflicts with ${item.kind} of the same name in world \`${s.id.name}\``,
            p.kind === 'named' ? p.id.span : item.span,
          );
        if (map.has(k))
          throw this.src.error(
            `${item.kind} \`${k}\` conflicts with existing ${item.kind} of the same name in world \`${s.id.name}\``,
            p.kind === 'named' ? p.id.span : item.span,
          );
        if (p.kind === 'named' && wi.kind === 'type')
          throw this.src.error(
            `\`${p.id.name}\` (${this.describeNamed(p.type)}) is not a function type or interface`,
            p.type.kind === 'ident' ? p.type.id.span : item.span,
          );
        // An elaborated world: interfaces whose types an item uses are imported too.
        if (wi.kind === 'interface') {
          for (const dep of interfaceDeps(r, wi.id)) {
            const dk = `interface-${dep}`;
            if (!w.imports.has(dk))
              w.imports.set(dk, { key: { interface: dep }, item: { kind: 'interface', id: dep, stability: UNKNOWN } });
          }
        }
        map.set(k, { key, item: wi });
      }
    }
    return id;
  }

  /** What a binding is, the way wac words it: `u32`, `record`, `interface`, `function type`. */
  describeBinding(b: TypeBinding): string {
    if (b.kind === 'func') return 'function type';
    if (b.kind !== 'type') return b.kind;
    return this.describeType(b.id);
  }

  private describeType(id: number): string {
    const k = this.r.types[id].kind;
    if (k.kind === 'type') return typeof k.type === 'string' ? k.type : this.describeType(k.type);
    return k.kind;
  }

  private readonly includes: { world: number; names: string[]; span: A.Span; from: string }[] = [];

  private describeNamed(t: A.ExternType): string {
    if (t.kind !== 'ident') return t.kind;
    const b = this.names.get(t.id.name)?.binding;
    if (b?.kind === 'type') {
      const k = this.r.types[b.id].kind;
      return k.kind === 'type' && typeof k.type === 'string' ? k.type : k.kind;
    }
    return b?.kind ?? 'unknown';
  }

  private localInterface(id: A.Ident): number {
    const b = this.names.get(id.name);
    if (b === undefined) throw this.src.error(`undefined name \`${id.name}\``, id.span);
    if (b.binding.kind !== 'interface')
      throw this.src.error(`\`${id.name}\` (${this.describeBinding(b.binding)}) is not an interface`, id.span);
    return b.binding.id;
  }

  /** The item of `import x: <type>` (or a named world item). */
  externItem(t: A.ExternType, scope?: Map<string, number>): WorldItem {
    switch (t.kind) {
      case 'func':
        return {
          kind: 'function',
          function: this.func('', t.func, scope ?? new Map(), {
            kind: t.func.async ? 'async-freestanding' : 'freestanding',
          }),
        };
      case 'interface':
        return { kind: 'interface', id: this.interfaceBody(t.iface), stability: UNKNOWN };
      case 'path':
        return { kind: 'interface', id: this.pathInterface(t.path), stability: UNKNOWN };
      case 'ident': {
        const b = this.names.get(t.id.name);
        if (b === undefined) throw this.src.error(`undefined name \`${t.id.name}\``, t.id.span);
        switch (b.binding.kind) {
          case 'func':
            return { kind: 'function', function: b.binding.func };
          case 'interface':
            return { kind: 'interface', id: b.binding.id, stability: UNKNOWN };
          case 'type':
            return { kind: 'type', id: b.binding.id };
          default:
            throw this.src.error(`\`${t.id.name}\` cannot be used as an import type`, t.id.span);
        }
      }
    }
  }

  private pushType(kind: TypeDefKind, owner: TypeOwner, name?: string): number {
    this.r.types.push({ name, kind, owner, docs: {}, stability: UNKNOWN });
    return this.r.types.length - 1;
  }

  /** A type declaration: its type id, or a function type for `type f = func(...)`. */
  private typeDecl(
    d: A.TypeDecl,
    owner: TypeOwner,
    scope: Map<string, number>,
  ): number | { kind: 'func'; func: Function } {
    const name = d.id.name;
    const checkDup = (ids: A.Ident[], what: string) => {
      const seen = new Set<string>();
      for (const i of ids) {
        if (seen.has(i.name))
          throw this.src.error(`duplicate ${what} \`${i.name}\` for ${d.kind} type \`${name}\``, i.span);
        seen.add(i.name);
      }
    };
    switch (d.kind) {
      case 'resource': {
        const id = this.pushType({ kind: 'resource' }, owner, name);
        scope.set(name, id);
        return id;
      }
      case 'record':
        checkDup(
          d.fields.map((f) => f.id),
          'field',
        );
        return this.pushType(
          {
            kind: 'record',
            fields: d.fields.map((f) => ({ name: f.id.name, type: this.type(f.type, scope), docs: {} })),
          },
          owner,
          name,
        );
      case 'variant':
        checkDup(
          d.cases.map((c) => c.id),
          'case',
        );
        return this.pushType(
          {
            kind: 'variant',
            cases: d.cases.map((c) => ({
              name: c.id.name,
              type: c.type === undefined ? undefined : this.type(c.type, scope),
              docs: {},
            })),
          },
          owner,
          name,
        );
      case 'enum':
        checkDup(d.cases, 'case');
        return this.pushType({ kind: 'enum', cases: d.cases.map((c) => ({ name: c.name, docs: {} })) }, owner, name);
      case 'flags':
        checkDup(d.flags, 'flag');
        return this.pushType({ kind: 'flags', flags: d.flags.map((c) => ({ name: c.name, docs: {} })) }, owner, name);
      case 'alias':
        if (d.type.kind === 'func')
          return {
            kind: 'func',
            func: this.func(name, d.type.func, scope, {
              kind: d.type.func.async ? 'async-freestanding' : 'freestanding',
            }),
          };
        if (
          d.type.type.kind === 'ident' &&
          (scope.get(d.type.type.id.name) ?? 0) >= 0 &&
          !scope.has(d.type.type.id.name)
        ) {
          const b = this.names.get(d.type.type.id.name);
          if (b?.binding.kind === 'func') return { kind: 'func', func: { ...b.binding.func, name } };
        }
        // `type r2 = r` aliases the resource itself, not an owned handle of it.
        this.inAlias = true;
        try {
          return this.pushType(
            {
              kind: 'type',
              type: d.type.type.kind === 'ident' ? this.lookup(d.type.type.id, scope) : this.type(d.type.type, scope),
            },
            owner,
            name,
          );
        } finally {
          this.inAlias = false;
        }
    }
  }

  func(name: string, f: A.FuncType, scope: Map<string, number>, kind: FunctionKind): Function {
    const seen = new Set<string>();
    const params = f.params.map((p) => {
      if (seen.has(p.id.name)) throw this.src.error(`duplicate function parameter \`${p.id.name}\``, p.id.span);
      seen.add(p.id.name);
      return { name: p.id.name, type: this.type(p.type, scope) };
    });
    let result: TypeRef | undefined;
    if (f.results.kind === 'scalar') {
      result = this.type(f.results.type, scope);
      if (this.containsBorrow(result, new Set()))
        throw this.src.error('function result cannot recursively contain a borrow type', f.results.type.span);
    } else if (f.results.kind === 'named') {
      if (f.results.results.length > 0)
        throw this.src.error('named function results are not supported by the component model any more', f.span);
    }
    return { name, kind, params, result, docs: {}, stability: UNKNOWN };
  }

  private containsBorrow(t: TypeRef, seen: Set<number>): boolean {
    if (typeof t === 'string' || seen.has(t)) return false;
    seen.add(t);
    const k = this.r.types[t].kind;
    const any = (xs: (TypeRef | undefined)[]) => xs.some((x) => x !== undefined && this.containsBorrow(x, seen));
    switch (k.kind) {
      case 'handle':
        return k.handle === 'borrow';
      case 'type':
      case 'option':
        return any([k.type]);
      case 'list':
      case 'fixed-length-list':
        return any([k.element]);
      case 'tuple':
        return any(k.types);
      case 'record':
        return any(k.fields.map((f) => f.type));
      case 'variant':
        return any(k.cases.map((c) => c.type));
      case 'result':
        return any([k.ok, k.err]);
      case 'map':
        return any([k.key, k.value]);
      default:
        return false;
    }
  }

  type(t: A.Type, scope: Map<string, number>): TypeRef {
    const anon = (kind: TypeDefKind) => this.pushType(kind, null);
    switch (t.kind) {
      case 'prim':
        return t.name as TypeRef;
      case 'tuple':
        return anon({ kind: 'tuple', types: t.types.map((x) => this.type(x, scope)) });
      case 'list':
        return t.length === undefined
          ? anon({ kind: 'list', element: this.type(t.element, scope) })
          : anon({ kind: 'fixed-length-list', element: this.type(t.element, scope), size: t.length });
      case 'option':
        return anon({ kind: 'option', type: this.type(t.type, scope) });
      case 'result':
        return anon({ kind: 'result', ok: t.ok && this.type(t.ok, scope), err: t.err && this.type(t.err, scope) });
      case 'stream':
      case 'future':
        return anon({ kind: t.kind, type: t.element && this.type(t.element, scope) });
      case 'map':
        return anon({ kind: 'map', key: this.type(t.key, scope), value: this.type(t.value, scope) });
      case 'borrow':
      case 'own': {
        const res = this.lookup(t.id, scope);
        let base: TypeRef = res;
        while (typeof base === 'number' && this.r.types[base].kind.kind === 'type')
          base = (this.r.types[base].kind as { type: TypeRef }).type;
        if (typeof base !== 'number' || this.r.types[base].kind.kind !== 'resource')
          throw this.src.error(`\`${t.id.name}\` (${this.describeType(res)}) is not a resource type`, t.id.span);
        return anon({ kind: 'handle', handle: t.kind, resource: res });
      }
      case 'ident': {
        const id = this.lookup(t.id, scope);
        const k = this.r.types[id].kind;
        // A bare resource name means an owned handle.
        if (
          k.kind === 'resource' ||
          (k.kind === 'type' && typeof k.type === 'number' && this.r.types[k.type].kind.kind === 'resource')
        )
          return anon({ kind: 'handle', handle: 'own', resource: id });
        return id;
      }
    }
  }

  private inAlias = false;

  private lookup(id: A.Ident, scope: Map<string, number>): number {
    const local = scope.get(id.name);
    if (local !== undefined && local >= 0) return local;
    const b = this.names.get(id.name);
    if (b === undefined) throw this.src.error(`undefined name \`${id.name}\``, id.span);
    if (b.binding.kind !== 'type')
      throw this.src.error(
        `\`${id.name}\` (${this.describeBinding(b.binding)}) cannot be used ${this.inAlias ? 'in a type alias' : 'as a value type'}`,
        id.span,
      );
    return b.binding.id;
  }
}
