// The canonical WIT printer: turns one package of a resolved `Resolve` back
// into WIT text, byte-for-byte the way wasm-tools' `WitPrinter` does (what
// `wasm-tools component wit` prints). Canonical means the output depends only
// on the resolved model, never on how the source was written: items come out
// in arena/definition order, `use`s first, types before functions, one blank
// line between items, and every keyword-colliding name escaped with `%`.
//
// Worlds are the subtle part. Resource functions live in a world's import map
// as separate entries that need not sit next to their resource, so the world
// body is printed in a fixed layout that mirrors the binary encoding of
// worlds: imported interfaces, then types (with their resource functions),
// then imported functions, then exports. That keeps the text roughly
// topological so it always re-resolves to the same model.

import type {
  Docs,
  Function,
  Resolve,
  Stability,
  TypeDef,
  TypeOwner,
  TypeRef,
  WorldItem,
  WorldKey,
} from '../resolve/types.js';
import { WitPrintError } from './errors.js';
import { escapeName } from './keywords.js';
import { Output } from './output.js';
import { printTypeName, printHandle } from './type-names.js';
import { docLines, functionItemName, resourceOfFunction, sameStability } from './util.js';

export interface PrinterOptions {
  /** Emit `///` doc comments (default true), like `--no-docs` when false. */
  docs?: boolean;
}

interface WorldEntry {
  key: WorldKey;
  item: WorldItem;
}

export { WitPrintError };

export class WitPrinter {
  private out = new Output();
  // Whether the current block has printed an item yet, so that every item but
  // the first is preceded by a blank line.
  private anyItems = false;
  private readonly emitDocs: boolean;

  constructor(
    private readonly resolve: Resolve,
    options: PrinterOptions = {},
  ) {
    this.emitDocs = options.docs ?? true;
  }

  /**
   * Prints `main` as the file's package (`package a:b;`), then each of
   * `nested` as a `package a:b { … }` block after it.
   */
  print(main: number, nested: readonly number[] = []): string {
    this.out = new Output();
    this.anyItems = false;
    this.printPackage(main, true);
    nested.forEach((pkg, i) => {
      // Matches wasm-tools: nested blocks after the first are separated by
      // two extra newlines; the first directly follows the main package.
      if (i > 0) {
        this.out.newline();
        this.out.newline();
      }
      this.printPackage(pkg, false);
    });
    return this.out.toString();
  }

  private printPackage(id: number, isMain: boolean): void {
    const pkg = this.resolve.packages[id];
    if (pkg === undefined) throw new WitPrintError(`no package with index ${id}`);
    this.printDocs(pkg.docs);
    this.out.str('package ');
    this.out.str(`${escapeName(pkg.name.namespace)}:${escapeName(pkg.name.name)}`);
    if (pkg.name.version !== undefined) this.out.str(`@${pkg.name.version}`);
    if (isMain) {
      this.out.semicolon();
      this.out.newline();
    } else {
      this.out.indentStart();
    }

    for (const [name, ifaceId] of pkg.interfaces) {
      const iface = this.resolve.interfaces[ifaceId];
      this.printDocs(iface.docs);
      this.printStability(iface.stability);
      this.out.str(`interface ${escapeName(name)}`);
      this.out.indentStart();
      this.printInterfaceBody(ifaceId);
      this.out.indentEnd();
      // Only the main package separates its interfaces with blank lines.
      if (isMain) this.out.newline();
    }

    for (const [name, worldId] of pkg.worlds) {
      const world = this.resolve.worlds[worldId];
      this.printDocs(world.docs);
      this.printStability(world.stability);
      this.out.str(`world ${escapeName(name)}`);
      this.out.indentStart();
      this.printWorldBody(worldId);
      this.out.indentEnd();
    }

    if (!isMain) this.out.indentEnd();
  }

  private newItem(): void {
    if (this.anyItems) this.out.newline();
    this.anyItems = true;
  }

