// The README demo: resolve our fixture WIT against the WASI 0.2.12 packages
// shipped in the @bytecodealliance/jco npm package (installed by the README
// setup), check it, print it, format-check it, and show an error report.
// Needs nothing outside the repository and its node_modules.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'packages', 'cli', 'bin', 'wit-ts.js');
// jco's exports map hides package.json; its root is found from node_modules.
const jcoRoot = join(import.meta.dirname, '..', 'node_modules', '@bytecodealliance', 'jco');
const wasiDir = join(jcoRoot, 'lib', 'wit', 'builtin', '0.2.12');

function step(title, args, { expectFailure = false, headLines } = {}) {
  console.log(`\n\x1b[1m$ wit-ts ${args.join(' ')}\x1b[0m   # ${title}`);
  const run = spawnSync(process.execPath, [cli, ...args], {
    stdio: headLines === undefined ? 'inherit' : ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (headLines !== undefined) {
    const lines = run.stdout.split('\n');
    console.log(lines.slice(0, headLines).join('\n'));
    console.log(`  … (${lines.length - headLines} more lines)`);
  }
  const failed = run.status !== 0;
  if (failed !== expectFailure) {
    console.error(`demo: expected exit ${expectFailure ? 'non-zero' : '0'}, got ${run.status}`);
    process.exit(1);
  }
}

if (!existsSync(wasiDir)) {
  console.error(`demo: WASI WIT not found at ${wasiDir}; run the README setup first`);
  process.exit(1);
}

// A package directory: our world plus WASI packages as single-file deps.
const work = mkdtempSync(join(tmpdir(), 'wit-ts-demo-'));
try {
  const pkg = join(work, 'greeter');
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'wit', 'greeter'), pkg, { recursive: true });
  mkdirSync(join(pkg, 'deps'));
  for (const name of readdirSync(wasiDir)) {
    cpSync(join(wasiDir, name, 'package.wit'), join(pkg, 'deps', `${name}.wit`));
  }

  step('parse + resolve, report diagnostics', ['check', pkg]);
  step('print the resolved package as canonical WIT', ['resolve', pkg]);
  step('the same as wasm-tools JSON', ['resolve', pkg, '--json'], { headLines: 24 });
  step('formatting is already canonical', ['fmt', '--check', join(pkg, 'greeter.wit')]);
  step('errors point at the source', ['check', join('fixtures', 'wit', 'errors', 'missing-type.wit')], {
    expectFailure: true,
  });
  console.log('\ndemo: ok');
} finally {
  rmSync(work, { recursive: true, force: true });
}
