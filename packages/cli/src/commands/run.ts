// `wit-ts run <component> [--dir …] [--env …] [-- args…]`: run a
// `wasi:cli/command` component on our engine; the exit code comes from
// `wasi:cli/exit` (or 0/1 from `run`'s result).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { instantiate, LinkError, Trap } from '@wit-ts/runtime';
import { runCommand } from '@wit-ts/runtime/node';
import { EXIT_INVALID } from '../exit.js';
import { errorLine, type Output } from '../output.js';
import { requireExistingPath } from '../paths.js';
import { wasiHostOptions, type WasiFlags } from './wasi-options.js';

export async function runRun(path: string, args: string[], flags: WasiFlags, out: Output): Promise<number> {
  requireExistingPath(path);
  const options = wasiHostOptions(flags);
  const bytes = new Uint8Array(readFileSync(path));
  try {
    const result = await runCommand(
      bytes,
      { ...options, programName: basename(path), args, stdin: 'inherit', stdout: 'inherit', stderr: 'inherit' },
      instantiate,
    );
    return result.exitCode;
  } catch (err) {
    if (err instanceof Trap || err instanceof WebAssembly.RuntimeError) {
      errorLine(out, `${path}: wasm trap: ${err.message}`);
      return EXIT_INVALID;
    }
    if (err instanceof LinkError) {
      errorLine(out, `${path}: ${err.message}`);
      return EXIT_INVALID;
    }
    if (err instanceof Error && /does not export|no `?wasi:cli\/run/i.test(err.message)) {
      errorLine(out, `${path}: not a command component (${err.message})`);
      return EXIT_INVALID;
    }
    throw err;
  }
}
