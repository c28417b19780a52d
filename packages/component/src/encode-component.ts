/**
 * Component encoder: re-encodes every section from the decoded model. With
 * the recorded size widths and padded-LEB logs the output is byte-identical
 * to the decoded input; for a freshly built or edited model it is the
 * canonical encoding.
 */
import { writeCanon } from './encode-canon.js';
import { writeCoreTypeDef } from './encode-core-types.js';
import { writeCoreModule, PREAMBLE_MAGIC } from './encode-core-module.js';
import { writeCustomSection } from './encode-custom.js';
import {
  writeAlias,
  writeCoreSort,
  writeDefType,
  writeExternName,
  writeExternType,
  writeSort,
  writeValType,
} from './encode-types.js';
import { Writer } from './writer.js';
import type { Component, ComponentSection } from './model.js';

export interface EncodeOptions {
  /**
   * Core modules that were never decoded (lazy) are copied from their bytes
   * unless this is set, in which case they are decoded and re-encoded.
   */
  reencodeModules?: boolean;
}

export function encodeComponent(c: Component, options: EncodeOptions = {}): Uint8Array {
  const w = new Writer(4096);
  writeComponent(w, c, options.reencodeModules === true);
  return w.finish();
}

function writeComponent(w: Writer, c: Component, reencode: boolean): void {
  w.bytes(PREAMBLE_MAGIC);
  w.u8(c.version & 0xff);
  w.u8(c.version >>> 8);
  w.u8(c.layer & 0xff);
  w.u8(c.layer >>> 8);
  for (const s of c.sections) writeSection(w, s, reencode);
}

function writeSection(w: Writer, s: ComponentSection, reencode: boolean): void {
  switch (s.kind) {
    case 'custom':
      writeCustomSection(w, s);
      return;
    case 'core-module':
      w.frame(1, s.sizeWidth, s.padLog, (b) => {
        if (s.decoded || reencode) writeCoreModule(b, s.module);
        else b.bytes(s.bytes);
      });
      return;
    case 'core-instance':
      w.frame(2, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.items.length);
        for (const i of s.items) {
          if (i.kind === 'instantiate') {
            b.u8(0x00);
            b.u32(i.module);
            b.u32(i.args.length);
            for (const a of i.args) {
              b.name(a.name);
              writeCoreSort(b, a.sort);
              b.u32(a.index);
            }
          } else {
            b.u8(0x01);
            b.u32(i.exports.length);
            for (const e of i.exports) {
              b.name(e.name);
              writeCoreSort(b, e.sort);
              b.u32(e.index);
            }
          }
        }
      });
      return;
    case 'core-type':
      w.frame(3, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.items.length);
        for (const t of s.items) writeCoreTypeDef(b, t);
      });
      return;
    case 'component':
      w.frame(4, s.sizeWidth, s.padLog, (b) => writeComponent(b, s.component, reencode));
      return;
    case 'instance':
      w.frame(5, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.items.length);
        for (const i of s.items) {
          if (i.kind === 'instantiate') {
            b.u8(0x00);
            b.u32(i.component);
            b.u32(i.args.length);
            for (const a of i.args) {
              b.name(a.name);
              writeSort(b, a.sort);
              b.u32(a.index);
            }
          } else {
            b.u8(0x01);
            b.u32(i.exports.length);
            for (const e of i.exports) {
              writeExternName(b, e.name);
              writeSort(b, e.sort);
              b.u32(e.index);
            }
          }
        }
      });
      return;
    case 'alias':
      w.frame(6, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.items.length);
        for (const a of s.items) writeAlias(b, a);
      });
      return;
    case 'type':
      w.frame(7, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.items.length);
        for (const t of s.items) writeDefType(b, t.type);
      });
      return;
    case 'canon':
      w.frame(8, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.items.length);
        for (const c of s.items) writeCanon(b, c);
      });
      return;
    case 'start':
      w.frame(9, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.start.func);
        b.u32(s.start.args.length);
        for (const a of s.start.args) b.u32(a);
        b.u32(s.start.results);
      });
      return;
    case 'import':
      w.frame(10, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.items.length);
        for (const i of s.items) {
          writeExternName(b, i.name);
          writeExternType(b, i.type);
        }
      });
      return;
    case 'export':
      w.frame(11, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.items.length);
        for (const e of s.items) {
          writeExternName(b, e.name);
          writeSort(b, e.sort);
          b.u32(e.index);
          if (e.type === null) b.u8(0x00);
          else {
            b.u8(0x01);
            writeExternType(b, e.type);
          }
        }
      });
      return;
    case 'value':
      w.frame(12, s.sizeWidth, s.padLog, (b) => {
        b.u32(s.items.length);
        for (const v of s.items) {
          writeValType(b, v.type);
          b.u32(v.bytes.length);
          b.bytes(v.bytes);
        }
      });
      return;
  }
}
