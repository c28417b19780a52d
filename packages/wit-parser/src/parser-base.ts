// Token-stream machinery shared by the WIT grammar (parser.ts): lookahead,
// consumption, CST construction, wasm-tools-style "expected …, found …"
// errors, and error recovery.
//
// The grammar is a hand-written recursive descent parser that follows
// wasm-tools' `ast.rs` decision by decision. That is what makes the *first*
// error we report the one wasm-tools reports (same token, same wording, same
// span), which a generated LL(k) parser cannot promise: wasm-tools decides
// with one-token peeks and ad-hoc "try this, else that" clones, and words each
// failure according to where it happened.

import type { IToken } from 'chevrotain';
import type { Span } from './ast.js';
import type { CstNode, CstNodeKind, CstToken } from './cst.js';
import type { Diagnostic } from './diagnostic.js';
import type { SplitTokens } from './lexer.js';
import {
  BlockComment,
  describeKind,
  isTrivia,
  LineComment,
  rustCharDebug,
  Unknown,
  UnterminatedComment,
  UnterminatedString,
} from './lexer.js';

const NONE: readonly IToken[] = [];

/** Thrown to abandon the current construct; caught at item boundaries. */
export class SyntaxFail {
  constructor(readonly diag: Diagnostic) {}
}

/** Maps UTF-16 offsets of a file to UTF-8 byte offsets. */
export function utf16ToByteMap(text: string): Uint32Array | undefined {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return undefined;
  const map = new Uint32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        b += 4;
        map[++i] = b; // the low surrogate never starts a token
        continue;
      }
      b += 3;
    } else b += 3;
  }
  map[text.length] = b;
  return map;
}

/** Node kinds by code, for the compact CST event stream. */
const KINDS: CstNodeKind[] = [
  'file',
  'package-decl',
  'package-name',
  'nested-package',
  'version',
  'attribute',
  'toplevel-use',
  'interface',
  'world',
  'body',
  'use',
  'use-path',
  'use-names',
  'use-name',
  'include',
  'include-names',
  'include-name',
  'import',
  'export',
  'extern-kind',
  'type-alias',
  'record',
  'field',
  'flags',
  'flag',
  'variant',
  'case',
  'enum',
  'enum-case',
  'resource',
  'resource-func',
  'resource-constructor',
  'named-func',
  'func-type',
  'params',
  'param',
  'result-type',
  'type',
  'error',
];
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));

// The CST is recorded as a flat list of integers while parsing and only
// materialized into objects when someone asks for it (most callers, e.g. the
// resolver, never do). A value >= 0 is the index of a token in `all`; the
// others are markers below.
const FINISH = -1;
const FINISH_INCOMPLETE = -2;
const NOP = -3;
/** Start of a node of kind code `k` is encoded as `START_BASE - k`. */
const START_BASE = -10;

/** Node kinds that own the comments and blank lines before them. */
const LEADING_TRIVIA_INSIDE = new Set<CstNodeKind>([
  'package-decl',
  'nested-package',
  'toplevel-use',
  'interface',
  'world',
  'use',
  'include',
  'import',
  'export',
  'type-alias',
  'record',
  'flags',
  'variant',
  'enum',
  'resource',
  'resource-func',
  'resource-constructor',
  'named-func',
  'field',
  'flag',
  'case',
  'enum-case',
  'param',
  'use-name',
  'include-name',
  'error',
]);

const INVALID_KINDS = new Set(['Unknown', 'UnterminatedComment', 'UnterminatedString']);
const MULTILINE_KINDS = new Set(['Whitespace', 'BlockComment', 'UnterminatedComment', 'Unknown']);

