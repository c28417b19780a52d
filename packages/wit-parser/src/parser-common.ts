// Grammar pieces shared by items and types (parser.ts, parser-types.ts):
// docs, identifiers, comma lists, versions, attributes and function
// signatures, each following wasm-tools' `ast.rs`.

import type { IToken } from 'chevrotain';
import type * as A from './ast.js';
import { validateId } from './lexer.js';
import { ParserBase } from './parser-base.js';
import { HELP_NAMED_RESULTS } from './hints.js';
import { parseSemver } from './version.js';

/** wasm-tools refuses deeper nesting of types / nested packages. */
export const MAX_TYPE_DEPTH = 100;
export const MAX_PACKAGE_DEPTH = 100;

/** Token kinds of a version's `major.minor.patch`. */
const VERSION_CORE = ['Integer', '.', 'Integer', '.', 'Integer'] as const;
/** What introduces the pre-release and build parts of a version. */
const VERSION_TAIL_PREFIXES = ['-', '+'] as const;

export const NO_DOCS = (): A.Docs => ({ comments: [], span: { start: 0, end: 0 } });

export abstract class CommonParser extends ParserBase {
  // ---- small helpers ----------------------------------------------------

  /** wasm-tools' `parse_docs`: every comment between the previous token and the next. */
  protected docs(): A.Docs {
    const comments = this.pendingComments();
    if (comments.length === 0) return NO_DOCS();
    const first = comments[0];
    const last = comments[comments.length - 1];
    return {
      comments: comments.map((t) => t.image),
      span: { start: this.span(first).start, end: this.span(last).end },
    };
  }

  /** An identifier or `%`-escaped identifier, validated for kebab-case. */
  protected parseId(): A.Id {
    const k = this.kind();
    if (k !== 'Id' && k !== 'ExplicitId') throw this.errExpected('an identifier or string');
    const t = this.bump();
    const span = this.span(t);
    const name = k === 'Id' ? t.image : t.image.slice(1);
    const err = validateId(name);
    if (err !== undefined) {
      // A lexer-level error in wasm-tools: it points at the id's start only.
      this.report({ severity: 'error', message: err, span: { start: span.start, end: span.start } });
    }
    return { name, span };
  }

  /** wasm-tools' `eat_id`: an identifier that must be exactly `expected`. */
  protected eatId(expected: string): A.Id {
    const id = this.parseId();
    if (id.name !== expected) throw this.fail(id.span, `expected \`${expected}\`, found \`${id.name}\``);
    return id;
  }

  /**
   * wasm-tools' `parse_list_trailer`: items separated by commas, a trailing
   * comma allowed, up to `end`. The docs before each item are passed along.
   */
  protected listTrailer<T>(end: string, item: (docs: A.Docs) => T): T[] {
    const items: T[] = [];
    for (;;) {
      const docs = this.docs();
      if (this.eat(end)) break;
      items.push(item(docs));
      if (!this.eat(',')) {
        this.expect(end);
        break;
      }
    }
    return items;
  }

  protected list<T>(start: string, end: string, item: (docs: A.Docs) => T): T[] {
    this.expect(start);
    return this.listTrailer(end, item);
  }

  // ---- versions -----------------------------------------------------------

  /**
   * Where a version starting at lookahead `k` would end (mirrors
   * `parseVersion` without consuming), or -1 if its fixed part is malformed.
   */
  protected scanVersion(k: number): number {
    for (const w of VERSION_CORE) {
      if (this.kind(k) !== w) return -1;
      k++;
    }
    // As in wasm-tools, the span (and text) only grows with chomped
    // identifiers, integers and `-`: a bare `-`/`+` prefix is consumed but
    // not part of the version (`@1.0.0-;` is version `1.0.0`).
    this.scanLast = k - 1;
    for (const prefix of VERSION_TAIL_PREFIXES) {
      if (this.kind(k) !== prefix) continue;
      k++;
      for (;;) {
        const a = this.kind(k);
        if (a === 'Id' || a === 'Integer' || a === '-') {
          this.scanLast = k;
          k++;
        } else if (a === '.') {
          const b = this.kind(k + 1);
          if (b === 'Id' || b === 'Integer' || b === '-') {
            this.scanLast = k + 1;
            k += 2;
          } else break;
        } else break;
      }
    }
    return k;
  }

