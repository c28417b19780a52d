// The lossless CST: byte-exact re-emission for every corpus file (valid or
// not, and under mutation), trivia placement, node kinds, and offsets.

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  childNodes,
  type CstNode,
  type CstToken,
  leadingTrivia,
  printCst,
  significantTokens,
  tokens,
  walkCst,
} from '../src/cst.js';
import { parseWit, SourceMap } from '../src/source-map.js';
import { corpusRoot, filesUnder, hasCorpus } from './support/corpus.js';

function kindsOf(node: CstNode): string[] {
  return childNodes(node).map((n) => n.kind);
}

describe.skipIf(!hasCorpus)('round trip over the corpus', () => {
  const files = filesUnder(corpusRoot, '.wit');
  it.each(files.map((f) => [relative(corpusRoot, f), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const { cst } = parseWit(text, file);
    expect(printCst(cst)).toBe(text);
    // Offsets are contiguous and in order.
    let at = 0;
    for (const t of tokens(cst)) {
      expect(t.start).toBe(at);
      at = t.end;
    }
    expect(at).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('round trip under mutation', () => {
  const sample = `/// docs
package a:b@1.0.0;

interface i {
  // comment
  record r { a: u32, /* inline */ b: list<u8, 4> }
  f: async func(x: borrow<r>) -> result<_, string>;
  resource res { constructor(); m: static func(); }
}

world w { import i; export e: func(); include x with { a as b } }
`;
  it('re-emits any text exactly, however broken', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(), fc.nat(), (ins, at, del) => {
        const p = at % (sample.length + 1);
        const text = sample.slice(0, p) + ins + sample.slice(p + (del % 5));
        expect(printCst(parseWit(text).cst)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('structure', () => {
  const text = `// leading
package a:b;

/// doc for i
interface i {
  /// doc for t
  type t = list<u32>;
  f: func(a: u32) -> u32;
}
world w {
  import i;
}
// trailing
`;
  const { cst } = parseWit(text);

  it('has item nodes in order, with their docs as leading trivia', () => {
    expect(kindsOf(cst)).toEqual(['package-decl', 'interface', 'world']);
    const iface = childNodes(cst, 'interface')[0];
    const lead = leadingTrivia(iface).filter((t) => t.kind !== 'Whitespace');
    expect(lead.map((t) => t.text)).toEqual(['/// doc for i']);
    expect(significantTokens(iface)[0].text).toBe('interface');
  });

  it('nests bodies, items and types', () => {
    const iface = childNodes(cst, 'interface')[0];
    const body = childNodes(iface, 'body')[0];
    expect(kindsOf(body)).toEqual(['type-alias', 'named-func']);
    const alias = childNodes(body, 'type-alias')[0];
    expect(
      leadingTrivia(alias)
        .map((t) => t.text)
        .join(''),
    ).toContain('/// doc for t');
    const ty = childNodes(alias, 'type')[0];
    expect(significantTokens(ty).map((t) => t.text)).toEqual(['list', '<', 'u32', '>']);
    expect(kindsOf(ty)).toEqual(['type']);
  });

  it('gives an item its leading comments even before attributes; other nodes start with a token', () => {
    const r = parseWit('interface i {\n  // c\n  @since(version = 1.0.0)\n  f: func(a: u32) -> u32;\n}');
    const body = childNodes(childNodes(r.cst, 'interface')[0], 'body')[0];
    const func = childNodes(body, 'named-func')[0];
    expect(leadingTrivia(func).map((t) => t.text)).toEqual(['\n  ', '// c', '\n  ']);
    const nonItems: CstNode[] = [];
    walkCst(r.cst, (c) => {
      if (
        c.type === 'node' &&
        ['attribute', 'version', 'type', 'params', 'func-type', 'result-type', 'body'].includes(c.kind)
      ) {
        nonItems.push(c);
      }
    });
    expect(nonItems.length).toBeGreaterThan(5);
    for (const n of nonItems) expect((n.children[0] as CstToken).trivia, n.kind).toBe(false);
  });

  it('keeps trailing trivia on the file node', () => {
    const last = cst.children[cst.children.length - 1] as CstToken;
    expect(last.type).toBe('token');
    const tail = cst.children.slice(-2).map((c) => (c as CstToken).text);
    expect(tail).toEqual(['// trailing', '\n']);
  });

  it('records line and column of every token', () => {
    const found: CstToken[] = [];
    walkCst(cst, (c) => {
      if (c.type === 'token' && c.text === 'world') found.push(c);
    });
    expect(found.map((t) => [t.line, t.column])).toEqual([[10, 1]]);
  });

  it('wraps skipped tokens in error nodes and marks cut-short nodes', () => {
    const bad = parseWit('interface i { f: func(; g: func(); }\n$');
    expect(printCst(bad.cst)).toBe('interface i { f: func(; g: func(); }\n$');
    const kinds: string[] = [];
    walkCst(bad.cst, (c) => {
      if (c.type === 'node' && (c.kind === 'error' || c.incomplete)) kinds.push(`${c.kind}${c.incomplete ? '!' : ''}`);
    });
    expect(kinds).toContain('error');
    expect(kinds).toContain('named-func!');
    const unknown = tokens(bad.cst).filter((t) => t.invalid);
    expect(unknown.map((t) => t.text)).toEqual(['$']);
  });

  it('uses byte offsets and exposes the file base', () => {
    const sm = new SourceMap();
    sm.pushFile('a.wit', 'interface é {}');
    sm.pushFile('b.wit', 'interface b {}');
    const { files } = sm.parse();
    const b = files[1].cst;
    expect(b.base).toBe(Buffer.byteLength('interface é {}') + 1);
    expect(b.path).toBe('b.wit');
    const toks = significantTokens(files[0].cst);
    expect(toks.map((t) => [t.text, t.start, t.end])).toEqual([
      ['interface', 0, 9],
      ['é', 10, 12],
      ['{', 13, 14],
      ['}', 14, 15],
    ]);
  });
});
