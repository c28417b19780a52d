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
// Hot patterns are hand-written matchers (chevrotain custom patterns): they
// are several times faster than the equivalent regexps.

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
      if (depth === 0) {
        const m = [text.slice(offset, i)] as unknown as RegExpExecArray;
        return m;
      }
    } else {
      i++;
    }
  }
  return null;
}

/**
 * Every 64th code unit above U+00FF. Chevrotain dispatches on the first
 * character of a token but buckets everything above Latin-1 into ~255-wide
 * blocks, so naming one character per 64 makes a token a candidate for every
 * block (listing all 65k code units costs ~50 ms at startup). Should that
 * ever stop covering a character, `lex` still stays lossless (see below).
 */
const UPPER_BLOCKS = Array.from({ length: 1020 }, (_, i) => String.fromCharCode(256 + i * 64));
const LATIN1 = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));

/**
 * Characters that may start an identifier: wasm-tools lexes any XID_Start
 * run as an identifier (and only then rejects non-ASCII), so `é` must be an
 * identifier token to get its "invalid character" message.
 */
const IDENT_START_HINTS = [...LATIN1.filter((ch) => keylikeStart.test(ch)), ...UPPER_BLOCKS];

/** A UTF-8 byte order mark at the very start of a file (ignored, like wasm-tools). */
export const Bom = trivia(
  createToken({
    name: 'Bom',
    pattern: {
      exec: (text: string, offset: number): RegExpExecArray | null =>
        offset === 0 && text.charCodeAt(0) === 0xfeff ? (['\ufeff'] as unknown as RegExpExecArray) : null,
    },
    start_chars_hint: ['\ufeff'],
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
  let end = text.indexOf('\n', offset + 2);
  if (end < 0) end = text.length;
  else if (text.charCodeAt(end - 1) === 0x0d) end--;
  return [text.slice(offset, end)] as unknown as RegExpExecArray;
}

export const Whitespace = trivia(
  createToken({
    name: 'Whitespace',
    pattern: { exec: matchWhitespace },
    start_chars_hint: [' ', '\t', '\n', '\r'],
    line_breaks: true,
  }),
);
export const LineComment = trivia(
  createToken({
    name: 'LineComment',
    // The newline ending the comment is left to the following whitespace token.
    pattern: { exec: matchLineComment },
    start_chars_hint: ['/'],
  }),
);
export const BlockComment = trivia(
  createToken({
    name: 'BlockComment',
    pattern: { exec: matchBlockComment },
    start_chars_hint: ['/'],
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
  start_chars_hint: IDENT_START_HINTS,
  line_breaks: false,
});
export const ExplicitId = createToken({
  name: 'ExplicitId',
  pattern: { exec: stickyExec(explicitIdRe) },
  start_chars_hint: ['%'],
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
// Any code unit may start an unknown token; hinting them all (see
// UPPER_BLOCKS) keeps chevrotain's first-character dispatch (and its speed).
const ALL_CHARS = [...LATIN1, ...UPPER_BLOCKS];
export const Unknown = trivia(
  createToken({
    name: 'Unknown',
    pattern: { exec: stickyExec(anyCodePoint) },
    start_chars_hint: ALL_CHARS,
    line_breaks: true,
  }),
);

const ALL_TOKENS: TokenType[] = [
  Bom,
  Whitespace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  StringLit,
  UnterminatedString,
  Identifier,
  ExplicitId,
  Integer,
  ...PUNCT,
  Unknown,
];

// Built once per process: construction validates and optimizes the token set.
const lexer = new Lexer(ALL_TOKENS, {
  // Line/column are computed by the CST builder only when a CST is wanted.
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
  skipValidations: true,
});

export interface LexResult {
  /** Every token in source order, trivia included (see `isTrivia`). */
  all: IToken[];
}

/**
 * Lexes a whole file. Never fails: unknown characters become `Unknown`
 * tokens, unterminated comments/strings get their own token kinds.
 */
export function lex(text: string): LexResult {
  const r = lexer.tokenize(text);
  if (r.errors.length > 0) return { all: fillGaps(text, r.tokens) };
  const all = r.tokens;
  // Keywords are lexed as identifiers and reclassified here: one map lookup
  // is cheaper than trying ~45 keyword patterns at every identifier start.
  for (let i = 0; i < all.length; i++) {
    const t = all[i];
    if (t.tokenType === Identifier && t.image.length <= MAX_KEYWORD_LENGTH) {
      const kw = keywordTokens.get(t.image);
      if (kw !== undefined) {
        t.tokenType = kw;
        t.tokenTypeIdx = kw.tokenTypeIdx!;
      }
    }
  }
  return { all };
}

/**
 * Safety net, should chevrotain ever fail to match a character: rebuilds the
 * token list in order with every unmatched character as an `Unknown` token,
 * so that nothing is lost.
 */
function fillGaps(text: string, tokens: IToken[]): IToken[] {
  const sorted = [...tokens].sort((a, b) => a.startOffset - b.startOffset);
  const out: IToken[] = [];
  let at = 0;
  const unknown = (from: number, to: number): void => {
    for (let i = from; i < to;) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      const image = text.slice(i, i + len);
      out.push({
        image,
        startOffset: i,
        endOffset: i + len - 1,
        tokenType: Unknown,
        tokenTypeIdx: Unknown.tokenTypeIdx!,
      } as IToken);
      i += len;
    }
  };
  for (const t of sorted) {
    if (t.tokenType === Identifier) {
      const kw = keywordTokens.get(t.image);
      if (kw !== undefined) t.tokenType = kw;
    }
    if (t.startOffset > at) unknown(at, t.startOffset);
    out.push(t);
    at = t.startOffset + t.image.length;
  }
  if (at < text.length) unknown(at, text.length);
  return out;
}

/** Names of token kinds that carry no syntax. */
export function isTrivia(t: TokenType): boolean {
  return TRIVIA_BY_IDX[t.tokenTypeIdx!] === true;
}
/** Trivia flags indexed by chevrotain's `tokenTypeIdx` (a Set lookup per token shows up in profiles). */
const TRIVIA_BY_IDX: boolean[] = [];
for (const t of TRIVIA_TYPES) TRIVIA_BY_IDX[t.tokenTypeIdx!] = true;

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
