// Rejections: every `parse-fail/` case of wasm-tools' ui corpus must fail with
// a `WitError` (never another exception), and our rendering should read like
// wasm-tools'. Paths are shown as `tests/ui/parse-fail/X` like upstream, so
// the cases run from a scratch directory where `tests/ui` links to the corpus.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WitError } from '../src/diagnostic.js';
import { resolvePath } from '../src/resolve/index.js';
import { corpusRoot } from './support/corpus.js';

const uiDir = join(corpusRoot, 'wit-parser-ui');
const failDir = join(uiDir, 'parse-fail');
const hasUi = existsSync(failDir);

// `.wit.result` files with no input (SOURCE.txt): the upstream harness never reads them.
const cases = hasUi
  ? readdirSync(failDir)
      .filter((name) => statSync(join(failDir, name)).isDirectory() || /\.(wit|wat|wasm|md)$/.test(name))
      .sort()
  : [];

const normalize = (s: string) => s.replace(/\r\n/g, '\n').replace(/\\/g, '/').trim();

let scratch = '';
let previousCwd = '';
const firstLine = { matched: 0, total: 0 };
const whole = { matched: 0 };
const mismatches: string[] = [];
const wholeMismatches: string[] = [];

describe.skipIf(!hasUi)('wit-parser ui corpus: parse-fail cases are rejected like wasm-tools', () => {
  beforeAll(() => {
    previousCwd = process.cwd();
    scratch = mkdtempSync(join(tmpdir(), 'wit-ts-ui-'));
    mkdirSync(join(scratch, 'tests'));
    symlinkSync(uiDir, join(scratch, 'tests', 'ui'), 'dir');
    process.chdir(scratch);
  });

  afterAll(() => {
    process.chdir(previousCwd);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('finds all 150 failing cases', () => {
    expect(cases.length).toBe(150);
  });

  for (const name of cases) {
    it(name, () => {
      const expected = normalize(
        readFileSync(join(failDir, `${name.replace(/\.(wit|wat|wasm|md)$/, '')}.wit.result`), 'utf8'),
      );
      let error: unknown;
      try {
        resolvePath(`tests/ui/parse-fail/${name}`, { features: ['active'] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WitError);
      const actual = normalize((error as WitError).rendered);
      firstLine.total++;
      if (actual.split('\n')[0] === expected.split('\n')[0]) firstLine.matched++;
      else mismatches.push(`${name}\n  expected: ${expected.split('\n')[0]}\n  actual:   ${actual.split('\n')[0]}`);
      if (actual === expected) whole.matched++;
      else wholeMismatches.push(name);
    });
  }

  it('matches wasm-tools on the first line for at least 80% of the cases', () => {
    console.log(
      `resolve-fail: first line ${firstLine.matched}/${firstLine.total}, whole text ${whole.matched}/${firstLine.total}` +
        (mismatches.length > 0 ? `\nfirst-line mismatches:\n${mismatches.join('\n')}` : '') +
        (wholeMismatches.length > 0 ? `\nwhole-text mismatches: ${wholeMismatches.join(', ')}` : ''),
    );
    expect(firstLine.matched).toBeGreaterThanOrEqual(Math.ceil(cases.length * 0.8));
  });
});

describe.skipIf(!existsSync(join(corpusRoot, 'wasi')))('WASI', () => {
  for (const version of ['0.2.12', '0.3.0']) {
    it(`resolves WASI ${version} without error`, () => {
      const resolve = resolvePath(join(corpusRoot, 'wasi', version, 'wit'));
      expect(resolve.packages.length).toBeGreaterThan(5);
      expect(resolve.main).toBe(resolve.packages.length - 1);
    });
  }
});
