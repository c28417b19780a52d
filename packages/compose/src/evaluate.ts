// Evaluating a WAC document top-down into a `Composition` graph: names are
// bound by `import` and `let` (and type statements), `new` instantiates a
// dependency with its arguments matched to its imports, `...` imports what
// is left, access expressions alias instance exports, and `export`
// statements name the composition's exports.

import type { Resolve, WorldItem } from '@wit-ts/wit-parser';
import type * as A from './ast.js';
import type { WacSource } from './errors.js';
import { worldInstanceType, type AliasNode, type Composition, type InstantiationNode, type Node } from './graph.js';
import { ImportConflict, ImportSet } from './imports.js';
import {
  checkArgument,
  typeArguments,
  typeProviders,
  depImports,
  findImport,
  importByLastSegment,
  type DepImport,
} from './instantiate.js';
import { PackageError, type LoadedPackage, type PackageLoader } from './packages.js';
import { interfaceName } from './resolve-util.js';
import { WacTypes, type TypeBinding } from './wac-types.js';
import { invalidName } from './names.js';
import { checkTargets } from './targets.js';

export class Evaluator {
  private readonly values = new Map<string, { node: Node; span: A.Span }>();
  readonly imports: ImportSet;
  private readonly instantiations: InstantiationNode[] = [];
  private readonly exports: { name: string; node: Node; span: A.Span }[] = [];
  private readonly types: WacTypes;
  private readonly aliasCache = new Map<Node, Map<string, AliasNode>>();

  constructor(
    private readonly r: Resolve,
    private readonly src: WacSource,
    private readonly loader: PackageLoader,
    private readonly doc: A.Document,
    world: number,
  ) {
    this.imports = new ImportSet(r);
    this.types = new WacTypes(r, src, loader, doc, world);
  }

  run(): Composition {
    for (const s of this.doc.statements) {
      switch (s.kind) {
        case 'import':
          this.importStatement(s);
          break;
        case 'let':
          this.bind(s.id, this.expr(s.expr));
          break;
        case 'export':
          this.exportStatement(s);
          break;
        default:
          {
            const id = s.kind === 'type' ? s.decl.id : s.id;
            if (this.values.has(id.name))
              throw this.src.error(
                `type declaration \`${id.name}\` conflicts with a previous definition of the same name`,
                id.span,
              );
          }
          this.types.statement(s);
          this.typeStatementExport(s);
      }
    }
    const composition: Composition = {
      name: this.doc.package.name,
      imports: this.imports.nodes,
      instantiations: this.instantiations,
      exports: this.exports,
      typeExports: this.typeExportList,
      typePackage: { pkg: this.types.pkg, interfaces: this.types.interfaces, worlds: this.types.worlds },
    };
    if (this.doc.targets !== undefined) checkTargets(this.r, this.src, this.types, this.doc, composition);
    return composition;
  }

  /**
   * wac exports every type statement under its name (types, interfaces,
   * worlds); explicit exports may not reuse those names.
   */
  private readonly typeExports = new Map<string, string>();
  private typeStatementExport(s: A.TypeStatement): void {
    const id = s.kind === 'type' ? s.decl.id : s.id;
    if (this.exports.some((e) => e.name === id.name)) {
      throw this.src.error(
        `type declaration \`${id.name}\` conflicts with a previous export of the same name`,
        id.span,
      );
    }
    let what: string = s.kind;
    if (s.kind === 'type') {
      const d = s.decl;
      what =
        d.kind === 'alias'
          ? d.type.kind === 'func'
            ? 'function type'
            : d.type.type.kind === 'prim'
              ? d.type.type.name
              : 'type'
          : d.kind;
    }
    this.typeExports.set(id.name, what);
    this.typeExportList.push({ name: id.name, binding: this.types.names.get(id.name)!.binding });
  }
  private readonly typeExportList: { name: string; binding: TypeBinding }[] = [];

  /** `export t as name;` of a type statement's name: another type export. */
  private exportType(s: A.ExportStatement): boolean {
    if (s.expr.primary.kind !== 'ident' || s.expr.postfix.length > 0) return false;
    const id = s.expr.primary.id;
    if (this.values.has(id.name)) return false;
    const b = this.types.names.get(id.name);
    if (b === undefined) return false;
    if (s.spread) throw this.src.error('only instances can be spread', s.expr.span);
    const name = s.asName === undefined ? id.name : 'value' in s.asName ? s.asName.value : s.asName.name;
    const span = s.asName?.span ?? id.span;
    const why = invalidName(name);
    if (why !== undefined)
      throw this.src.error(`export name \`${name}\` is not valid`, span, [
        why.replace('name cannot', 'export name cannot'),
      ]);
    if (this.typeExports.has(name) || this.exports.some((e) => e.name === name))
      throw this.src.error(`duplicate export \`${name}\``, span);
    this.typeExports.set(name, 'type');
    this.typeExportList.push({ name, binding: b.binding });
    return true;
  }

