// The output side of the formatter: receives the significant tokens to print
// (with the separator the layout wants before each one) interleaved with the
// source's trivia, and decides where comments and blank lines go.
//
// Why a separate emitter: the layout (layout.ts) only knows the grammar; the
// comments can sit between any two tokens. Buffering trivia here and placing it
// when the next token arrives keeps the layout free of comment handling.
//
// Comment placement rules (all derived from the source, so a second run sees
// the same shape and makes the same decisions — this is what keeps the
// formatter idempotent):
//   * a comment with no line break before it stays at the end of the previous
//     line ("trailing"), separated by one space;
//   * any other comment gets its own line, indented like the next token;
//   * a line comment always ends its line;
//   * a run of blank lines in the source becomes one blank line, except right
//     after an opening brace and right before a closing one.

import type { CstToken } from '../cst.js';

/** Whether a blank line may, must, or must not precede what comes next. */
export type BlankRule = 'keep' | 'force' | 'forbid';

/** The separator the layout wants before a token. */
export interface Sep {
  /** `line`: start a new line; otherwise stay on the current line. */
  break: 'none' | 'space' | 'line';
  blank: BlankRule;
}

export const NONE: Sep = { break: 'none', blank: 'keep' };
export const SPACE: Sep = { break: 'space', blank: 'keep' };
export const LINE: Sep = { break: 'line', blank: 'keep' };
export const LINE_TIGHT: Sep = { break: 'line', blank: 'forbid' };
export const LINE_BLANK: Sep = { break: 'line', blank: 'force' };

const BREAK_RANK = { none: 0, space: 1, line: 2 } as const;

/** The stronger of two separators; `forbid` beats `force` beats `keep`. */
export function mergeSep(a: Sep | undefined, b: Sep | undefined): Sep | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const brk = BREAK_RANK[a.break] >= BREAK_RANK[b.break] ? a.break : b.break;
  const blank: BlankRule =
    a.blank === 'forbid' || b.blank === 'forbid'
      ? 'forbid'
      : a.blank === 'force' || b.blank === 'force'
        ? 'force'
        : 'keep';
  return { break: brk, blank };
}

interface PendingComment {
  text: string;
  line: boolean;
  /** Line breaks in the source between the previous token/comment and this one. */
  breaks: number;
}

const INDENT = '  ';

export class Emitter {
  private readonly lines: string[] = [];
  private cur = '';
  private level = 0;
  private pending: PendingComment[] = [];
  /** Line breaks seen since the last significant token or comment. */
  private breaks = 0;
  private request: Sep | undefined;
  /** Nothing but trailing comments since the last opening brace. */
  private afterOpen = false;
  /** Nothing at all (not even a comment) since the last opening brace. */
  private emptySinceOpen = false;

  /** Feeds one trivia token from the source, in order. */
  trivia(t: CstToken): void {
    switch (t.kind) {
      case 'Whitespace':
        this.breaks += countBreaks(t.text);
        return;
      case 'LineComment':
        this.pending.push({ text: t.text.trimEnd(), line: true, breaks: this.breaks });
        this.breaks = 0;
        return;
      case 'BlockComment':
        this.pending.push({ text: t.text.replace(/\r\n/g, '\n'), line: false, breaks: this.breaks });
        this.breaks = 0;
        return;
      default:
        // `Bom` (kept out of the output on purpose); invalid trivia cannot
        // occur because broken input is never formatted.
        return;
    }
  }

  /** Asks for (at least) `sep` before the next token, e.g. at an item start. */
  want(sep: Sep): void {
    this.request = mergeSep(this.request, sep);
  }

  /** Prints a significant token; `inline` is the spacing the token rules want. */
  token(text: string, inline: Sep): void {
    const sep = mergeSep(this.request, inline) ?? NONE;
    this.request = undefined;
    this.place(sep, text);
    this.afterOpen = false;
    this.emptySinceOpen = false;
  }

  /** Prints an opening brace/paren of a block: the contents are indented. */
  open(text: string, inline: Sep): void {
    this.token(text, inline);
    this.level++;
    this.afterOpen = true;
    this.emptySinceOpen = true;
    this.want(LINE_TIGHT);
  }

