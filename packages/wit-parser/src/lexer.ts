// The WIT lexer: a chevrotain `Lexer`.
//
// Nothing is lost: whitespace and comments are ordinary tokens (marked as
// trivia) so that the CST built on top of this stream re-emits the source
// byte for byte. The parser simply steps over trivia.
//
// Lexing mirrors wasm-tools' `ast/lex.rs`:
//  * any "keylike" run of characters is lexed first and classified afterwards
//    as keyword or identifier (keyword token types have no pattern and are
//    assigned by one table lookup: what wasm-tools does, and much faster than
//    `longer_alt` over ~45 keyword patterns);
//  * identifiers are validated for kebab-case only when the parser consumes
//    them, so that the first error reported is the one wasm-tools reports;
//  * `\r\n` counts as a newline, block comments nest, strings are one line;
//  * any other character is an `Unknown` token (so chevrotain never reports
//    an error), unterminated comments and strings have token kinds of their
//    own;
//  * a handful of code points are refused for the whole file up front
//    (`detectInvalidInput`).
// The lexer has two modes: `all` keeps every token, `noWs` skips whitespace
// (and a BOM), which only the CST needs. Trivia tokens come back in a lexer
// group of their own. Patterns are regexps wherever a plain (non-Unicode)
// regexp does; the custom ones (nesting, Unicode identifiers, `indexOf` for
// line comments) carry `start_chars_hint`s so that chevrotain dispatches on
// the first character for every token.

import { createToken, Lexer, type IToken, type ITokenConfig, type TokenType } from 'chevrotain';

/**
 * The lexer group of the token types the parser steps over: chevrotain
 * hands them back apart from the significant tokens.
 */
const TRIVIA = 'trivia';
const TRIVIA_TYPES = new Set<TokenType>();
function trivia(config: ITokenConfig): TokenType {
  const t = createToken({ ...config, group: TRIVIA });
  TRIVIA_TYPES.add(t);
  return t;
}

const keylikeStart = /[\p{XID_Start}_]/u;
const identRe = /[\p{XID_Start}_][\p{XID_Continue}-]*/uy;
const explicitIdRe = /%(?:[\p{XID_Start}_][\p{XID_Continue}-]*)?/uy;

/**
 * What a custom pattern returns: chevrotain reads the image (`[0]`) of a
 * match before it looks for the next, so one array serves every match.
 */
const MATCH = [''] as unknown as RegExpExecArray;
function matched(image: string): RegExpExecArray {
  MATCH[0] = image;
  return MATCH;
}

/** Runs a sticky regexp at `offset` (chevrotain custom-pattern protocol). */
function stickyExec(re: RegExp) {
  return (text: string, offset: number): RegExpExecArray | null => {
    re.lastIndex = offset;
    return re.exec(text);
  };
}

/**
 * A `/* … *\/` comment with nesting, for a chevrotain custom pattern whose
 * start character is `/`. Returns null when unterminated so that the
 * `UnterminatedComment` token below takes over. (Also WAC's, compose/tokens.ts.)
 */
export function matchBlockComment(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset + 1) !== 0x2a) return null;
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
      if (depth === 0) return matched(text.slice(offset, i));
    } else {
      i++;
    }
  }
  return null;
}

/**
 * Start-character hints for chevrotain's first-character dispatch, which
 * has one bucket per Latin-1 code and buckets everything above into blocks
 * of 255 (`charCodeToOptimizedIndex`): all of Latin-1 from `from` on and the
 * first code of every block, so that a token is a candidate for any
 * character from `from` on.
 */
function startCodesFrom(from: number): number[] {
  const codes: number[] = [];
  for (let c = from; c < 256; c++) codes.push(c);
  let block = -1;
  for (let c = 256; c <= 0xffff; c++) {
    const b = 255 + Math.floor(c / 255);
    if (b !== block) {
      codes.push(c);
      block = b;
    }
  }
  return codes;
}
/** Codes from U+0080 on: where a non-ASCII identifier may start. */
const NON_ASCII = startCodesFrom(0x80);

