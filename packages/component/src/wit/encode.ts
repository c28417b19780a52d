/**
 * WIT → binary: a resolved WIT package as the component wit-component emits
 * (`wasm-tools component wit --wasm`), and a world as a component type.
 *
 * Layout of the package component: for every interface, a component type
 * that imports (as type-only instances) the interfaces it `use`s and exports
 * the interface itself as an instance type under `ns:pkg/iface@ver`; for
 * every world, a component type wrapping the world's own component type,
 * exported under `ns:pkg/world@ver`. Each of those is exported from the
 * package component by its short name. Docs and stability travel in the
 * `package-docs` custom section.
 */
import type { Function, Resolve, TypeRef } from '@wit-ts/wit-parser';
import { encodeComponent } from '../encode-component.js';
import type {
  Component,
  ComponentSection,
  ComponentType,
  CustomSection,
  DefType,
  ExternType,
  ValType,
} from '../model.js';
import { DeclBuilder, externName } from './builder.js';
import { encodePackageMetadata } from './metadata.js';
import { functionResource, interfaceDirectDeps, interfaceIdOf, isAsync, nameWorldKey } from './resolve-util.js';

export interface EncodeWitOptions {
  /**
   * The `processed-by` entry of the `producers` section; `null` leaves the
   * section out. Default `{ name: 'wit-ts', version: '0.1.0' }`.
   */
  producer?: { name: string; version: string } | null;
}

export const DEFAULT_PRODUCER = { name: 'wit-ts', version: '0.1.0' };

/** Encodes every interface and world of package `pkg` as a WIT package binary. */
export function encodeWitPackage(resolve: Resolve, pkg: number, options: EncodeWitOptions = {}): Uint8Array {
  return encodeComponent(witPackageComponent(resolve, pkg, options));
}

/** The binary model of the WIT package component (see `encodeWitPackage`). */
export function witPackageComponent(resolve: Resolve, pkg: number, options: EncodeWitOptions = {}): Component {
  const p = resolve.packages[pkg];
  if (p === undefined) throw new Error(`no package with index ${pkg}`);
  const sections: ComponentSection[] = [];
  let typeCount = 0;
  const exportType = (name: string, ty: ComponentType) => {
    sections.push({ ...meta(), id: 7, kind: 'type', items: [{ type: ty, offset: 0 }] });
    const index = typeCount++;
    sections.push({
      ...meta(),
      id: 11,
      kind: 'export',
      items: [{ name: externName(name), sort: 'type', index, type: null, offset: 0 }],
    });
    typeCount++;
  };
  for (const [name, id] of p.interfaces) exportType(name, encodeInterfaceType(resolve, pkg, id));
  for (const [name, id] of p.worlds) {
    const world = resolve.worlds[id];
    const wrapper = new DeclBuilder(false);
    const idx = wrapper.type(encodeWorld(resolve, id));
    const owner = world.package ?? pkg;
    const n = resolve.packages[owner].name;
    const full = `${n.namespace}:${n.name}/${name}${n.version === undefined ? '' : `@${n.version}`}`;
    wrapper.export(externName(full), { kind: 'component', type: idx });
    exportType(name, wrapper.finishComponent());
  }
  sections.push(customSection('package-docs', encodePackageMetadata(resolve, pkg)));
  const producer = options.producer === undefined ? DEFAULT_PRODUCER : options.producer;
  if (producer !== null) sections.push(producersSection(producer));
  return { version: 0x0d, layer: 1, sections, range: { start: 0, end: 0 } };
}

function meta() {
  return { range: { start: 0, end: 0 }, sizeWidth: 0, padLog: null };
}

export function customSection(name: string, data: Uint8Array): CustomSection {
  return { ...meta(), id: 0, kind: 'custom', name, data, parsed: null, componentType: false };
}

export function producersSection(producer: { name: string; version: string }): CustomSection {
  return {
    ...meta(),
    id: 0,
    kind: 'custom',
    name: 'producers',
    data: new Uint8Array(0),
    parsed: { kind: 'producers', fields: [{ name: 'processed-by', values: [producer] }] },
    componentType: false,
  };
}

