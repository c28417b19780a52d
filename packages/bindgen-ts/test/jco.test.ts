// Our host declarations against jco's `types` (instantiation: 'async'),
// compared structurally over a sample of worlds (see shape.ts for the
// normalisations).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { types } from '@bytecodealliance/jco';
import { resolvePath } from '@wit-ts/wit-parser';
import { generateGuestUnformatted, generateHostUnformatted, pascalCase } from '../src/index.js';
import { CORPUS } from './corpus.js';
import { diffShapes, jcoExportsInterface, shapeOf, type Shape } from './shape.js';

const CODEGEN = join(CORPUS, 'wit-bindgen-codegen');
/** Single-file codegen inputs without async features (jco types those differently: PromiseLike / AsyncIterable / number). */
const SAMPLE = [
  'char.wit',
  'conventions.wit',
  'empty.wit',
  'enum-has-go-keyword.wit',
  'flags.wit',
  'floats.wit',
  'fully-qualified-java-address.wit',
  'go_params.wit',
  'guest-name.wit',
  'import-and-export-resource-alias.wit',
  'import-and-export-resource.wit',
  'import-func.wit',
  'integers.wit',
  'interface-has-go-keyword.wit',
  'issue544.wit',
  'issue551.wit',
  'issue573.wit',
  'issue607.wit',
  'issue668.wit',
  'just-export.wit',
  'keywords.wit',
  'lists.wit',
  'many-arguments.wit',
  'multi-return.wit',
  'option-result.wit',
  'record-has-go-keyword-and-used-in-fn.wit',
  'records.wit',
  'rename-interface.wit',
  'resource-alias.wit',
  'resource-borrow-in-record.wit',
  'resource-borrow-in-record-export.wit',
  'resource-own-in-other-interface.wit',
  'resources.wit',
  'resources-in-aggregates.wit',
  'resources-with-lists.wit',
  'result-empty.wit',
  'ret-areas.wit',
  'return-resource-from-export.wit',
  'same-names1.wit',
  'same-names2.wit',
  'same-names3.wit',
  'same-names4.wit',
  'same-names5.wit',
  'simple-enum.wit',
  'simple-functions.wit',
  'simple-lists.wit',
  'simple-option.wit',
  'small-anonymous.wit',
  'smoke.wit',
  'smoke-default.wit',
  'smoke-export.wit',
  'strings.wit',
  'unused-import.wit',
  'use-across-interfaces.wit',
  'variants.wit',
  'worlds-with-types.wit',
  'keywords-in-interfaces-and-worlds.wit',
].filter((n) => {
  try {
    return !/\b(future|stream|error-context|async)\b/.test(readFileSync(join(CODEGEN, n), 'utf8'));
  } catch {
    return false;
  }
});

const dec = new TextDecoder();

interface Compared {
  label: string;
  files: number;
  diffs: string[];
}

