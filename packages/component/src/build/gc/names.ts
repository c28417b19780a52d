/**
 * The `name` custom section of a garbage-collected module: the entries of
 * live items under their new indices. Subsections this file does not know
 * are dropped (their indices could be stale); a malformed section is dropped
 * as a whole, since names are only debugging aid.
 */
import { Reader } from '../../reader.js';
import { Writer } from '../../writer.js';
import type { CoreSpace } from './code.js';

/** New index of a live item, undefined for a dead one. */
export type MaybeRemap = (space: CoreSpace, index: number) => number | undefined;

const DIRECT: Record<number, CoreSpace> = {
  1: 'func',
  4: 'type',
  5: 'table',
  6: 'memory',
  7: 'global',
  8: 'elem',
  9: 'data',
  11: 'tag',
};
/** Name maps per item of this space (locals and labels per function, fields per type). */
const INDIRECT: Record<number, CoreSpace> = { 2: 'func', 3: 'func', 10: 'type' };

/** The rewritten payload, or null when nothing is left (or it cannot be read). */
export function rewriteNameSection(data: Uint8Array, remap: MaybeRemap): Uint8Array | null {
  const out = new Writer();
  try {
    const r = new Reader(data);
    while (!r.eof()) {
      const id = r.u8();
      const size = r.u32();
      const start = r.pos;
      const end = start + size;
      if (end > data.length) return null;
      const sub = new Writer();
      let entries = 0;
      if (id === 0) {
        sub.bytes(data.subarray(start, end));
        entries = 1;
      } else if (DIRECT[id] !== undefined) {
        entries = nameMap(
          r,
          end,
          (i) => remap(DIRECT[id], i),
          sub,
          (rr, w) => w.name(rr.name()),
        );
      } else if (INDIRECT[id] !== undefined) {
        entries = nameMap(
          r,
          end,
          (i) => remap(INDIRECT[id], i),
          sub,
          (rr, w) =>
            void nameMap(
              rr,
              end,
              (i) => i,
              w,
              (r3, w3) => w3.name(r3.name()),
            ),
        );
      }
      r.pos = end;
      if (entries === 0) continue;
      const body = sub.finish();
      out.u8(id);
      out.u32(body.length);
      out.bytes(body);
    }
  } catch {
    return null;
  }
  const bytes = out.finish();
  return bytes.length === 0 ? null : bytes;
}

/**
 * Copies a `vec(index, value)` keeping live indices (renumbered); `value`
 * reads one value and writes it. Returns how many entries were kept.
 */
function nameMap(
  r: Reader,
  end: number,
  remap: (i: number) => number | undefined,
  w: Writer,
  value: (r: Reader, w: Writer) => void,
): number {
  const n = r.u32();
  const kept = new Writer();
  let count = 0;
  const skip = new Writer();
  for (let i = 0; i < n; i++) {
    if (r.pos >= end) throw new Error('name map runs past its subsection');
    const idx = r.u32();
    const to = remap(idx);
    if (to === undefined) {
      value(r, skip);
      continue;
    }
    kept.u32(to);
    value(r, kept);
    count++;
  }
  w.u32(count);
  w.bytes(kept.finish());
  return count;
}
