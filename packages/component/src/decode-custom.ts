/**
 * Custom sections: the raw payload is always kept; `component-name` and
 * `producers` are additionally parsed. A malformed name/producers payload is
 * not an error (engines must not reject components for it) — `parsed` is
 * simply null and the raw bytes are re-emitted.
 */
import { DecodeError } from './errors.js';
import { readSort } from './decode-types.js';
import { Reader } from './reader.js';
import type { ComponentNameSubsection, CustomPayload, NameMapEntry, ProducersField } from './model.js';

/**
 * Parse the payload [start, end) of a custom section named `name`. Padded
 * LEBs are logged relative to `base` (the section body start) so they merge
 * with the section's own log.
 */
export function parseCustomPayload(
  name: string,
  bytes: Uint8Array,
  start: number,
  end: number,
  base: number,
): { parsed: CustomPayload | null; padLog: number[] | null } {
  if (name !== 'component-name' && name !== 'producers') return { parsed: null, padLog: null };
  const r = new Reader(bytes, start, end);
  r.padBase = base;
  try {
    const parsed = name === 'component-name' ? parseComponentNames(r) : parseProducers(r);
    return { parsed, padLog: r.padLog };
  } catch (e) {
    if (e instanceof DecodeError) return { parsed: null, padLog: null };
    throw e;
  }
}

function parseComponentNames(r: Reader): CustomPayload {
  const subsections: ComponentNameSubsection[] = [];
  while (!r.eof()) {
    const id = r.u8();
    const sizeStart = r.pos;
    const size = r.u32();
    const sizeWidth = r.pos - sizeStart;
    const bodyEnd = r.pos + size;
    if (bodyEnd > r.end) r.fail('name subsection extends past end of section');
    const outerEnd = r.end;
    r.end = bodyEnd;
    if (id === 0) {
      subsections.push({ kind: 'component', name: r.name(), sizeWidth });
    } else if (id === 1) {
      const sort = readSort(r);
      const n = r.count();
      const names: NameMapEntry[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const index = r.u32();
        names[i] = { index, name: r.name() };
      }
      subsections.push({ kind: 'sort', sort, names, sizeWidth });
    } else {
      subsections.push({ kind: 'unknown', id, data: r.take(bodyEnd - r.pos), sizeWidth });
    }
    if (r.pos !== bodyEnd) r.fail('trailing bytes in name subsection');
    r.end = outerEnd;
  }
  return { kind: 'component-name', subsections };
}

function parseProducers(r: Reader): CustomPayload {
  const n = r.count();
  const fields: ProducersField[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const name = r.name();
    const m = r.count();
    const values: { name: string; version: string }[] = new Array(m);
    for (let j = 0; j < m; j++) {
      const vname = r.name();
      values[j] = { name: vname, version: r.name() };
    }
    fields[i] = { name, values };
  }
  if (!r.eof()) r.fail('trailing bytes in producers section');
  return { kind: 'producers', fields };
}
