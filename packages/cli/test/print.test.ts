// `wit-ts print` (and `--wat` on compose/plug) through the CLI, on binaries
// assembled from text by jco's `parse` (test-only) and on components our own
// `component embed --dummy` + `component new` build.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, print } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, run } from './run-cli.js';

const COMPONENT = `(component $c
  (core module $m
    (memory (export "mem") 1)
    (func (export "run") (param i32 i32) (result i32) local.get 1))
  (core instance $i (instantiate $m))
  (func $run (param "s" string) (result u32)
    (canon lift (core func $i "run") (memory (core memory $i "mem"))))
  (export "run" (func $run))
)`;

const MODULE = `(module
  (import "env" "f" (func $f (param i32)))
  (memory (export "memory") 1)
  (func (export "g") (result i32) i32.const 1 call $f i32.const 2))`;

const A = `package t:a;
interface greet {
  hi: func(name: string) -> string;
}
world a {
  export greet;
}
`;
const B = `package t:b;
world b {
  import t:a/greet;
  export run: func() -> string;
}
package t:a {
  interface greet {
    hi: func(name: string) -> string;
  }
}
`;

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wit-ts-print-'));
  writeFileSync(join(dir, 'c.wasm'), await parse(COMPONENT));
  writeFileSync(join(dir, 'm.wasm'), await parse(MODULE));
  writeFileSync(join(dir, 'junk.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]));
  writeFileSync(join(dir, 'text.wasm'), 'not wasm at all');
  writeFileSync(join(dir, 'a.wit'), A);
  writeFileSync(join(dir, 'b.wit'), B);
  await ok('component', 'embed', join(dir, 'a.wit'), '--dummy', '-o', join(dir, 'a.core.wasm'));
  await ok('component', 'new', join(dir, 'a.core.wasm'), '-o', join(dir, 'a.wasm'));
  await ok('component', 'embed', join(dir, 'b.wit'), '--dummy', '-w', 'b', '-o', join(dir, 'b.core.wasm'));
  await ok('component', 'new', join(dir, 'b.core.wasm'), '-o', join(dir, 'b.wasm'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wit-ts print', () => {
  it('prints a component like wasm-tools print', async () => {
    const r = await ok('print', join(dir, 'c.wasm'));
    expect(r.out).toBe(await print(readFileSync(join(dir, 'c.wasm'))));
    expect(r.out).toMatch(/^\(component \$c\n/);
    expect(r.out).toContain('(canon lift (core func 0) (memory 0))');
  });

  it('prints a core module, detected by its preamble', async () => {
    const r = await ok('print', join(dir, 'm.wasm'));
    expect(r.out).toBe(await print(readFileSync(join(dir, 'm.wasm'))));
    expect(r.out).toContain('call $f');
  });

  it('writes the text atomically with -o and prints nothing', async () => {
    const out = join(dir, 'c.wat');
    const r = await ok('print', join(dir, 'c.wasm'), '-o', out);
    expect(r.out).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(await print(readFileSync(join(dir, 'c.wasm'))));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports malformed input in one line with exit 1', async () => {
    for (const file of ['junk.wasm', 'text.wasm']) {
      const out = join(dir, `${file}.wat`);
      const r = await run('print', join(dir, file), '-o', out);
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^error: .*(offset 0x|bad preamble)/);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('exits 2 for an unknown flag or a missing file', async () => {
    expect((await run('print', join(dir, 'c.wasm'), '--bogus')).code).toBe(2);
    const r = await run('print', join(dir, 'missing.wasm'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('no such file');
  });

  it('is listed in --help', async () => {
    const r = await run('--help');
    expect(r.out).toMatch(/print \[options\] <file>\s+print a component or core module as text/);
  });
});

describe('--wat on compose and plug', () => {
  it('compose --wat prints the composed component instead of binary', async () => {
    writeFileSync(
      join(dir, 'app.wac'),
      'package t:app;\n\nlet a = new t:a {};\nlet b = new t:b { ...a };\nexport b...;\n',
    );
    const deps = ['--dep', `t:a=${join(dir, 'a.wasm')}`, '--dep', `t:b=${join(dir, 'b.wasm')}`];
    await ok('compose', join(dir, 'app.wac'), ...deps, '-o', join(dir, 'app.wasm'));
    const expected = await print(readFileSync(join(dir, 'app.wasm')));
    const r = await ok('compose', join(dir, 'app.wac'), ...deps, '--wat');
    expect(r.out).toBe(expected);
    expect(r.out).toMatch(/^\(component\n/);
    await ok('compose', join(dir, 'app.wac'), ...deps, '--wat', '-o', join(dir, 'app.wat'));
    expect(readFileSync(join(dir, 'app.wat'), 'utf8')).toBe(expected);
  });

  it('plug --wat prints (or writes with -o) the plugged component as text', async () => {
    await ok('plug', join(dir, 'b.wasm'), '--plug', join(dir, 'a.wasm'), '-o', join(dir, 'plugged.wasm'));
    const expected = await print(readFileSync(join(dir, 'plugged.wasm')));
    expect((await ok('plug', join(dir, 'b.wasm'), '--plug', join(dir, 'a.wasm'), '--wat')).out).toBe(expected);
    await ok('plug', join(dir, 'b.wasm'), '--plug', join(dir, 'a.wasm'), '--wat', '-o', join(dir, 'plugged.wat'));
    expect(readFileSync(join(dir, 'plugged.wat'), 'utf8')).toBe(expected);
  });
});
