/**
 * Resources exported by the component: their destructors (shim slots, as
 * the main module does not exist yet when the resource types are defined)
 * and their `resource` type definitions.
 */
import type { World } from '@wit-ts/wit-parser';
import { nameWorldKey } from '../wit/resolve-util.js';
import type { CoreContext } from './core-context.js';
import { dtorName } from './match-exports.js';
import type { ModuleFacts } from './module-facts.js';
import { interfaceResources } from './names.js';

/** Adds a shim slot per destructor the module exports; returns the slot per resource type id. */
export function planDtorSlots(ctx: CoreContext, world: World, facts: ModuleFacts): Map<number, number> {
  const { b, resolve } = ctx;
  const dtorSlots = new Map<number, number>();
  for (const { key, item } of world.exports.values()) {
    if (item.kind !== 'interface') continue;
    const ifaceName = nameWorldKey(resolve, key);
    for (const r of interfaceResources(resolve, item.id)) {
      const name = dtorName(ctx.exportNames, ifaceName, r.name);
      if (!facts.exports.has(name)) continue;
      const slot = ctx.addSlot({
        sig: { params: ['i32'], results: [] },
        actual: () => b.aliasCoreExport(ctx.mainInstance, name, 'func'),
        name,
        shimName: `dtor-${r.name}`,
      });
      dtorSlots.set(r.id, slot);
    }
  }
  return dtorSlots;
}

/** Defines the `resource` type of every resource of the world's exported interfaces. */
export function defineExportedResources(ctx: CoreContext, world: World, dtorSlots: Map<number, number>): void {
  const { b, resolve } = ctx;
  for (const { item } of world.exports.values()) {
    if (item.kind !== 'interface') continue;
    for (const r of interfaceResources(resolve, item.id)) {
      const slot = dtorSlots.get(r.id);
      const dtor = slot === undefined ? null : ctx.slotFunc(slot);
      ctx.types.resourceType.set(r.id, b.name('type', b.type({ kind: 'resource', rep: 0x7f, dtor }), r.name));
    }
  }
}
