// Phase 1: the ASTs of one package's files → an `UnresolvedPackage`.
//
// This mirrors wasm-tools' `ast/resolve.rs` step by step because the order in
// which it allocates interfaces, worlds and types decides every index of the
// final JSON: foreign items first (in `use`-path visiting order), then
// interfaces and worlds in topological order, types in per-scope topological
// order with anonymous types interned as they are met.

import type * as ast from '../ast.js';
import type { Span } from '../ast.js';
import { docsOf, packageNameOf, stabilityOf } from './common.js';
import { ResolveError } from './errors.js';
import { toposort } from './toposort.js';
import { TypeScope } from './types-scope.js';
import type {
  Docs,
  Function,
  Interface,
  PackageName,
  Stability,
  TypeDef,
  World,
  WorldItem,
  WorldKey,
} from './types.js';
import { packageNameString, worldKeyString } from './types.js';

export interface ItemRef {
  kind: 'interface' | 'world';
  id: number;
}

export interface WorldSpans {
  span: Span;
  imports: Span[];
  exports: Span[];
  includes: Span[];
}

export interface InterfaceSpans {
  span: Span;
  funcs: Span[];
}

/** A world before `include`s are processed. */
export interface UnresolvedWorld extends World {
  includes: { stability: Stability; world: number }[];
  includeNames: { name: string; as: string }[][];
}

export interface ForeignDep {
  name: PackageName;
  /** Item name → the placeholder allocated for it and each use's stability. */
  items: Map<string, { item: ItemRef; stabilities: Stability[] }>;
}

export interface UnresolvedPackage {
  name: PackageName;
  nameSpan: Span;
  docs: Docs;
  worlds: UnresolvedWorld[];
  interfaces: Interface[];
  types: TypeDef[];
  /** Keyed by `packageNameString`, in first-use order. */
  foreignDeps: Map<string, ForeignDep>;
  foreignDepSpans: Span[];
  unknownTypeSpans: Span[];
  interfaceSpans: InterfaceSpans[];
  worldSpans: WorldSpans[];
  typeSpans: Span[];
  requiredResourceTypes: [number, Span][];
  recordFieldSpans: Map<number, Span[]>;
}

/** The decl list of one file (or one nested package) plus its own package header. */
export interface PackageSourceFile {
  packageName?: ast.PackageName;
  items: ast.AstItem[];
}

type PathVisitor = (
  owner: ast.Id | null,
  attrs: ast.Attribute[],
  path: ast.UsePath,
  names: ast.UseName[] | null,
  kind: 'world' | 'interface',
) => void;

/** Visits every use-path of a decl list in wasm-tools' order (world imports before exports). */
function forEachPath(items: ast.AstItem[], f: PathVisitor): void {
  for (const item of items) {
    if (item.kind === 'world') {
      const world = item.world;
      for (const wi of world.items) {
        if (wi.kind === 'use') f(null, wi.use.attributes, wi.use.from, wi.use.names, 'interface');
        else if (wi.kind === 'include') f(world.name, wi.include.attributes, wi.include.from, null, 'world');
      }
      // All imports, then all exports.
      for (const wi of world.items) if (wi.kind === 'import') externPaths(wi.import, f);
      for (const wi of world.items) if (wi.kind === 'export') externPaths(wi.export, f);
    } else if (item.kind === 'interface') {
      for (const ii of item.interface.items) {
        if (ii.kind === 'use') f(item.interface.name, ii.use.attributes, ii.use.from, ii.use.names, 'interface');
      }
    } else if (item.kind === 'use') {
      f(null, item.use.attributes, item.use.item, null, 'interface');
    } else {
      forEachPath(item.package.items, f);
    }
  }
}

function externPaths(ie: ast.ImportOrExport, f: PathVisitor): void {
  const k = ie.kind;
  if (k.kind === 'interface') {
    for (const ii of k.items) if (ii.kind === 'use') f(null, ii.use.attributes, ii.use.from, ii.use.names, 'interface');
  } else if (k.kind === 'path' || k.kind === 'named-path') {
    f(null, ie.attributes, k.path, null, 'interface');
  }
}

