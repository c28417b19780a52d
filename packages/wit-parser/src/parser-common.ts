// Grammar rules shared by items and types (parser-items.ts,
// parser-types.ts): identifiers, comma lists, versions, attributes and
// function signatures, each following wasm-tools' `ast.rs`.

import type { IToken, OrMethodOpts, ParserMethod, TokenType } from 'chevrotain';
import type * as A from './ast.js';
import { validateId } from './lexer.js';
import { GrammarBase } from './parser-grammar-base.js';
import { T } from './parser-tokens.js';
import type { CstNodeKind } from './cst.js';
import { HELP_NAMED_RESULTS } from './hints.js';
import { parseSemver } from './version.js';

/** wasm-tools refuses deeper nesting of types / nested packages. */
export const MAX_TYPE_DEPTH = 100;
export const MAX_PACKAGE_DEPTH = 100;

/** `SUBRULE` options of a type at each depth (one object each). */
/** A rule parsing one item of a `{ … }` body (see `bodyItems`). */
export type BodyItem<T> = ParserMethod<[], T>;

const TYPE_AT = Array.from({ length: MAX_TYPE_DEPTH + 2 }, (_, depth) => ({ ARGS: [depth] as [number] }));
export const typeAt = (depth: number): { ARGS: [number] } => TYPE_AT[depth] ?? { ARGS: [depth] };
export const TOP_TYPE = TYPE_AT[0];

export abstract class CommonGrammar extends GrammarBase {
  /** A type expression at nesting depth `depth` (parser-types.ts). */
  protected abstract type: ParserMethod<[depth: number], A.Type>;

  // ---- identifiers --------------------------------------------------------

  private idAlts?: OrMethodOpts<IToken>;

  /** An identifier or `%`-escaped identifier, validated for kebab-case. */
  protected readonly id = this.RULE('id', (): A.Id => {
    const t = this.OR(
      (this.idAlts ??= {
        DEF: [{ ALT: () => this.CONSUME(T.Id) }, { ALT: () => this.CONSUME(T.ExplicitId) }],
        ERR_MSG: 'an identifier or string',
      }),
    );
    // `ACTION` without a closure: the hottest rule.
    return this.RECORDING_PHASE ? (t as never) : this.idOf(t);
  });

  private idOf(t: IToken): A.Id {
    const span = this.s.span(t);
    const name = t.tokenType === T.Id ? t.image : t.image.slice(1);
    const err = validateId(name);
    if (err !== undefined) {
      // A lexer-level error in wasm-tools: it points at the id's start only.
      this.s.report({ severity: 'error', message: err, span: { start: span.start, end: span.start } });
    }
    return { name, span };
  }

  /** wasm-tools' `eat_id`: `id` must be exactly `expected`. */
  protected eatId(id: A.Id, expected: string): void {
    this.ACTION(() => {
      if (id.name !== expected) throw this.fail(id.span, `expected \`${expected}\`, found \`${id.name}\``);
    });
  }

  // ---- comma lists --------------------------------------------------------

  /**
   * wasm-tools' `parse_list_trailer` after the opening token: items
   * separated by commas, a trailing comma allowed, up to `close`. The docs
   * before each item are passed along. An item is attempted on anything but
   * `close` (and fails with its own error when it cannot start); after an
   * item without a comma only `close` may follow.
   *
   * Its DSL occurrences are fixed: one use per rule, in a rule of its own.
   */
  protected listTrailer<R>(close: TokenType, item: (docs: A.Docs) => R): R[] {
    const items: R[] = [];
    let more = true;
    this.loop(
      () => more && this.LA(1).tokenType !== close,
      () => {
        const x = item(this.docs());
        if (!this.RECORDING_PHASE) items.push(x);
        more = this.OPTION(this.comma) !== undefined;
      },
    );
    this.CONSUME(close);
    return items;
  }

  private readonly comma = (): IToken => this.CONSUME(T.Comma);

  // ---- versions -----------------------------------------------------------

  /**
   * Where a version starting at lookahead `k` would end (the tokens
   * `version` consumes), or -1 if its fixed part is malformed.
   */
  protected scanVersion(k: number): number {
    const core = [T.Integer, T.Dot, T.Integer, T.Dot, T.Integer];
    for (const w of core) {
      if (!this.next(w, k)) return -1;
      k++;
    }
    for (const prefix of [T.Minus, T.Plus]) {
      if (!this.next(prefix, k)) continue;
      k++;
      for (;;) {
        if (this.versionChar(k)) k++;
        else if (this.next(T.Dot, k) && this.versionChar(k + 1)) k += 2;
        else break;
      }
    }
    return k;
  }

