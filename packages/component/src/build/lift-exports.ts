/**
 * Export lifting: world functions are lifted and exported directly; an
 * exported interface's functions are lifted and re-exported through a small
 * nested component that names their types (like wit-component's
 * `*-shim-component`).
 */
import type { Function, Resolve, TypeRef, WorldItem, WorldKey } from '@wit-ts/wit-parser';
import type { Component, ExternType, PrimValType, ValType } from '../model.js';
import { interfaceIdOf, isAsync, nameWorldKey } from '../wit/resolve-util.js';
import { abiNeeds } from './abi.js';
import { ComponentBuilder } from './component-builder.js';
import type { CoreContext } from './core-context.js';
import { coreExportName, LEGACY, postReturnName } from './match-exports.js';
import { ComponentNewError } from './metadata.js';
import type { ModuleFacts } from './module-facts.js';
import { defineStructural } from './root-types.js';

/** Lifts and exports every item of `exports` (the main world's, then the adapters'). */
export function liftExports(
  ctx: CoreContext,
  facts: ModuleFacts,
  exports: Map<string, { key: WorldKey; item: WorldItem }>,
): void {
  const { b, resolve, exportNames, adapters, types } = ctx;
  const lift = (ifaceName: string | null, f: Function): number => {
    let core = coreExportName(exportNames, ifaceName, f.name);
    const needs = abiNeeds(resolve, f, 'lift');
    let instance = ctx.mainInstance;
    let liftRealloc = ctx.realloc;
    let post = postReturnName(exportNames, core);
    let hasPost = facts.exports.has(post);
    if (!facts.exports.has(core)) {
      // implemented by an adapter (legacy names)
      core = coreExportName(LEGACY, ifaceName, f.name);
      const ai = adapters.findIndex((a) => a.exports.has(core));
      if (ai < 0) throw new ComponentNewError(`neither the module nor an adapter exports \`${core}\``);
      const a = adapters[ai];
      instance = ctx.adapterInstances[ai];
      if (a.exportRealloc !== undefined) liftRealloc = () => b.aliasCoreExport(instance, a.exportRealloc!, 'func');
      post = postReturnName(LEGACY, core);
      hasPost = a.exports.has(post);
    }
    const opts = ctx.options(needs, liftRealloc, ctx.encoding, `export \`${core}\``);
    if (hasPost)
      opts.push({ kind: 'post-return', index: b.name('core-func', b.aliasCoreExport(instance, post, 'func'), post) });
    const type = types.funcType(f);
    const coreIdx = b.name('core-func', b.aliasCoreExport(instance, core, 'func'), core);
    return b.name('func', b.lift(coreIdx, type, opts), f.name);
  };
  for (const { key, item } of exports.values()) {
    if (item.kind === 'function') {
      types.enter(null);
      const fn = lift(null, item.function);
      b.export(item.function.name, 'func', fn);
    } else if (item.kind === 'interface') {
      const ifaceName = nameWorldKey(resolve, key);
      types.enter(item.id);
      const lifted = new Map<string, number>();
      for (const f of resolve.interfaces[item.id].functions.values()) lifted.set(f.name, lift(ifaceName, f));
      const nested = nestedExportComponent(resolve, item.id, types.type, lifted, (p) =>
        b.type({ kind: 'prim', prim: p as PrimValType }),
      );
      const comp = b.name('component', b.component(nested.component), `${ifaceName}-shim-component`);
      const inst = b.name('instance', b.instantiate(comp, nested.args), `${ifaceName}-shim-instance`);
      const impl = 'name' in key ? interfaceIdOf(resolve, item.id) : undefined;
      const exported = b.name('instance', b.export(ifaceName, 'instance', inst, null, impl), ifaceName);
      types.exportedInstance.set(item.id, exported);
      types.enter(null);
    }
  }
}

/** Turns `[method]r.m` etc. into a kebab label for nested-component import names. */
function funcLabel(f: Function): string {
  const n = f.name;
  let m = /^\[(method|static)\]([^.]+)\.(.+)$/.exec(n);
  if (m !== null) return `import-${m[1]}-${m[2]}-${m[3]}`;
  m = /^\[constructor\](.+)$/.exec(n);
  if (m !== null) return `import-constructor-${m[1]}`;
  return `import-func-${n}`;
}

/**
 * The nested component that gives an exported interface its named types:
 * it imports the types (`import-type-*`) and lifted functions (`import-func-*`,
 * `import-method-*`, …) and re-exports them under their WIT names, each
 * function with its type expressed through the exported types.
 */
