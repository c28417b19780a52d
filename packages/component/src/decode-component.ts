/**
 * Component decoder: preamble, then every section of Binary.md, recursing
 * into nested components. Nested core modules are decoded lazily (only their
 * byte range is recorded) unless `eagerModules` is set.
 */
import { readCanon } from './decode-canon.js';
import { readCoreTypeDef } from './decode-core-types.js';
import { readCoreModule, scanCoreModuleSections, WASM_MAGIC } from './decode-core-module.js';
import { readCustomSection, readSectionFrame, readVec, withSectionBody, type SectionFrame } from './decode-sections.js';
import {
  readAlias,
  readCoreSort,
  readDefType,
  readExternName,
  readExternType,
  readSort,
  readValType,
} from './decode-types.js';
import { Reader } from './reader.js';
import type {
  Component,
  ComponentModuleSection,
  ComponentSection,
  CoreInstance,
  CoreModule,
  Export,
  Import,
  Instance,
  SectionMeta,
  Start,
  TypeItem,
  Value,
} from './model.js';

export const COMPONENT_VERSION = 0x0d;
export const COMPONENT_LAYER = 1;

export interface DecodeOptions {
  /** Decode nested core modules immediately (default: lazily on first access). */
  eagerModules?: boolean;
}

/** Lazily decoded core module section. */
class LazyModuleSection implements ComponentModuleSection {
  readonly id = 1 as const;
  readonly kind = 'core-module' as const;
  private cached: CoreModule | null = null;
  constructor(
    public range: { start: number; end: number },
    public sizeWidth: number,
    public padLog: number[] | null,
    public bytes: Uint8Array,
    private readonly source: Uint8Array,
  ) {}
  get module(): CoreModule {
    if (this.cached === null) {
      const start = this.range.end - this.bytes.length;
      this.cached = readCoreModule(new Reader(this.source, start, this.range.end));
    }
    return this.cached;
  }
  get decoded(): boolean {
    return this.cached !== null;
  }
}

/** Which kind of binary the preamble announces. */
export function binaryKind(bytes: Uint8Array): 'component' | 'module' | null {
  if (bytes.length < 8) return null;
  const magic = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
  if (magic !== WASM_MAGIC) return null;
  if (bytes[6] === 0 && bytes[7] === 0) return 'module';
  if (bytes[6] === COMPONENT_LAYER && bytes[7] === 0) return 'component';
  return null;
}

export function decodeComponent(bytes: Uint8Array, options: DecodeOptions = {}): Component {
  const r = new Reader(bytes);
  return readComponent(r, options.eagerModules === true);
}

/** Decode either kind of binary, dispatching on the preamble's layer field. */
export function decodeBinary(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): { kind: 'component'; component: Component } | { kind: 'module'; module: CoreModule } {
  if (binaryKind(bytes) === 'module') return { kind: 'module', module: readCoreModule(new Reader(bytes)) };
  return { kind: 'component', component: decodeComponent(bytes, options) };
}

function readComponent(r: Reader, eager: boolean): Component {
  const start = r.pos;
  if (r.end - start < 8) r.fail('unexpected end of component preamble', start);
  const b = r.bytes;
  const magic = (b[start] | (b[start + 1] << 8) | (b[start + 2] << 16) | (b[start + 3] << 24)) >>> 0;
  if (magic !== WASM_MAGIC) r.fail('invalid magic number (expected \\0asm)', start);
  const version = b[start + 4] | (b[start + 5] << 8);
  const layer = b[start + 6] | (b[start + 7] << 8);
  if (layer !== COMPONENT_LAYER) {
    r.fail(
      layer === 0 ? 'expected a component, found a core module' : `invalid layer 0x${layer.toString(16)}`,
      start + 6,
    );
  }
  if (version !== COMPONENT_VERSION) r.fail(`unsupported component version 0x${version.toString(16)}`, start + 4);
  r.pos = start + 8;
  const sections: ComponentSection[] = [];
  while (!r.eof()) sections.push(readSection(r, eager));
  return { version, layer, sections, range: { start, end: r.end } };
}

function vecSection<T>(
  r: Reader,
  f: SectionFrame,
  what: string,
  item: (r: Reader) => T,
): { items: T[]; meta: SectionMeta } {
  const { value, meta } = withSectionBody(r, f, what, () => readVec(r, item));
  return { items: value, meta };
}

