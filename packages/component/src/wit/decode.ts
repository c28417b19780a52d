/**
 * Binary → WIT: a wasm-encoded WIT package (or a world's component type)
 * decoded back into a wit-parser `Resolve`.
 *
 * Types are tracked per index space: an entry is either a WIT type already in
 * the `Resolve` (resources, named types, aliases of other interfaces' types)
 * or a local definition, turned into an anonymous `TypeDef` the first time a
 * function or another type refers to it (once per index, so every use of one
 * index is one `TypeDef`). Interfaces are found or created by their full
 * `ns:pkg/iface@ver` name, so a foreign interface seen from several places
 * accumulates one set of types and functions.
 */
import type {
  Function,
  FunctionKind,
  Interface,
  Package,
  PackageName,
  Resolve,
  Stability,
  TypeDef,
  TypeDefKind,
  TypeOwner,
  TypeRef,
  World,
  WorldItem,
  WorldKey,
} from '@wit-ts/wit-parser';
import { decodeComponent } from '../decode-component.js';
import type {
  Alias,
  Component,
  ComponentType,
  DefType,
  DefValType,
  FuncType,
  InstanceType,
  ValType,
} from '../model.js';
import { injectPackageMetadata, PACKAGE_DOCS_SECTION } from './metadata.js';
import { interfaceDirectDeps } from './resolve-util.js';

import { WitDecodeError } from './errors.js';

export { WitDecodeError };

const UNKNOWN: Stability = { kind: 'unknown' };

export type TypeEntry =
  { kind: 'wit'; id: number } | { kind: 'def'; def: DefType; space: Space; id?: number } | { kind: 'none' };

export interface InstanceInfo {
  iface: number | null;
  types: Map<string, number>;
}

export interface Space {
  types: TypeEntry[];
  instances: InstanceInfo[];
  parent: Space | null;
}

export const newSpace = (parent: Space | null): Space => ({ types: [], instances: [], parent });

/** Parses `ns:pkg/name@version` (`@version` optional). */
export function parseQualifiedName(s: string): { pkg: PackageName; name: string } | undefined {
  const m = /^([^:/@]+):([^:/@]+)\/([^:/@]+)(?:@(.+))?$/.exec(s);
  if (m === null) return undefined;
  const pkg: PackageName = { namespace: m[1], name: m[2] };
  if (m[4] !== undefined) pkg.version = m[4];
  return { pkg, name: m[3] };
}

function pkgKey(n: PackageName): string {
  const base = `${n.namespace}:${n.name}`;
  return n.version === undefined ? base : `${base}@${n.version}`;
}

export function emptyResolve(): Resolve {
  return {
    worlds: [],
    interfaces: [],
    types: [],
    packages: [],
    packageNames: new Map(),
    features: new Set(),
    allFeatures: false,
  };
}

/** Decodes into a `Resolve` (new or given), creating packages and interfaces on demand. */
export class WitDecoder {
  constructor(readonly resolve: Resolve = emptyResolve()) {}

  ensurePackage(name: PackageName): number {
    const key = pkgKey(name);
    const existing = this.resolve.packageNames.get(key);
    if (existing !== undefined) return existing;
    const p: Package = { name: { ...name }, docs: {}, interfaces: new Map(), worlds: new Map() };
    this.resolve.packages.push(p);
    const id = this.resolve.packages.length - 1;
    this.resolve.packageNames.set(key, id);
    return id;
  }

  ensureInterface(qualified: string): number {
    const q = parseQualifiedName(qualified);
    if (q === undefined) throw new WitDecodeError(`not an interface name: ${JSON.stringify(qualified)}`);
    const pkg = this.ensurePackage(q.pkg);
    const p = this.resolve.packages[pkg];
    const existing = p.interfaces.get(q.name);
    if (existing !== undefined) return existing;
    const id = this.newInterface(q.name, pkg);
    p.interfaces.set(q.name, id);
    return id;
  }

