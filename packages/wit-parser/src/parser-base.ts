// The per-file state of a parse, apart from the grammar (parser-items.ts and
// the files it builds on, see parser.ts): the token stream, the lossless CST
// recorded as a flat event list, byte offsets, diagnostics and `help:`
// hints.
//
// The grammar is a chevrotain parser that consumes the significant tokens
// itself; this state catches up with it lazily. Whenever a CST node opens
// or closes (and before docs are read or an error is recovered from), the
// tokens chevrotain consumed since the last such point, with the trivia
// before each, are placed into the innermost open node (`sync`): the same
// event list an eager recorder would produce, without a hook per token.
// Without a CST (the resolver's case) the significant tokens come apart
// from the trivia already (`lexSplit`) and nothing is recorded at all.

import type { IToken } from 'chevrotain';
import type { Span } from './ast.js';
import type { CstNode, CstNodeKind, CstToken } from './cst.js';
import type { Diagnostic } from './diagnostic.js';
import type { SplitTokens } from './lexer.js';
import {
  BlockComment,
  isTrivia,
  LineComment,
  rustCharDebug,
  Unknown,
  UnterminatedComment,
  UnterminatedString,
} from './lexer.js';

const NONE: readonly IToken[] = [];

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

export class ParseState {
  /**
   * Every token in source order (trivia included), or, from `lexSplit` (no
   * CST), only the trivia other than whitespace.
   */
  private readonly all: IToken[];
  /** Significant tokens (the grammar's input). */
  readonly sig: IToken[];
  /** How many significant tokens there are (chevrotain pads `sig` while parsing). */
  readonly sigCount: number;
  /**
   * For each significant token, its index in `all`; from `lexSplit`, the
   * number of `all` tokens before it (the index the token would have).
   */
  private readonly sigAll: number[];
  /** 1 when the significant tokens are in `all` themselves, else 0. */
  private readonly sigInAll: number;
  /** How many significant tokens are placed in the CST (`sync`). */
  private synced = 0;
  /** Index in `all` of the first token not yet placed in the CST. */
  private allPos = 0;
  /** `{` minus `}` among the first `braceTo` significant tokens. */
  private braces = 0;
  private braceTo = 0;
  /** Event indices of the open nodes' start markers. */
  private readonly stack: number[] = [];
  private readonly events: number[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** Notes to attach to an error reported at a given global offset. */
  private hints: Map<number, string> | undefined;

  constructor(
    readonly text: string,
    tokens: IToken[] | SplitTokens,
    readonly base: number,
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
      this.sigCount = tokens.sig.length;
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
    this.sigCount = count;
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
  local(off: number): number {
    return this.byteMap === undefined ? off : this.byteMap[off];
  }

  /** Global span of a token. */
  span(t: IToken): Span {
    return {
      start: this.base + this.local(t.startOffset),
      end: this.base + this.local(t.startOffset + t.image.length),
    };
  }

  /** Global offset of the end of input (where "found eof" points). */
  eofOffset(): number {
    return this.base + this.local(this.text.length);
  }

  /** `{` minus `}` among the significant tokens before `pos` (drives error recovery). */
  braceDepthAt(pos: number): number {
    // Tokens are only ever consumed: the count catches up incrementally.
    while (this.braceTo < pos) {
      const k = this.sig[this.braceTo++].tokenType.name;
      if (k === '{') this.braces++;
      else if (k === '}') this.braces--;
    }
    return this.braces;
  }

  // ---- CST ------------------------------------------------------------

  /** Moves pending trivia (and skipped tokens) up to `allIndex` into the current node. */
  private flushTo(allIndex: number): void {
    if (!this.recordCst) {
      if (this.allPos < allIndex) this.allPos = allIndex;
      return;
    }
    while (this.allPos < allIndex) this.events.push(this.allPos++);
  }

  /**
   * Places the significant tokens before `pos` (the grammar's position)
   * that are not in the CST yet into the current node, each after the
   * trivia before it.
   */
  sync(pos: number): void {
    if (!this.recordCst) {
      if (pos > this.synced) {
        this.synced = pos;
        const after = this.sigAll[pos - 1];
        if (this.allPos < after) this.allPos = after;
      }
      return;
    }
    while (this.synced < pos) {
      const ai = this.sigAll[this.synced++];
      this.flushTo(ai);
      this.events.push(ai);
      this.allPos = ai + 1;
    }
  }

  /**
   * Opens a CST node at `pos`; returns a handle for `setKind`/`dissolveNode`.
   * Pending trivia goes inside item-like nodes (it holds their docs) and
   * before every other node, so that e.g. an `attribute` or `type` node
   * starts with its first significant token.
   */
  startNode(kind: CstNodeKind, pos: number): number {
    this.sync(pos);
    if (!LEADING_TRIVIA_INSIDE.has(kind)) {
      this.flushTo(pos < this.sigCount ? this.sigAll[pos] : this.all.length);
    }
    const at = this.events.length;
    if (this.recordCst) this.events.push(START_BASE - KIND_CODE.get(kind)!);
    this.stack.push(at);
    return at;
  }

  /** Changes the kind of a node opened before its kind was known. */
  setKind(node: number, kind: CstNodeKind): void {
    if (this.recordCst) this.events[node] = START_BASE - KIND_CODE.get(kind)!;
  }

  finishNode(pos: number): void {
    this.sync(pos);
    this.stack.pop();
    if (this.recordCst) this.events.push(FINISH);
  }

  /**
   * Closes the innermost node (`node`) by dissolving it: its children
   * become children of its parent.
   */
  dissolveNode(node: number, pos: number): void {
    this.sync(pos);
    this.stack.pop();
    if (this.recordCst) this.events[node] = NOP;
  }

  stackHeight(): number {
    return this.stack.length;
  }

  /** Closes nodes left open by an abandoned construct, marking them incomplete. */
  unwindTo(height: number, pos: number): void {
    this.sync(pos);
    while (this.stack.length > height) {
      this.stack.pop();
      if (this.recordCst) this.events.push(FINISH_INCOMPLETE);
    }
  }

  /** Places all remaining tokens (trailing trivia) into the root. */
  finishFile(pos: number): void {
    this.sync(pos);
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
   * consumed significant token) and the last token before `pos`. wasm-tools
   * would have stopped at that character with a lexer error first.
   */
  rejectedCharSince(first: IToken, pos: number): boolean {
    let j = pos - 1;
    while (j > 0 && this.sig[j] !== first) j--;
    for (let i = this.sigAll[j]; i < this.sigAll[pos - 1]; i++) {
      if (INVALID_KINDS.has(this.all[i].tokenType.name)) return true;
    }
    return false;
  }

  /** Comment tokens between the last token before `pos` and the next one. */
  pendingComments(pos: number): readonly IToken[] {
    this.sync(pos);
    const end = pos < this.sigCount ? this.sigAll[pos] : this.all.length;
    let out: IToken[] | undefined;
    for (let i = this.allPos; i < end; i++) {
      const t = this.all[i].tokenType;
      if (t === LineComment || t === BlockComment) (out ??= []).push(this.all[i]);
    }
    return out ?? NONE;
  }

  // ---- diagnostics ----------------------------------------------------

  /**
   * Remembers that an error at token `t` is probably seed-era syntax; the
   * note is attached if (and only if) an error is then reported there.
   */
  hint(t: IToken, note: string): void {
    (this.hints ??= new Map()).set(this.span(t).start, note);
  }

  report(d: Diagnostic): void {
    const note = d.span === undefined ? undefined : this.hints?.get(d.span.start);
    if (note !== undefined) d.help = [...(d.help ?? []), note];
    this.diagnostics.push(d);
  }
}
