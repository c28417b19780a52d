// Grammar rules for files, packages, interfaces and worlds: the top of the
// WIT grammar (parser-types.ts holds type definitions and expressions,
// parser-common.ts the shared pieces, parser-grammar-base.ts the chevrotain
// set-up, lookahead, CST and recovery helpers).
//
// Every decision and every error mirrors wasm-tools 1.257 `ast.rs`, so that
// the first diagnostic is the one wasm-tools reports. Item loops (a file's
// items, an interface's or world's body, a resource's functions) catch a
// failed item, report it and resume at the next item boundary, so every
// syntax error of a file is reported.

import type { IOrAlt, IToken, OrMethodOpts } from 'chevrotain';
import type * as A from './ast.js';
import type { ParseState } from './parser-base.js';
import { MAX_PACKAGE_DEPTH } from './parser-common.js';
import { NO_DOCS } from './parser-grammar-base.js';
import { T } from './parser-tokens.js';
import { TypeGrammar } from './parser-types.js';
import type { BodyItem } from './parser-common.js';
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

export class WitGrammar extends TypeGrammar {
  /** See `GrammarBase`; `performSelfAnalysis` throws on a grammar error. */
  constructor({ validate = false }: { validate?: boolean } = {}) {
    super(validate);
    this.performSelfAnalysis();
  }

  /** Parses one file (see `ParseState`). */
  parse(state: ParseState): A.PackageFile {
    return this.parseState(state, () => this.file());
  }

  // ---- file and top-level items -----------------------------------------

  private readonly file = this.RULE('file', (): A.PackageFile => {
    const file: A.PackageFile = { items: [] };
    this.OPTION({
      GATE: () => this.isPackageHeader(),
      DEF: () => {
        const h = this.height();
        try {
          this.open('package-decl');
          const docs = this.docs();
          this.CONSUME(T.Package);
          const name = this.SUBRULE(this.packageName, { ARGS: [docs] });
          this.ACTION(() => (file.packageName = name));
          this.CONSUME(T.Semi);
          this.close();
        } catch (e) {
          this.recovered(e, h, 0, TOP_RESTART, 0);
        }
      },
    });
    const items = this.SUBRULE(this.declList, { ARGS: [0, 0] });
    this.ACTION(() => {
      file.items = items;
      this.s.finishFile(this.pos);
    });
    return file;
  });

  /**
   * wasm-tools parses `package a:b@v` on a copy of the stream and keeps it as
   * the file's header only when a `;` follows; `package a:b {` is a nested
   * package instead. A malformed name is an error either way, so it is parsed
   * "for real" as a header to report it.
   */
  private isPackageHeader(): boolean {
    if (!this.next(T.Package)) return false;
    let k = 1;
    if (!this.nextIsId(k) || !this.next(T.Colon, k + 1) || !this.nextIsId(k + 2)) return true;
    k += 3;
    if (this.next(T.At, k)) {
      k = this.scanVersion(k + 1);
      if (k < 0) return true;
    }
    return this.next(T.Semi, k);
  }

  private readonly packageName = this.RULE('packageName', (docs: A.Docs): A.PackageName => {
    this.open('package-name');
    const namespace = this.SUBRULE(this.id);
    this.CONSUME(T.Colon);
    const name = this.SUBRULE2(this.id);
    const version = this.OPTION(() => {
      this.CONSUME(T.At);
      return this.SUBRULE(this.version);
    });
    this.close();
    return this.ACTION(() => ({
      docs,
      span: { start: namespace.span.start, end: version ? version.span.end : name.span.end },
      namespace,
      name,
      version,
    }));
  });

  /** Items up to `}` (not consumed; `depth` > 0) or eof, with recovery at each item. */
  private readonly declList = this.RULE('declList', (depth: number, pkgDepth: number): A.AstItem[] => {
    const items: A.AstItem[] = [];
    let stop = false;
    this.loop(
      () => !stop && !(depth > 0 ? this.next(T.RBrace) : this.atEof()),
      () => {
        const itemStart = this.pos;
        const h = this.height();
        try {
          const item = this.SUBRULE(this.astItem, { ARGS: [pkgDepth] });
          this.ACTION(() => items.push(item));
        } catch (e) {
          this.recovered(e, h, depth, TOP_RESTART, itemStart);
          if (this.atEof()) stop = true;
        }
      },
    );
    return items;
  });