  newInterface(name: string | undefined, pkg: number | undefined): number {
    const i: Interface = { types: new Map(), functions: new Map(), docs: {}, stability: UNKNOWN };
    if (name !== undefined) i.name = name;
    if (pkg !== undefined) i.package = pkg;
    this.resolve.interfaces.push(i);
    return this.resolve.interfaces.length - 1;
  }

  ensureWorld(pkg: number, name: string): number {
    const p = this.resolve.packages[pkg];
    const existing = p.worlds.get(name);
    if (existing !== undefined) return existing;
    const w: World = { name, imports: new Map(), exports: new Map(), package: pkg, docs: {}, stability: UNKNOWN };
    this.resolve.worlds.push(w);
    const id = this.resolve.worlds.length - 1;
    p.worlds.set(name, id);
    return id;
  }

  private pushType(t: TypeDef): number {
    this.resolve.types.push(t);
    return this.resolve.types.length - 1;
  }

  // ------------------------------------------------------------ index spaces

  /** Entries being converted: a definition reaching itself is malformed (the validator rejects it). */
  private readonly converting = new Set<TypeEntry>();

  private guarded<T>(e: TypeEntry, f: () => T): T {
    if (this.converting.has(e)) throw new WitDecodeError('a type definition refers to itself');
    this.converting.add(e);
    try {
      return f();
    } finally {
      this.converting.delete(e);
    }
  }

  addTypeDecl(space: Space, def: DefType): void {
    space.types.push({ kind: 'def', def, space });
  }

  addAlias(space: Space, a: Alias): void {
    if (a.sort !== 'type') {
      if (a.sort === 'instance') space.instances.push({ iface: null, types: new Map() });
      return;
    }
    const t = a.target;
    if (t.kind === 'outer') {
      let s: Space | null = space;
      for (let i = 0; i < t.count && s !== null; i++) s = s.parent;
      const e = s?.types[t.index];
      if (e === undefined) throw new WitDecodeError(`outer alias to unknown type ${t.count} ${t.index}`);
      space.types.push(e);
    } else if (t.kind === 'export') {
      const inst = space.instances[t.instance];
      const id = inst?.types.get(t.name);
      if (id === undefined)
        throw new WitDecodeError(`alias of unknown type export ${JSON.stringify(t.name)} of instance ${t.instance}`);
      space.types.push({ kind: 'wit', id });
    } else {
      space.types.push({ kind: 'none' });
    }
  }

  entry(space: Space, index: number): TypeEntry {
    const e = space.types[index];
    if (e === undefined) throw new WitDecodeError(`unknown type index ${index}`);
    return e;
  }

  /** A value type of `space` as a WIT type reference. */
  valType(space: Space, v: ValType): TypeRef {
    if (typeof v === 'string') return v;
    const e = this.entry(space, v);
    if (e.kind === 'wit') return e.id;
    if (e.kind === 'none') throw new WitDecodeError(`type ${v} is not a value type`);
    if (e.def.kind === 'prim') return e.def.prim;
    if (e.id === undefined) {
      const kind = this.guarded(e, () => this.defKind(e.def, e.space));
      e.id ??= this.pushType({ kind, owner: null, docs: {}, stability: UNKNOWN });
    }
    return e.id;
  }

  private optType(space: Space, v: ValType | null): TypeRef | undefined {
    return v === null ? undefined : this.valType(space, v);
  }

  private resourceOf(space: Space, index: number): number {
    const r = this.valType(space, index);
    if (typeof r !== 'number') throw new WitDecodeError('handle of a primitive type');
    return r;
  }

