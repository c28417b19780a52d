// Test-only helpers: WAT → component bytes with jco's `parse` (wasm-tools),
// and a per-file count of the assertions that ran (printed after the file).
import { parse } from '@bytecodealliance/jco';
import { afterAll, afterEach, expect } from 'vitest';

export async function wat(source: string): Promise<Uint8Array> {
  return parse(source);
}

/** Prints `[label] N assertions in M tests` when the file finishes. */
export function countAssertions(label: string): void {
  let assertions = 0;
  let tests = 0;
  afterEach(() => {
    assertions += expect.getState().assertionCalls;
    tests++;
  });
  afterAll(() => console.log(`[${label}] ${assertions} assertions in ${tests} tests`));
}
