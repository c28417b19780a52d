// The programmatic graph API (like wac-graph's `CompositionGraph`): register
// packages, add import / instantiation / alias nodes, set arguments, export
// nodes, encode. It builds the same `Composition` the WAC evaluator builds
// and encodes it with the same encoder; arguments left unset become implicit
// imports (merged across instantiations) at encode time.

import { decodeComponentWorld, type Component } from '@wit-ts/component';
import type { WorldItem, WorldKey } from '@wit-ts/wit-parser';
import { encodeComposition, EncodeFailure } from './encode.js';
import {
  itemType,
  type AliasNode,
  type ImportNode,
  type InstantiationNode,
  type ItemType,
  type Node,
} from './graph.js';
import { ImportConflict, ImportSet } from './imports.js';
import { checkArgument, depImports, type DepImport, findImport, typeArguments, typeProviders } from './instantiate.js';
import { invalidName } from './names.js';
import { PackageError, PackageLoader, type LoadedPackage } from './packages.js';
import { emptyResolve, keyName } from './resolve-util.js';

export type GraphErrorKind =
  | 'package-already-registered'
  | 'invalid-package'
  | 'unknown-export'
  | 'invalid-name'
  | 'import-already-exists'
  | 'export-already-exists'
  | 'not-an-instance'
  | 'missing-export'
  | 'not-instantiation'
  | 'missing-argument'
  | 'argument-already-satisfied'
  | 'argument-type-mismatch'
  | 'contains-cycle'
  | 'implicit-import-conflict'
  | 'import-merge-conflict'
  | 'encode';