  private defKind(def: DefType, space: Space): TypeDefKind {
    const d = def as DefValType | FuncType | ComponentType | InstanceType;
    switch (d.kind) {
      case 'record':
        return {
          kind: 'record',
          fields: d.fields.map((f) => ({ name: f.name, type: this.valType(space, f.type), docs: {} })),
        };
      case 'variant':
        return {
          kind: 'variant',
          cases: d.cases.map((c) => {
            const out: { name: string; type?: TypeRef; docs: {} } = { name: c.name, docs: {} };
            const t = this.optType(space, c.type);
            if (t !== undefined) out.type = t;
            return out;
          }),
        };
      case 'list':
        return { kind: 'list', element: this.valType(space, d.element) };
      case 'fixed-list':
        return { kind: 'fixed-length-list', element: this.valType(space, d.element), size: d.length };
      case 'tuple':
        return { kind: 'tuple', types: d.types.map((t) => this.valType(space, t)) };
      case 'flags':
        return { kind: 'flags', flags: d.names.map((name) => ({ name, docs: {} })) };
      case 'enum':
        return { kind: 'enum', cases: d.names.map((name) => ({ name, docs: {} })) };
      case 'option':
        return { kind: 'option', type: this.valType(space, d.type) };
      case 'result': {
        const out: TypeDefKind & { kind: 'result' } = { kind: 'result' };
        const ok = this.optType(space, d.ok);
        const err = this.optType(space, d.err);
        if (ok !== undefined) out.ok = ok;
        if (err !== undefined) out.err = err;
        return out;
      }
      case 'own':
      case 'borrow':
        return { kind: 'handle', handle: d.kind, resource: this.resourceOf(space, d.type) };
      case 'stream':
      case 'future': {
        const out: TypeDefKind & { kind: 'stream' | 'future' } = { kind: d.kind };
        const t = this.optType(space, d.element);
        if (t !== undefined) out.type = t;
        return out;
      }
      case 'map':
        return { kind: 'map', key: this.valType(space, d.key), value: this.valType(space, d.value) };
      case 'prim':
        return { kind: 'type', type: d.prim };
      default:
        throw new WitDecodeError(`a ${d.kind} type is not a WIT value type`);
    }
  }

  /** A named type `name` = type `index` of `space`. */
  namedType(space: Space, index: number, name: string, owner: TypeOwner): number {
    return this.namedEntry(this.entry(space, index), name, owner);
  }

  /** A named type `name` = type entry `e` (a resource definition becomes the resource itself). */
  namedEntry(e: TypeEntry, name: string, owner: TypeOwner): number {
    if (e.kind === 'def' && e.def.kind === 'resource') {
      if (e.id !== undefined)
        return this.pushType({ name, kind: { kind: 'type', type: e.id }, owner, docs: {}, stability: UNKNOWN });
      e.id = this.resource(name, owner);
      return e.id;
    }
    let kind: TypeDefKind;
    if (e.kind === 'wit') kind = { kind: 'type', type: e.id };
    else if (e.kind === 'none') throw new WitDecodeError(`type of ${JSON.stringify(name)} is not a value type`);
    else if (e.def.kind === 'prim') kind = { kind: 'type', type: e.def.prim };
    else if (e.id !== undefined) kind = { kind: 'type', type: e.id };
    else {
      const def = e.def;
      kind = this.guarded(e, () => this.defKind(def, e.space));
      const id = this.pushType({ name, kind, owner, docs: {}, stability: UNKNOWN });
      e.id = id;
      return id;
    }
    return this.pushType({ name, kind, owner, docs: {}, stability: UNKNOWN });
  }

  resource(name: string, owner: TypeOwner): number {
    return this.pushType({ name, kind: { kind: 'resource' }, owner, docs: {}, stability: UNKNOWN });
  }

  funcType(space: Space, index: number): FuncType {
    const e = this.entry(space, index);
    if (e.kind !== 'def' || e.def.kind !== 'func') throw new WitDecodeError(`type ${index} is not a function type`);
    return e.def;
  }

  makeFunction(name: string, ft: FuncType, space: Space, resourceNamed: (r: string) => number): Function {
    const kind = functionKind(name, ft.async, resourceNamed);
    const f: Function = {
      name,
      kind,
      params: ft.params.map((p) => ({ name: p.name, type: this.valType(space, p.type) })),
      docs: {},
      stability: UNKNOWN,
    };
    if (ft.result !== null) f.result = this.valType(space, ft.result);
    return f;
  }

  // ------------------------------------------------------------ instances, worlds

