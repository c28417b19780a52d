// Diagnostics shared by the lexer, parser and resolver. A diagnostic points at
// a global span of a SourceMap; rendering it (rustc style, like wasm-tools)
// needs the SourceMap that owns the span.

import type { Span } from './ast.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Absent for errors with no location (e.g. a missing directory). */
  span?: Span;
  /** Extra lines printed after the code frame (e.g. "note: …"). */
  notes?: string[];
  /**
   * Suggestions of our own (e.g. the modern spelling of seed-era syntax),
   * printed after the notes only when rendering with `{ help: true }`, so
   * that default renderings stay identical to wasm-tools'.
   */
  help?: string[];
}

/**
 * Thrown by the public entry points (`resolvePath`, …) when input is invalid.
 * `rendered` is the full, plain-text rendering of the diagnostics (message,
 * `--> path:line:col`, code frame), ready to print.
 */
export class WitError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly rendered: string;
  constructor(diagnostics: Diagnostic[], rendered: string) {
    super(rendered);
    this.name = 'WitError';
    this.diagnostics = diagnostics;
    this.rendered = rendered;
  }
}
