/** Encoding of core types: the mirror of decode-core-types.ts. */
import type { Writer } from './writer.js';
import type {
  CoreCompType,
  CoreExternType,
  CoreFieldType,
  CoreHeapType,
  CoreImport,
  CoreLimits,
  CoreRecType,
  CoreSubType,
  CoreTypeDef,
  CoreValType,
  ModuleDecl,
} from './model.js';

export function writeHeapType(w: Writer, h: CoreHeapType): void {
  if (h.kind === 'index') {
    w.s33(h.index);
    return;
  }
  if (h.shared) w.u8(0x65);
  w.u8(h.code);
}

export function writeCoreValType(w: Writer, t: CoreValType): void {
  if (typeof t === 'number') {
    w.u8(t);
    return;
  }
  w.u8(t.nullable ? 0x63 : 0x64);
  writeHeapType(w, t.heap);
}

function writeFieldType(w: Writer, f: CoreFieldType): void {
  writeCoreValType(w, f.storage);
  w.u8(f.mutable);
}

function writeValTypes(w: Writer, ts: CoreValType[]): void {
  w.u32(ts.length);
  for (const t of ts) writeCoreValType(w, t);
}

function writeCompType(w: Writer, c: CoreCompType): void {
  switch (c.kind) {
    case 'func':
      w.u8(0x60);
      writeValTypes(w, c.params);
      writeValTypes(w, c.results);
      break;
    case 'struct':
      w.u8(0x5f);
      w.u32(c.fields.length);
      for (const f of c.fields) writeFieldType(w, f);
      break;
    case 'array':
      w.u8(0x5e);
      writeFieldType(w, c.field);
      break;
    case 'cont':
      w.u8(0x5d);
      w.u32(c.index);
      break;
  }
}

function writeIndices(w: Writer, xs: number[]): void {
  w.u32(xs.length);
  for (const x of xs) w.u32(x);
}

export function writeSubType(w: Writer, s: CoreSubType): void {
  if (s.form !== 'plain') {
    w.u8(s.form === 'sub' ? 0x50 : 0x4f);
    writeIndices(w, s.supertypes);
  }
  if (s.shared) w.u8(0x65);
  writeCompType(w, s.comp);
}

export function writeRecType(w: Writer, r: CoreRecType): void {
  if (r.explicit) {
    w.u8(0x4e);
    w.u32(r.types.length);
  }
  for (const s of r.types) writeSubType(w, s);
}

export function writeLimits(w: Writer, l: CoreLimits): void {
  w.u8(l.flags);
  const wide = (l.flags & 0x04) !== 0;
  if (wide) w.u64(l.min);
  else w.u32(Number(l.min));
  if (l.max !== null) {
    if (wide) w.u64(l.max);
    else w.u32(Number(l.max));
  }
  if (l.pageSizeLog2 !== null) w.u32(l.pageSizeLog2);
}

export function writeCoreExternType(w: Writer, t: CoreExternType): void {
  switch (t.kind) {
    case 'func':
      w.u8(0x00);
      w.u32(t.type);
      break;
    case 'table':
      w.u8(0x01);
      writeCoreValType(w, t.element);
      writeLimits(w, t.limits);
      break;
    case 'memory':
      w.u8(0x02);
      writeLimits(w, t.limits);
      break;
    case 'global':
      w.u8(0x03);
      writeCoreValType(w, t.type);
      w.u8(t.flags);
      break;
    case 'tag':
      w.u8(0x04);
      w.u8(t.attribute);
      w.u32(t.type);
      break;
  }
}

export function writeCoreImport(w: Writer, i: CoreImport): void {
  w.name(i.module);
  w.name(i.name);
  writeCoreExternType(w, i.type);
}

export function writeCoreTypeDef(w: Writer, t: CoreTypeDef): void {
  if (t.kind === 'module') {
    w.u8(0x50);
    w.u32(t.decls.length);
    for (const d of t.decls) writeModuleDecl(w, d);
    return;
  }
  if (t.prefixed) {
    const s = t.rec.types[0];
    w.u8(0x00);
    w.u8(0x50);
    writeIndices(w, s.supertypes);
    if (s.shared) w.u8(0x65);
    writeCompType(w, s.comp);
    return;
  }
  writeRecType(w, t.rec);
}

function writeModuleDecl(w: Writer, d: ModuleDecl): void {
  switch (d.kind) {
    case 'import':
      w.u8(0x00);
      writeCoreImport(w, d.import);
      break;
    case 'type':
      w.u8(0x01);
      writeCoreTypeDef(w, d.type);
      break;
    case 'alias':
      w.u8(0x02);
      w.u8(0x10);
      w.u8(0x01);
      w.u32(d.count);
      w.u32(d.index);
      break;
    case 'export':
      w.u8(0x03);
      w.name(d.export.name);
      writeCoreExternType(w, d.export.type);
      break;
  }
}
