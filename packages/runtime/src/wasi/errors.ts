// Errors of the WASI host. Browser-safe: no Node APIs.

/**
 * Thrown by `wasi:cli/exit` instead of ending the host process. It unwinds
 * through the guest's stack (a JS exception crossing wasm frames) and reaches
 * whoever called into the component, who reads `code`.
 *
 * It deliberately has no `payload` property: jco-style callers treat errors
 * with a `payload` as the `err` arm of a WIT `result`, which an exit is not.
 */
export class WasiExit extends Error {
  readonly code: number;

  constructor(code: number) {
    super(`the component exited with code ${code} (wasi:cli/exit)`);
    this.name = 'WasiExit';
    this.code = code;
  }
}

/** `instanceof WasiExit`, also across duplicated module copies (same name and a numeric code). */
export function isWasiExit(e: unknown): e is WasiExit {
  if (e instanceof WasiExit) return true;
  return e instanceof Error && e.name === 'WasiExit' && typeof (e as { code?: unknown }).code === 'number';
}

/**
 * A WASI error value (an `error-code` enum case or variant) thrown as the `err`
 * arm of a `result`, following the jco convention: the value is in `payload`.
 * (preview2-shim throws bare strings for the same purpose; jco and our engine
 * accept both.)
 */
export class WasiError extends Error {
  readonly payload: unknown;

  constructor(payload: unknown) {
    super(typeof payload === 'string' ? payload : JSON.stringify(payload));
    this.name = 'WasiError';
    this.payload = payload;
  }
}

/** Throws `code` (a `wasi:filesystem/types` `error-code` case, …) as a WIT `result` error. */
export function fail(code: unknown): never {
  throw new WasiError(code);
}
