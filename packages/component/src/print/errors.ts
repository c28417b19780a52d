/** The printer's one error type: what could not be printed, and where. */
export class PrintError extends Error {
  override readonly name = 'PrintError';
  /** Absolute byte offset in the input (-1 when unknown). */
  readonly offset: number;
  constructor(message: string, offset = -1) {
    super(offset >= 0 ? `${message} at offset 0x${offset.toString(16)}` : message);
    this.offset = offset;
  }
}
