// The base of the WIT grammar: a chevrotain `EmbeddedActionsParser` set up
// the way wasm-tools parses, plus what every rule shares: lookahead for
// gates, CST nodes, docs, errors and recovery at item boundaries.
//
// One parser instance serves every parse (`performSelfAnalysis` runs once;
// `parse` sets `input` and the per-file `ParseState`). `maxLookahead` is 1:
// wasm-tools decides with one-token peeks, and where it looks further (the
// package header, `import name: …`, attribute names, version tails) a
// `GATE` does the same peeks. A failed choice is an `OR`'s `ERR_MSG`
// (wasm-tools' `err_expected`, see parser-errors.ts). Two helpers stand for
// the rest of its hand-written control flow: `otherwise`, the last `OR`
// alternative standing for an `else`/`_ =>` arm that does more than
// `err_expected` (an `expect`, or a node opened first), and `loop`, a
// repetition that runs while its `GATE` holds whatever the next token
// (`loop { … if eat('}') { break } … }`; the lookahead strategy below gives
// it no token lookahead), so that an item failing on the first token
// reports its own error. Error recovery is
// ours, not chevrotain's (`recoveryEnabled: false`): rules that parse items
// catch the failure, report it and skip to the next item (`recovered`), so
// every syntax error of a file is reported and the first one is the one
// wasm-tools reports.
//
// Everything with a side effect (CST events, diagnostics, AST values)
// happens in an `ACTION` (or, in the hottest helpers, behind the same
// `RECORDING_PHASE` test that `ACTION` makes), so chevrotain's
// grammar-recording pass runs the rules without touching any state.

import {
  EmbeddedActionsParser,
  EOF,
  LLkLookaheadStrategy,
  type ILookaheadStrategy,
  type IOrAlt,
  type IToken,
  type TokenType,
} from 'chevrotain';
import type * as A from './ast.js';
import type { CstNodeKind } from './cst.js';
import type { ParseState } from './parser-base.js';
import { diagnosticOf, errExpected, SyntaxFail, wanted, WIT_ERROR_MESSAGES } from './parser-errors.js';
import { T, VOCABULARY } from './parser-tokens.js';

export const NO_DOCS = (): A.Docs => ({ comments: [], span: { start: 0, end: 0 } });

/** The DSL occurrence index of `loop`s (`MANY9`). */
const LOOP = 9;
const always = (): boolean => true;

/**
 * chevrotain's LL(1) lookahead, except for `loop`s: their `GATE` alone
 * decides whether another iteration runs, whatever the next token (an
 * iteration on a token no item starts with reports the item's error).
 */
function witLookahead(): ILookaheadStrategy {
  const llk = new LLkLookaheadStrategy({ maxLookahead: 1 });
  return {
    validate: (options) => llk.validate(options),
    buildLookaheadForAlternation: (options) => llk.buildLookaheadForAlternation(options),
    buildLookaheadForOptional: (options) =>
      options.prodType === 'Repetition' && options.prodOccurrence === LOOP
        ? always
        : llk.buildLookaheadForOptional(options),
  };
}

export abstract class GrammarBase extends EmbeddedActionsParser {
  /** The file being parsed (set by `parseState`). */
  protected s!: ParseState;
  /** chevrotain's index of the last consumed token (-1 before the first). */
  declare private currIdx: number;

  /**
   * `validate`: run chevrotain's grammar checks (ambiguities, left
   * recursion, …) in `performSelfAnalysis`. The grammar is fixed and a test
   * runs them; skipping them halves the set-up time of the first parse.
   */
  constructor(validate: boolean) {
    super(VOCABULARY, {
      maxLookahead: 1,
      lookaheadStrategy: witLookahead(),
      recoveryEnabled: false,
      errorMessageProvider: WIT_ERROR_MESSAGES,
      skipValidations: !validate,
    });
  }

  /** Parses the file whose tokens and CST recorder `state` holds. */
  protected parseState<R>(state: ParseState, rule: () => R): R {
    this.s = state;
    this.input = state.sig;
    try {
      return rule();
    } finally {
      this.input = [];
      this.s = undefined!;
    }
  }

  // ---- the body item being parsed -----------------------------------------

  // The body loops (interface, world and resource bodies) set these just
  // before invoking the item rule, which reads them before anything nested
  // can set them again: the item rules need no arguments, and their `OR`
  // alternatives can be built once.

  /** The item's CST node (its kind changes once the item is known). */
  protected itemNode = 0;
  protected itemDocs: A.Docs = NO_DOCS();
  protected itemAttributes: A.Attribute[] = [];

  protected setItem(node: number, docs: A.Docs, attributes: A.Attribute[]): void {
    this.itemNode = node;
    this.itemDocs = docs;
    this.itemAttributes = attributes;
  }

  // ---- lookahead (for gates and actions) --------------------------------

  /** How many significant tokens are consumed: the index of the next one. */
  protected get pos(): number {
    return this.currIdx + 1;
  }

  /** The k-th upcoming token (0: the next); chevrotain's EOF token past the end. */
  protected peek(k = 0): IToken {
    return this.LA(k + 1);
  }

