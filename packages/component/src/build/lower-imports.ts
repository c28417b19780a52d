/**
 * Import lowering: how each function import of the main module and of the
 * adapters is satisfied. Imports whose lowering needs the main module's
 * memory or realloc (which exist only once it is instantiated), and those
 * served by an adapter, go through a shim slot; the rest are lowered (or
 * are resource intrinsics) directly.
 */
import { abiNeeds } from './abi.js';
import type { CoreContext, CoreFuncPlan } from './core-context.js';
import type { ImportTarget } from './match-imports.js';
import { ComponentNewError } from './metadata.js';
import type { Sig } from './wasm.js';

/** Plans the main module's function imports (`targets[i]` null: served by an adapter). */
export function planMainImports(
  ctx: CoreContext,
  imports: { module: string; name: string; sig: Sig }[],
  targets: (ImportTarget | null)[],
): CoreFuncPlan[] {
  const { b, resolve, encoding, types } = ctx;
  return imports.map((imp, i): CoreFuncPlan => {
    const t = targets[i];
    if (t === null) {
      const a = ctx.adapters.findIndex((x) => x.name === imp.module);
      const slot = ctx.addSlot({
        sig: imp.sig,
        actual: () => b.aliasCoreExport(ctx.adapterInstances[a], imp.name, 'func'),
        name: imp.name,
        shimName: `adapt-${imp.module}-${imp.name}`,
      });
      return { slot };
    }
    if (t.kind === 'func') {
      const needs = abiNeeds(resolve, t.func, 'lower');
      if (!needs.memory) {
        return {
          direct: () => b.lower(ctx.importFunc(t), ctx.options(needs, ctx.realloc, encoding, `import \`${t.name}\``)),
        };
      }
      const slot = ctx.addSlot({
        sig: imp.sig,
        actual: () =>
          b.lower(ctx.importFunc(t), ctx.options(needs, ctx.realloc, encoding, `import \`${imp.module}#${t.name}\``)),
        name: `indirect-${imp.module}-${imp.name}`,
      });
      return { slot };
    }
    if (t.kind === 'resource-drop')
      return {
        direct: () =>
          b.name('core-func', b.resourceIntrinsic('resource.drop', types.type(t.type) as number), 'resource.drop'),
      };
    return {
      direct: () =>
        b.name(
          'core-func',
          b.resourceIntrinsic(`resource.${t.op}`, types.resourceType.get(t.type)!),
          `resource.${t.op}`,
        ),
    };
  });
}

/** Plans every adapter's function imports (`targets[a][i]` from `trimImportWorld`). */
export function planAdapterImports(ctx: CoreContext, targets: (ImportTarget | null)[][]): CoreFuncPlan[][] {
  const { b, resolve, types } = ctx;
  return ctx.adapters.map((a, ai) =>
    a.imports.map((imp, ii): CoreFuncPlan => {
      if (imp.module === 'env' || imp.module === '__main_module__') return {};
      const t = targets[ai][ii]!;
      const aRealloc =
        a.importRealloc === undefined
          ? undefined
          : () => b.aliasCoreExport(ctx.adapterInstances[ai], a.importRealloc!, 'func');
      if (t.kind === 'func') {
        const needs = abiNeeds(resolve, t.func, 'lower');
        const make = () =>
          b.lower(ctx.importFunc(t), ctx.options(needs, aRealloc, 'utf8', `adapter import \`${t.name}\``));
        if (!needs.realloc) return { direct: make };
        return { slot: ctx.addSlot({ sig: imp.sig, actual: make, name: `indirect-${imp.module}-${imp.name}` }) };
      }
      if (t.kind === 'resource-drop')
        return {
          direct: () =>
            b.name('core-func', b.resourceIntrinsic('resource.drop', types.type(t.type) as number), 'resource.drop'),
        };
      throw new ComponentNewError(`adapter \`${a.name}\` uses exported-resource intrinsics, which are not supported`);
    }),
  );
}