/** A UTF-8 byte order mark at the very start of a file (ignored, like wasm-tools). */
const bomPattern = {
  exec: (text: string, offset: number): RegExpExecArray | null =>
    // Tried for every character of U+FEFF's dispatch block.
    offset === 0 && text.charCodeAt(0) === 0xfeff ? matched('\ufeff') : null,
};
export const Bom = trivia({ name: 'Bom', pattern: bomPattern, start_chars_hint: [0xfeff] });
/** Spaces, tabs, `\n` and `\r\n` (a lone `\r` is not whitespace in WIT). */
const whitespacePattern = /(?:[ \t\n]|\r\n)+/;
export const Whitespace = trivia({ name: 'Whitespace', pattern: whitespacePattern });
/** `//` up to (not including) the `\n` or `\r\n` ending the line. */
function matchLineComment(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset + 1) !== 0x2f) return null;
  let end = text.indexOf('\n', offset + 2);
  if (end < 0) end = text.length;
  else if (text.charCodeAt(end - 1) === 0x0d) end--;
  return matched(text.slice(offset, end));
}
export const LineComment = trivia({
  name: 'LineComment',
  // The newline ending the comment is left to the following whitespace token.
  pattern: { exec: matchLineComment },
  start_chars_hint: ['/'],
});
export const BlockComment = trivia({
  name: 'BlockComment',
  pattern: { exec: matchBlockComment },
  start_chars_hint: ['/'],
});
/** An unterminated `/*`: swallows the rest of the file (an error). */
export const UnterminatedComment = trivia({
  name: 'UnterminatedComment',
  pattern: /\/\*[^]*/,
});
// Strings (only used by `@external-id("…")`) may not span lines.
export const StringLit = createToken({
  name: 'String',
  pattern: /"[^"\n\r]*(?:\r(?!\n)[^"\n\r]*)*"/,
});
/** An unterminated string: up to the end of the line (an error). */
export const UnterminatedString = trivia({
  name: 'UnterminatedString',
  pattern: /"[^"\n\r]*(?:\r(?!\n)[^"\n\r]*)*/,
});

/**
 * An identifier. ASCII ones are matched by a plain regexp, which gives up
 * when the run of identifier characters goes on with a non-ASCII one (the
 * lookahead also refuses every shorter prefix); the Unicode rules then
 * decide the run (`UnicodeIdentifier`: wasm-tools lexes any XID run).
 */
export const Identifier = createToken({
  name: 'Id',
  pattern: /[a-zA-Z_][a-zA-Z0-9_-]*(?![a-zA-Z0-9_\-\u0080-\uffff])/,
});
/** An identifier with non-ASCII characters; `lex` turns it into an `Identifier`. */
const UnicodeIdentifier = createToken({
  name: 'Id',
  pattern: { exec: stickyExec(identRe) },
  start_chars_hint: ['_', ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', ...NON_ASCII],
});
export const ExplicitId = createToken({
  name: 'ExplicitId',
  pattern: { exec: stickyExec(explicitIdRe) },
  start_chars_hint: ['%'],
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
export const PUNCT: TokenType[] = [
  RArrow,
  ...['=', ',', ':', ';', '(', ')', '{', '}', '<', '>', '*', '@', '/', '.', '+', '-'].map((p) => punct(p, p)),
];

/** Any other code point (a lone surrogate too): reported as "unexpected character". */
export const Unknown = trivia({
  name: 'Unknown',
  pattern: { exec: stickyExec(/[^]/uy) },
  // A candidate for every character: chevrotain never meets one it cannot lex.
  start_chars_hint: startCodesFrom(0),
});

/** `mode` of `lexer.tokenize`. */
const ALL = 'all';
const NO_WS = 'noWs';
const skipped = (name: string, t: TokenType): TokenType =>
  createToken({
    name,
    pattern: t.PATTERN,
    start_chars_hint: t.START_CHARS_HINT,
    group: Lexer.SKIPPED,
  });
/** The tokens after whitespace, in order of preference (the first that matches wins). */
const REST = [
  LineComment,
  BlockComment,
  UnterminatedComment,
  StringLit,
  UnterminatedString,
  Identifier,
  UnicodeIdentifier,
  ExplicitId,
  Integer,
  ...PUNCT,
  Unknown,
];

// Built once per process: construction analyses the patterns for chevrotain's
// first-character dispatch (`ensureOptimizations` insists on it).
const lexer = new Lexer(
  {
    modes: {
      [ALL]: [Bom, Whitespace, ...REST],
      [NO_WS]: [skipped('SkippedBom', Bom), skipped('SkippedWhitespace', Whitespace), ...REST],
    },
    defaultMode: ALL,
  },
  {
    // Only offsets (line/column are computed from them when needed), which
    // also makes the `line_breaks` flags moot.
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
    // The definitions are fixed (the tests exercise them); validating them
    // costs start-up time.
    skipValidations: true,
  },
);

export interface LexResult {
  /** Every token in source order, trivia included (see `isTrivia`). */
  all: IToken[];
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

function tokenize(text: string, mode: string): { sig: IToken[]; trivia: IToken[] } {
  const r = lexer.tokenize(text, mode);
  // `Unknown` takes any character: chevrotain has nothing to complain about.
  if (r.errors.length !== 0) throw new Error(`unreachable: ${r.errors[0].message}`);
  return { sig: r.tokens, trivia: r.groups[TRIVIA] };
}

const IDENTIFIER_IDX = Identifier.tokenTypeIdx!;
const UNICODE_IDENTIFIER_IDX = UnicodeIdentifier.tokenTypeIdx!;

/**
 * Keyword token types by first character, last character and length modulo
 * 4 (`keywordSlot`), which tell all keywords apart: a table lookup and one
 * string comparison classify an identifier (hashing it for a `Map` is
 * slower).
 */
const KEYWORD_SLOTS = new Uint8Array(1 << 16);
const KEYWORD_BY_SLOT: TokenType[] = [Identifier];
function keywordSlot(image: string): number {
  const n = image.length;
  return (image.charCodeAt(0) & 0x7f) | ((image.charCodeAt(n - 1) & 0x7f) << 7) | ((n & 3) << 14);
}
for (const kw of keywordTokens.values()) {
  const slot = keywordSlot(kw.name);
  if (KEYWORD_SLOTS[slot] !== 0)
    throw new Error(`keywords ${KEYWORD_BY_SLOT[KEYWORD_SLOTS[slot]].name} and ${kw.name} share a slot`);
  KEYWORD_SLOTS[slot] = KEYWORD_BY_SLOT.push(kw) - 1;
}

/** Turns the identifier token `t` into a keyword token when its text is one. */
function classify(t: IToken): void {
  const image = t.image;
  if (image.length <= MAX_KEYWORD_LENGTH) {
    const k = KEYWORD_SLOTS[keywordSlot(image)];
    if (k !== 0) {
      const kw = KEYWORD_BY_SLOT[k];
      if (kw.name === image) {
        t.tokenType = kw;
        t.tokenTypeIdx = kw.tokenTypeIdx!;
      }
    }
  }
}

/** Same for a `UnicodeIdentifier` token (which may still be ASCII, like `_` before U+FEFF). */
function classifyUnicode(t: IToken): void {
  t.tokenType = Identifier;
  t.tokenTypeIdx = IDENTIFIER_IDX;
  classify(t);
}

/**
 * Lexes a whole file. Never fails: unknown characters become `Unknown`
 * tokens, unterminated comments/strings get their own token kinds.
 *
 * `keepWhitespace: false` leaves out whitespace (and BOM) tokens: enough for
 * a parse that builds no CST, and half the tokens.
 */
export function lex(text: string, keepWhitespace = true): LexResult {
  const { sig, trivia } = tokenize(text, keepWhitespace ? ALL : NO_WS);
  // Merged back in source order.
  const all = new Array<IToken>(sig.length + trivia.length);
  let j = 0;
  let k = 0;
  for (let i = 0; i < sig.length; i++) {
    const t = sig[i];
    const idx = t.tokenTypeIdx;
    if (idx === IDENTIFIER_IDX) classify(t);
    else if (idx === UNICODE_IDENTIFIER_IDX) classifyUnicode(t);
    const at = t.startOffset;
    while (j < trivia.length && trivia[j].startOffset < at) all[k++] = trivia[j++];
    all[k++] = t;
  }
  while (j < trivia.length) all[k++] = trivia[j++];
  return { all };
}

/**
 * Lexing for a parse without CST: whitespace left out, significant tokens
 * and the remaining trivia (comments, rejected input) in separate lists.
 */
export function lexSplit(text: string): SplitTokens {
  const { sig, trivia } = tokenize(text, NO_WS);
  const sigTrivia: number[] = [];
  let j = 0;
  for (let i = 0; i < sig.length; i++) {
    const t = sig[i];
    const idx = t.tokenTypeIdx;
    if (idx === IDENTIFIER_IDX) classify(t);
    else if (idx === UNICODE_IDENTIFIER_IDX) classifyUnicode(t);
    const at = t.startOffset;
    while (j < trivia.length && trivia[j].startOffset < at) j++;
    sigTrivia.push(j);
  }
  return { trivia, sig, sigTrivia };
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
