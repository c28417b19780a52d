// Runs the CLI in-process with captured output (shared by the CLI tests).
import { expect } from 'vitest';
import { main, type Output } from '../src/index.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `wit-ts …argv`, uncoloured, with stdout and stderr captured. */
export async function run(...argv: string[]): Promise<CliRun> {
  const io = { out: '', err: '', color: false } as Output & { out: string; err: string };
  io.stdout = (s) => void (io.out += s);
  io.stderr = (s) => void (io.err += s);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

/** `run`, expecting exit code 0 (stderr is the failure message). */
export async function ok(...argv: string[]): Promise<CliRun> {
  const r = await run(...argv);
  expect(r.code, r.err).toBe(0);
  return r;
}
