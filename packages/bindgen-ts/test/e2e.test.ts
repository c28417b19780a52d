// End to end with the js-guest fixture (fixtures/js-guest: src/guest.js, a
// componentize-js guest, built to fixtures/build/js-guest.component.wasm):
//
// - guest side: our generateGuest declarations for world js-guest; the guest
//   module (src/guest.js, checkJs) is type-checked against them, importing its
//   host interface from the generated ambient module and asserting that its
//   exports satisfy the world module's exports. Mutated copies (a wrong return
//   type, a missing function) must fail that check.
// - host side: our generateHost bindings plus a typed host program written
//   against them (tsc --strict), run on @wit-ts/runtime with the real
//   component; the same calls (its exercise() function) are made on the jco
//   `transpile` of the same bytes and must give identical results and the same
//   host `log` calls.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePath } from '@wit-ts/wit-parser';
import { generateGuest, generateHost, selectWorld, type GeneratedFile } from '../src/index.js';
import { jcoTranspile } from '../../../fixtures/test/support/jco.js';
import { show } from '../../../fixtures/test/support/show.js';
import { typecheck } from './corpus.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const WIT = here('../../../fixtures/js-guest/wit');
const GUEST_JS = here('../../../fixtures/js-guest/src/guest.js');
const COMPONENT = here('../../../fixtures/build/js-guest.component.wasm');

