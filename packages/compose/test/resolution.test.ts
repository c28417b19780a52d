// The wac-tests resolution suite: passing cases resolve (parse + evaluate,
// with every argument subtype-checked), failing cases fail with a
// ComposeError; we also count how many of those carry wac's message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError, resolveComposition } from '@wit-ts/compose';
import { depsFor, TESTS, wacFiles } from './corpus.js';

const DIR = join(TESTS, 'resolution');

/** The `× message` line of a miette-rendered wac error. */
function wacMessage(result: string): string {
  const m = /×\s*(.*)/.exec(result);
  return m === null ? '' : m[1].trim();
}

describe('wac-tests resolution suite', () => {
  it('passing cases resolve', async () => {
    let ok = 0;
    const failures: string[] = [];
    for (const f of wacFiles(DIR)) {
      try {
        resolveComposition({
          source: readFileSync(join(DIR, f), 'utf8'),
          path: f,
          deps: await depsFor(DIR, f.replace(/\.wac$/, '')),
        });
        ok++;
      } catch (e) {
        if (!(e instanceof ComposeError)) throw e;
        failures.push(`${f}: ${e.rendered.split('\n')[0]}`);
      }
    }
    console.log(`resolution pass: ${ok}/${wacFiles(DIR).length}\n  ${failures.join('\n  ')}`);
    expect(ok).toBeGreaterThanOrEqual(BASELINE.pass);
  });

  it('failing cases fail with a ComposeError', async () => {
    const dir = join(DIR, 'fail');
    let failed = 0;
    let sameMessage = 0;
    const accepted: string[] = [];
    for (const f of wacFiles(dir)) {
      try {
        resolveComposition({
          source: readFileSync(join(dir, f), 'utf8'),
          path: f,
          deps: await depsFor(dir, f.replace(/\.wac$/, '')),
        });
        accepted.push(f);
      } catch (e) {
        if (!(e instanceof ComposeError)) throw new Error(`${f}: crashed: ${String(e)}`);
        failed++;
        const expected = wacMessage(readFileSync(join(dir, f + '.result'), 'utf8'));
        if (expected !== '' && e.rendered.split('\n')[0].includes(expected)) sameMessage++;
      }
    }
    console.log(
      `resolution fail: ${failed}/${wacFiles(dir).length} fail (${sameMessage} with wac's message); accepted: ${accepted.join(', ')}`,
    );
    expect(failed).toBeGreaterThanOrEqual(BASELINE.fail);
    expect(sameMessage).toBeGreaterThanOrEqual(BASELINE.sameMessage);
  });
});

// Counts reached so far (raise them as gaps close).
const BASELINE = { pass: 13, fail: 113, sameMessage: 112 };