export abstract class ParserBase {
  /**
   * Every token in source order (trivia included), or, from `lexSplit` (no
   * CST), only the trivia other than whitespace.
   */
  private readonly all: IToken[];
  /** Significant tokens (what the grammar sees). */
  protected readonly sig: IToken[];
  /**
   * For each significant token, its index in `all`; from `lexSplit`, the
   * number of `all` tokens before it (the index the token would have).
   */
  private readonly sigAll: number[];
  /** 1 when the significant tokens are in `all` themselves, else 0. */
  private readonly sigInAll: number;
  protected pos = 0;
  /** Index in `all` of the first token not yet placed in the CST. */
  private allPos = 0;
  /** `{` minus `}` consumed so far: drives error recovery. */
  protected braceDepth = 0;
  /** Event indices of the open nodes' start markers. */
  private readonly stack: number[] = [];
  private readonly events: number[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    protected readonly text: string,
    tokens: IToken[] | SplitTokens,
    protected readonly base: number,
    private readonly byteMap: Uint32Array | undefined,
    /** Whether to record the CST (`buildCst`); needs every token (`lex`). */
    private readonly recordCst = true,
  ) {
    if (!Array.isArray(tokens)) {
      // Already apart: nothing to sort out.
      this.all = tokens.trivia;
      this.sig = tokens.sig;
      this.sigAll = tokens.sigTrivia;
      this.sigInAll = 0;
      for (const t of tokens.trivia) {
        const type = t.tokenType;
        if (type === Unknown || type === UnterminatedComment || type === UnterminatedString) this.lexErrors(t);
      }
      if (this.recordCst) throw new Error('unreachable: a CST needs every token');
      this.stack.push(0);
      return;
    }
    const all = tokens;
    this.all = all;
    this.sigInAll = 1;
    // Sized up front: one allocation each instead of growing by `push`.
    let count = 0;
    for (let i = 0; i < all.length; i++) if (!isTrivia(all[i].tokenType)) count++;
    const sig = new Array<IToken>(count);
    const sigAll = new Array<number>(count);
    let k = 0;
    for (let i = 0; i < all.length; i++) {
      const t = all[i].tokenType;
      if (!isTrivia(t)) {
        sig[k] = all[i];
        sigAll[k++] = i;
      } else if (t === Unknown || t === UnterminatedComment || t === UnterminatedString) {
        this.lexErrors(all[i]);
      }
    }
    this.sig = sig;
    this.sigAll = sigAll;
    if (this.recordCst) this.events.push(START_BASE - 0);
    this.stack.push(0);
  }

  /** Diagnostics for characters the lexer rejected, worded like wasm-tools' lexer. */
  private lexErrors(t: IToken): void {
    const type = t.tokenType;
    let at = t.startOffset;
    let message: string;
    if (type === Unknown) {
      message = `unexpected character ${rustCharDebug(t.image)}`;
    } else if (type === UnterminatedComment) {
      message = 'unterminated block comment';
    } else {
      // Strings are single-line: wasm-tools stops at the newline or at eof.
      at += t.image.length;
      message = at < this.text.length ? "invalid string character '\\n'" : 'unexpected end of file';
    }
    const off = this.base + this.local(at);
    this.diagnostics.push({ severity: 'error', message, span: { start: off, end: off } });
  }

  /** UTF-16 offset → file-local byte offset. */
  protected local(off: number): number {
    return this.byteMap === undefined ? off : this.byteMap[off];
  }

  /** Global span of a token. */
  protected span(t: IToken): Span {
    return {
      start: this.base + this.local(t.startOffset),
      end: this.base + this.local(t.startOffset + t.image.length),
    };
  }

  /** Global offset of the end of input (where "found eof" points). */
  protected eofOffset(): number {
    return this.base + this.local(this.text.length);
  }

  // ---- lookahead -------------------------------------------------------

  protected peek(k = 0): IToken | undefined {
    return this.sig[this.pos + k];
  }

  /** Kind of the k-th upcoming token, `eof` past the end. */
  protected kind(k = 0): string {
    const t = this.sig[this.pos + k];
    return t === undefined ? 'eof' : t.tokenType.name;
  }

  protected at(kind: string): boolean {
    return this.kind() === kind;
  }

  protected atId(k = 0): boolean {
    const kd = this.kind(k);
    return kd === 'Id' || kd === 'ExplicitId';
  }

  // ---- consumption and CST --------------------------------------------

  /** Moves pending trivia (and skipped tokens) up to `allIndex` into the current node. */
  private flushTo(allIndex: number): void {
    if (!this.recordCst) {
      if (this.allPos < allIndex) this.allPos = allIndex;
      return;
    }
    while (this.allPos < allIndex) this.events.push(this.allPos++);
  }