  /** Whether the k-th upcoming token has type `type`. */
  protected next(type: TokenType, k = 0): boolean {
    return this.LA(k + 1).tokenType === type;
  }

  protected nextIsId(k = 0): boolean {
    const t = this.LA(k + 1).tokenType;
    return t === T.Id || t === T.ExplicitId;
  }

  protected atEof(): boolean {
    return this.LA(1).tokenType === EOF;
  }

  /**
   * wasm-tools' `loop { … }` that ends on a token it checks by hand: runs
   * `body` while `more` holds, whatever the next token is (see
   * `witLookahead`). The body must consume a token on every iteration but
   * the last. One use per rule.
   */
  protected loop(more: () => boolean, body: () => void): void {
    this.MANY9({ GATE: more, DEF: body });
  }

  // ---- CST and docs -------------------------------------------------------

  // The helpers below run on every token or so: they test `RECORDING_PHASE`
  // themselves, which is what `ACTION` does, without a closure per call.

  /** Opens a CST node before the next token; returns its handle. */
  protected open(kind: CstNodeKind): number {
    return this.RECORDING_PHASE ? 0 : this.s.startNode(kind, this.pos);
  }

  /** Closes the innermost CST node after the last consumed token. */
  protected close(): void {
    if (!this.RECORDING_PHASE) this.s.finishNode(this.pos);
  }

  /** Gives a node opened before its kind was known its kind. */
  protected retag(node: number, kind: CstNodeKind): void {
    if (!this.RECORDING_PHASE) this.s.setKind(node, kind);
  }

  protected height(): number {
    return this.RECORDING_PHASE ? 0 : this.s.stackHeight();
  }

  /** wasm-tools' `parse_docs`: every comment between the previous token and the next. */
  protected docs(): A.Docs {
    if (this.RECORDING_PHASE) return NO_DOCS();
    const comments = this.s.pendingComments(this.pos);
    if (comments.length === 0) return NO_DOCS();
    const first = comments[0];
    const last = comments[comments.length - 1];
    return {
      comments: comments.map((t) => t.image),
      span: { start: this.s.span(first).start, end: this.s.span(last).end },
    };
  }

  // ---- errors -------------------------------------------------------------

  /** wasm-tools' `expect` failing on the next token: points at its start. */
  protected wanted(expected: string): SyntaxFail {
    return wanted(this.s, expected, this.LA(1));
  }

  /** wasm-tools' `err_expected` on the next token: spans it. */
  protected errExpected(expected: string): SyntaxFail {
    return errExpected(this.s, expected, this.LA(1));
  }

  protected fail(span: A.Span, message: string): SyntaxFail {
    return new SyntaxFail({ severity: 'error', message, span });
  }

  /**
   * The last alternative of an `OR` for wasm-tools' `else`/`_ =>` arm when
   * it is not a plain `err_expected` (which `ERR_MSG` words): it matches
   * anything else (an empty alternative to chevrotain) and throws what
   * `fail` builds, e.g. an `expect` failing, or an id failing inside the
   * node wasm-tools had opened for it.
   */
  protected otherwise(fail: () => SyntaxFail): IOrAlt<never> {
    return {
      ALT: () =>
        this.ACTION(() => {
          throw fail();
        }),
    };
  }

  /** A failed id-led list item: its node is open (as in wasm-tools' order) when the id fails. */
  protected idItemFail(kind: CstNodeKind): SyntaxFail {
    this.s.startNode(kind, this.pos);
    return this.errExpected('an identifier or string');
  }

  // ---- recovery -----------------------------------------------------------

  /**
   * After an item that began at token `itemStart` (with `height` nodes
   * open) failed with `e` inside a `{ … }` body opened at brace depth
   * `depth`: reports the error, closes the item's nodes as incomplete and
   * skips to where the next item can start. Skipped tokens go into an
   * `error` node. Stops after a `;` or a balanced `}` at `depth`, before the
   * `}` closing the body, and before an item keyword (`restart`) at `depth`
   * (e.g. the `type` after a missing `;`). Always makes progress when the
   * failed item consumed nothing.
   */
  protected recovered(
    e: unknown,
    height: number,
    depth: number,
    restart: ReadonlySet<string>,
    itemStart: number,
  ): void {
    const s = this.s;
    s.report(diagnosticOf(s, e));
    s.unwindTo(height, this.pos);
    const node = s.startNode('error', this.pos);
    const from = this.pos;
    let braces = s.braceDepthAt(this.pos);
    const skip = (): string => {
      const k = this.LA(1).tokenType.name;
      this.SKIP_TOKEN();
      if (k === '{') braces++;
      else if (k === '}') braces--;
      return k;
    };
    if (this.pos === itemStart && !this.atEof()) {
      const k = skip();
      if (braces <= depth && (k === ';' || k === '}')) {
        s.finishNode(this.pos);
        return;
      }
    }
    while (!this.atEof()) {
      const k = this.LA(1).tokenType.name;
      if (braces <= depth && (k === '}' || restart.has(k))) break;
      skip();
      if (braces <= depth && (k === ';' || k === '}')) break;
    }
    // Nothing skipped: no (empty) error node.
    if (this.pos === from) s.dissolveNode(node, this.pos);
    else s.finishNode(this.pos);
  }
}