export function usePathName(p: ast.UsePath): ast.Id {
  return p.kind === 'id' ? p.id : p.name;
}

export function usePathSpan(p: ast.UsePath): Span {
  return p.kind === 'id' ? p.id.span : { start: p.package.span.start, end: p.name.span.end };
}

function externSpan(k: ast.ExternKind): Span {
  return k.kind === 'path' ? usePathSpan(k.path) : k.name.span;
}

/** Collects the files of one package and resolves them together. */
export class PackageResolver {
  private packageName?: { name: PackageName; span: Span };
  private packageDocs: Docs = {};
  private declLists: ast.AstItem[][] = [];

  readonly scope = new TypeScope();
  private interfaces: Interface[] = [];
  private worlds: UnresolvedWorld[] = [];
  private interfaceSpans: InterfaceSpans[] = [];
  private worldSpans: WorldSpans[] = [];
  private foreignDeps = new Map<string, ForeignDep>();
  private foreignDepSpans: Span[] = [];
  private foreignInterfaces = new Set<number>();
  private unknownTypeSpans: Span[] = [];
  /** Per file: top-level names (including `use`) → item. */
  private astItems: Map<string, ItemRef>[] = [];
  /** Package-wide names of interfaces and worlds. */
  private packageItems = new Map<string, ItemRef>();
  private curAstIndex = 0;

  push(file: PackageSourceFile): void {
    if (file.packageName !== undefined) {
      const cur = file.packageName;
      const curName = packageNameOf(cur);
      if (this.packageName !== undefined) {
        const prev = packageNameString(this.packageName.name);
        if (packageNameString(curName) !== prev) {
          throw new ResolveError(
            `package identifier \`${packageNameString(curName)}\` does not match previous package name of \`${prev}\``,
            cur.span,
          );
        }
      }
      this.packageName = { name: curName, span: cur.span };
      const docs = docsOf(cur.docs);
      if (docs.contents !== undefined) {
        if (this.packageDocs.contents !== undefined) {
          throw new ResolveError("found doc comments on multiple 'package' items", cur.docs.span);
        }
        this.packageDocs = docs;
      }
    }
    for (const item of file.items) {
      if (item.kind === 'package') {
        throw new ResolveError('nested packages must be placed at the top-level', item.package.packageName.span);
      }
    }
    this.declLists.push(file.items);
  }

  resolve(): UnresolvedPackage {
    if (this.packageName === undefined) {
      throw new ResolveError('no `package` header was found in any WIT file for this package');
    }
    const declLists = this.declLists;
    this.populateForeignDeps(declLists);
    const [ifaceOrder, worldOrder] = this.populateAstItems(declLists);
    this.populateForeignTypes(declLists);

    const ifaceAst = new Map<number, [ast.Interface, number]>();
    const worldAst = new Map<number, [ast.World, number]>();
    declLists.forEach((list, i) => {
      for (const item of list) {
        if (item.kind === 'interface')
          ifaceAst.set(this.astItems[i].get(item.interface.name.name)!.id, [item.interface, i]);
        else if (item.kind === 'world') worldAst.set(this.astItems[i].get(item.world.name.name)!.id, [item.world, i]);
      }
    });
    for (const id of ifaceOrder) {
      const [iface, i] = ifaceAst.get(id)!;
      this.curAstIndex = i;
      this.resolveInterface(id, iface.items, iface.docs, iface.attributes);
    }
    for (const id of worldOrder) {
      const [world, i] = worldAst.get(id)!;
      this.curAstIndex = i;
      this.resolveWorld(id, world);
    }
    return {
      name: this.packageName.name,
      nameSpan: this.packageName.span,
      docs: this.packageDocs,
      worlds: this.worlds,
      interfaces: this.interfaces,
      types: this.scope.types,
      foreignDeps: this.foreignDeps,
      foreignDepSpans: this.foreignDepSpans,
      unknownTypeSpans: this.unknownTypeSpans,
      interfaceSpans: this.interfaceSpans,
      worldSpans: this.worldSpans,
      typeSpans: this.scope.typeSpans,
      requiredResourceTypes: this.scope.requiredResourceTypes,
      recordFieldSpans: this.scope.recordFieldSpans,
    };
  }

