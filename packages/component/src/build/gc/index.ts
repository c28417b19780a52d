/**
 * Garbage collection of a core module (what wit-component does to
 * adapters): keep the exports `keepExports` accepts, drop every other
 * export, and everything no longer reachable from what is kept; re-encode
 * with every index renumbered.
 */
import { encodeLive } from './encode.js';
import { liveness } from './liveness.js';
import { readGcModule } from './module.js';

export function gcCoreModule(bytes: Uint8Array, keepExports: (name: string) => boolean): Uint8Array {
  const m = readGcModule(bytes);
  return encodeLive(m, liveness(m, keepExports), keepExports);
}
