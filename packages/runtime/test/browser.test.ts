// The runtime in a real browser: bundles the runtime's browser entry with
// esbuild (platform 'browser'; any Node built-in in the bundle fails the
// test), serves it with a component from a loopback node:http server, drives
// Debian's headless Chromium with playwright-core, makes the same calls in
// the page and in Node (test/browser/calls.ts) and compares the results.
// Chromium is installed with apt-get when missing and we are root; the test
// is skipped (with the reason) when it cannot be had.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Metafile, type Plugin } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { instantiate } from '@wit-ts/runtime';
import { wat } from './helpers.js';
import { BROWSER_COMPONENT } from './browser/component.js';
import { runGreeterCalls } from './browser/greeter-calls.js';
import { buildGreeterComponent } from './browser/greeter-component.js';
import { runCalls, type CallResults } from './browser/calls.js';

const CHROMIUM = '/usr/bin/chromium';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const src = (pkg: string) => here(`../../${pkg}/src/index.ts`);

/** Installs Debian's chromium when missing (root only); returns why not, or undefined when present. */
function ensureChromium(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.platform !== 'linux' || process.getuid?.() !== 0)
    return `${CHROMIUM} is missing and we are not root on Linux (install the Debian package "chromium")`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) =>
    spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: 480_000, maxBuffer: 64 * 1024 * 1024 });
  const update = run(['update']);
  const install = update.status === 0 ? run(['install', '-y', 'chromium']) : update;
  if (install.status === 0 && existsSync(CHROMIUM)) return undefined;
  const tail = `${install.stderr ?? ''}${install.error ? String(install.error) : ''}`
    .trim()
    .split('\n')
    .slice(-3)
    .join(' | ');
  return `apt-get install chromium failed (exit ${install.status}): ${tail}`;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const STUB_NS = 'node-builtin-stub';

/**
 * Resolves every Node built-in to an empty CommonJS stub (in its own
 * namespace) instead of failing at the first one, so the test can list all
 * of them with the import chain that pulled each in, and still see whether
 * the rest of the runtime works in the page.
 */
const stubNodeBuiltins: Plugin = {
  name: 'stub-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_][\w/]*$/ }, (args) =>
      NODE_BUILTINS.has(args.path) ? { path: args.path, namespace: STUB_NS } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: STUB_NS }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** Each Node built-in in the bundle, as `entry → … → importer → node:x`. */
function nodeBuiltinChains(meta: Metafile): string[] {
  const parent = new Map<string, string>();
  for (const [file, input] of Object.entries(meta.inputs))
    for (const imp of input.imports) if (!parent.has(imp.path)) parent.set(imp.path, file);
  const chains: string[] = [];
  for (const file of Object.keys(meta.inputs)) {
    const builtin = file.startsWith(`${STUB_NS}:`)
      ? file.slice(STUB_NS.length + 1)
      : file.startsWith('node:')
        ? file
        : undefined;
    if (builtin === undefined) continue;
    const chain = [builtin];
    for (let f = parent.get(file); f !== undefined && chain.length < 30; f = parent.get(f)) chain.unshift(f);
    chains.push(chain.join(' → '));
  }
  for (const out of Object.values(meta.outputs))
    for (const imp of out.imports) if (NODE_BUILTINS.has(imp.path)) chains.push(`${imp.path} (external)`);
  return chains;
}

