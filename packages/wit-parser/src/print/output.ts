// A tiny indenting text buffer with the exact whitespace rules of wasm-tools'
// `OutputToString`: indentation (two spaces per level) is written lazily, right
// before the first token of a line, so blank lines never carry trailing
// spaces, and `{`/`}` blocks open and close with a newline.

export class Output {
  private readonly chunks: string[] = [];
  private indent = 0;
  // Set after a newline; cleared once the next line's indentation is written.
  private needsIndent = false;

  /** Text with no newline in it, indented if it starts a line. */
  str(text: string): void {
    this.indentIfNeeded();
    this.chunks.push(text);
  }

  newline(): void {
    this.chunks.push('\n');
    this.needsIndent = true;
  }

  /** `;` ends the current line. */
  semicolon(): void {
    this.chunks.push(';');
    this.newline();
  }

  /** ` {` then a newline, one level deeper. */
  indentStart(): void {
    this.chunks.push(' {');
    this.indent += 1;
    this.newline();
  }

  /** `}` on its own line, one level shallower. */
  indentEnd(): void {
    this.indent = Math.max(0, this.indent - 1);
    this.indentIfNeeded();
    this.chunks.push('}');
    this.newline();
  }

  /** One doc-comment line; `line` is the text after `///`, maybe empty. */
  doc(line: string): void {
    this.indentIfNeeded();
    this.chunks.push(line === '' ? '///' : `/// ${line}`);
    this.newline();
  }

  toString(): string {
    return this.chunks.join('');
  }

  private indentIfNeeded(): void {
    if (this.needsIndent) {
      this.chunks.push('  '.repeat(this.indent));
      this.needsIndent = false;
    }
  }
}
