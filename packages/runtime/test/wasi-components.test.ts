// The WASI host end to end with real components:
//  - the Rust guest fixture (fixtures/rust-counter, a reactor using std through
//    the preview1 adapter) and
//  - a C command (fixtures/wasi-command/main.c, preview1 `_start` + the command
//    adapter: a wasi:cli/command component exporting wasi:cli/run),
// instantiated by jco's transpiled JS with OUR host's import objects in place
// of preview2-shim's, which proves the shapes are interchangeable; then
// through `runCommand`, and on our own engine once it exports `instantiate`.
//
// jco (componentEmbed/componentNew/transpile) is a test-only oracle here.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { componentEmbed, componentNew, transpile } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWasiHost,
  findRunExport,
  runCommand,
  WasiExit,
  type InstantiateFn,
  type WasiHostOptions,
} from '../src/node/index.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixturesDir = join(repoRoot, 'fixtures');
const buildDir = join(fixturesDir, 'build');
const jcoDir = dirname(realpathSync(join(repoRoot, 'node_modules', '@bytecodealliance', 'jco', 'package.json')));
const reactorAdapter = () => readFileSync(join(jcoDir, 'lib', 'wasi_snapshot_preview1.reactor.wasm'));
const commandAdapter = () => readFileSync(join(jcoDir, 'lib', 'wasi_snapshot_preview1.command.wasm'));

// ---------------------------------------------------------------------------
// Build the guests (installs the toolchain when missing; exit 2 = cannot install).

const build = spawnSync(process.execPath, [join(fixturesDir, 'build.mjs')], { encoding: 'utf8', timeout: 15 * 60_000 });
const toolchainUnavailable = build.status === 2;
if (toolchainUnavailable) {
  console.warn(`[wasi] SKIPPED: the guest toolchain is not available:\n${build.stderr}`);
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

// The repo's lib has no WebAssembly declarations; describe the members used.
interface WasmModule {
  readonly __wasmModule?: never;
}
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } })
  .WebAssembly;

type JcoInstantiate = (
  getCoreModule: (path: string) => Promise<WasmModule>,
  imports: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/** jco-transpiles `component` (async instantiation: imports are passed in) and loads it. */
async function transpileComponent(component: Uint8Array, name: string) {
  const { files } = await transpile(component, { name, instantiation: 'async' });
  const dir = mkdtempSync(join(tmpdir(), `wit-ts-wasi-${name}-`));
  tempDirs.push(dir);
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), bytes);
  }
  const js = readFileSync(join(dir, `${name}.js`), 'utf8');
  const mod = (await import(/* @vite-ignore */ pathToFileURL(join(dir, `${name}.js`)).href)) as {
    instantiate: JcoInstantiate;
  };
  const getCoreModule = async (path: string) => wasm.compile(readFileSync(join(dir, path)));
  return {
    js,
    instantiate: (imports: Record<string, object>) => mod.instantiate(getCoreModule, imports),
  };
}

/** An `InstantiateFn` (our engine's signature) implemented with jco transpile, for runCommand. */
const jcoInstantiate: InstantiateFn = async (bytes, imports) => {
  const t = await transpileComponent(bytes, 'command');
  return t.instantiate(imports);
};

/** Our engine's `instantiate`, if it exists yet. */
async function engineInstantiate(): Promise<InstantiateFn | undefined> {
  const engine = (await import('../src/index.js')) as Record<string, unknown>;
  return typeof engine.instantiate === 'function' ? (engine.instantiate as InstantiateFn) : undefined;
}
const engine = await engineInstantiate();

const dec = new TextDecoder();

function capture() {
  const chunks: Uint8Array[] = [];
  return {
    writer: (chunk: Uint8Array) => void chunks.push(chunk),
    text: () => dec.decode(Buffer.concat(chunks)),
  };
}

// ---------------------------------------------------------------------------
// Rust reactor.

interface RustApi {
  summarize(label: string, values: Uint32Array): { count: number; total: bigint; label: string };
  shout(s: string): string;
  nowNanos(): bigint;
}

