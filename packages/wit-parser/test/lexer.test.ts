// The lexer: token kinds, keywords vs identifiers, comments, versions,
// invalid input, kebab-case validation, and losslessness over the corpus.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectInvalidInput, describeKind, isTrivia, KEYWORDS, lex, rustCharDebug, validateId } from '../src/lexer.js';
import { corpusRoot, filesUnder, hasCorpus } from './support/corpus.js';

/** `kind:text` for every token, trivia included. */
function kinds(text: string): string[] {
  return lex(text).all.map((t) => `${t.tokenType.name}:${t.image}`);
}
function significant(text: string): string[] {
  return lex(text)
    .all.filter((t) => !isTrivia(t.tokenType))
    .map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('tokens', () => {
  it.each([
    ['interface foo', ['interface:interface', 'Id:foo']],
    ['%interface', ['ExplicitId:%interface']],
    ['interfaces', ['Id:interfaces']],
    ['asyncx async as', ['Id:asyncx', 'async:async', 'as:as']],
    ['error-context error-contexts', ['error-context:error-context', 'Id:error-contexts']],
    ['a-0 a-b-c', ['Id:a-0', 'Id:a-b-c']],
    ['u8 u16 s64 f32 f64', ['u8:u8', 'u16:u16', 's64:s64', 'f32:f32', 'f64:f64']],
    ['float32 union expected unit', ['Id:float32', 'Id:union', 'Id:expected', 'Id:unit']],
    ['_ _x', ['_:_', 'Id:_x']],
    ['->-', ['->:->', '-:-']],
    ['=,:;(){}<>*@/.+', '= , : ; ( ) { } < > * @ / . +'.split(' ').map((p) => `${p}:${p}`)],
    ['123 0', ['Integer:123', 'Integer:0']],
    ['"a b"', ['String:"a b"']],
    [
      '1.0.0-rc.1+build.5',
      [
        'Integer:1',
        '.:.',
        'Integer:0',
        '.:.',
        'Integer:0',
        '-:-',
        'Id:rc',
        '.:.',
        'Integer:1',
        '+:+',
        'Id:build',
        '.:.',
        'Integer:5',
      ],
    ],
  ])('%j', (text, expected) => {
    expect(significant(text)).toEqual(expected);
  });

  it('keeps whitespace and comments as trivia tokens', () => {
    expect(kinds('a // x\r\n/// doc\n/* a /* nested */ b */b')).toEqual([
      'Id:a',
      'Whitespace: ',
      'LineComment:// x',
      'Whitespace:\r\n',
      'LineComment:/// doc',
      'Whitespace:\n',
      'BlockComment:/* a /* nested */ b */',
      'Id:b',
    ]);
  });

  it('treats a leading BOM as trivia', () => {
    expect(kinds('\ufeffpackage')).toEqual(['Bom:\ufeff', 'package:package']);
    // …but not elsewhere.
    expect(kinds('a\ufeff')).toEqual(['Id:a', 'Unknown:\ufeff']);
  });

  it('flags unterminated comments and strings and unknown characters', () => {
    expect(kinds('a /* b /* c */')).toEqual(['Id:a', 'Whitespace: ', 'UnterminatedComment:/* b /* c */']);
    expect(kinds('"abc\nx')).toEqual(['UnterminatedString:"abc', 'Whitespace:\n', 'Id:x']);
    expect(kinds('$ é')).toEqual(['Unknown:$', 'Whitespace: ', 'Id:é']);
    expect(kinds('\r')).toEqual(['Unknown:\r']);
  });

  it('lexes every keyword as that keyword and its %-form as an id', () => {
    for (const kw of KEYWORDS) {
      expect(significant(kw)).toEqual([`${kw}:${kw}`]);
      expect(significant(`%${kw}`)).toEqual([`ExplicitId:%${kw}`]);
    }
  });

  it('describes tokens the way wasm-tools does', () => {
    expect(describeKind('Id')).toBe('an identifier');
    expect(describeKind('ExplicitId')).toBe("an '%' identifier");
    expect(describeKind('u32')).toBe('keyword `u32`');
    expect(describeKind(';')).toBe("';'");
    expect(describeKind('->')).toBe('`->`');
    expect(describeKind('/')).toBe('`/`');
    expect(describeKind('.')).toBe("'.'");
    expect(describeKind('Integer')).toBe('an integer');
  });
});

describe('identifier validation', () => {
  it.each(['a', 'foo-bar', 'a-0', 'a1-b2', 'XML', 'parse-XML-document', 'GET-USER', 'a-B'])('accepts %s', (id) => {
    expect(validateId(id)).toBeUndefined();
  });
  it.each([
    ['', "identifiers must have characters between '-'s"],
    ['a--b', "identifiers must have characters between '-'s"],
    ['a-', "identifiers must have characters between '-'s"],
    ['-a', "identifiers must have characters between '-'s"],
    ['fooBar', "invalid character in identifier 'B'"],
    ['foo_bar', "invalid character in identifier '_'"],
    ['0a', "invalid character in identifier '0'"],
    ['é', "invalid character in identifier 'é'"],
  ])('rejects %j', (id, message) => {
    expect(validateId(id)).toBe(message);
  });
});

describe('invalid input', () => {
  it.each([
    ['a\u202eb', "Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner('\\u{202e}'))"],
    ['\n\n\u2066', "Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner('\\u{2066}'))"],
    ['x\u0149', "Codepoint EscapeUnicode(EscapeIterInner('\\u{149}')) is discouraged by Unicode"],
    ['a\nb\u0007', "Control code '\\u{7}'"],
    ['\u0000', "Control code '\\u{0}'"],
  ])('%j', (text, message) => {
    expect(detectInvalidInput(text)?.message).toBe(message);
  });
  it('accepts tabs, CR and LF', () => {
    expect(detectInvalidInput('a\tb\r\nc\n')).toBeUndefined();
  });
  it('debug-prints chars like Rust', () => {
    expect(rustCharDebug('a')).toBe("'a'");
    expect(rustCharDebug('\t')).toBe("'\\t'");
    expect(rustCharDebug("'")).toBe("'\\''");
    expect(rustCharDebug('\u0085')).toBe("'\\u{85}'");
    expect(rustCharDebug('\u0301')).toBe("'\\u{301}'");
    expect(rustCharDebug('\u00a0')).toBe("'\\u{a0}'");
    expect(rustCharDebug('é')).toBe("'é'");
  });
});

describe('any input', () => {
  it('loses no character, whatever its code unit', () => {
    const parts: string[] = [];
    for (let c = 0; c < 0x10000; c += 37) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      parts.push(String.fromCharCode(c));
    }
    parts.push('😀', '\ud800', '\udc00x');
    for (const p of parts) {
      const text = `a${p}b ${p}`;
      expect(
        lex(text)
          .all.map((t) => t.image)
          .join(''),
      ).toBe(text);
    }
  });
});

describe.skipIf(!hasCorpus)('corpus', () => {
  const files = filesUnder(corpusRoot, '.wit');
  it('has files', () => expect(files.length).toBeGreaterThan(300));
  it('re-emits every corpus file from its tokens', () => {
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(
        lex(text)
          .all.map((t) => t.image)
          .join(''),
        f,
      ).toBe(text);
    }
  });
});