export class GraphError extends Error {
  constructor(
    readonly kind: GraphErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/** A registered package (a component). */
export interface PackageId {
  readonly name: string;
  readonly version?: string;
  /** @internal */
  readonly pkg: LoadedPackage;
}

/** A node of the graph; `type` is its item type. */
export type NodeId = Node;

export interface GraphEncodeOptions {
  /** Embed the packages' components (default true); false imports them as `unlocked-dep=<ns:pkg>`. */
  defineComponents?: boolean;
}

export class CompositionGraph {
  private readonly r = emptyResolve();
  private readonly sources: Record<string, Uint8Array> = {};
  private readonly loader = new PackageLoader(this.r, this.sources);
  private readonly packages = new Map<string, PackageId>();
  private readonly explicit: ImportNode[] = [];
  private readonly instantiations: InstantiationNode[] = [];
  private readonly exports: { name: string; node: Node }[] = [];
  private readonly aliases = new Map<Node, Map<string, AliasNode>>();

  /** Registers component `bytes` as package `name` (`ns:pkg`), optionally at `version`. */
  registerPackage(name: string, bytes: Uint8Array, version?: string): PackageId {
    const key = version === undefined ? name : `${name}@${version}`;
    if (this.packages.has(key))
      throw new GraphError('package-already-registered', `package \`${key}\` has already been registered in the graph`);
    this.sources[key] = bytes;
    let pkg: LoadedPackage;
    try {
      pkg = this.loader.load(name, version, { component: true });
    } catch (e) {
      delete this.sources[key];
      if (e instanceof PackageError) throw new GraphError('invalid-package', e.message);
      throw e;
    }
    if (pkg.world === undefined) throw new GraphError('invalid-package', `package \`${key}\` is not a component`);
    const id: PackageId = { name, version, pkg };
    this.packages.set(key, id);
    this.funcTypeExports.set(pkg, this.decodeFuncTypeExports(pkg));
    this.rawImports.set(pkg, rawInstanceImports(pkg.component!));
    return id;
  }

  /** Per package: instance import name → its exports' sorts, from the component's own types. */
  private readonly rawImports = new Map<LoadedPackage, Map<string, Map<string, string>>>();

  /** Exported function types (`(type (export "f") (func ...))`) by name: WIT worlds cannot hold them. */
  private readonly funcTypeExports = new Map<LoadedPackage, Map<string, WorldItem>>();

  /**
   * The component's exported function types, as WIT functions: decoded by
   * importing a function of each such type at the end of a copy of the
   * component (the exports' type indices stay put).
   */
  private decodeFuncTypeExports(pkg: LoadedPackage): Map<string, WorldItem> {
    const out = new Map<string, WorldItem>();
    const c = pkg.component!;
    const kinds: string[] = [];
    const extra: { name: string; index: number }[] = [];
    for (const sec of c.sections) {
      if (sec.kind === 'type') for (const t of sec.items) kinds.push(t.type.kind);
      else if (sec.kind === 'import') {
        for (const i of sec.items) if (i.type.kind === 'type') kinds.push('imported');
      } else if (sec.kind === 'alias') {
        for (const a of sec.items) if (a.sort === 'type') kinds.push('alias');
      } else if (sec.kind === 'export') {
        for (const e of sec.items) {
          if (e.sort !== 'type') continue;
          kinds.push(kinds[e.index] ?? 'unknown');
          if (kinds[e.index] === 'func') extra.push({ name: e.name.name, index: kinds.length - 1 });
        }
      }
    }
    if (extra.length === 0) return out;
    const names = extra.map((_, i) => `wit-ts-func-type-export${i}`);
    const copy: Component = {
      ...c,
      sections: [
        ...c.sections,
        {
          range: { start: 0, end: 0 },
          sizeWidth: 0,
          padLog: null,
          id: 10,
          kind: 'import',
          items: extra.map((e, i) => ({
            name: { tag: 0, name: names[i], attributes: [] },
            type: { kind: 'func', type: e.index },
            offset: 0,
          })),
        },
      ],
    };
    try {
      const { world } = decodeComponentWorld(copy, this.r);
      const w = this.r.worlds[world];
      const p = this.r.packages[w.package!];
      p.worlds.delete(w.name);
      w.name = `func-types${this.typeWorlds++}`;
      p.worlds.set(w.name, world);
      for (const e of w.imports.values()) {
        const i = names.indexOf(keyName(this.r, e.key));
        if (i >= 0) out.set(extra[i].name, e.item);
      }
    } catch {
      // Not representable: such exports are just not available to `import`.
    }
    return out;
  }
  private typeWorlds = 0;

  /** The type of the export `name` of package `pkg`'s world (for `import`). */
  packageExport(pkg: PackageId, name: string): { key: WorldKey; item: WorldItem } {
    for (const e of this.r.worlds[pkg.pkg.world!].exports.values()) if (keyName(this.r, e.key) === name) return e;
    const f = this.funcTypeExports.get(pkg.pkg)?.get(name);
    if (f !== undefined) return { key: { name }, item: f };
    throw new GraphError('unknown-export', `package \`${pkg.name}\` has no export named \`${name}\``);
  }

  /** The type of the import `name` of package `pkg`'s world. */
  packageImport(pkg: PackageId, name: string): { key: WorldKey; item: WorldItem } {
    for (const e of this.r.worlds[pkg.pkg.world!].imports.values()) if (keyName(this.r, e.key) === name) return e;
    throw new GraphError('unknown-export', `package \`${pkg.name}\` has no import named \`${name}\``);
  }

  /** Adds an import node `name` of type `ty` (e.g. from `packageExport`). */
  import(name: string, ty: { key?: WorldKey; item: WorldItem }): NodeId {
    const why = invalidName(name);
    if (why !== undefined) throw new GraphError('invalid-name', `import name \`${name}\` is not valid: ${why}`);
    if (this.explicit.some((n) => n.name === name))
      throw new GraphError('import-already-exists', `import name \`${name}\` already exists in the graph`);
    const key: WorldKey =
      ty.item.kind === 'interface' && ty.key !== undefined && 'interface' in ty.key && keyName(this.r, ty.key) === name
        ? ty.key
        : { name };
    const node: ImportNode = {
      kind: 'import',
      name,
      key,
      item: ty.item,
      type: itemType(this.r, ty.item),
      implicit: false,
    };
    this.explicit.push(node);
    return node;
  }

  /** Adds an instantiation of `pkg`; its arguments are set with `setArgument` (the rest are imported). */
  instantiate(pkg: PackageId): NodeId {
    const node: InstantiationNode = {
      kind: 'instantiation',
      pkg: pkg.pkg,
      args: new Map(),
      type: { kind: 'instance', exports: exportsOf(this.r, pkg.pkg.world!) },
    };
    this.instantiations.push(node);
    return node;
  }

  /** An alias of export `name` of the instance `instance` (shared per instance and name). */
  alias(instance: NodeId, name: string): NodeId {
    if (instance.type.kind !== 'instance')
      throw new GraphError(
        'not-an-instance',
        `expected source node to be an instance, but the node is a ${instance.type.kind === 'func' ? 'function' : 'type'}`,
      );
    const t = instance.type.exports.get(name);
    if (t === undefined) throw new GraphError('missing-export', `instance does not have an export named \`${name}\``);
    let m = this.aliases.get(instance);
    if (m === undefined) this.aliases.set(instance, (m = new Map()));
    let a = m.get(name);
    if (a === undefined) m.set(name, (a = { kind: 'alias', instance, exportName: name, type: t }));
    return a;
  }

  /** Passes `node` as argument `name` of the instantiation `instance`. */
  setArgument(instance: NodeId, name: string, node: NodeId): void {
    if (instance.kind !== 'instantiation')
      throw new GraphError('not-instantiation', 'the specified node is not an instantiation');
    const imports = depImports(this.r, instance.pkg.world!);
    const imp = findImport(imports, name);
    if (imp === undefined)
      throw new GraphError(
        'missing-argument',
        `argument name \`${name}\` is not an import of package \`${instance.pkg.name}\``,
      );
    if (instance.args.has(imp.name))
      throw new GraphError(
        'argument-already-satisfied',
        `argument \`${imp.name}\` has already been passed to the instantiation`,
      );
    const why = checkArgument(this.r, imp, node.type);
    if (why !== undefined) throw new GraphError('argument-type-mismatch', why);
    instance.args.set(imp.name, node);
  }

  /** Exports `node` as `name`. */
  export(node: NodeId, name: string): void {
    const why = invalidName(name);
    if (why !== undefined) throw new GraphError('invalid-name', `export name \`${name}\` is not valid: ${why}`);
    if (this.exports.some((e) => e.name === name))
      throw new GraphError('export-already-exists', `an export with the name \`${name}\` already exists`);
    this.exports.push({ name, node });
  }

  /** Names `node` in the name section. */
  setName(node: NodeId, name: string): void {
    node.local = name;
  }

  /** Encodes the graph as a component (validated). */
  encode(opts: GraphEncodeOptions = {}): Uint8Array {
    const r = this.r;
    const order = this.topoOrder();
    const set = new ImportSet(r);
    for (const n of this.explicit) set.nodes.push(n);
    const explicitNames = new Set(this.explicit.map((n) => n.name));
    // Implicit (and type) arguments are removed again afterwards: encoding twice stays possible.
    const added: [InstantiationNode, string][] = [];
    const raw = new Map<string, Map<string, string>>();
    const lost: [LoadedPackage, string, Map<string, string>][] = [];
    const instantiations: InstantiationNode[] = [];
    try {
      for (const inst of order) {
        const imports = depImports(r, inst.pkg.world!);
        // Functions and instances first, then types: a type `use`d from an
        // interface that an instance (not an import) provides is aliased from
        // that instance (`typeArguments`); other types are imported, as wac does.
        for (const types of [false, true]) {
          for (const imp of imports) {
            if ((imp.item.kind === 'type') !== types || inst.args.has(imp.name)) continue;
            if (imp.item.kind === 'type' && this.typeFromInstance(imp.item.id, imports, inst.args)) continue;
            if (explicitNames.has(imp.name))
              throw new GraphError(
                'implicit-import-conflict',
                `an instantiation of package \`${inst.pkg.name}\` implicitly imports an item named \`${imp.name}\`, but it conflicts with an explicit import of the same name`,
              );
            this.checkRawMerge(raw, lost, inst.pkg, imp.name);
            try {
              inst.args.set(
                imp.name,
                set.implicit(imp.name, imp.key, imp.item, typeProviders(r, imp, imports, inst.args)),
              );
              added.push([inst, imp.name]);
            } catch (e) {
              if (e instanceof ImportConflict) throw new GraphError('import-merge-conflict', e.message);
              throw e;
            }
          }
        }
        const before = new Set(inst.args.keys());
        typeArguments(r, imports, inst.args, (n, name) => this.alias(n, name));
        for (const k of inst.args.keys()) if (!before.has(k)) added.push([inst, k]);
        instantiations.push(inst);
      }
      for (const [pkg, name, mine] of lost) this.checkLost(pkg, name, mine);
      try {
        return encodeComposition(
          r,
          {
            name: 'composition',
            imports: set.nodes,
            instantiations,
            exports: this.exports,
          },
          { importDependencies: opts.defineComponents === false },
        );
      } catch (e) {
        if (e instanceof EncodeFailure) throw new GraphError('encode', e.message);
        throw new GraphError(
          'encode',
          `internal error while encoding: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
      }
    } finally {
      for (const [inst, k] of added) inst.args.delete(k);
    }
  }

  /**
   * Implicit imports of one name merge; the parts of their types that no WIT
   * interface holds (an instance exported by an imported instance) are
   * compared on the components' own types: a mismatch is an error, and such
   * an import cannot be encoded from the WIT model at all.
   */
  private checkRawMerge(
    seen: Map<string, Map<string, string>>,
    lost: [LoadedPackage, string, Map<string, string>][],
    pkg: LoadedPackage,
    name: string,
  ): void {
    const mine = this.rawImports.get(pkg)?.get(name);
    if (mine === undefined) return;
    const prev = seen.get(name);
    if (prev !== undefined) {
      for (const [n, sort] of mine) {
        const other = prev.get(n);
        if (other !== undefined && other !== sort)
          throw new GraphError(
            'import-merge-conflict',
            `failed to merge the type definition for implicit import \`${name}\` due to conflicting types: mismatched type for export \`${n}\`: expected ${sort}, found ${other}`,
          );
      }
    } else seen.set(name, mine);
    lost.push([pkg, name, mine]);
  }

  /** An import whose type a WIT interface cannot hold cannot be encoded from the WIT model. */
  private checkLost(pkg: LoadedPackage, name: string, mine: Map<string, string>): void {
    const iface = this.r.worlds[pkg.world!].imports;
    for (const e of iface.values()) {
      if (keyName(this.r, e.key) !== name || e.item.kind !== 'interface') continue;
      const i = this.r.interfaces[e.item.id];
      const lost = [...mine.keys()].filter((n) => !i.types.has(n) && !i.functions.has(n));
      if (lost.length > 0)
        throw new GraphError(
          'encode',
          `cannot import \`${name}\` for package \`${pkg.name}\`: its export${lost.length > 1 ? 's' : ''} ${lost.map((n) => `\`${n}\` (${mine.get(n)})`).join(', ')} cannot be represented by a WIT interface`,
        );
    }
  }

  /** Whether type import `id` aliases a type of an interface passed by a non-import node. */
  private typeFromInstance(id: number, imports: DepImport[], args: Map<string, Node>): boolean {
    const k = this.r.types[id].kind;
    if (k.kind !== 'type' || typeof k.type !== 'number') return false;
    const owner = this.r.types[k.type].owner;
    if (owner === null || !('interface' in owner)) return false;
    const from = imports.find((i) => i.item.kind === 'interface' && i.item.id === owner.interface);
    const node = from === undefined ? undefined : args.get(from.name);
    return node !== undefined && node.kind !== 'import';
  }

  /** Instantiations in dependency order; a cycle is an error. */
  private topoOrder(): InstantiationNode[] {
    const out: InstantiationNode[] = [];
    const state = new Map<Node, 1 | 2>();
    const visit = (n: Node): void => {
      const s = state.get(n);
      if (s === 2) return;
      if (s === 1) throw new GraphError('contains-cycle', 'the graph contains a cycle and cannot be encoded');
      state.set(n, 1);
      if (n.kind === 'alias') visit(n.instance);
      else if (n.kind === 'instantiation') for (const a of n.args.values()) visit(a);
      state.set(n, 2);
      if (n.kind === 'instantiation') out.push(n);
    };
    for (const n of this.instantiations) visit(n);
    return out;
  }
}

function exportsOf(r: ReturnType<typeof emptyResolve>, world: number): Map<string, ItemType> {
  const exports = new Map<string, ItemType>();
  for (const { key, item } of r.worlds[world].exports.values()) exports.set(keyName(r, key), itemType(r, item));
  return exports;
}

const SORT_NAMES: Record<string, string> = {
  func: 'function',
  instance: 'instance',
  type: 'type',
  component: 'component',
  module: 'module',
  value: 'value',
};

/** The component's instance imports: name → its exports' sorts (from the component's own type section). */
function rawInstanceImports(c: Component): Map<string, Map<string, string>> {
  const types: (Component['sections'][number] extends never ? never : unknown)[] = [];
  const out = new Map<string, Map<string, string>>();
  for (const sec of c.sections) {
    if (sec.kind === 'type') for (const t of sec.items) types.push(t.type);
    else if (sec.kind === 'import') {
      for (const i of sec.items) {
        if (i.type.kind === 'type') types.push(undefined);
        if (i.type.kind !== 'instance') continue;
        const t = types[i.type.type] as
          { kind: string; decls: { kind: string; name?: { name: string }; type?: { kind: string } }[] } | undefined;
        if (t?.kind !== 'instance') continue;
        const exports = new Map<string, string>();
        for (const d of t.decls)
          if (d.kind === 'export' && d.name !== undefined && d.type !== undefined)
            exports.set(d.name.name, SORT_NAMES[d.type.kind] ?? d.type.kind);
        out.set(i.name.name, exports);
      }
    } else if (sec.kind === 'alias') {
      for (const a of sec.items) if (a.sort === 'type') types.push(undefined);
    } else if (sec.kind === 'export') {
      for (const e of sec.items) if (e.sort === 'type') types.push(types[e.index]);
    }
  }
  return out;
}
