// The WAVE lexer (WAVE-EBNF.md). Tokens are produced on demand so that the
// first problem in reading order is the one reported. Labels and keywords
// share one token kind: whether `none` is a keyword depends on the expected
// type, which only the typed conversion knows (`%none` is never a keyword).

import { WaveError } from './errors.js';

export type TokenKind = 'number' | 'label' | 'char' | 'string' | '(' | ')' | '[' | ']' | '{' | '}' | ',' | ':' | 'eof';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /**
   * number: the literal text (`-inf` included); label: the name without `%`;
   * char/string: the decoded contents.
   */
  value: string;
  /** Labels only: written with a leading `%`. */
  escaped: boolean;
}

/** The reserved words of WAVE; cases with these names must be written `%name`. */
export const KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'inf', 'nan', 'some', 'none', 'ok', 'err']);

// Numbers are JSON numbers (the exponent, like JSON and wasm-wave, allows leading zeros).
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
// Label words are all-lower or all-upper ASCII. WAVE-EBNF.md wants every
// word to start with a letter, but the Component Model (Explainer.md
// `label`) lets later words start with a digit (`http-2`), and such names
// must stay writable, so we follow the Component Model (as wasm-wave does).
const FIRST_WORD = /^(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)$/;
const WORD = /^(?:[a-z0-9]+|[A-Z0-9]+)$/;

export function isLabel(name: string): boolean {
  const [first, ...rest] = name.split('-');
  return FIRST_WORD.test(first) && rest.every((w) => WORD.test(w));
}

const PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', ':']);

export class Lexer {
  pos: number;

  constructor(
    readonly input: string,
    start = 0,
  ) {
    this.pos = start;
  }

  error(detail: string, start: number, end: number): WaveError {
    return new WaveError(detail, { start, end }, this.input);
  }