  /** Decodes an instance type's exports into interface `iface` (merging with what it has). */
  decodeInstance(inst: InstanceType, parent: Space, iface: number): InstanceInfo {
    const space = newSpace(parent);
    const i = this.resolve.interfaces[iface];
    const info: InstanceInfo = { iface, types: new Map() };
    for (const d of inst.decls) {
      if (d.kind === 'type') this.addTypeDecl(space, d.type);
      else if (d.kind === 'alias') this.addAlias(space, d.alias);
      else if (d.kind === 'export') {
        const name = d.name.name;
        const t = d.type;
        if (t.kind === 'type') {
          let id = i.types.get(name);
          if (id === undefined) {
            id =
              t.bound.kind === 'sub-resource'
                ? this.resource(name, { interface: iface })
                : this.namedType(space, t.bound.index, name, { interface: iface });
            i.types.set(name, id);
          } else if (t.bound.kind === 'eq') {
            // Already known (a foreign interface seen before): the local definition is that type.
            const e = this.entry(space, t.bound.index);
            if (e.kind === 'def' && e.id === undefined && e.def.kind !== 'prim') e.id = id;
          }
          space.types.push({ kind: 'wit', id });
          info.types.set(name, id);
        } else if (t.kind === 'func') {
          if (!i.functions.has(name)) {
            const f = this.makeFunction(name, this.funcType(space, t.type), space, (r) => {
              const rid = i.types.get(r);
              if (rid === undefined)
                throw new WitDecodeError(`function ${JSON.stringify(name)} of unknown resource ${JSON.stringify(r)}`);
              return rid;
            });
            i.functions.set(name, f);
          }
        } else if (t.kind === 'instance') {
          space.instances.push({ iface: null, types: new Map() });
        }
      }
    }
    return info;
  }

  instanceType(space: Space, index: number): InstanceType {
    const e = this.entry(space, index);
    if (e.kind !== 'def' || e.def.kind !== 'instance')
      throw new WitDecodeError(`type ${index} is not an instance type`);
    return e.def;
  }

  /** Decodes the component type of a world into world `worldId` of the resolve. */
  decodeWorld(ct: ComponentType, worldId: number, parent: Space | null = null): void {
    const space = newSpace(parent);
    const world = this.resolve.worlds[worldId];
    const worldTypes = new Map<string, number>();
    for (const d of ct.decls) {
      if (d.kind === 'type') {
        this.addTypeDecl(space, d.type);
        continue;
      }
      if (d.kind === 'alias') {
        this.addAlias(space, d.alias);
        continue;
      }
      if (d.kind !== 'import' && d.kind !== 'export') continue;
      const isImport = d.kind === 'import';
      const map = isImport ? world.imports : world.exports;
      const name = d.name.name;
      const impl = d.name.attributes.find((a) => a.kind === 'implements');
      const t = d.type;
      if (t.kind === 'instance') {
        const inst = this.instanceType(space, t.type);
        let key: WorldKey;
        let iface: number;
        if (parseQualifiedName(name) !== undefined) {
          iface = this.ensureInterface(name);
          key = { interface: iface };
        } else if (impl !== undefined && impl.kind === 'implements') {
          iface = this.ensureInterface(impl.name);
          key = { name };
        } else {
          iface = this.newInterface(undefined, world.package);
          key = { name };
        }
        space.instances.push(this.decodeInstance(inst, space, iface));
        const item: WorldItem = { kind: 'interface', id: iface, stability: UNKNOWN };
        map.set('name' in key ? key.name : `interface-${iface}`, { key, item });
      } else if (t.kind === 'func') {
        const f = this.makeFunction(name, this.funcType(space, t.type), space, (r) => {
          const rid = worldTypes.get(r);
          if (rid === undefined)
            throw new WitDecodeError(`function ${JSON.stringify(name)} of unknown resource ${JSON.stringify(r)}`);
          return rid;
        });
        map.set(name, { key: { name }, item: { kind: 'function', function: f } });
      } else if (t.kind === 'type') {
        const owner = { world: worldId };
        const id =
          t.bound.kind === 'sub-resource'
            ? this.resource(name, owner)
            : this.namedType(space, t.bound.index, name, owner);
        space.types.push({ kind: 'wit', id });
        worldTypes.set(name, id);
        map.set(name, { key: { name }, item: { kind: 'type', id } });
      } else if (t.kind === 'component') {
        // Not expressible in WIT; skipped.
      }
    }
  }

