// The hand-written guest fixtures wrapped by OUR embed + new (c-greeter:
// legacy names, resources, a `$root` import, a 17-parameter spill;
// rust-counter: std + the preview1 reactor adapter), then transpiled by jco
// and called from Node. Their WIT must equal jco's own embed + new.
// jco runs in this process here (no risky inputs: both modules are valid).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentEmbed, componentNew as jcoNew, componentWit } from '@bytecodealliance/jco';
import { resolvePath } from '@wit-ts/wit-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  jcoTranspile,
  jcoTranspileTo,
  repoRoot,
  shimInstantiationUrl,
  tempDir,
  wasiAdapterPath,
  wasiCommandAdapterPath,
} from '../../../fixtures/test/support/jco.js';
import { decodeComponent } from '../src/decode-component.js';
import { validateComponent } from '../src/validate/index.js';
import { componentNew, embedComponentType } from '../src/build/index.js';
import { importShapes } from './build-support.js';

const fixturesDir = join(repoRoot, 'fixtures');
const build = spawnSync(process.execPath, [join(fixturesDir, 'build.mjs')], { encoding: 'utf8', timeout: 15 * 60_000 });
const unavailable = build.status !== 0;
if (unavailable)
  console.warn(`[build-fixtures] SKIPPED: fixtures/build.mjs failed (${build.status}):\n${build.stderr}`);

const adapterBytes = () => readFileSync(wasiAdapterPath);

