// The `deps/` hook: wit-parser's resolver reads wasm-encoded WIT packages
// through `@wit-ts/component`'s decoder. The wit-parser ui cases with wasm
// inputs must resolve to exactly wasm-tools' JSON; `.wat` is turned into
// `.wasm` with jco in a temporary copy (we have no text assembler yet).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { escapeName, printPackage, resolvePath, toWasmToolsJson, WitError } from '@wit-ts/wit-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWitPackage, resolvePathWithBinaries, tryResolvePathWithBinaries } from '../src/index.js';
import { INTERFACES, read, trimLines, witComponentCases } from './wit-support.js';
import { CORPUS } from '../../../test-support/shared.js';

const UI = `${CORPUS}/wit-parser-ui`;
const tmp = mkdtempSync(join(tmpdir(), 'wit-deps-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Copies `src` into the temp dir with every `.wat` assembled to `.wasm` by jco. */
async function copyWithWasm(src: string, name: string): Promise<string> {
  const dst = join(tmp, name);
  cpSync(src, dst, { recursive: true });
  const walk = async (dir: string): Promise<void> => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.wat')) {
        writeFileSync(p.replace(/\.wat$/, '.wasm'), await parse(readFileSync(p, 'utf8')));
        rmSync(p);
      }
    }
  };
  await walk(dst);
  return dst;
}

const expectedJson = (name: string) => JSON.parse(readFileSync(join(UI, `${name}.wit.json`), 'utf8'));

describe('resolvePathWithBinaries', () => {
  it('kinds-of-deps: deps/d.wat (assembled) and deps/e.wasm merge like wasm-tools', async () => {
    const dir = await copyWithWasm(join(UI, 'kinds-of-deps'), 'kinds-of-deps');
    const resolve = resolvePathWithBinaries(dir, { features: ['active'] });
    expect(toWasmToolsJson(resolve)).toEqual(expectedJson('kinds-of-deps'));
  });

  it('simple-wasm-text: a top-level wasm package (assembled from .wat)', async () => {
    const dir = join(tmp, 'top');
    cpSync(join(UI, 'simple-wasm-text.wat'), join(dir, 'simple-wasm-text.wat'), { recursive: true });
    const wasm = join(dir, 'simple-wasm-text.wasm');
    writeFileSync(wasm, await parse(read(join(UI, 'simple-wasm-text.wat'))));
    const resolve = resolvePathWithBinaries(wasm, { features: ['active'] });
    expect(toWasmToolsJson(resolve)).toEqual(expectedJson('simple-wasm-text'));
  });

  it('keeps `.wat` as a clear "not yet supported" error', () => {
    const r = tryResolvePathWithBinaries(join(UI, 'kinds-of-deps'));
    expect(r.resolve).toBeUndefined();
    expect(r.rendered).toContain('not yet supported: .wat needs a text assembler');
    expect(r.rendered).toContain('failed to parse dependency directory');
  });

  it('without the hook, wit-parser still rejects wasm inputs', () => {
    expect(() => resolvePath(join(UI, 'kinds-of-deps'))).toThrow(WitError);
    try {
      resolvePath(join(UI, 'kinds-of-deps'));
    } catch (e) {
      expect((e as WitError).rendered).toContain('not yet supported: wasm-encoded WIT packages in deps/');
    }
  });

  it('rejects an actual component given as a WIT package', () => {
    const p = join(tmp, 'not-a-package.wasm');
    writeFileSync(
      p,
      new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0x0a, 0x07, 0x01, 0x00, 0x01, 0x66, 0x01, 0x00, 0x00]),
    );
    const r = tryResolvePathWithBinaries(p);
    expect(r.resolve).toBeUndefined();
    expect(r.rendered).toMatch(/failed to decode wasm-encoded WIT package|actual component|unknown type index/);
  });

  // Every wit-component case encoded by us, then read back as a `.wasm` path
  // and as a `deps/` entry of a small package using it.
  let topLevel = 0;
  let asDep = 0;
  const cases = witComponentCases();
  for (const c of cases) {
    it(`${c.name}: our .wasm resolves as a path and as a dependency`, () => {
      const resolve = resolvePath(c.input);
      const bytes = encodeWitPackage(resolve, resolve.main!);
      const wasm = join(tmp, `${c.name}.wasm`);
      writeFileSync(wasm, bytes);
      const back = resolvePathWithBinaries(wasm);
      expect(trimLines(printPackage(back, back.main!))).toBe(trimLines(read(c.print)));
      topLevel++;

      // A package depending on the decoded one: `use` its first interface, if any.
      const pkg = resolve.packages[resolve.main!];
      const first = [...pkg.interfaces.keys()][0];
      const dir = join(tmp, `dep-${c.name}`);
      cpSync(wasm, join(dir, 'deps', `${c.name}.wasm`), { recursive: true });
      const n = pkg.name;
      const id = `${escapeName(n.namespace)}:${escapeName(n.name)}${first === undefined ? '' : `/${escapeName(first)}`}${n.version === undefined ? '' : `@${n.version}`}`;
      const body = first === undefined ? 'world w {}' : `world w {\n  import ${id};\n}`;
      writeFileSync(join(dir, 'main.wit'), `package test:user;\n\n${body}\n`);
      const user = resolvePathWithBinaries(dir);
      expect(user.packages[user.main!].name.namespace).toBe('test');
      const dep = user.packageNames.get(`${n.namespace}:${n.name}${n.version === undefined ? '' : `@${n.version}`}`);
      expect(dep).toBeDefined();
      expect(trimLines(printPackage(user, dep!))).toBe(trimLines(read(c.print)));
      asDep++;
    });
  }
  afterAll(() =>
    console.log(
      `wit-deps: ${topLevel}/${cases.length} as a .wasm path, ${asDep}/${cases.length} in deps/ (corpus: ${INTERFACES})`,
    ),
  );
});

describe('several wasm packages sharing foreign packages', () => {
  it('WASI 0.2: every package as deps/*.wasm merges back to the same WIT', () => {
    const r = resolvePath(`${CORPUS}/wasi/0.2.12/wit`);
    const dir = join(tmp, 'wasi-all');
    // Each package of the resolve as its own binary (each carries partial
    // copies of the foreign packages it uses). The alternating `a-`/`z-`
    // prefixes make some partial copies arrive before the full package.
    for (let p = 0; p < r.packages.length; p++) {
      const n = r.packages[p].name;
      const file = `${p % 2 === 0 ? 'a' : 'z'}-${n.namespace}-${n.name}.wasm`;
      writeFileSync(join(tmp, file), encodeWitPackage(r, p));
      cpSync(join(tmp, file), join(dir, 'deps', file), { recursive: true });
    }
    writeFileSync(join(dir, 'main.wit'), 'package test:user;\n\nworld w {\n  include wasi:http/proxy@0.2.12;\n}\n');
    const merged = resolvePathWithBinaries(dir);
    for (let p = 0; p < r.packages.length; p++) {
      const key = `${r.packages[p].name.namespace}:${r.packages[p].name.name}@${r.packages[p].name.version}`;
      const q = merged.packageNames.get(key);
      expect(q, key).toBeDefined();
      expect(printPackage(merged, q!)).toBe(printPackage(r, p));
    }
    const direct = resolvePath(`${CORPUS}/wasi/0.2.12/wit`);
    expect(merged.packages[merged.main!].name.name).toBe('user');
    expect(direct.packages.length + 1).toBe(merged.packages.length);
  });
});