  private printInterfaceBody(id: number): void {
    const saved = this.anyItems;
    this.anyItems = false;
    const iface = this.resolve.interfaces[id];

    const resourceFuncs = new Map<number, Function[]>();
    const freestanding: Function[] = [];
    for (const func of iface.functions.values()) {
      const resource = resourceOfFunction(func);
      if (resource === undefined) freestanding.push(func);
      else pushTo(resourceFuncs, resource, func);
    }

    this.printTypes({ interface: id }, iface.types.entries(), resourceFuncs);

    for (const func of freestanding) {
      this.newItem();
      this.printDocs(func.docs);
      this.printStability(func.stability);
      this.out.str(`${escapeName(functionItemName(func))}: `);
      this.printFunction(func);
      this.out.semicolon();
    }
    this.anyItems = saved;
  }

  /**
   * Prints the types of an interface or world: first `use` statements for
   * aliases of types owned elsewhere (adjacent ones from the same interface
   * with the same stability share one statement), then every other type.
   */
  private printTypes(
    owner: Exclude<TypeOwner, null>,
    types: Iterable<[string, number]>,
    resourceFuncs: Map<number, Function[]>,
  ): void {
    const toDeclare: number[] = [];
    const toImport: { from: number; stability: Stability; names: [string, string][] }[] = [];
    for (const [name, typeId] of types) {
      const ty = this.type(typeId);
      const foreign = ty.kind.kind === 'type' ? this.foreignOwner(ty.kind.type, owner) : undefined;
      if (foreign === undefined) {
        toDeclare.push(typeId);
        continue;
      }
      const last = toImport[toImport.length - 1];
      const entry: [string, string] = [name, foreign.name];
      if (last !== undefined && last.from === foreign.iface && sameStability(last.stability, ty.stability)) {
        last.names.push(entry);
      } else {
        toImport.push({ from: foreign.iface, stability: ty.stability, names: [entry] });
      }
    }

    const myPkg =
      'interface' in owner
        ? this.resolve.interfaces[owner.interface].package
        : this.resolve.worlds[owner.world].package;
    for (const use of toImport) {
      // A `use` counts as an item (so a blank line follows the block of uses)
      // but uses themselves are not separated by blank lines.
      this.anyItems = true;
      this.printStability(use.stability);
      this.out.str(`use ${this.pathToInterface(use.from, myPkg)}.{`);
      this.out.str(
        use.names
          .map(([mine, theirs]) =>
            mine === theirs ? escapeName(mine) : `${escapeName(theirs)} as ${escapeName(mine)}`,
          )
          .join(', '),
      );
      this.out.str('}');
      this.out.semicolon();
    }

    for (const typeId of toDeclare) {
      const ty = this.type(typeId);
      this.newItem();
      this.printDocs(ty.docs);
      this.printStability(ty.stability);
      if (ty.kind.kind === 'resource') this.printResource(typeId, resourceFuncs.get(typeId) ?? []);
      else this.declareType(typeId);
    }
  }

  /**
   * For `type x = y` where `y` is a named type owned by a different
   * interface, the interface and name to `use` it from; otherwise undefined.
   */
  private foreignOwner(target: TypeRef, owner: Exclude<TypeOwner, null>): { iface: number; name: string } | undefined {
    if (typeof target !== 'number') return undefined;
    const other = this.type(target);
    if (other.owner === null || sameOwner(other.owner, owner)) return undefined;
    if (!('interface' in other.owner)) {
      throw new WitPrintError('types can only be imported from interfaces');
    }
    if (other.name === undefined) throw new WitPrintError('cannot import unnamed type');
    return { iface: other.owner.interface, name: other.name };
  }

  private printResource(id: number, funcs: readonly Function[]): void {
    this.out.str(`resource ${escapeName(this.requireName(id, 'resource'))}`);
    if (funcs.length === 0) {
      this.out.semicolon();
      return;
    }
    this.out.indentStart();
    for (const func of funcs) {
      // Members of a resource block are not separated by blank lines.
      this.printDocs(func.docs);
      this.printStability(func.stability);
      switch (func.kind.kind) {
        case 'constructor':
          break;
        case 'method':
        case 'async-method':
          this.out.str(`${escapeName(functionItemName(func))}: `);
          break;
        case 'static':
        case 'async-static':
          this.out.str(`${escapeName(functionItemName(func))}: static `);
          break;
        default:
          throw new WitPrintError(`function ${func.name} is not a resource function`);
      }
      this.printFunction(func);
      this.out.semicolon();
    }
    this.out.indentEnd();
  }

