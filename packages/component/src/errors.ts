/**
 * Typed errors. Decoding never throws anything else: every malformed input is
 * reported as a DecodeError carrying the absolute byte offset, so callers
 * (runtime, CLI) can print a precise diagnostic instead of crashing.
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  /** Absolute byte offset in the input where the problem was detected. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at offset 0x${offset.toString(16)}`);
    this.offset = offset;
  }
}

/** A validation failure: names the section, the item index and the offset. */
export interface ValidationIssue {
  message: string;
  /** Section name, e.g. "canon", "import", "type". */
  section: string;
  /** Index of the item inside its section (-1 when not item-specific). */
  item: number;
  /** Absolute byte offset of the item (or section). */
  offset: number;
  /** Offset of the (possibly nested) component the item belongs to (0 = top level). */
  component: number;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly section: string;
  readonly item: number;
  readonly offset: number;
  constructor(issue: ValidationIssue) {
    super(`${issue.section}[${issue.item}]: ${issue.message} at offset 0x${issue.offset.toString(16)}`);
    this.section = issue.section;
    this.item = issue.item;
    this.offset = issue.offset;
  }
}
