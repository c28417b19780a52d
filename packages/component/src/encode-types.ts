/** Encoding of component types, extern types/names, sorts and aliases. */
import { writeCoreTypeDef, writeCoreValType } from './encode-core-types.js';
import { primCode } from './decode-types.js';
import type { Writer } from './writer.js';
import type {
  Alias,
  ComponentDecl,
  CoreSort,
  DefType,
  ExternName,
  ExternType,
  NamedValType,
  Sort,
  ValType,
} from './model.js';

const CORE_SORT_CODES: Record<CoreSort, number> = {
  func: 0x00,
  table: 0x01,
  memory: 0x02,
  global: 0x03,
  tag: 0x04,
  type: 0x10,
  module: 0x11,
  instance: 0x12,
};

const SORT_CODES: Record<string, number> = { func: 0x01, value: 0x02, type: 0x03, component: 0x04, instance: 0x05 };

export function writeCoreSort(w: Writer, s: CoreSort): void {
  w.u8(CORE_SORT_CODES[s]);
}

export function writeSort(w: Writer, s: Sort): void {
  if (s.startsWith('core-')) {
    w.u8(0x00);
    writeCoreSort(w, s.slice(5) as CoreSort);
  } else w.u8(SORT_CODES[s]);
}

export function writeValType(w: Writer, t: ValType): void {
  if (typeof t === 'number') w.s33(t);
  else w.u8(primCode(t));
}

function writeOptValType(w: Writer, t: ValType | null): void {
  if (t === null) w.u8(0x00);
  else {
    w.u8(0x01);
    writeValType(w, t);
  }
}

function writeNamedValTypes(w: Writer, xs: NamedValType[]): void {
  w.u32(xs.length);
  for (const x of xs) {
    w.name(x.name);
    writeValType(w, x.type);
  }
}

function writeNames(w: Writer, xs: string[]): void {
  w.u32(xs.length);
  for (const x of xs) w.name(x);
}

export function writeResultList(w: Writer, t: ValType | null): void {
  if (t === null) {
    w.u8(0x01);
    w.u8(0x00);
  } else {
    w.u8(0x00);
    writeValType(w, t);
  }
}

export function writeDefType(w: Writer, t: DefType): void {
  switch (t.kind) {
    case 'prim':
      w.u8(primCode(t.prim));
      break;
    case 'record':
      w.u8(0x72);
      writeNamedValTypes(w, t.fields);
      break;
    case 'variant':
      w.u8(0x71);
      w.u32(t.cases.length);
      for (const c of t.cases) {
        w.name(c.name);
        writeOptValType(w, c.type);
        if (c.refines === null) w.u8(0x00);
        else {
          w.u8(0x01);
          w.u32(c.refines);
        }
      }
      break;
    case 'list':
      w.u8(0x70);
      writeValType(w, t.element);
      break;
    case 'fixed-list':
      w.u8(0x67);
      writeValType(w, t.element);
      w.u32(t.length);
      break;
    case 'tuple':
      w.u8(0x6f);
      w.u32(t.types.length);
      for (const x of t.types) writeValType(w, x);
      break;
    case 'flags':
      w.u8(0x6e);
      writeNames(w, t.names);
      break;
    case 'enum':
      w.u8(0x6d);
      writeNames(w, t.names);
      break;
    case 'option':
      w.u8(0x6b);
      writeValType(w, t.type);
      break;
    case 'result':
      w.u8(0x6a);
      writeOptValType(w, t.ok);
      writeOptValType(w, t.err);
      break;
    case 'own':
      w.u8(0x69);
      w.u32(t.type);
      break;
    case 'borrow':
      w.u8(0x68);
      w.u32(t.type);
      break;
    case 'stream':
      w.u8(0x66);
      writeOptValType(w, t.element);
      break;
    case 'future':
      w.u8(0x65);
      writeOptValType(w, t.element);
      break;
    case 'map':
      w.u8(0x63);
      writeValType(w, t.key);
      writeValType(w, t.value);
      break;
    case 'func':
      w.u8(t.async ? 0x43 : 0x40);
      writeNamedValTypes(w, t.params);
      writeResultList(w, t.result);
      break;
    case 'component':
      w.u8(0x41);
      w.u32(t.decls.length);
      for (const d of t.decls) writeDecl(w, d);
      break;
    case 'instance':
      w.u8(0x42);
      w.u32(t.decls.length);
      for (const d of t.decls) writeDecl(w, d);
      break;
    case 'resource':
      w.u8(0x3f);
      writeCoreValType(w, t.rep);
      if (t.dtor === null) w.u8(0x00);
      else {
        w.u8(0x01);
        w.u32(t.dtor);
      }
      break;
  }
}

function writeDecl(w: Writer, d: ComponentDecl): void {
  switch (d.kind) {
    case 'import':
      w.u8(0x03);
      writeExternName(w, d.name);
      writeExternType(w, d.type);
      break;
    case 'core-type':
      w.u8(0x00);
      writeCoreTypeDef(w, d.type);
      break;
    case 'type':
      w.u8(0x01);
      writeDefType(w, d.type);
      break;
    case 'alias':
      w.u8(0x02);
      writeAlias(w, d.alias);
      break;
    case 'export':
      w.u8(0x04);
      writeExternName(w, d.name);
      writeExternType(w, d.type);
      break;
  }
}

export function writeAlias(w: Writer, a: Alias): void {
  writeSort(w, a.sort);
  const t = a.target;
  switch (t.kind) {
    case 'export':
      w.u8(0x00);
      w.u32(t.instance);
      w.name(t.name);
      break;
    case 'core-export':
      w.u8(0x01);
      w.u32(t.instance);
      w.name(t.name);
      break;
    case 'outer':
      w.u8(0x02);
      w.u32(t.count);
      w.u32(t.index);
      break;
  }
}

export function writeExternType(w: Writer, t: ExternType): void {
  switch (t.kind) {
    case 'module':
      w.u8(0x00);
      w.u8(0x11);
      w.u32(t.type);
      break;
    case 'func':
      w.u8(0x01);
      w.u32(t.type);
      break;
    case 'value':
      w.u8(0x02);
      if (t.bound.kind === 'eq') {
        w.u8(0x00);
        w.u32(t.bound.index);
      } else {
        w.u8(0x01);
        writeValType(w, t.bound.type);
      }
      break;
    case 'type':
      w.u8(0x03);
      if (t.bound.kind === 'eq') {
        w.u8(0x00);
        w.u32(t.bound.index);
      } else w.u8(0x01);
      break;
    case 'component':
      w.u8(0x04);
      w.u32(t.type);
      break;
    case 'instance':
      w.u8(0x05);
      w.u32(t.type);
      break;
  }
}

export function writeExternName(w: Writer, n: ExternName): void {
  const tag = n.tag === 2 || n.attributes.length > 0 ? 2 : n.tag;
  w.u8(tag);
  w.name(n.name);
  if (tag !== 2) return;
  w.u32(n.attributes.length);
  for (const a of n.attributes) {
    switch (a.kind) {
      case 'implements':
        w.u8(0x00);
        w.name(a.name);
        break;
      case 'version-suffix':
        w.u8(0x01);
        w.name(a.suffix);
        break;
      case 'external-id':
        w.u8(0x02);
        w.name(a.id);
        break;
    }
  }
}
