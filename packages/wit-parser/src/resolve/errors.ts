// Errors raised while resolving. They carry a span (global offset into the
// SourceMap of the package being resolved) and, once known, the source that
// owns the span, so the entry points can render them exactly like wasm-tools.

import type { Span } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';

/** Anything that can render a span: the parser's SourceMap satisfies it. */
export interface SpanSource {
  render(d: Diagnostic, options?: { color?: boolean }): string;
  location(offset: number): { path: string; line: number; column: number };
}

export class ResolveError extends Error {
  span?: Span;
  /** The source owning `span`; filled in by whoever knows it (like upstream's `rewrite_error`). */
  source?: SpanSource;
  /** Outer contexts, outermost first, printed as `a: b: message`. */
  readonly contexts: string[] = [];
  /** A fully rendered text that replaces normal rendering (parser diagnostics). */
  prerendered?: string;
  /** `help:` lines shown only when asked for (wasm-tools prints none). */
  help?: string[];

  constructor(message: string, span?: Span) {
    super(message);
    this.name = 'ResolveError';
    this.span = span;
  }
}

/** Runs `f`, attributing any span-carrying error without a source to `source`. */
export function withSource<T>(source: SpanSource | undefined, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ResolveError && e.source === undefined && source !== undefined) e.source = source;
    throw e;
  }
}

/** Runs `f`, prefixing `context` to any `ResolveError` it throws. */
export function withContext<T>(context: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ResolveError) e.contexts.unshift(context);
    throw e;
  }
}
