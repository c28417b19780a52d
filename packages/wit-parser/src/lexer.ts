// The WIT lexer, built on chevrotain token definitions.
//
// Nothing is skipped: whitespace and comments are ordinary tokens (marked as
// trivia) so that the CST built on top of this stream re-emits the source
// byte for byte. The parser simply steps over trivia.
//
// Lexing mirrors wasm-tools' `ast/lex.rs`:
//  * any "keylike" run of characters is lexed first and classified afterwards
//    as keyword or identifier (keyword token types have no pattern and are
//    assigned by one map lookup: what wasm-tools does, and much faster than
//    `longer_alt` over ~45 keyword patterns);
//  * identifiers are validated for kebab-case only when the parser consumes
//    them, so that the first error reported is the one wasm-tools reports;
//  * `\r\n` counts as a newline, block comments nest, strings are one line;
//  * a handful of code points are refused for the whole file up front
//    (`detectInvalidInput`).
// Token types are chevrotain `TokenType`s and tokens chevrotain `IToken`s,
// but the scanning itself is a hand-written loop (`scan`) dispatching on the
// first character: it produces exactly what chevrotain's lexer produced from
// the patterns below (first matching pattern in definition order wins), at a
// fraction of the cost and without per-match arrays.

import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

/**
 * Marks token types the parser steps over. Trivia stays in chevrotain's main
 * token vector (no lexer group): one ordered array, nothing to merge.
 */
const TRIVIA_TYPES = new Set<TokenType>();
function trivia(t: TokenType): TokenType {
  TRIVIA_TYPES.add(t);
  return t;
}

const keylikeStart = /[\p{XID_Start}_]/u;
const identRe = /[\p{XID_Start}_][\p{XID_Continue}-]*/uy;
const explicitIdRe = /%(?:[\p{XID_Start}_][\p{XID_Continue}-]*)?/uy;

/**
 * An identifier: ASCII fast path, falling back to the Unicode regexp as soon
 * as a non-ASCII character shows up (wasm-tools lexes any XID run).
 */
function matchIdent(text: string, offset: number): RegExpExecArray | null {
  const c = text.charCodeAt(offset);
  if (c >= 0x80) return stickyRun(identRe, text, offset);
  if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) return null;
  let i = offset + 1;
  const n = text.length;
  while (i < n) {
    const d = text.charCodeAt(i);
    if ((d >= 0x61 && d <= 0x7a) || (d >= 0x30 && d <= 0x39) || d === 0x2d || (d >= 0x41 && d <= 0x5a) || d === 0x5f) {
      i++;
    } else if (d >= 0x80) {
      return stickyRun(identRe, text, offset);
    } else break;
  }
  return [text.slice(offset, i)] as unknown as RegExpExecArray;
}

function stickyRun(re: RegExp, text: string, offset: number): RegExpExecArray | null {
  re.lastIndex = offset;
  return re.exec(text);
}

/** Runs a sticky regexp at `offset` (chevrotain custom-pattern protocol). */
function stickyExec(re: RegExp) {
  return (text: string, offset: number): RegExpExecArray | null => {
    re.lastIndex = offset;
    return re.exec(text);
  };
}

/**
 * A `/* … *\/` comment with nesting. Returns null when unterminated so that
 * the `UnterminatedComment` token below takes over.
 */
function matchBlockComment(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 0x2f || text.charCodeAt(offset + 1) !== 0x2a) return null;
  const end = blockCommentEnd(text, offset);
  return end < 0 ? null : ([text.slice(offset, end)] as unknown as RegExpExecArray);
}

/** Where the (nested) block comment starting with the `/*` at `offset` ends, -1 when unterminated. */
function blockCommentEnd(text: string, offset: number): number {
  let depth = 1;
  let i = offset + 2;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      depth++;
      i += 2;
    } else if (c === 0x2a && text.charCodeAt(i + 1) === 0x2f) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return -1;
}

/** A UTF-8 byte order mark at the very start of a file (ignored, like wasm-tools). */
export const Bom = trivia(
  createToken({
    name: 'Bom',
    pattern: {
      exec: (text: string, offset: number): RegExpExecArray | null =>
        offset === 0 && text.charCodeAt(0) === 0xfeff ? (['\ufeff'] as unknown as RegExpExecArray) : null,
    },
  }),
);

