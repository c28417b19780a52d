// The token types the WIT grammar consumes, by name (the lexer defines
// them; trivia never reaches the grammar).

import type { TokenType } from 'chevrotain';
import { ExplicitId, Identifier, Integer, KEYWORDS, keywordToken, PUNCT, StringLit, type Keyword } from './lexer.js';

function punct(text: string): TokenType {
  const t = PUNCT.find((p) => p.name === text);
  if (t === undefined) throw new Error(`unreachable: no token ${text}`);
  return t;
}
const kw = (k: Keyword): TokenType => keywordToken(k);

export const T = {
  Id: Identifier,
  ExplicitId,
  Integer,
  String: StringLit,

  Arrow: punct('->'),
  Eq: punct('='),
  Comma: punct(','),
  Colon: punct(':'),
  Semi: punct(';'),
  LParen: punct('('),
  RParen: punct(')'),
  LBrace: punct('{'),
  RBrace: punct('}'),
  LAngle: punct('<'),
  RAngle: punct('>'),
  At: punct('@'),
  Slash: punct('/'),
  Dot: punct('.'),
  Plus: punct('+'),
  Minus: punct('-'),

  As: kw('as'),
  Async: kw('async'),
  Borrow: kw('borrow'),
  Constructor: kw('constructor'),
  Enum: kw('enum'),
  Export: kw('export'),
  Flags: kw('flags'),
  Func: kw('func'),
  Future: kw('future'),
  Import: kw('import'),
  Include: kw('include'),
  Interface: kw('interface'),
  List: kw('list'),
  Map: kw('map'),
  Option: kw('option'),
  Own: kw('own'),
  Package: kw('package'),
  Record: kw('record'),
  Resource: kw('resource'),
  Result: kw('result'),
  Static: kw('static'),
  Stream: kw('stream'),
  Tuple: kw('tuple'),
  Type: kw('type'),
  Underscore: kw('_'),
  Use: kw('use'),
  Variant: kw('variant'),
  With: kw('with'),
  World: kw('world'),
} as const;

/** The primitive type keywords, in wasm-tools' order. */
export const PRIMITIVE_TOKENS: readonly TokenType[] = (
  [
    'bool',
    'u8',
    'u16',
    'u32',
    'u64',
    's8',
    's16',
    's32',
    's64',
    'f32',
    'f64',
    'char',
    'string',
    'error-context',
  ] as const
).map(kw);

/** Every significant token type: the parser's vocabulary. */
export const VOCABULARY: TokenType[] = [
  Identifier,
  ExplicitId,
  Integer,
  StringLit,
  ...PUNCT,
  ...KEYWORDS.map((k) => keywordToken(k)),
];
