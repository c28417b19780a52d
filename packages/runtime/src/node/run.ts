// runCommand: run a `wasi:cli/command` component's `wasi:cli/run` export.

import { isWasiExit } from '../wasi/errors.js';
import type { WasiHostOptions } from '../wasi/policy.js';
import { createWasiHost, type WasiHost } from './host.js';

/**
 * Instantiates a component: the engine's `instantiate(bytes, imports, options)`
 * or anything shaped like it (a jco-transpile adapter in tests). Returns the
 * component's exports in jco's shape (`{ 'wasi:cli/run@0.2.x': { run } }`).
 */
export type InstantiateFn = (
  bytes: Uint8Array,
  imports: Record<string, object>,
  // `any`, not `unknown`: the engine's own options type must be assignable here.
  options?: any,
) => unknown | Promise<unknown>;

export interface RunCommandOptions extends WasiHostOptions {
  /** Passed through as `instantiate`'s third argument. */
  instantiateOptions?: unknown;
}

export interface RunCommandResult {
  /** 0 for `run` returning ok, 1 for err, or the code given to `wasi:cli/exit`. */
  exitCode: number;
  /** The host the component ran with. */
  host: WasiHost;
}

type RunFn = () => unknown;

/** Finds `run` in a command's exports: `wasi:cli/run`, `wasi:cli/run@0.2.x`, or jco's `run` alias. */
export function findRunExport(exports: unknown): RunFn | undefined {
  if (exports === null || typeof exports !== 'object') return undefined;
  const record = exports as Record<string, unknown>;
  const keys = [
    'wasi:cli/run',
    ...Object.keys(record)
      .filter((k) => /^wasi:cli\/run@0\.2(\.|$)/.test(k))
      .sort()
      .reverse(),
    'run',
  ];
  for (const key of keys) {
    const iface = record[key] as { run?: unknown } | undefined;
    if (iface && typeof iface.run === 'function') return () => (iface.run as RunFn).call(iface);
  }
  return undefined;
}

async function engineInstantiate(): Promise<InstantiateFn | undefined> {
  // The engine lives in ../index.ts (another work package); use it once it exports `instantiate`.
  const engine = (await import('../index.js')) as Record<string, unknown>;
  return typeof engine.instantiate === 'function' ? (engine.instantiate as InstantiateFn) : undefined;
}

function hasOwnPayload(e: unknown): boolean {
  return e !== null && typeof e === 'object' && Object.prototype.hasOwnProperty.call(e, 'payload');
}

/**
 * Instantiates the command component `bytes` with a WASI host made from
 * `options` and calls its `wasi:cli/run` `run()`. Resolves to the exit code:
 * `WasiExit` → its code, `run` returning `err` → 1, ok → 0. Traps and other
 * host errors reject.
 */
export async function runCommand(
  bytes: Uint8Array,
  options: RunCommandOptions = {},
  instantiate?: InstantiateFn,
): Promise<RunCommandResult> {
  const { instantiateOptions, ...hostOptions } = options;
  const host = createWasiHost(hostOptions);
  const inst = instantiate ?? (await engineInstantiate());
  if (!inst) {
    throw new Error('runCommand: the engine does not export `instantiate` yet; pass an instantiate function');
  }
  try {
    const exports = await inst(bytes, host.imports, instantiateOptions);
    const run = findRunExport(exports);
    if (!run) throw new Error('runCommand: the component does not export wasi:cli/run');
    const result = await run();
    const isErr = result !== null && typeof result === 'object' && (result as { tag?: unknown }).tag === 'err';
    return { exitCode: isErr ? 1 : (host.exitCode() ?? 0), host };
  } catch (e) {
    if (isWasiExit(e)) return { exitCode: e.code, host };
    // An engine may wrap the exception crossing the guest; the host saw the exit anyway.
    const code = host.exitCode();
    if (code !== undefined) return { exitCode: code, host };
    if (hasOwnPayload(e)) return { exitCode: 1, host }; // run() -> result, err arm
    throw e;
  }
}
