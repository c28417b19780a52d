/**
 * Custom section encoding. Parsed payloads (component-name, producers) are
 * re-encoded from their structured form; anything else is opaque and its raw
 * payload is written back.
 */
import { writeSort } from './encode-types.js';
import type { Writer } from './writer.js';
import type { CustomPayload, CustomSection } from './model.js';

export function writeCustomSection(w: Writer, s: CustomSection): void {
  w.frame(0, s.sizeWidth, s.padLog, (b) => {
    b.name(s.name);
    if (s.parsed) writeCustomPayload(b, s.parsed);
    else b.bytes(s.data);
  });
}

function writeCustomPayload(w: Writer, p: CustomPayload): void {
  if (p.kind === 'producers') {
    w.u32(p.fields.length);
    for (const f of p.fields) {
      w.name(f.name);
      w.u32(f.values.length);
      for (const v of f.values) {
        w.name(v.name);
        w.name(v.version);
      }
    }
    return;
  }
  for (const sub of p.subsections) {
    switch (sub.kind) {
      case 'component':
        w.frame(0, sub.sizeWidth, 'inherit', (b) => b.name(sub.name));
        break;
      case 'sort':
        w.frame(1, sub.sizeWidth, 'inherit', (b) => {
          writeSort(b, sub.sort);
          b.u32(sub.names.length);
          for (const n of sub.names) {
            b.u32(n.index);
            b.name(n.name);
          }
        });
        break;
      case 'unknown':
        w.frame(sub.id, sub.sizeWidth, 'inherit', (b) => b.bytes(sub.data));
        break;
    }
  }
}
