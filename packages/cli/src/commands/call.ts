// `wit-ts call <component> '<fn>(<args>)' [--invoke-export iface]`: call one
// exported function with arguments written in WAVE, print the result in
// WAVE. WASI imports come from the capability-based host (nothing granted
// unless asked for); any other import cannot be provided from the command
// line and is reported as such.

import { readFileSync } from 'node:fs';
import { decodeComponentWorld } from '@wit-ts/component';
import {
  ComponentError,
  exportedFunctions,
  instantiate,
  LinkError,
  parseWaveCall,
  printWaveValue,
  Trap,
  WaveError,
} from '@wit-ts/runtime';
import { createWasiHost } from '@wit-ts/runtime/node';
import type { Function as WitFunction, Resolve } from '@wit-ts/wit-parser';
import { EXIT_INVALID, EXIT_OK } from '../exit.js';
import { errorLine, type Output } from '../output.js';
import { requireExistingPath } from '../paths.js';
import { wasiHostOptions, type WasiFlags } from './wasi-options.js';

export interface CallOptions extends WasiFlags {
  invokeExport?: string;
}

/** jco's export naming: kebab-case → camelCase. */
function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The JS function for a `parseWaveCall` key (`f` or `iface#f`) in jco-shaped exports. */
function lookupExport(exports: Record<string, unknown>, key: string): ((...args: unknown[]) => unknown) | undefined {
  const hash = key.lastIndexOf('#');
  const holder = hash < 0 ? exports : (exports[key.slice(0, hash)] as Record<string, unknown> | undefined);
  const name = camelCase(hash < 0 ? key : key.slice(hash + 1));
  const f = holder?.[name];
  return typeof f === 'function' ? (f as (...args: unknown[]) => unknown) : undefined;
}

/** A `result`-returning function's error arm arrives as a thrown ComponentError; print it as `err(…)`. */
function printResult(value: unknown, func: WitFunction, resolve: Resolve, failed: boolean): string | undefined {
  if (func.result === undefined) return undefined;
  const type = func.result;
  const def = typeof type === 'number' ? resolve.types[type] : undefined;
  if (def?.kind.kind === 'result') {
    return printWaveValue({ tag: failed ? 'err' : 'ok', val: value }, type, resolve);
  }
  return printWaveValue(value, type, resolve);
}

export async function runCall(path: string, expression: string, options: CallOptions, out: Output): Promise<number> {
  requireExistingPath(path);
  const bytes = new Uint8Array(readFileSync(path));
  const { resolve, world } = decodeComponentWorld(bytes);
  const functions = exportedFunctions(resolve, world);
  let text = expression;
  if (options.invokeExport !== undefined && !/^[^(]*#/.test(text)) text = `${options.invokeExport}#${text.trimStart()}`;

  let call;
  try {
    call = parseWaveCall(text, resolve, functions);
  } catch (err) {
    if (err instanceof WaveError) {
      out.stderr(`${err.rendered}\n`);
      return EXIT_INVALID;
    }
    throw err;
  }

  const host = createWasiHost(wasiHostOptions(options));
  let exports: Record<string, unknown>;
  try {
    exports = (await instantiate(bytes, host.imports)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof LinkError) {
      errorLine(out, `${path}: ${err.message} (wit-ts call provides WASI imports only)`);
      return EXIT_INVALID;
    }
    throw err;
  }
  const fn = lookupExport(exports, call.name);
  if (fn === undefined) {
    errorLine(out, `${path}: export \`${call.name}\` not found in the instantiated component`);
    return EXIT_INVALID;
  }
  let value: unknown;
  let failed = false;
  try {
    value = await fn(...call.args);
  } catch (err) {
    if (err instanceof ComponentError) {
      value = err.payload;
      failed = true;
    } else if (err instanceof Trap || err instanceof WebAssembly.RuntimeError) {
      errorLine(out, `${path}: wasm trap: ${err.message}`);
      return EXIT_INVALID;
    } else {
      throw err;
    }
  }
  const printed = printResult(value, call.func, resolve, failed);
  if (printed !== undefined) out.stdout(`${printed}\n`);
  return EXIT_OK;
}
