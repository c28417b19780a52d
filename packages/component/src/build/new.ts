/**
 * `new`: a component from a core module carrying `component-type` metadata
 * (what `wasm-tools component new` does). This file is the driver; the
 * phases live in:
 *  - `module-facts.ts`: the core module's imports, exports and signatures;
 *  - `match-imports.ts` / `match-exports.ts`: core names ↔ world items;
 *  - `import-world.ts`: the imports the component keeps;
 *  - `root-types.ts`: component types at the root;
 *  - `core-context.ts`, `lower-imports.ts`: satisfying core imports;
 *  - `resources.ts`: exported resource types and their destructors;
 *  - `shim.ts`: the generated shim/fixup/helper modules;
 *  - `adapter-instances.ts`: instantiating the adapters;
 *  - `lift-exports.ts`: lifted exports;
 *  - `custom-sections.ts`: `component-name` and `producers`.
 *
 * Layout of the emitted component:
 *  1. the world's imports (only what the module and its adapters use, plus
 *     the interfaces whose types the exports need), as `encodeWorld` types;
 *  2. the main module, the adapters, the shim module (one `call_indirect`
 *     trampoline per import that can only be lowered once the main module's
 *     memory/realloc exist, per adapter export the main module imports, and
 *     per destructor of an exported resource);
 *  3. the shim instance, exported resource types, one core instance per
 *     import module of the main module, the main instance;
 *  4. adapters (their WASI imports lowered against the main memory), then
 *     the fixup module filling the shim's table (and calling `_initialize`);
 *  5. lifted exports: world functions directly, interfaces through a small
 *     nested component that re-exports the lifted functions with their
 *     types named (like wit-component's `*-shim-component`);
 *  6. the `component-name` and `producers` custom sections.
 */
import { encodeComponent } from '../encode-component.js';
import type { Component, CoreInlineExport } from '../model.js';
import { nameWorldKey } from '../wit/resolve-util.js';
import { gcAdapter, type AdapterInfo } from './adapter.js';
import { instantiateAdapters } from './adapter-instances.js';
import { ComponentBuilder } from './component-builder.js';
import { CoreContext } from './core-context.js';
import { addProducersToModule, componentNameSection, componentProducersSection } from './custom-sections.js';
import { trimImportWorld } from './import-world.js';
import { planAdapterImports, planMainImports } from './lower-imports.js';
import { liftExports } from './lift-exports.js';
import { importTable, matchImport } from './match-imports.js';
import { classifyExports } from './match-exports.js';
import { ComponentNewError, decodeAllMetadata } from './metadata.js';
import { moduleFacts } from './module-facts.js';
import { defineExportedResources, planDtorSlots } from './resources.js';
import { RootTypes } from './root-types.js';
import {
  FIXUP_ARGS_INSTANCE,
  FIXUP_INSTANCE,
  FIXUP_MODULE,
  fixupModule,
  SHIM_INSTANCE,
  SHIM_MODULE,
  shimModule,
} from './shim.js';
import { stripComponentTypeSections, type Sig } from './wasm.js';

export { ComponentNewError };
export { abbreviateVersion } from './match-exports.js';

export interface ComponentNewOptions {
  /** Adapters: `name` is the core module name the main module imports them under (e.g. `wasi_snapshot_preview1`). */
  adapters?: { name: string; bytes: Uint8Array }[];
}

/** Core module names wit-component gives the main module and the adapters in `component-name`. */
export const MAIN_MODULE_NAME = 'main';
export const ADAPTER_MODULE_PREFIX = 'wit-component:adapter:';

/** Creates a component from core module `bytes` (which must carry `component-type` metadata). */
export function componentNew(bytes: Uint8Array, opts: ComponentNewOptions = {}): Uint8Array {
  return encodeComponent(componentNewModel(bytes, opts));
}

