// embed: the metadata section layout; new: merging sections, stripping them,
// and the error messages for core imports/exports that match no WIT item.
import { resolveSource } from '@wit-ts/wit-parser';
import { describe, expect, it } from 'vitest';
import { decodeComponent } from '../src/decode-component.js';
import { decodeCoreModule } from '../src/decode-core-module.js';
import { validateComponent } from '../src/validate/index.js';
import {
  componentNew,
  componentNewModel,
  embedComponentType,
  encodeComponentTypeMetadata,
} from '../src/build/index.js';
import { ModuleBuilder, type Sig } from '../src/build/wasm.js';

const WIT = `package a:b@1.0.0;
interface foo { x: func(a: u32) -> u32; s: func(s: string) -> string; }
interface bar { y: func(); }
world w1 { import foo; }
world w2 { export bar; }
world w { import foo; export bar; }
world w3 { export foo; }`;
const resolve = resolveSource(WIT, 'x.wit');
const world = (name: string) => resolve.packages[resolve.main!].worlds.get(name)!;

function module(imports: [string, string, Sig][], exports: [string, Sig][], memory = true): Uint8Array {
  const m = new ModuleBuilder();
  for (const [mod, name, sig] of imports) m.importFunc(mod, name, sig);
  if (memory) {
    m.memory = true;
    m.export('memory', 2, 0);
  }
  for (const [name, sig] of exports) m.export(name, 0, m.func({ type: sig, body: [0x00] }));
  return m.finish();
}
const I32_I32: Sig = { params: ['i32'], results: ['i32'] };
const VOID: Sig = { params: [], results: [] };

describe('embed', () => {
  it('writes a component-type:<world> section in metadata format 4', () => {
    const out = embedComponentType(module([], []), resolve, world('w'), { encoding: 'utf16' });
    const custom = decodeCoreModule(out).sections.filter((s) => s.kind === 'custom');
    expect(custom.map((s) => s.kind === 'custom' && s.name)).toEqual(['component-type:w']);
    const c = decodeComponent(custom[0].kind === 'custom' ? custom[0].data : new Uint8Array());
    const enc = c.sections.find((s) => s.kind === 'custom' && s.name === 'wit-component-encoding');
    expect(enc?.kind === 'custom' && [...enc.data]).toEqual([4, 1]);
    const exp = c.sections.find((s) => s.kind === 'export');
    expect(exp?.kind === 'export' && exp.items.map((e) => [e.name.name, e.sort])).toEqual([['w', 'type']]);
    expect(encodeComponentTypeMetadata(resolve, world('w'))).toBeInstanceOf(Uint8Array);
  });
  it('dummy modules use the legacy names', () => {
    const names = decodeCoreModule(
      embedComponentType(undefined, resolve, world('w'), { dummy: true }),
    ).sections.flatMap((s) =>
      s.kind === 'import'
        ? s.imports.map((i) => `${i.module}::${i.name}`)
        : s.kind === 'export'
          ? s.exports.map((e) => e.name)
          : [],
    );
    expect(names).toEqual(['a:b/foo@1.0.0::x', 'a:b/foo@1.0.0::s', 'memory', 'cabi_realloc', 'a:b/bar@1.0.0#y']);
  });
});