  /** Decodes the component type of an interface wrapper (imports of deps, export of the interface). */
  decodeInterfaceWrapper(ct: ComponentType): void {
    const space = newSpace(null);
    for (const d of ct.decls) {
      if (d.kind === 'type') this.addTypeDecl(space, d.type);
      else if (d.kind === 'alias') this.addAlias(space, d.alias);
      else if ((d.kind === 'import' || d.kind === 'export') && d.type.kind === 'instance') {
        const iface = this.ensureInterface(d.name.name);
        space.instances.push(this.decodeInstance(this.instanceType(space, d.type.type), space, iface));
      }
    }
  }
}

function functionKind(name: string, async: boolean, resourceNamed: (r: string) => number): FunctionKind {
  const m = /^\[(constructor|method|static|async method|async static|async)\](.*)$/.exec(name);
  if (m === null) return { kind: async ? 'async-freestanding' : 'freestanding' };
  const [, prefix, rest] = m;
  if (prefix === 'async') return { kind: 'async-freestanding' };
  if (prefix === 'constructor') return { kind: 'constructor', resource: resourceNamed(rest) };
  const dot = rest.indexOf('.');
  if (dot < 0) throw new WitDecodeError(`malformed function name ${JSON.stringify(name)}`);
  const resource = resourceNamed(rest.slice(0, dot));
  switch (prefix) {
    case 'method':
      return { kind: async ? 'async-method' : 'method', resource };
    case 'static':
      return { kind: async ? 'async-static' : 'static', resource };
    case 'async method':
      return { kind: 'async-method', resource };
    default:
      return { kind: 'async-static', resource };
  }
}

// ---------------------------------------------------------------- packages

/** The component type a top-level `type` export of the package component names. */
function topLevelTypes(c: Component): { name: string; type: ComponentType }[] {
  const types: (DefType | null)[] = [];
  const out: { name: string; type: ComponentType }[] = [];
  for (const s of c.sections) {
    if (s.kind === 'type') for (const t of s.items) types.push(t.type);
    else if (s.kind === 'alias') {
      for (const a of s.items) if (a.sort === 'type') types.push(null);
    } else if (s.kind === 'import') {
      for (const i of s.items) if (i.type.kind === 'type') types.push(null);
    } else if (s.kind === 'export') {
      for (const e of s.items) {
        if (e.sort !== 'type') continue;
        const t = types[e.index];
        types.push(t ?? null);
        if (t !== null && t !== undefined && t.kind === 'component') out.push({ name: e.name.name, type: t });
      }
    }
  }
  return out;
}

/** Whether a decoded component is a wasm-encoded WIT package (only type exports of component types). */
export function isWitPackage(c: Component): boolean {
  let exports = 0;
  for (const s of c.sections) {
    switch (s.kind) {
      case 'type':
      case 'custom':
        break;
      case 'export':
        for (const e of s.items) {
          if (e.sort !== 'type') return false;
          exports++;
        }
        break;
      default:
        return false;
    }
  }
  return exports > 0 || c.sections.some((s) => s.kind === 'custom' && s.name === PACKAGE_DOCS_SECTION);
}

/** The single export of a wrapper type: `ns:pkg/name` and what it is. */
function wrapperExport(ct: ComponentType): { name: string; kind: 'instance' | 'component'; index: number } {
  for (let i = ct.decls.length - 1; i >= 0; i--) {
    const d = ct.decls[i];
    if (d.kind === 'export' && (d.type.kind === 'instance' || d.type.kind === 'component')) {
      return { name: d.name.name, kind: d.type.kind, index: d.type.type };
    }
  }
  throw new WitDecodeError('package item type exports neither an interface nor a world');
}

export interface DecodedWitPackage {
  resolve: Resolve;
  /** The package the binary encodes (also `resolve.main`). */
  package: number;
}

/**
 * Decodes a package component (already decoded into the binary model) into
 * `resolve` (a fresh one by default), dependencies first, the package last.
 */
