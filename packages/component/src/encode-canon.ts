/** Encoding of `canon` definitions, driven by CANON_FORMS (decode-canon.ts). */
import { CANON_FORMS, CANON_OPCODES } from './decode-canon.js';
import { writeCoreValType } from './encode-core-types.js';
import { writeResultList } from './encode-types.js';
import type { Writer } from './writer.js';
import type { Canon, CanonOpt } from './model.js';

export function writeCanonOpts(w: Writer, opts: CanonOpt[]): void {
  w.u32(opts.length);
  for (const o of opts) {
    switch (o.kind) {
      case 'utf8':
        w.u8(0x00);
        break;
      case 'utf16':
        w.u8(0x01);
        break;
      case 'latin1+utf16':
        w.u8(0x02);
        break;
      case 'memory':
        w.u8(0x03);
        w.u32(o.index);
        break;
      case 'realloc':
        w.u8(0x04);
        w.u32(o.index);
        break;
      case 'post-return':
        w.u8(0x05);
        w.u32(o.index);
        break;
      case 'async':
        w.u8(0x06);
        break;
      case 'callback':
        w.u8(0x07);
        w.u32(o.index);
        break;
      case 'core-type':
        w.u8(0x08);
        w.u32(o.index);
        break;
      case 'gc':
        w.u8(0x09);
        break;
    }
  }
}

export function writeCanon(w: Writer, c: Canon): void {
  let opcode = c.opcode;
  if (opcode === undefined || CANON_FORMS.get(opcode)?.kind !== c.kind) opcode = CANON_OPCODES.get(c.kind);
  const form = opcode === undefined ? undefined : CANON_FORMS.get(opcode);
  if (opcode === undefined || form === undefined) throw new Error(`unknown canonical function kind ${c.kind}`);
  w.u8(opcode);
  for (const imm of form.imms) {
    switch (imm) {
      case 'coreFunc':
        w.u8(0x00);
        w.u32(c.coreFunc ?? 0);
        break;
      case 'func':
        w.u8(0x00);
        w.u32(c.func ?? 0);
        break;
      case 'opts':
        writeCanonOpts(w, c.options ?? []);
        break;
      case 'type':
        w.u32(c.type ?? 0);
        break;
      case 'async?':
        w.u8(c.async ? 1 : 0);
        break;
      case 'cancel?':
        w.u8(c.cancellable ? 1 : 0);
        break;
      case 'shared?':
        w.u8(c.shared ? 1 : 0);
        break;
      case 'result':
        writeResultList(w, c.result ?? null);
        break;
      case 'valType':
        writeCoreValType(w, c.valType ?? 0x7f);
        break;
      case 'index':
        w.u32(c.index ?? 0);
        break;
      case 'memory':
        w.u32(c.memory ?? 0);
        break;
      case 'coreType':
        w.u32(c.coreType ?? 0);
        break;
      case 'table':
        w.u32(c.table ?? 0);
        break;
    }
  }
}
