// Deep copies of world items for `include` (wasm-tools' `resolve/clone.rs`):
// types owned by the included world, anonymous types reached from them, and
// anonymous interfaces are duplicated so that the including world owns its
// own copies. Copies are appended to the arenas, which shapes the indices.

import type { Function, Resolve, TypeDef, TypeOwner, TypeRef, WorldItem, WorldKey } from './types.js';
import { ownerEquals } from './elaborate.js';

export class Cloner {
  /** Original type id → its copy, so each type is copied at most once. */
  readonly types = new Map<number, number>();
  /** Package of copied anonymous interfaces; inferred from the new owner when unset. */
  newPackage?: number;

  constructor(
    private readonly resolve: Resolve,
    private readonly prevOwner: TypeOwner,
    private readonly newOwner: TypeOwner,
  ) {}

  worldItem(key: WorldKey, item: WorldItem): void {
    if (!('name' in key)) return;
    if (item.kind === 'type') item.id = this.typeId(item.id);
    else if (item.kind === 'function') this.function(item.function);
    else item.id = this.interface(item.id);
  }

  private typeId(id: number): number {
    let copy = this.types.get(id);
    if (copy === undefined) {
      const def = cloneTypeDef(this.resolve.types[id]);
      this.typeDef(def);
      copy = this.resolve.types.length;
      this.resolve.types.push(def);
      this.types.set(id, copy);
    }
    return copy;
  }

  private typeDef(def: TypeDef): void {
    if (def.owner !== null) def.owner = this.newOwner;
    const k = def.kind;
    const ty = (r: TypeRef): TypeRef => (typeof r === 'number' ? this.typeId(r) : r);
    switch (k.kind) {
      case 'type':
        if (typeof k.type === 'number' && ownerEquals(this.resolve.types[k.type].owner, this.prevOwner)) {
          k.type = this.typeId(k.type);
        }
        break;
      case 'handle':
        k.resource = this.typeId(k.resource);
        break;
      case 'option':
        k.type = ty(k.type);
        break;
      case 'list':
      case 'fixed-length-list':
        k.element = ty(k.element);
        break;
      case 'map':
        k.key = ty(k.key);
        k.value = ty(k.value);
        break;
      case 'tuple':
        k.types = k.types.map(ty);
        break;
      case 'record':
        for (const f of k.fields) f.type = ty(f.type);
        break;
      case 'variant':
        for (const c of k.cases) if (c.type !== undefined) c.type = ty(c.type);
        break;
      case 'result':
        if (k.ok !== undefined) k.ok = ty(k.ok);
        if (k.err !== undefined) k.err = ty(k.err);
        break;
      case 'future':
      case 'stream':
        if (k.type !== undefined) k.type = ty(k.type);
        break;
      default:
        break;
    }
  }

  function(f: Function): void {
    if ('resource' in f.kind) f.kind.resource = this.typeId(f.kind.resource);
    for (const p of f.params) if (typeof p.type === 'number') p.type = this.typeId(p.type);
    if (typeof f.result === 'number') f.result = this.typeId(f.result);
  }

  private interface(id: number): number {
    const resolve = this.resolve;
    const orig = resolve.interfaces[id];
    const next = resolve.interfaces.length;
    const sub = new Cloner(resolve, { interface: id }, { interface: next });
    const types = new Map<string, number>();
    for (const [name, t] of orig.types) types.set(name, sub.typeId(t));
    const functions = new Map<string, Function>();
    for (const [name, f] of orig.functions) {
      const copy = cloneFunction(f);
      sub.function(copy);
      functions.set(name, copy);
    }
    const owner = this.newOwner;
    const pkg =
      this.newPackage ??
      (owner !== null && 'interface' in owner
        ? resolve.interfaces[owner.interface].package
        : resolve.worlds[(owner as { world: number }).world].package);
    resolve.interfaces.push({ ...orig, types, functions, package: pkg });
    return next;
  }
}

export function cloneTypeDef(def: TypeDef): TypeDef {
  return deepCopy(def);
}

export function cloneFunction(f: Function): Function {
  return deepCopy(f);
}

export function cloneWorldItem(item: WorldItem): WorldItem {
  return deepCopy(item);
}

/**
 * What `structuredClone` returns for the trees cloned here (plain objects,
 * arrays and primitives, no object reachable twice), several times faster.
 */
function deepCopy<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const a = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) if (i in v) a[i] = deepCopy(v[i]);
    return a as T;
  }
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(v)) o[k] = deepCopy((v as Record<string, unknown>)[k]);
  return o as T;
}
