// Grammar rules for type definitions (`type`, `record`, `flags`,
// `variant`, `enum`, `resource`) and type expressions, following
// wasm-tools' `ast.rs`.

import type { IOrAlt, IToken, OrMethodOpts, TokenType } from 'chevrotain';
import type * as A from './ast.js';
import { CommonGrammar, MAX_TYPE_DEPTH, TOP_TYPE, typeAt } from './parser-common.js';
import type { SyntaxFail } from './parser-errors.js';
import { PRIMITIVE_TOKENS, T } from './parser-tokens.js';
import { HELP_EXPECTED } from './hints.js';

const RESOURCE_RESTART = new Set(['constructor', '@']);

export abstract class TypeGrammar extends CommonGrammar {
  // ---- type definitions ---------------------------------------------------

  /**
   * A type definition: the body item `itemNode` (opened by the body loop),
   * which gets its kind once the name is parsed.
   */
  protected readonly typeDef = this.RULE('typeDef', (): A.TypeDef => this.OR((this.typeDefAlts ??= this.typeDefs())));

  private typeDefAlts?: IOrAlt<A.TypeDef>[];

  private typeDefs(): IOrAlt<A.TypeDef>[] {
    /** The definition named `name` with type `type`, of the item begun by the body loop. */
    const def = (docs: A.Docs, attributes: A.Attribute[], name: A.Id, type: A.Type): A.TypeDef =>
      this.ACTION(() => ({ docs, attributes, name, type }));
    return [
      {
        ALT: () => {
          const { itemNode: node, itemDocs: docs, itemAttributes: attributes } = this;
          this.CONSUME(T.Type);
          const name = this.SUBRULE(this.id);
          this.retag(node, 'type-alias');
          this.CONSUME(T.Eq);
          const type = this.SUBRULE(this.type, TOP_TYPE);
          this.CONSUME(T.Semi);
          return def(docs, attributes, name, type);
        },
      },
      {
        ALT: () => {
          const { itemNode: node, itemDocs: docs, itemAttributes: attributes } = this;
          this.CONSUME(T.Flags);
          const name = this.SUBRULE2(this.id);
          this.retag(node, 'flags');
          const flags = this.SUBRULE(this.flagList);
          return def(
            docs,
            attributes,
            name,
            this.ACTION(() => ({ kind: 'flags', flags, span: name.span })),
          );
        },
      },
      {
        ALT: () => {
          const { itemNode: node, itemDocs: docs, itemAttributes: attributes } = this;
          this.CONSUME(T.Enum);
          const name = this.SUBRULE3(this.id);
          this.retag(node, 'enum');
          const cases = this.SUBRULE(this.enumList);
          return def(
            docs,
            attributes,
            name,
            this.ACTION(() => ({ kind: 'enum', cases, span: name.span })),
          );
        },
      },
      {
        ALT: () => {
          const { itemNode: node, itemDocs: docs, itemAttributes: attributes } = this;
          this.CONSUME(T.Record);
          const name = this.SUBRULE4(this.id);
          this.retag(node, 'record');
          const fields = this.SUBRULE(this.fieldList);
          return def(
            docs,
            attributes,
            name,
            this.ACTION(() => ({ kind: 'record', fields, span: name.span })),
          );
        },
      },
      {
        ALT: () => {
          const { itemNode: node, itemDocs: docs, itemAttributes: attributes } = this;
          this.CONSUME(T.Variant);
          const name = this.SUBRULE5(this.id);
          this.retag(node, 'variant');
          const cases = this.SUBRULE(this.caseList);
          return def(
            docs,
            attributes,
            name,
            this.ACTION(() => ({ kind: 'variant', cases, span: name.span })),
          );
        },
      },
      {
        ALT: () => {
          const { itemNode: node, itemDocs: docs, itemAttributes: attributes } = this;
          this.CONSUME(T.Resource);
          const name = this.SUBRULE6(this.id);
          this.retag(node, 'resource');
          const funcs = this.SUBRULE(this.resourceBody);
          return def(
            docs,
            attributes,
            name,
            this.ACTION(() => ({ kind: 'resource', funcs, span: name.span })),
          );
        },
      },
    ];
  }

