// Runs the whole vitest suite and ends with one plain summary line
// ("Tests: N passed, N failed, N skipped") that CI log readers understand.
// Extra arguments go to vitest (e.g. a file filter).

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const resultsFile = join(tmpdir(), `wit-ts-vitest-${process.pid}.json`);
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

let summary;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  summary = `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`;
} catch {
  summary = 'Tests: 0 passed, 1 failed (vitest produced no results)';
} finally {
  rmSync(resultsFile, { force: true });
}
console.log(`\n${summary}`);
process.exit(run.status ?? 1);
