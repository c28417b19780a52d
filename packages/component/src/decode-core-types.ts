/**
 * Decoding of core WebAssembly types (incl. the GC / function-references /
 * shared-everything encodings) as they appear in core modules and in a
 * component's core type section.
 */
import type { Reader } from './reader.js';
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

/** Abstract heap types / abbreviated reference types (nocont 0x75 .. cont 0x68). */
export function isAbstractHeapCode(b: number): boolean {
  return b >= 0x68 && b <= 0x75;
}

export function readHeapType(r: Reader): CoreHeapType {
  const b = r.peek();
  if (b === 0x65) {
    r.pos++;
    const at = r.pos;
    const code = r.u8();
    if (!isAbstractHeapCode(code)) r.fail(`invalid shared heap type 0x${code.toString(16)}`, at);
    return { kind: 'abstract', code, shared: true };
  }
  if (isAbstractHeapCode(b)) {
    r.pos++;
    return { kind: 'abstract', code: b, shared: false };
  }
  const at = r.pos;
  const idx = r.s33();
  if (idx < 0) r.fail(`invalid heap type 0x${b.toString(16)}`, at);
  return { kind: 'index', index: idx };
}

export function readCoreValType(r: Reader): CoreValType {
  const at = r.pos;
  const b = r.u8();
  if (b >= 0x7b && b <= 0x7f) return b;
  if (isAbstractHeapCode(b)) return b;
  if (b === 0x64 || b === 0x63) return { kind: 'ref', nullable: b === 0x63, heap: readHeapType(r) };
  return r.fail(`invalid core value type 0x${b.toString(16)}`, at);
}

export function readRefType(r: Reader): CoreValType {
  const at = r.pos;
  const t = readCoreValType(r);
  if (typeof t === 'number' && !isAbstractHeapCode(t)) r.fail(`invalid reference type 0x${t.toString(16)}`, at);
  return t;
}

function readFieldType(r: Reader): CoreFieldType {
  const b = r.peek();
  let storage: CoreValType;
  if (b === 0x78 || b === 0x77) {
    r.pos++;
    storage = b;
  } else storage = readCoreValType(r);
  const at = r.pos;
  const mutable = r.u8();
  if (mutable > 1) r.fail(`invalid mutability 0x${mutable.toString(16)}`, at);
  return { storage, mutable };
}

function readValTypes(r: Reader): CoreValType[] {
  const n = r.count();
  const out: CoreValType[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = readCoreValType(r);
  return out;
}

function readCompType(r: Reader): CoreCompType {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x60: {
      const params = readValTypes(r);
      return { kind: 'func', params, results: readValTypes(r) };
    }
    case 0x5f: {
      const n = r.count();
      const fields: CoreFieldType[] = new Array(n);
      for (let i = 0; i < n; i++) fields[i] = readFieldType(r);
      return { kind: 'struct', fields };
    }
    case 0x5e:
      return { kind: 'array', field: readFieldType(r) };
    case 0x5d:
      return { kind: 'cont', index: r.u32() };
    default:
      return r.fail(`invalid core composite type form 0x${b.toString(16)}`, at);
  }
}

function readIndices(r: Reader): number[] {
  const n = r.count();
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = r.u32();
  return out;
}

function readSharedComp(r: Reader): { shared: boolean; comp: CoreCompType } {
  if (r.peek() === 0x65) {
    r.pos++;
    return { shared: true, comp: readCompType(r) };
  }
  return { shared: false, comp: readCompType(r) };
}

export function readSubType(r: Reader): CoreSubType {
  const b = r.peek();
  if (b === 0x50 || b === 0x4f) {
    r.pos++;
    const supertypes = readIndices(r);
    const { shared, comp } = readSharedComp(r);
    return { form: b === 0x50 ? 'sub' : 'final', supertypes, shared, comp };
  }
  const { shared, comp } = readSharedComp(r);
  return { form: 'plain', supertypes: [], shared, comp };
}