  /** `{ a, b, … }` of a `flags` or `enum`: each member an id in a node of kind `kind`. */
  private idList(kind: 'flag' | 'enum-case'): A.Flag[] {
    this.CONSUME(T.LBrace);
    return this.listTrailer(T.RBrace, (docs) => {
      this.open(kind);
      const name = this.SUBRULE(this.id);
      this.close();
      return this.ACTION(() => ({ docs, name }));
    });
  }

  private readonly flagList = this.RULE('flagList', (): A.Flag[] => this.idList('flag'));
  private readonly enumList = this.RULE('enumList', (): A.EnumCase[] => this.idList('enum-case'));

  private readonly fieldList = this.RULE('fieldList', (): A.Field[] => {
    this.CONSUME(T.LBrace);
    return this.listTrailer(T.RBrace, (docs) => {
      this.open('field');
      const name = this.SUBRULE(this.id);
      this.CONSUME(T.Colon);
      const type = this.SUBRULE(this.type, TOP_TYPE);
      this.close();
      return this.ACTION(() => ({ docs, name, type }));
    });
  });

  private readonly caseList = this.RULE('caseList', (): A.Case[] => {
    this.CONSUME(T.LBrace);
    return this.listTrailer(T.RBrace, (docs) => {
      this.open('case');
      const name = this.SUBRULE(this.id);
      const type = this.OPTION2(() => {
        this.CONSUME(T.LParen);
        const t = this.SUBRULE(this.type, TOP_TYPE);
        this.CONSUME(T.RParen);
        return t;
      });
      this.close();
      return this.ACTION(() => ({ docs, name, type }));
    });
  });

  /** `{ constructor(…); name: func…; name: static func…; }` or `;` */
  private readonly resourceBody = this.RULE('resourceBody', (): A.ResourceFunc[] => {
    const funcs: A.ResourceFunc[] = [];
    this.OR([
      {
        ALT: () => {
          const fs = this.bodyItems('resource-func', RESOURCE_RESTART, this.resourceFunc);
          this.ACTION(() => funcs.push(...fs));
        },
      },
      { ALT: () => this.CONSUME(T.Semi) },
      this.otherwise(() => this.wanted("';'")),
    ]);
    return funcs;
  });

  /** A function of a resource: the body item `itemNode` (opened by the body loop). */
  private readonly resourceFunc = this.RULE('resourceFunc', (): A.ResourceFunc =>
    this.OR((this.resourceFuncAlts ??= { ERR_MSG: '`constructor` or identifier', DEF: this.resourceFuncs() })),
  );

  private resourceFuncAlts?: OrMethodOpts<A.ResourceFunc>;

  private resourceFuncs(): IOrAlt<A.ResourceFunc>[] {
    return [
      {
        ALT: (): A.ResourceFunc => {
          const { itemNode: node, itemDocs: docs, itemAttributes: attributes } = this;
          this.retag(node, 'resource-constructor');
          const kw = this.CONSUME(T.Constructor);
          const params = this.SUBRULE(this.params);
          const result = this.OPTION(() => this.SUBRULE(this.resultType));
          this.CONSUME(T.Semi);
          return this.ACTION(() => {
            const span = this.s.span(kw);
            return {
              kind: 'constructor' as const,
              func: {
                docs,
                attributes,
                name: { name: 'constructor', span },
                func: { span, async: false, params, result },
              },
            };
          });
        },
      },
      {
        ALT: (): A.ResourceFunc => {
          const { itemDocs: docs, itemAttributes: attributes } = this;
          const name = this.SUBRULE(this.id);
          this.CONSUME(T.Colon);
          const isStatic = this.OPTION2(() => this.CONSUME(T.Static));
          const func = this.SUBRULE(this.func);
          this.CONSUME2(T.Semi);
          return this.ACTION(() => ({
            kind: isStatic !== undefined ? ('static' as const) : ('method' as const),
            func: { docs, attributes, name, func },
          }));
        },
      },
    ];
  }