  private printFunction(func: Function): void {
    const kind = func.kind.kind;
    if (kind === 'async-freestanding' || kind === 'async-method' || kind === 'async-static') {
      this.out.str('async ');
    }
    this.out.str(kind === 'constructor' ? 'constructor(' : 'func(');
    // A method's `self` parameter is implied by the syntax.
    const params = kind === 'method' || kind === 'async-method' ? func.params.slice(1) : func.params;
    this.out.str(params.map((p) => `${escapeName(p.name)}: ${this.typeName(p.type)}`).join(', '));
    this.out.str(')');
    if (this.isConstructorShorthand(func)) return;
    if (func.result !== undefined) this.out.str(` -> ${this.typeName(func.result)}`);
  }

  /** A constructor returning `own<its resource>` prints without `-> T`. */
  private isConstructorShorthand(func: Function): boolean {
    if (func.kind.kind !== 'constructor' || typeof func.result !== 'number') return false;
    const result = this.type(func.result).kind;
    return result.kind === 'handle' && result.handle === 'own' && result.resource === func.kind.resource;
  }

  private printWorldBody(id: number): void {
    const saved = this.anyItems;
    this.anyItems = false;
    const world = this.resolve.worlds[id];
    const pkg = world.package;
    const types: [string, number][] = [];
    const resourceFuncs = new Map<number, Function[]>();
    const functionImports: WorldEntry[] = [];

    for (const entry of world.imports.values()) {
      const { key, item } = entry;
      if (item.kind === 'type') {
        if (!('name' in key)) throw new WitPrintError('a world type must be imported by name');
        types.push([key.name, item.id]);
      } else if (item.kind === 'function') {
        const resource = resourceOfFunction(item.function);
        if (resource === undefined) functionImports.push(entry);
        else pushTo(resourceFuncs, resource, item.function);
      } else {
        this.printWorldItem(entry, pkg, 'import');
        // Imported interfaces are not separated by blank lines, but whatever
        // follows them is.
        this.anyItems = true;
      }
    }

    this.printTypes({ world: id }, types, resourceFuncs);

    for (const entry of functionImports) {
      this.printWorldItem(entry, pkg, 'import');
      this.anyItems = true;
    }
    if (world.exports.size > 0) this.newItem();
    for (const entry of world.exports.values()) this.printWorldItem(entry, pkg, 'export');
    this.anyItems = saved;
  }

  private printWorldItem({ key, item }: WorldEntry, curPkg: number | undefined, keyword: 'import' | 'export'): void {
    if (item.kind === 'type') throw new WitPrintError('world types are printed with the world types');
    const iface = item.kind === 'interface' ? this.resolve.interfaces[item.id] : undefined;
    if (item.kind === 'function') {
      this.printDocs(item.function.docs);
    } else if (iface !== undefined && iface.name === undefined) {
      // An inline interface's docs are the interface's own.
      this.printDocs(iface.docs);
    } else {
      // A named interface's own docs print with its definition; only docs
      // written on this import/export statement belong here.
      this.printDocs(worldItemDocs(item));
    }
    this.printStability(item.kind === 'function' ? item.function.stability : item.stability);
    this.out.str(`${keyword} `);

    if (!('name' in key)) {
      if (item.kind !== 'interface' || item.id !== key.interface) {
        throw new WitPrintError(`world key interface-${key.interface} does not match its item`);
      }
      this.out.str(this.pathToInterface(key.interface, curPkg));
      this.out.semicolon();
      return;
    }

    this.out.str(`${escapeName(key.name)}: `);
    if (item.kind === 'function') {
      this.printFunction(item.function);
      this.out.semicolon();
    } else if (iface?.name !== undefined) {
      // `import label: some-interface;` — a named interface under a plain
      // name (the `implements` form).
      this.out.str(this.pathToInterface(item.id, curPkg));
      this.out.semicolon();
    } else {
      this.out.str('interface');
      this.out.indentStart();
      this.printInterfaceBody(item.id);
      this.out.indentEnd();
    }
  }

