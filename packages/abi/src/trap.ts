// Traps: every `trap_if` of the Canonical ABI explainer becomes a `Trap`.
// `Trap` derives from `WebAssembly.RuntimeError` so embedders can treat ABI
// violations exactly like core wasm traps (both poison the instance).
import './wasm-types.js';

export class Trap extends WebAssembly.RuntimeError {
  constructor(message: string) {
    super(message);
    this.name = 'Trap';
  }
}

/** Throws a `Trap`; the message should start with the name of the violated rule. */
export function trap(message: string): never {
  throw new Trap(message);
}