  // ---- types --------------------------------------------------------------

  /** What `type` throws before looking at the token when nested too deep. */
  private nestingFail(): SyntaxFail {
    const t = this.peek();
    const at = this.atEof() ? { start: this.s.eofOffset(), end: this.s.eofOffset() } : this.s.span(t);
    return this.fail(at, 'type nesting too deep');
  }

  /** What `type` at `depth` throws on a token no type starts with. */
  protected typeFail(depth: number): SyntaxFail {
    if (depth >= MAX_TYPE_DEPTH) return this.nestingFail();
    this.s.startNode('type', this.pos);
    return this.errExpected('a type');
  }

  /** The depth of the `type` being dispatched (the cached alternatives read it). */
  private typeDepth = 0;
  private typeAlts?: OrMethodOpts<A.Type>;

  protected readonly type = this.RULE('typeExpr', (depth: number): A.Type => {
    // `ACTION` without a closure (a hot rule).
    if (!this.RECORDING_PHASE) {
      if (depth >= MAX_TYPE_DEPTH) throw this.nestingFail();
      this.typeDepth = depth;
    }
    this.open('type');
    const ty = this.OR((this.typeAlts ??= { DEF: this.typeAlternatives(), ERR_MSG: 'a type' }));
    this.close();
    return ty;
  });

  private typeAlternatives(): IOrAlt<A.Type>[] {
    const primitive = (tok: TokenType): IOrAlt<A.Type> => ({
      ALT: () => {
        const t = this.CONSUME(tok);
        // `ACTION` without a closure (the commonest type).
        return this.RECORDING_PHASE
          ? (t as never)
          : { kind: 'primitive', name: t.tokenType.name as A.PrimitiveTypeName, span: this.s.span(t) };
      },
    });
    return [
      ...PRIMITIVE_TOKENS.map(primitive),
      { ALT: () => this.SUBRULE(this.tupleType, typeAt(this.typeDepth)) },
      { ALT: () => this.SUBRULE(this.listType, typeAt(this.typeDepth)) },
      { ALT: () => this.SUBRULE(this.mapType, typeAt(this.typeDepth)) },
      { ALT: () => this.SUBRULE(this.optionType, typeAt(this.typeDepth)) },
      { ALT: () => this.SUBRULE(this.resultOfType, typeAt(this.typeDepth)) },
      { ALT: () => this.SUBRULE(this.asyncType, typeAt(this.typeDepth)) },
      { ALT: () => this.SUBRULE(this.handleType) },
      {
        ALT: () => {
          this.ACTION(() => {
            const t = this.peek();
            if (t.image === 'expected' && this.next(T.LAngle, 1)) this.s.hint(this.peek(1), HELP_EXPECTED);
          });
          const id = this.SUBRULE(this.id);
          return this.ACTION(() => ({ kind: 'name' as const, id }));
        },
      },
    ];
  }

  private span(t: IToken): A.Span {
    return this.s.span(t);
  }

  private readonly tupleType = this.RULE('tupleType', (depth: number): A.Type => {
    const kw = this.CONSUME(T.Tuple);
    this.CONSUME(T.LAngle);
    const types = this.listTrailer(T.RAngle, () => this.SUBRULE(this.type, typeAt(depth + 1)));
    return this.ACTION(() => ({ kind: 'tuple' as const, types, span: this.span(kw) }));
  });