  private readonly astItem = this.RULE('astItem', (pkgDepth: number): A.AstItem => {
    const node = this.open('interface');
    const docs = this.docs();
    const attributes = this.SUBRULE(this.attributes);
    this.ACTION(() => {
      const t = this.peek();
      if (t.tokenType === T.Id && t.image === 'default' && this.next(T.World, 1)) this.s.hint(t, HELP_DEFAULT_WORLD);
    });
    const item = this.OR<A.AstItem>({
      ERR_MSG: '`world`, `interface` or `use`',
      DEF: [
        {
          ALT: () => ({ kind: 'interface', interface: this.SUBRULE(this.interface, { ARGS: [docs, attributes] }) }),
        },
        {
          ALT: () => {
            this.retag(node, 'world');
            return { kind: 'world', world: this.SUBRULE(this.world, { ARGS: [docs, attributes] }) };
          },
        },
        {
          ALT: () => {
            this.retag(node, 'toplevel-use');
            return { kind: 'use', use: this.SUBRULE(this.toplevelUse, { ARGS: [attributes] }) };
          },
        },
        {
          ALT: () => {
            this.retag(node, 'nested-package');
            return {
              kind: 'package',
              package: this.SUBRULE(this.nestedPackage, { ARGS: [docs, attributes, pkgDepth] }),
            };
          },
        },
      ],
    });
    this.close();
    return item;
  });

  private readonly nestedPackage = this.RULE(
    'nestedPackage',
    (docs: A.Docs, attributes: A.Attribute[], pkgDepth: number): A.NestedPackage => {
      const kw = this.CONSUME(T.Package);
      this.ACTION(() => {
        const kwSpan = this.s.span(kw);
        if (pkgDepth >= MAX_PACKAGE_DEPTH) throw this.fail(kwSpan, 'package nesting too deep');
        if (attributes.length > 0) throw this.fail(kwSpan, 'cannot place attributes on nested packages');
      });
      const packageName = this.SUBRULE(this.packageName, { ARGS: [docs] });
      this.open('body');
      this.CONSUME(T.LBrace);
      const depth = this.ACTION(() => this.s.braceDepthAt(this.pos));
      const items = this.SUBRULE(this.declList, { ARGS: [depth, pkgDepth + 1] });
      // At eof the missing `}` was already reported by the item parser.
      this.OPTION(() => this.CONSUME(T.RBrace));
      const end = this.LA(0);
      this.close();
      return this.ACTION(() => ({
        packageName,
        docs,
        attributes,
        items,
        span: { start: this.s.span(kw).start, end: this.s.span(end).end },
      }));
    },
  );

  private readonly toplevelUse = this.RULE('toplevelUse', (attributes: A.Attribute[]): A.ToplevelUse => {
    const kw = this.CONSUME(T.Use);
    const item = this.SUBRULE(this.usePath);
    const as = this.OPTION(() => {
      this.CONSUME(T.As);
      return this.SUBRULE(this.id);
    });
    this.CONSUME(T.Semi);
    return this.ACTION(() => ({ span: this.s.span(kw), attributes, item, as }));
  });

  /** `id` or `ns:pkg/name@version`. */
  private readonly usePath = this.RULE('usePath', (): A.UsePath => {
    this.open('use-path');
    const id = this.SUBRULE(this.id);
    const path = this.OPTION(() => {
      this.CONSUME(T.Colon);
      const pkgName = this.SUBRULE2(this.id);
      this.CONSUME(T.Slash);
      const name = this.SUBRULE3(this.id);
      const version = this.OPTION2(() => {
        this.CONSUME(T.At);
        return this.SUBRULE(this.version);
      });
      return this.ACTION((): A.UsePath => ({
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
      }));
    });
    this.close();
    return this.ACTION((): A.UsePath => path ?? { kind: 'id', id });
  });

  // ---- interfaces and worlds ----------------------------------------------

  private readonly interface = this.RULE('interfaceDecl', (docs: A.Docs, attributes: A.Attribute[]): A.Interface => {
    this.CONSUME(T.Interface);
    const name = this.SUBRULE(this.id);
    const items = this.SUBRULE(this.interfaceBody);
    return this.ACTION(() => ({ docs, attributes, name, items }));
  });

