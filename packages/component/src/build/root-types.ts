/**
 * Component types at the root of the component being built: WIT types are
 * aliased from the imported (or, for exported interfaces, exported)
 * instance that owns them, world-level types come from their imports,
 * exported resources from their definitions, and anything else is defined
 * structurally.
 */
import type { Function, Resolve, TypeDefKind, TypeRef } from '@wit-ts/wit-parser';
import type { DefType, ValType } from '../model.js';
import { isAsync } from '../wit/resolve-util.js';
import type { ComponentBuilder } from './component-builder.js';
import { ComponentNewError } from './metadata.js';

export class RootTypes {
  /** Component instance per imported interface. */
  readonly importedInstance = new Map<number, number>();
  /** Component instance per exported interface (once exported). */
  readonly exportedInstance = new Map<number, number>();
  /** Imported world-level type per WIT type. */
  readonly worldTypeImport = new Map<number, number>();
  /** Resource type per exported resource. */
  readonly resourceType = new Map<number, number>();
  /** The exported interface whose functions are being lifted (null: world level). */
  private current: number | null = null;
  private localCache = new Map<number, ValType>();
  private readonly aliasCache = new Map<string, number>();
  private readonly funcTypeCache = new Map<string, number>();

  constructor(
    private readonly resolve: Resolve,
    private readonly b: ComponentBuilder,
  ) {}

  /** Starts lifting the functions of exported interface `iface` (null: of the world). */
  enter(iface: number | null): void {
    this.current = iface;
    this.localCache = new Map();
  }

  type = (t: TypeRef): ValType => {
    if (typeof t === 'string') return t;
    const { resolve, b } = this;
    const td = resolve.types[t];
    const owner = td.owner;
    if (owner !== null && 'interface' in owner && owner.interface !== this.current) {
      // Exported interfaces see the types of other exported interfaces; everything else sees imports.
      const inst =
        (this.current !== null ? this.exportedInstance.get(owner.interface) : undefined) ??
        this.importedInstance.get(owner.interface);
      if (inst === undefined || td.name === undefined)
        throw new ComponentNewError(
          `type \`${td.name ?? t}\` of interface ${owner.interface} is needed but its interface is neither imported nor exported`,
        );
      const key = `${inst}:${t}`;
      const cached = this.aliasCache.get(key);
      if (cached !== undefined) return cached;
      const idx = b.aliasExport(inst, td.name, 'type');
      this.aliasCache.set(key, idx);
      return idx;
    }
    if (owner !== null && 'world' in owner) {
      const imp = this.worldTypeImport.get(t);
      if (imp !== undefined) return imp;
    }
    const r = this.resourceType.get(t);
    if (r !== undefined) return r;
    const cached = this.localCache.get(t);
    if (cached !== undefined) return cached;
    const v = defineStructural(td.kind, this.type, (d) => b.type(d), `type ${td.name ?? t}`);
    this.localCache.set(t, v);
    return v;
  };

  funcType(f: Function): number {
    const params = f.params.map((p) => ({ name: p.name, type: this.type(p.type) }));
    const result = f.result === undefined ? null : this.type(f.result);
    const key = JSON.stringify([isAsync(f), params, result]);
    const hit = this.funcTypeCache.get(key);
    if (hit !== undefined) return hit;
    const idx = this.b.type({ kind: 'func', async: isAsync(f), params, result });
    this.funcTypeCache.set(key, idx);
    return idx;
  }
}

/** Defines the structural component type of `k` (named types become plain definitions). */
export function defineStructural(
  k: TypeDefKind,
  enc: (t: TypeRef) => ValType,
  define: (d: DefType) => number,
  what: string,
): ValType {
  const opt = (t: TypeRef | undefined) => (t === undefined ? null : enc(t));
  switch (k.kind) {
    case 'record':
      return define({ kind: 'record', fields: k.fields.map((f) => ({ name: f.name, type: enc(f.type) })) });
    case 'tuple':
      return define({ kind: 'tuple', types: k.types.map(enc) });
    case 'flags':
      return define({ kind: 'flags', names: k.flags.map((f) => f.name) });
    case 'variant':
      return define({
        kind: 'variant',
        cases: k.cases.map((c) => ({ name: c.name, type: opt(c.type), refines: null })),
      });
    case 'enum':
      return define({ kind: 'enum', names: k.cases.map((c) => c.name) });
    case 'option':
      return define({ kind: 'option', type: enc(k.type) });
    case 'result':
      return define({ kind: 'result', ok: opt(k.ok), err: opt(k.err) });
    case 'list':
      return define({ kind: 'list', element: enc(k.element) });
    case 'fixed-length-list':
      return define({ kind: 'fixed-list', element: enc(k.element), length: k.size });
    case 'map':
      return define({ kind: 'map', key: enc(k.key), value: enc(k.value) });
    case 'future':
      return define({ kind: 'future', element: opt(k.type) });
    case 'stream':
      return define({ kind: 'stream', element: opt(k.type) });
    case 'type':
      return enc(k.type);
    case 'handle': {
      const r = enc(k.resource);
      if (typeof r !== 'number') throw new ComponentNewError(`handle of a non-resource in ${what}`);
      return define({ kind: k.handle, type: r });
    }
    case 'resource':
      throw new ComponentNewError(`resource ${what} has no definition here`);
    case 'unknown':
      throw new ComponentNewError(`cannot encode unresolved ${what}`);
  }
}