export function componentNewModel(bytes: Uint8Array, opts: ComponentNewOptions = {}): Component {
  const stripped = stripComponentTypeSections(bytes);
  const meta = decodeAllMetadata(stripped.sections);
  const { resolve, encoding } = meta;
  const world = resolve.worlds[meta.world];
  const facts = moduleFacts(stripped.module, 'module');
  for (const o of facts.otherImports)
    throw new ComponentNewError(
      `module imports a ${o.kind} \`${o.module}::${o.name}\`; only function imports can be satisfied`,
    );

  // Adapters: their metadata joins the same Resolve.
  const adapterNames = new Set((opts.adapters ?? []).map((a) => a.name));
  const mainAdapterImports = new Map<string, Map<string, Sig>>();
  for (const i of facts.funcImports) {
    if (!adapterNames.has(i.module)) continue;
    let m = mainAdapterImports.get(i.module);
    if (m === undefined) mainAdapterImports.set(i.module, (m = new Map()));
    m.set(i.name, i.sig);
  }
  const adapters: AdapterInfo[] = [];
  for (const a of opts.adapters ?? []) {
    const used = mainAdapterImports.get(a.name);
    if (used === undefined) continue; // like wit-component: an adapter nobody imports is dropped
    adapters.push(gcAdapter(a.name, a.bytes, used, resolve));
  }

  // The component's exports: the main world's, then those the adapters implement.
  const allExports = new Map(world.exports);
  for (const a of adapters)
    for (const [k, v] of resolve.worlds[a.world].exports) if (!allExports.has(k)) allExports.set(k, v);
  const table = importTable(resolve, world);
  const mainTargets = facts.funcImports.map((i) =>
    adapterNames.has(i.module) ? null : matchImport(table, i.module, i.name, i.sig, resolve, 'module'),
  );
  const exportNames = classifyExports(resolve, world, facts);
  const imports = trimImportWorld(resolve, world, allExports, mainTargets, adapters);

  // ---------------------------------------------- component imports
  const b = new ComponentBuilder();
  const types = new RootTypes(resolve, b);
  const importIndex = new Map<string, number>();
  for (const d of imports.type.decls) {
    if (d.kind === 'type') b.type(d.type);
    else if (d.kind === 'alias') b.alias(d.alias);
    else if (d.kind === 'import') {
      if (d.type.kind === 'instance') b.name('type', d.type.type, `ty-${d.name.name}`);
      importIndex.set(d.name.name, b.importRaw({ name: d.name, type: d.type }));
    } else if (d.kind === 'core-type') throw new ComponentNewError('core types in a world type are not supported');
  }
  const rootFuncImport = new Map<string, number>();
  for (const [key, { key: wk, item }] of imports.world.imports) {
    const name = item.kind === 'interface' ? nameWorldKey(resolve, wk) : key;
    const idx = importIndex.get(name);
    if (idx === undefined) continue;
    if (item.kind === 'interface') types.importedInstance.set(item.id, b.name('instance', idx, name));
    else if (item.kind === 'function') rootFuncImport.set(item.function.name, b.name('func', idx, name));
    else types.worldTypeImport.set(item.id, idx);
  }

  // ---------------------------------------------- core modules
  const mainBytes = addProducersToModule(stripped.module, meta.producers);
  const mainModule = b.name('core-module', b.coreModule(mainBytes), MAIN_MODULE_NAME);
  const adapterModules = adapters.map((a) =>
    b.name('core-module', b.coreModule(a.module), `${ADAPTER_MODULE_PREFIX}${a.name}`),
  );

  // Plans first (shim slots: main imports, destructors, adapter imports), then emission.
  const ctx = new CoreContext(b, resolve, encoding, exportNames, adapters, types, rootFuncImport);
  const mainPlans = planMainImports(ctx, facts.funcImports, mainTargets);
  const dtorSlots = planDtorSlots(ctx, world, facts);
  const adapterPlans = planAdapterImports(ctx, imports.adapterTargets);
  const slots = ctx.shimSlots;

  // ---------------------------------------------- shim module + instance
  if (slots.length > 0) {
    const shim = b.name('core-module', b.coreModule(shimModule(slots.map((s) => s.sig))), SHIM_MODULE);
    ctx.shimInstance = b.name('core-instance', b.instantiateCore(shim, []), SHIM_INSTANCE);
  }

  // ---------------------------------------------- exported resource types, main instance
  defineExportedResources(ctx, world, dtorSlots);
  const mainArgs = ctx.groupArgs(facts.funcImports, mainPlans, () => false);
  ctx.mainInstance = b.name('core-instance', b.instantiateCore(mainModule, mainArgs), MAIN_MODULE_NAME);

  // ---------------------------------------------- adapters
  instantiateAdapters(ctx, facts, adapterModules, adapterPlans);

  // ---------------------------------------------- fixup (+ _initialize)
  const init = exportNames.initialize;
  if (slots.length > 0 || init !== undefined) {
    const exports: CoreInlineExport[] = slots.map((s, i) => {
      const index = s.actual();
      if (s.name !== undefined) b.name('core-func', index, s.name);
      return { name: String(i), sort: 'func', index };
    });
    if (init !== undefined)
      exports.push({ name: 'init', sort: 'func', index: b.aliasCoreExport(ctx.mainInstance, init, 'func') });
    if (slots.length > 0)
      exports.push({
        name: '$imports',
        sort: 'table',
        index: b.aliasCoreExport(ctx.shimInstance, '$imports', 'table'),
      });
    // The actual functions come first, then the fixup module (as wit-component orders them).
    const sigs = slots.map((s) => s.sig);
    const fix = b.name('core-module', b.coreModule(fixupModule(sigs, init !== undefined)), FIXUP_MODULE);
    const args = b.name('core-instance', b.coreInstanceExports(exports), FIXUP_ARGS_INSTANCE);
    b.name('core-instance', b.instantiateCore(fix, [{ name: 'fixup', sort: 'instance', index: args }]), FIXUP_INSTANCE);
  }

  // ---------------------------------------------- exports
  liftExports(ctx, facts, allExports);

  // ---------------------------------------------- custom sections
  const names = componentNameSection(b.names);
  if (names !== null) b.sections.push(names);
  b.sections.push(componentProducersSection());
  return b.finish();
}