const USAGE = `// A host program written against the generated bindings.
import { instantiate, ComponentError, type JsGuestExports, type JsGuestImports } from './js-guest.js';
import type * as Api from './exports/fixtures-js-guest-api.js';
import type * as Host from './interfaces/fixtures-js-guest-host.js';

export function hostImports(hostLogs: string[]): JsGuestImports {
  return {
    'fixtures:js-guest/host@0.1.0': {
      log(level: Host.Level, msg: string): number {
        hostLogs.push(level + ':' + msg);
        return 100 + hostLogs.length;
      },
    },
  };
}

/** A result-returning call: its ok value, or the err payload it threw. */
export type Outcome<T> = { ok: T } | { err: unknown; componentError: boolean };
function attempt<T>(f: () => T, isComponentError: (e: unknown) => boolean): Outcome<T> {
  try {
    return { ok: f() };
  } catch (e) {
    return { err: (e as { payload?: unknown }).payload, componentError: isComponentError(e) };
  }
}

/** The calls; run on our engine (run()) and on jco's transpile (by the test). */
export function exercise(ex: JsGuestExports, isComponentError: (e: unknown) => boolean) {
  const api = ex.api;
  // strings
  const greet: string = api.greet('bindgen');
  const reversed: string = ex['fixtures:js-guest/api@0.1.0'].reverse('añb🎉');
  const charInfo: [number, string] = api.charInfo('ß');
  // lists
  const sum: bigint = api.sum(new Int32Array([1, 2, 3, 4]));
  const bytesBack: Uint8Array = api.reverseBytes(new Uint8Array([1, 2, 3]));
  const halves: Float64Array = api.halveAll(new Float64Array([2, 4, -1]));
  const words: string[] = api.splitWords('  one two\\tthree ');
  const tally: Array<[string, number]> = api.tally(['a', 'b', 'a']);
  const nested: Uint16Array[] = api.nested(3);
  // records
  const person: Api.Person = { name: 'Ada', age: 36, email: 'ada@example.org', tags: ['math'] };
  const described: string = api.describe(person);
  const older: Api.Person = api.birthday({ name: 'n', age: 1, tags: [] });
  const oldest: Api.Person | undefined = api.oldest([person, { ...person, name: 'Old', age: 90 }]);
  const noOldest = api.oldest([]);
  const box: [Api.Point, Api.Point] | undefined = api.boundingBox([{ x: 1, y: -2 }, { x: -3, y: 4 }]);
  // variants, enum, flags
  const area: number = api.area({ tag: 'rect', val: { x: 3, y: 4 } });
  const shapes: Api.Shape[] = [
    api.scale({ tag: 'circle', val: 2 }, 3),
    api.scale({ tag: 'polygon', val: [{ x: 1, y: 2 }] }, -1),
    api.scale({ tag: 'empty' }, 5),
  ];
  const color: Api.Color = api.nextColor('blue');
  const perms: Api.Perms = api.toggle({ read: true }, { write: true, read: true });
  // option
  const found: number | undefined = api.find(['a', 'b'], 'b');
  const missing: number | undefined = api.find(['a'], 'z');
  const lookedUp: Array<{ tag: 'some'; val: string | undefined } | { tag: 'none' }> = [
    api.lookup('present'),
    api.lookup('null'),
    api.lookup('nope'),
  ];
  const describedOpt: string[] = [api.describeOpt({ tag: 'some', val: 'x' }), api.describeOpt({ tag: 'none' })];
  // Three option levels: plain, tagged, plain (the runtime's convention).
  const o3: Array<{ tag: 'some'; val: number | undefined } | { tag: 'none' } | undefined> = [
    api.echoOpt3({ tag: 'some', val: undefined }),
    api.echoOpt3({ tag: 'some', val: 7 }),
    api.echoOpt3(undefined),
    api.echoOpt3({ tag: 'none' }),
  ];
  // result
  const parsed: Array<Outcome<number>> = ['42', '', '4x', '70000'].map((s) =>
    attempt(() => api.parseU16(s), isComponentError),
  );
  const checked: Array<Outcome<void>> = [true, false].map((b) => attempt(() => api.check(b), isComponentError));
  const divided: Array<Outcome<bigint>> = [
    attempt(() => api.checkedDiv(7n, 2n), isComponentError),
    attempt(() => api.checkedDiv(1n, 0n), isComponentError),
  ];
  const numbers: [bigint, number, number, boolean] = api.numbers(2n ** 62n, -128, 1.5);
  // the host import
  const seqs: Uint32Array = api.logMany(['m1', 'm2', 'm3']);
  // a resource
  const counter = new api.Counter('c', 1);
  const incremented: number = counter.increment(2);
  const other = new ex.api.Counter('d', 10);
  const absorbed: number = counter.absorb(other);
  const merged: Api.Counter = api.Counter.merge(counter, other);
  const mergedLabel: string = merged.label();
  const snapshot: [string, number] = merged.snapshot();
  const liveBefore: number = api.Counter.live();
  const consumed: number = api.Counter.consume(merged);
  const liveAfter: number = api.Counter.live();
  // Counters created before another counter's own handle moved into the
  // guest keep working (the guest gets back the handle index it created).
  const a = new api.Counter('a', 1);
  const b = new api.Counter('b', 2);
  const consumedB: number = api.Counter.consume(b);
  const afterConsume: [string, number, string] = [a.label(), a.increment(1), counter.label()];
  a[Symbol.dispose]();
  const many: Api.Counter[] = api.makeCounters(['x', 'y', 'z']);
  const total: number = api.total([...many, many[0]]);
  const maybe: Api.Counter | undefined = api.maybeCounter('m');
  const maybeNot: Api.Counter | undefined = api.maybeCounter(undefined);
  const resource = {
    incremented, absorbed, mergedLabel, snapshot, liveBefore, consumed, liveAfter, consumedB, afterConsume,
    manyLabels: many.map((c) => c.label()), total, maybe: maybe?.snapshot(), maybeNot,
  };
  maybe?.[Symbol.dispose]();
  other[Symbol.dispose]();
  counter[Symbol.dispose]();
  const version: string = ex.version();
  return {
    strings: { greet, reversed, charInfo },
    lists: { sum, bytesBack, halves, words, tally, nested },
    records: { described, older, oldest, noOldest, box },
    variants: { area, shapes, color, perms },
    options: { found, missing, lookedUp, describedOpt, o3 },
    results: { parsed, checked, divided, numbers },
    hostImport: { seqs },
    resource,
    version,
  };
}

export async function run(bytes: Uint8Array, hostLogs: string[]) {
  const ex = await instantiate(bytes, hostImports(hostLogs));
  return exercise(ex, (e) => e instanceof ComponentError);
}
`;

