/**
 * Instantiating the adapters: their WIT imports (planned by
 * `planAdapterImports`), `__main_module__` (the main module's exports, or a
 * page-granular realloc over its memory) and `env::memory`. The adapter was
 * garbage-collected first, so every import it still has is used.
 */
import type { CoreInlineExport } from '../model.js';
import type { CoreContext, CoreFuncPlan } from './core-context.js';
import { ComponentNewError } from './metadata.js';
import type { ModuleFacts } from './module-facts.js';
import { growReallocModule } from './shim.js';

/** Instantiates adapter `ai` for every adapter (core module `modules[ai]`), filling `ctx.adapterInstances`. */
export function instantiateAdapters(
  ctx: CoreContext,
  facts: ModuleFacts,
  modules: number[],
  plans: CoreFuncPlan[][],
): void {
  const { b } = ctx;
  let growRealloc = -1;
  const memoryGrowRealloc = (): number => {
    if (growRealloc >= 0) return growRealloc;
    const env = b.coreInstanceExports([{ name: 'memory', sort: 'memory', index: ctx.memory() }]);
    const inst = b.instantiateCore(b.coreModule(growReallocModule()), [{ name: 'env', sort: 'instance', index: env }]);
    growRealloc = b.aliasCoreExport(inst, 'realloc', 'func');
    return growRealloc;
  };
  ctx.adapters.forEach((a, ai) => {
    const args = ctx.groupArgs(a.imports, plans[ai], (m) => m === 'env' || m === '__main_module__');
    const mainExports = a.imports.filter((i) => i.module === '__main_module__');
    if (mainExports.length > 0) {
      const mainFunc = (field: string): number => {
        if (facts.exports.get(field)?.kind === 0) return b.aliasCoreExport(ctx.mainInstance, field, 'func');
        if (field === 'cabi_realloc' || field === 'canonical_abi_realloc') {
          if (ctx.realloc !== undefined) return ctx.realloc();
          return memoryGrowRealloc();
        }
        throw new ComponentNewError(
          `adapter \`${a.name}\` imports \`__main_module__::${field}\`, which the module does not export`,
        );
      };
      const exports = mainExports.map((i): CoreInlineExport => ({
        name: i.name,
        sort: 'func',
        index: mainFunc(i.name),
      }));
      args.push({
        name: '__main_module__',
        sort: 'instance',
        index: b.name('core-instance', b.coreInstanceExports(exports), '__main_module__'),
      });
    }
    if (a.importsMemory) {
      args.push({
        name: 'env',
        sort: 'instance',
        index: b.name(
          'core-instance',
          b.coreInstanceExports([{ name: 'memory', sort: 'memory', index: ctx.memory() }]),
          'env',
        ),
      });
    }
    ctx.adapterInstances[ai] = b.name('core-instance', b.instantiateCore(modules[ai], args), a.name);
  });
}
