// Resolver unit checks on hand-built ASTs (independent of the parser): the
// arena order of a small package and a gated-off reference error.

import { describe, expect, it } from 'vitest';
import type * as ast from '../src/ast.js';
import { pushGroups } from '../src/resolve/group.js';
import { toWasmToolsJson } from '../src/resolve/json.js';
import type { Resolve } from '../src/resolve/types.js';
import { resolveGroup } from '../src/resolve/unresolved.js';

let offset = 0;
const span = (): ast.Span => ({ start: offset, end: ++offset });
const id = (name: string): ast.Id => ({ name, span: span() });
const docs = (...comments: string[]): ast.Docs => ({ comments, span: span() });
const prim = (name: ast.PrimitiveTypeName): ast.Type => ({ kind: 'primitive', name, span: span() });
const named = (name: string): ast.Type => ({ kind: 'name', id: id(name) });

const source = {
  render: (d: { message: string }) => d.message,
  location: (o: number) => ({ path: 'x.wit', line: 1, column: o + 1 }),
};

function emptyResolve(features: string[] = []): Resolve {
  return {
    worlds: [],
    interfaces: [],
    types: [],
    packages: [],
    packageNames: new Map(),
    features: new Set(features),
    allFeatures: false,
  };
}

function resolveFile(file: ast.PackageFile, features: string[] = []): Resolve {
  const resolve = emptyResolve(features);
  const { main, nested } = resolveGroup([file]);
  resolve.main = pushGroups(resolve, { main, nested, source }, []);
  return resolve;
}

const pkgName = (ns: string, name: string): ast.PackageName => ({
  docs: docs(),
  span: span(),
  namespace: id(ns),
  name: id(name),
});

describe('resolver on hand-built ASTs', () => {
  it('orders interfaces by use and interns anonymous types', () => {
    const file: ast.PackageFile = {
      packageName: pkgName('foo', 'bar'),
      items: [
        {
          kind: 'interface',
          interface: {
            docs: docs('/// uses b'),
            attributes: [],
            name: id('a'),
            items: [
              {
                kind: 'use',
                use: { attributes: [], from: { kind: 'id', id: id('b') }, names: [{ name: id('t') }], span: span() },
              },
              {
                kind: 'func',
                func: {
                  docs: docs(),
                  attributes: [],
                  name: id('f'),
                  func: {
                    span: span(),
                    async: false,
                    params: [{ name: id('x'), type: { kind: 'list', element: named('t'), span: span() } }],
                    result: { kind: 'list', element: named('t'), span: span() },
                  },
                },
              },
            ],
          },
        },
        {
          kind: 'interface',
          interface: {
            docs: docs(),
            attributes: [],
            name: id('b'),
            items: [{ kind: 'type', type: { docs: docs(), attributes: [], name: id('t'), type: prim('u32') } }],
          },
        },
        {
          kind: 'world',
          world: {
            docs: docs(),
            attributes: [],
            name: id('w'),
            items: [
              {
                kind: 'export',
                export: { docs: docs(), attributes: [], kind: { kind: 'path', path: { kind: 'id', id: id('a') } } },
              },
            ],
          },
        },
      ],
    };
    const json = toWasmToolsJson(resolveFile(file));
    expect(json.interfaces).toEqual([
      { name: 'b', types: { t: 0 }, functions: {}, package: 0 },
      {
        name: 'a',
        types: { t: 1 },
        functions: {
          f: { name: 'f', kind: 'freestanding', params: [{ name: 'x', type: 2 }], result: 2 },
        },
        docs: { contents: 'uses b' },
        package: 0,
      },
    ]);
    expect(json.types).toEqual([
      { name: 't', kind: { type: 'u32' }, owner: { interface: 0 } },
      { name: 't', kind: { type: 0 }, owner: { interface: 1 } },
      { name: null, kind: { list: 1 }, owner: null },
    ]);
    // The export's dependency `b` becomes an implicit import.
    expect(json.worlds).toEqual([
      {
        name: 'w',
        imports: { 'interface-0': { interface: { id: 0 } } },
        exports: { 'interface-1': { interface: { id: 1 } } },
        package: 0,
      },
    ]);
  });

  it('rejects references to types gated off by a feature', () => {
    const file: ast.PackageFile = {
      packageName: pkgName('foo', 'gated'),
      items: [
        {
          kind: 'interface',
          interface: {
            docs: docs(),
            attributes: [],
            name: id('i'),
            items: [
              {
                kind: 'type',
                type: {
                  docs: docs(),
                  attributes: [{ kind: 'unstable', feature: id('x'), span: span() }],
                  name: id('gated'),
                  type: prim('u8'),
                },
              },
              { kind: 'type', type: { docs: docs(), attributes: [], name: id('user'), type: named('gated') } },
            ],
          },
        },
      ],
    };
    expect(() => resolveFile(file)).toThrow(/excluded due to its feature not being activated/);
    expect(() => resolveFile(file, ['x'])).not.toThrow();
  });
});

describe('in-memory entry points', () => {
  it('resolveSource resolves nested packages and records the main one', async () => {
    const { resolveSource } = await import('../src/resolve/index.js');
    const resolve = resolveSource(
      'package a:main;\npackage a:dep { interface i { type t = u8; } }\ninterface j { use a:dep/i.{t}; }\n',
      'mem.wit',
    );
    expect(resolve.packages.map((p) => `${p.name.namespace}:${p.name.name}`)).toEqual(['a:dep', 'a:main']);
    expect(resolve.main).toBe(1);
    // Every span of the result points into the one source map kept on it.
    expect(resolve.sourceMap?.text(resolve.packages[1].span!)).toBe('a:main');
    expect(resolve.sourceMap?.text(resolve.interfaces[1].span!)).toBe('j');
  });

  it('tryResolveSource reports instead of throwing', async () => {
    const { tryResolveSource } = await import('../src/resolve/index.js');
    const bad = tryResolveSource('package a:b;\ninterface i { type t = nope; }\n', 'bad.wit');
    expect(bad.resolve).toBeUndefined();
    expect(bad.diagnostics[0].message).toBe('type `nope` does not exist');
    expect(bad.rendered).toContain('--> bad.wit:2:24');
    expect(bad.sourceMap.render(bad.diagnostics[0])).toBe(bad.rendered);
    const syntax = tryResolveSource('package a:b;\ninterface i {\n', 'syntax.wit');
    expect(syntax.resolve).toBeUndefined();
    expect(syntax.diagnostics.length).toBeGreaterThan(0);
    const good = tryResolveSource('package a:b;\n', 'ok.wit');
    expect(good.resolve?.packages.length).toBe(1);
  });
});
