// @wit-ts/runtime — runs WebAssembly components on the host's engine (V8 in
// Node and browsers). No Node built-ins here: `src/node/` holds those.
//
//   const exports = await instantiate(bytes, imports, { instantiateCore, fastPaths });
//
// - `bytes`: component binary (Uint8Array/ArrayBuffer) or a decoded
//   `Component` from @wit-ts/component.
// - `imports`: jco-shaped: interfaces by name with or without `@version`,
//   world-level functions by kebab or camelCase name (or `{ default: fn }`),
//   host resources as JS classes (PascalCase) with methods/statics.
// - result: each exported interface under its full name and camelCase short
//   name, world-level functions camelCase at the top level, guest resources as
//   classes with `[Symbol.dispose]()`; a top-level `result` return throws
//   `ComponentError` (`.payload`) on `err`. Traps are `WebAssembly.RuntimeError`s
//   (`Trap`) and poison the instance.
export { instantiate, type InstantiateOptions } from './instantiate.js';
export { ComponentError, LinkError } from './errors.js';
export type { Exports } from './exports-shape.js';
export type { HostImports } from './imports-lookup.js';
export { Trap } from '@wit-ts/abi';

// WAVE value syntax over resolved WIT types (for `wit-ts call` and tools).
export {
  parseWaveValue,
  printWaveValue,
  parseWaveCall,
  exportedFunctions,
  signature,
  WaveError,
  WavePrintError,
  codeFrame,
  type WaveCall,
  type WaveFunctions,
  type WaveSpan,
} from './wave/index.js';

// The browser-safe part of the WASI host (policy, path resolution, errors).
export * as wasi from './wasi/index.js';
