// Identifier escaping for printed WIT.
//
// A WIT identifier that collides with a keyword must be written `%name` to be
// read back as an identifier. The set below is every word the WIT lexer treats
// as a keyword (plus the legacy `float32`/`float64` spellings, which older
// lexers still accept as types), so any name the printer emits re-lexes as the
// same identifier.

import { KEYWORDS as LEXER_KEYWORDS } from '../lexer.js';

const KEYWORDS: ReadonlySet<string> = new Set<string>([...LEXER_KEYWORDS, 'float32', 'float64']);

export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

/** `name`, or `%name` when it would otherwise lex as a keyword. */
export function escapeName(name: string): string {
  return KEYWORDS.has(name) ? `%${name}` : name;
}