  /** Consumes the next significant token into the current CST node. */
  protected bump(): IToken {
    const t = this.sig[this.pos];
    const ai = this.sigAll[this.pos];
    this.flushTo(ai);
    if (this.recordCst) this.events.push(ai);
    this.allPos = ai + this.sigInAll;
    this.pos++;
    const k = t.tokenType.name;
    if (k === '{') this.braceDepth++;
    else if (k === '}') this.braceDepth--;
    return t;
  }

  protected eat(kind: string): IToken | undefined {
    return this.kind() === kind ? this.bump() : undefined;
  }

  /** wasm-tools' `expect`: on mismatch the error points at the found token only. */
  protected expect(kind: string): IToken {
    if (this.kind() === kind) return this.bump();
    throw this.wanted(describeKind(kind));
  }

  /**
   * Opens a CST node; returns a handle for `setKind`/`dissolveNode`.
   * Pending trivia goes inside item-like nodes (it holds their docs) and
   * before every other node, so that e.g. an `attribute` or `type` node
   * starts with its first significant token.
   */
  protected startNode(kind: CstNodeKind): number {
    if (!LEADING_TRIVIA_INSIDE.has(kind)) {
      this.flushTo(this.pos < this.sigAll.length ? this.sigAll[this.pos] : this.all.length);
    }
    const at = this.events.length;
    if (this.recordCst) this.events.push(START_BASE - KIND_CODE.get(kind)!);
    this.stack.push(at);
    return at;
  }

  /** Changes the kind of a node opened before its kind was known. */
  protected setKind(node: number, kind: CstNodeKind): void {
    if (this.recordCst) this.events[node] = START_BASE - KIND_CODE.get(kind)!;
  }

  protected finishNode(): void {
    this.stack.pop();
    if (this.recordCst) this.events.push(FINISH);
  }

  /**
   * Closes the innermost node (`node`) by dissolving it: its children
   * become children of its parent.
   */
  protected dissolveNode(node: number): void {
    this.stack.pop();
    if (this.recordCst) this.events[node] = NOP;
  }

  protected stackHeight(): number {
    return this.stack.length;
  }

  /** Closes nodes left open by an abandoned construct, marking them incomplete. */
  protected unwindTo(height: number): void {
    while (this.stack.length > height) {
      this.stack.pop();
      if (this.recordCst) this.events.push(FINISH_INCOMPLETE);
    }
  }

  /** Places all remaining tokens (trailing trivia) into the root. */
  protected finishFile(): void {
    while (this.stack.length > 1) {
      this.stack.pop();
      if (this.recordCst) this.events.push(FINISH);
    }
    this.flushTo(this.all.length);
    if (this.recordCst) this.events.push(FINISH);
  }

  /** Materializes the CST recorded while parsing (requires `recordCst`). */
  buildCst(): CstNode {
    const all = this.all;
    // Line/column of every token, in one pass.
    const lines = new Int32Array(all.length);
    const cols = new Int32Array(all.length);
    let line = 1;
    let col = 1;
    for (let i = 0; i < all.length; i++) {
      const t = all[i];
      lines[i] = line;
      cols[i] = col;
      const img = t.image;
      if (MULTILINE_KINDS.has(t.tokenType.name)) {
        for (let j = 0; j < img.length; j++) {
          if (img.charCodeAt(j) === 0x0a) {
            line++;
            col = 1;
          } else col++;
        }
      } else col += img.length;
    }
    const stack: CstNode[] = [];
    let root: CstNode | undefined;
    for (const e of this.events) {
      if (e >= 0) {
        const t = all[e];
        const kind = t.tokenType.name;
        const tok: CstToken = {
          type: 'token',
          kind,
          text: t.image,
          start: this.local(t.startOffset),
          end: this.local(t.startOffset + t.image.length),
          line: lines[e],
          column: cols[e],
          trivia: isTrivia(t.tokenType),
        };
        if (INVALID_KINDS.has(kind)) tok.invalid = true;
        stack[stack.length - 1].children.push(tok);
      } else if (e === FINISH || e === FINISH_INCOMPLETE) {
        const n = stack.pop()!;
        if (e === FINISH_INCOMPLETE) n.incomplete = true;
      } else if (e <= START_BASE) {
        const n: CstNode = { type: 'node', kind: KINDS[START_BASE - e], children: [] };
        if (stack.length > 0) stack[stack.length - 1].children.push(n);
        else root = n;
        stack.push(n);
      }
    }
    return root!;
  }

