// Errors surfaced to the host. `ComponentError` is jco's shape for the `err`
// arm of a top-level `result` return (`.payload` carries the value), so host
// code written against jco can catch ours unchanged.
import { Trap } from '@wit-ts/abi';

export class ComponentError extends Error {
  readonly payload: unknown;
  constructor(payload: unknown) {
    super(typeof payload === 'string' ? payload : describePayload(payload));
    this.name = 'ComponentError';
    this.payload = payload;
  }
}

function describePayload(p: unknown): string {
  try {
    return JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(p);
  } catch {
    return String(p);
  }
}

/** Instantiation failures (missing imports, unsupported constructs). */
export class LinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkError';
  }
}

/** A call into an instance that trapped before (the spec forbids re-entry). */
export function poisonedTrap(): never {
  throw new Trap('instance poisoned: a previous call trapped, the component instance may not be entered again');
}

export function reentranceTrap(): never {
  throw new Trap('re-entrance: component instance may not be entered while it is on the stack');
}

export function mayLeaveTrap(): never {
  throw new Trap('may_leave: this operation is not allowed during realloc or post-return');
}

/**
 * jco's `getErrorPayload`: a host function signalling the `err` arm of a
 * `result` throws an object with `payload`; a plain non-Error value thrown is
 * the payload itself; any other Error is a real failure and propagates.
 */
export function errorPayload(e: unknown): unknown {
  if (e !== null && typeof e === 'object' && Object.prototype.hasOwnProperty.call(e, 'payload'))
    return (e as { payload: unknown }).payload;
  if (e instanceof Error) throw e;
  return e;
}
