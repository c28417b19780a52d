/**
 * decode -> encode must reproduce every input byte-identically. The encoder
 * works from the decoded model (nested core modules are re-encoded from their
 * decoded type/import/export/custom sections; only code/data-like sections
 * are copied as raw bytes).
 */
import { parse } from '@bytecodealliance/jco';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryKind, decodeComponent, decodeCoreModule, encodeComponent, encodeCoreModule } from '../src/index.js';
import { assembleCorpus, bytesEqual, firstDiff, shippedWasmSamples, type Sample } from './support/corpus.js';

let corpus: Awaited<ReturnType<typeof assembleCorpus>>;

beforeAll(async () => {
  corpus = await assembleCorpus(parse);
});

/** Round-trip one binary; returns null when identical, else a description. */
function roundTrip(bytes: Uint8Array): string | null {
  const kind = binaryKind(bytes);
  let out: Uint8Array;
  if (kind === 'module') out = encodeCoreModule(decodeCoreModule(bytes));
  else {
    // Eager: every nested module decoded and re-encoded from its model.
    out = encodeComponent(decodeComponent(bytes, { eagerModules: true }));
    // Lazy decode must round-trip too (undecoded modules are copied)…
    const lazy = encodeComponent(decodeComponent(bytes));
    if (!bytesEqual(lazy, bytes)) return `lazy round-trip differs at 0x${firstDiff(lazy, bytes).toString(16)}`;
    // …and so must forcing re-encoding of lazily decoded modules.
    const forced = encodeComponent(decodeComponent(bytes), { reencodeModules: true });
    if (!bytesEqual(forced, bytes)) return `forced re-encode differs at 0x${firstDiff(forced, bytes).toString(16)}`;
  }
  if (!bytesEqual(out, bytes))
    return `differs at 0x${firstDiff(out, bytes).toString(16)} (in ${bytes.length}, out ${out.length})`;
  return null;
}

function check(label: string, samples: Sample[]): void {
  const failures: string[] = [];
  for (const s of samples) {
    const why = roundTrip(s.bytes);
    if (why) failures.push(`${s.name}: ${why}`);
  }
  console.log(`[round-trip] ${label}: ${samples.length - failures.length}/${samples.length} byte-identical`);
  expect(failures).toEqual([]);
}

describe('round-trip', () => {
  it('wit-component interface components', () => {
    console.log(`[corpus] text parse failures (jco parse): ${corpus.parseFailures.length}`);
    for (const f of corpus.parseFailures) console.log(`  ${f.name}: ${f.error}`);
    expect(corpus.witComponent.length).toBeGreaterThanOrEqual(40);
    check('wit-component-interfaces', corpus.witComponent);
  });

  it('component-model-tests valid components', () => {
    expect(corpus.wastValid.length).toBeGreaterThan(250);
    check('component-model-tests (valid components)', corpus.wastValid);
  });

  it('core modules defined inside the wast components', () => {
    expect(corpus.wastCoreModules.length).toBeGreaterThan(100);
    check('component-model-tests (nested core modules, standalone)', corpus.wastCoreModules);
  });

  it('shipped .wasm files in node_modules', () => {
    const samples = shippedWasmSamples();
    expect(samples.length).toBeGreaterThan(5);
    check('node_modules .wasm', samples);
  });
});
