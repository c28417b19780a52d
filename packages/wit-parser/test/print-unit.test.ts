// Exact-output tests of the canonical printer on small hand-written models
// (in wasm-tools' JSON shape, loaded through the test-only JSON loader). Each
// pins one layout rule of wasm-tools' `WitPrinter`.

import { describe, expect, it } from 'vitest';
import { printAllPackages, printPackage, printResolve, WitPrintError } from '../src/print/index.js';
import { resolveFromJson } from './support/resolve-from-json.js';

const iface = (name: string | null, pkg: number, extra: object = {}) => ({
  name,
  types: {},
  functions: {},
  package: pkg,
  ...extra,
});
const fn = (name: string, extra: object = {}) => ({ name, kind: 'freestanding', params: [], ...extra });

describe('printer layout', () => {
  it('separates items with blank lines and escapes keywords', () => {
    const r = resolveFromJson({
      worlds: [],
      interfaces: [
        iface('interface', 0, {
          types: { type: 0, world: 1, record: 2 },
          functions: { func: fn('func', { params: [{ name: 'list', type: 2 }], result: 'u32' }) },
        }),
      ],
      types: [
        { name: 'type', kind: { type: 'u32' }, owner: { interface: 0 } },
        { name: 'world', kind: { type: 0 }, owner: { interface: 0 } },
        {
          name: 'record',
          kind: { record: { fields: [{ name: 'variant', type: 1 }] } },
          owner: { interface: 0 },
        },
      ],
      packages: [{ name: 'foo:async@1.0.0', interfaces: { interface: 0 }, worlds: {} }],
    });
    expect(printResolve(r)).toBe(
      [
        'package foo:%async@1.0.0;',
        '',
        'interface %interface {',
        '  type %type = u32;',
        '',
        '  type %world = %type;',
        '',
        '  record %record {',
        '    %variant: %world,',
        '  }',
        '',
        '  %func: func(%list: %record) -> u32;',
        '}',
        '',
        '',
      ].join('\n'),
    );
  });

  it('groups adjacent uses, qualifies foreign paths, and prints `as` renames', () => {
    const r = resolveFromJson({
      worlds: [],
      interfaces: [
        iface('types', 0, { types: { a: 0, b: 1 } }),
        iface('local', 1, { types: { c: 2 } }),
        iface('user', 1, { types: { a: 3, bee: 4, c: 5, own: 6 } }),
      ],
      types: [
        { name: 'a', kind: { type: 'u8' }, owner: { interface: 0 } },
        { name: 'b', kind: { type: 'u8' }, owner: { interface: 0 } },
        { name: 'c', kind: { type: 'u8' }, owner: { interface: 1 } },
        { name: 'a', kind: { type: 0 }, owner: { interface: 2 } },
        { name: 'bee', kind: { type: 1 }, owner: { interface: 2 } },
        { name: 'c', kind: { type: 2 }, owner: { interface: 2 } },
        { name: 'own', kind: { type: 3 }, owner: { interface: 2 } },
      ],
      packages: [
        { name: 'dep:pkg@0.2.0-rc.1', interfaces: { types: 0 }, worlds: {} },
        { name: 'me:main', interfaces: { local: 1, user: 2 }, worlds: {} },
      ],
    });
    const text = printPackage(r, 1);
    expect(text).toContain(
      [
        'interface user {',
        '  use dep:pkg/types@0.2.0-rc.1.{a, b as bee};',
        '  use local.{c};',
        '',
        '  type %own = a;',
        '}',
      ].join('\n'),
    );
  });

  it('prints resources: shorthand constructors, methods without self, statics, async', () => {
    const r = resolveFromJson({
      worlds: [],
      interfaces: [
        iface('i', 0, {
          types: { r: 0, alias: 3 },
          functions: {
            '[constructor]r': { name: '[constructor]r', kind: { constructor: 0 }, params: [], result: 2 },
            '[method]r.m': {
              name: '[method]r.m',
              kind: { 'async-method': 0 },
              params: [
                { name: 'self', type: 1 },
                { name: 'other', type: 1 },
              ],
              result: 4,
              docs: { contents: 'first\n\n  indented' },
            },
            '[static]r.make': { name: '[static]r.make', kind: { static: 0 }, params: [], result: 2 },
            top: fn('top', { kind: 'async-freestanding', params: [{ name: 'x', type: 2 }] }),
          },
        }),
      ],
      types: [
        { name: 'r', kind: 'resource', owner: { interface: 0 } },
        { name: null, kind: { handle: { borrow: 0 } }, owner: null },
        { name: null, kind: { handle: { own: 0 } }, owner: null },
        { name: 'alias', kind: { handle: { own: 0 } }, owner: { interface: 0 } },
        { name: null, kind: { result: { ok: null, err: 5 } }, owner: null },
        { name: null, kind: { 'fixed-length-list': [6, 4] }, owner: null },
        { name: null, kind: { future: null }, owner: null },
      ],
      packages: [{ name: 'a:b', interfaces: { i: 0 }, worlds: {} }],
    });
    expect(printResolve(r)).toBe(
      [
        'package a:b;',
        '',
        'interface i {',
        '  resource r {',
        '    constructor();',
        '    /// first',
        '    ///',
        '    ///   indented',
        '    m: async func(other: borrow<r>) -> result<_, list<future, 4>>;',
        '    make: static func() -> r;',
        '  }',
        '',
        '  type alias = own<r>;',
        '',
        '  top: async func(x: r);',
        '}',
        '',
        '',
      ].join('\n'),
    );
  });

  it('keeps `-> T` on a constructor that does not return its own resource', () => {
    const r = resolveFromJson({
      worlds: [],
      interfaces: [
        iface('i', 0, {
          types: { r: 0 },
          functions: {
            '[constructor]r': { name: '[constructor]r', kind: { constructor: 0 }, params: [], result: 2 },
          },
        }),
      ],
      types: [
        { name: 'r', kind: 'resource', owner: { interface: 0 } },
        { name: null, kind: { handle: { own: 0 } }, owner: null },
        { name: null, kind: { result: { ok: 1, err: 'string' } }, owner: null },
      ],
      packages: [{ name: 'a:b', interfaces: { i: 0 }, worlds: {} }],
    });
    expect(printResolve(r)).toContain('    constructor() -> result<r, string>;\n');
  });

  it('lays out worlds: interfaces, types with resource funcs, functions, then exports', () => {
    const r = resolveFromJson({
      worlds: [
        {
          name: 'w',
          imports: {
            f: { function: fn('f', { docs: { contents: 'f docs' } }) },
            'interface-0': { interface: { id: 0 } },
            t: { type: 1 },
            r: { type: 0 },
            '[constructor]r': {
              function: { name: '[constructor]r', kind: { constructor: 0 }, params: [], result: 2 },
            },
            anon: { interface: { id: 1, stability: { unstable: { feature: 'x' } } } },
            primary: { interface: { id: 0 } },
          },
          exports: { g: { function: fn('g') }, 'interface-0': { interface: { id: 0 } } },
          package: 0,
          docs: { contents: 'world docs' },
        },
      ],
      interfaces: [iface('store', 0), iface(null, 0, { functions: { h: fn('h') }, docs: { contents: 'anon docs' } })],
      types: [
        { name: 'r', kind: 'resource', owner: { world: 0 } },
        { name: 't', kind: { list: 'u8' }, owner: { world: 0 }, docs: { contents: 't docs' } },
        { name: null, kind: { handle: { own: 0 } }, owner: null },
      ],
      packages: [{ name: 'a:b', interfaces: { store: 0 }, worlds: { w: 0 } }],
    });
    expect(printResolve(r)).toBe(
      [
        'package a:b;',
        '',
        'interface store {',
        '}',
        '',
        '/// world docs',
        'world w {',
        '  import store;',
        '  /// anon docs',
        '  @unstable(feature = x)',
        '  import anon: interface {',
        '    h: func();',
        '  }',
        '  import primary: store;',
        '',
        '  /// t docs',
        '  type t = list<u8>;',
        '',
        '  resource r {',
        '    constructor();',
        '  }',
        '  /// f docs',
        '  import f: func();',
        '',
        '  export g: func();',
        '  export store;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints docs written on by-reference imports/exports, not the interface docs', () => {
    const r = resolveFromJson({
      worlds: [
        {
          name: 'w',
          imports: {
            'interface-0': { interface: { id: 0, docs: { contents: 'on the import' } } },
            label: { interface: { id: 0 } },
          },
          exports: { 'interface-0': { interface: { id: 0 } } },
          package: 0,
        },
      ],
      interfaces: [iface('i', 0, { docs: { contents: 'on the interface' } })],
      types: [],
      packages: [{ name: 'a:b', interfaces: { i: 0 }, worlds: { w: 0 } }],
    });
    expect(printResolve(r)).toBe(
      [
        'package a:b;',
        '',
        '/// on the interface',
        'interface i {',
        '}',
        '',
        'world w {',
        '  /// on the import',
        '  import i;',
        '  import label: i;',
        '',
        '  export i;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints nested packages in brace form after the main package', () => {
    const r = resolveFromJson({
      worlds: [{ name: 'w', imports: { 'interface-0': { interface: { id: 0 } } }, exports: {}, package: 1 }],
      interfaces: [iface('x', 0, { functions: { f: fn('f') } }), iface('y', 0), iface('z', 2)],
      types: [],
      packages: [
        { name: 'dep:one@1.0.0', interfaces: { x: 0, y: 1 }, worlds: {}, docs: { contents: 'one' } },
        { name: 'me:main', interfaces: {}, worlds: { w: 0 } },
        { name: 'dep:two', interfaces: { z: 2 }, worlds: {} },
      ],
    });
    expect(printResolve(r, { package: 1, nested: 'all' })).toBe(
      [
        'package me:main;',
        '',
        'world w {',
        '  import dep:one/x@1.0.0;',
        '}',
        '/// one',
        'package dep:one@1.0.0 {',
        '  interface x {',
        '    f: func();',
        '  }',
        '  interface y {',
        '  }',
        '}',
        '',
        '',
        'package dep:two {',
        '  interface z {',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    // Only what `me:main` actually refers to counts as a dependency.
    expect(printResolve(r, { package: 1, nested: 'deps' })).not.toContain('dep:two');
    expect(printResolve(r, { package: 1, nested: 'deps', docs: false })).not.toContain('/// one');
  });

  it('names --out-dir files after packages, disambiguating only when needed', () => {
    const pkg = (name: string) => ({ name, interfaces: {}, worlds: {} });
    const r = resolveFromJson({
      worlds: [],
      interfaces: [],
      types: [],
      packages: [
        pkg('a:x@1.0.0'),
        pkg('a:x@2.0.0'),
        pkg('b:x'),
        pkg('c:y@1.0.0'),
        pkg('c:y@2.0.0'),
        pkg('d:z@0.1.0'),
        pkg('me:main'),
      ],
    });
    expect(printAllPackages(r).map((p) => [p.name, p.path])).toEqual([
      ['a:x@1.0.0', 'deps/a:x@1.0.0.wit'],
      ['a:x@2.0.0', 'deps/a:x@2.0.0.wit'],
      ['b:x', 'deps/b:x.wit'],
      ['c:y@1.0.0', 'deps/y@1.0.0.wit'],
      ['c:y@2.0.0', 'deps/y@2.0.0.wit'],
      ['d:z@0.1.0', 'deps/z.wit'],
      ['me:main', 'main.wit'],
    ]);
    expect(printAllPackages(r)[2].text).toBe('package b:x;\n\n');
  });

  it('refuses models that have no WIT spelling', () => {
    const r = resolveFromJson({
      worlds: [],
      interfaces: [iface('i', 0, { functions: { f: fn('f', { result: 0 }) } })],
      types: [{ name: null, kind: { record: { fields: [] } }, owner: null }],
      packages: [{ name: 'a:b', interfaces: { i: 0 }, worlds: {} }],
    });
    expect(() => printResolve(r)).toThrow(/unnamed record/);
    expect(() => printResolve(r, { package: 7 })).toThrow(WitPrintError);
  });
});
