// The WASI host's capability policy, tested directly on the import objects
// (no component): what is granted by default, the filesystem sandbox (path
// escapes through `..`, absolute paths and symbolic links), stdio redirection,
// exit codes and the network switch.

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as preview2 from '@bytecodealliance/preview2-shim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasiHost, Descriptor, WasiConfigError, WasiExit, type WasiHost } from '../src/node/index.js';
import { resolveBeneath, resolvePolicy, type EntryKind, type ResolveOps } from '../src/wasi/index.js';

// ---------------------------------------------------------------------------
// Helpers.

/** The WASI error value of a call that must fail: `payload` (our errors) or the thrown value (the shim's). */
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    if (e !== null && typeof e === 'object' && Object.prototype.hasOwnProperty.call(e, 'payload')) {
      return (e as { payload: unknown }).payload;
    }
    if (e instanceof Error) throw e;
    return e;
  }
  throw new Error('expected the call to fail');
}

// Loose views of the import objects (their exact shapes are WASI's, checked by the guests in the e2e tests).
type Any = any;

const enc = new TextEncoder();
const dec = new TextDecoder();

function iface(host: WasiHost, name: string): Any {
  const obj = host.imports[name];
  expect(obj, name).toBeDefined();
  return obj;
}

const shim = preview2 as unknown as Any;

// A sandbox:   <root>/preopen/{hello.txt, sub/inner.txt, links…}   <root>/outside/secret.txt
let root: string;
let pre: string;
let outside: string;
const tmpRoots: string[] = [];

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'wit-ts-wasi-')));
  tmpRoots.push(root);
  pre = join(root, 'preopen');
  outside = join(root, 'outside');
  mkdirSync(join(pre, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(pre, 'hello.txt'), 'hello from the preopen\n');
  writeFileSync(join(pre, 'sub', 'inner.txt'), 'inner\n');
  writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET\n');
  symlinkSync(outside, join(pre, 'escape-abs')); // absolute, outside
  symlinkSync('../outside', join(pre, 'escape-rel')); // relative, climbs out
  symlinkSync('../outside/secret.txt', join(pre, 'secret-link')); // to a file outside
  symlinkSync('../outside/new.txt', join(pre, 'dangling-out')); // dangling, outside
  symlinkSync('sub/inner.txt', join(pre, 'inner-link')); // inside
  symlinkSync('inner-link', join(pre, 'chain')); // inside, via another link
  symlinkSync('sub/../hello.txt', join(pre, 'dotdot-inside')); // inside, with ..
  symlinkSync(join(pre, 'hello.txt'), join(pre, 'abs-inside')); // absolute, even if inside
  symlinkSync('loop-b', join(pre, 'loop-a'));
  symlinkSync('loop-a', join(pre, 'loop-b'));
  symlinkSync('..', join(pre, 'sub', 'up')); // sub/up -> preopen (inside from the preopen)
});

afterAll(() => {
  for (const dir of tmpRoots) rmSync(dir, { recursive: true, force: true });
});

function preopenHost(extra: Parameters<typeof createWasiHost>[0] = {}) {
  const host = createWasiHost({ preopens: [{ host: pre, guest: '/data' }], ...extra });
  const dirs = iface(host, 'wasi:filesystem/preopens').getDirectories() as Array<[Any, string]>;
  expect(dirs).toHaveLength(1);
  const [dir, guest] = dirs[0];
  expect(guest).toBe('/data');
  return { host, dir };
}

const follow = { symlinkFollow: true };
const nofollow = { symlinkFollow: false };

function readAll(fd: Any): string {
  const [bytes] = fd.read(1n << 16n, 0n) as [Uint8Array, boolean];
  return dec.decode(bytes);
}

// ---------------------------------------------------------------------------

