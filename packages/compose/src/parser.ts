// The WAC parser: recursive descent over the chevrotain token stream of
// `tokens.ts`, producing the AST of `ast.ts`. Errors follow wac's wording
// ("expected X, found Y") and are rendered with a code frame by `WacSource`.
// The grammar is the one of WAC-LANGUAGE.md, extended with the WIT types wac
// predates (`async func`, `stream`, `future`, `error-context`, `map`, `own`).

import type { IToken, TokenType } from 'chevrotain';
import type * as A from './ast.js';
import { ComposeError, WacSource } from './errors.js';
import {
  Arrow,
  Ellipsis,
  Identifier,
  Integer,
  keywordOf,
  kw,
  lexWac,
  P,
  StringLit,
  UnterminatedComment,
  UnterminatedString,
  Unknown,
  type Keyword,
} from './tokens.js';

const PRIMS = [
  'u8',
  's8',
  'u16',
  's16',
  'u32',
  's32',
  'u64',
  's64',
  'f32',
  'f64',
  'float32',
  'float64',
  'char',
  'bool',
  'string',
  'error-context',
] as const;

// Semver 2.0 (what wac accepts after `@`).
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

class Parser {
  private pos = 0;
  constructor(
    private readonly src: WacSource,
    private readonly toks: IToken[],
  ) {}

  // ------------------------------------------------------------ token helpers

  private peek(n = 0): IToken | undefined {
    return this.toks[this.pos + n];
  }
  private is(t: TokenType, n = 0): boolean {
    return this.peek(n)?.tokenType === t;
  }
  private isKw(k: Keyword, n = 0): boolean {
    return this.is(kw(k), n);
  }
  private eofSpan(): A.Span {
    const n = this.src.text.length;
    return { start: n, end: n };
  }
  private span(t: IToken): A.Span {
    return { start: t.startOffset, end: t.startOffset + t.image.length };
  }
  private describe(t: IToken | undefined): string {
    if (t === undefined) return 'end of input';
    const k = keywordOf(t.tokenType);
    if (k !== undefined) return `\`${k}\` keyword`;
    if (t.tokenType === Identifier) return `identifier \`${t.image}\``;
    if (t.tokenType === StringLit) return `string ${t.image}`;
    if (t.tokenType === Integer) return `integer \`${t.image}\``;
    return `\`${t.image}\``;
  }
  private fail(message: string, span?: A.Span): never {
    throw this.src.error(message, span ?? this.eofSpan());
  }
  private unexpected(expected: string[]): never {
    const t = this.peek();
    if (t?.tokenType === UnterminatedComment) this.fail('unterminated block comment', this.span(t));
    if (t?.tokenType === UnterminatedString) this.fail('unterminated string literal', this.span(t));
    if (t?.tokenType === Unknown) this.fail(`unexpected character \`${t.image}\``, this.span(t));
    let what: string;
    if (expected.length === 1) what = expected[0];
    else if (expected.length === 2) what = `either ${expected[0]} or ${expected[1]}`;
    else if (expected.length <= 10)
      what = `either ${expected.slice(0, -1).join(', ')}, or ${expected[expected.length - 1]}`;
    else what = `either ${expected.slice(0, 10).join(', ')}, or more...`;
    this.fail(`expected ${what}, found ${this.describe(t)}`, t === undefined ? undefined : this.span(t));
  }
  private name(t: TokenType): string {
    const k = keywordOf(t);
    if (k !== undefined) return `\`${k}\` keyword`;
    if (t === Identifier) return 'identifier';
    if (t === StringLit) return 'string';
    return `\`${t.name}\``;
  }
  private expect(t: TokenType): IToken {
    if (this.is(t)) return this.toks[this.pos++];
    this.unexpected([this.name(t)]);
  }
  private eat(t: TokenType): IToken | undefined {
    return this.is(t) ? this.toks[this.pos++] : undefined;
  }
  private expectKw(k: Keyword): IToken {
    return this.expect(kw(k));
  }
  private last(): IToken {
    return this.toks[this.pos - 1];
  }
  private from(start: number): A.Span {
    const l = this.last();
    return { start, end: l.startOffset + l.image.length };
  }

