// Size and alignment rules of the Canonical ABI ("Alignment" and "Element
// Size" sections). Types cache their layout when constructed (see types.ts),
// so `alignment(t)`/`elemSize(t)` are O(1) reads; the helpers below hold the
// actual spec arithmetic used while constructing types.
import type { AbiType } from './types.js';

/** Only 32-bit memories are supported (see README of the package). */
export const PTR_SIZE = 4;

export function alignTo(ptr: number, alignment: number): number {
  return Math.ceil(ptr / alignment) * alignment;
}

export function alignment(t: AbiType): number {
  return t.align;
}

export function elemSize(t: AbiType): number {
  return t.size;
}

/**
 * `discriminant_type`: the smallest unsigned integer covering the case count,
 * returned as its byte width (u8 → 1, u16 → 2, u32 → 4).
 */
export function discriminantSize(numCases: number): 1 | 2 | 4 {
  if (!(numCases > 0 && numCases < 2 ** 32)) throw new RangeError(`variant must have 1..2^32-1 cases, got ${numCases}`);
  if (numCases <= 0x100) return 1;
  if (numCases <= 0x10000) return 2;
  return 4;
}

/**
 * Flags are packed bit-vectors in the smallest integer that fits. The current
 * spec caps flags at 32; more than 32 flags use the older N×u32 layout
 * (what jco and older components still produce) as an extension.
 */
export function flagsSize(n: number): number {
  if (n <= 0) throw new RangeError('flags must have at least one label');
  if (n <= 8) return 1;
  if (n <= 16) return 2;
  return 4 * Math.ceil(n / 32);
}

export function flagsAlign(n: number): number {
  if (n <= 8) return 1;
  if (n <= 16) return 2;
  return 4;
}
