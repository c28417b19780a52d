// `wit-ts bind`, `wit-ts compose` and `wit-ts plug` through the CLI, on
// components our own `component embed --dummy` + `component new` build.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, run } from './run-cli.js';

const A = `package t:a;
interface greet {
  hi: func(name: string) -> string;
  resource tally {
    constructor(start: u32);
    bump: func() -> u32;
  }
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
    resource tally {
      constructor(start: u32);
      bump: func() -> u32;
    }
  }
}
`;

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wit-ts-compose-'));
  writeFileSync(join(dir, 'a.wit'), A);
  writeFileSync(join(dir, 'b.wit'), B);
  await ok('component', 'embed', join(dir, 'a.wit'), '--dummy', '-o', join(dir, 'a.core.wasm'));
  await ok('component', 'new', join(dir, 'a.core.wasm'), '-o', join(dir, 'a.wasm'));
  await ok('component', 'embed', join(dir, 'b.wit'), '--dummy', '-w', 'b', '-o', join(dir, 'b.core.wasm'));
  await ok('component', 'new', join(dir, 'b.core.wasm'), '-o', join(dir, 'b.wasm'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wit-ts compose', () => {
  it('links b to a and leaves no imports', async () => {
    writeFileSync(
      join(dir, 'app.wac'),
      'package t:app;\n\nlet a = new t:a {};\nlet b = new t:b { ...a };\nexport b...;\n',
    );
    const out = join(dir, 'app.wasm');
    await ok(
      'compose',
      join(dir, 'app.wac'),
      '--dep',
      `t:a=${join(dir, 'a.wasm')}`,
      '--dep',
      `t:b=${join(dir, 'b.wasm')}`,
      '-o',
      out,
    );
    const world = (await ok('wit', out)).out;
    expect(world).toContain('export run: func() -> string;');
    expect(world).not.toContain('import ');
  });

  it('reports a syntax error with a location, exit 1, and writes nothing', async () => {
    writeFileSync(join(dir, 'bad.wac'), 'package t:app;\nlet a = new t:a {}\nexport a...;\n');
    const out = join(dir, 'bad.wasm');
    const r = await run('compose', join(dir, 'bad.wac'), '--dep', `t:a=${join(dir, 'a.wasm')}`, '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.wac:3:1');
    expect(r.err).toMatch(/\n\s+\|/);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a --dep that does not exist with exit 2', async () => {
    const r = await run('compose', join(dir, 'app.wac'), '--dep', `t:a=${join(dir, 'missing.wasm')}`);
    expect(r.code).toBe(2);
  });
});

describe('wit-ts plug', () => {
  it('fills the socket imports from the plug exports', async () => {
    const out = join(dir, 'plugged.wasm');
    await ok('plug', join(dir, 'b.wasm'), '--plug', join(dir, 'a.wasm'), '-o', out);
    const world = (await ok('wit', out)).out;
    expect(world).toContain('export run: func() -> string;');
    expect(world).not.toContain('import t:a/greet');
  });

  it('needs at least one plug', async () => {
    expect((await run('plug', join(dir, 'b.wasm'), '-o', join(dir, 'x.wasm'))).code).toBe(2);
  });
});

describe('wit-ts bind', () => {
  it('writes host bindings that type-check against the runtime', async () => {
    const outDir = join(dir, 'host');
    const r = await ok('bind', join(dir, 'a.wit'), '--host', '-o', outDir);
    expect(r.out).toMatch(/wrote \d+ files/);
    const main = readFileSync(join(outDir, 'a.ts'), 'utf8');
    expect(main).toContain('export async function instantiate(');
    const iface = readFileSync(join(outDir, 'exports', 't-a-greet.d.ts'), 'utf8');
    expect(iface).toContain('export declare function hi(name: string): string;');
    expect(iface).toMatch(/export declare class Tally\b/);
    const runtimeTypes = join(import.meta.dirname, '..', '..', 'runtime', 'dist', 'index.d.ts');
    const program = ts.createProgram([join(outDir, 'a.ts')], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts', 'lib.dom.d.ts'],
      skipLibCheck: true,
      paths: { '@wit-ts/runtime': [runtimeTypes] },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('writes guest declarations for componentize-js', async () => {
    const outDir = join(dir, 'guest');
    await ok('bind', join(dir, 'b.wit'), '--guest', '-w', 'b', '-o', outDir);
    const files = readFileSync(join(outDir, 'b.d.ts'), 'utf8');
    expect(files).toContain('run');
  });

  it('binds the world of a component', async () => {
    await ok('bind', join(dir, 'b.wasm'), '--host', '-o', join(dir, 'from-component'));
  });

  it('needs exactly one of --host and --guest, and -o', async () => {
    expect((await run('bind', join(dir, 'a.wit'), '-o', join(dir, 'x'))).code).toBe(2);
    expect((await run('bind', join(dir, 'a.wit'), '--host', '--guest', '-o', join(dir, 'x'))).code).toBe(2);
    expect((await run('bind', join(dir, 'a.wit'), '--host')).code).toBe(2);
  });
});
