// Encoding a `Composition` as a component:
//  1. the composition's imports: a world of the shared Resolve holding them
//     is encoded with `encodeWorld`, and the component type's declarations
//     are spliced in as top-level definitions (a component type's import
//     declarations build the same index spaces as a component's imports);
//  2. each dependency once: embedded as a nested component, or imported as
//     `unlocked-dep=<ns:pkg>` with `importDependencies`;
//  3. instantiations with `(with …)` arguments and aliases of instance
//     exports, in evaluation order; 4. exports; 5. a `component-name` section.
// The result is checked with our validator.

import {
  encodeComponent,
  encodeWorld,
  validateComponent,
  type Component,
  type ComponentSection,
  type ComponentType,
  type ExternName,
  type NameMapEntry,
  type Sort,
} from '@wit-ts/component';
import type { Resolve, TypeDefKind, TypeRef } from '@wit-ts/wit-parser';
import { worldKeyString } from '@wit-ts/wit-parser';
import type { Composition, ImportNode, Node } from './graph.js';
import type { LoadedPackage } from './packages.js';
import { TypeExportEncoder, wrapperTypes, type TypeSink } from './encode-types.js';
import { ensurePackage, funcInterfaces, interfaceDeps, interfaceName, newWorld } from './resolve-util.js';

const META = { range: { start: 0, end: 0 }, sizeWidth: 0, padLog: null };

export interface EncodeOptions {
  /** Import dependencies (`unlocked-dep=<ns:pkg>`) instead of embedding them. */
  importDependencies?: boolean;
}

export class EncodeFailure extends Error {}

function externName(name: string): ExternName {
  return { tag: 0, name, attributes: [] };
}

let worldCounter = 0;

class Encoder {
  private readonly sections: ComponentSection[] = [];
  private types = 0;
  private funcs = 0;
  private instances = 0;
  private components = 0;
  private readonly nodeIndex = new Map<Node, { sort: Sort; index: number }>();
  private readonly pkgIndex = new Map<LoadedPackage, number>();
  private readonly names = {
    instance: [] as NameMapEntry[],
    func: [] as NameMapEntry[],
    component: [] as NameMapEntry[],
  };

  constructor(
    private readonly r: Resolve,
    private readonly c: Composition,
    private readonly opts: EncodeOptions,
  ) {}

  private push(s: ComponentSection): void {
    // Consecutive items of one kind share a section.
    const last = this.sections[this.sections.length - 1];
    if (last !== undefined && last.kind === s.kind && 'items' in last && 'items' in s)
      (last.items as unknown[]).push(...(s.items as unknown[]));
    else this.sections.push(s);
  }

  encode(): Component {
    this.typeExports();
    this.imports();
    for (const inst of this.c.instantiations) this.node(inst);
    for (const e of this.c.exports) this.exportOf(e);
    this.nameSection();
    return { version: 0x0d, layer: 1, sections: this.sections, range: { start: 0, end: 0 } };
  }

  /** Exported entries → the index the export created (exports define new items). */
  private readonly exportedAt = new Map<Composition['exports'][number], { sort: Sort; index: number }>();

  private exportOf(e: Composition['exports'][number]): { sort: Sort; index: number } {
    const hit = this.exportedAt.get(e);
    if (hit !== undefined) return hit;
    const { sort, index } = this.node(e.node);
    this.push({
      ...META,
      id: 11,
      kind: 'export',
      items: [{ name: externName(e.name), sort, index, type: null, offset: 0 }],
    });
    const out = { sort, index: this.bump(sort) };
    this.exportedAt.set(e, out);
    return out;
  }

