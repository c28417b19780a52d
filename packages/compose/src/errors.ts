// Errors of the composer: a message pointing at a span of the WAC document,
// rendered rustc-style (`--> path:line:col` and a code frame) by the WIT
// parser's `SourceMap`, so WAC and WIT errors look the same.

import { SourceMap } from '@wit-ts/wit-parser';
import type { Span } from './ast.js';

export interface ComposeDiagnostic {
  message: string;
  span?: Span;
  notes?: string[];
}

/** Thrown by `parseWac`, `compose` and `plug`; `rendered` is ready to print. */
export class ComposeError extends Error {
  readonly diagnostics: ComposeDiagnostic[];
  readonly rendered: string;
  constructor(diagnostics: ComposeDiagnostic[], rendered: string) {
    super(rendered);
    this.name = 'ComposeError';
    this.diagnostics = diagnostics;
    this.rendered = rendered;
  }
}

/** One WAC document: renders diagnostics whose spans are UTF-16 offsets into `text`. */
export class WacSource {
  private readonly map = new SourceMap();
  private readonly toByte: (i: number) => number;
  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.map.pushFile(path, text);
    // The SourceMap counts UTF-8 bytes; our spans count UTF-16 units.
    if (/^[\x00-\x7f]*$/.test(text)) this.toByte = (i) => i;
    else {
      const enc = new TextEncoder();
      this.toByte = (i) => enc.encode(text.slice(0, i)).length;
    }
  }

  render(d: ComposeDiagnostic): string {
    return this.map.render({
      severity: 'error',
      message: d.message,
      span: d.span === undefined ? undefined : { start: this.toByte(d.span.start), end: this.toByte(d.span.end) },
      notes: d.notes,
    });
  }

  error(message: string, span?: Span, notes?: string[]): ComposeError {
    const d: ComposeDiagnostic = { message, span, notes };
    return new ComposeError([d], this.render(d));
  }
}

/** An error without a document (e.g. from `plug`). */
export function plainError(message: string, notes: string[] = []): ComposeError {
  const d: ComposeDiagnostic = { message, notes };
  return new ComposeError([d], [message, ...notes].join('\n'));
}
