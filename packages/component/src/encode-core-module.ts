/**
 * Core module encoder: type/import/export sections are re-encoded from the
 * decoded form, custom sections via encode-custom, all other sections (code,
 * data, ...) are written back from their raw body bytes.
 */
import { writeCoreImport, writeRecType } from './encode-core-types.js';
import { writeCustomSection } from './encode-custom.js';
import { Writer } from './writer.js';
import type { CoreModule } from './model.js';

export function writeCoreModule(w: Writer, m: CoreModule): void {
  w.bytes(PREAMBLE_MAGIC);
  const v = m.version;
  w.u8(v & 0xff);
  w.u8((v >>> 8) & 0xff);
  w.u8((v >>> 16) & 0xff);
  w.u8((v >>> 24) & 0xff);
  for (const s of m.sections) {
    switch (s.kind) {
      case 'custom':
        writeCustomSection(w, s);
        break;
      case 'type':
        w.frame(1, s.sizeWidth, s.padLog, (b) => {
          b.u32(s.types.length);
          for (const t of s.types) writeRecType(b, t);
        });
        break;
      case 'import':
        w.frame(2, s.sizeWidth, s.padLog, (b) => {
          b.u32(s.imports.length);
          for (const i of s.imports) writeCoreImport(b, i);
        });
        break;
      case 'export':
        w.frame(7, s.sizeWidth, s.padLog, (b) => {
          b.u32(s.exports.length);
          for (const e of s.exports) {
            b.name(e.name);
            b.u8(e.kind);
            b.u32(e.index);
          }
        });
        break;
      case 'raw':
        w.u8(s.id);
        w.u32(s.body.length, s.sizeWidth);
        w.bytes(s.body);
        break;
    }
  }
}

export const PREAMBLE_MAGIC = new Uint8Array([0x00, 0x61, 0x73, 0x6d]);

export function encodeCoreModule(m: CoreModule): Uint8Array {
  const w = new Writer(1024);
  writeCoreModule(w, m);
  return w.finish();
}
