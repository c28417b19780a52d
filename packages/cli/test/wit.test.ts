// `wit-ts wit`: full WIT out of every kind of input, and the wasm-encoded
// package form round-tripping through files.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentEmbed, componentNew } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './run-cli.js';

const APP = `package demo:app@1.0.0;

interface api {
  use demo:shared/types@0.1.0.{point};
  /// Moves a point.
  nudge: func(p: point, dx: s32) -> point;
}

world app {
  import demo:shared/log@0.1.0;
  export api;
}
`;
const SHARED = `package demo:shared@0.1.0;

interface types {
  record point {
    x: s32,
    y: s32,
  }
}

interface log {
  log: func(msg: string);
}
`;

let dir: string;
let pkgDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wit-ts-wit-'));
  pkgDir = join(dir, 'app');
  mkdirSync(join(pkgDir, 'deps'), { recursive: true });
  writeFileSync(join(pkgDir, 'app.wit'), APP);
  writeFileSync(join(pkgDir, 'deps', 'shared.wit'), SHARED);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wit-ts wit', () => {
  it('prints the package and every dependency in full', async () => {
    const r = await run('wit', pkgDir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('package demo:app@1.0.0;');
    expect(r.out).toContain('package demo:shared@0.1.0 {');
    expect(r.out).toContain('record point {');
    expect(r.out).toContain('log: func(msg: string);');
  });

  it('round-trips through the wasm-encoded package form', async () => {
    const wasm = join(dir, 'app.wasm');
    expect((await run('wit', pkgDir, '--wasm', '-o', wasm)).code).toBe(0);
    const inspected = await run('inspect', wasm);
    expect(inspected.out).toContain('WIT package');
    const fromText = await run('wit', pkgDir);
    const fromWasm = await run('wit', wasm);
    expect(fromWasm.code).toBe(0);
    expect(fromWasm.out).toBe(fromText.out);
  });

  it('reads wasm-encoded packages from deps/', async () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared, { recursive: true });
    writeFileSync(join(shared, 'shared.wit'), SHARED);
    const app2 = join(dir, 'app2');
    mkdirSync(join(app2, 'deps'), { recursive: true });
    writeFileSync(join(app2, 'app.wit'), APP);
    expect((await run('wit', shared, '--wasm', '-o', join(app2, 'deps', 'shared.wasm'))).code).toBe(0);
    const viaWasm = JSON.parse((await run('resolve', app2, '--json')).out);
    const viaText = JSON.parse((await run('resolve', pkgDir, '--json')).out);
    expect(viaWasm.packages.map((p: { name: string }) => p.name)).toEqual(
      viaText.packages.map((p: { name: string }) => p.name),
    );
    expect(viaWasm.interfaces.length).toBe(viaText.interfaces.length);
    expect((await run('check', app2)).code).toBe(0);
  });

  it('writes a deps/ layout with --out-dir that resolves to the same JSON', async () => {
    const outDir = join(dir, 'out');
    expect((await run('wit', pkgDir, '--out-dir', outDir)).code).toBe(0);
    expect(existsSync(join(outDir, 'app.wit'))).toBe(true);
    expect(existsSync(join(outDir, 'deps', 'shared.wit'))).toBe(true);
    const before = (await run('resolve', pkgDir, '--json')).out;
    const after = (await run('resolve', outDir, '--json')).out;
    expect(JSON.parse(after)).toEqual(JSON.parse(before));
  });

  it('prints --json like wasm-tools', async () => {
    const r = await run('wit', pkgDir, '--json');
    const json = JSON.parse(r.out);
    expect(json.packages.map((p: { name: string }) => p.name)).toEqual(['demo:shared@0.1.0', 'demo:app@1.0.0']);
  });

  it("prints a component's world with its imported interfaces", async () => {
    const core = await componentEmbed({
      dummy: true,
      witSource: `${APP}\n${SHARED.replace('package demo:shared@0.1.0;', 'package demo:shared@0.1.0 {')}}\n`,
      world: 'app',
    });
    const component = await componentNew(core);
    const file = join(dir, 'component.wasm');
    writeFileSync(file, component);
    const r = await run('wit', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('world root {');
    expect(r.out).toContain('import demo:shared/log@0.1.0;');
    expect(r.out).toContain('export demo:app/api@1.0.0;');
    expect(r.out).toContain('nudge: func(p: point, dx: s32) -> point;');
  });

  it('prints the world embedded in a core module by `component embed`', async () => {
    const core = join(dir, 'embedded.core.wasm');
    expect((await run('component', 'embed', pkgDir, '--dummy', '-o', core)).code).toBe(0);
    const r = await run('wit', core);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('world app {');
    expect(r.out).toContain('nudge: func(p: point, dx: s32) -> point;');
  });

  it('rejects garbage with one line and exit 1', async () => {
    const file = join(dir, 'junk.wasm');
    writeFileSync(file, new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0xff, 0xff]));
    const r = await run('wit', file);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses conflicting flags with exit 2', async () => {
    expect((await run('wit', pkgDir, '--wasm', '--out-dir', join(dir, 'x'))).code).toBe(2);
    expect(readFileSync(join(pkgDir, 'app.wit'), 'utf8')).toBe(APP);
  });
});