/** The component type of world `worldId`: its imports and exports. */
export function encodeWorld(resolve: Resolve, worldId: number): ComponentType {
  const enc = new InterfaceEncoder(resolve);
  const world = resolve.worlds[worldId];
  // Freestanding imports first, resource-related functions last (stable).
  const imports = [...world.imports.values()];
  const rank = (e: (typeof imports)[number]) =>
    e.item.kind === 'function' && functionResource(e.item.function.kind) !== undefined ? 1 : 0;
  const sorted = imports.map((e, i) => [e, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]);
  for (const [{ key, item }] of sorted) {
    const name = nameWorldKey(resolve, key);
    if (item.kind === 'interface') {
      enc.interface = item.id;
      const idx = enc.encodeInstance(item.id);
      enc.outer.import(worldItemName(resolve, name, key, item.id), { kind: 'instance', type: idx });
    } else if (item.kind === 'function') {
      enc.interface = null;
      const idx = enc.encodeFuncType(item.function);
      enc.outer.import(externName(name), { kind: 'func', type: idx });
    } else {
      enc.interface = null;
      enc.importTypes = true;
      enc.encodeValtype(item.id);
      enc.importTypes = false;
    }
  }
  for (const { key, item } of world.exports.values()) {
    const name = nameWorldKey(resolve, key);
    if (item.kind === 'interface') {
      enc.interface = item.id;
      const idx = enc.encodeInstance(item.id);
      enc.outer.export(worldItemName(resolve, name, key, item.id), { kind: 'instance', type: idx });
    } else if (item.kind === 'function') {
      enc.interface = null;
      const idx = enc.encodeFuncType(item.function);
      enc.outer.export(externName(name), { kind: 'func', type: idx });
    } else {
      throw new Error('worlds cannot export types');
    }
  }
  return enc.outer.finishComponent();
}

/** `name`, plus `(implements "ns:pkg/iface")` when a plain name refers to a named interface. */
function worldItemName(resolve: Resolve, name: string, key: { name: string } | { interface: number }, iface: number) {
  if ('name' in key) {
    const id = interfaceIdOf(resolve, iface);
    if (id !== undefined) return externName(name, id);
  }
  return externName(name);
}

/** Interface `id` as a component type importing its dependencies and exporting itself. */
function encodeInterfaceType(resolve: Resolve, _pkg: number, id: number): ComponentType {
  const live: number[] = [];
  const add = (i: number) => {
    if (live.includes(i)) return;
    for (const dep of interfaceDirectDeps(resolve, i)) add(dep);
    live.push(i);
  };
  add(id);
  const enc = new InterfaceEncoder(resolve);
  for (const iface of live) {
    enc.interface = iface;
    const name = interfaceIdOf(resolve, iface)!;
    if (iface === id) {
      const idx = enc.encodeInstance(iface);
      enc.outer.export(externName(name), { kind: 'instance', type: idx });
    } else {
      enc.pushInstance();
      for (const t of resolve.interfaces[iface].types.values()) enc.encodeValtype(t);
      const inst = enc.popInstance();
      const idx = enc.outer.type(inst.finishInstance());
      enc.importMap.set(iface, enc.instances++);
      enc.outer.import(externName(name), { kind: 'instance', type: idx });
    }
  }
  enc.interface = null;
  return enc.outer.finishComponent();
}

class InterfaceEncoder {
  outer = new DeclBuilder(false);
  ty: DeclBuilder | null = null;
  typeMap = new Map<number, number>();
  funcTypeMap = new Map<string, number>();
  saved: [Map<number, number>, Map<string, number>] | null = null;
  importMap = new Map<number, number>();
  outerTypeMap = new Map<number, number>();
  instances = 0;
  importTypes = false;
  interface: number | null = null;

  constructor(private readonly resolve: Resolve) {}

  pushInstance(): void {
    this.saved = [this.typeMap, this.funcTypeMap];
    this.typeMap = new Map();
    this.funcTypeMap = new Map();
    this.ty = new DeclBuilder(true);
  }

  popInstance(): DeclBuilder {
    [this.typeMap, this.funcTypeMap] = this.saved!;
    this.saved = null;
    const ty = this.ty!;
    this.ty = null;
    return ty;
  }

  encodeInstance(iface: number): number {
    this.pushInstance();
    const i = this.resolve.interfaces[iface];
    const typeOrder: number[] = [];
    for (const t of i.types.values()) {
      this.encodeValtype(t);
      typeOrder.push(t);
    }
    const funcs = [...i.functions.entries()];
    const key = (f: Function) => {
      const r = functionResource(f.kind);
      return r === undefined ? typeOrder.length : typeOrder.indexOf(r);
    };
    const order = funcs.map((e, n) => [e, n] as const).sort((a, b) => key(a[0][1]) - key(b[0][1]) || a[1] - b[1]);
    for (const [[name, f]] of order) {
      const idx = this.encodeFuncType(f);
      this.ty!.export(externName(name), { kind: 'func', type: idx });
    }
    const inst = this.popInstance();
    const idx = this.outer.type(inst.finishInstance());
    this.importMap.set(iface, this.instances++);
    return idx;
  }

  private cur(): DeclBuilder {
    return this.ty ?? this.outer;
  }

  private define(t: DefType): number {
    return this.cur().type(t);
  }