/** Spaces, tabs, `\n` and `\r\n` (a lone `\r` is not whitespace in WIT). */
function matchWhitespace(text: string, offset: number): RegExpExecArray | null {
  let i = offset;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09) i++;
    else if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i += 2;
    else break;
  }
  return i === offset ? null : ([text.slice(offset, i)] as unknown as RegExpExecArray);
}

/** `//` up to (not including) the `\n` or `\r\n` ending the line. */
function matchLineComment(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 0x2f || text.charCodeAt(offset + 1) !== 0x2f) return null;
  return [text.slice(offset, lineCommentEnd(text, offset))] as unknown as RegExpExecArray;
}

/** Where the line comment starting at `offset` ends (before its `\n` or `\r\n`). */
function lineCommentEnd(text: string, offset: number): number {
  let end = text.indexOf('\n', offset + 2);
  if (end < 0) end = text.length;
  else if (text.charCodeAt(end - 1) === 0x0d) end--;
  return end;
}

export const Whitespace = trivia(
  createToken({
    name: 'Whitespace',
    pattern: { exec: matchWhitespace },
    line_breaks: true,
  }),
);
export const LineComment = trivia(
  createToken({
    name: 'LineComment',
    // The newline ending the comment is left to the following whitespace token.
    pattern: { exec: matchLineComment },
  }),
);
export const BlockComment = trivia(
  createToken({
    name: 'BlockComment',
    pattern: { exec: matchBlockComment },
    line_breaks: true,
  }),
);
/** An unterminated `/*`: swallows the rest of the file (an error). */
export const UnterminatedComment = trivia(
  createToken({
    name: 'UnterminatedComment',
    pattern: /\/\*[^]*/,
    line_breaks: true,
  }),
);
// Strings (only used by `@external-id("…")`) may not span lines.
export const StringLit = createToken({
  name: 'String',
  pattern: /"(?:[^"\n\r]|\r(?!\n))*"/,
});
/** An unterminated string: up to the end of the line (an error). */
export const UnterminatedString = trivia(
  createToken({
    name: 'UnterminatedString',
    pattern: /"(?:[^"\n\r]|\r(?!\n))*/,
  }),
);

export const Identifier = createToken({
  name: 'Id',
  pattern: { exec: matchIdent },
  line_breaks: false,
});
export const ExplicitId = createToken({
  name: 'ExplicitId',
  pattern: { exec: stickyExec(explicitIdRe) },
  line_breaks: false,
});
export const Integer = createToken({ name: 'Integer', pattern: /[0-9]+/ });

/** Keywords of WIT as wasm-tools 1.257 lexes them. */
export const KEYWORDS = [
  'as',
  'async',
  'bool',
  'borrow',
  'char',
  'constructor',
  'enum',
  'error-context',
  'export',
  'f32',
  'f64',
  'flags',
  'from',
  'func',
  'future',
  'import',
  'include',
  'interface',
  'list',
  'map',
  'option',
  'own',
  'package',
  'record',
  'resource',
  'result',
  's16',
  's32',
  's64',
  's8',
  'static',
  'stream',
  'string',
  'tuple',
  'type',
  'u16',
  'u32',
  'u64',
  'u8',
  'use',
  'variant',
  'with',
  'world',
  '_',
] as const;
export type Keyword = (typeof KEYWORDS)[number];
const MAX_KEYWORD_LENGTH = Math.max(...KEYWORDS.map((k) => k.length));

// Keyword token types are never matched by a pattern: `lex` reclassifies
// identifier tokens whose text is a keyword.
const keywordTokens = new Map<string, TokenType>();
for (const kw of KEYWORDS) {
  keywordTokens.set(
    kw,
    createToken({
      name: kw,
      pattern: Lexer.NA,
    }),
  );
}
export function keywordToken(kw: Keyword): TokenType {
  return keywordTokens.get(kw)!;
}

function punct(name: string, text: string): TokenType {
  return createToken({ name, pattern: text });
}
export const RArrow = punct('->', '->');
const PUNCT: TokenType[] = [
  RArrow,
  ...['=', ',', ':', ';', '(', ')', '{', '}', '<', '>', '*', '@', '/', '.', '+', '-'].map((p) => punct(p, p)),
];