export function decodeWitPackageComponent(c: Component, into?: Resolve): DecodedWitPackage {
  const items = topLevelTypes(c);
  const decoder = new WitDecoder(into ?? emptyResolve());
  const r = decoder.resolve;
  const firstNew = r.packages.length;
  const v1 = items.length === 1 ? parseQualifiedName(items[0].name) : undefined;
  let main: number | undefined;
  if (v1 !== undefined && v1.name === 'wit') {
    main = decodeV1Package(decoder, v1.pkg, items[0].type);
  } else {
    main = decodeV2Items(decoder, items);
  }
  const docs = c.sections.find((s) => s.kind === 'custom' && s.name === PACKAGE_DOCS_SECTION);
  if (docs !== undefined && docs.kind === 'custom') injectPackageMetadata(r, main, docs.data);
  const moved = orderNewPackages(r, main, firstNew);
  if (into === undefined) r.main = moved;
  return { resolve: r, package: moved };
}

/**
 * The first encoding of WIT packages (v1): one export `ns:pkg/wit` of a
 * component type importing foreign interfaces and exporting the package's
 * interfaces (instances) and worlds (components) directly.
 */
function decodeV1Package(decoder: WitDecoder, name: PackageName, ct: ComponentType): number {
  const main = decoder.ensurePackage(name);
  const itemName = (n: string) => parseQualifiedName(n)?.name ?? n;
  const qualified = (n: string) =>
    parseQualifiedName(n) !== undefined
      ? n
      : `${pkgKey({ ...name, version: undefined })}/${n}${name.version === undefined ? '' : `@${name.version}`}`;
  for (const d of ct.decls) {
    if (d.kind !== 'export') continue;
    if (d.type.kind === 'instance') decoder.ensureInterface(qualified(d.name.name));
    else if (d.type.kind === 'component') decoder.ensureWorld(main, itemName(d.name.name));
  }
  const space = newSpace(null);
  for (const d of ct.decls) {
    if (d.kind === 'type') decoder.addTypeDecl(space, d.type);
    else if (d.kind === 'alias') decoder.addAlias(space, d.alias);
    else if ((d.kind === 'import' || d.kind === 'export') && d.type.kind === 'instance') {
      const iface = decoder.ensureInterface(d.kind === 'import' ? d.name.name : qualified(d.name.name));
      space.instances.push(decoder.decodeInstance(decoder.instanceType(space, d.type.type), space, iface));
    } else if (d.kind === 'export' && d.type.kind === 'component') {
      const e = space.types[d.type.type];
      if (e === undefined || e.kind !== 'def' || e.def.kind !== 'component')
        throw new WitDecodeError('world export is not a component type');
      decoder.decodeWorld(e.def, decoder.ensureWorld(main, itemName(d.name.name)), space);
    }
  }
  return main;
}

/** `m` with the keys in `first` (those it has) first, in that order, then the rest. */
function ordered<T>(m: Map<string, T>, first: string[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const k of first) if (m.has(k)) out.set(k, m.get(k)!);
  for (const [k, v] of m) if (!out.has(k)) out.set(k, v);
  return out;
}

