// WAVE errors. Every problem with WAVE input — lexical, syntactic or a type
// mismatch — is reported as a `WaveError` that carries the offending range
// of the input, so the `call` command can underline the bad argument
// instead of just saying "invalid value".

/** A half-open range of the input, in JS string indices (UTF-16 code units). */
export interface WaveSpan {
  start: number;
  end: number;
}

export class WaveError extends Error {
  /** The problem without the position, e.g. `expected u32, found string literal`. */
  readonly detail: string;
  readonly span: WaveSpan;
  /** The whole input the span points into. */
  readonly input: string;
  /** `message` followed by a code frame with carets under the span. */
  readonly rendered: string;

  constructor(detail: string, span: WaveSpan, input: string) {
    super(`${detail} at ${span.start}..${span.end}`);
    this.name = 'WaveError';
    this.detail = detail;
    this.span = span;
    this.input = input;
    this.rendered = `${this.message}\n${codeFrame(input, span)}`;
  }
}

/** Code points in `s` (the caret line must line up with what a terminal shows). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Renders the line holding `span.start` with carets under the span (clipped
 * to that line; at least one caret so an empty span at the end is visible).
 * Tabs are shown as single spaces so the carets stay aligned.
 */
export function codeFrame(input: string, span: WaveSpan): string {
  const start = Math.max(0, Math.min(span.start, input.length));
  const end = Math.max(start, Math.min(span.end, input.length));
  const lineStart = input.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = input.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = input.length;
  const lineNo = countNewlines(input, lineStart) + 1;
  const line = input.slice(lineStart, lineEnd).replace(/[\t\r]/g, ' ');
  const pad = ' '.repeat(String(lineNo).length);
  const before = width(input.slice(lineStart, start));
  const carets = Math.max(1, width(input.slice(start, Math.min(end, lineEnd))));
  return `${pad} |\n${lineNo} | ${line}\n${pad} | ${' '.repeat(before)}${'^'.repeat(carets)}`;
}

function countNewlines(s: string, upTo: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0 && i < upTo; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
