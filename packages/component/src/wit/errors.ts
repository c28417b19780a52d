/** A binary that is well-formed wasm but not a WIT package/world we can decode. */
export class WitDecodeError extends Error {
  override name = 'WitDecodeError';
}