describe('runtime in headless Chromium', () => {
  let skipReason: string | undefined;
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;

  beforeAll(() => {
    skipReason = ensureChromium();
    if (skipReason) console.warn(`[browser] skipping: ${skipReason}`);
  }, 600_000); // a first apt-get install may take minutes; the test itself is bounded below

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('bundles without Node built-ins and gives the same results as Node (string, record, list, enum, variant, resource, import)', async (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    const t0 = Date.now();

    // 1. The page bundle: the runtime's browser entry (sources, as the other tests use).
    const bundle = await build({
      entryPoints: [here('./browser/entry.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [stubNodeBuiltins],
      alias: {
        '@wit-ts/runtime': src('runtime'),
        '@wit-ts/abi': src('abi'),
        '@wit-ts/component': src('component'),
        '@wit-ts/wit-parser': src('wit-parser'),
      },
    });
    // Soft: a Node built-in fails the test, but the page part still runs (on
    // empty stubs) so one run says everything that is wrong.
    const builtins = nodeBuiltinChains(bundle.metafile);
    if (builtins.length) console.warn(`[browser] Node built-ins in the browser bundle:\n  ${builtins.join('\n  ')}`);
    expect.soft(builtins, 'Node built-ins in the browser bundle (import chains)').toEqual([]);
    const runtimeInputs = Object.keys(bundle.metafile.inputs).filter((f) => f.includes('packages/runtime/src/'));
    expect(runtimeInputs.length).toBeGreaterThan(5);
    expect(runtimeInputs.some((f) => f.includes('/src/node/'))).toBe(false);
    const js = bundle.outputFiles[0]!.contents;

    // 2. The component, and the same calls in Node.
    const bytes = await wat(BROWSER_COMPONENT);
    const inNode = await runCalls(
      (b, imports) => instantiate(b, imports as never) as Promise<Record<string, unknown>>,
      bytes,
    );

    // The C guest fixture, built from source and wrapped by our own embed + new.
    const greeter = buildGreeterComponent();
    const greeterInNode =
      greeter === undefined
        ? undefined
        : await runGreeterCalls(
            (b, imports) => instantiate(b, imports as never) as Promise<Record<string, unknown>>,
            greeter,
          );

    // 3. A loopback server for the page, the bundle and the components.
    const files: Record<string, { type: string; body: Uint8Array | string }> = {
      '/': { type: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>wit-ts</title>' },
      '/runtime.js': { type: 'text/javascript; charset=utf-8', body: js },
      '/component.wasm': { type: 'application/wasm', body: bytes },
      ...(greeter === undefined ? {} : { '/greeter.wasm': { type: 'application/wasm', body: greeter } }),
    };
    server = createServer((req, res) => {
      const f = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': f.type, 'cache-control': 'no-store' }).end(f.body);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as { port: number };
    const origin = `http://127.0.0.1:${port}`;

    // 4. Headless Chromium with a new empty profile.
    userDataDir = mkdtempSync(join(tmpdir(), 'wit-ts-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.setDefaultTimeout(20_000);
    await page.goto(`${origin}/`);
    await page.addScriptTag({ url: `${origin}/runtime.js`, type: 'module' });
    await page.waitForFunction('typeof globalThis.witTsBrowserTest === "object"');
    const userAgent = await page.evaluate('navigator.userAgent');
    expect(String(userAgent)).toContain('Chrome');
    expect(await page.evaluate('globalThis.witTsBrowserTest.hasProcess')).toBe(false);
    const inPage = (await page.evaluate(
      `globalThis.witTsBrowserTest.run(${JSON.stringify(`${origin}/component.wasm`)})`,
    )) as CallResults;
    expect(pageErrors).toEqual([]);

    // 5. Same results in the browser and in Node — and they are the right ones.
    expect(inPage).toEqual(inNode);
    expect(inNode).toMatchObject({
      exportNames: ['api', 'test:browser/api'],
      reverseAscii: '!tnenopmoc ,olleH',
      reverseUnicode: 'héllo wörld 🌍',
      reverseLong: { length: 21_000 },
      reverseEmpty: '',
      sum: 9,
      sumTyped: 3 * ((999 * 1000) / 2),
      scale: { x: 6, y: -9 },
      bumpNum: { tag: 'num', val: 42 },
      bumpNone: { tag: 'none' },
      nextColor: ['green', 'blue', 'red'],
      counter: [41, 42, 10, 42],
      counterIsInstance: true,
      callHostN: 5050,
      hostCalls: 100,
    });
    if (greeterInNode === undefined) {
      console.warn('[browser] the C greeter fixture did not build (toolchain missing): only the WAT component ran');
    } else {
      const greeterInPage = await page.evaluate(
        `globalThis.witTsBrowserTest.runGreeter(${JSON.stringify(`${origin}/greeter.wasm`)})`,
      );
      expect(pageErrors).toEqual([]);
      expect(greeterInPage).toEqual(greeterInNode);
      expect(greeterInNode).toMatchObject({
        greet: 'Hej, wörld 🌍!',
        sum: '-4',
        words: ['the', 'quick', 'brown', 'fox'],
        parsed: -1234,
        counter: [42, 'visits'],
      });
      expect(greeterInNode.logs.length).toBeGreaterThanOrEqual(2);
    }
    expect(inNode.errors[0]).toBe('TypeError');
    expect(inNode.errors[1]).toBe('TypeError');
    expect(inNode.errors[2]).not.toBe('no error');
    expect(inNode.errors[3]).not.toBe('no error');
    console.log(
      `[browser] ${String(userAgent).match(/Chrome\/[\d.]+/)?.[0]}: ${Object.keys(inPage).length} results match Node; bundle ${(js.length / 1024).toFixed(0)} KiB, ${Object.keys(bundle.metafile.inputs).length} inputs, ${builtins.length} Node built-ins; C greeter fixture ${greeterInNode === undefined ? 'not built' : 'matches Node'} (${Date.now() - t0} ms)`,
    );
  }, 60_000);
});