function readSection(r: Reader, eager: boolean): ComponentSection {
  const f = readSectionFrame(r);
  switch (f.id) {
    case 0:
      return readCustomSection(r, f, true);
    case 1: {
      const { value, meta } = withSectionBody(r, f, 'core module', () => {
        const bytes = r.bytes.subarray(f.bodyStart, f.bodyEnd);
        r.pos = f.bodyEnd;
        return bytes;
      });
      const s = new LazyModuleSection(meta.range, meta.sizeWidth, meta.padLog, value, r.bytes);
      if (eager) void s.module;
      else scanCoreModuleSections(r.bytes, f.bodyStart, f.bodyEnd);
      return s;
    }
    case 2: {
      const { items, meta } = vecSection(r, f, 'core instance', readCoreInstance);
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 2, kind: 'core-instance', items };
    }
    case 3: {
      const { items, meta } = vecSection(r, f, 'core type', readCoreTypeDef);
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 3, kind: 'core-type', items };
    }
    case 4: {
      const { value, meta } = withSectionBody(r, f, 'component', () => {
        r.enter();
        const c = readComponent(r, eager);
        r.leave();
        return c;
      });
      return {
        range: meta.range,
        sizeWidth: meta.sizeWidth,
        padLog: meta.padLog,
        id: 4,
        kind: 'component',
        component: value,
      };
    }
    case 5: {
      const { items, meta } = vecSection(r, f, 'instance', readInstance);
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 5, kind: 'instance', items };
    }
    case 6: {
      const { items, meta } = vecSection(r, f, 'alias', readAlias);
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 6, kind: 'alias', items };
    }
    case 7: {
      const { items, meta } = vecSection(r, f, 'type', (r): TypeItem => {
        const offset = r.pos;
        return { type: readDefType(r), offset };
      });
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 7, kind: 'type', items };
    }
    case 8: {
      const { items, meta } = vecSection(r, f, 'canon', readCanon);
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 8, kind: 'canon', items };
    }
    case 9: {
      const { value, meta } = withSectionBody(r, f, 'start', () => readStart(r));
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 9, kind: 'start', start: value };
    }
    case 10: {
      const { items, meta } = vecSection(r, f, 'import', readImport);
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 10, kind: 'import', items };
    }
    case 11: {
      const { items, meta } = vecSection(r, f, 'export', readExport);
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 11, kind: 'export', items };
    }
    case 12: {
      const { items, meta } = vecSection(r, f, 'value', readValue);
      return { range: meta.range, sizeWidth: meta.sizeWidth, padLog: meta.padLog, id: 12, kind: 'value', items };
    }
    default:
      return r.fail(`invalid component section id ${f.id}`, f.start);
  }
}

function readCoreInstance(r: Reader): CoreInstance {
  const offset = r.pos;
  const tag = r.u8();
  if (tag === 0x00) {
    const module = r.u32();
    const args = readVec(r, (r) => {
      const name = r.name();
      // Binary.md: core:instantiatearg ::= n:<core:name> 0x12 i:<instanceidx>
      const at = r.pos;
      const kind = r.u8();
      if (kind !== 0x12) r.fail(`invalid leading byte (0x${kind.toString(16)}) for instantiation arg kind`, at);
      return { name, sort: 'instance' as const, index: r.u32() };
    });
    return { kind: 'instantiate', module, args, offset };
  }
  if (tag === 0x01) {
    const exports = readVec(r, (r) => {
      const name = r.name();
      const sort = readCoreSort(r);
      return { name, sort, index: r.u32() };
    });
    return { kind: 'exports', exports, offset };
  }
  return r.fail(`invalid core instance form 0x${tag.toString(16)}`, offset);
}

function readInstance(r: Reader): Instance {
  const offset = r.pos;
  const tag = r.u8();
  if (tag === 0x00) {
    const component = r.u32();
    const args = readVec(r, (r) => {
      const name = r.name();
      const sort = readSort(r);
      return { name, sort, index: r.u32() };
    });
    return { kind: 'instantiate', component, args, offset };
  }
  if (tag === 0x01) {
    const exports = readVec(r, (r) => {
      const name = readExternName(r);
      const sort = readSort(r);
      return { name, sort, index: r.u32() };
    });
    return { kind: 'exports', exports, offset };
  }
  return r.fail(`invalid instance form 0x${tag.toString(16)}`, offset);
}

function readStart(r: Reader): Start {
  const offset = r.pos;
  const func = r.u32();
  const args = readVec(r, (r) => r.u32());
  return { func, args, results: r.u32(), offset };
}

function readImport(r: Reader): Import {
  const offset = r.pos;
  const name = readExternName(r);
  return { name, type: readExternType(r), offset };
}

function readExport(r: Reader): Export {
  const offset = r.pos;
  const name = readExternName(r);
  const sort = readSort(r);
  const index = r.u32();
  const at = r.pos;
  const flag = r.u8();
  let type = null;
  if (flag === 0x01) type = readExternType(r);
  else if (flag !== 0x00) r.fail(`invalid optional extern type flag 0x${flag.toString(16)}`, at);
  return { name, sort, index, type, offset };
}

function readValue(r: Reader): Value {
  const offset = r.pos;
  const type = readValType(r);
  const len = r.u32();
  return { type, bytes: r.take(len), offset };
}
