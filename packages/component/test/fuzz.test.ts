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
import { decodeComponent, DecodeError, encodeComponent, validateComponent, Writer } from '../src/index.js';
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
  fc.record({
    op: fc.constant('insert' as const),
    pos: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
  }),
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

  it('section-aware mutations (sizes fixed up) reach the validator without crashing it', () => {
    // Mutating inside one top-level section and re-writing its size keeps the
    // framing intact, so far more inputs decode and exercise the validator.
    const framed = seeds.map((b) => ({ bytes: b, sections: decodeComponent(b).sections.map((x) => x.range) }));
    const stats = { runs: 0, decoded: 0, invalid: 0 };
    fc.assert(
      fc.property(
        fc.nat(framed.length - 1),
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 2 }),
        (si, sec, muts) => {
          stats.runs++;
          const { bytes, sections } = framed[si];
          if (sections.length === 0) return true;
          const range = sections[sec % sections.length];
          // Body starts after the id byte and the size LEB.
          let p = range.start + 1;
          while (bytes[p] & 0x80) p++;
          p++;
          const body = mutate(bytes.subarray(p, range.end), muts);
          const w = new Writer();
          w.bytes(bytes.subarray(0, range.start));
          w.u8(bytes[range.start]);
          w.u32(body.length);
          w.bytes(body);
          w.bytes(bytes.subarray(range.end));
          const input = w.finish();
          let c;
          try {
            c = decodeComponent(input, { eagerModules: true });
          } catch (e) {
            if (e instanceof DecodeError) return true;
            throw e;
          }
          stats.decoded++;
          if (!bytesEqual(encodeComponent(c), input))
            throw new Error('decodable input did not re-encode byte-identically');
          if (validateComponent(c).length) stats.invalid++;
          return true;
        },
      ),
      { seed: 0xc0ffee, numRuns: 6_000 },
    );
    console.log(
      `[fuzz] ${stats.runs} section-aware mutations: ${stats.decoded} decoded, ${stats.invalid} of those rejected by the validator`,
    );
  });
});
