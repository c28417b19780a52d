// Phase 2: merging one `UnresolvedPackage` into a `Resolve` (wasm-tools'
// `Remap::append`).
//
// Foreign placeholders are connected to already-pushed packages, then types,
// interfaces and worlds are copied in arena order with their references
// rewritten; items gated off by a feature map to `null` so that any remaining
// reference to them is reported. Finally `include`s are expanded and every
// world is elaborated. The order of every step matters: it decides the indices.

import type { Span } from '../ast.js';
import { compareVersions, stabilityEquals } from './common.js';
import { ResolveError } from './errors.js';
import { elaborateWorld } from './elaborate.js';
import { processWorldIncludes } from './include.js';
import type { UnresolvedPackage, WorldSpans } from './unresolved.js';
import type {
  Function,
  Interface,
  Resolve,
  Stability,
  TypeDef,
  TypeDefKind,
  TypeRef,
  World,
  WorldItem,
  WorldKey,
} from './types.js';
import { packageNameString, worldKeyString } from './types.js';

/** Whether an item with `stability` in package `pkg` is kept (errors on bad `@since`). */
export function includeStability(resolve: Resolve, stability: Stability, pkg: number, span?: Span): boolean {
  if (stability.kind === 'unknown') return true;
  if (stability.kind === 'unstable') return resolve.allFeatures || resolve.features.has(stability.feature);
  const p = resolve.packages[pkg];
  const version = p.name.version;
  if (version === undefined) {
    throw new ResolveError(
      `package [${packageNameString(p.name)}] contains a feature gate with a version specifier, so it must have a version`,
      span,
    );
  }
  if (compareVersions(stability.since, version) > 0) {
    throw new ResolveError(
      `feature gate cannot reference unreleased version ${stability.since} of package [${packageNameString(p.name)}] (current version ${version})`,
      span,
    );
  }
  return true;
}

/** `from` fills in an unknown `into`; two different known stabilities clash. */
export function updateStability(from: Stability, into: { stability: Stability }): void {
  if (stabilityEquals(from, into.stability) || from.kind === 'unknown') return;
  if (into.stability.kind === 'unknown') {
    into.stability = from;
    return;
  }
  throw new ResolveError(`mismatch in stability from '${JSON.stringify(from)}' to '${JSON.stringify(into.stability)}'`);
}

function excluded(desc: string, span?: Span): ResolveError {
  return new ResolveError(
    `found a reference to a ${desc} which is excluded due to its feature not being activated`,
    span,
  );
}

export class Remap {
  types: (number | null)[] = [];
  interfaces: (number | null)[] = [];
  worlds: (number | null)[] = [];
  /** Resource (or alias) id → the anonymous `own<T>` created for it by this push. */
  private ownHandles = new Map<number, number>();
  private hasBorrowCache = new Map<number, boolean>();

  constructor(private readonly resolve: Resolve) {}

  mapType(id: number, span?: Span): number {
    return apply(this.types, id, 'type', span);
  }
  mapInterface(id: number, span?: Span): number {
    return apply(this.interfaces, id, 'interface', span);
  }
  mapWorld(id: number, span?: Span): number {
    return apply(this.worlds, id, 'world', span);
  }

