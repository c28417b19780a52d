/**
 * Decoding of component-level types (Binary.md "Type Definitions"), extern
 * types, extern names (nameattributes) and sorts.
 */
import { readCoreTypeDef, readCoreValType } from './decode-core-types.js';
import type { Reader } from './reader.js';
import type {
  Alias,
  Attribute,
  ComponentDecl,
  CoreSort,
  DefType,
  ExternName,
  ExternType,
  InstanceDecl,
  NamedValType,
  PrimValType,
  Sort,
  ValType,
  VariantCase,
} from './model.js';

/** Primitive value type codes (index = 0x7f - code for 0x73..0x7f). */
const PRIMS: PrimValType[] = [
  'bool',
  's8',
  'u8',
  's16',
  'u16',
  's32',
  'u32',
  's64',
  'u64',
  'f32',
  'f64',
  'char',
  'string',
];

export function primFromCode(b: number): PrimValType | null {
  if (b >= 0x73 && b <= 0x7f) return PRIMS[0x7f - b];
  if (b === 0x64) return 'error-context';
  return null;
}

export function primCode(p: PrimValType): number {
  return p === 'error-context' ? 0x64 : 0x7f - PRIMS.indexOf(p);
}

const CORE_SORTS: Record<number, CoreSort> = {
  0x00: 'func',
  0x01: 'table',
  0x02: 'memory',
  0x03: 'global',
  0x04: 'tag',
  0x10: 'type',
  0x11: 'module',
  0x12: 'instance',
};

export function readCoreSort(r: Reader): CoreSort {
  const at = r.pos;
  const b = r.u8();
  const s = CORE_SORTS[b];
  if (s === undefined) r.fail(`invalid core sort 0x${b.toString(16)}`, at);
  return s;
}

const SORTS: Record<number, Sort> = { 0x01: 'func', 0x02: 'value', 0x03: 'type', 0x04: 'component', 0x05: 'instance' };

export function readSort(r: Reader): Sort {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) return `core-${readCoreSort(r)}` as Sort;
  const s = SORTS[b];
  if (s === undefined) r.fail(`invalid sort 0x${b.toString(16)}`, at);
  return s;
}

/** valtype: a primitive code or a non-negative s33 type index. */
export function readValType(r: Reader): ValType {
  const b = r.peek();
  const p = primFromCode(b);
  if (p !== null) {
    r.pos++;
    return p;
  }
  const at = r.pos;
  const idx = r.s33();
  if (idx < 0) r.fail(`invalid value type 0x${b.toString(16)}`, at);
  return idx;
}

function readOptValType(r: Reader): ValType | null {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) return null;
  if (b === 0x01) return readValType(r);
  return r.fail(`invalid optional value type flag 0x${b.toString(16)}`, at);
}

function readNamedValTypes(r: Reader): NamedValType[] {
  const n = r.count();
  const out: NamedValType[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const name = r.name();
    out[i] = { name, type: readValType(r) };
  }
  return out;
}

function readNames(r: Reader): string[] {
  const n = r.count();
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = r.name();
  return out;
}

/** resultlist: `0x00 t` (one result) or `0x01 0x00` (none). */
export function readResultList(r: Reader): ValType | null {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) return readValType(r);
  if (b === 0x01) {
    const zat = r.pos;
    if (r.u8() !== 0x00) r.fail('named function results are not supported', zat);
    return null;
  }
  return r.fail(`invalid result list form 0x${b.toString(16)}`, at);
}

export function readDefType(r: Reader): DefType {
  const at = r.pos;
  const b = r.u8();
  const prim = primFromCode(b);
  if (prim !== null) return { kind: 'prim', prim };
  switch (b) {
    case 0x72:
      return { kind: 'record', fields: readNamedValTypes(r) };
    case 0x71: {
      const n = r.count();
      const cases: VariantCase[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const name = r.name();
        const type = readOptValType(r);
        const rat = r.pos;
        const f = r.u8();
        let refines: number | null = null;
        if (f === 0x01) refines = r.u32();
        else if (f !== 0x00) r.fail(`invalid variant case trailer 0x${f.toString(16)}`, rat);
        cases[i] = { name, type, refines };
      }
      return { kind: 'variant', cases };
    }
    case 0x70:
      return { kind: 'list', element: readValType(r) };
    case 0x67: {
      const element = readValType(r);
      return { kind: 'fixed-list', element, length: r.u32() };
    }
    case 0x6f: {
      const n = r.count();
      const types: ValType[] = new Array(n);
      for (let i = 0; i < n; i++) types[i] = readValType(r);
      return { kind: 'tuple', types };
    }
    case 0x6e:
      return { kind: 'flags', names: readNames(r) };
    case 0x6d:
      return { kind: 'enum', names: readNames(r) };
    case 0x6b:
      return { kind: 'option', type: readValType(r) };
    case 0x6a: {
      const ok = readOptValType(r);
      return { kind: 'result', ok, err: readOptValType(r) };
    }
    case 0x69:
      return { kind: 'own', type: r.u32() };
    case 0x68:
      return { kind: 'borrow', type: r.u32() };
    case 0x66:
      return { kind: 'stream', element: readOptValType(r) };
    case 0x65:
      return { kind: 'future', element: readOptValType(r) };
    case 0x63: {
      const key = readValType(r);
      return { kind: 'map', key, value: readValType(r) };
    }
    case 0x40:
    case 0x43: {
      const params = readNamedValTypes(r);
      return { kind: 'func', async: b === 0x43, params, result: readResultList(r) };
    }
    case 0x41: {
      r.enter();
      const n = r.count();
      const decls: ComponentDecl[] = new Array(n);
      for (let i = 0; i < n; i++) decls[i] = readComponentDecl(r);
      r.leave();
      return { kind: 'component', decls };
    }
    case 0x42: {
      r.enter();
      const n = r.count();
      const decls: InstanceDecl[] = new Array(n);
      for (let i = 0; i < n; i++) decls[i] = readInstanceDecl(r);
      r.leave();
      return { kind: 'instance', decls };
    }
    case 0x3f: {
      const rep = readCoreValType(r);
      const fat = r.pos;
      const f = r.u8();
      let dtor: number | null = null;
      if (f === 0x01) dtor = r.u32();
      else if (f !== 0x00) r.fail(`invalid resource destructor flag 0x${f.toString(16)}`, fat);
      return { kind: 'resource', rep, dtor };
    }
    default:
      return r.fail(`invalid type form 0x${b.toString(16)}`, at);
  }
}

