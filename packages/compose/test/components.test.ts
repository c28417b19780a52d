// Composition of real components with behaviour: hand-written WAT
// components assembled by jco `parse`, composed by WAC and by `plug`, then
// transpiled by jco and run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentWit, parse, transpile } from '@bytecodealliance/jco';
import { validateComponent, decodeComponent } from '@wit-ts/component';
import { compose, ComposeError, plug } from '@wit-ts/compose';

// Exports `test:math/ops@0.1.2` { add, mul }.
const MATH = `(component
  (core module $m
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    (func (export "mul") (param i32 i32) (result i32) local.get 0 local.get 1 i32.mul))
  (core instance $i (instantiate $m))
  (type $bin (func (param "a" u32) (param "b" u32) (result u32)))
  (func $add (type $bin) (canon lift (core func $i "add")))
  (func $mul (type $bin) (canon lift (core func $i "mul")))
  (instance $ops (export "add" (func $add)) (export "mul" (func $mul)))
  (export "test:math/ops@0.1.2" (instance $ops)))`;

// Imports `test:math/ops@0.1.0` { add }, exports run() = add(40, 2).
const APP = `(component
  (type $ops (instance
    (type $t (func (param "a" u32) (param "b" u32) (result u32)))
    (export "add" (func (type $t)))))
  (import "test:math/ops@0.1.0" (instance $ops (type $ops)))
  (alias export $ops "add" (func $add))
  (core func $add_lowered (canon lower (func $add)))
  (core module $m
    (import "host" "add" (func $add (param i32 i32) (result i32)))
    (func (export "run") (result i32) i32.const 40 i32.const 2 call $add))
  (core instance $h (export "add" (func $add_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $h))))
  (type $runt (func (result u32)))
  (func $run (type $runt) (canon lift (core func $i "run")))
  (export "run" (func $run)))`;

// Imports a function `offset`, exports `test:math/ops@0.1.0` { add(a, b) = a + b + offset() }.
const SHIFTED = `(component
  (type $ot (func (result u32)))
  (import "offset" (func $offset (type $ot)))
  (core func $offset_lowered (canon lower (func $offset)))
  (core module $m
    (import "host" "offset" (func $off (result i32)))
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add call $off i32.add))
  (core instance $h (export "offset" (func $offset_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $h))))
  (type $bin (func (param "a" u32) (param "b" u32) (result u32)))
  (func $add (type $bin) (canon lift (core func $i "add")))
  (instance $ops (export "add" (func $add)))
  (export "test:math/ops@0.1.0" (instance $ops)))`;

// Exports offset() = 1000.
const OFFSET = `(component
  (core module $m (func (export "offset") (result i32) i32.const 1000))
  (core instance $i (instantiate $m))
  (type $ot (func (result u32)))
  (func $offset (type $ot) (canon lift (core func $i "offset")))
  (export "offset" (func $offset)))`;

let math: Uint8Array, app: Uint8Array, shifted: Uint8Array, offset: Uint8Array;
const dirs: string[] = [];

beforeAll(async () => {
  [math, app, shifted, offset] = await Promise.all([MATH, APP, SHIFTED, OFFSET].map((w) => parse(w)));
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Transpiles with jco and calls the exported `run`. */
async function run(component: Uint8Array, imports: Record<string, unknown> = {}): Promise<number> {
  const { files } = await transpile(component, { name: 'composed', instantiation: 'async' });
  const dir = mkdtempSync(join(tmpdir(), 'wit-ts-compose-'));
  dirs.push(dir);
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), bytes);
  }
  const mod = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'composed.js')).href)) as {
    instantiate: (
      get: (p: string) => Promise<WebAssembly.Module>,
      imports: Record<string, unknown>,
    ) => Promise<{ run: () => number }>;
  };
  const { readFileSync } = await import('node:fs');
  const inst = await mod.instantiate((p) => WebAssembly.compile(readFileSync(join(dir, p))), imports);
  return inst.run();
}

describe('composing real components', () => {
  it('WAC: instantiates math, passes its (semver-compatible) export to app, runs', async () => {
    const out = compose({
      source: `package test:composed;
let math = new test:math {};
let app = new test:app { ops: math.ops };
export app.run;
export math.ops;`,
      deps: { 'test:math': math, 'test:app': app },
    });
    expect(validateComponent(decodeComponent(out))).toEqual([]);
    const wit = await componentWit(out);
    expect(wit).toContain('export run: func() -> u32;');
    expect(wit).toContain('export test:math/ops@0.1.2;');
    expect(await run(out)).toBe(42);
  });

  it('WAC: `...` imports what is left, spread arguments', async () => {
    const out = compose({
      source: `package test:composed;
let math = new test:shifted { ... };
let app = new test:app { ...math };
export app.run;`,
      deps: { 'test:shifted': shifted, 'test:app': app },
    });
    expect(await componentWit(out)).toContain('import offset: func() -> u32;');
    expect(await run(out, { offset: { default: () => 7 } })).toBe(49);
  });

  it('WAC: a type mismatch is reported with both types', () => {
    try {
      compose({
        source: `package test:composed;
import ops: interface { add: func(a: u32, b: string) -> u32; };
let app = new test:app { ops };
export app.run;`,
        path: 'mismatch.wac',
        deps: { 'test:app': app },
      });
      expect.unreachable();
    } catch (e) {
      const r = (e as ComposeError).rendered;
      expect(r).toContain('mismatched instantiation argument `test:math/ops@0.1.0`');
      expect(r).toContain('expected: interface test:math/ops@0.1.0 { add: func(a: u32, b: u32) -> u32; }');
      expect(r).toContain('found:    interface { add: func(a: u32, b: string) -> u32; }');
      expect(r).toContain('--> mismatch.wac:3:26');
    }
  });

  it('plug: socket app, plug math', async () => {
    const out = plug(app, [math]);
    expect(await run(out)).toBe(42);
  });

  it('plug: plugs satisfy each other (offset → shifted → app)', async () => {
    const out = plug(app, [shifted, offset]);
    expect(await componentWit(out)).not.toContain('import');
    expect(await run(out)).toBe(1042);
  });

  it('plug: an unused plug is an error', () => {
    expect(() => plug(app, [offset])).toThrow(/did not satisfy any import/);
  });

  it('importDependencies imports each dependency as unlocked-dep', async () => {
    const out = compose({
      source: `package test:composed;
let math = new test:math {};
let app = new test:app { ...math };
export app.run;`,
      deps: { 'test:math': math, 'test:app': app },
      importDependencies: true,
    });
    expect(await componentWit(out)).toContain('export run: func() -> u32;');
  });
});