  append(u: UnresolvedPackage): number {
    const resolve = this.resolve;
    const key = packageNameString(u.name);
    if (resolve.packageNames.has(key)) {
      throw new ResolveError(`attempting to re-add package \`${key}\` when it's already present in this \`Resolve\``);
    }
    const pkg = resolve.packages.length;
    resolve.packages.push({ name: u.name, docs: u.docs, interfaces: new Map(), worlds: new Map(), span: u.nameSpan });
    resolve.packageNames.set(key, pkg);

    this.processForeignDeps(u, pkg);
    const foreignTypes = this.types.length;
    const foreignInterfaces = this.interfaces.length;
    const foreignWorlds = this.worlds.length;

    for (let i = foreignTypes; i < u.types.length; i++) {
      const ty = u.types[i];
      const span = u.typeSpans[i];
      if (!includeStability(resolve, ty.stability, pkg, span)) {
        this.types.push(null);
        continue;
      }
      ty.kind = this.updateKind(ty.kind, span, u.recordFieldSpans.get(i));
      const newId = resolve.types.length;
      resolve.types.push(ty);
      let id = newId;
      // A fresh anonymous `own<T>` reuses one created earlier for the same `T`.
      if (ty.name === undefined && ty.owner === null && ty.kind.kind === 'handle' && ty.kind.handle === 'own') {
        const prev = this.ownHandles.get(ty.kind.resource);
        if (prev === undefined) this.ownHandles.set(ty.kind.resource, newId);
        else id = prev;
      }
      this.types.push(id);
    }

    for (let i = foreignInterfaces; i < u.interfaces.length; i++) {
      const iface = u.interfaces[i];
      const spans = u.interfaceSpans[i];
      if (!includeStability(resolve, iface.stability, pkg, spans.span)) {
        this.interfaces.push(null);
        continue;
      }
      iface.package = pkg;
      iface.span = spans.span;
      this.updateInterface(iface, pkg, spans.funcs);
      this.interfaces.push(resolve.interfaces.length);
      resolve.interfaces.push(iface);
    }

    const ownerMsg = 'this type is not gated by a feature but its interface is';
    for (let i = foreignTypes; i < this.types.length; i++) {
      const id = this.types[i];
      if (id === null) continue;
      const owner = resolve.types[id].owner;
      if (owner !== null && 'interface' in owner) {
        resolve.types[id].owner = {
          interface: this.withNote(ownerMsg, () => this.mapInterface(owner.interface, u.typeSpans[i])),
        };
      }
    }

    for (let i = foreignWorlds; i < u.worlds.length; i++) {
      const world = u.worlds[i];
      const spans = u.worldSpans[i];
      if (!includeStability(resolve, world.stability, pkg, spans.span)) {
        this.worlds.push(null);
        continue;
      }
      world.span = spans.span;
      this.updateWorld(world, pkg, spans);
      this.worlds.push(resolve.worlds.length);
      resolve.worlds.push(world);
    }

    for (let i = foreignTypes; i < this.types.length; i++) {
      const id = this.types[i];
      if (id === null) continue;
      const owner = resolve.types[id].owner;
      if (owner !== null && 'world' in owner) {
        resolve.types[id].owner = { world: this.withNote(ownerMsg, () => this.mapWorld(owner.world, u.typeSpans[i])) };
      }
    }

    // Includes and elaboration run after every local item is in place; worlds
    // are in topological order so an included world is already complete.
    for (let i = foreignWorlds; i < this.worlds.length; i++) {
      const id = this.worlds[i];
      if (id === null) continue;
      const spans = u.worldSpans[i];
      processWorldIncludes(this, resolve, id, u.worlds[i], pkg, spans.includes);
      try {
        elaborateWorld(resolve, id);
      } catch (e) {
        if (e instanceof ResolveError && e.span === undefined) e.span = spans.span;
        throw e;
      }
    }

    for (let i = foreignInterfaces; i < this.interfaces.length; i++) {
      const id = this.interfaces[i];
      if (id === null) continue;
      const iface = resolve.interfaces[id];
      iface.package = pkg;
      if (iface.name !== undefined) resolve.packages[pkg].interfaces.set(iface.name, id);
    }
    for (let i = foreignWorlds; i < this.worlds.length; i++) {
      const id = this.worlds[i];
      if (id === null) continue;
      const world = resolve.worlds[id];
      world.package = pkg;
      resolve.packages[pkg].worlds.set(world.name, id);
    }
    return pkg;
  }

