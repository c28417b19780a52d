// The programmatic entry point: WAC source → composed component bytes.

import type { Resolve } from '@wit-ts/wit-parser';
import { encodeComposition, EncodeFailure, type EncodeOptions } from './encode.js';
import { ComposeError, WacSource } from './errors.js';
import { Evaluator } from './evaluate.js';
import type { Composition } from './graph.js';
import { PackageLoader, type DependencySource } from './packages.js';
import { parseWacSource } from './parser.js';
import { emptyResolve, ensurePackage, newWorld } from './resolve-util.js';

export interface ComposeOptions extends EncodeOptions {
  /** The WAC document. */
  source: string;
  /** Its path (for error messages). */
  path?: string;
  /** `ns:pkg` (or `ns:pkg@1.2.3`) → component / WIT package bytes, or a path (`--dep ns:pkg=path`). */
  deps?: Record<string, DependencySource>;
  /** A deps directory: `<dir>/<ns>/<pkg>.wasm` (or `.wit`, a WIT directory). */
  depsDir?: string;
}

/** Parses and evaluates a WAC document into its composition graph (no encoding). */
export function resolveComposition(opts: ComposeOptions): { composition: Composition; resolve: Resolve } {
  const src = new WacSource(opts.path ?? 'input.wac', opts.source);
  const doc = parseWacSource(src);
  const r = emptyResolve();
  const loader = new PackageLoader(r, opts.deps ?? {}, opts.depsDir);
  const world = newWorld(r, ensurePackage(r, 'root', 'wac-types'), 'types');
  try {
    const composition = new Evaluator(r, src, loader, doc, world).run();
    return { composition, resolve: r };
  } catch (e) {
    if (e instanceof ComposeError) throw e;
    throw src.error(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

/** Composes the components a WAC document names; throws `ComposeError` (with `rendered`). */
export function compose(opts: ComposeOptions): Uint8Array {
  const { composition, resolve } = resolveComposition(opts);
  try {
    return encodeComposition(resolve, composition, opts);
  } catch (e) {
    const src = new WacSource(opts.path ?? 'input.wac', opts.source);
    if (e instanceof EncodeFailure) throw src.error(e.message);
    throw src.error(`internal error while encoding: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}