  /**
   * Prints the closing brace/paren of a block. An empty block stays `{}`;
   * otherwise the brace gets its own line. Comments before it are indented as
   * block contents.
   */
  close(text: string): void {
    this.request = undefined;
    if (this.emptySinceOpen && this.pending.length === 0) {
      this.level--;
      this.token(text, NONE);
      return;
    }
    // The blank-line rule for the comments is the usual one; only the brace
    // itself may not follow a blank line.
    this.flushComments(LINE, this.level);
    this.level--;
    this.place(LINE_TIGHT, text, true);
    this.afterOpen = false;
    this.emptySinceOpen = false;
  }

  /** Flushes the trailing trivia and returns the text, ending with one `\n`. */
  finish(): string {
    this.flushComments(LINE, this.level);
    if (this.cur !== '') this.lines.push(this.cur);
    this.cur = '';
    return this.lines.length === 0 ? '' : this.lines.join('\n') + '\n';
  }

  // ---- internals ----------------------------------------------------------

  private place(sep: Sep, text: string, commentsDone = false): void {
    // Comments in the middle of a line (between inline tokens) that must
    // break it are indented one level deeper, as a continuation.
    const commentLevel = sep.break === 'line' ? this.level : this.level + 1;
    const flushed = commentsDone
      ? { any: false, ownLine: false, endsLine: false }
      : this.flushComments(sep, commentLevel);
    if (sep.break === 'line') {
      const blank =
        sep.blank === 'forbid' || this.afterOpen
          ? false
          : sep.blank === 'force' && !flushed.ownLine
            ? true
            : this.breaks >= 2;
      this.newline(blank);
      this.write(text, this.level);
    } else if (flushed.any && (flushed.endsLine || this.breaks > 0)) {
      this.newline(false);
      this.write(text, this.level + 1);
    } else if (flushed.any || sep.break === 'space') {
      this.write(text, this.level, true);
    } else {
      this.write(text, this.level);
    }
    this.breaks = 0;
  }

  /**
   * Prints the buffered comments before a token that wants `sep`. Reports
   * whether any comment got its own line and whether the last one forces the
   * next token onto a new line.
   */
  private flushComments(sep: Sep, level: number): { any: boolean; ownLine: boolean; endsLine: boolean } {
    let ownLine = false;
    let endsLine = false;
    for (const c of this.pending) {
      if (c.breaks === 0 && this.cur !== '' && !endsLine) {
        this.write(c.text, level, true);
      } else {
        const first = !ownLine;
        const blank =
          first && (sep.blank === 'forbid' || this.afterOpen)
            ? false
            : first && sep.break === 'line' && sep.blank === 'force'
              ? true
              : c.breaks >= 2;
        this.newline(blank);
        this.write(c.text, level);
        ownLine = true;
        this.afterOpen = false;
      }
      endsLine = c.line;
    }
    const any = this.pending.length > 0;
    this.pending = [];
    if (any) this.emptySinceOpen = false;
    return { any, ownLine, endsLine };
  }

  /** Ends the current line (no-op at the very start of the output). */
  private newline(blank: boolean): void {
    if (this.lines.length === 0 && this.cur === '') return;
    this.lines.push(this.cur);
    if (blank) this.lines.push('');
    this.cur = '';
  }

  /**
   * Appends text: indented when it starts a line, otherwise after one space
   * if `space`. The inner lines of a multi-line block comment are kept
   * verbatim: re-indenting them would change the docs of a `/**` doc block.
   */
  private write(text: string, level: number, space = false): void {
    if (this.cur === '') text = INDENT.repeat(level) + text;
    else if (space) text = ' ' + text;
    const parts = text.split('\n');
    this.cur += parts[0];
    for (let i = 1; i < parts.length; i++) {
      this.lines.push(this.cur);
      this.cur = parts[i];
    }
  }
}

/** Line breaks in a whitespace token (`\r\n` counts once; the lexer has no lone `\r`). */
function countBreaks(ws: string): number {
  let n = 0;
  for (let i = ws.indexOf('\n'); i >= 0; i = ws.indexOf('\n', i + 1)) n++;
  return n;
}
