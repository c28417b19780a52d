// Test-only helpers: WAT → component bytes with jco's `parse` (wasm-tools).
import { parse } from '@bytecodealliance/jco';

export async function wat(source: string): Promise<Uint8Array> {
  return parse(source);
}
