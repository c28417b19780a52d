// The parser: every valid corpus file parses cleanly, the AST has the shape
// the resolver expects for each construct, errors are recovered from, the
// SourceMap locates and renders like wasm-tools, and no input makes the
// parser throw or stall.

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as A from '../src/ast.js';
import { typeNameHelp } from '../src/hints.js';
import { parseWit, SourceMap } from '../src/source-map.js';
import { corpusRoot, filesUnder, hasCorpus } from './support/corpus.js';

function parseOk(text: string): A.PackageFile {
  const r = parseWit(text);
  expect(r.diagnostics.map((d) => r.sourceMap.render(d))).toEqual([]);
  return r.ast;
}

function iface(text: string): A.InterfaceItem[] {
  const ast = parseOk(`interface i { ${text} }`);
  const item = ast.items[0];
  if (item.kind !== 'interface') throw new Error('not an interface');
  return item.interface.items;
}

function typeOf(text: string): A.Type {
  const [item] = iface(`type t = ${text};`);
  if (item.kind !== 'type') throw new Error('not a type');
  return item.type.type;
}

/** Strips spans so shapes compare structurally. */
function shape(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === 'span' || k === 'docs' ? undefined : x)));
}

describe.skipIf(!hasCorpus)('valid corpus files parse without diagnostics', () => {
  const valid = filesUnder(corpusRoot, '.wit').filter((f) => !f.includes('/parse-fail/'));
  it('finds the passing cases and WASI', () => {
    expect(valid.some((f) => f.includes('/wasi/'))).toBe(true);
    expect(valid.some((f) => f.includes('/wit-parser-ui/'))).toBe(true);
  });
  it.each(valid.map((f) => [relative(corpusRoot, f), f]))('%s', (_name, file) => {
    const sm = new SourceMap();
    sm.pushFile(file, readFileSync(file, 'utf8'));
    const r = sm.parse();
    expect(r.diagnostics.map((d) => sm.render(d))).toEqual([]);
  });
});

describe.skipIf(!hasCorpus)('AST spans point at their text', () => {
  // Every Id's span covers its text (with the `%` of an explicit id), every
  // version's span its text, every docs span its comments: over all valid
  // corpus files pushed into one SourceMap (so offsets of later files are
  // exercised too).
  it('holds across the corpus', () => {
    const sm = new SourceMap();
    const files = filesUnder(corpusRoot, '.wit').filter((f) => !f.includes('/parse-fail/'));
    for (const f of files) sm.pushFile(f, readFileSync(f, 'utf8'));
    const { files: parsed, diagnostics } = sm.parse();
    expect(diagnostics).toEqual([]);
    let ids = 0;
    let versions = 0;
    let docs = 0;
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) {
        for (const x of v) visit(x);
        return;
      }
      if (v === null || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      const span = o.span as A.Span | undefined;
      if (typeof o.name === 'string' && span && Object.keys(o).length === 2) {
        const text = sm.text(span);
        expect([o.name, `%${o.name}`]).toContain(text);
        ids++;
      }
      if (typeof o.text === 'string' && typeof o.major === 'number' && span) {
        expect(sm.text(span)).toBe(o.text);
        versions++;
      }
      if (Array.isArray(o.comments) && o.comments.length > 0 && span) {
        const text = sm.text(span);
        expect(text.startsWith(o.comments[0] as string)).toBe(true);
        expect(text.endsWith((o.comments.at(-1) as string).trimEnd())).toBe(true);
        docs++;
      }
      for (const [k, x] of Object.entries(o)) if (k !== 'span') visit(x);
    };
    for (const f of parsed) visit(f.ast);
    expect(ids).toBeGreaterThan(5_000);
    expect(versions).toBeGreaterThan(100);
    expect(docs).toBeGreaterThan(100);
  });
});

