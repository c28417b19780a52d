/**
 * State shared by the phases of `new` once core items are being emitted: the
 * component builder, the core instances created so far, the main module's
 * memory and realloc, the shim slots, and `canon` option lists.
 */
import type { Resolve } from '@wit-ts/wit-parser';
import type { CanonOpt, CoreInlineExport, CoreInstantiateArg } from '../model.js';
import type { AdapterInfo } from './adapter.js';
import type { ComponentBuilder } from './component-builder.js';
import type { StringEncodingName } from './embed.js';
import type { ImportTarget } from './match-imports.js';
import type { ExportNames } from './match-exports.js';
import { ComponentNewError } from './metadata.js';
import type { RootTypes } from './root-types.js';
import type { Sig } from './wasm.js';

/** A function the shim module forwards to through its table. */
export interface ShimSlot {
  sig: Sig;
  /** Produces the real core function once memory/realloc/adapters exist. */
  actual: () => number;
  /** `component-name` names of the actual function and of the shim's trampoline for it. */
  name?: string;
  shimName?: string;
}

/** How a core import is satisfied: a function made on demand, or a shim slot. */
export interface CoreFuncPlan {
  direct?: () => number;
  slot?: number;
}

const ENCODING_OPT: Record<StringEncodingName, CanonOpt> = {
  utf8: { kind: 'utf8' },
  utf16: { kind: 'utf16' },
  'compact-utf16': { kind: 'latin1+utf16' },
};

export class CoreContext {
  mainInstance = -1;
  shimInstance = -1;
  readonly adapterInstances: number[] = [];
  readonly shimSlots: ShimSlot[] = [];
  private memoryIdx = -1;
  private reallocIdx = -1;
  /** The main module's realloc (undefined when it exports none). */
  readonly realloc: (() => number) | undefined;

  constructor(
    readonly b: ComponentBuilder,
    readonly resolve: Resolve,
    readonly encoding: StringEncodingName,
    readonly exportNames: ExportNames,
    readonly adapters: AdapterInfo[],
    readonly types: RootTypes,
    /** Imported root-level function per WIT function name. */
    readonly rootFuncImport: Map<string, number>,
  ) {
    this.realloc =
      exportNames.realloc === undefined
        ? undefined
        : () => {
            if (this.reallocIdx < 0) {
              this.reallocIdx = b.aliasCoreExport(this.mainInstance, exportNames.realloc!, 'func');
              b.name('core-func', this.reallocIdx, 'cabi_realloc');
            }
            return this.reallocIdx;
          };
  }

  /** The main module's memory. */
  memory = (): number => {
    if (this.memoryIdx < 0) {
      if (this.exportNames.memory === undefined)
        throw new ComponentNewError('module does not export a memory, but the canonical ABI needs one');
      this.memoryIdx = this.b.aliasCoreExport(this.mainInstance, this.exportNames.memory, 'memory');
      this.b.name('core-memory', this.memoryIdx, 'memory');
    }
    return this.memoryIdx;
  };

  /** The component function a `func` import target refers to. */
  importFunc(t: Extract<ImportTarget, { kind: 'func' }>): number {
    if (t.iface === null) return this.rootFuncImport.get(t.func.name)!;
    const f = this.b.aliasExport(this.types.importedInstance.get(t.iface)!, t.func.name, 'func');
    return this.b.name('func', f, t.func.name);
  }

  /** Adds a shim slot; returns its index. */
  addSlot(slot: ShimSlot): number {
    this.shimSlots.push(slot);
    return this.shimSlots.length - 1;
  }

  slotFunc(slot: number): number {
    const f = this.b.aliasCoreExport(this.shimInstance, String(slot), 'func');
    const { shimName, name } = this.shimSlots[slot];
    const label = shimName ?? name;
    return label === undefined ? f : this.b.name('core-func', f, label);
  }

  resolvePlan(p: CoreFuncPlan): number {
    return p.slot !== undefined ? this.slotFunc(p.slot) : p.direct!();
  }

  /** One inline-exports core instance per import module (named after it), as instantiation arguments. */
  groupArgs(
    imports: { module: string; name: string }[],
    plans: CoreFuncPlan[],
    skip: (m: string) => boolean,
  ): CoreInstantiateArg[] {
    const groups = new Map<string, CoreInlineExport[]>();
    imports.forEach((imp, i) => {
      if (skip(imp.module) || (plans[i].slot === undefined && plans[i].direct === undefined)) return;
      const f = this.resolvePlan(plans[i]);
      let g = groups.get(imp.module);
      if (g === undefined) groups.set(imp.module, (g = []));
      g.push({ name: imp.name, sort: 'func', index: f });
    });
    return [...groups].map(([module, exports]) => ({
      name: module,
      sort: 'instance' as const,
      index: this.b.name('core-instance', this.b.coreInstanceExports(exports), module),
    }));
  }

  /** Builds `canon lift`/`lower` option lists. */
  options(
    needs: { memory: boolean; realloc: boolean; strings: boolean },
    realloc: (() => number) | undefined,
    encoding: StringEncodingName,
    what: string,
  ): CanonOpt[] {
    const out: CanonOpt[] = [];
    if (needs.memory) out.push({ kind: 'memory', index: this.memory() });
    if (needs.realloc) {
      if (realloc === undefined)
        throw new ComponentNewError(`${what} needs a \`cabi_realloc\` export, but the module exports none`);
      out.push({ kind: 'realloc', index: realloc() });
    }
    if (needs.memory || needs.strings) out.push(ENCODING_OPT[encoding]);
    return out;
  }
}
