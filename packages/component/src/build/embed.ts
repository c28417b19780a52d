/**
 * `embed`: the `component-type:<world>` custom section (wit-component's
 * metadata format version 4) and, optionally, a placeholder ("dummy") core
 * module that imports and exports everything the world needs under the
 * legacy names.
 */
import type { Resolve } from '@wit-ts/wit-parser';
import { encodeComponent } from '../encode-component.js';
import type { Component, ComponentType } from '../model.js';
import { externName } from '../wit/builder.js';
import { customSection, encodeWorld, producersSection, DEFAULT_PRODUCER } from '../wit/encode.js';
import { nameWorldKey, qualifiedName } from '../wit/resolve-util.js';
import { coreSignature } from './abi.js';
import { interfaceResources, legacyExportName, ROOT_MODULE } from './names.js';
import { appendCustomSection, ModuleBuilder, type Sig } from './wasm.js';

export type StringEncodingName = 'utf8' | 'utf16' | 'compact-utf16';

export interface EmbedOptions {
  encoding?: StringEncodingName;
  /** Create a placeholder module (imports/exports of the world, bodies `unreachable`). */
  dummy?: boolean;
}

export const METADATA_VERSION = 4;
export const ENCODING_SECTION = 'wit-component-encoding';
export const ENCODING_BYTE: Record<StringEncodingName, number> = { utf8: 0, utf16: 1, 'compact-utf16': 2 };

/** The payload of a `component-type` section for world `worldId` (a component, format version 4). */
export function encodeComponentTypeMetadata(
  resolve: Resolve,
  worldId: number,
  encoding: StringEncodingName = 'utf8',
): Uint8Array {
  const world = resolve.worlds[worldId];
  if (world === undefined) throw new Error(`no world with index ${worldId}`);
  if (world.package === undefined) throw new Error(`world \`${world.name}\` belongs to no package`);
  const worldType = encodeWorld(resolve, worldId);
  const outer: ComponentType = {
    kind: 'component',
    decls: [
      { kind: 'type', type: worldType, offset: 0 },
      {
        kind: 'export',
        name: externName(qualifiedName(resolve, world.package, world.name)),
        type: { kind: 'component', type: 0 },
        offset: 0,
      },
    ],
  };
  const meta = () => ({ range: { start: 0, end: 0 }, sizeWidth: 0, padLog: null });
  const c: Component = {
    version: 0x0d,
    layer: 1,
    sections: [
      customSection(ENCODING_SECTION, new Uint8Array([METADATA_VERSION, ENCODING_BYTE[encoding]])),
      { ...meta(), id: 7, kind: 'type', items: [{ type: outer, offset: 0 }] },
      {
        ...meta(),
        id: 11,
        kind: 'export',
        items: [{ name: externName(world.name), sort: 'type', index: 0, type: null, offset: 0 }],
      },
      producersSection(DEFAULT_PRODUCER),
    ],
    range: { start: 0, end: 0 },
  };
  return encodeComponent(c);
}

/**
 * Adds the `component-type:<world>` section to `module` (or to a fresh
 * placeholder module with `dummy`).
 */
export function embedComponentType(
  module: Uint8Array | undefined,
  resolve: Resolve,
  worldId: number,
  options: EmbedOptions = {},
): Uint8Array {
  const encoding = options.encoding ?? 'utf8';
  let base = module;
  if (options.dummy) base = dummyModule(resolve, worldId);
  if (base === undefined) throw new Error('embed needs a core module (or `dummy: true`)');
  const world = resolve.worlds[worldId];
  return appendCustomSection(
    base,
    `component-type:${world.name}`,
    encodeComponentTypeMetadata(resolve, worldId, encoding),
  );
}

const UNREACHABLE = [0x00];
const RESOURCE_NEW: Sig = { params: ['i32'], results: ['i32'] };
const RESOURCE_DROP: Sig = { params: ['i32'], results: [] };

/** A placeholder core module for world `worldId` using the legacy names. */
export function dummyModule(resolve: Resolve, worldId: number): Uint8Array {
  const world = resolve.worlds[worldId];
  const m = new ModuleBuilder();
  // Imports: functions, then resource drops of imported resources.
  for (const { key, item } of world.imports.values()) {
    if (item.kind === 'function') {
      m.importFunc(ROOT_MODULE, item.function.name, coreSignature(resolve, item.function, 'lower'));
    } else if (item.kind === 'interface') {
      const module = nameWorldKey(resolve, key);
      for (const f of resolve.interfaces[item.id].functions.values())
        m.importFunc(module, f.name, coreSignature(resolve, f, 'lower'));
      for (const r of interfaceResources(resolve, item.id))
        m.importFunc(module, `[resource-drop]${r.name}`, RESOURCE_DROP);
    } else if (resolve.types[item.id].kind.kind === 'resource') {
      m.importFunc(ROOT_MODULE, `[resource-drop]${resolve.types[item.id].name!}`, RESOURCE_DROP);
    }
  }
  // Intrinsics of exported resources.
  for (const { key, item } of world.exports.values()) {
    if (item.kind !== 'interface') continue;
    const module = `[export]${nameWorldKey(resolve, key)}`;
    for (const r of interfaceResources(resolve, item.id)) {
      m.importFunc(module, `[resource-drop]${r.name}`, RESOURCE_DROP);
      m.importFunc(module, `[resource-new]${r.name}`, RESOURCE_NEW);
      m.importFunc(module, `[resource-rep]${r.name}`, RESOURCE_NEW);
    }
  }
  m.memory = true;
  m.export('memory', 2, 0);
  const realloc = m.func({ type: { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }, body: UNREACHABLE });
  m.export('cabi_realloc', 0, realloc);
  const exportFunc = (ifaceName: string | null, f: import('@wit-ts/wit-parser').Function) => {
    const sig = coreSignature(resolve, f, 'lift');
    const name = legacyExportName(ifaceName, f);
    m.export(name, 0, m.func({ type: sig, body: UNREACHABLE }));
    if (sig.results.length > 0)
      m.export(`cabi_post_${name}`, 0, m.func({ type: { params: sig.results, results: [] }, body: [] }));
  };
  for (const { key, item } of world.exports.values()) {
    if (item.kind === 'function') exportFunc(null, item.function);
    else if (item.kind === 'interface') {
      const name = nameWorldKey(resolve, key);
      for (const f of resolve.interfaces[item.id].functions.values()) exportFunc(name, f);
      for (const r of interfaceResources(resolve, item.id)) {
        m.export(legacyExportName(name, `[dtor]${r.name}`), 0, m.func({ type: RESOURCE_DROP, body: [] }));
      }
    }
  }
  return m.finish();
}
