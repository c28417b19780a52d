// @wit-ts/runtime/node — the Node-only parts of the runtime: the WASI 0.2 host
// (built on @bytecodealliance/preview2-shim) and runCommand.

export { createWasiHost, type WasiHost } from './host.js';
export { Descriptor } from './filesystem.js';
export { findRunExport, runCommand, type InstantiateFn, type RunCommandOptions, type RunCommandResult } from './run.js';
export {
  WasiConfigError,
  WasiError,
  WasiExit,
  isWasiExit,
  resolvePolicy,
  type WasiHostOptions,
  type WasiInput,
  type WasiOutput,
  type WasiPolicy,
  type WasiPreopen,
  type WasiWriter,
} from '../wasi/index.js';