async function compareWorld(path: string, worldName: string): Promise<Compared> {
  const resolve = resolvePath(path);
  const pkg = resolve.packages[resolve.main!];
  const worldId = pkg.worlds.get(worldName)!;
  const ours = new Map(generateHostUnformatted(resolve, worldId).map((f) => [f.path, f.contents]));
  const theirsRaw = await types(path, { worldName, instantiation: 'async', name: 'world' });
  const theirs = new Map(Object.entries(theirsRaw).map(([k, v]) => [k, dec.decode(v)]));
  const diffs: string[] = [];
  let files = 0;
  for (const [p, text] of theirs) {
    let ourShape: Shape;
    let theirShape: Shape;
    if (p === 'world.d.ts') {
      const wp = pascalCase(worldName);
      const ourPath = [...ours.keys()].find((k) => !k.includes('/') && k.endsWith('.ts') && !k.endsWith('.d.ts'))!;
      const ourText = ours.get(ourPath)!;
      const jcoExports = jcoExportsInterface(text) ?? wp;
      // Our interface names are `<World>Imports` / `<World>Exports` (deduplicated with a suffix on collision).
      const ourImports = /export interface (\w+Imports\d*) \{/.exec(ourText)?.[1] ?? `${wp}Imports`;
      const ourExports = /export interface (\w+Exports\d*) \{/.exec(ourText)?.[1] ?? `${wp}Exports`;
      theirShape = shapeOf(p, text, {
        rename: new Map([
          ['ImportObject', '$imports'],
          [jcoExports, '$exports'],
        ]),
        world: true,
        skip: new Set(['instantiate']),
      });
      ourShape = shapeOf(ourPath, ourText, {
        rename: new Map([
          [ourImports, '$imports'],
          [ourExports, '$exports'],
        ]),
        world: true,
        // jco names its exports interface after the world, shadowing a world type of that name (same-names5).
        skip: new Set(['instantiate', 'ComponentError', 'InstantiateOptions', jcoExports]),
      });
      // jco omits an empty ImportObject.
      if (!theirShape.has('$imports') && ourShape.get('$imports') === '{}') ourShape.delete('$imports');
    } else {
      const ourText = ours.get(p.replace(/^interfaces\//, 'exports/')) ?? ours.get(p);
      if (ourText === undefined) {
        diffs.push(`${p}: no such file of ours`);
        continue;
      }
      theirShape = shapeOf(p, text);
      ourShape = shapeOf(p, ourText);
    }
    files++;
    for (const d of diffShapes(ourShape, theirShape)) diffs.push(`${p}: ${d}`);
  }
  return {
    label: `${path.split('/').slice(-1)[0] === 'wit' ? path.split('/').slice(-2).join('/') : path.split('/').pop()}#${worldName}`,
    files,
    diffs,
  };
}

/**
 * Known, documented differences (label → diff line prefixes):
 * - issue573: a world `use iface.{t10}` where `type t10 = t9`: jco prints the
 *   alias target (`= …T9`), we keep the alias (`= …T10`); the same type.
 */
const KNOWN: Record<string, string[]> = {
  'issue573.wit#types-example': ['world.d.ts: differs T10:'],
  'guest issue573.wit#types-example': ['world.d.ts: differs T10:'],
};

/** Extra sample: WASI 0.2.12 (wasi:http) worlds. */
const EXTRA = [join(CORPUS, 'wasi/0.2.12/wit')];

/** Guest mode: every jco guest-types module (interfaces and the world module) against ours. */
async function compareGuest(path: string, worldName: string): Promise<Compared> {
  const resolve = resolvePath(path);
  const worldId = resolve.packages[resolve.main!].worlds.get(worldName)!;
  const ours = new Map(generateGuestUnformatted(resolve, worldId).map((f) => [f.path, f.contents]));
  const theirs = await types(path, { worldName, guest: true, name: 'world' });
  const diffs: string[] = [];
  let files = 0;
  for (const [p, bytes] of Object.entries(theirs)) {
    const text = dec.decode(bytes);
    const ourText =
      p === 'world.d.ts' ? [...ours].find(([k]) => !k.includes('/') && k !== 'wit-types.d.ts')?.[1] : ours.get(p);
    if (ourText === undefined) {
      diffs.push(`${p}: no such file of ours`);
      continue;
    }
    files++;
    for (const d of diffShapes(shapeOf(p, ourText), shapeOf(p, text))) diffs.push(`${p}: ${d}`);
  }
  return { label: `guest ${path.split('/').pop()}#${worldName}`, files, diffs };
}

describe('host declarations match jco types', () => {
  it(`same exported names and type shapes over ${SAMPLE.length} codegen inputs`, async () => {
    const results: Compared[] = [];
    for (const n of SAMPLE) {
      const path = join(CODEGEN, n);
      const r = resolvePath(path);
      for (const w of r.packages[r.main!].worlds.keys()) results.push(await compareWorld(path, w));
    }
    for (const path of EXTRA) {
      const r = resolvePath(path);
      for (const w of r.packages[r.main!].worlds.keys()) results.push(await compareWorld(path, w));
    }
    const known = results.filter((r) =>
      r.diffs.some((d) => (KNOWN[r.label] ?? []).some((k) => d.startsWith(k))),
    ).length;
    for (const r of results) r.diffs = r.diffs.filter((d) => !(KNOWN[r.label] ?? []).some((k) => d.startsWith(k)));
    const bad = results.filter((r) => r.diffs.length > 0);
    const files = results.reduce((a, r) => a + r.files, 0);
    console.log(
      `[bindgen-ts] jco comparison: ${results.length} worlds, ${files} files compared, ${results.length - bad.length} worlds identical (${known} only by documented differences)`,
    );
    for (const b of bad) console.log(`  ${b.label}\n    ${b.diffs.join('\n    ')}`);
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(bad.map((b) => b.label)).toEqual([]);
  });
});

describe('guest declarations match jco guest-types', () => {
  it(`same module exports and type shapes over ${SAMPLE.length} codegen inputs`, async () => {
    const results: Compared[] = [];
    for (const n of SAMPLE) {
      const path = join(CODEGEN, n);
      const r = resolvePath(path);
      for (const w of r.packages[r.main!].worlds.keys()) results.push(await compareGuest(path, w));
    }
    const known = results.filter((r) =>
      r.diffs.some((d) => (KNOWN[r.label] ?? []).some((k) => d.startsWith(k))),
    ).length;
    for (const r of results) r.diffs = r.diffs.filter((d) => !(KNOWN[r.label] ?? []).some((k) => d.startsWith(k)));
    const bad = results.filter((r) => r.diffs.length > 0);
    const files = results.reduce((a, r) => a + r.files, 0);
    console.log(
      `[bindgen-ts] jco guest comparison: ${results.length} worlds, ${files} modules compared, ${results.length - bad.length} worlds identical (${known} only by documented differences)`,
    );
    for (const b of bad) console.log(`  ${b.label}\n    ${b.diffs.join('\n    ')}`);
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(bad.map((b) => b.label)).toEqual([]);
  });
});