  /** Type statements first: they depend on nothing else. */
  private typeExports(): void {
    const list = this.c.typeExports ?? [];
    if (list.length === 0) return;
    const sink: TypeSink = {
      define: (type) => {
        this.push({ ...META, id: 7, kind: 'type', items: [{ type, offset: 0 }] });
        return this.types++;
      },
      export: (name, index) => {
        this.push({
          ...META,
          id: 11,
          kind: 'export',
          items: [{ name: externName(name), sort: 'type', index, type: null, offset: 0 }],
        });
        return this.types++;
      },
    };
    const tp = this.c.typePackage!;
    const wrappers = new Map(wrapperTypes(this.r, tp.pkg, tp.interfaces, tp.worlds).map((w) => [w.name, w.type]));
    const wrapperIndex = new Map<number, number>();
    const enc = new TypeExportEncoder(this.r, sink);
    for (const { name, binding } of list) {
      if (binding.kind === 'interface' || binding.kind === 'world') {
        const declName = [...(binding.kind === 'interface' ? tp.interfaces : tp.worlds)].find(
          ([, id]) => id === binding.id,
        )?.[0];
        const key = (binding.kind === 'interface' ? 1 : -1) * (binding.id + 1);
        let index = wrapperIndex.get(key);
        if (index === undefined) {
          const type = declName === undefined ? undefined : wrappers.get(declName);
          if (type === undefined)
            throw new EncodeFailure(`cannot export ${binding.kind} \`${name}\`: it is not declared by this document`);
          index = sink.define(type);
          wrapperIndex.set(key, index);
        }
        sink.export(name, index);
      } else {
        try {
          enc.definition(name, binding);
        } catch (e) {
          throw new EncodeFailure(`cannot export type \`${name}\`: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
  }

  /** Splices the declarations of a component type (imports, types, aliases) into the component. */
  private splice(ct: ComponentType, onImport: (name: string, sort: Sort, index: number) => void): void {
    for (const d of ct.decls) {
      switch (d.kind) {
        case 'type':
          this.push({ ...META, id: 7, kind: 'type', items: [{ type: d.type, offset: 0 }] });
          this.types++;
          break;
        case 'core-type':
          this.push({ ...META, id: 3, kind: 'core-type', items: [d.type] });
          break;
        case 'alias': {
          this.push({ ...META, id: 6, kind: 'alias', items: [d.alias] });
          this.bump(d.alias.sort);
          break;
        }
        case 'import': {
          this.push({ ...META, id: 10, kind: 'import', items: [{ name: d.name, type: d.type, offset: 0 }] });
          const sort: Sort = d.type.kind === 'module' ? 'core-module' : d.type.kind;
          onImport(d.name.name, sort, this.bump(sort));
          break;
        }
        case 'export':
          break;
      }
    }
  }

  private bump(sort: Sort): number {
    switch (sort) {
      case 'type':
        return this.types++;
      case 'func':
        return this.funcs++;
      case 'instance':
        return this.instances++;
      case 'component':
        return this.components++;
      default:
        return -1;
    }
  }

  private imports(): void {
    const r = this.r;
    const pkg = ensurePackage(r, 'root', 'composition');
    const world = newWorld(r, pkg, `composition${worldCounter++}`);
    const w = r.worlds[world];
    // wac's order: instances before functions; within a kind, implicit
    // imports (in instantiation order) before explicit ones.
    const rank = (n: ImportNode) => (n.item.kind === 'function' ? 2 : 0) + (n.implicit ? 0 : 1);
    const ordered = [...this.c.imports].sort((a, b) => rank(a) - rank(b));
    for (const n of ordered) {
      if (n.providers !== undefined) continue; // encoded late, see `lateImport`
      // Interfaces whose types an imported interface uses are imported first (an elaborated world).
      if (n.item.kind === 'interface') {
        for (const dep of interfaceDeps(r, n.item.id)) {
          const k = { interface: dep };
          if (
            !w.imports.has(worldKeyString(k)) &&
            !this.c.imports.some((m) => m.item.kind === 'interface' && m.item.id === dep)
          ) {
            w.imports.set(worldKeyString(k), {
              key: k,
              item: { kind: 'interface', id: dep, stability: { kind: 'unknown' } },
            });
          }
        }
      }
      if (n.item.kind === 'function') {
        // A function import using types of an interface the composition does
        // not import (an instantiation provides it) would need its type
        // encoded after that instantiation: not supported yet, say so.
        for (const dep of funcInterfaces(r, n.item.function)) {
          if (this.c.imports.some((m) => m.item.kind === 'interface' && m.item.id === dep)) continue;
          if ([...w.imports.values()].some((e) => 'interface' in e.key && e.key.interface === dep)) continue;
          throw new EncodeFailure(
            `import \`${n.name}\` uses types of interface \`${interfaceName(r, dep) ?? 'anonymous'}\`, which the composition does not import (an instantiation provides it); ` +
              `imports typed by an instance's exports are not supported yet: pass \`${n.name}\` explicitly`,
          );
        }
      }
      const item =
        n.item.kind === 'function'
          ? { kind: 'function' as const, function: { ...n.item.function, name: n.name } }
          : n.item.kind === 'type'
            ? { ...n.item, id: structuralTypeImport(r, n.item.id, world) }
            : n.item;
      w.imports.set(worldKeyString(n.key), { key: n.key, item });
    }
    let ct: ComponentType;
    try {
      ct = encodeWorld(r, world);
    } catch (e) {
      throw new EncodeFailure(
        `failed to encode the composition's imports: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    this.splice(ct, (name, sort, index) => {
      const node = this.c.imports.find((n) => n.name === name);
      if (node === undefined) return;
      this.nodeIndex.set(node, { sort, index });
      if (node.local !== undefined && (sort === 'instance' || sort === 'func'))
        this.names[sort].push({ index, name: node.local });
    });
  }

  private component(pkg: LoadedPackage): number {
    const hit = this.pkgIndex.get(pkg);
    if (hit !== undefined) return hit;
    const label = pkg.version === undefined ? pkg.name : `${pkg.name}@${pkg.version}`;
    let index: number;
    if (this.opts.importDependencies === true) {
      const ct = encodeWorld(this.r, pkg.world!);
      this.push({ ...META, id: 7, kind: 'type', items: [{ type: ct, offset: 0 }] });
      const ty = this.types++;
      const version = pkg.version === undefined ? '' : `@{>=${pkg.version}}`;
      this.push({
        ...META,
        id: 10,
        kind: 'import',
        items: [
          {
            name: externName(`unlocked-dep=<${pkg.name}${version}>`),
            type: { kind: 'component', type: ty },
            offset: 0,
          },
        ],
      });
      index = this.components++;
    } else {
      this.sections.push({ ...META, id: 4, kind: 'component', component: pkg.component! });
      index = this.components++;
    }
    this.names.component.push({ index, name: label });
    this.pkgIndex.set(pkg, index);
    return index;
  }

  private node(n: Node): { sort: Sort; index: number } {
    const hit = this.nodeIndex.get(n);
    if (hit !== undefined) return hit;
    let out: { sort: Sort; index: number };
    if (n.kind === 'import') {
      if (n.providers === undefined) throw new EncodeFailure(`import \`${n.name}\` was not encoded`);
      this.lateImport(n);
    }
    if (n.kind === 'alias') {
      const inst = this.node(n.instance);
      const sort: Sort = n.type.kind;
      this.push({
        ...META,
        id: 6,
        kind: 'alias',
        items: [{ sort, target: { kind: 'export', instance: inst.index, name: n.exportName }, offset: 0 }],
      });
      out = { sort, index: this.bump(sort) };
      if (n.local !== undefined && (sort === 'instance' || sort === 'func'))
        this.names[sort].push({ index: out.index, name: n.local });
    } else {
      const args = [...n.args].map(([name, arg]) => ({ name, ...this.node(arg) }));
      const component = this.component(n.pkg);
      this.push({ ...META, id: 5, kind: 'instance', items: [{ kind: 'instantiate', component, args, offset: 0 }] });
      out = { sort: 'instance', index: this.instances++ };
      if (n.local !== undefined) this.names.instance.push({ index: out.index, name: n.local });
    }
    this.nodeIndex.set(n, out);
    return out;
  }