/** Any other single character: reported as "unexpected character". */
const anyCodePoint = /[^]/uy;
export const Unknown = trivia(
  createToken({
    name: 'Unknown',
    pattern: { exec: stickyExec(anyCodePoint) },
    line_breaks: true,
  }),
);

export interface LexResult {
  /** Every token in source order, trivia included (see `isTrivia`). */
  all: IToken[];
}

// First-character classes of the scanner (ASCII only; everything from
// U+0080 on is an identifier when `identRe` matches, else `Unknown`).
const C_UNKNOWN = 0;
const C_WS = 1;
const C_SLASH = 2;
const C_QUOTE = 3;
const C_IDENT = 4;
const C_PERCENT = 5;
const C_DIGIT = 6;
const C_PUNCT = 7;
const C_MINUS = 8;
const C_CR = 9;
const CLASS = new Uint8Array(128);
/** The single-character punctuation token of an ASCII code. */
const PUNCT_BY_CODE: (TokenType | undefined)[] = new Array(128).fill(undefined);
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = C_IDENT;
for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = C_IDENT;
CLASS[0x5f] = C_IDENT;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = C_DIGIT;
CLASS[0x20] = C_WS;
CLASS[0x09] = C_WS;
CLASS[0x0a] = C_WS;
CLASS[0x0d] = C_CR;
CLASS[0x22] = C_QUOTE;
CLASS[0x25] = C_PERCENT;
for (const t of PUNCT) {
  if (t === RArrow) continue;
  const c = t.name.charCodeAt(0);
  PUNCT_BY_CODE[c] = t;
  CLASS[c] = C_PUNCT;
}
CLASS[0x2f] = C_SLASH;
CLASS[0x2d] = C_MINUS;