// The guest module must satisfy the world's exports; its import of the host
// interface resolves to the generated ambient module. The guest is plain,
// unannotated JavaScript: to check parameter and tuple types rather than
// checkJs' loose inference, the test's copy of guest.js gets one JSDoc
// \`@satisfies\` on the \`api\` object (see instrument()), which contextually
// types every function from the generated module; the resource class (not
// contextually typable) is checked member by member here.
const GUEST_CHECK = `import * as guest from './guest.js';
import type * as World from 'fixtures:js-guest/js-guest@0.1.0';
import type * as Api from 'fixtures:js-guest/api@0.1.0';

// componentize-js: a thrown error's \`payload\` is the err value (guest.js sets it).
declare global {
  interface Error {
    payload?: unknown;
  }
}

type C = typeof Api.Counter;
export const version: typeof World.version = guest.version;
export const counterNew: new (...args: ConstructorParameters<C>) => unknown = guest.api.Counter;
export const increment: Api.Counter['increment'] = guest.api.Counter.prototype.increment;
export const label: Api.Counter['label'] = guest.api.Counter.prototype.label;
export const snapshot: Api.Counter['snapshot'] = guest.api.Counter.prototype.snapshot;
export const absorb: Api.Counter['absorb'] = guest.api.Counter.prototype.absorb;
export const merge: C['merge'] = guest.api.Counter.merge;
export const consume: C['consume'] = guest.api.Counter.consume;
export const live: C['live'] = guest.api.Counter.live;
// Every export of the interface is there (\`@satisfies\` elaborates to the
// mismatching members and can then leave out a missing one).
type Missing = Exclude<keyof typeof Api, keyof typeof guest.api>;
export const complete: [Missing] extends [never] ? true : Missing = true;
`;

/** Adds the \`@satisfies\` annotation to a copy of guest.js (the fixture itself is unchanged). */
function instrument(source: string): string {
  const open = 'export const api = {';
  const close = '\n};\n\nexport function version';
  expect(source).toContain(open);
  expect(source).toContain(close);
  return source
    .replace(
      open,
      "export const api = /** @satisfies {Omit<typeof import('fixtures:js-guest/api@0.1.0'), 'Counter'>} */ ({",
    )
    .replace(close, '\n});\n\nexport function version');
}

// Unannotated JS: parameters without a contextual type are `any` (not an error).
const GUEST_OPTIONS: ts.CompilerOptions = { allowJs: true, checkJs: true, noImplicitAny: false };

function guestCheck(guest: GeneratedFile[], guestJs: string): string[] {
  const res = typecheck(
    new Map([
      [
        'g',
        [
          ...guest,
          { path: 'guest.js', contents: instrument(guestJs) },
          { path: 'guest.d-check.ts', contents: GUEST_CHECK },
        ],
      ],
    ]),
    GUEST_OPTIONS,
  );
  // One entry per diagnostic: `file line:col first line of the message`.
  return [...res.errors].flatMap(([f, m]) => m.map((d) => `${f.slice(f.lastIndexOf('/g/') + 3)} ${d.split('\n')[0]}`));
}

