// A wider round trip: every package of every resolvable input of wasm-tools'
// wit-parser ui corpus (async, futures/streams, error-context, maps,
// fixed-length lists, stability gates, docs…), wit-bindgen's codegen corpus
// and the WASI 0.2/0.3 packages: encode the package, decode it, and the
// canonical print must not change.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { printPackage, type Resolve } from '@wit-ts/wit-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWitPackage, encodeWitPackage, resolvePathWithBinaries, WitDecodeError } from '../src/wit/index.js';
import { CORPUS } from '../../../test-support/shared.js';

const C = CORPUS;
const inputs: { name: string; path: string; features?: string[] }[] = [];
const listed = (dir: string, re: RegExp, skip: string[] = []) =>
  readdirSync(dir)
    .filter((n) => !skip.includes(n) && (statSync(join(dir, n)).isDirectory() || re.test(n)))
    .sort()
    .map((n) => ({ name: n, path: join(dir, n) }));
for (const x of listed(join(C, 'wit-parser-ui'), /\.(wit|wasm|md)$/, ['parse-fail']))
  inputs.push({ name: `ui/${x.name}`, path: x.path, features: ['active'] });
for (const x of listed(join(C, 'wit-bindgen-codegen'), /\.wit$/)) {
  inputs.push({ name: `codegen/${x.name}`, path: x.path.endsWith('.wit') ? x.path : join(x.path, 'wit') });
}
for (const v of ['0.2.12', '0.3.0']) inputs.push({ name: `wasi/${v}`, path: join(C, 'wasi', v, 'wit') });

let packages = 0;
let same = 0;
let empty = 0;
const unresolvable: string[] = [];

describe('print(decode(encode(pkg))) == print(pkg) for every package', () => {
  for (const input of inputs) {
    it(input.name, () => {
      let r: Resolve;
      try {
        r = resolvePathWithBinaries(input.path, { features: input.features ?? [] });
      } catch {
        unresolvable.push(input.name); // `.wat` deps (no assembler yet), inputs that are meant to fail
        return;
      }
      for (let p = 0; p < r.packages.length; p++) {
        packages++;
        const pkg = r.packages[p];
        if (pkg.interfaces.size === 0 && pkg.worlds.size === 0) {
          // Nothing in the binary carries the package's name (wasm-tools fails the same way).
          expect(() => decodeWitPackage(encodeWitPackage(r, p))).toThrow(WitDecodeError);
          empty++;
          continue;
        }
        const decoded = decodeWitPackage(encodeWitPackage(r, p));
        expect(printPackage(decoded, decoded.main!)).toBe(printPackage(r, p));
        same++;
      }
    });
  }
  afterAll(() =>
    console.log(
      `wit-ui-roundtrip: ${same}/${packages - empty} packages round-trip unchanged over ${inputs.length} inputs ` +
        `(${empty} empty packages rejected as expected; not resolvable: ${unresolvable.join(', ') || 'none'})`,
    ),
  );
});
