/**
 * The world of an actual component: its imports and exports as a WIT world
 * (`root` in package `root:component`, the names wasm-tools uses since a
 * binary component carries none).
 *
 * Imports are declared with their types, exactly like the imports of a
 * component type. Exports name items by index, so their types come from
 * evaluating the component's index spaces: lifted functions carry their type,
 * instances are bags of exports or instantiations of nested components whose
 * exports are typed (wit-component's shims), with the nested component's
 * imports bound to the instantiation arguments.
 */
import type { Function, Resolve, WorldItem, WorldKey } from '@wit-ts/wit-parser';
import { decodeComponent } from '../decode-component.js';
import type { Component, FuncType, InstanceType } from '../model.js';
import {
  emptyResolve,
  newSpace,
  parseQualifiedName,
  WitDecodeError,
  WitDecoder,
  type Space,
  type TypeEntry,
} from './decode.js';

type Item =
  | { kind: 'type'; entry: TypeEntry }
  | { kind: 'func'; ft: FuncType | null; space: Space | null }
  | { kind: 'instance'; view: InstanceView }
  | { kind: 'component'; component: Component | null; space: Space }
  | { kind: 'other' };

interface InstanceView {
  exports: Map<string, Item>;
  /** Set for imported instances already decoded into an interface. */
  iface?: number;
}

const OTHER: Item = { kind: 'other' };
const UNKNOWN = { kind: 'unknown' } as const;

interface Spaces {
  types: Space;
  funcs: Item[];
  instances: Item[];
  components: Item[];
}

/** Evaluates components; the top-level one's imports/exports go into a world. */
class Evaluator {
  constructor(
    private readonly d: WitDecoder,
    private readonly worldId: number,
  ) {}

  private get world() {
    return this.d.resolve.worlds[this.worldId];
  }

  /** A view of imported instance type `inst` (for aliases), decoded into `iface` when given. */
  private importInstance(space: Space, inst: InstanceType, iface: number): InstanceView {
    const info = this.d.decodeInstance(inst, space, iface);
    const exports = new Map<string, Item>();
    for (const [name, id] of info.types) exports.set(name, { kind: 'type', entry: { kind: 'wit', id } });
    for (const decl of inst.decls) {
      if (decl.kind === 'export' && decl.type.kind === 'func')
        exports.set(decl.name.name, { kind: 'func', ft: null, space: null });
    }
    space.instances.push(info);
    return { exports, iface };
  }

  /**
   * Runs the sections of `c`. With `args` (a nested component being
   * instantiated) imports bind to the arguments and the exports are returned;
   * without, imports and exports populate the world.
   */
  run(c: Component, parent: Space | null, args: Map<string, Item> | null): Map<string, Item> {
    const s: Spaces = { types: newSpace(parent), funcs: [], instances: [], components: [] };
    const exports = new Map<string, Item>();
    const top = args === null;
    for (const sec of c.sections) {
      switch (sec.kind) {
        case 'type':
          for (const t of sec.items) s.types.types.push({ kind: 'def', def: t.type, space: s.types });
          break;
        case 'import':
          for (const i of sec.items) this.import(s, i.name.name, i.name.attributes, i.type, args);
          break;
        case 'alias':
          for (const a of sec.items) this.alias(s, a);
          break;
        case 'canon':
          for (const cn of sec.items) {
            if (cn.kind === 'lift') s.funcs.push(this.funcItem(s.types, cn.type!));
          }
          break;
        case 'component':
          s.components.push({ kind: 'component', component: sec.component, space: s.types });
          break;
        case 'instance':
          for (const inst of sec.items) {
            if (inst.kind === 'exports') {
              const view: InstanceView = { exports: new Map() };
              for (const e of inst.exports) view.exports.set(e.name.name, this.itemOf(s, e.sort, e.index));
              s.instances.push({ kind: 'instance', view });
            } else {
              const comp = s.components[inst.component];
              const bound = new Map<string, Item>();
              for (const a of inst.args) bound.set(a.name, this.itemOf(s, a.sort, a.index));
              if (comp === undefined || comp.kind !== 'component' || comp.component === null) {
                s.instances.push({ kind: 'instance', view: { exports: new Map() } });
              } else {
                const out = this.run(comp.component, comp.space, bound);
                s.instances.push({ kind: 'instance', view: { exports: out } });
              }
            }
          }
          break;
        case 'export':
          for (const e of sec.items) {
            let item = this.itemOf(s, e.sort, e.index);
            // A type ascription gives the exported function its type.
            if (e.type !== null && e.type.kind === 'func') item = this.funcItem(s.types, e.type.type);
            exports.set(e.name.name, item);
            this.push(s, e.sort, item);
            if (top) this.exportToWorld(e.name.name, e.name.attributes, item);
          }
          break;
        default:
          break;
      }
    }
    return exports;
  }