  private allocInterface(span: Span): number {
    this.scope.interfaceTypes.push(new Map());
    this.interfaceSpans.push({ span, funcs: [] });
    this.interfaces.push({
      name: undefined,
      types: new Map(),
      functions: new Map(),
      docs: {},
      stability: { kind: 'unknown' },
    });
    return this.interfaces.length - 1;
  }

  private allocWorld(span: Span): number {
    this.worldSpans.push({ span, imports: [], exports: [], includes: [] });
    this.worlds.push({
      name: '',
      docs: {},
      imports: new Map(),
      exports: new Map(),
      stability: { kind: 'unknown' },
      includes: [],
      includeNames: [],
    });
    return this.worlds.length - 1;
  }

  /** Allocates placeholders for everything named through `ns:pkg/item` paths. */
  private populateForeignDeps(declLists: ast.AstItem[][]): void {
    for (const list of declLists) {
      forEachPath(list, (_owner, attrs, path, _names, kind) => {
        if (path.kind !== 'package') return;
        // Bad attributes are reported later, when the item itself is resolved.
        let stability: Stability;
        try {
          stability = stabilityOf(attrs);
        } catch {
          stability = { kind: 'unknown' };
        }
        const pkgName = packageNameOf(path.package);
        const key = packageNameString(pkgName);
        let dep = this.foreignDeps.get(key);
        if (dep === undefined) {
          this.foreignDepSpans.push(path.package.span);
          dep = { name: pkgName, items: new Map() };
          this.foreignDeps.set(key, dep);
        }
        let entry = dep.items.get(path.name.name);
        if (entry === undefined) {
          const item: ItemRef =
            kind === 'world'
              ? { kind: 'world', id: this.allocWorld(path.name.span) }
              : { kind: 'interface', id: this.allocInterface(path.name.span) };
          entry = { item, stabilities: [] };
          dep.items.set(path.name.name, entry);
        }
        entry.stabilities.push(stability);
        if (entry.item.kind === 'interface') this.foreignInterfaces.add(entry.item.id);
      });
    }
  }