  /** Lookahead index of the last token inside the span found by `scanVersion`. */
  private scanLast = 0;

  protected versionFrom(first: IToken, last: IToken): A.Version {
    const span = { start: this.span(first).start, end: this.span(last).end };
    const text = this.text.slice(first.startOffset, last.startOffset + last.image.length);
    const v = parseSemver(text);
    if (typeof v === 'string') {
      // A rejected character inside is already reported by the lexer, and
      // wasm-tools reports that one first.
      if (this.rejectedCharSince(first)) return { text, major: 0, minor: 0, patch: 0, pre: [], build: [], span };
      throw this.fail(span, v);
    }
    // Fresh arrays: the cached parse result is shared.
    return { text, major: v.major, minor: v.minor, patch: v.patch, pre: [...v.pre], build: [...v.build], span };
  }

  /** `@1.2.3` when present. */
  protected optVersion(): A.Version | undefined {
    if (!this.eat('@')) return undefined;
    return this.version();
  }

  /**
   * `1.2.3`, optionally followed by `-pre.release` and `+build.meta`. As in
   * wasm-tools, the tail chomps identifiers, integers, `-` and `.` (a `.` only
   * when followed by one of those, so `use a:b/c@1.0.0.{x}` still works), and
   * the text is then validated as semver.
   */
  protected version(): A.Version {
    this.startNode('version');
    const end = this.scanVersion(0);
    if (end < 0) {
      this.expect('Integer');
      this.expect('.');
      this.expect('Integer');
      this.expect('.');
      this.expect('Integer');
    }
    const first = this.peek()!;
    const last = this.peek(this.scanLast)!;
    for (let i = 0; i < end; i++) this.bump();
    this.finishNode();
    return this.versionFrom(first, last);
  }

  // ---- attributes -------------------------------------------------------

  protected attributes(): A.Attribute[] {
    const out: A.Attribute[] = [];
    while (this.at('@')) {
      this.startNode('attribute');
      this.bump();
      const id = this.parseId();
      switch (id.name) {
        case 'since':
        case 'deprecated': {
          this.expect('(');
          this.eatId('version');
          this.expect('=');
          const version = this.version();
          this.expect(')');
          out.push({ kind: id.name, version, span: id.span });
          break;
        }
        case 'unstable': {
          this.expect('(');
          this.eatId('feature');
          this.expect('=');
          const feature = this.parseId();
          this.expect(')');
          out.push({ kind: 'unstable', feature, span: id.span });
          break;
        }
        case 'external-id': {
          this.expect('(');
          const s = this.expect('String');
          this.expect(')');
          out.push({ kind: 'external-id', id: s.image.slice(1, -1), span: id.span });
          break;
        }
        default:
          throw this.fail(id.span, `unknown attribute \`${id.name}\``);
      }
      this.finishNode();
    }
    return out;
  }

  /** `async? func(params) (-> type)?` */
  protected func(): A.Func {
    this.startNode('func-type');
    const isAsync = this.eat('async') !== undefined;
    const kw = this.expect('func');
    const params = this.params();
    const result = this.resultType();
    this.finishNode();
    return { span: this.span(kw), async: isAsync, params, result };
  }

  protected params(): A.Param[] {
    this.startNode('params');
    this.expect('(');
    const params = this.listTrailer(')', () => {
      this.startNode('param');
      const name = this.parseId();
      this.expect(':');
      const type = this.type(0);
      this.finishNode();
      return { name, type };
    });
    this.finishNode();
    return params;
  }

  protected resultType(): A.Type | undefined {
    if (!this.at('->')) return undefined;
    this.startNode('result-type');
    this.bump();
    if (this.at('(')) {
      this.hint(this.peek(), HELP_NAMED_RESULTS);
    }
    const t = this.type(0);
    this.finishNode();
    return t;
  }

  /** A type expression (defined in parser-types.ts). */
  protected abstract type(depth: number): A.Type;
}