  private readonly world = this.RULE('worldDecl', (docs: A.Docs, attributes: A.Attribute[]): A.World => {
    this.CONSUME(T.World);
    const name = this.SUBRULE(this.id);
    const items = this.SUBRULE(this.worldBody);
    return this.ACTION(() => ({ docs, attributes, name, items }));
  });

  /** `{ items }` of an interface (also an inline world import/export). */
  private readonly interfaceBody = this.RULE('interfaceBody', (): A.InterfaceItem[] =>
    this.bodyItems('named-func', INTERFACE_RESTART, this.interfaceItem),
  );

  private readonly worldBody = this.RULE('worldBody', (): A.WorldItem[] =>
    this.bodyItems('import', WORLD_RESTART, this.worldItem),
  );

  /** An interface item: the body item `itemNode` (opened by the body loop). */
  private readonly interfaceItem: BodyItem<A.InterfaceItem> = this.RULE('interfaceItem', (): A.InterfaceItem =>
    this.OR<A.InterfaceItem>(
      (this.interfaceItemAlts ??= {
        ERR_MSG: '`type`, `resource` or `func`',
        DEF: [
          { ALT: () => ({ kind: 'type', type: this.SUBRULE(this.typeDef) }) },
          {
            ALT: () => {
              this.ACTION(() => {
                const t = this.peek();
                if (t.image === 'union' && this.nextIsId(1)) this.s.hint(this.peek(1), HELP_UNION);
              });
              return { kind: 'func', func: this.SUBRULE(this.namedFunc) };
            },
          },
          {
            ALT: () => {
              this.retag(this.itemNode, 'use');
              return { kind: 'use', use: this.SUBRULE(this.use) };
            },
          },
        ],
      }),
    ),
  );

  private interfaceItemAlts?: OrMethodOpts<A.InterfaceItem>;

  private readonly namedFunc = this.RULE('namedFunc', (): A.NamedFunc => {
    const { itemDocs: docs, itemAttributes: attributes } = this;
    const name = this.SUBRULE(this.id);
    this.CONSUME(T.Colon);
    const func = this.SUBRULE(this.func);
    this.CONSUME(T.Semi);
    return this.ACTION(() => ({ docs, attributes, name, func }));
  });

  /** `use path.{a, b as c};` */
  private readonly use = this.RULE('useDecl', (): A.Use => {
    const attributes = this.itemAttributes;
    const kw = this.CONSUME(T.Use);
    const from = this.SUBRULE(this.usePath);
    this.CONSUME(T.Dot);
    const names = this.SUBRULE(this.useNames);
    this.CONSUME(T.Semi);
    return this.ACTION(() => ({ attributes, from, names, span: this.s.span(kw) }));
  });

  private readonly useNames = this.RULE('useNames', (): A.UseName[] => {
    this.open('use-names');
    this.CONSUME(T.LBrace);
    const names = this.listTrailer(T.RBrace, () => {
      this.open('use-name');
      const name = this.SUBRULE(this.id);
      const as = this.OPTION2(() => {
        this.CONSUME(T.As);
        return this.SUBRULE2(this.id);
      });
      this.close();
      return this.ACTION((): A.UseName => (as === undefined ? { name } : { name, as }));
    });
    this.close();
    return names;
  });

  /** A world item: the body item `itemNode` (opened by the body loop). */
  private readonly worldItem: BodyItem<A.WorldItem> = this.RULE('worldItem', (): A.WorldItem =>
    this.OR<A.WorldItem>(
      (this.worldItemAlts ??= {
        ERR_MSG: '`import`, `export`, `include`, `use`, or type definition',
        DEF: this.worldItems(),
      }),
    ),
  );

  private worldItemAlts?: OrMethodOpts<A.WorldItem>;