describe('end to end (js-guest fixture)', () => {
  const dir = mkdtempSync(join(here('.'), '.e2e-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const resolve = resolvePath(WIT);
  const worldId = selectWorld(resolve, 'js-guest');

  it('the JS guest (checkJs) conforms to our generated guest types; mutations do not', async () => {
    const guest = await generateGuest(resolve, worldId);
    expect(guest.map((f) => f.path).sort()).toEqual([
      'interfaces/fixtures-js-guest-api.d.ts',
      'interfaces/fixtures-js-guest-host.d.ts',
      'js-guest.d.ts',
    ]);
    const source = readFileSync(GUEST_JS, 'utf8');
    const baseline = guestCheck(guest, source);
    // Pinned: where the unannotated guest.js does not meet the generated types
    // under checkJs. Each is a type-level difference only (componentize-js
    // accepts the values at run time; the run-time results are compared in the
    // host test below):
    // - charInfo: codePointAt() is `number | undefined`;
    // - nextColor: an object-literal lookup widens to `string`, not `Color`;
    // - logMany: returns `number[]` where the guest types say `Uint32Array`
    //   (list<u32>; jco guest-types say the same; componentize-js also lowers
    //   a plain array);
    // - Counter: checkJs infers `any[]` for `snapshot()`'s array literal (a
    //   class body is not contextually typed), which also fails the functions
    //   returning counters and merge; `total` calls `value()`, a guest-internal
    //   method not in WIT, on a `borrow<counter>` (typed as the WIT class).
    const KNOWN = [
      /^guest\.d-check\.ts 17:14 Type '\(\) => any\[\]' is not assignable to type '\(\) => \[string, number\]'/,
      /^guest\.d-check\.ts 19:14 Type '\(a: any, b: any\) => Counter' is not assignable/,
      /^guest\.js 102:3 Type '\(c: string\) => \[number \| undefined, string\]'/,
      /^guest\.js 104:22 'cp' is possibly 'undefined'/,
      /^guest\.js 167:3 Type '\(c: Color\) => string' is not assignable to type '\(c: Color\) => Color'/,
      /^guest\.js 215:3 Type '\(msgs: string\[\]\) => number\[\]' is not assignable .*Uint32Array/,
      /^guest\.js 219:3 Type '\(labels: string\[\]\) => Counter\[\]' is not assignable/,
      /^guest\.js 224:36 Property 'value' does not exist on type 'Counter'/,
      /^guest\.js 227:3 Type '\(label: string \| undefined\) => Counter \| undefined' is not assignable/,
    ];
    expect(baseline.length, baseline.join('\n')).toBe(KNOWN.length);
    baseline.forEach((d, i) => expect(d).toMatch(KNOWN[i]));
    /** The diagnostics a mutation adds (line numbers are unchanged by the one-line mutations). */
    const added = (mutated: string) => {
      const out = guestCheck(guest, mutated);
      return out.filter((d) => !baseline.includes(d)).join('\n');
    };

    // A wrong return type (string -> number).
    const greet = 'return `Hallå, ${name}!`;';
    expect(source).toContain(greet);
    expect(added(source.replace(greet, 'return name.length;'))).toMatch(
      /^guest\.js 96:3 Type '\(name: string\) => number' is not assignable to type '\(name: string\) => string'/,
    );
    // A wrong parameter use (a record field that does not exist).
    expect(added(source.replace('return `${p.name} (${p.age})', 'return `${p.nom} (${p.age})'))).toMatch(
      /Property 'nom' does not exist on type 'Person'/,
    );
    // A missing export (renamed function).
    expect(added(source.replace('  halveAll(xs) {', '  halveEvery(xs) {'))).toMatch(
      /^guest\.d-check\.ts 25:14 Type 'true' is not assignable to type '"halveAll"'/,
    );
    // A wrong use of an import (not a `level`).
    expect(added(source.replace("log('debug', `counter", "log('trace', `counter"))).toMatch(
      /^guest\.js \d+:\d+ Argument of type '"trace"' is not assignable to parameter of type 'Level'/,
    );
    // A wrong resource method and a wrong world-level export.
    expect(added(source.replace('  label() {\n    return this.#label;', '  label() {\n    return 1;'))).toMatch(
      /^guest\.d-check\.ts 16:14 Type '\(\) => number' is not assignable to type '\(\) => string'/,
    );
    expect(added(source.replace("return 'js-guest 0.1.0 (componentize-js)';", 'return 1;'))).toMatch(
      /^guest\.d-check\.ts 13:14 Type '\(\) => number' is not assignable to type '\(\) => string'/,
    );
  });

  it('generated host bindings + a typed host program pass tsc --strict, run on @wit-ts/runtime, and match jco', async () => {
    const files = await generateHost(resolve, worldId);
    expect(files.map((f) => f.path).sort()).toEqual([
      'exports/fixtures-js-guest-api.d.ts',
      'interfaces/fixtures-js-guest-host.d.ts',
      'js-guest.ts',
    ]);
    const all = [...files, { path: 'usage.ts', contents: USAGE }];
    const res = typecheck(new Map([['e2e', all]]));
    expect([...res.errors].map(([f, m]) => `${f}: ${m.join('; ')}`)).toEqual([]);

    if (!existsSync(COMPONENT)) return; // built by fixtures/js-guest/build.mjs (fixtures tests)
    for (const f of all) {
      const p = join(dir, f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.contents);
    }
    type Usage = {
      run(b: Uint8Array, logs: string[]): Promise<Record<string, Record<string, unknown>>>;
      exercise(ex: unknown, isComponentError: (e: unknown) => boolean): Record<string, Record<string, unknown>>;
      hostImports(logs: string[]): Record<string, unknown>;
    };
    const usage = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'usage.ts')).href)) as Usage;
    const bytes = new Uint8Array(readFileSync(COMPONENT));
    const oursLogs: string[] = [];
    const ours = await usage.run(bytes, oursLogs);

    // Spot checks of our engine's results.
    expect(ours.strings.greet).toBe('Hallå, bindgen!');
    expect(ours.lists.sum).toBe(10n);
    expect(ours.lists.bytesBack).toEqual(new Uint8Array([3, 2, 1]));
    expect(ours.lists.halves).toBeInstanceOf(Float64Array);
    expect((ours.records.older as { age: number }).age).toBe(2);
    expect(ours.variants.color).toBe('red');
    expect(ours.variants.perms).toEqual(expect.objectContaining({ read: false, write: true }));
    expect(ours.options.o3).toEqual([
      { tag: 'some', val: undefined },
      { tag: 'some', val: 7 },
      undefined,
      { tag: 'none' },
    ]);
    expect(ours.results.parsed).toEqual([
      { ok: 42 },
      { err: { tag: 'empty' }, componentError: true },
      { err: { tag: 'bad-char', val: 'x' }, componentError: true },
      { err: { tag: 'overflow', val: 70000n }, componentError: true },
    ]);
    expect(ours.hostImport.seqs).toBeInstanceOf(Uint32Array);
    expect(ours.resource.mergedLabel).toBe('c+d');
    expect(ours.resource.afterConsume).toEqual(['a', 2, 'c']);
    expect(ours.version).toBe('js-guest 0.1.0 (componentize-js)');
    expect(oursLogs.length).toBeGreaterThan(3);

    // The same calls on jco's transpile of the same component.
    const { dir: jcoDir, module: jcoMod } = await jcoTranspile<{
      instantiate(
        getCoreModule: (path: string) => Promise<unknown>,
        imports: Record<string, unknown>,
      ): Promise<unknown>;
    }>(bytes, 'js-guest', 'bindgen-ts-e2e-jco-');
    const wasm = (globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<unknown> } }).WebAssembly;
    const jcoLogs: string[] = [];
    const host = usage.hostImports(jcoLogs)['fixtures:js-guest/host@0.1.0'];
    // jco looks interfaces up without the version.
    const jcoRoot = await jcoMod.instantiate(async (p) => wasm.compile(readFileSync(join(jcoDir, p))), {
      'fixtures:js-guest/host': host,
    });
    const jco = usage.exercise(
      jcoRoot,
      (e) => e !== null && typeof e === 'object' && e.constructor.name === 'ComponentError',
    );

    for (const group of Object.keys(ours)) {
      const o = ours[group];
      const j = jco[group];
      if (typeof o !== 'object' || o === null) {
        expect(show(o), group).toBe(show(j));
        continue;
      }
      for (const k of Object.keys(o)) expect(show(o[k]), `${group}.${k}`).toBe(show(j[k]));
      expect(Object.keys(o).sort(), group).toEqual(Object.keys(j).sort());
    }
    expect(show(ours)).toBe(show(jco));
    expect(oursLogs).toEqual(jcoLogs);

    console.log(
      `[bindgen-ts] e2e: js-guest host bindings type-check, run on @wit-ts/runtime and match jco (${Object.keys(ours).length} groups, ${show(ours).length} chars of results, ${oursLogs.length} host log calls)`,
    );
  });
});