interface WasmApi {
  compile(bytes: Uint8Array): Promise<unknown>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
type Instantiate = (
  getCoreModule: (path: string) => Promise<unknown>,
  imports: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

interface Built {
  component: Uint8Array;
  jcoComponent: Uint8Array;
  ourWit: string;
  jcoWit: string;
  instantiate: Instantiate;
  getCoreModule: (p: string) => Promise<unknown>;
  dir: string;
  jsFile: string;
}

async function buildFixture(name: string, adapters: { name: string; bytes: Uint8Array }[]): Promise<Built> {
  const core = readFileSync(join(fixturesDir, 'build', `${name}.core.wasm`));
  const witDir = join(fixturesDir, name, 'wit');
  const resolve = resolvePath(witDir);
  const world = resolve.packages[resolve.main!].worlds.get(name)!;
  const component = componentNew(embedComponentType(core, resolve, world, { encoding: 'utf8' }), { adapters });
  const ourWit = await componentWit(component);
  const theirs = await jcoNew(
    await componentEmbed({ binary: core, witPath: witDir, world: name }),
    adapters.map((a) => [a.name, a.bytes] as [string, Uint8Array]),
  );
  const jcoWit = await componentWit(theirs);
  const {
    dir,
    jsFile,
    module: mod,
  } = await jcoTranspile<{ instantiate: Instantiate }>(component, name, 'wit-ts-build-');
  return {
    component,
    jcoComponent: theirs,
    ourWit,
    jcoWit,
    instantiate: mod.instantiate,
    getCoreModule: async (p) => wasm.compile(readFileSync(join(dir, p))),
    dir,
    jsFile,
  };
}

/** Our validator's issues on `ours`, minus those it also reports on jco's build of the same module (known false positives). */
async function unexplainedIssues(
  ours: Uint8Array,
  name: string,
  adapters: { name: string; bytes: Uint8Array }[],
): Promise<string[]> {
  const core = readFileSync(join(fixturesDir, 'build', `${name}.core.wasm`));
  const theirs = await jcoNew(
    await componentEmbed({ binary: core, witPath: join(fixturesDir, name, 'wit'), world: name }),
    adapters.map((a) => [a.name, a.bytes] as [string, Uint8Array]),
  );
  const known = validateComponent(decodeComponent(theirs)).map((i) => i.message);
  return validateComponent(decodeComponent(ours))
    .map((i) => i.message)
    .filter((m) => !known.includes(m));
}

type Shape = { tag: 'circle'; val: number } | { tag: 'rect'; val: { x: number; y: number } } | { tag: 'none' };
interface Counter {
  increment(by: number): number;
  getLabel(): string;
}
interface CApi {
  greet(name: string): string;
  sum(xs: Int32Array): bigint;
  splitWords(text: string): string[];
  area(s: Shape): number;
  parseNumber(s: string): number;
  mix(
    p: unknown,
    s: Shape,
    c: string,
    f: object,
    nick: string | undefined,
    bytes: Uint8Array,
    n: bigint,
    d: number,
  ): string;
  Counter: {
    new (label: string, start: number): Counter;
    merge(a: Counter, b: Counter): Counter;
    consume(c: Counter): number;
  };
}

describe.skipIf(unavailable)('c-greeter built by our embed + new', () => {
  let built: Built;
  let api: CApi;
  const logs: string[] = [];
  beforeAll(async () => {
    built = await buildFixture('c-greeter', []);
    const log = { log: (m: string) => void logs.push(m) };
    const root = await built.instantiate(built.getCoreModule, {
      prefix: { default: () => 'Grüß dich' },
      'fixtures:c-greeter/host': log,
      'fixtures:c-greeter/host@0.1.0': log,
    });
    api = root['fixtures:c-greeter/api@0.1.0'] as CApi;
  });

  it('validates (modulo validator issues jco’s own build shares)', async () => {
    expect(await unexplainedIssues(built.component, 'c-greeter', [])).toEqual([]);
  });
  it('describes the same WIT as jco embed + new', () => {
    expect(built.ourWit.trim()).toBe(built.jcoWit.trim());
    expect(importShapes(built.component)).toEqual(importShapes(built.jcoComponent));
  });
  it('runs: strings, lists, variants, results, the $root import', () => {
    expect(api.greet('wörld 🌍')).toBe('Grüß dich, wörld 🌍!');
    expect(api.sum(new Int32Array([1, -2, 3]))).toBe(2n);
    expect(api.splitWords('  héllo  big ')).toEqual(['héllo', 'big']);
    expect(api.area({ tag: 'rect', val: { x: 3, y: -4 } })).toBe(12);
    expect(api.parseNumber('-123')).toBe(-123);
    expect(() => api.parseNumber('x')).toThrow();
  });
  it('runs: 17 flat parameters spilled to memory', () => {
    expect(
      api.mix(
        { name: 'x', age: 1, tags: [] },
        { tag: 'rect', val: { x: -1, y: 2 } },
        'blue',
        { exec: true },
        undefined,
        new Uint8Array(),
        18446744073709551615n,
        0,
      ),
    ).toBe('x (1) []; rect(-1, 2); blue; --x; no nick; bytes=0/0; n=18446744073709551615; d=0');
  });
  it('runs: resources with constructor, methods, statics and the destructor', () => {
    logs.length = 0;
    const a = new api.Counter('ä', 5);
    const b = new api.Counter('b', 7);
    expect(a.increment(3)).toBe(8);
    const merged = api.Counter.merge(a, b);
    expect(merged.getLabel()).toBe('ä+b');
    expect(api.Counter.consume(merged)).toBe(15);
    expect(logs.at(-1)).toBe('counter ä+b dropped at 15');
  });
});

interface RustApi {
  summarize(label: string, values: Uint32Array): { count: number; total: bigint; label: string };
  shout(s: string): string;
  wordLengths(text: string): Uint32Array;
  nowNanos(): bigint;
}

describe.skipIf(unavailable)('rust-counter (+ preview1 reactor adapter) built by our embed + new', () => {
  let built: Built;
  let api: RustApi;
  const adapters = () => [{ name: 'wasi_snapshot_preview1', bytes: adapterBytes() }];
  beforeAll(async () => {
    built = await buildFixture('rust-counter', adapters());
    const { WASIShim } = (await import(/* @vite-ignore */ shimInstantiationUrl)) as {
      WASIShim: new () => { getImportObject(): Record<string, unknown> };
    };
    const root = await built.instantiate(built.getCoreModule, new WASIShim().getImportObject());
    api = root['fixtures:rust-counter/stats'] as RustApi;
  });

  it('validates (modulo validator issues jco’s own build shares)', async () => {
    expect(await unexplainedIssues(built.component, 'rust-counter', adapters())).toEqual([]);
  });
  it('describes the same WIT as jco embed + new (adapter trimmed alike)', () => {
    expect(built.ourWit.trim()).toBe(built.jcoWit.trim());
  });
  it('imports the same functions and types of each WASI interface as jco', () => {
    expect(importShapes(built.component)).toEqual(importShapes(built.jcoComponent));
  });
  it('runs through the adapter', () => {
    expect(api.shout('straße ÿ')).toBe('STRASSE Ÿ!');
    expect(Array.from(api.wordLengths('  héllo 世界  a '))).toEqual([5, 2, 1]);
    let caught: unknown;
    try {
      api.summarize('leer', new Uint32Array());
    } catch (e) {
      caught = e;
    }
    expect((caught as { payload: unknown }).payload).toBe('no values for leer');
    const ms = Number(api.nowNanos() / 1_000_000n);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });
  it('println! reaches stdout through the adapter', () => {
    const script = `
      import { readFile } from 'node:fs/promises';
      const { WASIShim } = await import(${JSON.stringify(shimInstantiationUrl)});
      const { instantiate } = await import(${JSON.stringify(pathToFileURL(built.jsFile).href)});
      const dir = ${JSON.stringify(built.dir)};
      const root = await instantiate(async (p) => WebAssembly.compile(await readFile(dir + '/' + p)), new WASIShim().getImportObject());
      const s = root['fixtures:rust-counter/stats'].summarize('stdout ✓', new Uint32Array([1, 2, 3]));
      console.error(JSON.stringify({ total: String(s.total) }));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toBe('summarize stdout ✓: 3 values\n');
    expect(child.stderr).toContain('{"total":"6"}');
  });
});

// A C command (`main`, `_start`) + the preview1 *command* adapter, which
// implements `wasi:cli/run` itself and imports `_start` from the main module.
const helloDir = tempDir('wit-ts-build-hello-');
writeFileSync(
  join(helloDir, 'hello.c'),
  '#include <stdio.h>\nint main(void) { printf("hello from main\\n"); return 0; }\n',
);
const clang = spawnSync(
  process.env.WIT_TS_CLANG || 'clang',
  ['--target=wasm32-wasi', '-O2', '-o', join(helloDir, 'hello.wasm'), join(helloDir, 'hello.c')],
  {
    encoding: 'utf8',
  },
);
const noClang = clang.status !== 0;

describe.skipIf(noClang)('C command + command adapter built by our embed + new', () => {
  it('exports wasi:cli/run like jco, and prints through the adapter', async () => {
    const { resolveSource } = await import('@wit-ts/wit-parser');
    const resolve = resolveSource('package a:b; world w {}', 'w.wit');
    const world = resolve.packages[resolve.main!].worlds.get('w')!;
    const core = readFileSync(join(helloDir, 'hello.wasm'));
    const adapter = readFileSync(wasiCommandAdapterPath);
    const component = componentNew(embedComponentType(core, resolve, world), {
      adapters: [{ name: 'wasi_snapshot_preview1', bytes: adapter }],
    });
    expect(validateComponent(decodeComponent(component))).toEqual([]);
    const theirs = await jcoNew(
      await componentEmbed({ binary: core, witSource: 'package a:b; world w {}', world: 'w' }),
      [['wasi_snapshot_preview1', adapter]],
    );
    expect(await componentWit(component)).toBe(await componentWit(theirs));
    await jcoTranspileTo(component, 'hello', join(helloDir, 'out'));
    const script = `
      import { readFile } from 'node:fs/promises';
      const { WASIShim } = await import(${JSON.stringify(shimInstantiationUrl)});
      const { instantiate } = await import(${JSON.stringify(pathToFileURL(join(helloDir, 'out', 'hello.js')).href)});
      const root = await instantiate(async (p) => WebAssembly.compile(await readFile(${JSON.stringify(join(helloDir, 'out'))} + '/' + p)), new WASIShim().getImportObject());
      root['wasi:cli/run@0.2.12'].run();
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stdout).toBe('hello from main\n');
  });
});

// fixtures/wasi-command (args, env, files through the command adapter): ours
// and jco's build of it must have the same WIT and imports, and behave alike.
describe.skipIf(unavailable)('wasi-command fixture + command adapter: ours vs jco', () => {
  it('same WIT, same imports, same output', async () => {
    const { resolveSource } = await import('@wit-ts/wit-parser');
    const resolve = resolveSource('package a:b; world w {}', 'w.wit');
    const world = resolve.packages[resolve.main!].worlds.get('w')!;
    const core = readFileSync(join(fixturesDir, 'build', 'wasi-command.core.wasm'));
    const adapter = readFileSync(wasiCommandAdapterPath);
    const ours = componentNew(embedComponentType(core, resolve, world), {
      adapters: [{ name: 'wasi_snapshot_preview1', bytes: adapter }],
    });
    const theirs = await jcoNew(
      await componentEmbed({ binary: core, witSource: 'package a:b; world w {}', world: 'w' }),
      [['wasi_snapshot_preview1', adapter]],
    );
    expect(validateComponent(decodeComponent(ours))).toEqual([]);
    expect(await componentWit(ours)).toBe(await componentWit(theirs));
    expect(importShapes(ours)).toEqual(importShapes(theirs));
    const run = async (component: Uint8Array, tag: string) => {
      const dir = join(helloDir, tag);
      await jcoTranspileTo(component, 'cmd', dir);
      const script = `
        import { readFile } from 'node:fs/promises';
        const { WASIShim } = await import(${JSON.stringify(shimInstantiationUrl)});
        const { instantiate } = await import(${JSON.stringify(pathToFileURL(join(dir, 'cmd.js')).href)});
        const root = await instantiate(async (p) => WebAssembly.compile(await readFile(${JSON.stringify(dir)} + '/' + p)), new WASIShim().getImportObject());
        const run = Object.entries(root).find(([k]) => k.startsWith('wasi:cli/run@'))[1];
        run.run();
      `;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, GREETING: 'grüezi' },
      });
      return {
        status: child.status,
        stdout: child.stdout,
        stderr: child.stderr.replace(/\/[^\s]*\/(ours|jco)\//g, '<dir>/'),
      };
    };
    const a = await run(ours, 'ours');
    const b = await run(theirs, 'jco');
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });
});