function nestedExportComponent(
  resolve: Resolve,
  iface: number,
  rootType: (t: TypeRef) => ValType,
  lifted: Map<string, number>,
  definePrim: (p: string) => number,
): { component: Component; args: { name: string; sort: 'type' | 'func'; index: number }[] } {
  const n = new ComponentBuilder();
  const args: { name: string; sort: 'type' | 'func'; index: number }[] = [];
  const usedNames = new Set<string>();
  const uniq = (base: string) => {
    let name = base;
    for (let i = 0; usedNames.has(name); i++) name = `${base}${i}`;
    usedNames.add(name);
    return name;
  };
  const i = resolve.interfaces[iface];
  const rootTypeIndex = (t: TypeRef): number => {
    const r = rootType(t);
    return typeof r === 'number' ? r : definePrim(r);
  };
  // Phase A: everything imported.
  const a = new Map<number, ValType>();
  const encA = (t: TypeRef): ValType => {
    if (typeof t === 'string') return t;
    const hit = a.get(t);
    if (hit !== undefined) return hit;
    const td = resolve.types[t];
    let v: ValType;
    if (td.kind.kind === 'resource') {
      const name = uniq(`import-type-${td.name!}`);
      v = n.import(name, { kind: 'type', bound: { kind: 'sub-resource' } });
      args.push({ name, sort: 'type', index: rootType(t) as number });
    } else if (
      td.kind.kind === 'type' &&
      typeof td.kind.type === 'number' &&
      resolve.types[td.kind.type].name !== undefined
    ) {
      // `use`d type (`type r = other.r`): the same type as its target.
      v = encA(td.kind.type);
    } else if (td.name !== undefined && td.owner !== null) {
      let def = defineStructural(td.kind, encA, (d) => n.type(d), `type ${td.name}`);
      if (typeof def === 'string') def = n.type({ kind: 'prim', prim: def });
      const name = uniq(`import-type-${td.name}`);
      v = n.import(name, { kind: 'type', bound: { kind: 'eq', index: def } });
      args.push({ name, sort: 'type', index: rootTypeIndex(t) });
    } else {
      v = defineStructural(td.kind, encA, (d) => n.type(d), `anonymous type ${t}`);
    }
    a.set(t, v);
    return v;
  };
  for (const t of i.types.values()) encA(t);
  const funcImports = new Map<string, number>();
  for (const f of i.functions.values()) {
    const params = f.params.map((p) => ({ name: p.name, type: encA(p.type) }));
    const result = f.result === undefined ? null : encA(f.result);
    const ty = n.type({ kind: 'func', async: isAsync(f), params, result });
    const name = uniq(funcLabel(f));
    funcImports.set(f.name, n.import(name, { kind: 'func', type: ty }));
    args.push({ name, sort: 'func', index: lifted.get(f.name)! });
  }
  // Phase B: exports.
  const bmap = new Map<number, ValType>();
  const encB = (t: TypeRef): ValType => {
    if (typeof t === 'string') return t;
    const hit = bmap.get(t);
    if (hit !== undefined) return hit;
    const td = resolve.types[t];
    let v: ValType;
    if (td.owner !== null && 'interface' in td.owner && td.owner.interface !== iface && td.name !== undefined)
      v = encA(t);
    else v = defineStructural(td.kind, encB, (d) => n.type(d), `type ${t}`);
    bmap.set(t, v);
    return v;
  };
  // The interface's own types, re-defined through the exported types and exported.
  for (const [name, t] of i.types) {
    const td = resolve.types[t];
    let idx: ValType;
    if (td.kind.kind === 'resource') idx = encA(t);
    else idx = defineStructural(td.kind, encB, (d) => n.type(d), `type ${name}`);
    if (typeof idx !== 'number') idx = n.type({ kind: 'prim', prim: idx });
    bmap.set(t, n.export(name, 'type', idx));
  }
  for (const f of i.functions.values()) {
    const params = f.params.map((p) => ({ name: p.name, type: encB(p.type) }));
    const result = f.result === undefined ? null : encB(f.result);
    const ty = n.type({ kind: 'func', async: isAsync(f), params, result });
    const ascribed: ExternType = { kind: 'func', type: ty };
    n.export(f.name, 'func', funcImports.get(f.name)!, ascribed);
  }
  return { component: n.finish(), args };
}
