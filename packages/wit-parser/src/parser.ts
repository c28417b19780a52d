// The WIT grammar: a recursive descent parser over the chevrotain token
// stream (lexer.ts) that builds the AST (ast.ts) and records the lossless
// CST (cst.ts) in one pass. This file holds files, packages, interfaces and
// worlds; parser-types.ts the type definitions, parser-common.ts the shared
// pieces, parser-base.ts the token/CST/error machinery.
//
// Every decision and every error mirrors wasm-tools 1.257 `ast.rs`, so that
// the first diagnostic is the one wasm-tools reports. After an error the
// parser recovers at the next item boundary (see `ParserBase.recover`) and
// keeps going, so every syntax error of a file is reported.

import type * as A from './ast.js';
import type { CstNode, CstNodeKind } from './cst.js';
import type { Diagnostic } from './diagnostic.js';
import { lex, lexSplit } from './lexer.js';
import { SyntaxFail, utf16ToByteMap } from './parser-base.js';
import { MAX_PACKAGE_DEPTH, NO_DOCS } from './parser-common.js';
import { TypeParser } from './parser-types.js';
import { HELP_DEFAULT_WORLD, HELP_UNION } from './hints.js';

const TOP_RESTART = new Set(['interface', 'world', 'use', 'package', '@']);
const INTERFACE_RESTART = new Set(['type', 'record', 'flags', 'variant', 'enum', 'resource', 'use', '@']);
const WORLD_RESTART = new Set([
  'import',
  'export',
  'include',
  'use',
  'type',
  'record',
  'flags',
  'variant',
  'enum',
  'resource',
  '@',
]);

export class WitParser extends TypeParser {
  // ---- file and top-level items -----------------------------------------

  parseFile(): A.PackageFile {
    const file: A.PackageFile = { items: [] };
    const h = this.stackHeight();
    try {
      if (this.isPackageHeader()) {
        this.startNode('package-decl');
        const docs = this.docs();
        this.bump(); // `package`
        file.packageName = this.packageName(docs);
        this.expect(';');
        this.finishNode();
      }
    } catch (e) {
      if (!(e instanceof SyntaxFail)) throw e;
      this.report(e.diag);
      this.unwindTo(h);
      this.recover(0, TOP_RESTART, 0);
    }
    this.declList(file.items, 0, 0);
    this.finishFile();
    return file;
  }

  /**
   * wasm-tools parses `package a:b@v` on a copy of the stream and keeps it as
   * the file's header only when a `;` follows; `package a:b {` is a nested
   * package instead. A malformed name is an error either way, so it is parsed
   * "for real" as a header to report it.
   */
  private isPackageHeader(): boolean {
    if (!this.at('package')) return false;
    let k = 1;
    if (!this.atId(k) || this.kind(k + 1) !== ':' || !this.atId(k + 2)) return true;
    k += 3;
    if (this.kind(k) === '@') {
      k = this.scanVersion(k + 1);
      if (k < 0) return true;
    }
    return this.kind(k) === ';';
  }

  private packageName(docs: A.Docs): A.PackageName {
    this.startNode('package-name');
    const namespace = this.parseId();
    this.expect(':');
    const name = this.parseId();
    const version = this.optVersion();
    this.finishNode();
    return {
      docs,
      span: { start: namespace.span.start, end: version ? version.span.end : name.span.end },
      namespace,
      name,
      version,
    };
  }

  /** Items up to `}` (not consumed) or eof, with recovery at each item. */
  private declList(items: A.AstItem[], depth: number, pkgDepth: number): void {
    for (;;) {
      if (depth > 0 ? this.at('}') : this.at('eof')) break;
      const itemStart = this.pos;
      const h = this.stackHeight();
      try {
        items.push(this.astItem(pkgDepth));
      } catch (e) {
        if (!(e instanceof SyntaxFail)) throw e;
        this.report(e.diag);
        this.unwindTo(h);
        this.recover(depth, TOP_RESTART, itemStart);
        if (this.at('eof')) break;
      }
    }
  }

