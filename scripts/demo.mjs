// The README demo: resolve our fixture WIT against the WASI 0.2.12 packages
// shipped in the @bytecodealliance/jco npm package (installed by the README
// setup), check it, print it, format-check it, and show an error report.
// Needs nothing outside the repository and its node_modules.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'packages', 'cli', 'bin', 'wit-ts.js');
// jco's exports map hides package.json; its root is found from node_modules.
const jcoRoot = join(import.meta.dirname, '..', 'node_modules', '@bytecodealliance', 'jco');
const wasiDir = join(jcoRoot, 'lib', 'wit', 'builtin', '0.2.12');

const root = join(import.meta.dirname, '..');

function section(title) {
  console.log(`\n\x1b[1m# ${title}\x1b[0m`);
}

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

  // Components: C, Rust and a plain WASI command, built from source, wrapped
  // with our own embed + new, inspected, called and run on our engine.
  section('building the guest fixtures from source (C, Rust, JS)');
  const build = spawnSync(process.execPath, [join(root, 'fixtures', 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('demo: the fixtures did not build (see above); the component part of the demo needs clang and rustc');
    process.exit(1);
  }
  const built = (name) => join(root, 'fixtures', 'build', name);
  const reactor = `wasi_snapshot_preview1=${join(jcoRoot, 'lib', 'wasi_snapshot_preview1.reactor.wasm')}`;
  const command = `wasi_snapshot_preview1=${join(jcoRoot, 'lib', 'wasi_snapshot_preview1.command.wasm')}`;
  const greeter = join(work, 'c-greeter.wasm');
  const counter = join(work, 'rust-counter.wasm');
  const cmd = join(work, 'command.wasm');

  step('embed the world into the C core module', [
    'component',
    'embed',
    join(root, 'fixtures', 'c-greeter', 'wit'),
    built('c-greeter.core.wasm'),
    '-o',
    join(work, 'c-greeter.embed.wasm'),
  ]);
  step('… and turn it into a component', ['component', 'new', join(work, 'c-greeter.embed.wasm'), '-o', greeter]);
  step('what is inside', ['inspect', greeter]);
  step('its full WIT', ['wit', greeter], { headLines: 18 });
  step('… and as text, like wasm-tools print', ['print', greeter], { headLines: 14 });
  step('TypeScript bindings for a host', [
    'bind',
    join(root, 'fixtures', 'c-greeter', 'wit'),
    '--host',
    '-o',
    join(work, 'bindings'),
  ]);
  console.log(`\n\x1b[1m$ node scripts/demo-host.mjs ${greeter}\x1b[0m   # a host program on @wit-ts/runtime`);
  const host = spawnSync(process.execPath, [join(root, 'scripts', 'demo-host.mjs'), greeter], { stdio: 'inherit' });
  if (host.status !== 0) process.exit(1);

  step('the Rust component needs the preview1 adapter', [
    'component',
    'embed',
    join(root, 'fixtures', 'rust-counter', 'wit'),
    built('rust-counter.core.wasm'),
    '-o',
    join(work, 'rust-counter.embed.wasm'),
  ]);
  step('… which new links in', [
    'component',
    'new',
    join(work, 'rust-counter.embed.wasm'),
    '--adapt',
    reactor,
    '-o',
    counter,
  ]);
  step('call a function with WAVE arguments', ['call', counter, 'summarize("demo", [3, 1, 4, 1, 5])']);
  step('a result error arm prints as err(…)', ['call', counter, 'summarize("empty", [])']);

  step('a preview1 command with the command adapter', [
    'component',
    'new',
    built('wasi-command.core.wasm'),
    '--adapt',
    command,
    '-o',
    cmd,
  ]);
  const data = join(work, 'data');
  mkdirSync(data);
  writeFileSync(join(data, 'hello.txt'), 'hello from the host\n');
  step('run it: only the granted directory and variable are visible', [
    'run',
    cmd,
    '--dir',
    `${data}::/data`,
    '--env',
    'GREETING=hi',
    '--',
    '0',
    '/data/hello.txt',
    '/data/../etc/passwd',
  ]);

  // The composition: C (UTF-16 strings), Rust (a resource) and JS components
  // that import each other, linked by a WAC file into one component.
  section('composing C + Rust + JS components (fixtures/compose)');
  const composed = join(work, 'app.wasm');
  step('compose them as app.wac says', [
    'compose',
    join(root, 'fixtures', 'compose', 'app.wac'),
    '--deps-dir',
    join(root, 'fixtures', 'build', 'compose', 'deps'),
    '-o',
    composed,
  ]);
  step('what is left to import is WASI only', ['wit', composed], { headLines: 22 });
  step('run it on our engine', ['run', composed, '--', 'ça va, wörld 𝄞']);
  step('or call one export', ['call', composed, 'fixtures:app/api@0.1.0#fill("b", [("k", "v"), ("x", "ÿ")])']);
  console.log('\ndemo: ok');
} finally {
  rmSync(work, { recursive: true, force: true });
}
