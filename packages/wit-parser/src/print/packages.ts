// Package-level entry points: choosing which packages to print and, for an
// `--out-dir` style dump, where each one goes in a `deps/` layout.

import { packageNameString, type Resolve, type TypeRef } from '../resolve/types.js';
import { WitPrinter, WitPrintError, type PrinterOptions } from './wit-printer.js';

export interface PrintResolveOptions extends PrinterOptions {
  /** The package printed as the file's own; default `resolve.main`, else the last one. */
  package?: number;
  /**
   * Other packages appended as nested `package a:b { … }` blocks:
   * `'deps'` = the packages the main one (transitively) depends on,
   * `'all'` = every other package in arena order — exactly what
   * `wasm-tools component wit` prints — or explicit indices. Default none.
   */
  nested?: 'none' | 'deps' | 'all' | readonly number[];
}

/** Prints one package (plus optional nested packages) as canonical WIT. */
export function printResolve(resolve: Resolve, options: PrintResolveOptions = {}): string {
  const main = options.package ?? defaultMain(resolve);
  if (resolve.packages[main] === undefined) throw new WitPrintError(`no package with index ${main}`);
  let nested: readonly number[];
  const choice = options.nested ?? 'none';
  if (choice === 'none') nested = [];
  else if (choice === 'all') nested = resolve.packages.map((_, i) => i).filter((i) => i !== main);
  else if (choice === 'deps') nested = packageDependencies(resolve, main);
  else nested = choice;
  return new WitPrinter(resolve, options).print(main, nested);
}

/** The package a path or source defined, else the last one pushed. */
function defaultMain(resolve: Resolve): number {
  return resolve.main ?? resolve.packages.length - 1;
}

/** Prints package `pkg` alone, as `wasm-tools component wit` does. */
export function printPackage(resolve: Resolve, pkg: number, options: PrinterOptions = {}): string {
  return printResolve(resolve, { ...options, package: pkg });
}

export interface PrintedPackage {
  package: number;
  /** `ns:name@version`. */
  name: string;
  /** Relative output path: `<stem>.wit` for the main package, else `deps/<stem>.wit`. */
  path: string;
  text: string;
}

/**
 * Every package of `resolve`, each printed on its own, with the file layout
 * of `wasm-tools component wit --out-dir`: the main package at the top and
 * every other one in `deps/`. A file is named after the package's short name
 * when that is unambiguous, adding the version when one `ns:name` has several
 * versions, the namespace (`ns:name`) when several namespaces use the name,
 * and both when both collide.
 */
export function printAllPackages(resolve: Resolve, options: PrinterOptions & { main?: number } = {}): PrintedPackage[] {
  const main = options.main ?? defaultMain(resolve);
  // name → namespace → how many packages share both.
  const counts = new Map<string, Map<string, number>>();
  for (const { name } of resolve.packages) {
    const byNs = counts.get(name.name) ?? new Map<string, number>();
    byNs.set(name.namespace, (byNs.get(name.namespace) ?? 0) + 1);
    counts.set(name.name, byNs);
  }
  return resolve.packages.map((pkg, id) => {
    const { namespace, name, version } = pkg.name;
    const full = packageNameString(pkg.name);
    const byNs = counts.get(name)!;
    const versions = byNs.get(namespace)!;
    let stem: string;
    if (byNs.size === 1) stem = versions === 1 || version === undefined ? name : `${name}@${version}`;
    else stem = versions === 1 ? `${namespace}:${name}` : full;
    const path = id === main ? `${stem}.wit` : `deps/${stem}.wit`;
    return { package: id, name: full, path, text: printPackage(resolve, id, options) };
  });
}

/**
 * The packages `pkg` refers to, directly or through other packages, in
 * arena order (which is dependency order: a package's deps come first).
 */
export function packageDependencies(resolve: Resolve, pkg: number): number[] {
  const seen = new Set<number>([pkg]);
  const queue = [pkg];
  while (queue.length > 0) {
    for (const dep of directDependencies(resolve, queue.pop()!)) {
      if (!seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  seen.delete(pkg);
  return [...seen].sort((a, b) => a - b);
}

function directDependencies(resolve: Resolve, pkgId: number): Set<number> {
  const deps = new Set<number>();
  const visitedTypes = new Set<number>();
  const addInterface = (id: number): void => {
    const p = resolve.interfaces[id]?.package;
    if (p !== undefined && p !== pkgId) deps.add(p);
  };
  // Walks a type down to the interfaces owning the types it mentions.
  const addType = (ty: TypeRef | undefined): void => {
    if (typeof ty !== 'number' || visitedTypes.has(ty)) return;
    visitedTypes.add(ty);
    const def = resolve.types[ty];
    if (def.owner !== null && 'interface' in def.owner) addInterface(def.owner.interface);
    const k = def.kind;
    switch (k.kind) {
      case 'record':
        return k.fields.forEach((f) => addType(f.type));
      case 'variant':
        return k.cases.forEach((c) => addType(c.type));
      case 'tuple':
        return k.types.forEach(addType);
      case 'handle':
        return addType(k.resource);
      case 'result':
        addType(k.ok);
        return addType(k.err);
      case 'map':
        addType(k.key);
        return addType(k.value);
      case 'list':
      case 'fixed-length-list':
        return addType(k.element);
      case 'option':
      case 'future':
      case 'stream':
      case 'type':
        return addType(k.type);
      default:
        return;
    }
  };
  const addInterfaceBody = (id: number): void => {
    const iface = resolve.interfaces[id];
    for (const t of iface.types.values()) addType(t);
    for (const f of iface.functions.values()) {
      f.params.forEach((p) => addType(p.type));
      addType(f.result);
    }
  };
  const pkg = resolve.packages[pkgId];
  for (const id of pkg.interfaces.values()) addInterfaceBody(id);
  for (const id of pkg.worlds.values()) {
    const world = resolve.worlds[id];
    for (const { item } of [...world.imports.values(), ...world.exports.values()]) {
      if (item.kind === 'interface') {
        addInterface(item.id);
        // Anonymous interfaces belong to this package but may use others.
        if (resolve.interfaces[item.id].name === undefined) addInterfaceBody(item.id);
      } else if (item.kind === 'type') {
        addType(item.id);
      } else {
        item.function.params.forEach((p) => addType(p.type));
        addType(item.function.result);
      }
    }
  }
  return deps;
}
