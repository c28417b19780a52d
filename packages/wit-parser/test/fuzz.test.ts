// Fuzzing the front end: mutated corpus files (byte flips, token deletions,
// truncations, splices) go through parse + resolve. The only acceptable
// outcomes are a Resolve or diagnostics: never a thrown exception, never an
// input that takes over a second.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../src/index.js';
import { corpusRoot, filesUnder, hasCorpus } from './support/corpus.js';

const RUNS = 10_000;
const SLOW_MS = 1000;

const sources = hasCorpus ? filesUnder(corpusRoot, '.wit').map((p) => readFileSync(p, 'utf8')) : [];
// Files that resolve on their own: mutating these reaches deep into the
// resolver instead of stopping at a missing foreign package.
const resolvable = sources.filter((text) => checkSource(text, 'fuzz.wit').diagnostics.length === 0);

/** Splits text into rough tokens (words, punctuation, whitespace) for token-level edits. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9_%@.-]+|\s+|./gsu) ?? [];
}

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'delete-token'; at: number }
  | { kind: 'duplicate-token'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('delete-token' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-token' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '{',
      '}',
      '<',
      '>',
      '(',
      ')',
      ';',
      ',',
      ':',
      '/',
      '@',
      '%',
      '/*',
      '"',
      '\u202e',
      '\0',
      'use ',
      'package a:b;',
      'resource',
      'borrow<',
      'func',
      '-> ',
      'interface x {',
      'include',
      'world',
      '@unstable(feature = x)',
    ),
  }),
);

function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'flip': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      const at = m.at % bytes.length;
      bytes[at] ^= 1 << m.bit;
      return bytes.toString('utf8');
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete-token':
    case 'duplicate-token': {
      const parts = tokens(text);
      if (parts.length === 0) return text;
      const at = m.at % parts.length;
      if (m.kind === 'delete-token') parts.splice(at, 1);
      else parts.splice(at, 0, parts[at]);
      return parts.join('');
    }
  }
}

describe.skipIf(!hasCorpus)('front-end fuzzing', () => {
  it(`survives ${RUNS} mutated corpus files with diagnostics only`, () => {
    let slowest = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (deep, index, mutations) => {
          const pool = deep ? resolvable : sources;
          const original = pool[index % pool.length];
          if (deep) mutations = mutations.slice(0, 1);
          const mutated = mutations.reduce(applyMutation, original);
          const started = performance.now();
          const result = checkSource(mutated, 'fuzz.wit');
          const elapsed = performance.now() - started;
          slowest = Math.max(slowest, elapsed);
          if (result.diagnostics.some((d) => d.severity === 'error')) rejected++;
          // Every diagnostic must render without throwing either.
          for (const d of result.diagnostics) result.render(d, { color: false });
          return elapsed < SLOW_MS;
        },
      ),
      { numRuns: RUNS, seed: 0x77175, endOnFailure: true },
    );
    console.log(
      `fuzz: ${RUNS} inputs (${resolvable.length} of ${sources.length} seed files resolve alone), ${rejected} rejected with diagnostics, slowest ${slowest.toFixed(1)} ms`,
    );
    expect(sources.length).toBeGreaterThan(100);
    expect(resolvable.length).toBeGreaterThan(100);
  });
});