/** The current encoding (v2): one top-level export per interface or world. */
function decodeV2Items(decoder: WitDecoder, items: { name: string; type: ComponentType }[]): number {
  // The package's own name, interfaces and worlds first, so their order is the binary's order.
  let main: number | undefined;
  const plan: { name: string; type: ComponentType; exp: ReturnType<typeof wrapperExport> }[] = [];
  for (const it of items) {
    const exp = wrapperExport(it.type);
    const q = parseQualifiedName(exp.name);
    if (q === undefined) throw new WitDecodeError(`not a package item name: ${JSON.stringify(exp.name)}`);
    const pkg = decoder.ensurePackage(q.pkg);
    main ??= pkg;
    if (pkg !== main)
      throw new WitDecodeError(`items of several packages in one package binary: ${JSON.stringify(exp.name)}`);
    if (exp.kind === 'instance') decoder.ensureInterface(exp.name);
    else decoder.ensureWorld(pkg, q.name);
    plan.push({ ...it, exp });
  }
  if (main === undefined)
    throw new WitDecodeError(
      'a WIT package binary must define at least one interface or world (its name comes from them)',
    );
  // Merging into a package known only partially (from other binaries' foreign
  // views): the binary's own order comes first.
  const own = decoder.resolve.packages[main];
  const names = plan.map((p) => parseQualifiedName(p.exp.name)!.name);
  own.interfaces = ordered(own.interfaces, names);
  own.worlds = ordered(own.worlds, names);
  for (const p of plan) {
    if (p.exp.kind === 'instance') decoder.decodeInterfaceWrapper(p.type);
    else {
      const space = newSpace(null);
      for (const d of p.type.decls) {
        if (d.kind === 'type') space.types.push({ kind: 'def', def: d.type, space });
      }
      const e = space.types[p.exp.index];
      if (e === undefined || e.kind !== 'def' || e.def.kind !== 'component')
        throw new WitDecodeError('world export is not a component type');
      const q = parseQualifiedName(p.exp.name)!;
      decoder.decodeWorld(e.def, decoder.ensureWorld(main, q.name), space);
    }
  }
  return main;
}

/**
 * Reorders the packages created by this decode (index >= `firstNew`): the
 * foreign ones topologically (a package after the packages its interfaces
 * use), the decoded package `pkg` last. Returns `pkg`'s new index.
 */
function orderNewPackages(r: Resolve, pkg: number, firstNew: number): number {
  const pkgOfIface = (i: number) => r.interfaces[i].package;
  const order: number[] = [];
  const visit = (p: number) => {
    if (order.includes(p)) return;
    const ifaces = [...r.packages[p].interfaces.values()];
    for (const w of r.packages[p].worlds.values()) {
      for (const e of [...r.worlds[w].imports.values(), ...r.worlds[w].exports.values()]) {
        if (e.item.kind === 'interface') ifaces.push(e.item.id);
      }
    }
    for (const i of ifaces) {
      for (const dep of interfaceDirectDeps(r, i)) {
        const dp = pkgOfIface(dep);
        if (dp !== undefined && dp !== p && dp >= firstNew && dp !== pkg) visit(dp);
      }
    }
    order.push(p);
  };
  for (let p = firstNew; p < r.packages.length; p++) if (p !== pkg) visit(p);
  if (pkg >= firstNew) order.push(pkg);
  const map = new Map<number, number>();
  order.forEach((old, i) => map.set(old, firstNew + i));
  const remap = (p: number) => map.get(p) ?? p;
  const moved = order.map((old) => r.packages[old]);
  r.packages.splice(firstNew, moved.length, ...moved);
  for (const i of r.interfaces) if (i.package !== undefined) i.package = remap(i.package);
  for (const w of r.worlds) if (w.package !== undefined) w.package = remap(w.package);
  for (const [k, v] of r.packageNames) r.packageNames.set(k, remap(v));
  return remap(pkg);
}

/** Decodes a wasm-encoded WIT package into a fresh `Resolve` (`resolve.main` = the package). */
export function decodeWitPackage(bytes: Uint8Array): Resolve {
  const c = decodeComponent(bytes);
  if (!isWitPackage(c)) throw new WitDecodeError('found an actual component instead of an encoded WIT package in wasm');
  return decodeWitPackageComponent(c).resolve;
}

/**
 * Decodes a world's component type (e.g. from `encodeWorld`) into a fresh
 * `Resolve`, as world `worldName` of package `pkg`. Interfaces it names
 * come into their own packages; inline ones into `pkg`.
 */
export function decodeWorldType(
  ct: ComponentType,
  pkg: PackageName,
  worldName: string,
  into?: Resolve,
): { resolve: Resolve; world: number } {
  const decoder = new WitDecoder(into ?? emptyResolve());
  const p = decoder.ensurePackage(pkg);
  const world = decoder.ensureWorld(p, worldName);
  decoder.decodeWorld(ct, world);
  decoder.resolve.main = p;
  return { resolve: decoder.resolve, world };
}
