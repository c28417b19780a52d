// Helpers over the WIT `Resolve` that the composer uses as its type model.
//
// Every dependency's world is decoded into ONE shared `Resolve`
// (`decodeComponentWorld(bytes, into)`), so that the composition's own
// imports can reference interfaces and types of any dependency directly and
// `encodeWorld` can encode them without copying between models.

import type { Function, Resolve, TypeRef, World, WorldItem, WorldKey } from '@wit-ts/wit-parser';
import { worldKeyString } from '@wit-ts/wit-parser';

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

export function ensurePackage(r: Resolve, namespace: string, name: string, version?: string): number {
  const key = version === undefined ? `${namespace}:${name}` : `${namespace}:${name}@${version}`;
  const existing = r.packageNames.get(key);
  if (existing !== undefined) return existing;
  r.packages.push({ name: { namespace, name, version }, docs: {}, interfaces: new Map(), worlds: new Map() });
  r.packageNames.set(key, r.packages.length - 1);
  return r.packages.length - 1;
}

export function newWorld(r: Resolve, pkg: number, name: string): number {
  const w: World = {
    name,
    imports: new Map(),
    exports: new Map(),
    package: pkg,
    docs: {},
    stability: { kind: 'unknown' },
  };
  r.worlds.push(w);
  r.packages[pkg].worlds.set(name, r.worlds.length - 1);
  return r.worlds.length - 1;
}

/** The extern name of a world key: a plain name, or `ns:pkg/iface@ver`. */
export function keyName(r: Resolve, key: WorldKey): string {
  if ('name' in key) return key.name;
  return interfaceName(r, key.interface) ?? worldKeyString(key);
}

export function interfaceName(r: Resolve, id: number): string | undefined {
  const i = r.interfaces[id];
  if (i.name === undefined || i.package === undefined) return undefined;
  const p = r.packages[i.package].name;
  return `${p.namespace}:${p.name}/${i.name}${p.version === undefined ? '' : '@' + p.version}`;
}

/** Follows `type a = b` aliases to the defining type. */
export function dealias(r: Resolve, t: TypeRef): TypeRef {
  while (typeof t === 'number' && r.types[t].kind.kind === 'type') t = (r.types[t].kind as { type: TypeRef }).type;
  return t;
}

/** Interfaces whose types interface `id` uses (through aliases), transitively, dependencies first. */
export function interfaceDeps(r: Resolve, id: number, out: number[] = []): number[] {
  for (const t of r.interfaces[id].types.values()) {
    const k = r.types[t].kind;
    if (k.kind !== 'type' || typeof k.type !== 'number') continue;
    const owner = r.types[k.type].owner;
    if (owner !== null && 'interface' in owner && owner.interface !== id && !out.includes(owner.interface)) {
      interfaceDeps(r, owner.interface, out);
      if (!out.includes(owner.interface)) out.push(owner.interface);
    }
  }
  return out;
}

/** A printable, WIT-like description of a type (for error messages). */
export function describeType(r: Resolve, t: TypeRef | undefined): string {
  if (t === undefined) return '_';
  if (typeof t === 'string') return t;
  const d = r.types[t];
  const k = d.kind;
  if (d.name !== undefined && k.kind !== 'type') return d.name;
  switch (k.kind) {
    case 'type':
      return describeType(r, k.type);
    case 'list':
      return `list<${describeType(r, k.element)}>`;
    case 'fixed-length-list':
      return `list<${describeType(r, k.element)}, ${k.size}>`;
    case 'option':
      return `option<${describeType(r, k.type)}>`;
    case 'result':
      return k.ok === undefined && k.err === undefined
        ? 'result'
        : `result<${describeType(r, k.ok)}, ${describeType(r, k.err)}>`;
    case 'tuple':
      return `tuple<${k.types.map((x) => describeType(r, x)).join(', ')}>`;
    case 'handle':
      return k.handle === 'own' ? describeType(r, k.resource) : `borrow<${describeType(r, k.resource)}>`;
    case 'map':
      return `map<${describeType(r, k.key)}, ${describeType(r, k.value)}>`;
    case 'future':
    case 'stream':
      return k.type === undefined ? k.kind : `${k.kind}<${describeType(r, k.type)}>`;
    default:
      return k.kind;
  }
}

export function describeFunc(r: Resolve, f: Function): string {
  const params = f.params.map((p) => `${p.name}: ${describeType(r, p.type)}`).join(', ');
  const async = f.kind.kind.startsWith('async') ? 'async ' : '';
  return `${async}func(${params})${f.result === undefined ? '' : ' -> ' + describeType(r, f.result)}`;
}

export function describeItem(r: Resolve, item: WorldItem): string {
  if (item.kind === 'function') return describeFunc(r, item.function);
  if (item.kind === 'type') return `type ${describeType(r, item.id)}`;
  const i = r.interfaces[item.id];
  const name = interfaceName(r, item.id);
  const members = [...i.functions.values()].map((f) => `${f.name}: ${describeFunc(r, f)}`);
  return `${name === undefined ? 'interface' : `interface ${name}`} { ${members.join('; ')}${members.length ? ';' : ''} }`;
}

/** Interfaces owning the named types function `f` mentions (through aliases, handles and compound types). */
export function funcInterfaces(r: Resolve, f: Function): Set<number> {
  const out = new Set<number>();
  const seen = new Set<number>();
  const walk = (t: TypeRef | undefined): void => {
    if (t === undefined || typeof t === 'string' || seen.has(t)) return;
    seen.add(t);
    const d = r.types[t];
    if (d.owner !== null && 'interface' in d.owner) out.add(d.owner.interface);
    const k = d.kind;
    switch (k.kind) {
      case 'type':
      case 'option':
        return walk(k.type);
      case 'handle':
        return walk(k.resource);
      case 'list':
      case 'fixed-length-list':
        return walk(k.element);
      case 'tuple':
        return k.types.forEach(walk);
      case 'record':
        return k.fields.forEach((x) => walk(x.type));
      case 'variant':
        return k.cases.forEach((x) => walk(x.type));
      case 'result':
        walk(k.ok);
        return walk(k.err);
      case 'map':
        walk(k.key);
        return walk(k.value);
      case 'future':
      case 'stream':
        return walk(k.type);
      default:
        return;
    }
  };
  f.params.forEach((p) => walk(p.type));
  walk(f.result);
  return out;
}
