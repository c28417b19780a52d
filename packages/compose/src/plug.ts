// `plug(socket, plugs)`: the socket's imports are satisfied by the plugs'
// exports with the same (or a semver-compatible) name whose type fits; a
// plug's imports may likewise be satisfied by the other plugs. Whatever is
// left is imported by the composition; the socket's exports are exported.

import type { Resolve } from '@wit-ts/wit-parser';
import { encodeComposition, EncodeFailure, type EncodeOptions } from './encode.js';
import { ComposeError, plainError } from './errors.js';
import { worldInstanceType, type AliasNode, type InstantiationNode, type Node } from './graph.js';
import { ImportConflict, ImportSet } from './imports.js';
import { depImports, findImport, typeArguments, typeProviders, type DepImport } from './instantiate.js';
import { PackageError, PackageLoader, type LoadedPackage } from './packages.js';
import { emptyResolve } from './resolve-util.js';
import { checkItem } from './subtype.js';

interface Plug {
  index: number;
  pkg: LoadedPackage;
  imports: DepImport[];
  /** Export name → type, from the plug's world. */
  exports: Map<string, ReturnType<typeof worldInstanceType>>;
  node?: InstantiationNode;
  used: boolean;
}

/** The export of `provider` that satisfies `imp`, if any. */
function matchExport(r: Resolve, provider: InstantiationNode['type'], imp: DepImport): string | undefined {
  if (provider.kind !== 'instance') return undefined;
  for (const [name, t] of provider.exports) {
    if (findImport([imp], name) === undefined) continue;
    if (checkItem(r, t, imp.item) === undefined) return name;
  }
  return undefined;
}

export function plug(socket: Uint8Array, plugs: Uint8Array[], options: EncodeOptions = {}): Uint8Array {
  const r = emptyResolve();
  const deps: Record<string, Uint8Array> = { 'plug:socket': socket };
  plugs.forEach((p, i) => (deps[`plug:plug${i}`] = p));
  const loader = new PackageLoader(r, deps);
  const load = (name: string) => {
    try {
      const pkg = loader.load(name);
      if (pkg.world === undefined)
        throw new PackageError(`${name === 'plug:socket' ? 'the socket' : name} is not a component`);
      return pkg;
    } catch (e) {
      if (e instanceof PackageError) throw plainError(e.message);
      throw e;
    }
  };
  const socketPkg = load('plug:socket');
  const ps: Plug[] = plugs.map((_, i) => {
    const pkg = load(`plug:plug${i}`);
    return { index: i, pkg, imports: depImports(r, pkg.world!), exports: new Map(), used: false };
  });
  const imports = new ImportSet(r);
  const instantiations: InstantiationNode[] = [];
  const aliases = new Map<string, AliasNode>();
  const aliasIds = new Map<Node, number>();
  const alias = (instance: Node, name: string): AliasNode => {
    if (!aliasIds.has(instance)) aliasIds.set(instance, aliasIds.size);
    const key = `${aliasIds.get(instance)}/${name}`;
    let a = aliases.get(key);
    if (a === undefined) {
      const type = (instance.type as { exports: Map<string, InstantiationNode['type']> }).exports.get(name)!;
      a = { kind: 'alias', instance, exportName: name, type };
      aliases.set(key, a);
    }
    return a;
  };
  const implicit = (imp: DepImport, providers?: Map<number, Node>): Node => {
    try {
      return imports.implicit(imp.name, imp.key, imp.item, providers);
    } catch (e) {
      if (e instanceof ImportConflict) throw plainError(e.message);
      throw e;
    }
  };

  // Instantiates plug `p` (after the plugs it depends on); `stack` breaks cycles.
  const instantiate = (p: Plug, stack: Set<Plug>): InstantiationNode => {
    if (p.node !== undefined) return p.node;
    stack.add(p);
    const args = new Map<string, Node>();
    for (const imp of p.imports) {
      if (imp.item.kind === 'type') continue;
      let arg: Node | undefined;
      for (const q of ps) {
        if (q === p || stack.has(q)) continue;
        const name = matchExport(r, worldInstanceType(r, q.pkg.world!), imp);
        if (name === undefined) continue;
        q.used = true;
        arg = alias(instantiate(q, stack), name);
        break;
      }
      args.set(imp.name, arg ?? implicit(imp, typeProviders(r, imp, p.imports, args)));
    }
    typeArguments(r, p.imports, args, alias);
    stack.delete(p);
    p.node = {
      kind: 'instantiation',
      pkg: p.pkg,
      args,
      type: worldInstanceType(r, p.pkg.world!),
      local: `plug${p.index}`,
    };
    instantiations.push(p.node);
    return p.node;
  };

  const socketArgs = new Map<string, Node>();
  const socketImports = depImports(r, socketPkg.world!);
  for (const imp of socketImports) {
    if (imp.item.kind === 'type') continue;
    let arg: Node | undefined;
    for (const p of ps) {
      const name = matchExport(r, worldInstanceType(r, p.pkg.world!), imp);
      if (name === undefined) continue;
      p.used = true;
      arg = alias(instantiate(p, new Set()), name);
      break;
    }
    socketArgs.set(imp.name, arg ?? implicit(imp, typeProviders(r, imp, socketImports, socketArgs)));
  }
  typeArguments(r, depImports(r, socketPkg.world!), socketArgs, alias);
  const unused = ps.filter((p) => !p.used);
  if (unused.length > 0)
    throw plainError(
      `plug${unused.length > 1 ? 's' : ''} ${unused.map((p) => `#${p.index}`).join(', ')} did not satisfy any import of the socket or of another plug`,
    );
  const socketNode: InstantiationNode = {
    kind: 'instantiation',
    pkg: socketPkg,
    args: socketArgs,
    type: worldInstanceType(r, socketPkg.world!),
    local: 'socket',
  };
  instantiations.push(socketNode);
  const exports = [...(socketNode.type as { exports: Map<string, unknown> }).exports.keys()].map((name) => ({
    name,
    node: alias(socketNode, name) as Node,
  }));
  try {
    return encodeComposition(r, { name: 'plug:composition', imports: imports.nodes, instantiations, exports }, options);
  } catch (e) {
    if (e instanceof EncodeFailure) throw plainError(e.message);
    if (e instanceof ComposeError) throw e;
    throw plainError(`internal error while plugging: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}
