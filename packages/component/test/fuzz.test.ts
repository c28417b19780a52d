/**
 * Mutation fuzzing (fast-check, fixed seed): byte flips, byte sets,
 * truncations, insertions and deletions applied to real component binaries.
 * Decoding must either succeed or throw DecodeError — never any other
 * exception — and validation of whatever decodes must not throw. Whatever
 * decodes must also re-encode byte-identically (the model loses nothing).
 */
import { parse } from '@bytecodealliance/jco';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeComponent, DecodeError, encodeComponent, validateComponent } from '../src/index.js';
import { assembleCorpus, bytesEqual } from './support/corpus.js';

let seeds: Uint8Array[] = [];

beforeAll(async () => {
  const corpus = await assembleCorpus(parse);
  // Small and medium inputs keep each run cheap while covering all sections.
  seeds = [...corpus.witComponent, ...corpus.wastValid].map((s) => s.bytes).filter((b) => b.length <= 4096);
});

type Mutation =
  | { op: 'flip'; pos: number; bit: number }
  | { op: 'set'; pos: number; value: number }
  | { op: 'truncate'; pos: number }
  | { op: 'insert'; pos: number; bytes: number[] }
  | { op: 'delete'; pos: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), pos: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), pos: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), pos: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), pos: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('delete' as const), pos: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }),
);

function mutate(input: Uint8Array, muts: Mutation[]): Uint8Array {
  let b = Array.from(input);
  for (const m of muts) {
    // Keep the 8-byte preamble intact most of the time so mutations reach sections.
    const pos = b.length === 0 ? 0 : m.pos % b.length;
    switch (m.op) {
      case 'flip':
        if (b.length) b[pos] ^= 1 << m.bit;
        break;
      case 'set':
        if (b.length) b[pos] = m.value;
        break;
      case 'truncate':
        b = b.slice(0, pos);
        break;
      case 'insert':
        b.splice(pos, 0, ...m.bytes);
        break;
      case 'delete':
        b.splice(pos, m.len);
        break;
    }
  }
  return new Uint8Array(b);
}

describe('fuzz', () => {
  it('mutated components decode to a model or a DecodeError, never a crash', () => {
    expect(seeds.length).toBeGreaterThan(100);
    const stats = { runs: 0, decoded: 0, decodeErrors: 0, validated: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (si, muts) => {
        stats.runs++;
        const bytes = mutate(seeds[si], muts);
        let c;
        try {
          c = decodeComponent(bytes, { eagerModules: true });
        } catch (e) {
          if (e instanceof DecodeError) {
            stats.decodeErrors++;
            return true;
          }
          throw e;
        }
        stats.decoded++;
        const out = encodeComponent(c);
        if (!bytesEqual(out, bytes)) throw new Error('decodable input did not re-encode byte-identically');
        const issues = validateComponent(c);
        stats.validated++;
        if (issues.length) stats.invalid++;
        return true;
      }),
      { seed: 0x5eed, numRuns: 12_000 },
    );
    console.log(
      `[fuzz] ${stats.runs} mutated binaries: ${stats.decodeErrors} DecodeError, ${stats.decoded} decoded (all re-encoded identically), ${stats.invalid} of those rejected by the validator`,
    );
    expect(stats.runs).toBeGreaterThanOrEqual(10_000);
  });
});