  /**
   * A function import typed by interfaces that instances provide (not
   * imports). The component model only lets an import use types the
   * component imports or exports *with a type ascription*; we do not write
   * ascriptions yet, so say so instead of producing an invalid component.
   */
  private lateImport(n: ImportNode): never {
    const providers = [...n.providers!.values()]
      .map((p) => (p.kind === 'alias' ? `\`${p.exportName}\`` : 'an instance'))
      .join(', ');
    throw new EncodeFailure(
      `import \`${n.name}\` uses types of ${providers}, provided by an instantiation rather than imported; ` +
        `such imports need an export type ascription, which is not supported yet: pass \`${n.name}\` explicitly`,
    );
  }

  private nameSection(): void {
    const subsections = (['component', 'func', 'instance'] as const)
      .filter((s) => this.names[s].length > 0)
      .map((s) => ({
        kind: 'sort' as const,
        sort: s as Sort,
        names: [...this.names[s]].sort((a, b) => a.index - b.index),
        sizeWidth: 0,
      }));
    if (subsections.length === 0) return;
    this.sections.push({
      ...META,
      id: 0,
      kind: 'custom',
      name: 'component-name',
      data: new Uint8Array(0),
      parsed: { kind: 'component-name', subsections },
      componentType: false,
    });
  }
}