  private astItem(pkgDepth: number): A.AstItem {
    const node = this.startNode('interface');
    const docs = this.docs();
    const attributes = this.attributes();
    let item: A.AstItem;
    switch (this.kind()) {
      case 'interface':
        item = { kind: 'interface', interface: this.interface(docs, attributes) };
        break;
      case 'world':
        this.setKind(node, 'world');
        item = { kind: 'world', world: this.world(docs, attributes) };
        break;
      case 'use':
        this.setKind(node, 'toplevel-use');
        item = { kind: 'use', use: this.toplevelUse(attributes) };
        break;
      case 'package':
        this.setKind(node, 'nested-package');
        item = { kind: 'package', package: this.nestedPackage(docs, attributes, pkgDepth) };
        break;
      default:
        if (this.kind() === 'Id' && this.peek()!.image === 'default' && this.kind(1) === 'world') {
          this.hint(this.peek(), HELP_DEFAULT_WORLD);
        }
        throw this.errExpected('`world`, `interface` or `use`');
    }
    this.finishNode();
    return item;
  }

  private nestedPackage(docs: A.Docs, attributes: A.Attribute[], pkgDepth: number): A.NestedPackage {
    const kw = this.bump();
    const kwSpan = this.span(kw);
    if (pkgDepth >= MAX_PACKAGE_DEPTH) throw this.fail(kwSpan, 'package nesting too deep');
    if (attributes.length > 0) throw this.fail(kwSpan, 'cannot place attributes on nested packages');
    const packageName = this.packageName(docs);
    this.startNode('body');
    this.expect('{');
    const items: A.AstItem[] = [];
    this.declList(items, this.braceDepth, pkgDepth + 1);
    // At eof the missing `}` was already reported by the item parser.
    if (!this.at('eof')) this.expect('}');
    const end = this.sig[this.pos - 1];
    this.finishNode();
    return {
      packageName,
      docs,
      attributes,
      items,
      span: { start: kwSpan.start, end: end ? this.span(end).end : kwSpan.end },
    };
  }

  private toplevelUse(attributes: A.Attribute[]): A.ToplevelUse {
    const kw = this.bump();
    const item = this.usePath();
    const as = this.eat('as') ? this.parseId() : undefined;
    this.expect(';');
    return { span: this.span(kw), attributes, item, as };
  }

  /** `id` or `ns:pkg/name@version`. */
  private usePath(): A.UsePath {
    this.startNode('use-path');
    const id = this.parseId();
    let path: A.UsePath;
    if (this.eat(':')) {
      const pkgName = this.parseId();
      this.expect('/');
      const name = this.parseId();
      const version = this.optVersion();
      path = {
        kind: 'package',
        package: {
          docs: NO_DOCS(),
          // wasm-tools' span here stops at the package name (no version).
          span: { start: id.span.start, end: pkgName.span.end },
          namespace: id,
          name: pkgName,
          version,
        },
        name,
      };
    } else {
      path = { kind: 'id', id };
    }
    this.finishNode();
    return path;
  }

  // ---- interfaces -------------------------------------------------------

  private interface(docs: A.Docs, attributes: A.Attribute[]): A.Interface {
    this.bump();
    const name = this.parseId();
    const items = this.interfaceItems();
    return { docs, attributes, name, items };
  }

  /** `{ items }` of an interface (also an inline world import/export). */
  private interfaceItems(): A.InterfaceItem[] {
    return this.bodyItems('named-func', INTERFACE_RESTART, (node, docs, attributes) =>
      this.interfaceItem(node, docs, attributes),
    );
  }