  private readonly listType = this.RULE('listType', (depth: number): A.Type => {
    const kw = this.CONSUME(T.List);
    this.CONSUME(T.LAngle);
    const element = this.SUBRULE(this.type, typeAt(depth + 1));
    const size = this.OPTION(() => {
      this.CONSUME(T.Comma);
      const n = this.OR({ DEF: [{ ALT: () => this.CONSUME(T.Integer) }], ERR_MSG: 'fixed-length' });
      return this.ACTION(() => {
        const size = Number(n.image);
        if (!(size <= 0xffffffff)) {
          throw this.fail(this.span(n), 'invalid list size: number too large to fit in target type');
        }
        return size;
      });
    });
    this.CONSUME(T.RAngle);
    return this.ACTION(() => {
      const span = this.span(kw);
      return size === undefined
        ? { kind: 'list' as const, element, span }
        : { kind: 'fixed-length-list' as const, element, size, span };
    });
  });

  private readonly mapType = this.RULE('mapType', (depth: number): A.Type => {
    const kw = this.CONSUME(T.Map);
    this.CONSUME(T.LAngle);
    const key = this.SUBRULE(this.type, typeAt(depth + 1));
    this.CONSUME(T.Comma);
    const value = this.SUBRULE2(this.type, typeAt(depth + 1));
    this.CONSUME(T.RAngle);
    return this.ACTION(() => ({ kind: 'map' as const, key, value, span: this.span(kw) }));
  });

  private readonly optionType = this.RULE('optionType', (depth: number): A.Type => {
    const kw = this.CONSUME(T.Option);
    this.CONSUME(T.LAngle);
    const type = this.SUBRULE(this.type, typeAt(depth + 1));
    this.CONSUME(T.RAngle);
    return this.ACTION(() => ({ kind: 'option' as const, type, span: this.span(kw) }));
  });

  private readonly resultOfType = this.RULE('resultOfType', (depth: number): A.Type => {
    const kw = this.CONSUME(T.Result);
    let ok: A.Type | undefined;
    let err: A.Type | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LAngle);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Underscore);
            this.CONSUME(T.Comma);
            err = this.SUBRULE(this.type, typeAt(depth + 1));
          },
        },
        {
          ALT: () => {
            ok = this.SUBRULE2(this.type, typeAt(depth + 1));
            this.OPTION2(() => {
              this.CONSUME2(T.Comma);
              err = this.SUBRULE3(this.type, typeAt(depth + 1));
            });
          },
        },
        this.otherwise(() => this.typeFail(depth + 1)),
      ]);
      this.CONSUME(T.RAngle);
    });
    return this.ACTION(() => ({ kind: 'result' as const, ok, err, span: this.span(kw) }));
  });

  /** `future<T>?` / `stream<T>?` */
  private readonly asyncType = this.RULE('asyncType', (depth: number): A.Type => {
    const kw = this.OR([{ ALT: () => this.CONSUME(T.Future) }, { ALT: () => this.CONSUME(T.Stream) }]);
    const type = this.OPTION(() => {
      this.CONSUME(T.LAngle);
      const t = this.SUBRULE(this.type, typeAt(depth + 1));
      this.CONSUME(T.RAngle);
      return t;
    });
    return this.ACTION(() => ({ kind: kw.tokenType.name as 'future' | 'stream', type, span: this.span(kw) }));
  });

  /** `own<r>` / `borrow<r>` */
  private readonly handleType = this.RULE('handleType', (): A.Type => {
    const kw = this.OR([{ ALT: () => this.CONSUME(T.Own) }, { ALT: () => this.CONSUME(T.Borrow) }]);
    this.CONSUME(T.LAngle);
    const resource = this.SUBRULE(this.id);
    const close = this.CONSUME(T.RAngle);
    return this.ACTION(() => ({
      kind: 'handle' as const,
      handle: kw.tokenType.name as 'own' | 'borrow',
      resource,
      span: { start: this.span(kw).start, end: this.span(close).end },
    }));
  });
}