  private funcItem(space: Space, typeIndex: number): Item {
    const e = space.types[typeIndex];
    if (e !== undefined && e.kind === 'def' && e.def.kind === 'func')
      return { kind: 'func', ft: e.def, space: e.space };
    return { kind: 'func', ft: null, space: null };
  }

  private itemOf(s: Spaces, sort: string, index: number): Item {
    switch (sort) {
      case 'type': {
        const entry = s.types.types[index];
        return entry === undefined ? OTHER : { kind: 'type', entry };
      }
      case 'func':
        return s.funcs[index] ?? OTHER;
      case 'instance':
        return s.instances[index] ?? OTHER;
      case 'component':
        return s.components[index] ?? OTHER;
      default:
        return OTHER;
    }
  }

  private push(s: Spaces, sort: string, item: Item): void {
    switch (sort) {
      case 'type':
        s.types.types.push(item.kind === 'type' ? item.entry : { kind: 'none' });
        break;
      case 'func':
        s.funcs.push(item);
        break;
      case 'instance':
        s.instances.push(item);
        if (item.kind === 'instance')
          s.types.instances.push({ iface: item.view.iface ?? null, types: viewTypes(item.view) });
        break;
      case 'component':
        s.components.push(item);
        break;
    }
  }

  private alias(s: Spaces, a: import('../model.js').Alias): void {
    const t = a.target;
    if (t.kind === 'core-export') return;
    if (t.kind === 'outer') {
      if (a.sort === 'type') {
        let sp: Space | null = s.types;
        for (let i = 0; i < t.count && sp !== null; i++) sp = sp.parent;
        s.types.types.push(sp?.types[t.index] ?? { kind: 'none' });
      } else if (a.sort === 'component') s.components.push(OTHER);
      return;
    }
    if (a.sort.startsWith('core-')) return;
    const inst = s.instances[t.instance];
    const item = inst !== undefined && inst.kind === 'instance' ? (inst.view.exports.get(t.name) ?? OTHER) : OTHER;
    this.push(s, a.sort, item);
  }

  private import(
    s: Spaces,
    name: string,
    attributes: import('../model.js').Attribute[],
    type: import('../model.js').ExternType,
    args: Map<string, Item> | null,
  ): void {
    if (args !== null) {
      // A nested component: the import is whatever the instantiation passed.
      const arg = args.get(name);
      switch (type.kind) {
        case 'type':
          if (arg !== undefined && arg.kind === 'type') s.types.types.push(arg.entry);
          else if (type.bound.kind === 'eq') s.types.types.push(s.types.types[type.bound.index] ?? { kind: 'none' });
          else s.types.types.push({ kind: 'none' });
          break;
        case 'func':
          s.funcs.push(arg ?? this.funcItem(s.types, type.type));
          break;
        case 'instance':
          s.instances.push(arg ?? OTHER);
          if (arg !== undefined && arg.kind === 'instance')
            s.types.instances.push({ iface: arg.view.iface ?? null, types: viewTypes(arg.view) });
          break;
        case 'component':
          s.components.push(arg ?? OTHER);
          break;
      }
      return;
    }
    const world = this.world;
    const impl = attributes.find((a) => a.kind === 'implements');
    switch (type.kind) {
      case 'instance': {
        const e = s.types.types[type.type];
        if (e === undefined || e.kind !== 'def' || e.def.kind !== 'instance')
          throw new WitDecodeError(`import ${JSON.stringify(name)} is not of an instance type`);
        let key: WorldKey;
        let iface: number;
        if (parseQualifiedName(name) !== undefined) {
          iface = this.d.ensureInterface(name);
          key = { interface: iface };
        } else if (impl !== undefined && impl.kind === 'implements') {
          iface = this.d.ensureInterface(impl.name);
          key = { name };
        } else {
          iface = this.d.newInterface(undefined, world.package);
          key = { name };
        }
        const view = this.importInstance(s.types, e.def, iface);
        s.instances.push({ kind: 'instance', view });
        world.imports.set('name' in key ? key.name : `interface-${iface}`, {
          key,
          item: { kind: 'interface', id: iface, stability: UNKNOWN },
        });
        break;
      }
      case 'func': {
        const item = this.funcItem(s.types, type.type);
        s.funcs.push(item);
        world.imports.set(name, { key: { name }, item: { kind: 'function', function: this.func(name, item) } });
        break;
      }
      case 'type': {
        const owner = { world: this.worldId };
        const id =
          type.bound.kind === 'sub-resource'
            ? this.d.resource(name, owner)
            : this.d.namedType(s.types, type.bound.index, name, owner);
        s.types.types.push({ kind: 'wit', id });
        world.imports.set(name, { key: { name }, item: { kind: 'type', id } });
        break;
      }
      case 'component':
        s.components.push(OTHER);
        break;
      default:
        break;
    }
  }