  /** What a version's pre-release or build part chomps: identifiers, integers and `-`. */
  private versionChar(k: number): boolean {
    const t = this.LA(k + 1).tokenType;
    return t === T.Id || t === T.Integer || t === T.Minus;
  }

  /** A `.` only goes on a version's tail when one of those follows. */
  private readonly versionGoesOn = (): boolean => this.versionChar(0) || (this.next(T.Dot) && this.versionChar(1));

  /**
   * `1.2.3`, optionally followed by `-pre.release` and `+build.meta`. As in
   * wasm-tools, the tail chomps identifiers, integers, `-` and `.` (a `.` only
   * when followed by one of those, so `use a:b/c@1.0.0.{x}` still works), and
   * the text is then validated as semver. The span (and text) only grows
   * with chomped tokens: a bare `-`/`+` is consumed but not part of the
   * version (`@1.0.0-;` is version `1.0.0`).
   */
  protected readonly version = this.RULE('version', (): A.Version => {
    this.open('version');
    const first = this.CONSUME(T.Integer);
    this.CONSUME(T.Dot);
    this.CONSUME2(T.Integer);
    this.CONSUME2(T.Dot);
    let last = this.CONSUME3(T.Integer);
    this.OPTION(() => {
      this.CONSUME(T.Minus);
      this.MANY({ GATE: this.versionGoesOn, DEF: () => (last = this.SUBRULE(this.versionPart)) });
    });
    this.OPTION2(() => {
      this.CONSUME(T.Plus);
      this.MANY2({ GATE: this.versionGoesOn, DEF: () => (last = this.SUBRULE2(this.versionPart)) });
    });
    this.close();
    return this.ACTION(() => this.versionFrom(first, last));
  });

  /** One chomped piece of a version's tail (the gate saw what follows a `.`); returns its last token. */
  private readonly versionPart = this.RULE('versionPart', (): IToken => {
    this.OPTION(() => this.CONSUME(T.Dot));
    return this.OR([
      { ALT: () => this.CONSUME(T.Id) },
      { ALT: () => this.CONSUME(T.Integer) },
      { ALT: () => this.CONSUME(T.Minus) },
    ]);
  });

  private versionFrom(first: IToken, last: IToken): A.Version {
    const s = this.s;
    const span = { start: s.span(first).start, end: s.span(last).end };
    const text = s.text.slice(first.startOffset, last.startOffset + last.image.length);
    const v = parseSemver(text);
    if (typeof v === 'string') {
      // A rejected character inside is already reported by the lexer, and
      // wasm-tools reports that one first.
      if (s.rejectedCharSince(first, this.pos)) return { text, major: 0, minor: 0, patch: 0, pre: [], build: [], span };
      throw this.fail(span, v);
    }
    // Fresh arrays: the cached parse result is shared.
    return { text, major: v.major, minor: v.minor, patch: v.patch, pre: [...v.pre], build: [...v.build], span };
  }

  // ---- attributes -------------------------------------------------------