describe.skipIf(toolchainUnavailable)(
  'rust-counter (std via the preview1 adapter) on our WASI host, jco-instantiated',
  () => {
    let api: RustApi;
    const out = capture();
    let host: ReturnType<typeof createWasiHost>;

    beforeAll(async () => {
      const binary = readFileSync(join(buildDir, 'rust-counter.core.wasm'));
      const witSource = readFileSync(join(fixturesDir, 'rust-counter', 'wit', 'rust-counter.wit'), 'utf8');
      const embedded = await componentEmbed({ binary, witSource, world: 'rust-counter' });
      const component = await componentNew(embedded, [['wasi_snapshot_preview1', reactorAdapter()]]);
      const t = await transpileComponent(component, 'rust-counter');
      host = createWasiHost({ stdout: out.writer, stderr: 'ignore' });
      // Every WASI interface the transpiled code asks for is answered by our host.
      const wanted = [...t.js.matchAll(/imports\['(wasi:[^'@]+)'\]/g)].map((m) => m[1]);
      expect(wanted.length).toBeGreaterThan(5);
      for (const name of wanted) expect(host.imports, name).toHaveProperty([name]);
      const root = await t.instantiate(host.imports);
      api = root['fixtures:rust-counter/stats'] as RustApi;
    });

    it('calls exports that use std (strings, results, clocks)', () => {
      expect(api.shout('straße')).toBe('STRASSE!');
      const ms = Number(api.nowNanos() / 1_000_000n);
      expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
      expect(() => api.summarize('leer', new Uint32Array())).toThrow();
    });

    it('println! reaches the stdout writer, in process', () => {
      const s = api.summarize('stdout ✓', new Uint32Array([1, 2, 3]));
      expect(s.total).toBe(6n);
      expect(out.text()).toBe('summarize stdout ✓: 3 values\n');
      expect(host.exitCode()).toBeUndefined();
    });

    it.skipIf(!engine)('the same component and host on our engine', async () => {
      const binary = readFileSync(join(buildDir, 'rust-counter.core.wasm'));
      const witSource = readFileSync(join(fixturesDir, 'rust-counter', 'wit', 'rust-counter.wit'), 'utf8');
      const embedded = await componentEmbed({ binary, witSource, world: 'rust-counter' });
      const component = await componentNew(embedded, [['wasi_snapshot_preview1', reactorAdapter()]]);
      const engineOut = capture();
      const engineHost = createWasiHost({ stdout: engineOut.writer, stderr: 'ignore' });
      const exports = (await engine!(component, engineHost.imports)) as Record<string, unknown>;
      const stats = exports['fixtures:rust-counter/stats'] as RustApi;
      expect(stats.shout('straße')).toBe('STRASSE!');
      expect(Math.abs(Number(stats.nowNanos() / 1_000_000n) - Date.now())).toBeLessThan(60_000);
      expect(stats.summarize('engine', new Uint32Array([4, 5])).total).toBe(9n);
      expect(engineOut.text()).toBe('summarize engine: 2 values\n');
    });
  },
);

// ---------------------------------------------------------------------------
// C command.

describe.skipIf(toolchainUnavailable)('wasi-command (C, preview1 command adapter) on our WASI host', () => {
  let component: Uint8Array;
  let root: string;
  let data: string;

  beforeAll(async () => {
    component = await componentNew(readFileSync(join(buildDir, 'wasi-command.core.wasm')), [
      ['wasi_snapshot_preview1', commandAdapter()],
    ]);
    root = realpathSync(mkdtempSync(join(tmpdir(), 'wit-ts-wasi-cmd-')));
    tempDirs.push(root);
    data = join(root, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'hello.txt'), 'hello from the host\n');
    writeFileSync(join(root, 'secret.txt'), 'TOP SECRET\n');
    symlinkSync('../secret.txt', join(data, 'escape'));
  });

  /** Runs the command through jco's transpiled instantiate with our imports. */
  async function runViaJco(options: WasiHostOptions) {
    const out = capture();
    const err = capture();
    const host = createWasiHost({ stdout: out.writer, stderr: err.writer, ...options });
    const t = await transpileComponent(component, 'wasi-command');
    const exports = await t.instantiate(host.imports);
    const run = findRunExport(exports);
    expect(run).toBeDefined();
    let exit: WasiExit | undefined;
    try {
      run!();
    } catch (e) {
      if (!(e instanceof WasiExit)) throw e;
      exit = e;
    }
    return { host, exit, stdout: out.text(), stderr: err.text() };
  }

  it('prints args and env, reads a preopened file, writes stderr, exits 0', async () => {
    const r = await runViaJco({
      programName: 'cmd.wasm',
      args: ['0', '/data/hello.txt'],
      env: { GREETING: 'grüß dich' },
      preopens: [{ host: data, guest: '/data' }],
    });
    expect(r.stdout).toBe(
      [
        'argc=3',
        'argv[0]=cmd.wasm',
        'argv[1]=0',
        'argv[2]=/data/hello.txt',
        'GREETING=grüß dich',
        'read /data/hello.txt: hello from the host',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('hello from stderr\n');
    // A command returning 0 from main exits through run's ok arm (or exit(ok)).
    expect(r.exit?.code ?? 0).toBe(0);
    expect(r.host.exitCode() ?? 0).toBe(0);
  });

  it('nothing granted by default: no env, no files', async () => {
    const r = await runViaJco({ args: ['0', '/data/hello.txt', 'ls:/'] });
    expect(r.stdout).toContain('argv[0]=main\n');
    expect(r.stdout).toContain('GREETING=(unset)\n');
    expect(r.stdout).toContain('read /data/hello.txt: ENOTCAPABLE\n');
    expect(r.stdout).toContain('ls /: ENOTCAPABLE\n');
  });

  it('the guest cannot escape its preopen (.., symlink), but can write inside', async () => {
    const r = await runViaJco({
      args: ['0', '/data/../secret.txt', '/data/escape', 'write:/data/out.txt', 'write:/data/escape', 'ls:/data'],
      preopens: [{ host: data, guest: '/data' }],
    });
    expect(r.stdout).toContain('read /data/../secret.txt: EPERM\n');
    expect(r.stdout).toContain('read /data/escape: EPERM\n');
    expect(r.stdout).not.toContain('TOP SECRET');
    expect(r.stdout).toContain('write /data/out.txt: ok\n');
    expect(r.stdout).toContain('write /data/escape: EPERM\n');
    expect(readFileSync(join(data, 'out.txt'), 'utf8')).toBe('written by the guest\n');
    expect(readFileSync(join(root, 'secret.txt'), 'utf8')).toBe('TOP SECRET\n');
    expect(r.stdout).toMatch(/ls \/data: hello\.txt\n/);
    expect(r.stdout).toContain('ls /data: 3 entries\n');
  });

  it('a read-only preopen refuses writes', async () => {
    const r = await runViaJco({
      args: ['0', 'write:/ro/x.txt'],
      preopens: [{ host: data, guest: '/ro', readOnly: true }],
    });
    expect(r.stdout).toContain('write /ro/x.txt: EROFS\n');
  });

  it('a nonzero exit is a WasiExit (the preview1 adapter reports any nonzero status as exit(err) = 1)', async () => {
    const r = await runViaJco({ args: ['3'] });
    expect(r.exit).toBeInstanceOf(WasiExit);
    expect(r.exit!.code).toBe(1);
    expect(r.host.exitCode()).toBe(1);
    expect(r.stdout).toContain('argv[1]=3\n');
  });

  it('runCommand (with a jco-based instantiate) maps the exit code', async () => {
    const out = capture();
    const ok = await runCommand(
      component,
      { args: ['0', '/d/hello.txt'], preopens: [{ host: data, guest: '/d' }], stdout: out.writer, stderr: 'ignore' },
      jcoInstantiate,
    );
    expect(ok.exitCode).toBe(0);
    expect(out.text()).toContain('read /d/hello.txt: hello from the host\n');

    const failed = await runCommand(component, { args: ['7'], stdout: 'ignore', stderr: 'ignore' }, jcoInstantiate);
    expect(failed.exitCode).toBe(1);
    expect(failed.host.exitCode()).toBe(1);
  });

  it.skipIf(!engine)('runs on our engine too', async () => {
    const out = capture();
    const r = await runCommand(
      component,
      {
        args: ['0', '/d/hello.txt', '/d/escape'],
        env: { GREETING: 'engine' },
        preopens: [{ host: data, guest: '/d' }],
        stdout: out.writer,
        stderr: 'ignore',
      },
      engine,
    );
    expect(r.exitCode).toBe(0);
    expect(out.text()).toContain('GREETING=engine\n');
    expect(out.text()).toContain('read /d/hello.txt: hello from the host\n');
    expect(out.text()).toContain('read /d/escape: EPERM\n');
    const failed = await runCommand(component, { args: ['2'], stdout: 'ignore', stderr: 'ignore' }, engine);
    expect(failed.exitCode).toBe(1);
  });
});

describe('runCommand without a component runtime', () => {
  it('findRunExport: versioned, unversioned and jco alias keys', () => {
    const run = () => 'ran';
    expect(findRunExport({ 'wasi:cli/run@0.2.3': { run } })?.()).toBe('ran');
    expect(findRunExport({ 'wasi:cli/run': { run } })?.()).toBe('ran');
    expect(findRunExport({ run: { run } })?.()).toBe('ran');
    expect(findRunExport({ other: {} })).toBeUndefined();
    expect(findRunExport(undefined)).toBeUndefined();
  });

  it('maps run() outcomes: ok → 0, err (payload) → 1, WasiExit → code, trap → rejects', async () => {
    const fake =
      (run: (imports: Record<string, object>) => unknown): InstantiateFn =>
      (_bytes, imports) => ({ 'wasi:cli/run@0.2.0': { run: () => run(imports) } });
    const bytes = new Uint8Array();
    expect(
      (
        await runCommand(
          bytes,
          {},
          fake(() => undefined),
        )
      ).exitCode,
    ).toBe(0);
    const err = Object.assign(new Error('run failed'), { payload: undefined });
    expect(
      (
        await runCommand(
          bytes,
          {},
          fake(() => {
            throw err;
          }),
        )
      ).exitCode,
    ).toBe(1);
    const viaExit = await runCommand(
      bytes,
      {},
      fake((imports) => (imports['wasi:cli/exit'] as { exitWithCode(c: number): never }).exitWithCode(5)),
    );
    expect(viaExit.exitCode).toBe(5);
    // An engine that wraps the exception still yields the code the host saw.
    const wrapped = await runCommand(
      bytes,
      {},
      fake((imports) => {
        try {
          (imports['wasi:cli/exit'] as { exit(s: { tag: string }): never }).exit({ tag: 'ok' });
        } catch (e) {
          throw new Error('wrapped', { cause: e });
        }
      }),
    );
    expect(wrapped.exitCode).toBe(0);
    await expect(
      runCommand(
        bytes,
        {},
        fake(() => {
          throw new Error('unreachable executed');
        }),
      ),
    ).rejects.toThrow('unreachable');
    await expect(runCommand(bytes, {}, () => ({}))).rejects.toThrow(/does not export wasi:cli\/run/);
  });
});