describe('types', () => {
  it.each([
    ['u32', { kind: 'primitive', name: 'u32' }],
    ['error-context', { kind: 'primitive', name: 'error-context' }],
    ['list<u8>', { kind: 'list', element: { kind: 'primitive', name: 'u8' } }],
    ['list<u8, 4>', { kind: 'fixed-length-list', element: { kind: 'primitive', name: 'u8' }, size: 4 }],
    [
      'map<string, u32>',
      { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'primitive', name: 'u32' } },
    ],
    ['option<x>', { kind: 'option', type: { kind: 'name', id: { name: 'x' } } }],
    ['result', { kind: 'result' }],
    ['result<u8>', { kind: 'result', ok: { kind: 'primitive', name: 'u8' } }],
    ['result<_, u8>', { kind: 'result', err: { kind: 'primitive', name: 'u8' } }],
    [
      'result<u8, s8>',
      { kind: 'result', ok: { kind: 'primitive', name: 'u8' }, err: { kind: 'primitive', name: 's8' } },
    ],
    ['tuple<>', { kind: 'tuple', types: [] }],
    [
      'tuple<u8, u16,>',
      {
        kind: 'tuple',
        types: [
          { kind: 'primitive', name: 'u8' },
          { kind: 'primitive', name: 'u16' },
        ],
      },
    ],
    ['future', { kind: 'future' }],
    ['future<u8>', { kind: 'future', type: { kind: 'primitive', name: 'u8' } }],
    ['stream', { kind: 'stream' }],
    ['stream<u8>', { kind: 'stream', type: { kind: 'primitive', name: 'u8' } }],
    ['own<r>', { kind: 'handle', handle: 'own', resource: { name: 'r' } }],
    ['borrow<%r>', { kind: 'handle', handle: 'borrow', resource: { name: 'r' } }],
    ['%record', { kind: 'name', id: { name: 'record' } }],
  ])('%s', (text, expected) => {
    expect(shape(typeOf(text))).toEqual(expected);
  });
});

