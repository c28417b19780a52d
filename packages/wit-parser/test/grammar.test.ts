// The chevrotain grammar itself: it passes chevrotain's own checks, its
// errors carry wasm-tools' wording and spans (never chevrotain's), and its
// gates decide where wasm-tools looks further than one token.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWit } from '../src/source-map.js';
import { WitGrammar } from '../src/parser-items.js';

function diags(text: string): { message: string; start: number; end: number }[] {
  return parseWit(text).diagnostics.map((d) => ({ message: d.message, start: d.span!.start, end: d.span!.end }));
}

describe('the grammar', () => {
  it('passes chevrotain’s grammar validations (ambiguities, left recursion, empty alternatives)', () => {
    const g = new WitGrammar({ validate: true });
    const rules = Object.keys(g.getGAstProductions());
    for (const r of ['file', 'declList', 'interfaceBody', 'worldBody', 'typeDef', 'typeExpr', 'externKind', 'version'])
      expect(rules).toContain(r);
  });

  it('is reused across parses, including after a syntax error', () => {
    expect(diags('interface i { f: func() }')[0].message).toBe("expected ';', found '}'");
    expect(diags('interface i { f: func(); }')).toEqual([]);
    expect(diags('world w { import x: func(); }')).toEqual([]);
  });
});

describe('errors', () => {
  it('a failed CONSUME points at the found token, like wasm-tools’ `expect`', () => {
    const text = 'interface i { f: func() }';
    expect(diags(text)).toEqual([{ message: "expected ';', found '}'", start: 24, end: 24 }]);
  });

  it('a failed OR spans the found token, like wasm-tools’ `err_expected`', () => {
    expect(diags('world w { foo }')).toEqual([
      {
        message: 'expected `import`, `export`, `include`, `use`, or type definition, found an identifier',
        start: 10,
        end: 13,
      },
    ]);
    expect(diags('interface i { type t = 1; }')[0]).toEqual({
      message: 'expected a type, found an integer',
      start: 23,
      end: 24,
    });
    expect(diags('interface 1 {}')[0]).toEqual({
      message: 'expected an identifier or string, found an integer',
      start: 10,
      end: 11,
    });
  });

  it('`found eof` points at the end of the file', () => {
    expect(diags('interface i { type t = list<u8')).toEqual([
      { message: "expected '>', found eof", start: 30, end: 30 },
    ]);
  });

  it('never leaks chevrotain’s wording or a stack trace', () => {
    const pieces = [
      'interface i {',
      'world w {',
      '}',
      '{',
      '<',
      '>',
      '(',
      ')',
      ';',
      ',',
      ':',
      '@',
      '=',
      'type',
      'x',
      '1',
      'list<',
      'result<_,',
      'import',
      'export',
      'use',
      'package a:b',
      '@since(',
      'version',
      '.',
      '/',
      '->',
      'func',
      '%',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        for (const d of parseWit(parts.join(' ')).diagnostics) {
          expect(d.message).not.toMatch(/Expecting|but found|Redundant input|-->|Exception|\n\s+at |internal error/);
        }
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});

describe('gates where wasm-tools peeks further than one token', () => {
  it('tells a package header from a nested package by what follows the name', () => {
    const header = parseWit('package a:b@1.0.0;\ninterface i {}');
    expect(header.diagnostics).toEqual([]);
    expect(header.ast.packageName?.version?.text).toBe('1.0.0');
    const nested = parseWit('package a:b@1.0.0 { interface i {} }');
    expect(nested.diagnostics).toEqual([]);
    expect(nested.ast.items[0].kind).toBe('package');
  });

  it('tells extern kinds apart after `name:`', () => {
    const r = parseWit('world w { import a: func(); import b: interface {} import c: d; import e:f/g; }');
    expect(r.diagnostics).toEqual([]);
    const w = r.ast.items[0];
    expect(w.kind === 'world' && w.world.items.map((i) => i.kind === 'import' && i.import.kind.kind)).toEqual([
      'func',
      'interface',
      'named-path',
      'path',
    ]);
  });

  it('chomps a version tail only through `.` followed by a version part', () => {
    const r = parseWit('interface i { use a:b/c@1.0.0-rc.1.{x}; }');
    expect(r.diagnostics).toEqual([]);
    const i = r.ast.items[0];
    const use = i.kind === 'interface' && i.interface.items[0];
    expect(use && use.kind === 'use' && use.use.from.kind === 'package' && use.use.from.package.version?.text).toBe(
      '1.0.0-rc.1',
    );
  });

  it('decides an attribute’s arguments by its name', () => {
    expect(diags('@since(feature = x) interface i {}')[0].message).toBe('expected `version`, found `feature`');
    expect(diags('@unstable(version = x) interface i {}')[0].message).toBe('expected `feature`, found `version`');
    expect(diags('@external-id(x) interface i {}')[0].message).toBe('expected a string literal, found an identifier');
    expect(diags('@other(x) interface i {}')[0].message).toBe('unknown attribute `other`');
  });
});