describe('new', () => {
  it('merges several component-type sections and strips them', () => {
    let m = module([['a:b/foo@1.0.0', 'x', I32_I32]], [['a:b/bar@1.0.0#y', VOID]]);
    m = embedComponentType(m, resolve, world('w1'));
    m = embedComponentType(m, resolve, world('w2'));
    const c = decodeComponent(componentNew(m), { eagerModules: true });
    expect(validateComponent(c)).toEqual([]);
    const main = c.sections.find((s) => s.kind === 'core-module');
    expect(
      main?.kind === 'core-module' &&
        main.module.sections.some((s) => s.kind === 'custom' && s.name.startsWith('component-type')),
    ).toBe(false);
    const imports = c.sections.flatMap((s) => (s.kind === 'import' ? s.items.map((i) => i.name.name) : []));
    const exports = c.sections.flatMap((s) => (s.kind === 'export' ? s.items.map((i) => i.name.name) : []));
    expect(imports).toEqual(['a:b/foo@1.0.0']);
    expect(exports).toEqual(['a:b/bar@1.0.0']);
  });

  it('uses the string encoding of the metadata in canonical options', () => {
    const REALLOC: Sig = { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] };
    for (const [encoding, opt] of [
      ['utf8', 'utf8'],
      ['utf16', 'utf16'],
      ['compact-utf16', 'latin1+utf16'],
    ] as const) {
      const m = module(
        [],
        [
          ['cabi_realloc', REALLOC],
          ['a:b/foo@1.0.0#x', I32_I32],
          ['a:b/foo@1.0.0#s', { params: ['i32', 'i32'], results: ['i32'] }],
        ],
      );
      const c = decodeComponent(componentNew(embedComponentType(m, resolve, world('w3'), { encoding })));
      expect(validateComponent(c)).toEqual([]);
      const lifts = c.sections.flatMap((s) => (s.kind === 'canon' ? s.items.filter((i) => i.kind === 'lift') : []));
      expect(lifts.map((l) => (l.options ?? []).map((o) => o.kind))).toEqual([[], ['memory', 'realloc', opt]]);
    }
  });

  it('returns a model the validator can check directly', () => {
    const m = embedComponentType(
      module([['a:b/foo@1.0.0', 'x', I32_I32]], [['a:b/bar@1.0.0#y', VOID]]),
      resolve,
      world('w'),
    );
    expect(validateComponent(componentNewModel(m))).toEqual([]);
  });

  it('drops imports the module does not use', () => {
    const m = embedComponentType(module([], [['a:b/bar@1.0.0#y', VOID]]), resolve, world('w'));
    const c = decodeComponent(componentNew(m));
    expect(c.sections.some((s) => s.kind === 'import')).toBe(false);
  });

  const cases: [string, Uint8Array, RegExp][] = [
    [
      'unknown function of an imported interface',
      module([['a:b/foo@1.0.0', 'bar', VOID]], [['a:b/bar@1.0.0#y', VOID]]),
      /module imports `a:b\/foo@1\.0\.0#bar` but interface `a:b\/foo@1\.0\.0` has no function `bar`/,
    ],
    [
      'unknown import module',
      module([['nope', 'f', VOID]], [['a:b/bar@1.0.0#y', VOID]]),
      /module imports `f` from module `nope`/,
    ],
    [
      'wrong core signature of an import',
      module([['a:b/foo@1.0.0', 'x', VOID]], [['a:b/bar@1.0.0#y', VOID]]),
      /type mismatch for `a:b\/foo@1\.0\.0#x`.*expected \(i32\) -> \(i32\) but the module imports \(\) -> \(\)/,
    ],
    [
      'missing export',
      module([], []),
      /module does not export `a:b\/bar@1\.0\.0#y`, required by function `y` of interface `a:b\/bar@1\.0\.0`/,
    ],
    [
      'export of an unknown function',
      module(
        [],
        [
          ['a:b/bar@1.0.0#y', VOID],
          ['a:b/bar@1.0.0#z', VOID],
        ],
      ),
      /module exports `a:b\/bar@1\.0\.0#z` but interface `a:b\/bar@1\.0\.0` has no function `z`/,
    ],
    [
      'export of an unknown interface',
      module(
        [],
        [
          ['a:b/bar@1.0.0#y', VOID],
          ['a:b/baz#z', VOID],
        ],
      ),
      /module exports `a:b\/baz#z` but world `w` exports no interface `a:b\/baz`/,
    ],
    [
      'wrong core signature of an export',
      module([], [['a:b/bar@1.0.0#y', I32_I32]]),
      /type mismatch for export `a:b\/bar@1\.0\.0#y`.*expected \(\) -> \(\) but the module exports \(i32\) -> \(i32\)/,
    ],
    [
      'string import without cabi_realloc',
      module([['a:b/foo@1.0.0', 's', { params: ['i32', 'i32', 'i32'], results: [] }]], [['a:b/bar@1.0.0#y', VOID]]),
      /needs a `cabi_realloc` export/,
    ],
  ];
  for (const [name, m, message] of cases) {
    it(`reports: ${name}`, () => {
      expect(() => componentNew(embedComponentType(m, resolve, world('w')))).toThrow(message);
    });
  }
  it('treats a module without metadata as an empty world, like wasm-tools', () => {
    // Nothing to match: an empty component comes out.
    expect(componentNew(module([], [])).length).toBeGreaterThan(8);
    // Anything to match is reported against the empty world.
    expect(() => componentNew(module([['a:b/c', 'f', VOID]], []))).toThrow(/module imports `f` from module `a:b\/c`/);
    expect(() => componentNew(module([], [['a:b/c#f', VOID]]))).toThrow(/a:b\/c#f/);
  });
});
