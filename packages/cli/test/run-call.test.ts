// `wit-ts component embed | new`, `wit-ts run` and `wit-ts call` end to end,
// as a user types them: the guest fixtures (built from C and Rust by
// fixtures/build.mjs) are wrapped into components by our own embed + new
// (with the preview1 adapters shipped in the jco npm package) and run
// through the real CLI binary on our engine.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'packages', 'cli', 'bin', 'wit-ts.js');
const buildDir = join(root, 'fixtures', 'build');
const jcoLib = join(root, 'node_modules', '@bytecodealliance', 'jco', 'lib');

const build = spawnSync(process.execPath, [join(root, 'fixtures', 'build.mjs')], { encoding: 'utf8' });
const unavailable = build.status !== 0;
if (unavailable) console.warn(`[cli run/call] SKIPPED: fixtures did not build:\n${build.stderr}`);

let dir: string;
let command: string;
let counter: string;

function wit(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wit-ts-run-'));
  if (unavailable) return;
  const adapter = (kind: string) => `wasi_snapshot_preview1=${join(jcoLib, `wasi_snapshot_preview1.${kind}.wasm`)}`;
  command = join(dir, 'command.wasm');
  // A preview1 command has no WIT of its own: the adapter brings wasi:cli/command.
  const built = wit(
    'component',
    'new',
    join(buildDir, 'wasi-command.core.wasm'),
    '--adapt',
    adapter('command'),
    '-o',
    command,
  );
  expect(built.code, built.err).toBe(0);
  const embedded = join(dir, 'counter.embed.wasm');
  const embed = wit(
    'component',
    'embed',
    join(root, 'fixtures', 'rust-counter', 'wit'),
    join(buildDir, 'rust-counter.core.wasm'),
    '-o',
    embedded,
  );
  expect(embed.code, embed.err).toBe(0);
  counter = join(dir, 'counter.wasm');
  const made = wit('component', 'new', embedded, '--adapt', adapter('reactor'), '-o', counter);
  expect(made.code, made.err).toBe(0);
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'in.txt'), 'hello file\n');
  writeFileSync(join(dir, 'secret.txt'), 'not for the guest\n');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(unavailable)('wit-ts run', () => {
  it('passes arguments and only the environment it is given', () => {
    const r = wit('run', command, '--env', 'GREETING=hi', '--', '0', 'x');
    expect(r.code).toBe(0);
    expect(r.out).toContain('argv[1]=0');
    expect(r.out).toContain('argv[2]=x');
    expect(r.out).toContain('GREETING=hi');
    expect(r.err).toContain('hello from stderr');
    const bare = wit('run', command);
    expect(bare.out).toContain('GREETING=(unset)');
  });

  it('passes non-ASCII arguments and variables (one allocation per string in the adapter)', () => {
    const r = wit('run', command, '--env', 'GREETING=héllo 𝄞', '--', '0', 'ça');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('argv[2]=ça');
    expect(r.out).toContain('GREETING=héllo 𝄞');
  });

  it('stops quietly when stdout is closed early', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" run "${command}" -- 0 a b c | head -1`], {
      encoding: 'utf8',
    });
    expect(r.stdout.trim()).toBe('argc=5');
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  it('inherits the environment only when asked', () => {
    const r = spawnSync(process.execPath, [cli, 'run', command, '--inherit-env'], {
      encoding: 'utf8',
      env: { ...process.env, GREETING: 'from-host' },
    });
    expect(r.stdout).toContain('GREETING=from-host');
  });

  it('grants a preopen and refuses to leave it', () => {
    const r = wit(
      'run',
      command,
      '--dir',
      `${join(dir, 'data')}::/data`,
      '--',
      '0',
      '/data/in.txt',
      '/data/../secret.txt',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('read /data/in.txt: hello file');
    expect(r.out).not.toContain('not for the guest');
    expect(r.out).toMatch(/read \/data\/\.\.\/secret\.txt: E(PERM|NOTCAPABLE|NOENT)/);
    const none = wit('run', command, '--', '0', '/data/in.txt');
    expect(none.out).not.toContain('hello file');
  });

  it('takes the exit code from wasi:cli/exit', () => {
    // The preview1 command adapter maps any non-zero exit to exit(err), i.e. 1.
    expect(wit('run', command, '--', '3').code).toBe(1);
    expect(wit('run', command, '--', '0').code).toBe(0);
  });

  it('rejects a bad --dir with one line and exit 2', () => {
    const r = wit('run', command, '--dir', join(dir, 'missing'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(unavailable)('wit-ts component embed | new', () => {
  it('reports a module without component-type sections in one line', () => {
    const r = wit('component', 'new', join(buildDir, 'rust-counter.core.wasm'), '-o', join(dir, 'x.wasm'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('component-type');
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('needs a world name when the package has several', () => {
    const pkg = join(dir, 'two-worlds.wit');
    writeFileSync(pkg, 'package a:b;\nworld one {}\nworld two {}\n');
    const r = wit('component', 'embed', pkg, '--dummy', '-o', join(dir, 'y.wasm'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('several worlds (one, two)');
    expect(wit('component', 'embed', pkg, '--dummy', '-w', 'two', '-o', join(dir, 'y.wasm')).code).toBe(0);
  });

  it('builds a component whose WIT matches the world', () => {
    const r = wit('wit', counter);
    expect(r.code).toBe(0);
    expect(r.out).toContain('export fixtures:rust-counter/stats;');
    expect(r.out).toContain('import wasi:cli/stdout@0.2.12;');
  });
});

describe.skipIf(unavailable)('wit-ts call', () => {
  it('calls with WAVE arguments and prints a WAVE result', () => {
    expect(wit('call', counter, 'shout("héllo")').out.trim()).toBe('"HÉLLO!"');
    const ok = wit('call', counter, 'summarize("x", [1, 2, 3])');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('ok({count: 3, total: 6, min: 1, max: 3, mean: 2, label: "x"})');
    expect(wit('call', counter, 'summarize("x", [])').out.trim()).toBe('err("no values for x")');
    expect(wit('call', counter, 'word-lengths("a bb ccc")').out.trim()).toBe('[1, 2, 3]');
  });

  it('accepts the interface-qualified and --invoke-export forms', () => {
    expect(wit('call', counter, 'fixtures:rust-counter/stats#shout("a")').out.trim()).toBe('"A!"');
    expect(wit('call', counter, 'shout("b")', '--invoke-export', 'fixtures:rust-counter/stats').out.trim()).toBe(
      '"B!"',
    );
  });

  it('points at the bad argument', () => {
    const r = wit('call', counter, 'summarize("x", [1, "a"])');
    expect(r.code).toBe(1);
    expect(r.err).toContain('expected u32, found string literal');
    expect(r.err).toContain('                   ^^^');
  });

  it('names the functions that exist when the name is wrong', () => {
    const r = wit('call', counter, 'nope(1)');
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown function `nope`');
    expect(r.err).toContain('fixtures:rust-counter/stats#shout');
  });
});