describe('items', () => {
  it('parses records, variants, enums and flags with trailing commas and docs', () => {
    const items = iface(`
      record r { /// a doc
        a: u32, b: string, }
      variant v { a, b(u32), }
      enum e { x, y, }
      flags f { p, q }
      record empty {}`);
    expect(items.map((i) => (i.kind === 'type' ? i.type.type.kind : i.kind))).toEqual([
      'record',
      'variant',
      'enum',
      'flags',
      'record',
    ]);
    const r = items[0].kind === 'type' && items[0].type.type.kind === 'record' ? items[0].type.type : undefined;
    expect(r?.fields.map((f) => [f.name.name, f.docs.comments])).toEqual([
      ['a', ['/// a doc']],
      ['b', []],
    ]);
  });

  it('parses resources: constructor (fallible), methods, statics, async', () => {
    const [item] = iface(`resource r {
      constructor(a: u32) -> result<r, e>;
      m: func(x: borrow<r>) -> u32;
      s: static func() -> r;
      am: async func();
      sa: static async func();
    }`);
    if (item.kind !== 'type' || item.type.type.kind !== 'resource') throw new Error('resource expected');
    const funcs = item.type.type.funcs;
    expect(funcs.map((f) => [f.kind, f.func.name.name, f.func.func.async])).toEqual([
      ['constructor', 'constructor', false],
      ['method', 'm', false],
      ['static', 's', false],
      ['method', 'am', true],
      ['static', 'sa', true],
    ]);
    expect(shape(funcs[0].func.func.result)).toEqual({
      kind: 'result',
      ok: { kind: 'name', id: { name: 'r' } },
      err: { kind: 'name', id: { name: 'e' } },
    });
    // The constructor's name is the keyword itself.
    const r = parseWit('interface i { resource r { constructor(); } }');
    const ctor = (r.ast.items[0] as { interface: A.Interface }).interface.items[0] as { type: A.TypeDef };
    const span = (ctor.type.type as { funcs: A.ResourceFunc[] }).funcs[0].func.name.span;
    expect(r.sourceMap.text(span)).toBe('constructor');
  });

  it('parses `resource r;` and empty resources', () => {
    const items = iface('resource a; resource b {}');
    expect(items.map((i) => i.kind === 'type' && i.type.type.kind === 'resource' && i.type.type.funcs.length)).toEqual([
      0, 0,
    ]);
  });

  it('parses functions', () => {
    const [f] = iface('f: async func(a: u32, b: list<string>,) -> option<u8>;');
    if (f.kind !== 'func') throw new Error('func expected');
    expect(f.func.func.async).toBe(true);
    expect(f.func.func.params.map((p) => p.name.name)).toEqual(['a', 'b']);
    expect(shape(f.func.func.result)).toEqual({ kind: 'option', type: { kind: 'primitive', name: 'u8' } });
  });

  it('parses interface-level use', () => {
    const [u] = iface('use a:b/c@1.2.3-rc.1.{x, y as z,};');
    if (u.kind !== 'use') throw new Error('use expected');
    expect(shape(u.use)).toEqual({
      attributes: [],
      from: {
        kind: 'package',
        package: {
          namespace: { name: 'a' },
          name: { name: 'b' },
          version: { text: '1.2.3-rc.1', major: 1, minor: 2, patch: 3, pre: ['rc', '1'], build: [] },
        },
        name: { name: 'c' },
      },
      names: [{ name: { name: 'x' } }, { name: { name: 'y' }, as: { name: 'z' } }],
    });
  });

  it('parses worlds: every extern kind, use, types, include with', () => {
    const ast = parseOk(`world w {
      import f: func();
      export g: async func(x: u32) -> u32;
      import i: interface { h: func(); }
      import j;
      import a:b/c@0.2.0;
      import label: store;
      export other: wasi:keyvalue/store@0.2.0;
      use k.{t};
      type t2 = u32;
      record r { a: u8 }
      resource res;
      include a:b/w with { a as b, c as d, }
      include x;
    }`);
    const w = ast.items[0];
    if (w.kind !== 'world') throw new Error('world expected');
    const kinds = w.world.items.map((i) => {
      if (i.kind === 'import') return `import:${i.import.kind.kind}`;
      if (i.kind === 'export') return `export:${i.export.kind.kind}`;
      return i.kind;
    });
    expect(kinds).toEqual([
      'import:func',
      'export:func',
      'import:interface',
      'import:path',
      'import:path',
      'import:named-path',
      'export:named-path',
      'use',
      'type',
      'type',
      'type',
      'include',
      'include',
    ]);
    const named = w.world.items[6];
    expect(named.kind === 'export' && shape(named.export.kind)).toEqual({
      kind: 'named-path',
      name: { name: 'other' },
      path: {
        kind: 'package',
        package: {
          namespace: { name: 'wasi' },
          name: { name: 'keyvalue' },
          version: { text: '0.2.0', major: 0, minor: 2, patch: 0, pre: [], build: [] },
        },
        name: { name: 'store' },
      },
    });
    const inc = w.world.items[11];
    expect(inc.kind === 'include' && inc.include.names.map((n) => [n.name.name, n.as.name])).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('parses package headers, nested packages and top-level use', () => {
    const ast = parseOk(`/// pkg docs
      package a:b@1.0.0;
      use x:y/z@2.0.0 as q;
      use local;
      package c:d { interface e {} }
      package c:f@1.0.0-alpha+001 { world w {} }`);
    expect(ast.packageName?.docs.comments).toEqual(['/// pkg docs']);
    expect(ast.packageName?.version?.text).toBe('1.0.0');
    expect(ast.items.map((i) => i.kind)).toEqual(['use', 'use', 'package', 'package']);
    const u = ast.items[0];
    expect(u.kind === 'use' && u.use.as?.name).toBe('q');
    const p = ast.items[3];
    expect(p.kind === 'package' && p.package.packageName.version?.build).toEqual(['001']);
  });

  it('treats `package a:b {` as a nested package, not a header', () => {
    const ast = parseOk('package a:b { interface i {} }');
    expect(ast.packageName).toBeUndefined();
    expect(ast.items[0].kind).toBe('package');
  });

  it('parses attributes', () => {
    const ast = parseOk(`package a:b@1.0.0;
      @since(version = 1.0.0)
      @deprecated(version = 1.1.0)
      interface i {
        @unstable(feature = my-feature)
        f: func();
      }
      world w {
        @external-id("https://example.com/x@1")
        import x: func();
      }`);
    const i = ast.items[0];
    if (i.kind !== 'interface') throw new Error('interface expected');
    expect(shape(i.interface.attributes)).toEqual([
      { kind: 'since', version: { text: '1.0.0', major: 1, minor: 0, patch: 0, pre: [], build: [] } },
      { kind: 'deprecated', version: { text: '1.1.0', major: 1, minor: 1, patch: 0, pre: [], build: [] } },
    ]);
    const f = i.interface.items[0];
    expect(f.kind === 'func' && shape(f.func.attributes)).toEqual([
      { kind: 'unstable', feature: { name: 'my-feature' } },
    ]);
    const w = ast.items[1];
    expect(
      w.kind === 'world' && w.world.items[0].kind === 'import' && w.world.items[0].import.attributes,
    ).toMatchObject([{ kind: 'external-id', id: 'https://example.com/x@1' }]);
  });

  it('collects docs like wasm-tools: every comment before the item, as written', () => {
    const ast = parseOk(`package foo:comments;

// hello
/* this too */ /* is a comment */
/* this /* is /* a */ nested */ comment */

interface foo {}`);
    const i = ast.items[0];
    expect(i.kind === 'interface' && i.interface.docs.comments).toEqual([
      '// hello',
      '/* this too */',
      '/* is a comment */',
      '/* this /* is /* a */ nested */ comment */',
    ]);
  });

  it('unescapes %ids and keeps their span', () => {
    const r = parseWit('interface %interface { %type: func(); }');
    const i = r.ast.items[0];
    if (i.kind !== 'interface') throw new Error('interface expected');
    expect(i.interface.name.name).toBe('interface');
    expect(r.sourceMap.text(i.interface.name.span)).toBe('%interface');
  });

  it('parses versions with odd pre-release and build parts', () => {
    for (const v of ['1.0.1--', '1.0.1-a+a', '1.0.1-1+1', '1.0.1-1a+1a', '1.0.0-11-a', '1.0.0-a1.1-a', '1.0.0-11ab']) {
      const ast = parseOk(`package a:b@${v} {}`);
      const p = ast.items[0];
      expect(p.kind === 'package' && p.package.packageName.version?.text).toBe(v);
    }
  });
});

describe('errors and recovery', () => {
  function errors(text: string): string[] {
    const r = parseWit(text);
    return r.diagnostics.map((d) => d.message);
  }

  it('reports every syntax error in a file, the first one first', () => {
    expect(
      errors(`interface a { f: func() }
interface b { type x = list<u8; }
world w { import ; }
interface c { g: func(); }`),
    ).toEqual(["expected ';', found '}'", "expected '>', found ';'", "expected an identifier or string, found ';'"]);
  });

  it('keeps the items around an error', () => {
    const r = parseWit('interface a { x: u32; } interface b { y: func(); }');
    expect(r.diagnostics.length).toBe(1);
    expect(r.ast.items.map((i) => i.kind === 'interface' && i.interface.name.name)).toEqual(['a', 'b']);
  });

  it('resyncs on a missing `;` before the next item keyword', () => {
    const r = parseWit('interface a { type x = u32\n type y = u32; }');
    expect(r.diagnostics.map((d) => d.message)).toEqual(["expected ';', found keyword `type`"]);
    const i = r.ast.items[0];
    expect(i.kind === 'interface' && i.interface.items.map((x) => x.kind === 'type' && x.type.name.name)).toEqual([
      'y',
    ]);
  });

  it.each([
    ['interface i { foo_bar: func(); }', "invalid character in identifier '_'"],
    ['interface i { fooBar: func(); }', "invalid character in identifier 'B'"],
    ['interface %', "identifiers must have characters between '-'s"],
    ['interface i $', "unexpected character '$'"],
    ['interface i /* x', 'unterminated block comment'],
    ['world w { @external-id("x) import x: func(); }', 'unexpected end of file'],
    ['world w { @external-id("x\n) import x: func(); }', "invalid string character '\\n'"],
    ['world w { @external-id(x) import x: func(); }', 'expected a string literal, found an identifier'],
    ['interface "x" {}', 'expected an identifier or string, found a string literal'],
    ['package a:b@1.0\r.0;', "unexpected character '\\r'"],
    ['interface i { f: func() -> u32 * }', "expected ';', found `*`"],
    ['use a:b.c;', "expected `/`, found '.'"],
    ['@foo interface i {}', 'unknown attribute `foo`'],
    ['package a:b@01.0.0;', 'invalid leading zero in major version number'],
    ['interface i { type t = list<u8, 99999999999>; }', 'invalid list size: number too large to fit in target type'],
    ['@since(version = 1.0.0) package a:b {}', 'cannot place attributes on nested packages'],
    ['interface i {', 'expected `type`, `resource` or `func`, found eof'],
    ['world w { foo }', 'expected `import`, `export`, `include`, `use`, or type definition, found an identifier'],
    ['}', "expected `world`, `interface` or `use`, found '}'"],
  ])('%j', (text, first) => {
    expect(errors(text)[0]).toBe(first);
  });

  it.each([
    ['default world w {}', '`default world`'],
    ['interface i { union u { a, b } }', '`union`'],
    ['interface i { type t = expected<u8, u8>; }', '`result<T, E>`'],
    ['interface i { f: func() -> (a: u32, b: u32); }', 'named or multiple results'],
  ])('adds a help note for seed-era syntax: %j', (text, note) => {
    const r = parseWit(text);
    expect(r.diagnostics[0].help?.join('\n')).toContain(note);
    // Only shown on request: default renderings stay wasm-tools'.
    expect(r.sourceMap.render(r.diagnostics[0])).not.toContain(note);
    expect(r.sourceMap.render(r.diagnostics[0], { help: true })).toContain(note);
  });
});

describe('seed-era type names', () => {
  it.each([
    ['float32', '`f32`'],
    ['float64', '`f64`'],
    ['unit', '`unit` was removed'],
    ['expected', '`result<T, E>`'],
    ['union', '`variant`'],
  ])('%s', (name, text) => {
    expect(typeNameHelp(name)).toContain(text);
  });
  it('has nothing for other names', () => {
    expect(typeNameHelp('foo')).toBeUndefined();
    expect(typeNameHelp('constructor')).toBeUndefined();
  });
});

describe('versions are checked like the semver crate', () => {
  // Expected messages recorded from wasm-tools (jco's embedded wit-parser);
  // the source is `package a:b@<v>;` followed by a world.
  it.each([
    ['1.0.0-', 'OK'],
    ['1.0.0+', 'OK'],
    ['1.0.0-;', "expected `world`, `interface` or `use`, found ';'"],
    ['1.0.0- a', 'empty identifier segment in pre-release identifier'],
    ['1.0.0 -a', "unexpected character ' ' after patch version number"],
    ['01.0.0', 'invalid leading zero in major version number'],
    ['1.01.0', 'invalid leading zero in minor version number'],
    ['1.0.01', 'invalid leading zero in patch version number'],
    ['1.0.0-01', 'invalid leading zero in pre-release identifier'],
    ['1.0.0-0a', 'OK'],
    ['1.0.0+01', 'OK'],
    ['1.0. 0', "unexpected character ' ' while parsing patch version number"],
    ['1.0.0-a..b', "expected '{', found '.'"],
    ['1.0.0-a.', "expected '{', found '.'"],
    ['99999999999999999999.0.0', 'value of major version number exceeds u64::MAX'],
    ['1.0.0-a+b+c', "expected '{', found `+`"],
    ['1.0.0--', 'OK'],
    ['1.0.0.1', "expected '{', found '.'"],
    ['1.0', "expected '.', found ';'"],
  ])('%j', (v, expected) => {
    const r = parseWit(`package a:b@${v};\nworld w {}`);
    expect(r.diagnostics[0]?.message ?? 'OK').toBe(expected);
  });
});

describe('SourceMap', () => {
  it('reports refused code points without a location, like wasm-tools', () => {
    const r = parseWit('package a:b;\n\u0007', 'c.wit');
    expect(r.diagnostics[0]).toMatchObject({ message: "Control code '\\u{7}'" });
    expect(r.sourceMap.render(r.diagnostics[0])).toBe("Control code '\\u{7}'");
    expect(r.sourceMap.render(r.diagnostics[0], { help: true })).toContain('c.wit:2:1');
  });

  it('gives each file its own offset range and locates offsets', () => {
    const sm = new SourceMap();
    sm.pushFile('a.wit', 'interface a {}\n');
    sm.pushFile('dir/b.wit', 'package x:y;\n\ninterface b {}');
    const r = sm.parse();
    expect(r.diagnostics).toEqual([]);
    const [fa, fb] = r.files;
    expect(fa.path).toBe('a.wit');
    const ia = fa.ast.items[0] as { interface: A.Interface };
    const ib = fb.ast.items[0] as { interface: A.Interface };
    expect(ib.interface.name.span.start).toBeGreaterThan(16);
    expect(sm.location(ia.interface.name.span.start)).toEqual({ path: 'a.wit', line: 1, column: 11 });
    expect(sm.location(ib.interface.name.span.start)).toEqual({ path: 'dir/b.wit', line: 3, column: 11 });
    expect(sm.text(ib.interface.name.span)).toBe('b');
  });

  it('renders like wasm-tools, including eof, tabs and CRLF', () => {
    const r1 = parseWit('interface foo {\n  type\n', 'x.wit');
    expect(r1.sourceMap.render(r1.diagnostics[0])).toBe(
      ['expected an identifier or string, found eof', '     --> x.wit:3:1', '      |', '    3 | ', '      | ^'].join(
        '\n',
      ),
    );
    const r2 = parseWit('interface foo {\r\n\ttype option = u32;\r\n}', 'y.wit');
    expect(r2.sourceMap.render(r2.diagnostics[0])).toBe(
      [
        'expected an identifier or string, found keyword `option`',
        '     --> y.wit:2:7',
        '      |',
        '    2 | \ttype option = u32;',
        '      |       ^-----',
      ].join('\n'),
    );
  });

  it('counts columns in characters and spans in characters', () => {
    const r = parseWit('/* é€😀 */ interface i { type t = é; }', 'u.wit');
    const d = r.diagnostics[0];
    expect(d.message).toBe("invalid character in identifier 'é'");
    expect(r.sourceMap.location(d.span!.start)).toEqual({ path: 'u.wit', line: 1, column: 34 });
  });

  it('falls back to a one-line message for very long lines', () => {
    const r = parseWit(`interface ${'a'.repeat(600)} x`, 'long.wit');
    expect(r.sourceMap.render(r.diagnostics[0])).toBe("long.wit:1:612: expected '{', found an identifier");
  });

  it('renders notes after the frame and span-less diagnostics as plain text', () => {
    const sm = new SourceMap();
    sm.pushFile('a.wit', 'x');
    expect(sm.render({ severity: 'error', message: 'no span', notes: ['note: n'] })).toBe('no span\nnote: n');
  });
});

// A differential check against a real wit-parser: jco (a dev dependency of
// the monorepo) embeds wasm-tools compiled to wasm, whose `componentEmbed`
// parses WIT and reports wasm-tools' error message (without location). Its
// version need not be exactly 1.257, so this is a guard, not the reference.
type Embed = (opts: { dummy: boolean; witSource: string }) => Promise<unknown>;
const oracle: Embed | undefined = await import('@bytecodealliance/jco-transpile/wasm-tools' as string)
  .then((m: { componentEmbed?: Embed }) => m.componentEmbed)
  .catch(() => undefined);

describe.skipIf(oracle === undefined || !hasCorpus)('agrees with wasm-tools on mutated corpus files', () => {
  const SYNTAX =
    /^(expected |unexpected |invalid |identifiers must|type nesting|package nesting|unterminated|unknown attribute|Control code|Input contains|Codepoint|empty identifier|value of )/;
  const INSERTS = [
    '{',
    '}',
    '<',
    '>',
    '(',
    ')',
    ';',
    ',',
    ':',
    '/',
    '@',
    '%',
    '.',
    '=',
    '->',
    '*',
    '-',
    '+',
    '_',
    '1',
    '1.0.0',
    'use',
    'type',
    'func',
    'u32',
    'x',
    'fooBar',
    'a--b',
    'interface',
    'world',
    'import',
    'export',
    'include',
    'with',
    'as',
    'resource',
    'static',
    'async',
    'constructor',
    'list',
    'result',
    'package',
    'record',
    '$',
    '/*',
    '"',
    'é',
    '\u0007',
    '@since(version = 1.0.0)',
    'list<u8, 4>',
    '@external-id("x")',
  ];
  const texts = hasCorpus
    ? filesUnder(corpusRoot, '.wit')
        .filter((f) => f.includes('/wit-parser-ui/') && !f.includes('/parse-fail/'))
        .map((f) => readFileSync(f, 'utf8'))
    : [];
  it('gives the same first error message', async () => {
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const mismatches: string[] = [];
    let compared = 0;
    for (let i = 0; i < 400; i++) {
      const parts = texts[rnd(texts.length)].match(/[A-Za-z0-9_%-]+|\s+|\/\/[^\n]*|./gsu) ?? [];
      const at = rnd(parts.length);
      const op = rnd(3);
      if (op === 0) parts.splice(at, 1);
      else parts.splice(at, op === 1 ? 0 : 1, ` ${INSERTS[rnd(INSERTS.length)]} `);
      const src = parts.join('');
      const ours = parseWit(src).diagnostics[0]?.message;
      let theirs: string | undefined;
      try {
        await oracle!({ dummy: true, witSource: src });
      } catch (e) {
        theirs = String((e as Error).message ?? e).split('\n')[0];
      }
      const oursSyntax = ours !== undefined && SYNTAX.test(ours);
      const theirsSyntax = theirs !== undefined && SYNTAX.test(theirs);
      if (!oursSyntax && !theirsSyntax) continue;
      compared++;
      if (ours !== theirs)
        mismatches.push(`${JSON.stringify(src.slice(0, 200))}\n  ours:   ${ours}\n  theirs: ${theirs}`);
    }
    expect(compared).toBeGreaterThan(200);
    expect(mismatches).toEqual([]);
  });
});

describe('robustness', () => {
  const seeds = hasCorpus
    ? filesUnder(corpusRoot, '.wit')
        .filter((_, i) => i % 7 === 0)
        .map((f) => readFileSync(f, 'utf8'))
    : ['package a:b;\ninterface i { f: func(a: list<u8>) -> result<u8, string>; }\nworld w { import i; }'];

  it('never throws and stays fast on mutated input', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(
          '',
          '{',
          '}',
          '<',
          '(',
          ';',
          '/*',
          '"',
          '%',
          '@',
          'package a:b {',
          'list<',
          '\u202e',
          '\r',
          'é',
        ),
        (which, at, cut, insert) => {
          const base = seeds[which % seeds.length];
          const p = at % (base.length + 1);
          const text = (base.slice(0, p) + insert + base.slice(p)).slice(
            0,
            base.length - (cut % 3 === 0 ? cut % (base.length + 1) : 0),
          );
          const t0 = performance.now();
          const r = parseWit(text);
          for (const d of r.diagnostics) r.sourceMap.render(d);
          expect(performance.now() - t0).toBeLessThan(1000);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('survives pathological nesting', () => {
    for (const text of [
      'interface i { type t = ' + 'list<'.repeat(100_000),
      'package a:b {'.repeat(20_000),
      '{'.repeat(100_000),
      '/*'.repeat(50_000),
      'interface i { type t = tuple<' + 'tuple<u8, '.repeat(5_000),
    ]) {
      const r = parseWit(text);
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
});
