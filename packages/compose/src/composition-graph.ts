// The programmatic graph API (like wac-graph's `CompositionGraph`): register
// packages, add import / instantiation / alias nodes, set arguments, export
// nodes, encode. It builds the same `Composition` the WAC evaluator builds
// and encodes it with the same encoder; arguments left unset become implicit
// imports (merged across instantiations) at encode time.

import type { WorldItem, WorldKey } from '@wit-ts/wit-parser';
import { encodeComposition, EncodeFailure } from './encode.js';
import { itemType, type AliasNode, type ImportNode, type InstantiationNode, type ItemType, type Node } from './graph.js';
import { ImportConflict, ImportSet } from './imports.js';
import { checkArgument, depImports, findImport, typeArguments, typeProviders } from './instantiate.js';
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
      pkg = this.loader.load(name, version);
    } catch (e) {
      delete this.sources[key];
      if (e instanceof PackageError) throw new GraphError('invalid-package', e.message);
      throw e;
    }
    if (pkg.world === undefined) throw new GraphError('invalid-package', `package \`${key}\` is not a component`);
    const id: PackageId = { name, version, pkg };
    this.packages.set(key, id);
    return id;
  }

  /** The type of the export `name` of package `pkg`'s world (for `import`). */
  packageExport(pkg: PackageId, name: string): { key: WorldKey; item: WorldItem } {
    for (const e of this.r.worlds[pkg.pkg.world!].exports.values())
      if (keyName(this.r, e.key) === name) return e;
    throw new GraphError('unknown-export', `package \`${pkg.name}\` has no export named \`${name}\``);
  }

  /** The type of the import `name` of package `pkg`'s world. */
  packageImport(pkg: PackageId, name: string): { key: WorldKey; item: WorldItem } {
    for (const e of this.r.worlds[pkg.pkg.world!].imports.values())
      if (keyName(this.r, e.key) === name) return e;
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
    const node: ImportNode = { kind: 'import', name, key, item: ty.item, type: itemType(this.r, ty.item), implicit: false };
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
      throw new GraphError('missing-argument', `argument name \`${name}\` is not an import of package \`${instance.pkg.name}\``);
    if (instance.args.has(imp.name))
      throw new GraphError('argument-already-satisfied', `argument \`${imp.name}\` has already been passed to the instantiation`);
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
    // Implicit arguments are recorded on copies: encoding twice stays possible.
    const copies = new Map<Node, Node>();
    const copy = (n: Node): Node => {
      const hit = copies.get(n);
      if (hit !== undefined) return hit;
      let out: Node;
      if (n.kind === 'alias') out = { ...n, instance: copy(n.instance) };
      else if (n.kind === 'instantiation') out = { ...n, args: new Map([...n.args].map(([k, v]) => [k, copy(v)])) };
      else out = n;
      copies.set(n, out);
      return out;
    };
    const instantiations: InstantiationNode[] = [];
    for (const orig of order) {
      const inst = copy(orig) as InstantiationNode;
      const imports = depImports(r, inst.pkg.world!);
      for (const imp of imports) {
        if (imp.item.kind === 'type' || inst.args.has(imp.name)) continue;
        if (explicitNames.has(imp.name))
          throw new GraphError(
            'implicit-import-conflict',
            `an instantiation of package \`${inst.pkg.name}\` implicitly imports an item named \`${imp.name}\`, but it conflicts with an explicit import of the same name`,
          );
        try {
          inst.args.set(imp.name, set.implicit(imp.name, imp.key, imp.item, typeProviders(r, imp, imports, inst.args)));
        } catch (e) {
          if (e instanceof ImportConflict) throw new GraphError('import-merge-conflict', e.message);
          throw e;
        }
      }
      typeArguments(r, imports, inst.args, (n, name) => {
        const a = this.alias(n, name);
        return copy(a);
      });
      instantiations.push(inst);
    }
    try {
      return encodeComposition(
        r,
        {
          name: 'composition',
          imports: set.nodes,
          instantiations,
          exports: this.exports.map((e) => ({ name: e.name, node: copy(e.node) })),
        },
        { importDependencies: opts.defineComponents === false },
      );
    } catch (e) {
      if (e instanceof EncodeFailure) throw new GraphError('encode', e.message);
      throw e;
    }
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