export function readRecType(r: Reader): CoreRecType {
  if (r.peek() === 0x4e) {
    r.pos++;
    const n = r.count();
    const types: CoreSubType[] = new Array(n);
    for (let i = 0; i < n; i++) types[i] = readSubType(r);
    return { explicit: true, types };
  }
  return { explicit: false, types: [readSubType(r)] };
}

export function readLimits(r: Reader): CoreLimits {
  const at = r.pos;
  const flags = r.u8();
  if (flags > 0x0f) r.fail(`invalid limits flags 0x${flags.toString(16)}`, at);
  const wide = (flags & 0x04) !== 0;
  const min = wide ? r.u64() : BigInt(r.u32());
  const max = flags & 0x01 ? (wide ? r.u64() : BigInt(r.u32())) : null;
  const pageSizeLog2 = flags & 0x08 ? r.u32() : null;
  return { flags, min, max, pageSizeLog2 };
}

export function readCoreExternType(r: Reader): CoreExternType {
  const at = r.pos;
  const kind = r.u8();
  switch (kind) {
    case 0x00:
      return { kind: 'func', type: r.u32() };
    case 0x01: {
      const element = readRefType(r);
      return { kind: 'table', element, limits: readLimits(r) };
    }
    case 0x02:
      return { kind: 'memory', limits: readLimits(r) };
    case 0x03: {
      const type = readCoreValType(r);
      const fat = r.pos;
      const flags = r.u8();
      if (flags > 3) r.fail(`invalid global mutability 0x${flags.toString(16)}`, fat);
      return { kind: 'global', type, flags };
    }
    case 0x04: {
      const aat = r.pos;
      const attribute = r.u8();
      if (attribute !== 0) r.fail(`invalid tag attribute 0x${attribute.toString(16)}`, aat);
      return { kind: 'tag', attribute, type: r.u32() };
    }
    default:
      return r.fail(`invalid core extern kind 0x${kind.toString(16)}`, at);
  }
}

export function readCoreImport(r: Reader): CoreImport {
  const offset = r.pos;
  const module = r.name();
  const name = r.name();
  return { module, name, type: readCoreExternType(r), offset };
}

/** `core:type` in a component: module type, `0x00 0x50` non-final sub, or a rectype. */
export function readCoreTypeDef(r: Reader): CoreTypeDef {
  const offset = r.pos;
  const b = r.peek();
  if (b === 0x50) {
    r.pos++;
    r.enter();
    const n = r.count();
    const decls: ModuleDecl[] = new Array(n);
    for (let i = 0; i < n; i++) decls[i] = readModuleDecl(r);
    r.leave();
    return { kind: 'module', decls, offset };
  }
  if (b === 0x00) {
    r.pos++;
    const at = r.pos;
    if (r.u8() !== 0x50) r.fail('expected 0x50 after 0x00 in core sub type', at);
    const supertypes = readIndices(r);
    const { shared, comp } = readSharedComp(r);
    return {
      kind: 'rec',
      rec: { explicit: false, types: [{ form: 'sub', supertypes, shared, comp }] },
      prefixed: true,
      offset,
    };
  }
  return { kind: 'rec', rec: readRecType(r), prefixed: false, offset };
}

function readModuleDecl(r: Reader): ModuleDecl {
  const at = r.pos;
  const tag = r.u8();
  switch (tag) {
    case 0x00:
      return { kind: 'import', import: readCoreImport(r) };
    case 0x01:
      return { kind: 'type', type: readCoreTypeDef(r) };
    case 0x02: {
      const sat = r.pos;
      const sort = r.u8();
      if (sort !== 0x10) r.fail(`invalid core alias sort 0x${sort.toString(16)}`, sat);
      const kat = r.pos;
      const k = r.u8();
      if (k !== 0x01) r.fail(`invalid core alias kind 0x${k.toString(16)}`, kat);
      const count = r.u32();
      return { kind: 'alias', count, index: r.u32() };
    }
    case 0x03: {
      const name = r.name();
      return { kind: 'export', export: { name, type: readCoreExternType(r) } };
    }
    default:
      return r.fail(`invalid module type declarator 0x${tag.toString(16)}`, at);
  }
}