/** Same shape as the tokens of chevrotain's lexer with `positionTracking: 'onlyOffset'`. */
function token(image: string, startOffset: number, type: TokenType): IToken {
  return { image, startOffset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

/** Length of the code point at `i` in UTF-16 units (a lone surrogate counts as one). */
function codePointLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/**
 * The token list chevrotain's lexer produces for the token definitions
 * above, tried in their order (`Bom`, `Whitespace`, `LineComment`,
 * `BlockComment`, `UnterminatedComment`, `String`, `UnterminatedString`,
 * `Id`, `ExplicitId`, `Integer`, punctuation, `Unknown`), with keywords
 * reclassified. Without `keepWhitespace`, `Whitespace` and `Bom` tokens are
 * left out (an AST-only parse never looks at them).
 */
function scan(text: string, keepWhitespace: boolean, split?: SplitTokens): IToken[] {
  const out: IToken[] = [];
  // Where trivia and significant tokens go: both into `out`, or apart.
  const triviaOut = split === undefined ? out : split.trivia;
  const sigOut = split === undefined ? out : split.sig;
  const sigTrivia = split?.sigTrivia;
  const n = text.length;
  let i = 0;
  if (n > 0 && text.charCodeAt(0) === 0xfeff) {
    if (keepWhitespace) triviaOut.push(token('\ufeff', 0, Bom));
    i = 1;
  }
  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    const cls = c < 0x80 ? CLASS[c] : C_UNKNOWN;
    switch (cls) {
      case C_WS:
        i = whitespaceEnd(text, i);
        if (keepWhitespace) triviaOut.push(token(text.slice(start, i), start, Whitespace));
        continue;
      case C_CR:
        if (text.charCodeAt(i + 1) === 0x0a) {
          i = whitespaceEnd(text, i);
          if (keepWhitespace) triviaOut.push(token(text.slice(start, i), start, Whitespace));
          continue;
        }
        i++;
        triviaOut.push(token('\r', start, Unknown));
        continue;
      case C_IDENT: {
        i++;
        let d = 0;
        while (i < n) {
          d = text.charCodeAt(i);
          if (
            (d >= 0x61 && d <= 0x7a) ||
            (d >= 0x30 && d <= 0x39) ||
            d === 0x2d ||
            (d >= 0x41 && d <= 0x5a) ||
            d === 0x5f
          ) {
            i++;
          } else break;
        }
        if (i < n && d >= 0x80) {
          // A non-ASCII continuation: the Unicode rules decide the whole run.
          identRe.lastIndex = start;
          identRe.exec(text);
          i = identRe.lastIndex;
        }
        sigOut.push(identOrKeywordAt(text, start, i));
        if (sigTrivia !== undefined) sigTrivia.push(triviaOut.length);
        continue;
      }
      case C_SLASH: {
        const d = text.charCodeAt(i + 1);
        if (d === 0x2f) {
          i = lineCommentEnd(text, i);
          triviaOut.push(token(text.slice(start, i), start, LineComment));
        } else if (d === 0x2a) {
          const end = blockCommentEnd(text, i);
          if (end >= 0) {
            i = end;
            triviaOut.push(token(text.slice(start, i), start, BlockComment));
          } else {
            i = n;
            triviaOut.push(token(text.slice(start), start, UnterminatedComment));
          }
        } else {
          i++;
          sigOut.push(token('/', start, PUNCT_BY_CODE[c]!));
          if (sigTrivia !== undefined) sigTrivia.push(triviaOut.length);
        }
        continue;
      }
      case C_QUOTE: {
        // `"(?:[^"\n\r]|\r(?!\n))*"`, else the same without the closing quote.
        i++;
        let closed = false;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 0x22) {
            i++;
            closed = true;
            break;
          }
          if (d === 0x0a || (d === 0x0d && text.charCodeAt(i + 1) === 0x0a)) break;
          i++;
        }
        if (closed) {
          sigOut.push(token(text.slice(start, i), start, StringLit));
          if (sigTrivia !== undefined) sigTrivia.push(triviaOut.length);
        } else triviaOut.push(token(text.slice(start, i), start, UnterminatedString));
        continue;
      }
      case C_PERCENT: {
        explicitIdRe.lastIndex = start;
        explicitIdRe.exec(text);
        i = explicitIdRe.lastIndex;
        sigOut.push(token(text.slice(start, i), start, ExplicitId));
        if (sigTrivia !== undefined) sigTrivia.push(triviaOut.length);
        continue;
      }
      case C_DIGIT:
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d >= 0x30 && d <= 0x39) i++;
          else break;
        }
        sigOut.push(token(text.slice(start, i), start, Integer));
        if (sigTrivia !== undefined) sigTrivia.push(triviaOut.length);
        continue;
      case C_MINUS:
        if (text.charCodeAt(i + 1) === 0x3e) {
          i += 2;
          sigOut.push(token('->', start, RArrow));
          if (sigTrivia !== undefined) sigTrivia.push(triviaOut.length);
        } else {
          i++;
          sigOut.push(token('-', start, PUNCT_BY_CODE[c]!));
          if (sigTrivia !== undefined) sigTrivia.push(triviaOut.length);
        }
        continue;
      case C_PUNCT: {
        i++;
        const t = PUNCT_BY_CODE[c]!;
        sigOut.push(token(t.name, start, t));
        if (sigTrivia !== undefined) sigTrivia.push(triviaOut.length);
        continue;
      }
      default:
        if (c >= 0x80) {
          identRe.lastIndex = start;
          if (identRe.exec(text) !== null) {
            i = identRe.lastIndex;
            sigOut.push(identOrKeyword(text.slice(start, i), start));
            if (sigTrivia !== undefined) sigTrivia.push(triviaOut.length);
            continue;
          }
        }
        i += codePointLength(text, i);
        triviaOut.push(token(text.slice(start, i), start, Unknown));
        continue;
    }
  }
  return out;
}

/** Significant tokens, with the trivia tokens (other than whitespace) apart. */
export interface SplitTokens {
  /** The trivia tokens in source order: comments and rejected input. */
  trivia: IToken[];
  /** The significant tokens in source order. */
  sig: IToken[];
  /** For each significant token, how many trivia tokens come before it. */
  sigTrivia: number[];
}

function whitespaceEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09) i++;
    else if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i += 2;
    else break;
  }
  return i;
}