describe('capability policy: nothing unless asked for', () => {
  it('no options: no env, argv = [program name], no cwd, no preopens', () => {
    const host = createWasiHost();
    const env = iface(host, 'wasi:cli/environment');
    expect(env.getEnvironment()).toEqual([]);
    expect(env.getArguments()).toEqual(['main']);
    expect(env.initialCwd()).toBeUndefined();
    expect(iface(host, 'wasi:filesystem/preopens').getDirectories()).toEqual([]);
    expect(host.exitCode()).toBeUndefined();
  });

  it('has every WASI 0.2 interface a command or proxy may import', () => {
    const host = createWasiHost();
    for (const name of [
      'wasi:cli/environment',
      'wasi:cli/exit',
      'wasi:cli/stdin',
      'wasi:cli/stdout',
      'wasi:cli/stderr',
      'wasi:cli/terminal-input',
      'wasi:cli/terminal-output',
      'wasi:cli/terminal-stdin',
      'wasi:cli/terminal-stdout',
      'wasi:cli/terminal-stderr',
      'wasi:clocks/monotonic-clock',
      'wasi:clocks/wall-clock',
      'wasi:filesystem/types',
      'wasi:filesystem/preopens',
      'wasi:io/error',
      'wasi:io/poll',
      'wasi:io/streams',
      'wasi:random/random',
      'wasi:random/insecure',
      'wasi:random/insecure-seed',
      'wasi:sockets/instance-network',
      'wasi:sockets/network',
      'wasi:sockets/ip-name-lookup',
      'wasi:sockets/tcp',
      'wasi:sockets/tcp-create-socket',
      'wasi:sockets/udp',
      'wasi:sockets/udp-create-socket',
      'wasi:http/types',
      'wasi:http/outgoing-handler',
    ]) {
      expect(host.imports[name], name).toBeTypeOf('object');
    }
    const versioned = host.versionedImports('0.2.3');
    expect(versioned['wasi:cli/environment@0.2.3']).toBe(host.imports['wasi:cli/environment']);
    expect(versioned['wasi:cli/environment']).toBe(host.imports['wasi:cli/environment']);
  });

  it('args, env and cwd only as given', () => {
    const host = createWasiHost({
      programName: 'prog.wasm',
      args: ['a', 'b c'],
      env: { GREETING: 'grüß dich', EMPTY: '' },
      cwd: '/data',
    });
    const env = iface(host, 'wasi:cli/environment');
    expect(env.getArguments()).toEqual(['prog.wasm', 'a', 'b c']);
    expect(env.getEnvironment()).toEqual([
      ['GREETING', 'grüß dich'],
      ['EMPTY', ''],
    ]);
    expect(env.initialCwd()).toBe('/data');
    // The host process' environment is not leaked.
    expect(process.env.PATH).toBeDefined();
    expect(env.getEnvironment().some(([k]: [string]) => k === 'PATH')).toBe(false);
  });

  it('inheritEnv passes the host environment, explicit env overrides it', () => {
    const host = createWasiHost({ inheritEnv: true, env: { PATH: '/guest/bin', EXTRA: '1' } });
    const vars = new Map<string, string>(iface(host, 'wasi:cli/environment').getEnvironment());
    expect(vars.get('PATH')).toBe('/guest/bin');
    expect(vars.get('EXTRA')).toBe('1');
    const someHostVar = Object.keys(process.env).find((k) => k !== 'PATH' && process.env[k] !== undefined)!;
    expect(vars.get(someHostVar)).toBe(process.env[someHostVar]);
  });

  it('hosts are independent and leave preview2-shim globals alone', () => {
    const a = createWasiHost({ env: { WHO: 'a' } });
    const b = createWasiHost({ env: { WHO: 'b' } });
    expect(iface(a, 'wasi:cli/environment').getEnvironment()).toEqual([['WHO', 'a']]);
    expect(iface(b, 'wasi:cli/environment').getEnvironment()).toEqual([['WHO', 'b']]);
    // The shim's own (global, permissive) defaults are untouched for other users.
    expect(shim.cli.environment.getEnvironment().some(([k]: [string]) => k === 'PATH')).toBe(true);
    expect(shim.filesystem.preopens.getDirectories().map(([, p]: [unknown, string]) => p)).toEqual(['/']);
  });

  it('validates options', () => {
    expect(() => resolvePolicy({ env: { 'A=B': 'x' } })).toThrow(WasiConfigError);
    expect(() => resolvePolicy({ args: ['nul\0'] })).toThrow(WasiConfigError);
    expect(() =>
      resolvePolicy({
        preopens: [
          { host: '/a', guest: '/x/' },
          { host: '/b', guest: '/x' },
        ],
      }),
    ).toThrow(/share the guest path/);
    expect(() => createWasiHost({ preopens: [{ host: join(root, 'nope'), guest: '/n' }] })).toThrow(WasiConfigError);
    expect(() => createWasiHost({ preopens: [{ host: join(pre, 'hello.txt'), guest: '/n' }] })).toThrow(
      /not a directory/,
    );
  });

  it('clocks and random are granted', () => {
    const host = createWasiHost();
    const now = iface(host, 'wasi:clocks/wall-clock').now();
    expect(Math.abs(Number(now.seconds) - Date.now() / 1000)).toBeLessThan(60);
    expect(typeof iface(host, 'wasi:clocks/monotonic-clock').now()).toBe('bigint');
    expect(iface(host, 'wasi:random/random').getRandomBytes(16n)).toHaveLength(16);
    expect(typeof iface(host, 'wasi:random/insecure').getInsecureRandomU64()).toBe('bigint');
    expect(iface(host, 'wasi:random/insecure-seed').insecureSeed()).toHaveLength(2);
  });
});