  private worldItems(): IOrAlt<A.WorldItem>[] {
    return [
      {
        ALT: () => {
          const { itemDocs: docs, itemAttributes: attributes } = this;
          this.CONSUME(T.Import);
          const kind = this.SUBRULE(this.externKind);
          return this.ACTION(() => ({ kind: 'import' as const, import: { docs, attributes, kind } }));
        },
      },
      {
        ALT: () => {
          const { itemDocs: docs, itemAttributes: attributes } = this;
          this.retag(this.itemNode, 'export');
          this.CONSUME(T.Export);
          const kind = this.SUBRULE2(this.externKind);
          return this.ACTION(() => ({ kind: 'export' as const, export: { docs, attributes, kind } }));
        },
      },
      {
        ALT: () => {
          this.retag(this.itemNode, 'use');
          return { kind: 'use', use: this.SUBRULE(this.use) };
        },
      },
      { ALT: () => ({ kind: 'type', type: this.SUBRULE(this.typeDef) }) },
      {
        ALT: () => {
          this.retag(this.itemNode, 'include');
          return { kind: 'include', include: this.SUBRULE(this.include) };
        },
      },
    ];
  }

  /** `name: ` then `k` ahead: what `import`/`export` peeks at to tell extern kinds apart. */
  private externNamed(k: (t: IToken) => boolean): boolean {
    return this.nextIsId() && this.next(T.Colon, 1) && k(this.peek(2));
  }

  /**
   * What follows `import`/`export`: `name: func…;`, `name: interface {…}`,
   * `name: path;` (a plain name implemented by an interface), or `path;`.
   */
  private readonly externKind = this.RULE('externKind', (): A.ExternKind => {
    this.open('extern-kind');
    const kind = this.OR<A.ExternKind>(
      (this.externKindAlts ??= {
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => this.externNamed((t) => t.tokenType === T.Func || t.tokenType === T.Async),
            ALT: () => {
              const name = this.SUBRULE(this.id);
              this.CONSUME(T.Colon);
              const func = this.SUBRULE(this.func);
              this.CONSUME(T.Semi);
              return this.ACTION(() => ({ kind: 'func' as const, name, func }));
            },
          },
          {
            GATE: () => this.externNamed((t) => t.tokenType === T.Interface),
            ALT: () => {
              const name = this.SUBRULE2(this.id);
              this.CONSUME2(T.Colon);
              this.CONSUME(T.Interface);
              const items = this.SUBRULE(this.interfaceBody);
              return this.ACTION(() => ({ kind: 'interface' as const, name, items }));
            },
          },
          {
            // `label: iface;` or `label: ns:pkg/iface@v;` (not `ns:pkg/iface`).
            GATE: () => this.externNamed(() => this.nextIsId(2) && !this.next(T.Slash, 3)),
            ALT: () => {
              const name = this.SUBRULE3(this.id);
              this.CONSUME3(T.Colon);
              const path = this.SUBRULE(this.usePath);
              this.CONSUME2(T.Semi);
              return this.ACTION(() => ({ kind: 'named-path' as const, name, path }));
            },
          },
          {
            ALT: () => {
              const path = this.SUBRULE2(this.usePath);
              this.CONSUME3(T.Semi);
              return this.ACTION(() => ({ kind: 'path' as const, path }));
            },
          },
          // A path's id failing (its `use-path` node open).
          this.otherwise(() => this.idItemFail('use-path')),
        ],
      }),
    );
    this.close();
    return kind;
  });

  private externKindAlts?: OrMethodOpts<A.ExternKind>;

  /** `include path;` or `include path with { a as b, … }` */
  private readonly include = this.RULE('includeDecl', (): A.Include => {
    const attributes = this.itemAttributes;
    const kw = this.CONSUME(T.Include);
    const from = this.SUBRULE(this.usePath);
    const names = this.OR<A.IncludeName[]>(
      (this.includeAlts ??= [
        {
          ALT: () => {
            this.CONSUME(T.With);
            return this.SUBRULE(this.includeNames);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Semi);
            return [];
          },
        },
        this.otherwise(() => this.wanted("';'")),
      ]),
    );
    return this.ACTION(() => ({ attributes, from, names, span: this.s.span(kw) }));
  });

  private includeAlts?: IOrAlt<A.IncludeName[]>[];

  private readonly includeNames = this.RULE('includeNames', (): A.IncludeName[] => {
    this.open('include-names');
    this.CONSUME(T.LBrace);
    const names = this.listTrailer(T.RBrace, () => {
      this.open('include-name');
      const name = this.SUBRULE(this.id);
      this.CONSUME(T.As);
      const as = this.SUBRULE2(this.id);
      this.close();
      return this.ACTION(() => ({ name, as }));
    });
    this.close();
    return names;
  });
}