  /** Skips whitespace (` `, tab, CR, LF) and `//` comments. */
  skipTrivia(): void {
    const s = this.input;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else if (c === 0x2f && s.charCodeAt(this.pos + 1) === 0x2f) {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl < 0 ? s.length : nl;
      } else return;
    }
  }

  next(): Token {
    this.skipTrivia();
    const s = this.input;
    const start = this.pos;
    if (start >= s.length) return tok('eof', start, start, '');
    const c = s[start];
    if (PUNCT.has(c)) {
      this.pos++;
      return tok(c as TokenKind, start, start + 1, c);
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === '%' || /[A-Za-z]/.test(c)) return this.label();
    if (c === "'") return this.char();
    if (c === '"') return s.startsWith('"""', start) ? this.multiline() : this.string();
    if (c === '/') throw this.error('unexpected `/` (comments start with `//`)', start, start + 1);
    const cp = String.fromCodePoint(s.codePointAt(start)!);
    throw this.error(`unexpected character ${showChar(cp)}`, start, start + cp.length);
  }

  private number(): Token {
    const s = this.input;
    const start = this.pos;
    // Take the whole run of number-ish characters so `1.2.3` or `0x1f` is
    // reported as one bad literal rather than as a number plus garbage.
    let end = start + 1;
    while (end < s.length && /[0-9A-Za-z_.+-]/.test(s[end])) end++;
    const text = s.slice(start, end);
    this.pos = end;
    if (text === '-inf' || NUMBER.test(text)) return tok('number', start, end, text);
    let hint = '';
    if (/^-?0[0-9]/.test(text)) hint = ' (leading zeros are not allowed)';
    else if (/^-?0[xXbBoO]/.test(text)) hint = ' (only base-10 numbers are allowed)';
    else if (/^-?[0-9]+\.(?![0-9])/.test(text)) hint = ' (a `.` must be followed by digits)';
    throw this.error(`invalid number \`${text}\`${hint}`, start, end);
  }

  private label(): Token {
    const s = this.input;
    const start = this.pos;
    const escaped = s[start] === '%';
    let end = escaped ? start + 1 : start;
    while (end < s.length && /[A-Za-z0-9_-]/.test(s[end])) end++;
    const name = s.slice(escaped ? start + 1 : start, end);
    this.pos = end;
    if (!isLabel(name)) {
      let why = 'labels are kebab-case words of ASCII letters and digits';
      if (name === '') why = '`%` must be followed by a label';
      else if (name.includes('_')) why = 'use `-` instead of `_` in labels';
      else if (name.split('-').some((w) => /[a-z]/.test(w) && /[A-Z]/.test(w)))
        why = 'each word of a label must be all lower-case or all upper-case';
      throw this.error(`invalid label \`${s.slice(start, end)}\`: ${why}`, start, end);
    }
    return { kind: 'label', start, end, value: name, escaped };
  }

  /** Reads one `common-char` (or a quote allowed by the caller) at `this.pos`. */
  private charOrEscape(what: string, opening: number): string {
    const s = this.input;
    const at = this.pos;
    if (at >= s.length) throw this.error(`unterminated ${what}`, opening, s.length);
    const c = s[at];
    if (c === '\n') throw this.error(`unterminated ${what} (a newline must be written \`\\n\`)`, opening, at);
    if (c !== '\\') {
      const cp = s.codePointAt(at)!;
      if (cp >= 0xd800 && cp <= 0xdfff) throw this.error('invalid Unicode: lone surrogate', at, at + 1);
      this.pos += cp > 0xffff ? 2 : 1;
      return String.fromCodePoint(cp);
    }
    return this.escape();
  }

  private escape(): string {
    const s = this.input;
    const at = this.pos;
    const e = s[at + 1];
    const simple: Record<string, string> = { "'": "'", '"': '"', '\\': '\\', t: '\t', n: '\n', r: '\r' };
    if (e !== undefined && Object.hasOwn(simple, e)) {
      this.pos += 2;
      return simple[e];
    }
    if (e === 'u') {
      const m = /^\{([0-9a-fA-F]{1,6})\}/.exec(s.slice(at + 2, at + 12));
      if (m === null) {
        const close = s.indexOf('}', at);
        const end = close >= 0 && close < at + 12 ? close + 1 : at + 2;
        throw this.error('invalid escape: expected `\\u{` 1 to 6 hex digits `}`', at, end);
      }
      const end = at + 2 + m[0].length;
      const cp = parseInt(m[1], 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        throw this.error(`invalid escape: U+${m[1].toUpperCase()} is not a Unicode scalar value`, at, end);
      this.pos = end;
      return String.fromCodePoint(cp);
    }
    // A `\` at the end of a line or of the input has nothing (visible) to escape.
    const shown = e === undefined || e === '\n' || e === '\r' ? '' : String.fromCodePoint(s.codePointAt(at + 1)!);
    throw this.error(
      `invalid escape \`\\${shown}\` (allowed: \\' \\" \\\\ \\t \\n \\r \\u{…})`,
      at,
      at + 1 + shown.length,
    );
  }

  private char(): Token {
    const s = this.input;
    const start = this.pos;
    this.pos++;
    if (s[this.pos] === "'") throw this.error('empty char literal', start, this.pos + 1);
    if (s[this.pos] === '\n') throw this.error('a newline in a char literal must be written `\\n`', start, this.pos);
    const value = this.charOrEscape('char literal', start);
    if (s[this.pos] !== "'") {
      // Find where the user meant the literal to end, for a useful span.
      const close = s.indexOf("'", this.pos);
      const nl = s.indexOf('\n', this.pos);
      if (close >= 0 && (nl < 0 || close < nl))
        throw this.error('char literal must contain exactly one character (use "…" for strings)', start, close + 1);
      throw this.error('unterminated char literal', start, this.pos);
    }
    this.pos++;
    return tok('char', start, this.pos, value);
  }

  private string(): Token {
    const s = this.input;
    const start = this.pos;
    this.pos++;
    let value = '';
    while (s[this.pos] !== '"') value += this.charOrEscape('string literal', start);
    this.pos++;
    return tok('string', start, this.pos, value);
  }

  /**
   * `"""` line-break lines* spaces `"""`. The first raw `"""` closes the
   * string (the spec forbids `"""` inside, even as `\"""`); the spaces before
   * it set the indent that every line must start with and loses.
   */
  private multiline(): Token {
    const s = this.input;
    const start = this.pos;
    const bodyStart = start + 3;
    const close = s.indexOf('"""', bodyStart);
    if (close < 0) throw this.error('unterminated multiline string', start, s.length);
    const end = close + 3;
    const nl = s.startsWith('\r\n', bodyStart) ? 2 : s[bodyStart] === '\n' ? 1 : 0;
    if (nl === 0) throw this.error('opening `"""` must be followed immediately by a line break', start, bodyStart);
    const lastNl = s.lastIndexOf('\n', close - 1);
    if (lastNl < bodyStart || /[^ ]/.test(s.slice(lastNl + 1, close)))
      throw this.error('closing `"""` must be on its own line, preceded only by spaces', close, end);
    const indent = close - lastNl - 1;
    const lines: string[] = [];
    let lineStart = bodyStart + nl;
    // Each line runs up to its `\n`; the final line break (before the indent) ends the body.
    while (lineStart <= lastNl) {
      const lineEnd = s.indexOf('\n', lineStart);
      let contentEnd = lineEnd;
      if (s[contentEnd - 1] === '\r') contentEnd--; // part of a `\r\n` line break
      const lead = /^ */.exec(s.slice(lineStart, lineStart + indent))![0].length;
      if (lead < indent)
        throw this.error(
          'multiline string lines must be indented at least as much as the closing `"""`',
          lineStart,
          lineStart + lead + 1,
        );
      this.pos = lineStart + indent;
      let line = '';
      while (this.pos < contentEnd) line += this.charOrEscape('multiline string', start);
      lines.push(line);
      lineStart = lineEnd + 1;
    }
    this.pos = end;
    return tok('string', start, end, lines.join('\n'));
  }
}

function tok(kind: TokenKind, start: number, end: number, value: string): Token {
  return { kind, start, end, value, escaped: false };
}

/** `'x'` for printable characters, `U+000B` otherwise. */
export function showChar(c: string): string {
  const cp = c.codePointAt(0)!;
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? `\`${c}\`` : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