  private withNote<T>(note: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof ResolveError) e.message = `${e.message}; ${note}`;
      throw e;
    }
  }

  private processForeignDeps(u: UnresolvedPackage, pkg: number): void {
    const resolve = this.resolve;
    const ifaceTo = new Map<number, [string, string, Span, Stability[]]>();
    const worldTo = new Map<number, [string, string, Span, Stability[]]>();
    let i = 0;
    for (const [pkgKey, dep] of u.foreignDeps) {
      for (const [name, { item, stabilities }] of dep.items) {
        const entry: [string, string, Span, Stability[]] = [pkgKey, name, u.foreignDepSpans[i], stabilities];
        (item.kind === 'interface' ? ifaceTo : worldTo).set(item.id, entry);
      }
      i++;
    }
    const findPackage = (pkgKey: string, span: Span): number => {
      const id = resolve.packageNames.get(pkgKey);
      if (id !== undefined) return id;
      const known = [...resolve.packageNames.keys()].sort();
      throw new ResolveError(
        `package '${pkgKey}' not found. known packages:${known.map((k) => `\n    ${k}`).join('')}`,
        span,
      );
    };

    for (let id = 0; id < u.interfaces.length; id++) {
      const entry = ifaceTo.get(id);
      if (entry === undefined) break;
      const [pkgKey, name, depSpan, stabilities] = entry;
      const depPkg = findPackage(pkgKey, depSpan);
      const span = u.interfaceSpans[id].span;
      if (!stabilities.some((s) => includeStability(resolve, s, pkg, span))) {
        this.interfaces.push(null);
        continue;
      }
      const found = resolve.packages[depPkg].interfaces.get(name);
      if (found === undefined) throw new ResolveError(`interface '${name}' not found in package '${pkgKey}'`, span);
      this.interfaces.push(found);
    }

    for (let id = 0; id < u.worlds.length; id++) {
      const entry = worldTo.get(id);
      if (entry === undefined) break;
      const [pkgKey, name, depSpan, stabilities] = entry;
      const depPkg = findPackage(pkgKey, depSpan);
      const span = u.worldSpans[id].span;
      if (!stabilities.some((s) => includeStability(resolve, s, pkg, span))) {
        this.worlds.push(null);
        continue;
      }
      const found = resolve.packages[depPkg].worlds.get(name);
      if (found === undefined) throw new ResolveError(`world '${name}' not found in package '${pkgKey}'`, span);
      this.worlds.push(found);
    }

    for (let id = 0; id < u.types.length; id++) {
      const ty = u.types[id];
      if (ty.kind.kind !== 'unknown') break;
      if (!includeStability(resolve, ty.stability, pkg, u.typeSpans[id])) {
        this.types.push(null);
        continue;
      }
      const owner = ty.owner as { interface: number };
      const iface = this.mapInterface(owner.interface);
      const found = resolve.interfaces[iface].types.get(ty.name!);
      if (found === undefined) {
        throw new ResolveError(`type \`${ty.name}\` not defined in interface`, u.unknownTypeSpans[id]);
      }
      this.types.push(found);
    }

    for (const [unresolvedId, span] of u.requiredResourceTypes) {
      // A type configured away is reported wherever it is used, not here
      // (checked directly: `mapType` would build and throw an error).
      const mapped = this.types[unresolvedId];
      if (mapped === undefined || mapped === null) continue;
      let id = mapped;
      for (;;) {
        const kind = resolve.types[id].kind;
        if (kind.kind === 'type' && typeof kind.type === 'number') id = kind.type;
        else if (kind.kind === 'resource') break;
        else throw new ResolveError('type used in a handle must be a resource', span);
      }
    }
  }

  /** Rewrites the references of a type definition (not its owner: interfaces aren't mapped yet). */
  private updateKind(kind: TypeDefKind, span?: Span, fieldSpans?: Span[]): TypeDefKind {
    const t = (r: TypeRef) => this.updateTy(r, span);
    switch (kind.kind) {
      case 'handle':
        return { ...kind, resource: this.mapType(kind.resource, span) };
      case 'record':
        // A gated field type is reported at the field, not at the record.
        return {
          kind: 'record',
          fields: kind.fields.map((f, i) => ({ ...f, type: this.updateTy(f.type, fieldSpans?.[i] ?? span) })),
        };
      case 'tuple':
        return { kind: 'tuple', types: kind.types.map(t) };
      case 'variant':
        return {
          kind: 'variant',
          cases: kind.cases.map((c) => (c.type === undefined ? c : { ...c, type: t(c.type) })),
        };
      case 'option':
        return { kind: 'option', type: t(kind.type) };
      case 'list':
        return { kind: 'list', element: t(kind.element) };
      case 'fixed-length-list':
        return { ...kind, element: t(kind.element) };
      case 'future':
      case 'stream':
        return kind.type === undefined ? kind : { kind: kind.kind, type: t(kind.type) };
      case 'map':
        return { kind: 'map', key: t(kind.key), value: t(kind.value) };
      case 'result': {
        const out: TypeDefKind & { kind: 'result' } = { kind: 'result' };
        if (kind.ok !== undefined) out.ok = t(kind.ok);
        if (kind.err !== undefined) out.err = t(kind.err);
        return out;
      }
      // `type a = b` keeps pointing at `b` itself, even when `b` is a
      // resource, so `a` stays usable both as a resource and as a handle.
      case 'type':
        return typeof kind.type === 'number' ? { kind: 'type', type: this.mapType(kind.type, span) } : kind;
      default:
        return kind;
    }
  }

  /** Maps a value type; a reference to a resource becomes an implicit `own<T>`. */
  private updateTy(ref: TypeRef, span?: Span): TypeRef {
    if (typeof ref !== 'number') return ref;
    const types = this.resolve.types;
    const id = this.mapType(ref, span);
    let cur = id;
    for (;;) {
      const k = types[cur].kind;
      if (k.kind === 'type' && typeof k.type === 'number') cur = k.type;
      else if (k.kind === 'resource') break;
      else return id;
    }
    let own = this.ownHandles.get(id);
    if (own === undefined) {
      own = types.length;
      types.push({
        kind: { kind: 'handle', handle: 'own', resource: id },
        owner: null,
        docs: {},
        stability: { kind: 'unknown' },
      });
      this.ownHandles.set(id, own);
    }
    return own;
  }

  private updateInterface(iface: Interface, pkg: number, funcSpans: Span[]): void {
    const resolve = this.resolve;
    const types = new Map<string, number>();
    for (const [name, id] of iface.types) {
      if (this.types[id] === null) continue;
      types.set(name, this.mapType(id));
    }
    iface.types = types;
    const functions = new Map<string, Function>();
    let i = 0;
    for (const [name, f] of iface.functions) {
      const span = funcSpans[i++];
      if (!includeStability(resolve, f.stability, pkg, span)) continue;
      this.updateFunction(f, span);
      functions.set(name, f);
    }
    iface.functions = functions;
  }

  updateFunction(f: Function, span?: Span): void {
    const k = f.kind;
    if ('resource' in k) k.resource = this.mapType(k.resource, span);
    for (const p of f.params) p.type = this.updateTy(p.type, span);
    if (f.result !== undefined) {
      f.result = this.updateTy(f.result, span);
      if (this.hasBorrow(f.result)) {
        throw new ResolveError(
          `function \`${f.name}\` returns a type which contains a \`borrow<T>\` which is not supported`,
          span,
        );
      }
    }
  }

  private updateWorld(world: World, pkg: number, spans: WorldSpans): void {
    const resolve = this.resolve;
    const rebuild = (items: World['imports'], itemSpans: Span[]) => {
      const out: World['imports'] = new Map();
      let i = 0;
      for (const { key, item } of items.values()) {
        const span = itemSpans[i++];
        if (item.kind === 'type') item.id = this.mapType(item.id, span);
        const stability = worldItemStability(resolve, item);
        if (!includeStability(resolve, stability, pkg, span)) continue;
        const newKey: WorldKey = 'interface' in key ? { interface: this.mapInterface(key.interface, span) } : key;
        if (item.kind === 'interface') item.id = this.mapInterface(item.id, span);
        else if (item.kind === 'function') this.updateFunction(item.function, span);
        out.set(worldKeyString(newKey), { key: newKey, item });
      }
      return out;
    };
    world.imports = rebuild(world.imports, spans.imports);
    world.exports = rebuild(world.exports, spans.exports);
  }

  private hasBorrow(ref: TypeRef): boolean {
    if (typeof ref !== 'number') return false;
    const cached = this.hasBorrowCache.get(ref);
    if (cached !== undefined) return cached;
    const k = this.resolve.types[ref].kind;
    let result: boolean;
    switch (k.kind) {
      case 'type':
        result = this.hasBorrow(k.type);
        break;
      case 'variant':
        result = k.cases.some((c) => c.type !== undefined && this.hasBorrow(c.type));
        break;
      case 'handle':
        result = k.handle === 'borrow';
        break;
      case 'record':
        result = k.fields.some((f) => this.hasBorrow(f.type));
        break;
      case 'tuple':
        result = k.types.some((t) => this.hasBorrow(t));
        break;
      case 'list':
      case 'fixed-length-list':
        result = this.hasBorrow(k.element);
        break;
      case 'option':
        result = this.hasBorrow(k.type);
        break;
      case 'future':
      case 'stream':
        result = k.type !== undefined && this.hasBorrow(k.type);
        break;
      case 'map':
        result = this.hasBorrow(k.key) || this.hasBorrow(k.value);
        break;
      case 'result':
        result = (k.ok !== undefined && this.hasBorrow(k.ok)) || (k.err !== undefined && this.hasBorrow(k.err));
        break;
      default:
        result = false;
    }
    this.hasBorrowCache.set(ref, result);
    return result;
  }
}

export function worldItemStability(resolve: Resolve, item: WorldItem): Stability {
  if (item.kind === 'interface') return item.stability;
  if (item.kind === 'function') return item.function.stability;
  return resolve.types[item.id].stability;
}

function apply(map: (number | null)[], id: number, desc: string, span?: Span): number {
  const v = map[id];
  if (v === undefined) throw new Error(`unreachable: request to remap a ${desc} that has not yet been registered`);
  if (v === null) throw excluded(desc, span);
  return v;
}

export type { TypeDef };
