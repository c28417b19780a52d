/** Raised when the model cannot be written as WIT (e.g. an unnamed record). */
export class WitPrintError extends Error {
  override name = 'WitPrintError';
}