  private bind(id: A.Ident, node: Node): void {
    if (this.values.has(id.name) || this.types.names.has(id.name))
      throw this.src.error(`\`${id.name}\` was previously defined`, id.span);
    this.values.set(id.name, { node, span: id.span });
    if (node.local === undefined) node.local = id.name;
  }

  private importStatement(s: A.ImportStatement): void {
    const item: WorldItem = this.types.externItem(s.type);
    let name: string;
    if (s.asName !== undefined) name = 'value' in s.asName ? s.asName.value : s.asName.name;
    else if (s.type.kind === 'path')
      name = item.kind === 'interface' ? (interfaceName(this.r, item.id) ?? s.id.name) : s.id.name;
    else name = s.id.name;
    if (s.asName !== undefined) {
      const why = invalidName(name);
      if (why !== undefined)
        throw this.src.error(`import name \`${name}\` is not valid`, s.asName.span, [
          why.replace('name cannot', 'import name cannot'),
        ]);
    }
    const key =
      s.asName === undefined && s.type.kind === 'path' && item.kind === 'interface' ? { interface: item.id } : { name };
    if (item.kind === 'type')
      throw this.src.error(
        'importing a value type is not supported',
        s.type.kind === 'ident' ? s.type.id.span : s.span,
      );
    let node;
    try {
      node = this.imports.explicit(name, key, item, s.id.name);
    } catch (e) {
      if (e instanceof ImportConflict) throw this.src.error(e.message, s.asName?.span ?? s.id.span);
      throw e;
    }
    this.bind(s.id, node);
  }

  private exportStatement(s: A.ExportStatement): void {
    if (this.exportType(s)) return;
    const node = this.expr(s.expr);
    if (s.spread) {
      if (node.type.kind !== 'instance') throw this.src.error('only instances can be spread', s.expr.span);
      let added = 0;
      for (const name of node.type.exports.keys()) {
        if (this.exports.some((e) => e.name === name)) continue;
        this.exports.push({ name, node: this.alias(node, name, s.expr.span), span: s.span });
        added++;
      }
      if (added === 0)
        throw this.src.error(
          'instance has no exports or all exports of the instance match previously exported names',
          s.expr.span,
        );
      return;
    }
    let name: string;
    if (s.asName !== undefined) name = 'value' in s.asName ? s.asName.value : s.asName.name;
    else if (node.kind === 'alias') name = node.exportName;
    else if (node.kind === 'import') name = node.name;
    else
      throw this.src.error(
        'export statement requires an `as` clause as the export name cannot be inferred',
        s.expr.span,
      );
    const span = s.asName?.span ?? s.expr.span;
    const why = invalidName(name);
    if (why !== undefined)
      throw this.src.error(`export name \`${name}\` is not valid`, span, [
        why.replace('name cannot', 'export name cannot'),
      ]);
    const typeExport = this.typeExports.get(name);
    if (typeExport !== undefined)
      throw this.src.error(`export \`${name}\` conflicts with ${typeExport} definition`, span);
    if (this.exports.some((e) => e.name === name)) throw this.src.error(`duplicate export \`${name}\``, span);
    this.exports.push({ name, node, span });
  }

  private expr(e: A.Expr): Node {
    let node = this.primary(e.primary);
    for (const p of e.postfix) {
      if (node.type.kind !== 'instance')
        throw this.src.error('an instance is required to perform an access operation', p.span);
      if (p.kind === 'named-access') {
        if (!node.type.exports.has(p.name.value))
          throw this.src.error(`the instance has no export named \`${p.name.value}\``, p.name.span);
        node = this.alias(node, p.name.value, p.span);
      } else {
        const names = [...node.type.exports.keys()];
        const byPath = names.filter((n) => n.replace(/@.*$/, '').endsWith(`/${p.id.name}`));
        const name = byPath.length === 1 ? byPath[0] : p.id.name;
        if (!node.type.exports.has(name))
          throw this.src.error(`the instance has no export named \`${p.id.name}\``, p.id.span);
        node = this.alias(node, name, p.span);
      }
    }
    return node;
  }

  /** One alias per (instance, export): repeated accesses share it. */
  alias(instance: Node, name: string, span: A.Span): AliasNode {
    let m = this.aliasCache.get(instance);
    if (m === undefined) this.aliasCache.set(instance, (m = new Map()));
    const hit = m.get(name);
    if (hit !== undefined) return hit;
    if (instance.type.kind !== 'instance') throw this.src.error('an access expression needs an instance', span);
    const type = instance.type.exports.get(name)!;
    const a: AliasNode = { kind: 'alias', instance, exportName: name, type };
    m.set(name, a);
    return a;
  }

