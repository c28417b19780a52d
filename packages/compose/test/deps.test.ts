// Dependency sources: a deps directory (`<dir>/<ns>/<pkg>.wasm|.wat|.wit`
// or a WIT directory), a programmatic `deps` map of paths, and the errors.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError, resolveComposition } from '@wit-ts/compose';
import { TESTS } from './corpus.js';

const RES = join(TESTS, 'resolution');

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ComposeError) return e.rendered;
    throw e;
  }
  throw new Error('no error');
}

describe('dependencies', () => {
  it('reads WIT directories from a deps dir', () => {
    const source = `package test:comp;\ninterface i { use foo:bar/baz.{a, b, c}; }\nimport x: foo:bar/baz;`;
    const { composition } = resolveComposition({ source, depsDir: join(RES, 'package-use-item') });
    expect(composition.imports.map((i) => i.name)).toEqual(['foo:bar/baz']);
  });

  it('takes `--dep ns:pkg=path` paths', () => {
    const source = `package test:comp;\nimport x: foo:bar/baz;`;
    const { composition } = resolveComposition({ source, deps: { 'foo:bar': join(RES, 'package-use-item/foo/bar') } });
    expect(composition.imports[0].name).toBe('foo:bar/baz');
  });

  it('explains that .wat needs an assembler', () => {
    const r = errorOf(() =>
      resolveComposition({
        source: 'package a:b;\nlet x = new foo:bar {};',
        path: 'w.wac',
        depsDir: join(RES, 'let-statements'),
      }),
    );
    expect(r).toContain('WebAssembly text (.wat) is not supported: we have no text assembler');
    expect(r).toContain('--> w.wac:2:13');
  });

  it('reports invalid, non-component and non-wasm packages', () => {
    for (const [dir, msg] of [
      ['package-invalid-wasm', 'failed to parse package `foo:bar`'],
      ['package-not-component', 'not a component'],
      ['package-not-wasm', 'not a WebAssembly binary'],
    ]) {
      const r = errorOf(() =>
        resolveComposition({ source: 'package a:b;\nlet x = new foo:bar {};', depsDir: join(RES, 'fail', dir) }),
      );
      expect(r).toContain(msg);
    }
  });

  it('reports an unknown package at its name', () => {
    const r = errorOf(() => resolveComposition({ source: 'package a:b;\nlet x = new foo:bar {};', path: 'u.wac' }));
    expect(r).toBe(
      'unknown package `foo:bar`\n     --> u.wac:2:13\n      |\n    2 | let x = new foo:bar {};\n      |             ^------',
    );
  });
});