  /** Allocates the package's own interfaces and worlds in dependency order. */
  private populateAstItems(declLists: ast.AstItem[][]): [number[], number[]] {
    const packageItems = new Map<string, Span>();
    const names = new Map<string, ast.AstItem>();
    const order = new Map<string, ast.Id[]>();
    for (const list of declLists) {
      for (const item of list) {
        if (item.kind !== 'interface' && item.kind !== 'world') continue;
        const id = item.kind === 'interface' ? item.interface.name : item.world.name;
        if (packageItems.has(id.name)) throw new ResolveError(`duplicate item named \`${id.name}\``, id.span);
        packageItems.set(id.name, id.span);
        order.set(id.name, []);
        names.set(id.name, item);
      }
    }

    for (const list of declLists) {
      // This file's namespace: what each top-level name refers to, foreign
      // items being irrelevant to the ordering.
      const ns = new Map<string, ast.Id | null>();
      for (const item of list) {
        let name: ast.Id;
        let src: ast.Id | null;
        if (item.kind === 'use') {
          name = item.use.as ?? usePathName(item.use.item);
          src = item.use.item.kind === 'id' ? item.use.item.id : null;
        } else if (item.kind === 'interface') {
          name = item.interface.name;
          src = name;
        } else if (item.kind === 'world') {
          name = item.world.name;
          src = name;
        } else continue;
        if (ns.has(name.name)) throw new ResolveError(`duplicate name \`${name.name}\` in this file`, name.span);
        ns.set(name.name, src);
      }
      forEachPath(list, (owner, _attrs, path) => {
        if (owner === null || path.kind !== 'id') return;
        const used = path.id;
        const local = ns.get(used.name);
        if (local === null) return;
        if (local !== undefined) {
          order.get(owner.name)!.push(local);
        } else if (packageItems.has(used.name)) {
          order.get(owner.name)!.push(used);
        } else {
          throw new ResolveError(`interface or world \`${used.name}\` does not exist`, used.span);
        }
      });
    }

    const sorted = toposort('interface or world', order);
    const ids = new Map<string, ItemRef>();
    const ifaceOrder: number[] = [];
    const worldOrder: number[] = [];
    for (const name of sorted) {
      const item = names.get(name)!;
      if (item.kind === 'interface') {
        const id = this.allocInterface(packageItems.get(name)!);
        this.interfaces[id].name = name;
        ids.set(name, { kind: 'interface', id });
        ifaceOrder.push(id);
      } else {
        const id = this.allocWorld(packageItems.get(name)!);
        this.worlds[id].name = name;
        ids.set(name, { kind: 'world', id });
        worldOrder.push(id);
      }
    }
    for (const list of declLists) {
      const items = new Map<string, ItemRef>();
      for (const item of list) {
        let name: string;
        let ref: ItemRef;
        if (item.kind === 'use') {
          const u = item.use;
          if (u.attributes.length > 0) throw new ResolveError('attributes not allowed on top-level use', u.span);
          name = (u.as ?? usePathName(u.item)).name;
          if (u.item.kind === 'id') {
            const found = ids.get(u.item.id.name);
            if (found === undefined) {
              throw new ResolveError(`interface or world \`${u.item.id.name}\` does not exist`, u.item.id.span);
            }
            ref = found;
          } else {
            ref = this.foreignDeps
              .get(packageNameString(packageNameOf(u.item.package)))!
              .items.get(u.item.name.name)!.item;
          }
        } else if (item.kind === 'interface' || item.kind === 'world') {
          name = item.kind === 'interface' ? item.interface.name.name : item.world.name.name;
          ref = ids.get(name)!;
          this.packageItems.set(name, ref);
        } else continue;
        items.set(name, ref);
      }
      this.astItems.push(items);
    }
    return [ifaceOrder, worldOrder];
  }

  /** Creates an `unknown` type for every name used from a foreign interface. */
  private populateForeignTypes(declLists: ast.AstItem[][]): void {
    declLists.forEach((list, i) => {
      this.curAstIndex = i;
      forEachPath(list, (_owner, attrs, path, names) => {
        if (names === null) return;
        const stability = stabilityOf(attrs);
        const [item, name, span] = this.resolveAstItemPath(path);
        const iface = this.extractInterface(item, name, span);
        if (!this.foreignInterfaces.has(iface)) return;
        const lookup = this.scope.interfaceTypes[iface];
        for (const n of names) {
          if (lookup.has(n.name.name)) continue;
          const id = this.scope.allocType(
            { name: n.name.name, kind: { kind: 'unknown' }, owner: { interface: iface }, docs: {}, stability },
            n.name.span,
          );
          this.unknownTypeSpans.push(n.name.span);
          lookup.set(n.name.name, { kind: 'type', id, span: n.name.span });
          this.interfaces[iface].types.set(n.name.name, id);
        }
      });
    });
  }

  resolveAstItemPath(path: ast.UsePath): [ItemRef, string, Span] {
    if (path.kind === 'id') {
      const item = this.astItems[this.curAstIndex].get(path.id.name) ?? this.packageItems.get(path.id.name);
      if (item === undefined) {
        throw new ResolveError(`interface or world \`${path.id.name}\` does not exist`, path.id.span);
      }
      return [item, path.id.name, path.id.span];
    }
    const dep = this.foreignDeps.get(packageNameString(packageNameOf(path.package)))!;
    return [dep.items.get(path.name.name)!.item, path.name.name, path.name.span];
  }