  /**
   * `{ items }` of an interface or world. Each item is parsed in a node of
   * kind `itemKind` (the item parser may change it); a syntax error in an
   * item is reported and parsing resumes at the next token in `restart`.
   */
  private bodyItems<T>(
    itemKind: CstNodeKind,
    restart: ReadonlySet<string>,
    item: (node: number, docs: A.Docs, attributes: A.Attribute[]) => T,
  ): T[] {
    this.startNode('body');
    this.expect('{');
    const depth = this.braceDepth;
    const items: T[] = [];
    for (;;) {
      const itemStart = this.pos;
      const h = this.stackHeight();
      const node = this.startNode(itemKind);
      const docs = this.docs();
      if (this.eat('}')) {
        // The closing brace belongs to the body, not to an item.
        this.stackPopEmpty(node);
        break;
      }
      try {
        const attributes = this.attributes();
        items.push(item(node, docs, attributes));
        this.finishNode();
      } catch (e) {
        if (!(e instanceof SyntaxFail)) throw e;
        this.report(e.diag);
        this.unwindTo(h);
        this.recover(depth, restart, itemStart);
        if (this.at('eof')) break;
      }
    }
    this.finishNode();
    return items;
  }

  /**
   * Drops an item node opened speculatively when it turned out to hold only
   * the body's closing `}` (which is moved up to the body).
   */
  private stackPopEmpty(node: number): void {
    this.dissolveNode(node);
  }

  private interfaceItem(node: number, docs: A.Docs, attributes: A.Attribute[]): A.InterfaceItem {
    switch (this.kind()) {
      case 'type':
      case 'flags':
      case 'enum':
      case 'variant':
      case 'resource':
      case 'record':
        return { kind: 'type', type: this.typeDef(node, docs, attributes) };
      case 'Id':
      case 'ExplicitId':
        if (this.peek()!.image === 'union' && this.atId(1)) {
          this.hint(this.peek(1), HELP_UNION);
        }
        return { kind: 'func', func: this.namedFunc(docs, attributes) };
      case 'use':
        this.setKind(node, 'use');
        return { kind: 'use', use: this.use(attributes) };
      default:
        throw this.errExpected('`type`, `resource` or `func`');
    }
  }

  private namedFunc(docs: A.Docs, attributes: A.Attribute[]): A.NamedFunc {
    const name = this.parseId();
    this.expect(':');
    const func = this.func();
    this.expect(';');
    return { docs, attributes, name, func };
  }

  /** `use path.{a, b as c};` */
  private use(attributes: A.Attribute[]): A.Use {
    const kw = this.bump();
    const from = this.usePath();
    this.expect('.');
    this.startNode('use-names');
    this.expect('{');
    const names: A.UseName[] = [];
    while (!this.eat('}')) {
      this.startNode('use-name');
      const name: A.UseName = { name: this.parseId() };
      if (this.eat('as')) name.as = this.parseId();
      names.push(name);
      this.finishNode();
      if (!this.eat(',')) {
        this.expect('}');
        break;
      }
    }
    this.finishNode();
    this.expect(';');
    return { attributes, from, names, span: this.span(kw) };
  }

  // ---- worlds -------------------------------------------------------------

  private world(docs: A.Docs, attributes: A.Attribute[]): A.World {
    this.bump();
    const name = this.parseId();
    const items = this.bodyItems('import', WORLD_RESTART, (node, itemDocs, itemAttributes) =>
      this.worldItem(node, itemDocs, itemAttributes),
    );
    return { docs, attributes, name, items };
  }

  private worldItem(node: number, docs: A.Docs, attributes: A.Attribute[]): A.WorldItem {
    switch (this.kind()) {
      case 'import':
        this.bump();
        return { kind: 'import', import: { docs, attributes, kind: this.externKind() } };
      case 'export':
        this.setKind(node, 'export');
        this.bump();
        return { kind: 'export', export: { docs, attributes, kind: this.externKind() } };
      case 'use':
        this.setKind(node, 'use');
        return { kind: 'use', use: this.use(attributes) };
      case 'type':
      case 'flags':
      case 'resource':
      case 'record':
      case 'variant':
      case 'enum':
        return { kind: 'type', type: this.typeDef(node, docs, attributes) };
      case 'include':
        this.setKind(node, 'include');
        return { kind: 'include', include: this.include(attributes) };
      default:
        throw this.errExpected('`import`, `export`, `include`, `use`, or type definition');
    }
  }

