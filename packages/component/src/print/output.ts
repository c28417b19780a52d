/**
 * The text sink shared by the component and core printers. It follows
 * wasm-tools' layout model: `startGroup` opens `(name`, `endGroup` closes it,
 * and a group that spanned a newline puts its `)` on a line of its own at the
 * group's indentation. Lines are indented two spaces per open group.
 */
/** wasm-tools stops indenting deeper than this many levels. */
const MAX_INDENT = 50;
const INDENTS: string[] = Array.from({ length: MAX_INDENT + 1 }, (_, i) => '\n' + '  '.repeat(i));

export class Output {
  private readonly parts: string[] = [];
  private cur = '';
  /** Open groups. */
  nesting = 0;
  /** Number of newlines written so far. */
  line = 0;
  private readonly groupLines: number[] = [];

  write(s: string): void {
    this.cur += s;
    if (this.cur.length > 4096) this.flush();
  }

  private flush(): void {
    this.parts.push(this.cur);
    this.cur = '';
  }

  newline(): void {
    this.line++;
    this.cur += INDENTS[Math.min(this.nesting, MAX_INDENT)];
    if (this.cur.length > 4096) this.flush();
  }

  /** A newline whose indentation is `nesting - dedent` (for `else`/`end`/`catch`). */
  newlineAt(nesting: number): void {
    this.line++;
    this.cur += INDENTS[Math.min(Math.max(0, nesting), MAX_INDENT)];
  }

  startGroup(name: string): void {
    this.cur += '(' + name;
    this.nesting++;
    this.groupLines.push(this.line);
  }

  endGroup(): void {
    this.nesting--;
    const start = this.groupLines.pop();
    if (start !== undefined && start !== this.line) this.newline();
    this.cur += ')';
  }

  toString(): string {
    this.flush();
    return this.parts.join('');
  }
}