  /** A kebab-case identifier (`%` escapes keywords). */
  private ident(): A.Ident {
    const t = this.peek();
    if (t?.tokenType !== Identifier) this.unexpected(['identifier']);
    this.pos++;
    const name = t.image.startsWith('%') ? t.image.slice(1) : t.image;
    if (
      !/^[a-z][a-z0-9]*(-([a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*$|^[A-Z][A-Z0-9]*(-([a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*$/.test(
        name,
      )
    ) {
      this.fail(`identifier \`${name}\` is not in kebab case`, this.span(t));
    }
    return { name, span: this.span(t) };
  }
  private string(): A.StringLiteral {
    const t = this.expect(StringLit);
    return { value: t.image.slice(1, -1), span: this.span(t) };
  }

  /** `@version`, read from the source text since semver does not tokenise cleanly. */
  private version(): { version: string; span: A.Span } {
    const at = this.expect(P['@']);
    const start = at.startOffset + 1;
    // A trailing `.` belongs to what follows (`use a:b/c@1.0.0.{x}`).
    const m = /^[0-9A-Za-z.+-]*/.exec(this.src.text.slice(start))![0].replace(/\.+$/, '');
    const span = { start, end: start + m.length };
    while (this.pos < this.toks.length && this.toks[this.pos].startOffset < span.end) this.pos++;
    if (m.length === 0) this.unexpected(['version']);
    if (!SEMVER.test(m)) this.fail(`\`${m}\` is not a valid semantic version`, span);
    return { version: m, span };
  }

  /** A segment of a package name or path: keywords are fine there (`test:comp/world`). */
  private segment(): A.Ident {
    const t = this.peek();
    if (t !== undefined && keywordOf(t.tokenType) !== undefined) {
      this.pos++;
      return { name: t.image, span: this.span(t) };
    }
    return this.ident();
  }

  /** `ns:name(:more)*(@version)?`, with `/path` segments when `path` is set. */
  private packageName(path: false): A.PackageName;
  private packageName(path: true): A.PackagePath;
  private packageName(path: boolean): A.PackageName | A.PackagePath {
    const first = this.ident();
    const parts = [first.name];
    this.expect(P[':']);
    parts.push(this.segment().name);
    while (this.eat(P[':'])) parts.push(this.segment().name);
    const segs: string[] = [];
    if (path) {
      this.expect(P['/']);
      segs.push(this.segment().name);
      while (this.eat(P['/'])) segs.push(this.segment().name);
    }
    let version: string | undefined;
    if (this.is(P['@'])) version = this.version().version;
    const end = this.last();
    const span = { start: first.span.start, end: end.startOffset + end.image.length };
    const endOff =
      version !== undefined
        ? Math.max(span.end, this.src.text.indexOf(version, span.start) + version.length)
        : span.end;
    const base = { name: parts.join(':'), version, span: { start: span.start, end: endOff } };
    return path ? { ...base, path: segs } : base;
  }

  /** Whether a package path (`a:b/...`) starts here, as opposed to a plain identifier. */
  private atPackageRef(): boolean {
    // `a: b;` is a named item; a path needs `/` (or a nested `:`) after `ns:pkg`.
    const seg = (n: number) =>
      this.is(Identifier, n) || (this.peek(n) !== undefined && keywordOf(this.peek(n)!.tokenType) !== undefined);
    return this.is(Identifier) && this.is(P[':'], 1) && seg(2) && (this.is(P['/'], 3) || this.is(P[':'], 3));
  }

  // ------------------------------------------------------------ document

  document(): A.Document {
    if (!this.isKw('package')) this.unexpected(['`package` keyword']);
    this.pos++;
    const pkg = this.packageName(false);
    let targets: A.PackagePath | undefined;
    if (this.eat(kw('targets'))) targets = this.packageName(true);
    this.expect(P[';']);
    const statements: A.Statement[] = [];
    while (this.pos < this.toks.length) statements.push(this.statement());
    return { package: pkg, targets, statements };
  }

  private statement(): A.Statement {
    const t = this.peek()!;
    const start = t.startOffset;
    if (this.isKw('import')) {
      this.pos++;
      const id = this.ident();
      let asName: A.Ident | A.StringLiteral | undefined;
      if (this.eat(kw('as'))) asName = this.is(StringLit) ? this.string() : this.ident();
      this.expect(P[':']);
      const type = this.externType(true);
      this.expect(P[';']);
      return { kind: 'import', id, asName, type, span: this.from(start) };
    }
    if (this.isKw('let')) {
      this.pos++;
      const id = this.ident();
      this.expect(P['=']);
      const expr = this.expr();
      this.expect(P[';']);
      return { kind: 'let', id, expr, span: this.from(start) };
    }
    if (this.isKw('export')) {
      this.pos++;
      const expr = this.expr();
      let spread = false;
      let asName: A.Ident | A.StringLiteral | undefined;
      if (this.eat(Ellipsis)) spread = true;
      else if (this.eat(kw('as'))) asName = this.is(StringLit) ? this.string() : this.ident();
      this.expect(P[';']);
      return { kind: 'export', expr, spread, asName, span: this.from(start) };
    }
    if (this.isKw('interface')) {
      this.pos++;
      const id = this.ident();
      const body = this.interfaceBody();
      return { kind: 'interface', id, body, span: this.from(start) };
    }
    if (this.isKw('world')) {
      this.pos++;
      const id = this.ident();
      this.expect(P['{']);
      const items: A.WorldItem[] = [];
      while (!this.eat(P['}'])) items.push(this.worldItem());
      return { kind: 'world', id, items, span: this.from(start) };
    }
    const decl = this.typeDecl(false);
    if (decl !== undefined) return { kind: 'type', decl, span: decl.span };
    this.unexpected([
      '`import` keyword',
      '`let` keyword',
      '`export` keyword',
      '`interface` keyword',
      '`world` keyword',
      '`variant` keyword',
      '`record` keyword',
      '`flags` keyword',
      '`enum` keyword',
      '`type` keyword',
    ]);
  }

  /** `package-path | func-type | inline-interface | id` */
  private externType(allowPath: boolean): A.ExternType {
    if (this.isKw('func') || (this.isKw('async') && this.isKw('func', 1)))
      return { kind: 'func', func: this.funcType() };
    if (this.isKw('interface')) {
      this.pos++;
      return { kind: 'interface', iface: this.interfaceBody() };
    }
    if (allowPath && this.atPackageRef()) return { kind: 'path', path: this.packageName(true) };
    if (this.is(Identifier)) return { kind: 'ident', id: this.ident() };
    this.unexpected(
      allowPath
        ? ['package path', '`func` keyword', '`interface` keyword', 'identifier']
        : ['`func` keyword', '`interface` keyword', 'identifier'],
    );
  }

  // ------------------------------------------------------------ expressions

  private expr(): A.Expr {
    const start = this.peek()?.startOffset ?? this.src.text.length;
    const primary = this.primary();
    const postfix: A.PostfixExpr[] = [];
    for (;;) {
      const s = this.peek()?.startOffset ?? 0;
      if (this.eat(P['.'])) {
        const id = this.ident();
        postfix.push({ kind: 'access', id, span: this.from(s) });
      } else if (this.eat(P['['])) {
        const name = this.string();
        this.expect(P[']']);
        postfix.push({ kind: 'named-access', name, span: this.from(s) });
      } else break;
    }
    return { primary, postfix, span: this.from(start) };
  }

  private primary(): A.PrimaryExpr {
    const t = this.peek();
    if (this.isKw('new')) {
      this.pos++;
      const pkg = this.packageName(false);
      this.expect(P['{']);
      const args: A.InstantiationArg[] = [];
      let ellipsis = false;
      while (!this.is(P['}'])) {
        if (this.is(Ellipsis)) {
          const e = this.toks[this.pos++];
          if (this.is(Identifier)) {
            const id = this.ident();
            args.push({ kind: 'spread', id, span: { start: e.startOffset, end: id.span.end } });
          } else {
            ellipsis = true;
            this.eat(P[',']);
            if (!this.is(P['}'])) this.fail('implicit import argument `...` must be the last argument', this.span(e));
            break;
          }
        } else if (this.is(StringLit)) {
          const name = this.string();
          this.expect(P[':']);
          args.push({ kind: 'named', name, expr: this.expr() });
        } else if (this.is(Identifier)) {
          const id = this.ident();
          if (this.eat(P[':'])) args.push({ kind: 'named', name: id, expr: this.expr() });
          else args.push({ kind: 'inferred', id });
        } else this.unexpected(['identifier', 'string', '`...`', '`}`']);
        if (!this.eat(P[','])) break;
      }
      this.expect(P['}']);
      return { kind: 'new', package: pkg, args, ellipsis, span: this.from(t!.startOffset) };
    }
    if (this.eat(P['('])) {
      const expr = this.expr();
      this.expect(P[')']);
      return { kind: 'nested', expr, span: this.from(t!.startOffset) };
    }
    if (this.is(Identifier)) return { kind: 'ident', id: this.ident() };
    this.unexpected(['`new` keyword', 'identifier', '`(`']);
  }

  // ------------------------------------------------------------ WIT items

  private interfaceBody(): A.InterfaceBody {
    const open = this.expect(P['{']);
    const items: A.InterfaceItem[] = [];
    while (!this.eat(P['}'])) {
      if (this.pos >= this.toks.length) this.unexpected(['`}`']);
      if (this.isKw('use')) {
        items.push({ kind: 'use', use: this.use() });
        continue;
      }
      const decl = this.typeDecl(true);
      if (decl !== undefined) {
        items.push({ kind: 'type', decl });
        continue;
      }
      if (this.is(Identifier)) {
        const id = this.ident();
        this.expect(P[':']);
        const type: A.FuncTypeRef = this.is(Identifier)
          ? { kind: 'ident', id: this.ident() }
          : { kind: 'func', func: this.funcType() };
        this.expect(P[';']);
        items.push({ kind: 'export', id, type, span: this.from(id.span.start) });
        continue;
      }
      this.unexpected([
        '`use` keyword',
        '`resource` keyword',
        '`variant` keyword',
        '`record` keyword',
        '`flags` keyword',
        '`enum` keyword',
        '`type` keyword',
        'identifier',
        '`}`',
      ]);
    }
    return { items, span: this.from(open.startOffset) };
  }

  private use(): A.Use {
    const start = this.expectKw('use').startOffset;
    const path: A.Use['path'] = this.atPackageRef()
      ? { kind: 'path', path: this.packageName(true) }
      : { kind: 'ident', id: this.ident() };
    this.expect(P['.']);
    this.expect(P['{']);
    const items: A.Use['items'] = [];
    do {
      if (this.is(P['}'])) break;
      const id = this.ident();
      items.push({ id, as: this.eat(kw('as')) ? this.ident() : undefined });
    } while (this.eat(P[',']));
    this.expect(P['}']);
    this.expect(P[';']);
    return { path, items, span: this.from(start) };
  }

  private worldItem(): A.WorldItem {
    if (this.pos >= this.toks.length) this.unexpected(['`}`']);
    const start = this.peek()!.startOffset;
    if (this.isKw('use')) return { kind: 'use', use: this.use() };
    if (this.isKw('import') || this.isKw('export')) {
      const kind = this.toks[this.pos++].image as 'import' | 'export';
      let item: A.WorldItemPath;
      if (this.atPackageRef()) item = { kind: 'path', path: this.packageName(true) };
      else {
        const id = this.ident();
        item = this.eat(P[':']) ? { kind: 'named', id, type: this.externType(false) } : { kind: 'ident', id };
      }
      this.expect(P[';']);
      return { kind, item, span: this.from(start) };
    }
    if (this.isKw('include')) {
      this.pos++;
      const world: A.Use['path'] = this.atPackageRef()
        ? { kind: 'path', path: this.packageName(true) }
        : { kind: 'ident', id: this.ident() };
      const withs: { from: A.Ident; to: A.Ident }[] = [];
      if (this.eat(kw('with'))) {
        this.expect(P['{']);
        do {
          if (this.is(P['}'])) break;
          const from = this.ident();
          this.expectKw('as');
          withs.push({ from, to: this.ident() });
        } while (this.eat(P[',']));
        this.expect(P['}']);
      }
      this.expect(P[';']);
      return { kind: 'include', world, with: withs, span: this.from(start) };
    }
    const decl = this.typeDecl(true);
    if (decl !== undefined) return { kind: 'type', decl };
    this.unexpected([
      '`use` keyword',
      '`import` keyword',
      '`export` keyword',
      '`include` keyword',
      '`resource` keyword',
      '`variant` keyword',
      '`record` keyword',
      '`flags` keyword',
      '`enum` keyword',
      '`type` keyword',
    ]);
  }

  /** A type declaration, or undefined when none starts here. Resources only inside interfaces and worlds. */
  private typeDecl(allowResource: boolean): A.TypeDecl | undefined {
    const t = this.peek();
    if (t === undefined) return undefined;
    const start = t.startOffset;
    const k = keywordOf(t.tokenType);
    switch (k) {
      case 'resource': {
        if (!allowResource) return undefined;
        this.pos++;
        const id = this.ident();
        const methods: A.ResourceMethod[] = [];
        if (!this.eat(P[';'])) {
          this.expect(P['{']);
          while (!this.eat(P['}'])) {
            const s = this.peek()?.startOffset ?? 0;
            if (this.eat(kw('constructor'))) {
              const params = this.params();
              // `constructor() -> result<...>` (fallible constructors) is newer WIT.
              if (this.eat(Arrow)) this.type();
              this.expect(P[';']);
              methods.push({ kind: 'constructor', params, span: this.from(s) });
            } else if (this.is(Identifier)) {
              const mid = this.ident();
              this.expect(P[':']);
              const isStatic = this.eat(kw('static')) !== undefined;
              const func = this.funcType();
              this.expect(P[';']);
              methods.push({ kind: isStatic ? 'static' : 'method', id: mid, func, span: this.from(s) });
            } else this.unexpected(['`constructor` keyword', 'identifier', '`}`']);
          }
        }
        return { kind: 'resource', id, methods, span: this.from(start) };
      }
      case 'variant': {
        this.pos++;
        const id = this.ident();
        this.expect(P['{']);
        const cases: { id: A.Ident; type?: A.Type }[] = [];
        this.list(
          () => {
            const cid = this.ident();
            let type: A.Type | undefined;
            if (this.eat(P['('])) {
              type = this.type();
              this.expect(P[')']);
            }
            cases.push({ id: cid, type });
          },
          'variant',
          'case',
        );
        return { kind: 'variant', id, cases, span: this.from(start) };
      }
      case 'record': {
        this.pos++;
        const id = this.ident();
        this.expect(P['{']);
        const fields: A.NamedType[] = [];
        this.list(() => fields.push(this.namedType()), 'record', 'field');
        return { kind: 'record', id, fields, span: this.from(start) };
      }
      case 'flags':
      case 'enum': {
        this.pos++;
        const id = this.ident();
        this.expect(P['{']);
        const names: A.Ident[] = [];
        this.list(() => names.push(this.ident()), k, k === 'flags' ? 'flag' : 'case');
        return k === 'flags'
          ? { kind: 'flags', id, flags: names, span: this.from(start) }
          : { kind: 'enum', id, cases: names, span: this.from(start) };
      }
      case 'type': {
        this.pos++;
        const id = this.ident();
        this.expect(P['=']);
        const type: Extract<A.TypeDecl, { kind: 'alias' }>['type'] =
          this.isKw('func') || (this.isKw('async') && this.isKw('func', 1))
            ? { kind: 'func', func: this.funcType() }
            : { kind: 'type', type: this.type(true) };
        this.expect(P[';']);
        return { kind: 'alias', id, type, span: this.from(start) };
      }
      default:
        return undefined;
    }
  }

  /** A non-empty comma-separated list closed by `}` (wac: "record must contain at least one field"). */
  private list(item: () => void, what: string, one: string): void {
    if (this.is(P['}'])) {
      const close = this.peek()!;
      this.fail(`${what} must contain at least one ${one}`, this.span(close));
    }
    do {
      if (this.is(P['}'])) break;
      item();
    } while (this.eat(P[',']));
    this.expect(P['}']);
  }

  private namedType(): A.NamedType {
    const id = this.ident();
    this.expect(P[':']);
    return { id, type: this.type() };
  }

  private params(): A.NamedType[] {
    this.expect(P['(']);
    const params: A.NamedType[] = [];
    do {
      if (this.is(P[')'])) break;
      params.push(this.namedType());
    } while (this.eat(P[',']));
    this.expect(P[')']);
    return params;
  }

  private funcType(): A.FuncType {
    const start = this.peek()?.startOffset ?? 0;
    const isAsync = this.eat(kw('async')) !== undefined;
    this.expectKw('func');
    const params = this.params();
    let results: A.FuncType['results'] = { kind: 'none' };
    if (this.eat(Arrow)) {
      if (this.is(P['('])) results = { kind: 'named', results: this.params() };
      else results = { kind: 'scalar', type: this.type() };
    }
    return { async: isAsync, params, results, span: this.from(start) };
  }

  private angle<T>(f: () => T): T {
    this.expect(P['<']);
    const r = f();
    this.expect(P['>']);
    return r;
  }

  /** A value type; `inAlias` widens the "expected" list with `func` like wac does. */
  private type(inAlias = false): A.Type {
    const t = this.peek();
    const start = t?.startOffset ?? 0;
    const k = t === undefined ? undefined : keywordOf(t.tokenType);
    if (k !== undefined && (PRIMS as readonly string[]).includes(k)) {
      this.pos++;
      const name = k === 'float32' ? 'f32' : k === 'float64' ? 'f64' : k;
      return { kind: 'prim', name, span: this.span(t!) };
    }
    switch (k) {
      case 'tuple': {
        this.pos++;
        const types: A.Type[] = [];
        this.angle(() => {
          do {
            if (this.is(P['>'])) break;
            types.push(this.type());
          } while (this.eat(P[',']));
        });
        return { kind: 'tuple', types, span: this.from(start) };
      }
      case 'list': {
        this.pos++;
        let length: number | undefined;
        const element = this.angle(() => {
          const e = this.type();
          if (this.eat(P[','])) length = Number(this.expect(Integer).image);
          return e;
        });
        return { kind: 'list', element, length, span: this.from(start) };
      }
      case 'option': {
        this.pos++;
        return { kind: 'option', type: this.angle(() => this.type()), span: this.from(start) };
      }
      case 'result': {
        this.pos++;
        if (!this.is(P['<'])) return { kind: 'result', span: this.from(start) };
        let ok: A.Type | undefined;
        let err: A.Type | undefined;
        this.angle(() => {
          if (this.eat(kw('_'))) {
            // `result<_>` is a result with neither type.
            if (this.eat(P[','])) err = this.type();
          } else {
            ok = this.type();
            if (this.eat(P[','])) err = this.type();
          }
        });
        return { kind: 'result', ok, err, span: this.from(start) };
      }
      case 'borrow':
      case 'own': {
        this.pos++;
        const id = this.angle(() => this.ident());
        return { kind: k, id, span: this.from(start) };
      }
      case 'stream':
      case 'future': {
        this.pos++;
        const element = this.is(P['<']) ? this.angle(() => this.type()) : undefined;
        return { kind: k, element, span: this.from(start) };
      }
      case 'map': {
        this.pos++;
        const [key, value] = this.angle(() => {
          const a = this.type();
          this.expect(P[',']);
          return [a, this.type()] as const;
        });
        return { kind: 'map', key, value, span: this.from(start) };
      }
    }
    if (t?.tokenType === Identifier) {
      const id = this.ident();
      return { kind: 'ident', id, span: id.span };
    }
    const expected = [
      ...(inAlias ? ['`func` keyword'] : []),
      ...PRIMS.filter((p) => !p.startsWith('float')).map((p) => `\`${p}\` keyword`),
      '`tuple` keyword',
      '`list` keyword',
      '`option` keyword',
      '`result` keyword',
      '`borrow` keyword',
      'identifier',
    ];
    this.unexpected(expected);
  }
}

/** Parses a WAC document; throws a `ComposeError` (with `rendered`) on a syntax error. */
export function parseWac(text: string, path = 'input.wac'): A.Document {
  const src = new WacSource(path, text);
  return parseWacSource(src);
}

export function parseWacSource(src: WacSource): A.Document {
  const { tokens } = lexWac(src.text);
  try {
    return new Parser(src, tokens).document();
  } catch (e) {
    if (e instanceof ComposeError) throw e;
    // The public API never crashes on input: report internal errors as diagnostics.
    throw src.error(`internal error while parsing: ${e instanceof Error ? e.message : String(e)}`);
  }
}