function readComponentDecl(r: Reader): ComponentDecl {
  if (r.peek() === 0x03) {
    const offset = r.pos++;
    const name = readExternName(r);
    return { kind: 'import', name, type: readExternType(r), offset };
  }
  return readInstanceDecl(r);
}

function readInstanceDecl(r: Reader): InstanceDecl {
  const offset = r.pos;
  const tag = r.u8();
  switch (tag) {
    case 0x00:
      return { kind: 'core-type', type: readCoreTypeDef(r), offset };
    case 0x01:
      return { kind: 'type', type: readDefType(r), offset };
    case 0x02:
      return { kind: 'alias', alias: readAlias(r), offset };
    case 0x04: {
      const name = readExternName(r);
      return { kind: 'export', name, type: readExternType(r), offset };
    }
    default:
      return r.fail(`invalid instance type declarator 0x${tag.toString(16)}`, offset);
  }
}

export function readAlias(r: Reader): Alias {
  const offset = r.pos;
  const sort = readSort(r);
  const at = r.pos;
  const tag = r.u8();
  switch (tag) {
    case 0x00: {
      const instance = r.u32();
      return { sort, target: { kind: 'export', instance, name: r.name() }, offset };
    }
    case 0x01: {
      const instance = r.u32();
      return { sort, target: { kind: 'core-export', instance, name: r.name() }, offset };
    }
    case 0x02: {
      // Binary.md: outer aliases only for s in outeraliassort (core module,
      // core type, type, component).
      if (sort !== 'type' && sort !== 'component' && sort !== 'core-type' && sort !== 'core-module') {
        const b = r.bytes[offset];
        r.fail(`invalid leading byte (0x${b.toString(16)}) for component outer alias kind`, offset);
      }
      const count = r.u32();
      return { sort, target: { kind: 'outer', count, index: r.u32() }, offset };
    }
    default:
      return r.fail(`invalid alias target 0x${tag.toString(16)}`, at);
  }
}

export function readExternType(r: Reader): ExternType {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: {
      const sat = r.pos;
      if (r.u8() !== 0x11) r.fail('expected core module sort 0x11 in extern type', sat);
      return { kind: 'module', type: r.u32() };
    }
    case 0x01:
      return { kind: 'func', type: r.u32() };
    case 0x02: {
      const bat = r.pos;
      const t = r.u8();
      if (t === 0x00) return { kind: 'value', bound: { kind: 'eq', index: r.u32() } };
      if (t === 0x01) return { kind: 'value', bound: { kind: 'type', type: readValType(r) } };
      return r.fail(`invalid value bound 0x${t.toString(16)}`, bat);
    }
    case 0x03: {
      const bat = r.pos;
      const t = r.u8();
      if (t === 0x00) return { kind: 'type', bound: { kind: 'eq', index: r.u32() } };
      if (t === 0x01) return { kind: 'type', bound: { kind: 'sub-resource' } };
      return r.fail(`invalid type bound 0x${t.toString(16)}`, bat);
    }
    case 0x04:
      return { kind: 'component', type: r.u32() };
    case 0x05:
      return { kind: 'instance', type: r.u32() };
    default:
      return r.fail(`invalid extern type 0x${b.toString(16)}`, at);
  }
}

export function readExternName(r: Reader): ExternName {
  const at = r.pos;
  const tag = r.u8();
  if (tag === 0x00 || tag === 0x01) return { tag, name: r.name(), attributes: [] };
  if (tag !== 0x02) r.fail(`invalid name attributes tag 0x${tag.toString(16)}`, at);
  const name = r.name();
  const n = r.count();
  const attributes: Attribute[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const aat = r.pos;
    const k = r.u8();
    if (k === 0x00) attributes[i] = { kind: 'implements', name: r.name() };
    else if (k === 0x01) attributes[i] = { kind: 'version-suffix', suffix: r.name() };
    else if (k === 0x02) attributes[i] = { kind: 'external-id', id: r.name() };
    else r.fail(`invalid name attribute 0x${k.toString(16)}`, aat);
  }
  return { tag: 2, name, attributes };
}
