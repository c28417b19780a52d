// The public entry point: decode (if given bytes), compile all core modules
// in parallel, instantiate the component tree and shape the exports.
import { assertValidComponent, decodeComponent, type Component } from '@wit-ts/component';
import { instantiateComponent } from './component-instance.js';
import { precompile } from './core-instances.js';
import { shapeExports, type Exports } from './exports-shape.js';
import { resolveHostImport, type HostImports } from './imports-lookup.js';
import type { Store } from './index-spaces.js';
import './wasm-types.js';

export interface InstantiateOptions {
  /**
   * Instantiates each core module (default `WebAssembly.instantiate`), as
   * jco's `instantiateCore`: lets embedders observe core instances (e.g. a
   * guest's memory) or instantiate differently.
   */
  readonly instantiateCore?: (
    module: WebAssembly.Module,
    imports: object,
  ) => Promise<WebAssembly.Instance> | WebAssembly.Instance;
  /**
   * Use generated per-signature call paths (default true). `false` forces the
   * generic @wit-ts/abi path everywhere (differential testing, debugging).
   */
  readonly fastPaths?: boolean;
  /**
   * Run @wit-ts/component's validator first (throws ValidationError).
   * Off by default: instantiation already fails on anything it cannot link.
   */
  readonly validate?: boolean;
}

const decoded = new WeakMap<object, Component>();

function toComponent(input: Uint8Array | ArrayBuffer | Component): Component {
  if (!(input instanceof Uint8Array) && !(input instanceof ArrayBuffer)) return input;
  // Decoding is cached per input buffer identity, and core module
  // compilation per byte range, so re-instantiating the same bytes is cheap.
  let c = decoded.get(input);
  if (c === undefined) {
    c = decodeComponent(input instanceof Uint8Array ? input : new Uint8Array(input));
    decoded.set(input, c);
  }
  return c;
}

/**
 * Instantiates a component. `imports` follows jco's conventions (interface
 * objects by name, with or without `@version`; host resources as classes).
 * Resolves to the exports object (see `shapeExports`).
 */
export async function instantiate(
  input: Uint8Array | ArrayBuffer | Component,
  imports: HostImports = {},
  options: InstantiateOptions = {},
): Promise<Exports> {
  const c = toComponent(input);
  if (options.validate === true) assertValidComponent(c);
  precompile(c);
  const store: Store = {
    poisoned: false,
    fastPaths: options.fastPaths ?? true,
    instantiateCore: options.instantiateCore,
  };
  const root = await instantiateComponent(
    c,
    undefined,
    (imp, scope) => resolveHostImport(imports, imp, scope),
    undefined,
    store,
  );
  return shapeExports(root);
}