  private primary(p: A.PrimaryExpr): Node {
    if (p.kind === 'nested') return this.expr(p.expr);
    if (p.kind === 'ident') {
      const v = this.values.get(p.id.name);
      if (v === undefined) {
        if (this.types.names.has(p.id.name)) throw this.src.error(`\`${p.id.name}\` is a type, not a value`, p.id.span);
        throw this.src.error(`undefined name \`${p.id.name}\``, p.id.span);
      }
      return v.node;
    }
    return this.instantiate(p);
  }

  private load(p: A.PackageName): LoadedPackage {
    try {
      const pkg = this.loader.load(p.name, p.version);
      if (pkg.world === undefined)
        throw new PackageError(`package \`${p.name}\` is not a component and cannot be instantiated`);
      return pkg;
    } catch (e) {
      if (e instanceof PackageError) throw this.src.error(e.message, p.span);
      throw e;
    }
  }

  private instantiate(p: Extract<A.PrimaryExpr, { kind: 'new' }>): Node {
    if (p.package.name === this.doc.package.name)
      throw this.src.error('cannot instantiate the package being defined', p.package.span);
    const pkg = this.load(p.package);
    const imports = depImports(this.r, pkg.world!);
    const args = new Map<string, Node>();
    const give = (imp: DepImport | undefined, name: string, node: Node, span: A.Span) => {
      if (imp === undefined)
        throw this.src.error(`component \`${p.package.name}\` has no import named \`${name}\``, span);
      if (args.has(imp.name)) throw this.src.error(`duplicate instantiation argument \`${imp.name}\``, span);
      const why = checkArgument(this.r, imp, node.type);
      if (why !== undefined) throw this.src.error(why, span);
      args.set(imp.name, node);
    };
    const spreads: Extract<A.InstantiationArg, { kind: 'spread' }>[] = [];
    for (const a of p.args) {
      if (a.kind === 'spread') {
        spreads.push(a);
        continue;
      }
      if (a.kind === 'inferred') {
        const node = this.primary({ kind: 'ident', id: a.id });
        // The naming rules of "Inferred Arguments", in order.
        let imp: DepImport | undefined;
        if (node.kind === 'import' && 'interface' in node.key) imp = findImport(imports, node.name);
        if (imp === undefined && (node.kind === 'import' || node.kind === 'alias')) {
          const n = node.kind === 'import' ? node.name : node.exportName;
          imp = findImport(imports, n);
        }
        imp ??= importByLastSegment(imports, a.id.name) ?? findImport(imports, a.id.name);
        give(imp, a.id.name, node, a.id.span);
      } else {
        const node = this.expr(a.expr);
        const isString = 'value' in a.name;
        const name = isString ? (a.name as A.StringLiteral).value : (a.name as A.Ident).name;
        const imp = isString
          ? findImport(imports, name)
          : (importByLastSegment(imports, name) ?? findImport(imports, name));
        give(imp, name, node, a.name.span);
      }
    }
    for (const s of spreads) {
      const node = this.primary({ kind: 'ident', id: s.id });
      if (node.type.kind !== 'instance')
        throw this.src.error('an instance is required to perform a spread operation', s.id.span);
      let matched = 0;
      for (const name of node.type.exports.keys()) {
        const imp = findImport(imports, name);
        if (imp === undefined || args.has(imp.name)) continue;
        give(imp, name, this.alias(node, name, s.span), s.span);
        matched++;
      }
      if (matched === 0)
        throw this.src.error('the instance has no matching exports for the remaining unsatisfied arguments', s.span);
    }
    const missing = imports.filter((i) => !args.has(i.name) && i.item.kind !== 'type');
    if (p.ellipsis) {
      for (const imp of missing) {
        try {
          // The dependency's interface imports may use types of other interfaces it imports.
          args.set(
            imp.name,
            this.imports.implicit(imp.name, imp.key, imp.item, typeProviders(this.r, imp, imports, args)),
          );
        } catch (e) {
          if (e instanceof ImportConflict) throw this.src.error(e.message, p.span);
          throw e;
        }
      }
    } else if (missing.length > 0) {
      throw this.src.error(
        `missing instantiation argument \`${missing[0].name}\` for package \`${p.package.name}\``,
        p.package.span,
      );
    }
    typeArguments(this.r, imports, args, (n, name) => this.alias(n, name, p.span));
    const node: InstantiationNode = { kind: 'instantiation', pkg, args, type: worldInstanceType(this.r, pkg.world!) };
    this.instantiations.push(node);
    return node;
  }
}