describe('wasi:cli/exit', () => {
  it('throws WasiExit instead of exiting, and records the code', () => {
    const host = createWasiHost();
    const exit = iface(host, 'wasi:cli/exit');
    let caught: unknown;
    try {
      exit.exit({ tag: 'err', val: undefined });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(WasiExit);
    expect((caught as WasiExit).code).toBe(1);
    expect(Object.prototype.hasOwnProperty.call(caught, 'payload')).toBe(false);
    expect(host.exitCode()).toBe(1);

    const host2 = createWasiHost();
    expect(() => iface(host2, 'wasi:cli/exit').exit({ tag: 'ok', val: undefined })).toThrow(WasiExit);
    expect(host2.exitCode()).toBe(0);

    const host3 = createWasiHost();
    expect(() => iface(host3, 'wasi:cli/exit').exitWithCode(42)).toThrow(/code 42/);
    expect(host3.exitCode()).toBe(42);
  });
});

describe('stdio', () => {
  it('stdout/stderr reach the writer options, as preview2-shim OutputStreams', () => {
    const out: string[] = [];
    const err: Uint8Array[] = [];
    const host = createWasiHost({
      stdout: (chunk) => void out.push(dec.decode(chunk)),
      stderr: { write: (chunk: Uint8Array) => err.push(chunk) },
    });
    const stdout = iface(host, 'wasi:cli/stdout').getStdout();
    expect(stdout).toBeInstanceOf(shim.io.streams.OutputStream);
    expect(stdout.checkWrite()).toBeGreaterThan(0n);
    stdout.write(enc.encode('hé'));
    stdout.blockingWriteAndFlush(enc.encode('llo\n'));
    stdout.flush();
    stdout.blockingWriteZeroesAndFlush(2n);
    expect(out.join('')).toBe('héllo\n\0\0');
    expect(stdout.subscribe().ready()).toBe(true);

    const stderr = iface(host, 'wasi:cli/stderr').getStderr();
    const buf = enc.encode('oops');
    stderr.blockingWriteAndFlush(buf);
    buf.fill(0); // the writer got a copy
    expect(dec.decode(err[0])).toBe('oops');
  });

  it("'ignore' discards; a failing writer closes the stream with last-operation-failed", () => {
    const host = createWasiHost({
      stdout: 'ignore',
      stderr: () => {
        throw new Error('disk full');
      },
    });
    iface(host, 'wasi:cli/stdout').getStdout().blockingWriteAndFlush(enc.encode('dropped'));
    const stderr = iface(host, 'wasi:cli/stderr').getStderr();
    const e = errorOf(() => stderr.blockingWriteAndFlush(enc.encode('x'))) as Any;
    expect(e.tag).toBe('last-operation-failed');
    expect(e.val).toBeInstanceOf(shim.io.error.Error);
    expect(errorOf(() => stderr.checkWrite())).toEqual({ tag: 'closed' });
  });

  it('stdin: empty by default, or the given bytes, then closed', () => {
    const empty = iface(createWasiHost(), 'wasi:cli/stdin').getStdin();
    expect(empty).toBeInstanceOf(shim.io.streams.InputStream);
    expect(errorOf(() => empty.blockingRead(10n))).toEqual({ tag: 'closed' });

    const host = createWasiHost({ stdin: enc.encode('line 1\nline 2\n') });
    const stdin = iface(host, 'wasi:cli/stdin').getStdin();
    expect(dec.decode(stdin.read(7n))).toBe('line 1\n');
    // Another handle shares the position (it is one stream).
    const again = iface(host, 'wasi:cli/stdin').getStdin();
    expect(again.skip(2n)).toBe(2n);
    expect(dec.decode(stdin.blockingRead(100n))).toBe('ne 2\n');
    expect(errorOf(() => stdin.read(1n))).toEqual({ tag: 'closed' });
  });

  it('terminals are only reported for inherited host terminals', () => {
    const host = createWasiHost({ stdout: () => {}, stderr: 'ignore' });
    expect(iface(host, 'wasi:cli/terminal-stdin').getTerminalStdin()).toBeUndefined();
    expect(iface(host, 'wasi:cli/terminal-stdout').getTerminalStdout()).toBeUndefined();
    expect(iface(host, 'wasi:cli/terminal-stderr').getTerminalStderr()).toBeUndefined();
  });
});

describe('filesystem sandbox', () => {
  it('preopen descriptors are ours, directories, fresh per call', () => {
    const { host, dir } = preopenHost();
    expect(dir).toBeInstanceOf(Descriptor);
    expect(host.imports['wasi:filesystem/types']).toHaveProperty('Descriptor', Descriptor);
    expect(dir.getType()).toBe('directory');
    expect(dir.getFlags()).toEqual({ read: true, mutateDirectory: true });
    expect(dir.stat().type).toBe('directory');
    const [[again]] = iface(host, 'wasi:filesystem/preopens').getDirectories();
    expect(again).not.toBe(dir);
    expect(again.isSameObject(dir)).toBe(true);
  });

  it('reads a file inside the preopen (plain, and via stream)', () => {
    const { dir } = preopenHost();
    const fd = dir.openAt(follow, 'hello.txt', {}, { read: true });
    expect(fd).toBeInstanceOf(Descriptor);
    expect(fd.getType()).toBe('regular-file');
    expect(readAll(fd)).toBe('hello from the preopen\n');
    const stream = fd.readViaStream(6n);
    expect(stream).toBeInstanceOf(shim.io.streams.InputStream);
    expect(dec.decode(stream.blockingRead(4n))).toBe('from');
    expect(dir.statAt(follow, 'sub/inner.txt').size).toBe(6n);
    expect(dir.statAt(follow, './sub/../hello.txt').type).toBe('regular-file');
  });

  it('creates, writes, renames and deletes inside the preopen', () => {
    const { dir } = preopenHost();
    dir.createDirectoryAt('made');
    const fd = dir.openAt(nofollow, 'made/new.txt', { create: true, exclusive: true }, { read: true, write: true });
    expect(fd.write(enc.encode('written'), 0n)).toBe(7n);
    expect(readFileSync(join(pre, 'made', 'new.txt'), 'utf8')).toBe('written');
    fd.writeViaStream(7n).blockingWriteAndFlush(enc.encode('+stream'));
    expect(readFileSync(join(pre, 'made', 'new.txt'), 'utf8')).toBe('written+stream');
    dir.renameAt('made/new.txt', dir, 'made/renamed.txt');
    dir.linkAt(nofollow, 'made/renamed.txt', dir, 'made/hard.txt');
    dir.symlinkAt('renamed.txt', 'made/soft.txt');
    expect(dir.readlinkAt('made/soft.txt')).toBe('renamed.txt');
    expect(readAll(dir.openAt(follow, 'made/soft.txt', {}, { read: true }))).toBe('written+stream');
    const entries: string[] = [];
    const stream = dir.openAt(nofollow, 'made', { directory: true }, { read: true }).readDirectory();
    for (let e = stream.readDirectoryEntry(); e; e = stream.readDirectoryEntry()) entries.push(e.name);
    expect(entries.sort()).toEqual(['hard.txt', 'renamed.txt', 'soft.txt']);
    for (const f of entries) dir.unlinkFileAt(`made/${f}`);
    dir.removeDirectoryAt('made');
    expect(existsSync(join(pre, 'made'))).toBe(false);
  });

  it('lists the preopen itself', () => {
    const { dir } = preopenHost();
    const stream = dir.readDirectory();
    const names: string[] = [];
    for (let e = stream.readDirectoryEntry(); e; e = stream.readDirectoryEntry()) names.push(e.name);
    expect(names).toContain('hello.txt');
    expect(names).toContain('sub');
  });

  it('follows symbolic links that stay inside', () => {
    const { dir } = preopenHost();
    expect(readAll(dir.openAt(follow, 'inner-link', {}, { read: true }))).toBe('inner\n');
    expect(readAll(dir.openAt(follow, 'chain', {}, { read: true }))).toBe('inner\n');
    expect(readAll(dir.openAt(follow, 'dotdot-inside', {}, { read: true }))).toBe('hello from the preopen\n');
    expect(readAll(dir.openAt(follow, 'sub/up/hello.txt', {}, { read: true }))).toBe('hello from the preopen\n');
    expect(dir.statAt(nofollow, 'inner-link').type).toBe('symbolic-link');
  });

  it('refuses `..` past the preopen and absolute paths', () => {
    const { dir } = preopenHost();
    for (const path of ['..', '../outside/secret.txt', 'sub/../../outside/secret.txt', '/etc/passwd', '/']) {
      expect(
        errorOf(() => dir.openAt(follow, path, {}, { read: true })),
        path,
      ).toBe('not-permitted');
      expect(
        errorOf(() => dir.statAt(follow, path)),
        path,
      ).toBe('not-permitted');
    }
    expect(errorOf(() => dir.createDirectoryAt('../evil'))).toBe('not-permitted');
    expect(errorOf(() => dir.unlinkFileAt('../outside/secret.txt'))).toBe('not-permitted');
    expect(errorOf(() => dir.renameAt('hello.txt', dir, '../stolen.txt'))).toBe('not-permitted');
    expect(existsSync(join(root, 'evil'))).toBe(false);
    expect(existsSync(join(root, 'stolen.txt'))).toBe(false);
  });

  it('refuses symbolic links pointing outside (absolute, relative, dangling, to a file)', () => {
    const { dir } = preopenHost();
    const cases: Array<[string, () => unknown]> = [
      ['open through an absolute link', () => dir.openAt(follow, 'escape-abs/secret.txt', {}, { read: true })],
      ['open through a relative link', () => dir.openAt(follow, 'escape-rel/secret.txt', {}, { read: true })],
      ['open a link to a file outside', () => dir.openAt(follow, 'secret-link', {}, { read: true })],
      ['open a directory link', () => dir.openAt(follow, 'escape-abs', { directory: true }, { read: true })],
      ['create through a dangling link', () => dir.openAt(follow, 'dangling-out', { create: true }, { write: true })],
      ['stat through a link', () => dir.statAt(follow, 'secret-link')],
      ['stat in a linked directory', () => dir.statAt(nofollow, 'escape-rel/secret.txt')],
      ['metadata hash', () => dir.metadataHashAt(follow, 'secret-link')],
      ['readlink under a link', () => dir.readlinkAt('escape-abs/x')],
      ['mkdir under a link', () => dir.createDirectoryAt('escape-rel/newdir')],
      ['rmdir under a link', () => dir.removeDirectoryAt('escape-rel/x')],
      ['unlink under a link', () => dir.unlinkFileAt('escape-abs/secret.txt')],
      ['rename from under a link', () => dir.renameAt('escape-rel/secret.txt', dir, 'stolen.txt')],
      ['rename to under a link', () => dir.renameAt('hello.txt', dir, 'escape-rel/moved.txt')],
      ['hard-link a file outside', () => dir.linkAt(follow, 'secret-link', dir, 'hard-secret')],
      ['symlink created under a link', () => dir.symlinkAt('x', 'escape-abs/planted')],
      ['set times under a link', () => dir.setTimesAt(follow, 'secret-link', { tag: 'now' }, { tag: 'now' })],
      ['absolute link even to inside', () => dir.openAt(follow, 'abs-inside', {}, { read: true })],
      ['backslash separators', () => dir.openAt(follow, 'escape-rel\\secret.txt', {}, { read: true })],
    ];
    for (const [what, op] of cases) expect(errorOf(op), what).toBe('not-permitted');
    // Nothing happened outside.
    expect(existsSync(join(outside, 'new.txt'))).toBe(false);
    expect(existsSync(join(outside, 'newdir'))).toBe(false);
    expect(existsSync(join(outside, 'planted'))).toBe(false);
    expect(existsSync(join(pre, 'hard-secret'))).toBe(false);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('TOP SECRET\n');
  });

  it('the link itself is still visible without following it', () => {
    const { dir } = preopenHost();
    expect(dir.statAt(nofollow, 'escape-abs').type).toBe('symbolic-link');
    expect(dir.readlinkAt('escape-rel')).toBe('../outside');
    // open without symlink-follow does not open the target either
    expect(errorOf(() => dir.openAt(nofollow, 'secret-link', {}, { read: true }))).toBe('loop');
  });

  it('symlink loops end in error-code.loop', () => {
    const { dir } = preopenHost();
    expect(errorOf(() => dir.openAt(follow, 'loop-a', {}, { read: true }))).toBe('loop');
  });

  it('a directory opened below the preopen is a sandbox root of its own', () => {
    const { dir } = preopenHost();
    const sub = dir.openAt(nofollow, 'sub', { directory: true }, { read: true });
    expect(readAll(sub.openAt(nofollow, 'inner.txt', {}, { read: true }))).toBe('inner\n');
    expect(errorOf(() => sub.openAt(nofollow, '../hello.txt', {}, { read: true }))).toBe('not-permitted');
    expect(errorOf(() => sub.openAt(follow, 'up/hello.txt', {}, { read: true }))).toBe('not-permitted');
  });

  it('read-only preopens refuse every mutation', () => {
    const host = createWasiHost({ preopens: [{ host: pre, guest: '/ro', readOnly: true }] });
    const [[dir]] = iface(host, 'wasi:filesystem/preopens').getDirectories();
    expect(dir.getFlags()).toEqual({ read: true });
    expect(readAll(dir.openAt(follow, 'hello.txt', {}, { read: true }))).toBe('hello from the preopen\n');
    expect(errorOf(() => dir.openAt(follow, 'hello.txt', {}, { read: true, write: true }))).toBe('read-only');
    expect(errorOf(() => dir.openAt(follow, 'x.txt', { create: true }, { read: true }))).toBe('read-only');
    expect(errorOf(() => dir.createDirectoryAt('d'))).toBe('read-only');
    expect(errorOf(() => dir.unlinkFileAt('hello.txt'))).toBe('read-only');
    expect(errorOf(() => dir.renameAt('hello.txt', dir, 'h.txt'))).toBe('read-only');
    expect(errorOf(() => dir.symlinkAt('hello.txt', 'l'))).toBe('read-only');
    const fd = dir.openAt(follow, 'hello.txt', {}, { read: true });
    expect(errorOf(() => fd.write(enc.encode('x'), 0n))).toBe('read-only');
    expect(errorOf(() => fd.setSize(0n))).toBe('read-only');
    expect(readFileSync(join(pre, 'hello.txt'), 'utf8')).toBe('hello from the preopen\n');
  });

  it('rejects descriptors that are not ours as rename/link targets', () => {
    const { dir } = preopenHost();
    expect(errorOf(() => dir.renameAt('hello.txt', {}, 'x'))).toBe('bad-descriptor');
    expect(() => new (Descriptor as Any)(Symbol('fake'), {})).toThrow(TypeError);
  });
});

describe('resolveBeneath (pure, over a fake file system)', () => {
  // A tiny tree: dirs a, a/b; file a/f; links a/l -> b, top -> a/l, abs -> /x, up -> ..
  const tree: Record<string, EntryKind | ['symlink', string]> = {
    a: 'directory',
    'a/b': 'directory',
    'a/f': 'other',
    'a/l': ['symlink', 'b'],
    top: ['symlink', 'a/l'],
    abs: ['symlink', '/x'],
    up: ['symlink', '..'],
    'a/up': ['symlink', '..'],
  };
  const ops: ResolveOps = {
    kind: (rel) => {
      const e = tree[rel];
      return e === undefined ? 'missing' : Array.isArray(e) ? 'symlink' : e;
    },
    readlink: (rel) => (tree[rel] as ['symlink', string])[1],
  };
  const r = (p: string, f = true) => {
    try {
      return resolveBeneath(ops, p, f);
    } catch (e) {
      return `!${String(e)}`;
    }
  };

  it('resolves', () => {
    expect(r('')).toBe('');
    expect(r('.')).toBe('');
    expect(r('a//b/./')).toBe('a/b/');
    expect(r('a/l')).toBe('a/b');
    expect(r('a/l', false)).toBe('a/l');
    expect(r('a/l/', false)).toBe('a/b/');
    expect(r('top/x')).toBe('a/b/x');
    expect(r('a/up/a/f')).toBe('a/f');
    expect(r('a/b/../f')).toBe('a/f');
    expect(r('new')).toBe('new');
  });

  it('refuses', () => {
    expect(r('..')).toBe('!not-permitted');
    expect(r('a/../..')).toBe('!not-permitted');
    expect(r('/a')).toBe('!not-permitted');
    expect(r('abs')).toBe('!not-permitted');
    expect(r('abs', false)).toBe('abs');
    expect(r('up/x')).toBe('!not-permitted');
    expect(r('a\\..\\..')).toBe('!not-permitted');
    expect(r('missing/x')).toBe('!no-entry');
    expect(r('a/f/x')).toBe('!not-directory');
    expect(r('a/\0')).toBe('!invalid');
  });
});

describe('network: denied unless inheritNetwork', () => {
  const addr = { tag: 'ipv4', val: { port: 0, address: [127, 0, 0, 1] } };

  it('tcp, udp and outgoing http refuse by default', () => {
    const host = createWasiHost();
    const network = iface(host, 'wasi:sockets/instance-network').instanceNetwork();
    const tcp = iface(host, 'wasi:sockets/tcp-create-socket').createTcpSocket('ipv4');
    expect(errorOf(() => tcp.startBind(network, addr))).toBe('access-denied');
    expect(errorOf(() => tcp.startConnect(network, addr))).toBe('access-denied');
    const udp = iface(host, 'wasi:sockets/udp-create-socket').createUdpSocket('ipv4');
    expect(errorOf(() => udp.startBind(network, addr))).toBe('access-denied');
    // DNS: WASI's ip-name-lookup has no access-denied; like Wasmtime, permanent-resolver-failure.
    expect(errorOf(() => iface(host, 'wasi:sockets/ip-name-lookup').resolveAddresses(network, 'localhost'))).toBe(
      'permanent-resolver-failure',
    );
    expect(errorOf(() => iface(host, 'wasi:http/outgoing-handler').handle({}, undefined))).toEqual({
      tag: 'HTTP-request-denied',
    });
  });

  it('inheritNetwork grants sockets', () => {
    const host = createWasiHost({ inheritNetwork: true });
    const network = iface(host, 'wasi:sockets/instance-network').instanceNetwork();
    const tcp = iface(host, 'wasi:sockets/tcp-create-socket').createTcpSocket('ipv4');
    tcp.startBind(network, addr);
    tcp.finishBind();
    const local = tcp.localAddress();
    expect(local.tag).toBe('ipv4');
    expect(local.val.port).toBeGreaterThan(0);
  });
});