  encodeFuncType(f: Function): number {
    const key = JSON.stringify([isAsync(f), f.params.map((p) => [p.name, p.type]), f.result ?? null]);
    const prev = this.funcTypeMap.get(key);
    if (prev !== undefined) return prev;
    const params = f.params.map((p) => ({ name: p.name, type: this.encodeValtype(p.type) }));
    const result = f.result === undefined ? null : this.encodeValtype(f.result);
    const idx = this.define({ kind: 'func', async: isAsync(f), params, result });
    this.funcTypeMap.set(key, idx);
    return idx;
  }

  private opt(t: TypeRef | undefined): ValType | null {
    return t === undefined ? null : this.encodeValtype(t);
  }

  encodeValtype(ty: TypeRef): ValType {
    if (typeof ty === 'string') return ty;
    const known = this.typeMap.get(ty);
    if (known !== undefined) return known;
    const def = this.resolve.types[ty];
    if (def.owner !== null && 'interface' in def.owner && def.owner.interface !== this.interface) {
      const idx = this.importType(def.owner.interface, ty);
      this.typeMap.set(ty, idx);
      return idx;
    }
    let encoded: ValType;
    const k = def.kind;
    switch (k.kind) {
      case 'record': {
        const fields = k.fields.map((f) => ({ name: f.name, type: this.encodeValtype(f.type) }));
        encoded = this.define({ kind: 'record', fields });
        break;
      }
      case 'tuple': {
        const types = k.types.map((t) => this.encodeValtype(t));
        encoded = this.define({ kind: 'tuple', types });
        break;
      }
      case 'flags':
        encoded = this.define({ kind: 'flags', names: k.flags.map((f) => f.name) });
        break;
      case 'variant': {
        const cases = k.cases.map((c) => ({ name: c.name, type: this.opt(c.type), refines: null }));
        encoded = this.define({ kind: 'variant', cases });
        break;
      }
      case 'enum':
        encoded = this.define({ kind: 'enum', names: k.cases.map((c) => c.name) });
        break;
      case 'option': {
        const t = this.encodeValtype(k.type);
        encoded = this.define({ kind: 'option', type: t });
        break;
      }
      case 'result': {
        const ok = this.opt(k.ok);
        const err = this.opt(k.err);
        encoded = this.define({ kind: 'result', ok, err });
        break;
      }
      case 'list': {
        const t = this.encodeValtype(k.element);
        encoded = this.define({ kind: 'list', element: t });
        break;
      }
      case 'fixed-length-list': {
        const t = this.encodeValtype(k.element);
        encoded = this.define({ kind: 'fixed-list', element: t, length: k.size });
        break;
      }
      case 'map': {
        const key = this.encodeValtype(k.key);
        const value = this.encodeValtype(k.value);
        encoded = this.define({ kind: 'map', key, value });
        break;
      }
      case 'future': {
        const t = this.opt(k.type);
        encoded = this.define({ kind: 'future', element: t });
        break;
      }
      case 'stream': {
        const t = this.opt(k.type);
        encoded = this.define({ kind: 'stream', element: t });
        break;
      }
      case 'type':
        encoded = this.encodeValtype(k.type);
        break;
      case 'resource': {
        const idx = this.exportResource(def.name!);
        this.typeMap.set(ty, idx);
        return idx;
      }
      case 'handle': {
        const r = this.encodeValtype(k.resource);
        if (typeof r !== 'number') throw new Error('handle of a non-resource type');
        encoded = this.define({ kind: k.handle, type: r });
        break;
      }
      case 'unknown':
        throw new Error('cannot encode an unresolved type');
    }
    if (def.name !== undefined) {
      const index = typeof encoded === 'number' ? encoded : this.define({ kind: 'prim', prim: encoded });
      encoded = this.exportType(index, def.name);
    }
    if (typeof encoded === 'number') this.typeMap.set(ty, encoded);
    return encoded;
  }

  private exportType(index: number, name: string): number {
    const bound: ExternType = { kind: 'type', bound: { kind: 'eq', index } };
    if (this.ty !== null) return this.ty.export(externName(name), bound);
    if (this.importTypes) return this.outer.import(externName(name), bound);
    return this.outer.export(externName(name), bound);
  }

  private exportResource(name: string): number {
    const t: ExternType = { kind: 'type', bound: { kind: 'sub-resource' } };
    if (this.ty !== null) return this.ty.export(externName(name), t);
    if (this.importTypes) return this.outer.import(externName(name), t);
    return this.outer.export(externName(name), t);
  }

  private importType(owner: number, id: number): number {
    const instance = this.importMap.get(owner);
    if (instance === undefined) throw new Error(`type of interface ${owner} used before that interface was imported`);
    let outerIdx = this.outerTypeMap.get(id);
    if (outerIdx === undefined) {
      outerIdx = this.outer.aliasExportType(instance, this.resolve.types[id].name!);
      this.outerTypeMap.set(id, outerIdx);
    }
    if (this.ty !== null) return this.ty.aliasOuterType(1, outerIdx);
    return outerIdx;
  }
}
