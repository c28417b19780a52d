/**
 * Core module decoder. Only the parts the component layer needs are decoded
 * (type, import and export sections, custom sections); every other section is
 * kept as a zero-copy view of its body bytes — V8 compiles the module later,
 * so parsing code bodies here would be wasted work.
 */
import { readCoreImport, readRecType } from './decode-core-types.js';
import { readCustomSection, readSectionFrame, readVec, withSectionBody } from './decode-sections.js';
import { Reader } from './reader.js';
import type { CoreExport, CoreModule, CoreModuleSection, CoreRecType } from './model.js';

export const WASM_MAGIC = 0x6d736100;

/** Decode a core module occupying bytes[start, end). Offsets stay absolute. */
export function decodeCoreModule(bytes: Uint8Array, start = 0, end = bytes.length): CoreModule {
  const r = new Reader(bytes, start, end);
  return readCoreModule(r);
}

export function readCoreModule(r: Reader): CoreModule {
  const start = r.pos;
  if (r.end - start < 8) r.fail('unexpected end of module preamble', start);
  const b = r.bytes;
  const magic = (b[start] | (b[start + 1] << 8) | (b[start + 2] << 16) | (b[start + 3] << 24)) >>> 0;
  if (magic !== WASM_MAGIC) r.fail('invalid magic number (expected \\0asm)', start);
  const version = (b[start + 4] | (b[start + 5] << 8) | (b[start + 6] << 16) | (b[start + 7] << 24)) >>> 0;
  if (version !== 1) r.fail(`unsupported core module version 0x${version.toString(16)}`, start + 4);
  r.pos = start + 8;
  const sections: CoreModuleSection[] = [];
  let lastRank = 0;
  while (!r.eof()) {
    const f = readSectionFrame(r);
    lastRank = checkSectionOrder(r, f.id, lastRank, f.start);
    switch (f.id) {
      case 0:
        sections.push(readCustomSection(r, f, false));
        break;
      case 1: {
        const offsets: number[] = [];
        const { value, meta } = withSectionBody(r, f, 'type', () =>
          readVec(r, (r): CoreRecType => {
            offsets.push(r.pos);
            return readRecType(r);
          }),
        );
        sections.push({
          range: meta.range,
          sizeWidth: meta.sizeWidth,
          padLog: meta.padLog,
          id: 1,
          kind: 'type',
          types: value,
          offsets,
        });
        break;
      }
      case 2: {
        const { value, meta } = withSectionBody(r, f, 'import', () => readVec(r, readCoreImport));
        sections.push({
          range: meta.range,
          sizeWidth: meta.sizeWidth,
          padLog: meta.padLog,
          id: 2,
          kind: 'import',
          imports: value,
        });
        break;
      }
      case 7: {
        const { value, meta } = withSectionBody(r, f, 'export', () => readVec(r, readCoreExport));
        sections.push({
          range: meta.range,
          sizeWidth: meta.sizeWidth,
          padLog: meta.padLog,
          id: 7,
          kind: 'export',
          exports: value,
        });
        break;
      }
      default: {
        const body = r.bytes.subarray(f.bodyStart, f.bodyEnd);
        r.pos = f.bodyEnd;
        sections.push({
          range: { start: f.start, end: f.bodyEnd },
          sizeWidth: f.sizeWidth,
          padLog: null,
          id: f.id,
          kind: 'raw',
          body,
        });
      }
    }
  }
  return { version, sections, range: { start, end: r.end } };
}

/**
 * Rank of each non-custom core section id in the order the core spec
 * requires (tag sits between memory and global, data count between element
 * and code). Every section may appear at most once.
 */
const SECTION_RANK: Record<number, number> = {
  1: 1, // type
  2: 2, // import
  3: 3, // function
  4: 4, // table
  5: 5, // memory
  13: 6, // tag
  6: 7, // global
  7: 8, // export
  8: 9, // start
  9: 10, // element
  12: 11, // data count
  10: 12, // code
  11: 13, // data
};

/** Check a section id against the previous rank; returns the new rank. */
function checkSectionOrder(r: Reader, id: number, lastRank: number, at: number): number {
  if (id === 0) return lastRank;
  const rank = SECTION_RANK[id];
  if (rank === undefined) return r.fail(`invalid core section id ${id}`, at);
  if (rank <= lastRank)
    r.fail(
      rank === lastRank
        ? `section out of order (duplicate section id ${id})`
        : `section out of order (section id ${id})`,
      at,
    );
  return rank;
}

/**
 * Cheap structural check of a core module's section sequence, for modules
 * that are decoded lazily: walks the section frames (ids and sizes only,
 * bodies are skipped) and rejects out-of-order or duplicate sections and
 * invalid section ids. Anything else stays for the full decode.
 */
export function scanCoreModuleSections(bytes: Uint8Array, start: number, end: number): void {
  const r = new Reader(bytes, start, end);
  if (end - start < 8) return;
  const magic = (bytes[start] | (bytes[start + 1] << 8) | (bytes[start + 2] << 16) | (bytes[start + 3] << 24)) >>> 0;
  if (magic !== WASM_MAGIC) return;
  r.pos = start + 8;
  let lastRank = 0;
  while (!r.eof()) {
    const f = readSectionFrame(r);
    lastRank = checkSectionOrder(r, f.id, lastRank, f.start);
    r.pos = f.bodyEnd;
  }
}

function readCoreExport(r: Reader): CoreExport {
  const offset = r.pos;
  const name = r.name();
  const kat = r.pos;
  const kind = r.u8();
  if (kind > 4) r.fail(`invalid export kind 0x${kind.toString(16)}`, kat);
  return { name, kind, index: r.u32(), offset };
}