  extractInterface(item: ItemRef, name: string, span: Span): number {
    if (item.kind === 'interface') return item.id;
    throw new ResolveError(`name \`${name}\` is defined as a world, not an interface`, span);
  }

  private extractWorld(item: ItemRef, name: string, span: Span): number {
    if (item.kind === 'world') return item.id;
    throw new ResolveError(`name \`${name}\` is defined as an interface, not a world`, span);
  }

  private resolveInterface(id: number, items: ast.InterfaceItem[], docs: ast.Docs, attrs: ast.Attribute[]): void {
    const iface = this.interfaces[id];
    iface.docs = docsOf(docs);
    iface.stability = stabilityOf(attrs);
    const scope = this.scope;
    scope.resolveTypes({ interface: id }, items, this);
    for (const [name, entry] of scope.lookup) {
      if (entry.kind === 'type') iface.types.set(name, entry.id);
    }
    const funcs: Function[] = [];
    for (const item of items) {
      if (item.kind === 'func') {
        scope.defineName(item.func.name, { kind: 'item', what: 'function', span: item.func.name.span });
        const f = item.func;
        funcs.push(
          scope.resolveFunction(f.docs, f.attributes, f.name.name, f.func, {
            kind: f.func.async ? 'async-freestanding' : 'freestanding',
          }),
        );
        this.interfaceSpans[id].funcs.push(f.name.span);
      } else if (item.kind === 'type' && item.type.type.kind === 'resource') {
        for (const rf of item.type.type.funcs) {
          funcs.push(scope.resolveResourceFunc(rf, item.type.name));
          this.interfaceSpans[id].funcs.push(rf.func.name.span);
        }
      }
    }
    for (const f of funcs) iface.functions.set(f.name, f);
    scope.interfaceTypes[id] = scope.lookup;
    scope.lookup = new Map();
  }

  private resolveWorld(id: number, world: ast.World): void {
    const w = this.worlds[id];
    w.docs = docsOf(world.docs);
    w.stability = stabilityOf(world.attributes);
    const scope = this.scope;
    const typeItems: ast.InterfaceItem[] = [];
    for (const wi of world.items) {
      if (wi.kind === 'use') typeItems.push({ kind: 'use', use: wi.use });
      else if (wi.kind === 'type') typeItems.push({ kind: 'type', type: wi.type });
    }
    scope.resolveTypes({ world: id }, typeItems, this);

    for (const wi of world.items) {
      if (wi.kind !== 'include') continue;
      const inc = wi.include;
      const stability = stabilityOf(inc.attributes);
      const [item, name, span] = this.resolveAstItemPath(inc.from);
      const from = this.extractWorld(item, name, span);
      w.includes.push({ stability, world: from });
      w.includeNames.push(inc.names.map((n) => ({ name: n.name.name, as: n.as.name })));
      this.worldSpans[id].includes.push(span);
    }

    const importSpans: Span[] = [];
    const exportSpans: Span[] = [];
    for (const [name, entry] of scope.lookup) {
      if (entry.kind !== 'type') continue;
      const key: WorldKey = { name };
      if (w.imports.has(name))
        throw new ResolveError(`import \`${name}\` conflicts with prior import of same name`, entry.span);
      w.imports.set(worldKeyString(key), { key, item: { kind: 'type', id: entry.id } });
      importSpans.push(entry.span);
    }

    const imported = new Set<number>();
    const exported = new Set<number>();
    for (const wi of world.items) {
      if (wi.kind === 'type' && wi.type.type.kind === 'resource') {
        for (const rf of wi.type.type.funcs) {
          importSpans.push(rf.func.name.span);
          const f = scope.resolveResourceFunc(rf, wi.type.name);
          w.imports.set(f.name, { key: { name: f.name }, item: { kind: 'function', function: f } });
        }
        continue;
      }
      if (wi.kind !== 'import' && wi.kind !== 'export') continue;
      const ie = wi.kind === 'import' ? wi.import : wi.export;
      const desc = wi.kind;
      const kind = ie.kind;
      const item = this.resolveWorldItem(ie.docs, ie.attributes, kind);
      let key: WorldKey;
      if (kind.kind === 'interface' || kind.kind === 'named-path') key = { name: kind.name.name };
      else if (kind.kind === 'func') key = { name: (item as { function: Function }).function.name };
      else key = { interface: (item as { id: number }).id };
      if (item.kind === 'interface' && kind.kind !== 'named-path') {
        const set = desc === 'import' ? imported : exported;
        if (set.has(item.id)) throw new ResolveError(`interface cannot be ${desc}ed more than once`, externSpan(kind));
        set.add(item.id);
      }
      const dst = desc === 'import' ? w.imports : w.exports;
      const k = worldKeyString(key);
      const prev = dst.get(k);
      if (prev !== undefined) {
        const what = prev.item.kind === 'interface' ? 'interface' : prev.item.kind === 'function' ? 'func' : 'type';
        throw new ResolveError(`${desc} \`${k}\` conflicts with prior ${what} of same name`, externSpan(kind));
      }
      dst.set(k, { key, item });
      (desc === 'import' ? importSpans : exportSpans).push(externSpan(kind));
    }
    this.worldSpans[id].imports = importSpans;
    this.worldSpans[id].exports = exportSpans;
    scope.lookup = new Map();
  }

