// End to end on the host side: bindings generated for the js-guest fixture's
// world, a typed host program written against them (type-checked with
// tsc --strict together with the bindings), then run on @wit-ts/runtime with
// the real component (fixtures/build/js-guest.component.wasm).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePath } from '@wit-ts/wit-parser';
import { generateHost, selectWorld } from '../src/index.js';
import { typecheck } from './corpus.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const WIT = here('../../../fixtures/js-guest/wit');
const COMPONENT = here('../../../fixtures/build/js-guest.component.wasm');

const USAGE = `// A host program written against the generated bindings.
import { instantiate, ComponentError, type JsGuestImports } from './js-guest.js';
import type * as Api from './exports/fixtures-js-guest-api.js';
import type * as Host from './interfaces/fixtures-js-guest-host.js';

export async function run(bytes: Uint8Array) {
  const hostLogs: string[] = [];
  const imports: JsGuestImports = {
    'fixtures:js-guest/host@0.1.0': {
      log(level: Host.Level, msg: string): number {
        hostLogs.push(level + ':' + msg);
        return hostLogs.length;
      },
    },
  };
  const ex = await instantiate(bytes, imports);
  const greet: string = ex.api.greet('bindgen');
  const sum: bigint = ex.api.sum(new Int32Array([1, 2, 3]));
  const bytesBack: Uint8Array = ex.api.reverseBytes(new Uint8Array([1, 2, 3]));
  const shape: Api.Shape = ex['fixtures:js-guest/api@0.1.0'].scale({ tag: 'circle', val: 2 }, 3);
  const perms: Api.Perms = ex.api.toggle({ read: true }, { write: true });
  const found: number | undefined = ex.api.find(['a', 'b'], 'b');
  const missing: number | undefined = ex.api.find(['a'], 'z');
  const person: Api.Person = ex.api.birthday({ name: 'n', age: 1, tags: [] });
  let error: unknown;
  try {
    ex.api.parseU16('x');
  } catch (e) {
    error = e;
  }
  const parsed: number = ex.api.parseU16('42');
  const counter = new ex.api.Counter('c', 1);
  const incremented: number = counter.increment(2);
  const merged: Api.Counter = ex.api.Counter.merge(counter, counter);
  const mergedLabel: string = merged.label();
  merged[Symbol.dispose]();
  counter[Symbol.dispose]();
  const version: string = ex.version();
  const seqs: Uint32Array = ex.api.logMany(['m1', 'm2']);
  const halves: Float64Array = ex.api.halveAll(new Float64Array([2, 4]));
  const lookedUp: { tag: 'some'; val: string | undefined } | { tag: 'none' } = ex.api.lookup('nope');
  // Three option levels: plain, tagged, plain (the runtime's convention).
  const o3: { tag: 'some'; val: number | undefined } | { tag: 'none' } | undefined = ex.api.echoOpt3({ tag: 'some', val: undefined });
  const o3b = ex.api.echoOpt3({ tag: 'some', val: 7 });
  const o3c = ex.api.echoOpt3(undefined);
  const o3d = ex.api.echoOpt3({ tag: 'none' });
  return {
    greet, sum, bytesBack: [...bytesBack], shape, perms, found, missing, person, parsed, incremented, mergedLabel, version,
    seqs: [...seqs], hostLogs, lookedUp, o3: [o3, o3b, o3c, o3d],
    typedArrays: seqs instanceof Uint32Array && halves instanceof Float64Array && [...halves].join() === '1,2',
    errorIsComponentError: error instanceof ComponentError,
    payload: error instanceof ComponentError ? error.payload : undefined,
  };
}
`;

describe('host bindings end to end (js-guest fixture)', () => {
  const dir = mkdtempSync(join(here('.'), '.e2e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generated bindings + a typed host program pass tsc --strict and run on @wit-ts/runtime', async () => {
    const resolve = resolvePath(WIT);
    const files = await generateHost(resolve, selectWorld(resolve, 'js-guest'));
    expect(files.map((f) => f.path).sort()).toEqual([
      'exports/fixtures-js-guest-api.d.ts',
      'interfaces/fixtures-js-guest-host.d.ts',
      'js-guest.ts',
    ]);
    const all = [...files, { path: 'usage.ts', contents: USAGE }];
    const res = typecheck(new Map([['e2e', all]]));
    expect([...res.errors].map(([f, m]) => `${f}: ${m.join('; ')}`)).toEqual([]);

    if (!existsSync(COMPONENT)) return; // built by fixtures/build.mjs (fixtures tests)
    for (const f of all) {
      const p = join(dir, f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.contents);
    }
    const usage = (await import(pathToFileURL(join(dir, 'usage.ts')).href)) as {
      run(b: Uint8Array): Promise<Record<string, unknown>>;
    };
    const out = await usage.run(new Uint8Array(readFileSync(COMPONENT)));
    expect(out.greet).toContain('bindgen');
    expect(out.sum).toBe(6n);
    expect(out.bytesBack).toEqual([3, 2, 1]);
    expect(out.found).toBe(1);
    expect(out.missing).toBeUndefined();
    expect((out.person as { age: number }).age).toBe(2);
    expect(out.parsed).toBe(42);
    expect(out.incremented).toBe(3);
    expect(typeof out.mergedLabel).toBe('string');
    expect(typeof out.version).toBe('string');
    expect(out.errorIsComponentError).toBe(true);
    expect(out.payload).toHaveProperty('tag');
    expect(out.perms).toEqual(expect.objectContaining({ read: true, write: true }));
    expect((out.hostLogs as string[]).length).toBeGreaterThan(0);
    expect(out.typedArrays).toBe(true);
    expect(out.lookedUp).toHaveProperty('tag');
    expect(out.o3).toEqual([{ tag: 'some', val: undefined }, { tag: 'some', val: 7 }, undefined, { tag: 'none' }]);
    console.log(
      `[bindgen-ts] e2e: js-guest host bindings type-check and run (${JSON.stringify(out, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)).slice(0, 300)}…)`,
    );
  });
});
