// The browser-safe part of the WASI host: the capability policy, path
// resolution beneath a directory, the CLI environment/exit interfaces and the
// errors. The Node host built on preview2-shim is `@wit-ts/runtime/node`.

export { WasiError, WasiExit, fail, isWasiExit } from './errors.js';
export {
  WasiConfigError,
  normalizeGuestPath,
  resolvePolicy,
  type WasiHostOptions,
  type WasiInput,
  type WasiOutput,
  type WasiPolicy,
  type WasiPreopen,
  type WasiWriter,
} from './policy.js';
export { MAX_SYMLINK_HOPS, resolveBeneath, type EntryKind, type ResolveErrorCode, type ResolveOps } from './path.js';
export { createEnvironment, createExit, type ExitState, type WasiEnvironment, type WasiExitInterface } from './cli.js';