  /**
   * What follows `import`/`export`: `name: func…;`, `name: interface {…}`,
   * `name: path;` (a plain name implemented by an interface), or `path;`.
   */
  private externKind(): A.ExternKind {
    this.startNode('extern-kind');
    let kind: A.ExternKind;
    if (this.atId() && this.kind(1) === ':') {
      const next = this.kind(2);
      if (next === 'func' || next === 'async') {
        const name = this.parseId();
        this.bump();
        const func = this.func();
        this.expect(';');
        kind = { kind: 'func', name, func };
      } else if (next === 'interface') {
        const name = this.parseId();
        this.bump();
        this.bump();
        kind = { kind: 'interface', name, items: this.interfaceItems() };
      } else if (this.atId(2) && this.kind(3) !== '/') {
        // `label: iface;` or `label: ns:pkg/iface@v;` (not `ns:pkg/iface`).
        const name = this.parseId();
        this.bump();
        const path = this.usePath();
        this.expect(';');
        kind = { kind: 'named-path', name, path };
      } else {
        kind = { kind: 'path', path: this.usePath() };
        this.expect(';');
      }
    } else {
      kind = { kind: 'path', path: this.usePath() };
      this.expect(';');
    }
    this.finishNode();
    return kind;
  }

  /** `include path;` or `include path with { a as b, … }` */
  private include(attributes: A.Attribute[]): A.Include {
    const kw = this.bump();
    const from = this.usePath();
    let names: A.IncludeName[] = [];
    if (this.eat('with')) {
      this.startNode('include-names');
      names = this.list('{', '}', () => {
        this.startNode('include-name');
        const name = this.parseId();
        this.expect('as');
        const as = this.parseId();
        this.finishNode();
        return { name, as };
      });
      this.finishNode();
    } else {
      this.expect(';');
    }
    return { attributes, from, names, span: this.span(kw) };
  }
}

export interface ParsedFile {
  ast: A.PackageFile;
  /** Built lazily on first access. */
  readonly cst: CstNode;
  diagnostics: Diagnostic[];
}

/**
 * Lexes and parses one file whose text starts at global offset `base`.
 * Never throws on bad input: problems come back as diagnostics, sorted by
 * position (the first one is what wasm-tools would report).
 *
 * The CST is built lazily by re-parsing on first access: keeping the token
 * stream alive for every file just in case costs the (far more common)
 * AST-only callers a lot of garbage-collection time.
 */
export function parseFile(text: string, base: number, byteMap?: Uint32Array | null): ParsedFile {
  // `null`: the caller knows the text is ASCII; `undefined`: find out.
  byteMap = byteMap === null ? undefined : (byteMap ?? utf16ToByteMap(text));
  const { ast, diagnostics } = run(text, base, byteMap, false);
  let cst: CstNode | undefined;
  return {
    ast,
    diagnostics,
    get cst(): CstNode {
      return (cst ??= run(text, base, byteMap, true).parser.buildCst());
    },
  };
}

function run(
  text: string,
  base: number,
  byteMap: Uint32Array | undefined,
  recordCst: boolean,
): { ast: A.PackageFile; diagnostics: Diagnostic[]; parser: WitParser } {
  // Whitespace tokens only matter to the CST; without one, the significant
  // tokens come apart from the rest already.
  const parser = new WitParser(text, recordCst ? lex(text).all : lexSplit(text), base, byteMap, recordCst);
  const ast = parser.parseFile();
  // Lexer errors come first in `parser.diagnostics`; a stable sort by
  // position interleaves them with syntax errors the way wasm-tools, which
  // lexes on demand, meets them.
  const diagnostics = parser.diagnostics.slice().sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  return { ast, diagnostics, parser };
}
