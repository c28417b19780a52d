// A set of WIT source files sharing one global offset space, the way
// wasm-tools' `SourceMap` works: each pushed file gets the range
// `[offset, offset + bytes]` and the next file starts one byte later (wasm-tools
// appends a `\n` to every file so that an end-of-file span still belongs to
// it). A span alone therefore identifies file, line and column.
//
// Rendering follows wasm-tools' `highlight_err` character for character.

import type { PackageFile, Span } from './ast.js';
import type { CstFile } from './cst.js';
import type { Diagnostic } from './diagnostic.js';
import { parseFile } from './parser.js';
import { detectInvalidInput } from './lexer.js';
import { utf16ToByteMap } from './parser-base.js';

interface Source {
  path: string;
  text: string;
  /** Global offset of the file's first byte. */
  offset: number;
  /** Length of the file in UTF-8 bytes. */
  bytes: number;
  /** UTF-16 → byte offsets, undefined for ASCII files (identity). */
  toByte: Uint32Array | undefined;
  /** Only printable ASCII, tabs and newlines: no refused code points possible. */
  plain: boolean;
  /** Lazily computed byte offsets at which each line starts. */
  lineStarts?: number[];
}

export interface ParsedSourceFile {
  path: string;
  ast: PackageFile;
  /** The lossless CST, built lazily on first access. */
  readonly cst: CstFile;
}

export interface Location {
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
}

const encoder = new TextEncoder();

function byteLength(text: string, toByte: Uint32Array | undefined): number {
  return toByte === undefined ? text.length : toByte[text.length];
}

export class SourceMap {
  private readonly sources: Source[] = [];
  private offset = 0;

  /** Adds a file. `path` is only used in messages, kept as given. */
  pushFile(path: string, text: string): void {
    // One scan decides both "ASCII" and "nothing wasm-tools would refuse".
    const plain = !/[^\t\n\r\x20-\x7e]/.test(text);
    const toByte = plain ? undefined : utf16ToByteMap(text);
    const bytes = byteLength(text, toByte);
    this.sources.push({ path, text, offset: this.offset, bytes, toByte, plain });
    // One extra byte, like wasm-tools' appended newline: eof spans stay inside.
    this.offset += bytes + 1;
  }

  /** The files pushed so far, in push order. */
  files(): { path: string; text: string; offset: number }[] {
    return this.sources.map((s) => ({ path: s.path, text: s.text, offset: s.offset }));
  }

  /**
   * Parses every pushed file. Like wasm-tools, files are processed (and
   * returned) sorted by path, so the first diagnostic is the one wasm-tools
   * reports first. Never throws on bad input: syntax problems come back as
   * diagnostics, in file order and by position within a file. Refused code
   * points (controls, bidi overrides) are reported like wasm-tools does,
   * without a span (the location is in the diagnostic's `help`). Each file's
   * CST is only built when its `cst` property is first read.
   */
  parse(): { files: ParsedSourceFile[]; diagnostics: Diagnostic[] } {
    const files: ParsedSourceFile[] = [];
    const diagnostics: Diagnostic[] = [];
    const sorted = [...this.sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const src of sorted) {
      const invalid = src.plain ? undefined : detectInvalidInput(src.text);
      if (invalid !== undefined) {
        // wasm-tools reports these without a location; ours is a help line.
        const at = src.offset + (src.toByte === undefined ? invalid.at : src.toByte[invalid.at]);
        const loc = this.location(at);
        diagnostics.push({
          severity: 'error',
          message: invalid.message,
          help: [`help: found at ${loc.path}:${loc.line}:${loc.column}`],
        });
      }
      let r: ReturnType<typeof parseFile>;
      try {
        r = parseFile(src.text, src.offset, src.toByte ?? null);
      } catch (e) {
        // Never expected; but the public API must not throw on any input.
        diagnostics.push({
          severity: 'error',
          message: `internal error while parsing ${src.path}: ${e instanceof Error ? e.message : String(e)}`,
          span: { start: src.offset, end: src.offset },
        });
        r = { ast: { items: [] }, diagnostics: [], cst: { type: 'node', kind: 'file', children: [] } };
      }
      let cst: CstFile | undefined;
      files.push({
        path: src.path,
        ast: r.ast,
        // Materialized on first access: most consumers never need it.
        get cst(): CstFile {
          if (cst === undefined) {
            cst = r.cst as CstFile;
            cst.base = src.offset;
            cst.path = src.path;
          }
          return cst;
        },
      });
      diagnostics.push(...r.diagnostics);
    }
    return { files, diagnostics };
  }

  private sourceFor(offset: number): Source | undefined {
    const srcs = this.sources;
    let lo = 0;
    let hi = srcs.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (srcs[mid].offset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return srcs[lo];
  }

  private lineStarts(src: Source): number[] {
    if (src.lineStarts) return src.lineStarts;
    const starts = [0];
    const t = src.text;
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) {
      starts.push((src.toByte === undefined ? i : src.toByte[i]) + 1);
    }
    src.lineStarts = starts;
    return starts;
  }