/** Follows `type a = b` aliases to the defining type. */
function rootType(r: Resolve, id: number): number {
  for (let i = 0; i < 100; i++) {
    const k = r.types[id].kind;
    if (k.kind !== 'type' || typeof k.type !== 'number') return id;
    id = k.type;
  }
  return id;
}

/**
 * The type a world-level type import of the composition is encoded with.
 * wac's encoder works on the components' types, where a used type (`use
 * defs.{region}`: an `eq` bound on a type aliased from an imported
 * instance) is its definition: it writes the import's bound structurally (a
 * copy of the definition, whose own references are aliased from the
 * instances that define them), not as an alias. Resources are nominal and
 * stay aliases; a type defined by the world itself is kept.
 */
function structuralTypeImport(r: Resolve, id: number, world: number): number {
  const td = r.types[id];
  if (td.kind.kind !== 'type' || typeof td.kind.type !== 'number') return id;
  const root = r.types[rootType(r, id)];
  if (root.kind.kind === 'resource' || root.kind.kind === 'unknown') return id;
  const remap = (t: TypeRef): TypeRef => (typeof t === 'number' ? rootType(r, t) : t);
  const opt = (t: TypeRef | undefined): TypeRef | undefined => (t === undefined ? undefined : remap(t));
  const k = root.kind;
  let kind: TypeDefKind;
  switch (k.kind) {
    case 'record':
      kind = { ...k, fields: k.fields.map((f) => ({ ...f, type: remap(f.type) })) };
      break;
    case 'variant':
      kind = { ...k, cases: k.cases.map((c) => ({ ...c, type: opt(c.type) })) };
      break;
    case 'tuple':
      kind = { ...k, types: k.types.map(remap) };
      break;
    case 'option':
      kind = { ...k, type: remap(k.type) };
      break;
    case 'result':
      kind = { ...k, ok: opt(k.ok), err: opt(k.err) };
      break;
    case 'list':
    case 'fixed-length-list':
      kind = { ...k, element: remap(k.element) };
      break;
    case 'map':
      kind = { ...k, key: remap(k.key), value: remap(k.value) };
      break;
    case 'future':
    case 'stream':
      kind = { ...k, type: opt(k.type) };
      break;
    case 'handle':
      return id;
    default:
      kind = k;
  }
  r.types.push({ ...td, kind, owner: { world } });
  return r.types.length - 1;
}

/** Encodes and validates; throws EncodeFailure listing validator issues. */
export function encodeComposition(r: Resolve, c: Composition, opts: EncodeOptions = {}): Uint8Array {
  const encoder = new Encoder(r, c, opts);
  const model = encoder.encode();
  // Our validator does not know dependency names (`unlocked-dep=<ns:pkg>`) yet: not an error of ours.
  const issues = validateComponent(model).filter((i) => !i.message.includes('unlocked-dep='));
  if (issues.length > 0) {
    throw new EncodeFailure(
      `the composed component is not valid:\n${issues.map((i) => `  ${i.section}[${i.item}]: ${i.message}`).join('\n')}`,
    );
  }
  return encodeComponent(model);
}