  private func(name: string, item: Item): Function {
    if (item.kind !== 'func' || item.ft === null || item.space === null)
      throw new WitDecodeError(`cannot find the type of function ${JSON.stringify(name)}`);
    const world = this.world;
    return this.d.makeFunction(name, item.ft, item.space, (r) => {
      const e = world.imports.get(r);
      if (e === undefined || e.item.kind !== 'type')
        throw new WitDecodeError(`function ${JSON.stringify(name)} of unknown resource ${JSON.stringify(r)}`);
      return e.item.id;
    });
  }

  private exportToWorld(name: string, attributes: import('../model.js').Attribute[], item: Item): void {
    const world = this.world;
    if (item.kind === 'func') {
      world.exports.set(name, { key: { name }, item: { kind: 'function', function: this.func(name, item) } });
      return;
    }
    if (item.kind !== 'instance') return;
    const impl = attributes.find((a) => a.kind === 'implements');
    let key: WorldKey;
    let iface: number;
    if (parseQualifiedName(name) !== undefined) {
      iface = this.d.ensureInterface(name);
      key = { interface: iface };
    } else if (impl !== undefined && impl.kind === 'implements') {
      iface = this.d.ensureInterface(impl.name);
      key = { name };
    } else {
      iface = this.d.newInterface(undefined, world.package);
      key = { name };
    }
    this.viewIntoInterface(item.view, iface);
    const wi: WorldItem = { kind: 'interface', id: iface, stability: UNKNOWN };
    world.exports.set('name' in key ? key.name : `interface-${iface}`, { key, item: wi });
  }

  /** Decodes an exported instance's items into interface `iface`. */
  private viewIntoInterface(view: InstanceView, iface: number): void {
    const i = this.d.resolve.interfaces[iface];
    for (const [name, item] of view.exports) {
      if (item.kind !== 'type' || i.types.has(name)) continue;
      i.types.set(name, this.d.namedEntry(item.entry, name, { interface: iface }));
    }
    for (const [name, item] of view.exports) {
      if (item.kind !== 'func' || i.functions.has(name)) continue;
      if (item.ft === null || item.space === null)
        throw new WitDecodeError(`cannot find the type of function ${JSON.stringify(name)}`);
      i.functions.set(
        name,
        this.d.makeFunction(name, item.ft, item.space, (r) => {
          const id = i.types.get(r);
          if (id === undefined)
            throw new WitDecodeError(`function ${JSON.stringify(name)} of unknown resource ${JSON.stringify(r)}`);
          return id;
        }),
      );
    }
  }
}

function viewTypes(view: InstanceView): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, item] of view.exports) {
    if (item.kind === 'type' && item.entry.kind === 'wit') out.set(name, item.entry.id);
    else if (item.kind === 'type' && item.entry.kind === 'def' && item.entry.id !== undefined)
      out.set(name, item.entry.id);
  }
  return out;
}

/**
 * Decodes a component's imports and exports into world `root` of package
 * `root:component` (the names wasm-tools gives them). Returns the resolve
 * (`main` = that package) and the world.
 */
export function decodeComponentWorld(
  bytes: Uint8Array | Component,
  into?: Resolve,
): { resolve: Resolve; world: number } {
  const c = bytes instanceof Uint8Array ? decodeComponent(bytes) : bytes;
  const d = new WitDecoder(into ?? emptyResolve());
  const pkg = d.ensurePackage({ namespace: 'root', name: 'component' });
  const world = d.ensureWorld(pkg, 'root');
  new Evaluator(d, world).run(c, null, null);
  // Like wasm-tools: the foreign packages first, the component's own last.
  const r = d.resolve;
  if (pkg !== r.packages.length - 1) {
    const [moved] = r.packages.splice(pkg, 1);
    r.packages.push(moved);
    const last = r.packages.length - 1;
    const map = (p: number) => (p === pkg ? last : p > pkg ? p - 1 : p);
    for (const i of r.interfaces) if (i.package !== undefined) i.package = map(i.package);
    for (const w of r.worlds) if (w.package !== undefined) w.package = map(w.package);
    for (const [k, v] of r.packageNames) r.packageNames.set(k, map(v));
  }
  r.main = r.packageNames.get('root:component');
  return { resolve: r, world };
}