  protected readonly attributes = this.RULE('attributes', (): A.Attribute[] => {
    const out: A.Attribute[] = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.attribute);
      this.ACTION(() => out.push(a));
    });
    return out;
  });

  /** Whether the next token is an id named `name` (an attribute's name decides its arguments). */
  private nextIdNamed(name: string): boolean {
    const t = this.LA(1);
    return t.tokenType === T.Id ? t.image === name : t.tokenType === T.ExplicitId && t.image.slice(1) === name;
  }

  private readonly attribute = this.RULE('attribute', (): A.Attribute => {
    this.open('attribute');
    this.CONSUME(T.At);
    const attr = this.OR(
      (this.attributeAlts ??= {
        IGNORE_AMBIGUITIES: true,
        ERR_MSG: 'an identifier or string',
        DEF: [
          {
            GATE: () => this.nextIdNamed('since') || this.nextIdNamed('deprecated'),
            ALT: (): A.Attribute => {
              const id = this.SUBRULE(this.id);
              this.CONSUME(T.LParen);
              this.eatId(this.SUBRULE2(this.id), 'version');
              this.CONSUME(T.Eq);
              const version = this.SUBRULE(this.version);
              this.CONSUME(T.RParen);
              return this.ACTION(() => ({ kind: id.name as 'since' | 'deprecated', version, span: id.span }));
            },
          },
          {
            GATE: () => this.nextIdNamed('unstable'),
            ALT: (): A.Attribute => {
              const id = this.SUBRULE3(this.id);
              this.CONSUME2(T.LParen);
              this.eatId(this.SUBRULE4(this.id), 'feature');
              this.CONSUME2(T.Eq);
              const feature = this.SUBRULE5(this.id);
              this.CONSUME2(T.RParen);
              return this.ACTION(() => ({ kind: 'unstable' as const, feature, span: id.span }));
            },
          },
          {
            GATE: () => this.nextIdNamed('external-id'),
            ALT: (): A.Attribute => {
              const id = this.SUBRULE6(this.id);
              this.CONSUME3(T.LParen);
              const s = this.CONSUME(T.String);
              this.CONSUME3(T.RParen);
              return this.ACTION(() => ({ kind: 'external-id' as const, id: s.image.slice(1, -1), span: id.span }));
            },
          },
          {
            ALT: (): A.Attribute => {
              const id = this.SUBRULE7(this.id);
              return this.ACTION(() => {
                throw this.fail(id.span, `unknown attribute \`${id.name}\``);
              });
            },
          },
        ],
      }),
    );
    this.close();
    return attr;
  });

  /** The attribute kinds, told apart by name (cached: the closures only read `this`). */
  private attributeAlts?: OrMethodOpts<A.Attribute>;

  // ---- functions --------------------------------------------------------

  /** `async? func(params) (-> type)?` */
  protected readonly func = this.RULE('funcType', (): A.Func => {
    this.open('func-type');
    const isAsync = this.OPTION(() => this.CONSUME(T.Async));
    const kw = this.CONSUME(T.Func);
    const params = this.SUBRULE(this.params);
    const result = this.OPTION2(() => this.SUBRULE(this.resultType));
    this.close();
    return this.ACTION(() => ({ span: this.s.span(kw), async: isAsync !== undefined, params, result }));
  });

  protected readonly params = this.RULE('params', (): A.Param[] => {
    this.open('params');
    this.CONSUME(T.LParen);
    const params = this.listTrailer(T.RParen, () => {
      this.open('param');
      const name = this.SUBRULE(this.id);
      this.CONSUME(T.Colon);
      const type = this.SUBRULE(this.type, TOP_TYPE);
      this.close();
      return this.ACTION(() => ({ name, type }));
    });
    this.close();
    return params;
  });

  /** `-> type` */
  protected readonly resultType = this.RULE('resultType', (): A.Type => {
    this.open('result-type');
    this.CONSUME(T.Arrow);
    this.ACTION(() => {
      if (this.next(T.LParen)) this.s.hint(this.peek(), HELP_NAMED_RESULTS);
    });
    const t = this.SUBRULE(this.type, TOP_TYPE);
    this.close();
    return t;
  });

  /**
   * `{ items }` of an interface, world or resource. Each item is parsed in a node of
   * kind `itemKind` (the item rule may change it); a syntax error in an item
   * is reported and parsing resumes at the next token in `restart`. An item
   * is attempted on anything but `}` (the item rule fails on what no item
   * starts with); at eof the missing `}` was already reported by the item
   * rule. One use per rule.
   */
  protected bodyItems<R>(itemKind: CstNodeKind, restart: ReadonlySet<string>, item: BodyItem<R>): R[] {
    this.open('body');
    this.CONSUME(T.LBrace);
    const depth = this.ACTION(() => this.s.braceDepthAt(this.pos));
    const items: R[] = [];
    let stop = false;
    this.loop(
      () => !stop && !this.next(T.RBrace),
      () => {
        const itemStart = this.pos;
        const h = this.height();
        const node = this.open(itemKind);
        const docs = this.docs();
        try {
          const attributes = this.SUBRULE(this.attributes);
          if (!this.RECORDING_PHASE) this.setItem(node, docs, attributes);
          const x = this.SUBRULE(item);
          this.ACTION(() => items.push(x));
          this.close();
        } catch (e) {
          this.recovered(e, h, depth, restart, itemStart);
          if (this.atEof()) stop = true;
        }
      },
    );
    this.OPTION(() => this.CONSUME(T.RBrace));
    this.close();
    return items;
  }
}
