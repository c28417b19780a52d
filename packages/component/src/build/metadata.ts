/**
 * Reading `component-type*` sections back: each is a component (metadata
 * format 4) carrying one world and the `wit-component-encoding` section.
 * All sections of a module (and of its adapters) decode into one `Resolve`,
 * where interfaces are shared by name; several worlds are merged into one.
 */
import type { Resolve, World } from '@wit-ts/wit-parser';
import type { ProducersField } from '../model.js';
import { decodeComponent } from '../decode-component.js';
import { decodeWitPackageComponent, emptyResolve } from '../wit/decode.js';
import { mergeProducers } from './custom-sections.js';
import { ENCODING_SECTION, METADATA_VERSION, type StringEncodingName } from './embed.js';

export class ComponentNewError extends Error {
  override name = 'ComponentNewError';
}

const ENCODINGS: StringEncodingName[] = ['utf8', 'utf16', 'compact-utf16'];

export interface DecodedMetadata {
  world: number;
  encoding: StringEncodingName;
  /** The payload's own `producers` section (empty when it has none). */
  producers: ProducersField[];
}

/** Decodes one `component-type` payload into `resolve`; returns its world and string encoding. */
export function decodeMetadataSection(resolve: Resolve, name: string, data: Uint8Array): DecodedMetadata {
  if (data[0] === 0x03)
    throw new ComponentNewError(`custom section \`${name}\` uses the historical format 3, which is not supported`);
  let c;
  try {
    c = decodeComponent(data);
  } catch (e) {
    throw new ComponentNewError(`decoding custom section \`${name}\`: ${(e as Error).message}`);
  }
  let encoding: StringEncodingName | undefined;
  let worldName: string | undefined;
  let producers: ProducersField[] = [];
  for (const s of c.sections) {
    if (s.kind === 'custom' && s.parsed?.kind === 'producers') producers = mergeProducers(producers, s.parsed.fields);
    if (s.kind === 'custom' && s.name === ENCODING_SECTION) {
      if (s.data.length !== 2 || s.data[0] !== METADATA_VERSION) {
        throw new ComponentNewError(
          `custom section \`${ENCODING_SECTION}\` in \`${name}\` uses format ${s.data[0]} but only ${METADATA_VERSION} is supported`,
        );
      }
      encoding = ENCODINGS[s.data[1]];
      if (encoding === undefined)
        throw new ComponentNewError(`invalid string encoding 0x${s.data[1].toString(16)} in \`${name}\``);
    }
    if (s.kind === 'export') for (const e of s.items) if (e.sort === 'type') worldName = e.name.name;
  }
  if (encoding === undefined)
    throw new ComponentNewError(`missing custom section of name \`${ENCODING_SECTION}\` in \`${name}\``);
  if (worldName === undefined) throw new ComponentNewError(`custom section \`${name}\` exports no world`);
  let pkg: number;
  try {
    pkg = decodeWitPackageComponent(c, resolve).package;
  } catch (e) {
    throw new ComponentNewError(`decoding the world in custom section \`${name}\`: ${(e as Error).message}`);
  }
  const world = resolve.packages[pkg].worlds.get(worldName);
  if (world === undefined) throw new ComponentNewError(`custom section \`${name}\` has no world \`${worldName}\``);
  return { world, encoding, producers };
}

/** Decodes every section into a fresh `Resolve`, merging several worlds into one. */
export function decodeAllMetadata(
  sections: { name: string; data: Uint8Array }[],
  resolve: Resolve = emptyResolve(),
): { resolve: Resolve; world: number; encoding: StringEncodingName; producers: ProducersField[] } {
  if (sections.length === 0) {
    // Like wasm-tools: no metadata means an empty world. That is what a
    // preview1 command needs (its adapter brings `wasi:cli/command`); any
    // other import or export then fails to match with a precise message.
    const pkg = resolve.packages.length;
    const world = resolve.worlds.length;
    resolve.packages.push({
      name: { namespace: 'root', name: 'component' },
      docs: {},
      interfaces: new Map(),
      worlds: new Map([['root', world]]),
    });
    resolve.worlds.push({
      name: 'root',
      imports: new Map(),
      exports: new Map(),
      package: pkg,
      docs: {},
      stability: { kind: 'unknown' },
    });
    return { resolve, world, encoding: 'utf8', producers: [] };
  }
  const decoded = sections.map((s) => decodeMetadataSection(resolve, s.name, s.data));
  const encoding = decoded[0].encoding;
  for (let i = 1; i < decoded.length; i++) {
    if (decoded[i].encoding !== encoding)
      throw new ComponentNewError(
        `conflicting string encodings in \`${sections[0].name}\` and \`${sections[i].name}\``,
      );
  }
  const producers = decoded.reduce<ProducersField[]>((acc, d) => mergeProducers(acc, d.producers), []);
  const unique = [...new Set(decoded.map((d) => d.world))];
  if (unique.length === 1) return { resolve, world: unique[0], encoding, producers };
  const first = resolve.worlds[unique[0]];
  const merged: World = {
    name: first.name,
    imports: new Map(),
    exports: new Map(),
    docs: {},
    stability: { kind: 'unknown' },
  };
  if (first.package !== undefined) merged.package = first.package;
  for (const w of unique) {
    for (const [k, v] of resolve.worlds[w].imports) if (!merged.imports.has(k)) merged.imports.set(k, v);
    for (const [k, v] of resolve.worlds[w].exports) {
      if (merged.exports.has(k))
        throw new ComponentNewError(`export \`${k}\` is defined by several \`component-type\` sections`);
      merged.exports.set(k, v);
    }
  }
  resolve.worlds.push(merged);
  return { resolve, world: resolve.worlds.length - 1, encoding, producers };
}
