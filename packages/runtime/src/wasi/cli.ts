// `wasi:cli/environment` and `wasi:cli/exit` from a policy. Pure and browser-safe.

import { WasiExit } from './errors.js';
import type { WasiPolicy } from './policy.js';

export interface WasiEnvironment {
  getEnvironment(): Array<[string, string]>;
  getArguments(): string[];
  initialCwd(): string | undefined;
}

export function createEnvironment(policy: WasiPolicy): WasiEnvironment {
  return {
    // Fresh arrays each call: the caller (the canonical ABI lowering) may keep them.
    getEnvironment: () => policy.env.map(([k, v]): [string, string] => [k, v]),
    getArguments: () => [...policy.argv],
    initialCwd: () => policy.cwd,
  };
}

/** The shared exit state of one host. */
export interface ExitState {
  code: number | undefined;
}

export interface WasiExitInterface {
  exit(status: { tag: 'ok' | 'err'; val?: unknown }): never;
  /** wasi:cli 0.2.x `exit-with-code` (unstable feature `cli-exit-with-code`). */
  exitWithCode(code: number): never;
}

/** `wasi:cli/exit`: records the code and throws `WasiExit` (never ends the host process). */
export function createExit(state: ExitState): WasiExitInterface {
  const exitWith = (code: number): never => {
    state.code = code;
    throw new WasiExit(code);
  };
  return {
    exit: (status) => exitWith(status?.tag === 'ok' ? 0 : 1),
    exitWithCode: (code) => exitWith(Number(code) & 0xff),
  };
}
