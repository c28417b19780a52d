/**
 * A small builder for the declarators of a component or instance type: it
 * appends `ComponentDecl`s of the binary model and tracks the index spaces
 * (types, instances, functions, components) that each declarator extends.
 */
import type { ComponentDecl, ComponentType, DefType, ExternName, ExternType, InstanceType } from '../model.js';

/** A plain extern name, optionally with an `(implements "…")` attribute. */
export function externName(name: string, implementsName?: string): ExternName {
  if (implementsName === undefined) return { tag: 0, name, attributes: [] };
  return { tag: 2, name, attributes: [{ kind: 'implements', name: implementsName }] };
}

export class DeclBuilder {
  readonly decls: ComponentDecl[] = [];
  typeCount = 0;
  instanceCount = 0;
  funcCount = 0;
  componentCount = 0;

  constructor(private readonly isInstance: boolean) {}

  /** Defines a type; returns its index in the type index space. */
  type(type: DefType): number {
    this.decls.push({ kind: 'type', type, offset: 0 });
    return this.typeCount++;
  }

  aliasOuterType(count: number, index: number): number {
    this.decls.push({
      kind: 'alias',
      alias: { sort: 'type', target: { kind: 'outer', count, index }, offset: 0 },
      offset: 0,
    });
    return this.typeCount++;
  }

  aliasExportType(instance: number, name: string): number {
    this.decls.push({
      kind: 'alias',
      alias: { sort: 'type', target: { kind: 'export', instance, name }, offset: 0 },
      offset: 0,
    });
    return this.typeCount++;
  }

  private bump(type: ExternType): number {
    switch (type.kind) {
      case 'type':
        return this.typeCount++;
      case 'instance':
        return this.instanceCount++;
      case 'func':
        return this.funcCount++;
      case 'component':
        return this.componentCount++;
      default:
        return -1;
    }
  }

  import(name: ExternName, type: ExternType): number {
    if (this.isInstance) throw new Error('instance types have no imports');
    this.decls.push({ kind: 'import', name, type, offset: 0 });
    return this.bump(type);
  }

  export(name: ExternName, type: ExternType): number {
    this.decls.push({ kind: 'export', name, type, offset: 0 });
    return this.bump(type);
  }

  finishComponent(): ComponentType {
    return { kind: 'component', decls: this.decls };
  }

  finishInstance(): InstanceType {
    return { kind: 'instance', decls: this.decls as InstanceType['decls'] };
  }
}