  /** `name` inside the package being printed, else `ns:pkg/name@version`. */
  private pathToInterface(id: number, curPkg: number | undefined): string {
    const iface = this.resolve.interfaces[id];
    if (iface.name === undefined) throw new WitPrintError('cannot refer to an anonymous interface by path');
    if (iface.package === curPkg) return escapeName(iface.name);
    if (iface.package === undefined) throw new WitPrintError(`interface ${iface.name} has no package`);
    const pkg = this.resolve.packages[iface.package].name;
    const version = pkg.version === undefined ? '' : `@${pkg.version}`;
    return `${escapeName(pkg.namespace)}:${escapeName(pkg.name)}/${escapeName(iface.name)}${version}`;
  }

  /** Prints the definition of named, non-resource type `id`. */
  private declareType(id: number): void {
    const ty = this.type(id);
    const name = escapeName(this.requireName(id, ty.kind.kind));
    const kind = ty.kind;
    switch (kind.kind) {
      case 'record':
        this.printBlock(`record ${name}`, kind.fields, (f) => `${escapeName(f.name)}: ${this.typeName(f.type)}`);
        return;
      case 'flags':
        this.printBlock(`flags ${name}`, kind.flags, (f) => escapeName(f.name));
        return;
      case 'enum':
        this.printBlock(`enum ${name}`, kind.cases, (c) => escapeName(c.name));
        return;
      case 'variant':
        this.printBlock(`variant ${name}`, kind.cases, (c) =>
          c.type === undefined ? escapeName(c.name) : `${escapeName(c.name)}(${this.typeName(c.type)})`,
        );
        return;
      case 'handle':
        // `type a = own<r>` stays explicit: a bare `type a = r` would resolve
        // to an alias of the resource, which is a different model.
        this.out.str(`type ${name} = ${printHandle(this.resolve, kind, true)}`);
        this.out.semicolon();
        return;
      case 'resource':
        throw new WitPrintError('resources are printed separately');
      case 'unknown':
        throw new WitPrintError(`type ${name} was never resolved`);
      default:
        // Every remaining kind is written `type name = <type expression>`.
        this.out.str(`type ${name} = ${printTypeName(this.resolve, id, true)}`);
        this.out.semicolon();
    }
  }

  /** `head {`, then one `line,` per member (with its docs), then `}`. */
  private printBlock<T extends { docs: Docs }>(head: string, members: readonly T[], line: (m: T) => string): void {
    this.out.str(head);
    this.out.indentStart();
    for (const member of members) {
      this.printDocs(member.docs);
      this.out.str(`${line(member)},`);
      this.out.newline();
    }
    this.out.indentEnd();
  }

  private typeName(ty: TypeRef): string {
    return printTypeName(this.resolve, ty);
  }

  private type(id: number): TypeDef {
    const ty = this.resolve.types[id];
    if (ty === undefined) throw new WitPrintError(`no type with index ${id}`);
    return ty;
  }

  private requireName(id: number, what: string): string {
    const name = this.type(id).name;
    if (name === undefined) throw new WitPrintError(`cannot declare an unnamed ${what} type`);
    return name;
  }

  private printDocs(docs: Docs): void {
    if (!this.emitDocs) return;
    for (const line of docLines(docs)) this.out.doc(line);
  }

  private printStability(stability: Stability): void {
    if (stability.kind === 'unknown') return;
    if (stability.kind === 'stable') this.out.str(`@since(version = ${stability.since})`);
    else this.out.str(`@unstable(feature = ${stability.feature})`);
    this.out.newline();
    if (stability.deprecated !== undefined) {
      this.out.str(`@deprecated(version = ${stability.deprecated})`);
      this.out.newline();
    }
  }
}

/**
 * Docs attached to an `import`/`export` of a named interface (wasm-tools keeps
 * them on the world item). Read structurally so the printer works whether or
 * not the resolver's model carries them.
 */
function worldItemDocs(item: WorldItem): Docs {
  const docs = (item as { docs?: unknown }).docs;
  return typeof docs === 'object' && docs !== null ? (docs as Docs) : {};
}

function sameOwner(a: Exclude<TypeOwner, null>, b: Exclude<TypeOwner, null>): boolean {
  if ('interface' in a) return 'interface' in b && a.interface === b.interface;
  return 'world' in b && a.world === b.world;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
