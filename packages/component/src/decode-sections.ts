/**
 * Section framing shared by the component and core module decoders: reads
 * `id size body`, bounds the reader to the body, and captures the
 * size-field width and the body's padded-LEB log for byte-identical encoding.
 */
import { parseCustomPayload } from './decode-custom.js';
import type { Reader } from './reader.js';
import type { CustomSection, SectionMeta } from './model.js';

export interface SectionFrame {
  id: number;
  start: number;
  bodyStart: number;
  bodyEnd: number;
  sizeWidth: number;
}

export function readSectionFrame(r: Reader): SectionFrame {
  const start = r.pos;
  const id = r.u8();
  const sizeAt = r.pos;
  // The size LEB itself is not logged: its width is kept in `sizeWidth`.
  const savedLog = r.padLog;
  const size = r.u32();
  r.padLog = savedLog;
  const bodyStart = r.pos;
  const sizeWidth = bodyStart - sizeAt;
  if (size > r.end - bodyStart)
    r.fail(`section size ${size} exceeds remaining ${r.end - bodyStart} bytes (section id ${id})`, sizeAt);
  return { id, start, bodyStart, bodyEnd: bodyStart + size, sizeWidth };
}

/**
 * Run `body` with the reader bounded to the section body and a fresh padded
 * LEB log; checks the body is consumed exactly and restores the reader.
 */
export function withSectionBody<T>(
  r: Reader,
  f: SectionFrame,
  what: string,
  body: () => T,
): { value: T; meta: SectionMeta } {
  const outerEnd = r.end;
  const outerLog = r.padLog;
  const outerBase = r.padBase;
  r.end = f.bodyEnd;
  r.padLog = null;
  r.padBase = f.bodyStart;
  const value = body();
  if (r.pos !== f.bodyEnd) r.fail(`unexpected trailing bytes in ${what} section`, r.pos);
  const meta: SectionMeta = { range: { start: f.start, end: f.bodyEnd }, sizeWidth: f.sizeWidth, padLog: r.padLog };
  r.end = outerEnd;
  r.padLog = outerLog;
  r.padBase = outerBase;
  return { value, meta };
}

/** Read a vector of items, each via `item`, into an array. */
export function readVec<T>(r: Reader, item: (r: Reader) => T): T[] {
  const n = r.count();
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = item(r);
  return out;
}

export function readCustomSection(r: Reader, f: SectionFrame, componentTypeRecognition: boolean): CustomSection {
  const { value, meta } = withSectionBody(r, f, 'custom', () => {
    const name = r.name();
    const data = r.take(f.bodyEnd - r.pos);
    return { name, data, dataStart: f.bodyEnd - data.length };
  });
  const { parsed, padLog } = parseCustomPayload(value.name, r.bytes, value.dataStart, f.bodyEnd, f.bodyStart);
  if (padLog) meta.padLog = meta.padLog ? meta.padLog.concat(padLog) : padLog;
  return {
    range: meta.range,
    sizeWidth: meta.sizeWidth,
    padLog: meta.padLog,
    id: 0,
    kind: 'custom',
    name: value.name,
    data: value.data,
    parsed,
    componentType: componentTypeRecognition && value.name.startsWith('component-type'),
  };
}
