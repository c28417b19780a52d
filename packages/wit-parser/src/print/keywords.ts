// Identifier escaping for printed WIT.
//
// A WIT identifier that collides with a keyword must be written `%name` to be
// read back as an identifier. The set below is every word the WIT lexer treats
// as a keyword (plus the legacy `float32`/`float64` spellings, which older
// lexers still accept as types), so any name the printer emits re-lexes as the
// same identifier.

const KEYWORDS: ReadonlySet<string> = new Set([
  'use',
  'type',
  'func',
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
  'float32',
  'float64',
  'char',
  'resource',
  'own',
  'borrow',
  'record',
  'flags',
  'variant',
  'enum',
  'bool',
  'string',
  'option',
  'result',
  'future',
  'stream',
  'error-context',
  'list',
  'map',
  '_',
  'as',
  'from',
  'static',
  'interface',
  'tuple',
  'world',
  'import',
  'export',
  'package',
  'constructor',
  'include',
  'with',
  'async',
]);

export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

/** `name`, or `%name` when it would otherwise lex as a keyword. */
export function escapeName(name: string): string {
  return KEYWORDS.has(name) ? `%${name}` : name;
}