/** Keyword token types by the code of their first character. */
const KEYWORDS_BY_FIRST: (TokenType[] | undefined)[] = new Array(128).fill(undefined);
for (const t of keywordTokens.values()) (KEYWORDS_BY_FIRST[t.name.charCodeAt(0)] ??= []).push(t);

/**
 * The token for the identifier-like run `text[start, end)`: a keyword when
 * it spells one (matched in place, without slicing), else an identifier.
 */
function identOrKeywordAt(text: string, start: number, end: number): IToken {
  const len = end - start;
  if (len <= MAX_KEYWORD_LENGTH) {
    const c = text.charCodeAt(start);
    const candidates = c < 0x80 ? KEYWORDS_BY_FIRST[c] : undefined;
    if (candidates !== undefined) {
      for (const kw of candidates) {
        if (kw.name.length === len && text.startsWith(kw.name, start)) return token(kw.name, start, kw);
      }
    }
  }
  return token(text.slice(start, end), start, Identifier);
}

/**
 * An identifier token, or a keyword token when `image` is one (whose image
 * is then the keyword's own string: the slice dies young).
 */
function identOrKeyword(image: string, start: number): IToken {
  if (image.length <= MAX_KEYWORD_LENGTH) {
    const kw = keywordTokens.get(image);
    if (kw !== undefined) return token(kw.name, start, kw);
  }
  return token(image, start, Identifier);
}

/**
 * Lexes a whole file. Never fails: unknown characters become `Unknown`
 * tokens, unterminated comments/strings get their own token kinds.
 *
 * `keepWhitespace: false` leaves out whitespace (and BOM) tokens: enough for
 * a parse that builds no CST, and half the tokens.
 */
export function lex(text: string, keepWhitespace = true): LexResult {
  return { all: scan(text, keepWhitespace) };
}

/**
 * Lexing for a parse without CST: whitespace left out, significant tokens
 * and the remaining trivia (comments, rejected input) in separate lists.
 */
export function lexSplit(text: string): SplitTokens {
  const split: SplitTokens = { trivia: [], sig: [], sigTrivia: [] };
  scan(text, false, split);
  return split;
}

/** Names of token kinds that carry no syntax. */
export function isTrivia(t: TokenType): boolean {
  return TRIVIA_BY_IDX[t.tokenTypeIdx!] === 1;
}
/** Trivia flags indexed by chevrotain's `tokenTypeIdx` (a Set lookup per token shows up in profiles). */
const TRIVIA_BY_IDX = new Uint8Array(Math.max(...[...TRIVIA_TYPES].map((t) => t.tokenTypeIdx!)) + 1);
for (const t of TRIVIA_TYPES) TRIVIA_BY_IDX[t.tokenTypeIdx!] = 1;

const PUNCT_NAMES = new Set(PUNCT.map((t) => t.name));
const BACKTICK_PUNCT = new Set(['->', '*', '@', '/', '+', '-']);
const KEYWORD_NAMES = new Set<string>(KEYWORDS);

/**
 * How wasm-tools describes a token kind in "expected …, found …" messages.
 * `kind` is a token type name (see the definitions above).
 */
export function describeKind(kind: string): string {
  // Tokens wasm-tools added later are described with backticks.
  if (BACKTICK_PUNCT.has(kind)) return `\`${kind}\``;
  if (PUNCT_NAMES.has(kind)) return `'${kind}'`;
  if (KEYWORD_NAMES.has(kind)) return `keyword \`${kind}\``;
  switch (kind) {
    case 'Id':
      return 'an identifier';
    case 'ExplicitId':
      return "an '%' identifier";
    case 'Integer':
      return 'an integer';
    case 'String':
      return 'a string literal';
    case 'Whitespace':
      return 'whitespace';
    case 'LineComment':
    case 'BlockComment':
      return 'a comment';
    default:
      return kind;
  }
}

/** Rust's `{:?}` rendering of a `char`. */
export function rustCharDebug(ch: string): string {
  const cp = ch.codePointAt(0)!;
  switch (ch) {
    case '\t':
      return "'\\t'";
    case '\n':
      return "'\\n'";
    case '\r':
      return "'\\r'";
    case "'":
      return "'\\''";
    case '\\':
      return "'\\\\'";
    case '\0':
      return "'\\0'";
  }
  // Like Rust's `char::escape_debug`: grapheme extenders (combining marks)
  // and non-printable code points (controls, format, private use,
  // unassigned, separators other than the space) are escaped.
  if (/[\p{Grapheme_Extend}\p{C}\p{Zl}\p{Zp}]/u.test(ch) || (ch !== ' ' && /\p{Zs}/u.test(ch))) {
    return `'\\u{${cp.toString(16)}}'`;
  }
  return `'${ch}'`;
}

