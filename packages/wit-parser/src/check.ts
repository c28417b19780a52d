// `check`: parse and resolve without throwing, and say what was found. The
// CLI's `wit-ts check`, the fuzz test and (later) the language server use it.

import type { Diagnostic } from './diagnostic.js';
import { tryResolvePath, tryResolveSource, type ResolveOptions } from './resolve/index.js';
import type { Resolve } from './resolve/types.js';
import type { SourceMap } from './source-map.js';

export interface CheckSummary {
  packages: number;
  interfaces: number;
  worlds: number;
  types: number;
}

export interface CheckResult {
  /** Present when the input resolved without errors. */
  resolve?: Resolve;
  /** Every parser diagnostic of every file, or the first resolution error. */
  diagnostics: Diagnostic[];
  /** Renders one diagnostic of this result (rustc style, like wasm-tools). */
  render(diagnostic: Diagnostic, options?: { color?: boolean; help?: boolean }): string;
  summary: CheckSummary;
}

function summarise(resolve: Resolve | undefined): CheckSummary {
  return {
    packages: resolve?.packages.length ?? 0,
    interfaces: resolve?.interfaces.length ?? 0,
    worlds: resolve?.worlds.length ?? 0,
    types: resolve?.types.length ?? 0,
  };
}

function toCheckResult(r: {
  resolve?: Resolve;
  diagnostics: Diagnostic[];
  rendered?: string;
  sourceMap: SourceMap;
}): CheckResult {
  const diagnostics = r.diagnostics;
  // A resolution error carries context (e.g. "failed to parse package: …")
  // that only the pre-rendered text has; use it when it is the only error.
  const single = r.rendered !== undefined && diagnostics.length === 1 ? diagnostics[0] : undefined;
  return {
    resolve: r.resolve,
    diagnostics,
    summary: summarise(r.resolve),
    render(diagnostic, options) {
      if (diagnostic === single && !options?.color) {
        const help = options?.help ? (diagnostic.help ?? []) : [];
        return [r.rendered!, ...help].join('\n');
      }
      return r.sourceMap.render(diagnostic, options);
    },
  };
}

/** Parses and resolves a `.wit` file or package directory; never throws on bad input. */
export function checkPath(path: string, options?: ResolveOptions): CheckResult {
  return toCheckResult(tryResolvePath(path, options));
}

/** Parses and resolves one in-memory WIT file; never throws on bad input. */
export function checkSource(text: string, path = 'input.wit', options?: ResolveOptions): CheckResult {
  return toCheckResult(tryResolveSource(text, path, options));
}
