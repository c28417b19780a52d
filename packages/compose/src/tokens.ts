// The WAC lexer: chevrotain token definitions. WAC is a superset of WIT, so
// the token set follows the WIT lexer (`@wit-ts/wit-parser`'s lexer.ts): a
// keylike run is matched as an identifier first and reclassified into a
// keyword by `longer_alt`-free lookup, which keeps keywords such as `u8` from
// swallowing the prefix of `u8-thing`.
//
// Unlike the WIT lexer, comments are skipped (the WAC AST keeps no trivia)
// except `///` doc comments, which stay in a group for the parser to attach.

import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import { matchBlockComment, WIT_KEYWORDS } from '@wit-ts/wit-parser';

export const Whitespace = createToken({
  name: 'Whitespace',
  pattern: /[ \t\r\n]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const DocComment = createToken({ name: 'DocComment', pattern: /\/\/\/[^\n]*/, group: 'docs' });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });

export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: { exec: matchBlockComment },
  start_chars_hint: ['/'],
  line_breaks: true,
  group: Lexer.SKIPPED,
});
export const UnterminatedComment = createToken({ name: 'UnterminatedComment', pattern: /\/\*[^]*/, line_breaks: true });

export const StringLit = createToken({ name: 'string', pattern: /"[^"\n]*"/ });
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"[^"\n]*/ });
export const Identifier = createToken({ name: 'identifier', pattern: /%?[A-Za-z_][A-Za-z0-9_-]*/ });
export const Integer = createToken({ name: 'integer', pattern: /[0-9]+/ });

/**
 * WIT's keywords (but `from`, which wac does not reserve) plus WAC's `let`,
 * `new`, `targets`, and the seed-era `float32`/`float64` wac still lexes.
 */
export const KEYWORDS = [
  ...WIT_KEYWORDS.filter((k): k is Exclude<(typeof WIT_KEYWORDS)[number], 'from'> => k !== 'from'),
  'let',
  'new',
  'targets',
  'float32',
  'float64',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

const keywordTokens = new Map<string, TokenType>(KEYWORDS.map((k) => [k, createToken({ name: k, pattern: Lexer.NA })]));
export function kw(k: Keyword): TokenType {
  return keywordTokens.get(k)!;
}
export function keywordOf(t: TokenType): string | undefined {
  return keywordTokens.get(t.name) === t ? t.name : undefined;
}

function punct(name: string): TokenType {
  return createToken({ name, pattern: name });
}
export const Ellipsis = punct('...');
export const Arrow = punct('->');
export const P = Object.fromEntries(
  ['=', ',', ':', ';', '(', ')', '{', '}', '<', '>', '[', ']', '@', '/', '.', '+', '-', '*'].map((p) => [p, punct(p)]),
) as Record<string, TokenType>;

export const Unknown = createToken({ name: 'Unknown', pattern: /[^]/u, line_breaks: true });

const ALL: TokenType[] = [
  Whitespace,
  DocComment,
  LineComment,
  BlockComment,
  UnterminatedComment,
  StringLit,
  UnterminatedString,
  Identifier,
  Integer,
  Ellipsis,
  Arrow,
  ...Object.values(P),
  ...keywordTokens.values(),
  Unknown,
];

const lexer = new Lexer(ALL, { positionTracking: 'onlyOffset', ensureOptimizations: false });

export interface WacTokens {
  tokens: IToken[];
  docs: IToken[];
}

/** Lexes a WAC document; identifiers that spell a keyword become that keyword. */
export function lexWac(text: string): WacTokens {
  const r = lexer.tokenize(text);
  for (const t of r.tokens) {
    if (t.tokenType === Identifier) {
      const k = keywordTokens.get(t.image);
      if (k !== undefined) {
        t.tokenType = k;
        t.tokenTypeIdx = k.tokenTypeIdx!;
      }
    }
  }
  return { tokens: r.tokens, docs: r.groups['docs'] ?? [] };
}
