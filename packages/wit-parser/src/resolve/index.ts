// Public entry points of the resolver: a file, a directory or an in-memory
// source → a `Resolve` (wasm-tools' `Resolve::push_path` / `push_str`). The
// throwing variants raise `WitError` rendered exactly like wasm-tools; the
// `try…` variants return the diagnostics instead (for `check`-like tools).

import type { Diagnostic } from '../diagnostic.js';
import { WitError } from '../diagnostic.js';
import type { SourceMap } from '../source-map.js';
import { ResolveError, withContext } from './errors.js';
import { addDirectory, addFile, type DecodeWasmPackage, isDir, Loader } from './fs.js';
import { pushGroups } from './group.js';
import type { Resolve } from './types.js';

export { toWasmToolsJson } from './json.js';
export type { DecodedWasmPackage, DecodeWasmPackage } from './fs.js';

export interface ResolveOptions {
  /** Features whose `@unstable(feature = …)` items are kept. */
  features?: string[];
  /** Keep every `@unstable` item. */
  allFeatures?: boolean;
  /**
   * Decodes wasm-encoded WIT packages (`.wasm` in `deps/`, or a `.wasm` path):
   * returns a function merging the package into the `Resolve` being built.
   * Without it such inputs are rejected as not yet supported.
   * `@wit-ts/component`'s `resolvePathWithBinaries` passes one.
   */
  decodeWasmPackage?: DecodeWasmPackage;
}

export interface ResolveResult {
  /** Present when everything resolved. */
  resolve?: Resolve;
  /** All parser diagnostics, or the resolution error (resolution stops at the first). */
  diagnostics: Diagnostic[];
  /** When resolution failed: the full plain-text rendering of the error, as wasm-tools prints it. */
  rendered?: string;
  /** Owns every span of `diagnostics` (and of `resolve`): use it to render them. */
  sourceMap: SourceMap;
}

function emptyResolve(options: ResolveOptions | undefined, loader: Loader): Resolve {
  return {
    worlds: [],
    interfaces: [],
    types: [],
    packages: [],
    packageNames: new Map(),
    features: new Set(options?.features ?? []),
    allFeatures: options?.allFeatures ?? false,
    sourceMap: loader.map,
  };
}

/** Converts anything thrown while loading into a `WitError`. */
function toWitError(e: unknown, loader: Loader): WitError {
  if (e instanceof WitError) return e;
  if (e instanceof ResolveError) {
    const prefix = e.contexts.map((c) => `${c}: `).join('');
    const diagnostic: Diagnostic = { severity: 'error', message: e.message };
    if (e.span !== undefined) diagnostic.span = e.span;
    if (e.help !== undefined) diagnostic.help = e.help;
    let text = e.message;
    if (e.prerendered !== undefined) text = e.prerendered;
    else if (e.span !== undefined && e.source !== undefined) text = e.source.render(diagnostic);
    // A syntax error: report everything the parser found.
    const parserErrors = loader.diagnostics.filter((d) => d.severity === 'error');
    const diagnostics = e.prerendered !== undefined && parserErrors.length > 0 ? parserErrors : [diagnostic];
    return new WitError(diagnostics, prefix + text);
  }
  // Not expected on any input; still reported as a `WitError` so callers only handle one kind.
  const message = e instanceof Error ? e.message : String(e);
  return new WitError([{ severity: 'error', message }], message);
}

type Fill = (loader: Loader) => void;

/** Runs a load to completion; never throws. */
function load(options: ResolveOptions | undefined, fill: Fill, context?: string): ResolveResult & { error?: WitError } {
  const loader = new Loader(options?.decodeWasmPackage);
  const resolve = emptyResolve(options, loader);
  const run = () => {
    fill(loader);
    // Decoded wasm packages go in first, as wasm-tools merges them while reading.
    let wasmMain: number | undefined;
    for (const w of loader.wasmPackages) {
      const merge = () => {
        try {
          return w.merge(resolve);
        } catch (e) {
          if (e instanceof ResolveError || e instanceof WitError) throw e;
          throw new ResolveError(e instanceof Error ? e.message : String(e));
        }
      };
      wasmMain = w.contexts.reduceRight<() => number>((f, c) => () => withContext(c, f), merge)();
    }
    if (!loader.hasGroups()) {
      resolve.main = wasmMain;
      return;
    }
    const [main, ...deps] = loader.resolveGroups();
    resolve.main = pushGroups(resolve, main, deps);
  };
  try {
    if (context === undefined) run();
    else withContext(context, run);
  } catch (e) {
    const error = toWitError(e, loader);
    return { diagnostics: error.diagnostics, rendered: error.rendered, sourceMap: loader.map, error };
  }
  return { resolve, diagnostics: loader.diagnostics, sourceMap: loader.map };
}

function pathLoad(path: string): [Fill, string | undefined] {
  if (isDir(path)) {
    return [(l) => addDirectory(l, path), `failed to resolve directory while parsing WIT for path [${path}]`];
  }
  return [(l) => addFile(l, path), undefined];
}

function orThrow(r: ResolveResult & { error?: WitError }): Resolve {
  if (r.error !== undefined) throw r.error;
  return r.resolve!;
}

/** Resolves a `.wit` file, or a directory package with its `deps/`. Throws `WitError`. */
export function resolvePath(path: string, options?: ResolveOptions): Resolve {
  const [fill, context] = pathLoad(path);
  return orThrow(load(options, fill, context));
}

/** Resolves one in-memory WIT file (nested packages allowed, no other dependencies). Throws `WitError`. */
export function resolveSource(text: string, path: string, options?: ResolveOptions): Resolve {
  return orThrow(load(options, (l) => l.addGroup([{ path, text }])));
}

function strip(r: ResolveResult & { error?: WitError }): ResolveResult {
  const { error: _error, ...rest } = r;
  return rest;
}

/** Like `resolveSource`, but returns diagnostics instead of throwing. */
export function tryResolveSource(text: string, path: string, options?: ResolveOptions): ResolveResult {
  return strip(load(options, (l) => l.addGroup([{ path, text }])));
}

/** Like `resolvePath`, but returns diagnostics instead of throwing. */
export function tryResolvePath(path: string, options?: ResolveOptions): ResolveResult {
  const [fill, context] = pathLoad(path);
  return strip(load(options, fill, context));
}
