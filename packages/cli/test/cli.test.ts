// The CLI end to end, in-process: exit codes, one-line usage errors, help,
// and the check / resolve / fmt commands on small inputs.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type Output } from '../src/index.js';

interface Captured extends Output {
  out: string;
  err: string;
}

function capture(): Captured {
  const c: Captured = {
    out: '',
    err: '',
    color: false,
    stdout: (s) => {
      c.out += s;
    },
    stderr: (s) => {
      c.err += s;
    },
  };
  return c;
}

async function run(...argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wit-ts-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const GOOD = `package a:b;\n\ninterface i {\n  f: func(x: u32) -> string;\n}\n\nworld w {\n  export i;\n}\n`;

describe('usage errors', () => {
  it('an unknown flag is one line and exit 2', async () => {
    const r = await run('check', '--frobnicate', 'x.wit');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain("unknown option '--frobnicate'");
  });

  it('a missing file is one line and exit 2', async () => {
    const r = await run('resolve', join(dir, 'nope.wit'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('no such file or directory');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('an unknown command exits 2', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'frobnicate'");
  });

  it.each(['check', 'resolve', 'fmt'])('%s --help describes the command and exits 0', async (command) => {
    const r = await run(command, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: wit-ts ${command}`);
  });

  it('--help at the top level lists every command', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const command of ['check', 'resolve', 'fmt']) expect(r.out).toContain(command);
  });
});

describe('check', () => {
  it('accepts a valid file with exit 0', async () => {
    const file = join(dir, 'good.wit');
    writeFileSync(file, GOOD);
    const r = await run('check', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok:');
  });

  it('reports every syntax error with a location and exits 1', async () => {
    const file = join(dir, 'bad.wit');
    writeFileSync(file, 'package a:b;\ninterface i {\n  f: func(x: u32 -> string;\n  g: func() -> ;\n}\n');
    const r = await run('check', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:3:`);
    expect(r.err).toMatch(/\n\s+\|/);
    expect(r.err).not.toMatch(/\n\s+at .*\.(js|ts):\d+/);
  });

  it('reports a resolution error', async () => {
    const file = join(dir, 'bad.wit');
    writeFileSync(file, 'package a:b;\ninterface i {\n  type t = missing;\n}\n');
    const r = await run('check', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('type `missing` does not exist');
    expect(r.err).toContain(`${file}:3:12`);
  });
});

describe('seed-era syntax', () => {
  it.each([
    ['package a:b;\ndefault world w {}\n', '`default world` is no longer supported'],
    ['package a:b;\ninterface i {\n  union t { u32, string }\n}\n', '`union` types were removed'],
    ['package a:b;\ninterface i {\n  f: func() -> expected<u32, string>;\n}\n', 'renamed to `result<T, E>`'],
    ['package a:b;\ninterface i {\n  f: func() -> (a: u32, b: u32);\n}\n', 'named or multiple results'],
    ['package a:b;\ninterface i {\n  f: func(x: float32);\n}\n', '`float32` was renamed to `f32`'],
    ['package a:b;\ninterface i {\n  type t = float64;\n}\n', '`float64` was renamed to `f64`'],
    ['package a:b;\ninterface i {\n  f: func() -> unit;\n}\n', '`unit` was removed'],
  ])('%j names the replacement', async (source, help) => {
    const file = join(dir, 'old.wit');
    writeFileSync(file, source);
    const r = await run('check', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\nhelp: /);
    expect(r.err).toContain(help);
    expect(r.err).toContain(`${file}:`);
  });
});

describe('resolve', () => {
  it('prints wasm-tools JSON', async () => {
    const file = join(dir, 'good.wit');
    writeFileSync(file, GOOD);
    const r = await run('resolve', file, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.packages[0].name).toBe('a:b');
    expect(Object.keys(json.interfaces[0].functions)).toEqual(['f']);
  });

  it('prints canonical WIT', async () => {
    const file = join(dir, 'good.wit');
    writeFileSync(file, GOOD);
    const r = await run('resolve', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('package a:b;');
    expect(r.out).toContain('f: func(x: u32) -> string;');
  });

  it('keeps gated items only with their feature enabled', async () => {
    const file = join(dir, 'gated.wit');
    writeFileSync(file, 'package a:b;\ninterface i {\n  @unstable(feature = shiny)\n  f: func();\n}\n');
    const off = JSON.parse((await run('resolve', file, '--json')).out);
    expect(Object.keys(off.interfaces[0].functions)).toEqual([]);
    const on = JSON.parse((await run('resolve', file, '--json', '--features', 'shiny')).out);
    expect(Object.keys(on.interfaces[0].functions)).toEqual(['f']);
    const all = JSON.parse((await run('resolve', file, '--json', '--all-features')).out);
    expect(Object.keys(all.interfaces[0].functions)).toEqual(['f']);
  });

  it('an invalid file exits 1 with a code frame and writes nothing to stdout', async () => {
    const file = join(dir, 'bad.wit');
    writeFileSync(file, 'package a:b;\ninterface i {\n  type t = missing;\n}\n');
    const r = await run('resolve', file, '--json');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('-->');
  });
});

describe('fmt', () => {
  const MESSY = 'package a:b;\ninterface i{\n// keep me\nf:func( x:u32 )->string;\n\n\n  g: func();}\n';

  it('--check lists a file that would change, exits 1 and writes nothing', async () => {
    const file = join(dir, 'messy.wit');
    writeFileSync(file, MESSY);
    const r = await run('fmt', '--check', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(MESSY);
  });

  it('formats in place, keeps comments, and is idempotent', async () => {
    const file = join(dir, 'messy.wit');
    writeFileSync(file, MESSY);
    expect((await run('fmt', file)).code).toBe(0);
    const once = readFileSync(file, 'utf8');
    expect(once).toContain('// keep me');
    expect(once).toContain('f: func(x: u32) -> string;');
    expect((await run('fmt', '--check', file)).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['messy.wit']);
  });

  it('refuses to format a file with syntax errors and leaves it untouched', async () => {
    const file = join(dir, 'bad.wit');
    writeFileSync(file, 'package a:b;\ninterface i {\n');
    const r = await run('fmt', file);
    expect(r.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('package a:b;\ninterface i {\n');
    expect(existsSync(file)).toBe(true);
  });
});

describe('installation', () => {
  it('`pnpm exec wit-ts` finds the binary from the repository root', () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    const shim = join(root, 'node_modules', '.bin', 'wit-ts');
    expect(existsSync(shim)).toBe(true);
    const r = spawnSync(shim, ['--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