  // ---- trivia queries -------------------------------------------------

  /**
   * Whether a character the lexer rejected lies between `first` (an already
   * consumed significant token) and the last consumed token. wasm-tools
   * would have stopped at that character with a lexer error first.
   */
  protected rejectedCharSince(first: IToken): boolean {
    let j = this.pos - 1;
    while (j > 0 && this.sig[j] !== first) j--;
    for (let i = this.sigAll[j]; i < this.sigAll[this.pos - 1]; i++) {
      if (INVALID_KINDS.has(this.all[i].tokenType.name)) return true;
    }
    return false;
  }

  /** Comment tokens between the last consumed token and the next one. */
  protected pendingComments(): readonly IToken[] {
    const end = this.pos < this.sigAll.length ? this.sigAll[this.pos] : this.all.length;
    let out: IToken[] | undefined;
    for (let i = this.allPos; i < end; i++) {
      const t = this.all[i].tokenType;
      if (t === LineComment || t === BlockComment) (out ??= []).push(this.all[i]);
    }
    return out ?? NONE;
  }

  // ---- errors ---------------------------------------------------------

  private foundDescription(): string {
    const t = this.peek();
    return t === undefined ? 'eof' : describeKind(t.tokenType.name);
  }

  /** `expected X, found Y` pointing at the start of the found token. */
  protected wanted(expected: string): SyntaxFail {
    const t = this.peek();
    const at = t === undefined ? this.eofOffset() : this.span(t).start;
    return new SyntaxFail({
      severity: 'error',
      message: `expected ${expected}, found ${this.foundDescription()}`,
      span: { start: at, end: at },
    });
  }

  /** `expected X, found Y` spanning the whole found token (wasm-tools' `err_expected`). */
  protected errExpected(expected: string): SyntaxFail {
    const t = this.peek();
    const span = t === undefined ? { start: this.eofOffset(), end: this.eofOffset() } : this.span(t);
    return new SyntaxFail({
      severity: 'error',
      message: `expected ${expected}, found ${this.foundDescription()}`,
      span,
    });
  }

  protected fail(span: Span, message: string): SyntaxFail {
    return new SyntaxFail({ severity: 'error', message, span });
  }

  /** Notes to attach to an error reported at a given global offset. */
  private hints: Map<number, string> | undefined;

  /**
   * Remembers that an error at token `t` is probably seed-era syntax; the
   * note is attached if (and only if) an error is then reported there.
   */
  protected hint(t: IToken | undefined, note: string): void {
    if (t !== undefined) (this.hints ??= new Map()).set(this.span(t).start, note);
  }

  protected report(d: Diagnostic): void {
    const note = d.span === undefined ? undefined : this.hints?.get(d.span.start);
    if (note !== undefined) d.help = [...(d.help ?? []), note];
    this.diagnostics.push(d);
  }

  /**
   * After a failed item inside a `{ … }` body opened at brace depth `depth`:
   * skip to a point where the next item can start. Skipped tokens go into an
   * `error` node. Stops after a `;` or a balanced `}` at `depth`, before the
   * `}` closing the body, and before an item keyword (`restart`) at `depth`
   * (e.g. the `type` after a missing `;`). Always makes progress when the
   * failed item consumed nothing (`itemStart` is where it began).
   */
  protected recover(depth: number, restart: ReadonlySet<string>, itemStart: number): void {
    const node = this.startNode('error');
    const from = this.pos;
    if (this.pos === itemStart && this.kind() !== 'eof') {
      const k = this.bump().tokenType.name;
      if (this.braceDepth <= depth && (k === ';' || k === '}')) {
        this.finishNode();
        return;
      }
    }
    for (;;) {
      const k = this.kind();
      if (k === 'eof') break;
      if (this.braceDepth <= depth && (k === '}' || restart.has(k))) break;
      this.bump();
      if (this.braceDepth <= depth && (k === ';' || k === '}')) break;
    }
    // Nothing skipped: no (empty) error node.
    if (this.pos === from) this.dissolveNode(node);
    else this.finishNode();
  }
}