  private resolveWorldItem(docs: ast.Docs, attrs: ast.Attribute[], kind: ast.ExternKind): WorldItem {
    const scope = this.scope;
    if (kind.kind === 'interface') {
      const saved = scope.lookup;
      scope.lookup = new Map();
      const id = this.allocInterface(kind.name.span);
      this.resolveInterface(id, kind.items, docs, attrs);
      scope.lookup = saved;
      return { kind: 'interface', id, stability: this.interfaces[id].stability };
    }
    if (kind.kind === 'path' || kind.kind === 'named-path') {
      const stability = stabilityOf(attrs);
      const [item, name, span] = this.resolveAstItemPath(kind.path);
      const id = this.extractInterface(item, name, span);
      const itemDocs = docsOf(docs);
      return itemDocs.contents === undefined
        ? { kind: 'interface', id, stability }
        : { kind: 'interface', id, stability, docs: itemDocs };
    }
    const f = scope.resolveFunction(docs, attrs, kind.name.name, kind.func, {
      kind: kind.func.async ? 'async-freestanding' : 'freestanding',
    });
    return { kind: 'function', function: f };
  }
}

/**
 * Resolves a group of files: nested `package x:y { … }` blocks become their
 * own packages (resolved as they are met), everything else forms the main
 * package. Files must already be sorted by path.
 */
export function resolveGroup(files: ast.PackageFile[]): { main: UnresolvedPackage; nested: UnresolvedPackage[] } {
  const main = new PackageResolver();
  const nested: UnresolvedPackage[] = [];
  for (const file of files) {
    const rest: ast.AstItem[] = [];
    for (const item of file.items) {
      if (item.kind === 'package') {
        const pkg = item.package;
        if (pkg.attributes.length > 0) {
          throw new ResolveError('cannot place attributes on nested packages', pkg.span);
        }
        const r = new PackageResolver();
        const docs = pkg.packageName.docs.comments.length > 0 ? pkg.packageName.docs : pkg.docs;
        r.push({ packageName: { ...pkg.packageName, docs }, items: pkg.items });
        nested.push(r.resolve());
      } else {
        rest.push(item);
      }
    }
    main.push({ packageName: file.packageName, items: rest });
  }
  return { main: main.resolve(), nested };
}