/**
 * Kebab-case validation of an identifier (without its `%`). Returns the
 * wasm-tools error message, or undefined when the id is fine.
 *
 * Each `-`-separated part is either all lowercase or all uppercase ASCII
 * letters and digits; the first part must start with a letter, later parts
 * may start with a digit (`a-0` is fine).
 */
export function validateId(id: string): string | undefined {
  return isValidAsciiId(id) ? undefined : validateIdSlow(id);
}

/** The common case of `validateId`: a valid all-ASCII id (false sends anything else to the full check). */
function isValidAsciiId(id: string): boolean {
  const n = id.length;
  if (n === 0) return false;
  let partStart = true;
  let first = true;
  // Case of the current part's letters: 0 none yet, 1 lower, 2 upper.
  let letters = 0;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (c === 0x2d) {
      if (partStart) return false;
      partStart = true;
      first = false;
      letters = 0;
      continue;
    }
    if (c >= 0x61 && c <= 0x7a) {
      if (letters === 2) return false;
      letters = 1;
    } else if (c >= 0x30 && c <= 0x39) {
      if (partStart && first) return false;
    } else if (c >= 0x41 && c <= 0x5a) {
      if (letters === 1) return false;
      letters = 2;
    } else return false;
    partStart = false;
  }
  return !partStart;
}

function validateIdSlow(id: string): string | undefined {
  if (id.length === 0) return "identifiers must have characters between '-'s";
  let partStart = true;
  let first = true;
  let upper: boolean | undefined;
  for (const ch of id) {
    if (ch === '-') {
      if (partStart) return "identifiers must have characters between '-'s";
      partStart = true;
      first = false;
      upper = undefined;
      continue;
    }
    const c = ch.charCodeAt(0);
    const isLower = c >= 0x61 && c <= 0x7a;
    const isUpper = c >= 0x41 && c <= 0x5a;
    const isDigit = c >= 0x30 && c <= 0x39;
    if (isDigit) {
      if (partStart && first) return `invalid character in identifier ${rustCharDebug(ch)}`;
    } else if (isLower || isUpper) {
      if (upper === undefined) upper = isUpper;
      else if (upper !== isUpper) {
        return `invalid character in identifier ${rustCharDebug(ch)}`;
      }
    } else {
      return `invalid character in identifier ${rustCharDebug(ch)}`;
    }
    partStart = false;
  }
  if (partStart) return "identifiers must have characters between '-'s";
  return undefined;
}

/** Whether `ch` may start an identifier (used for `%` ids and messages). */
export function isKeylikeStart(ch: string): boolean {
  return keylikeStart.test(ch);
}

/**
 * wasm-tools refuses some code points anywhere in a file before lexing.
 * Returns the offending UTF-16 offset and message, if any. The messages are
 * wasm-tools' verbatim, including the Rust `Debug` rendering of
 * `char::escape_unicode()` for the first two kinds.
 */
export function detectInvalidInput(text: string): { at: number; message: string } | undefined {
  // Fast path: one regexp scan; the offending code points are rare.
  if (
    !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u0149\u0673\u0f77\u0f79\u17a3\u17a4\u17b4\u17b5\u202a-\u202e\u2066-\u2069]/.test(
      text,
    )
  ) {
    return undefined;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x09) continue;
    const esc = `'\\u{${c.toString(16)}}'`;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return {
        at: i,
        message: `Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner(${esc}))`,
      };
    }
    if ([0x149, 0x673, 0xf77, 0xf79, 0x17a3, 0x17a4, 0x17b4, 0x17b5].includes(c)) {
      return { at: i, message: `Codepoint EscapeUnicode(EscapeIterInner(${esc})) is discouraged by Unicode` };
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return { at: i, message: `Control code ${esc}` };
    }
  }
  return undefined;
}
