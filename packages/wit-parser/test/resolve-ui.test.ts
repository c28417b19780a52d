// The resolver against wasm-tools' own ui corpus: every passing case must
// produce exactly the `X.wit.json` wasm-tools produced (with the `active`
// feature enabled, as the upstream harness does). Wasm-encoded packages wait
// for the component-binary work and must fail with a clear message meanwhile.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WitError } from '../src/diagnostic.js';
import { resolvePath, toWasmToolsJson } from '../src/resolve/index.js';
import { corpusRoot } from './support/corpus.js';

const uiDir = join(corpusRoot, 'wit-parser-ui');
const hasUi = existsSync(uiDir);

/** Cases the upstream harness runs: directories and `.wit`/`.wat`/`.wasm`/`.md` files. */
const cases = hasUi
  ? readdirSync(uiDir)
      .filter((name) => name !== 'parse-fail')
      .filter((name) => statSync(join(uiDir, name)).isDirectory() || /\.(wit|wat|wasm|md)$/.test(name))
      .sort()
  : [];

/** Cases involving wasm-encoded WIT packages (component-binary support pending). */
function needsWasm(name: string): boolean {
  const path = join(uiDir, name);
  if (/\.(wat|wasm)$/.test(name)) return true;
  const deps = join(path, 'deps');
  return statSync(path).isDirectory() && existsSync(deps) && readdirSync(deps).some((f) => /\.(wat|wasm)$/.test(f));
}

const expectedPath = (name: string) => join(uiDir, `${name.replace(/\.(wit|wat|wasm|md)$/, '')}.wit.json`);

let exactText = 0;
let checked = 0;

describe.skipIf(!hasUi)('wit-parser ui corpus: resolved JSON equals wasm-tools', () => {
  it('finds all 74 passing cases', () => {
    expect(cases.length).toBe(74);
  });

  for (const name of cases) {
    if (needsWasm(name)) {
      // wit-parser alone cannot decode binaries (that lives in @wit-ts/component,
      // which depends on this package); the JSON equality of these cases is
      // asserted by packages/component/test/wit-deps.test.ts through the hook.
      it(`${name}: without a decoder hook, rejects wasm-encoded packages clearly`, () => {
        expect(() => resolvePath(join(uiDir, name), { features: ['active'] })).toThrow(WitError);
        try {
          resolvePath(join(uiDir, name), { features: ['active'] });
        } catch (e) {
          expect((e as WitError).rendered).toContain('not yet supported: wasm-encoded WIT packages');
        }
      });
      continue;
    }
    it(name, () => {
      const expectedText = readFileSync(expectedPath(name), 'utf8').replace(/\r\n/g, '\n').trim();
      const resolve = resolvePath(join(uiDir, name), { features: ['active'] });
      const actual = toWasmToolsJson(resolve);
      expect(actual).toEqual(JSON.parse(expectedText));
      checked++;
      // Key order too (serde's pretty printer uses the same layout as JSON.stringify).
      if (JSON.stringify(actual, null, 2) === expectedText) exactText++;
    });
  }

  afterAll(() => {
    console.log(`resolve-ui: ${checked} JSON-equal cases, ${exactText} byte-identical to wasm-tools' pretty JSON`);
  });
});
