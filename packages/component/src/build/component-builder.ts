/**
 * Appends items to a component of the binary model, merging adjacent items of
 * one kind into one section and tracking every index space.
 */
import { externSort } from '../extern-sort.js';
import type {
  Alias,
  Canon,
  CanonOpt,
  Component,
  ComponentSection,
  CoreModule,
  CoreInlineExport,
  CoreInstantiateArg,
  CoreSort,
  DefType,
  ExternType,
  InlineExport,
  InstantiateArg,
  Sort,
} from '../model.js';
import { decodeCoreModule } from '../decode-core-module.js';
import { externName } from '../wit/builder.js';

const meta = () => ({ range: { start: 0, end: 0 }, sizeWidth: 0, padLog: null });

type Space = Sort;

export class ComponentBuilder {
  readonly sections: ComponentSection[] = [];
  /** Names of items (for the `component-name` section), per index space. */
  readonly names = new Map<Space, Map<number, string>>();
  private counts = new Map<Space, number>();

  /** Names item `index` of `space`; returns `index`. */
  name(space: Space, index: number, name: string): number {
    let m = this.names.get(space);
    if (m === undefined) this.names.set(space, (m = new Map()));
    m.set(index, name);
    return index;
  }

  count(space: Space): number {
    return this.counts.get(space) ?? 0;
  }

  private bump(space: Space): number {
    const n = this.count(space);
    this.counts.set(space, n + 1);
    return n;
  }

  private last<K extends ComponentSection['kind']>(kind: K): Extract<ComponentSection, { kind: K }> | undefined {
    const s = this.sections[this.sections.length - 1];
    return s !== undefined && s.kind === kind ? (s as Extract<ComponentSection, { kind: K }>) : undefined;
  }

  type(type: DefType): number {
    const s = this.last('type');
    if (s) s.items.push({ type, offset: 0 });
    else this.sections.push({ ...meta(), id: 7, kind: 'type', items: [{ type, offset: 0 }] });
    return this.bump('type');
  }

  alias(alias: Omit<Alias, 'offset'>): number {
    const item: Alias = { ...alias, offset: 0 };
    const s = this.last('alias');
    if (s) s.items.push(item);
    else this.sections.push({ ...meta(), id: 6, kind: 'alias', items: [item] });
    return this.bump(alias.sort);
  }

  aliasExport(instance: number, name: string, sort: Sort): number {
    return this.alias({ sort, target: { kind: 'export', instance, name } });
  }

  aliasCoreExport(instance: number, name: string, sort: CoreSort): number {
    return this.alias({ sort: `core-${sort}` as Sort, target: { kind: 'core-export', instance, name } });
  }

  import(name: string, type: ExternType, implementsName?: string): number {
    const item = { name: externName(name, implementsName), type, offset: 0 };
    const s = this.last('import');
    if (s) s.items.push(item);
    else this.sections.push({ ...meta(), id: 10, kind: 'import', items: [item] });
    return this.bump(externSort(type));
  }

  /** Raw import item (name already built). */
  importRaw(item: { name: import('../model.js').ExternName; type: ExternType }): number {
    const s = this.last('import');
    const it = { ...item, offset: 0 };
    if (s) s.items.push(it);
    else this.sections.push({ ...meta(), id: 10, kind: 'import', items: [it] });
    return this.bump(externSort(item.type));
  }

  coreModule(bytes: Uint8Array): number {
    let decoded: CoreModule | undefined;
    const section = {
      ...meta(),
      id: 1 as const,
      kind: 'core-module' as const,
      bytes,
      get decoded(): boolean {
        return false;
      },
      get module(): CoreModule {
        decoded ??= decodeCoreModule(bytes);
        return decoded;
      },
    };
    this.sections.push(section);
    return this.bump('core-module');
  }

  private coreInstanceItem(item: import('../model.js').CoreInstance): number {
    const s = this.last('core-instance');
    if (s) s.items.push(item);
    else this.sections.push({ ...meta(), id: 2, kind: 'core-instance', items: [item] });
    return this.bump('core-instance');
  }

  instantiateCore(module: number, args: CoreInstantiateArg[]): number {
    return this.coreInstanceItem({ kind: 'instantiate', module, args, offset: 0 });
  }

  coreInstanceExports(exports: CoreInlineExport[]): number {
    return this.coreInstanceItem({ kind: 'exports', exports, offset: 0 });
  }

  private canon(c: Omit<Canon, 'offset'>, space: Space): number {
    const item: Canon = { ...c, offset: 0 };
    const s = this.last('canon');
    if (s) s.items.push(item);
    else this.sections.push({ ...meta(), id: 8, kind: 'canon', items: [item] });
    return this.bump(space);
  }

  lower(func: number, options: CanonOpt[]): number {
    return this.canon({ kind: 'lower', func, options }, 'core-func');
  }

  lift(coreFunc: number, type: number, options: CanonOpt[]): number {
    return this.canon({ kind: 'lift', coreFunc, type, options }, 'func');
  }

  resourceIntrinsic(kind: 'resource.new' | 'resource.drop' | 'resource.rep', type: number): number {
    return this.canon({ kind, type }, 'core-func');
  }

  component(c: Component): number {
    this.sections.push({ ...meta(), id: 4, kind: 'component', component: c });
    return this.bump('component');
  }

  private instanceItem(item: import('../model.js').Instance): number {
    const s = this.last('instance');
    if (s) s.items.push(item);
    else this.sections.push({ ...meta(), id: 5, kind: 'instance', items: [item] });
    return this.bump('instance');
  }

  instantiate(component: number, args: InstantiateArg[]): number {
    return this.instanceItem({ kind: 'instantiate', component, args, offset: 0 });
  }

  instanceExports(exports: InlineExport[]): number {
    return this.instanceItem({ kind: 'exports', exports, offset: 0 });
  }

  export(name: string, sort: Sort, index: number, type: ExternType | null = null, implementsName?: string): number {
    const item = { name: externName(name, implementsName), sort, index, type, offset: 0 };
    const s = this.last('export');
    if (s) s.items.push(item);
    else this.sections.push({ ...meta(), id: 11, kind: 'export', items: [item] });
    return this.bump(sort);
  }

  finish(): Component {
    return { version: 0x0d, layer: 1, sections: this.sections, range: { start: 0, end: 0 } };
  }
}
