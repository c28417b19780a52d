// @wit-ts/runtime — runs WebAssembly components on the host's engine (V8 in
// Node and browsers). No Node built-ins here: `src/node/` holds those.
export { instantiate, type InstantiateOptions } from './instantiate.js';
export { ComponentError, LinkError } from './errors.js';
export type { Exports } from './exports-shape.js';
export type { HostImports } from './imports-lookup.js';
export { Trap } from '@wit-ts/abi';