  /** Byte offset (file-local) → UTF-16 index into the file's text. */
  private toUtf16(src: Source, byte: number): number {
    if (src.toByte === undefined) return Math.min(byte, src.text.length);
    const map = src.toByte;
    let lo = 0;
    let hi = src.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (map[mid] < byte) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** 0-based line index and the line's start (byte) for a file-local offset. */
  private lineOf(src: Source, rel: number): { line: number; start: number } {
    const starts = this.lineStarts(src);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= rel) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, start: starts[lo] };
  }

  /** File, 1-based line and 1-based character column of a global offset. */
  location(offset: number): Location {
    const src = this.sourceFor(offset);
    if (src === undefined) return { path: '', line: 1, column: 1 };
    const rel = offset - src.offset;
    const { line, start } = this.lineOf(src, rel);
    const a = this.toUtf16(src, start);
    const b = this.toUtf16(src, rel);
    return { path: src.path, line: line + 1, column: countChars(src.text, a, b) + 1 };
  }

  /** The source text of a span (empty when it is out of range). */
  text(span: Span): string {
    const src = this.sourceFor(span.start);
    if (src === undefined) return '';
    const a = this.toUtf16(src, span.start - src.offset);
    const b = this.toUtf16(src, span.end - src.offset);
    return src.text.slice(a, b);
  }

  /** `path:line:col` of a span's start, as wasm-tools prints locations. */
  renderLocation(span: Span): string {
    const l = this.location(span.start);
    return `${l.path}:${l.line}:${l.column}`;
  }

  /**
   * wasm-tools' rendering of an error:
   *
   * ```text
   * message
   *      --> path:line:col
   *       |
   *    12 | the source line
   *       |     ^----
   * ```
   *
   * The `^` sits under the span's first character and one `-` follows for
   * every further character of the span. Lines longer than 500 bytes are not
   * quoted: the result is then `path:line:col: message`. `notes` follow the
   * frame; `help` lines too, but only with `{ help: true }`.
   */
  render(d: Diagnostic, opts: { color?: boolean; help?: boolean } = {}): string {
    const color = opts.color === true;
    const red = (s: string): string => (color ? `\x1b[1;31m${s}\x1b[0m` : s);
    const blue = (s: string): string => (color ? `\x1b[1;34m${s}\x1b[0m` : s);
    const bold = (s: string): string => (color ? `\x1b[1m${s}\x1b[0m` : s);
    const extra = [...(d.notes ?? []), ...(opts.help === true ? (d.help ?? []) : [])];
    const notes = extra.length > 0 ? '\n' + extra.join('\n') : '';
    const src = d.span === undefined ? undefined : this.sourceFor(d.span.start);
    if (d.span === undefined || src === undefined) return bold(d.message) + notes;

    const rel = d.span.start - src.offset;
    const { line, start } = this.lineOf(src, rel);
    const lineStartU = this.toUtf16(src, start);
    let lineEndU = src.text.indexOf('\n', lineStartU);
    if (lineEndU < 0) lineEndU = src.text.length;
    // Rust's `lines()` drops a `\r` before the `\n`.
    let snippetEnd = lineEndU;
    if (snippetEnd > lineStartU && src.text.charCodeAt(snippetEnd - 1) === 0x0d) snippetEnd--;
    const snippet = src.text.slice(lineStartU, snippetEnd);
    const relU = this.toUtf16(src, rel);
    const col = countChars(src.text, lineStartU, relU) + 1;
    const lineNo = line + 1;
    if (encoder.encode(snippet).length > 500) {
      return `${src.path}:${lineNo}:${col}: ${d.message}` + notes;
    }
    let dashes = 0;
    if (d.span.end > d.span.start) {
      const endU = this.toUtf16(src, Math.min(d.span.end - src.offset, src.bytes + 1));
      // The appended newline counts as one character past the end.
      const extra = d.span.end - src.offset > src.bytes ? 1 : 0;
      dashes = Math.max(0, countChars(src.text, relU, Math.min(endU, src.text.length)) + extra - 1);
    }
    const gutter = String(lineNo).padStart(4);
    return (
      `${bold(d.message)}\n` +
      `${blue('     -->')} ${src.path}:${lineNo}:${col}\n` +
      `${blue('      |')}\n` +
      `${blue(` ${gutter} |`)} ${snippet}\n` +
      `${blue('      |')} ${' '.repeat(col - 1)}${red('^' + '-'.repeat(dashes))}` +
      notes
    );
  }

  /** Renders several diagnostics, separated by blank lines. */
  renderAll(ds: readonly Diagnostic[], opts: { color?: boolean; help?: boolean } = {}): string {
    return ds.map((d) => this.render(d, opts)).join('\n\n');
  }
}

/** Number of code points in `text[a..b)`. */
function countChars(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < b) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Parses a single WIT text: a convenience over `SourceMap`. */
export function parseWit(
  text: string,
  path = 'input.wit',
): { ast: PackageFile; readonly cst: CstFile; diagnostics: Diagnostic[]; sourceMap: SourceMap } {
  const sourceMap = new SourceMap();
  sourceMap.pushFile(path, text);
  const { files, diagnostics } = sourceMap.parse();
  const file = files[0];
  return {
    ast: file.ast,
    diagnostics,
    sourceMap,
    // Lazy, like `ParsedSourceFile.cst`.
    get cst(): CstFile {
      return file.cst;
    },
  };
}
