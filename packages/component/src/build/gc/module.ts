/**
 * A core module split into the items the GC reasons about: every index
 * space with what each item refers to, plus the byte ranges (bodies,
 * constant expressions) that are scanned and rewritten later. Sections the
 * GC does not need to look inside (memories, custom sections) stay raw.
 */
import { readInstruction } from '../../core-code/instruction.js';
import { decodeCoreModule } from '../../decode-core-module.js';
import { readCoreValType, readLimits, readRefType } from '../../decode-core-types.js';
import type { CoreExport, CoreImport, CoreModule, CoreRecType, CoreValType } from '../../model.js';
import { Reader } from '../../reader.js';
import { ComponentNewError } from '../metadata.js';

/** `[start, end)` of a constant expression in `GcModule.bytes`, its final `end` included. */
export interface Expr {
  start: number;
  end: number;
}

export interface ElemSegment {
  /** The segment's form (0–7), kept when it is re-encoded. */
  flags: number;
  mode: 'active' | 'passive' | 'declarative';
  /** The table of an active segment. */
  table: number;
  offset: Expr | null;
  /** The element type: a reference type, or `funcref` for the function-index forms. */
  type: CoreValType;
  /** Function indices (forms 0–3) or expressions (forms 4–7). */
  funcs: number[] | null;
  exprs: Expr[] | null;
}

export interface DataSegment {
  /** 0 active in memory 0, 1 passive, 2 active with an explicit memory. */
  flags: number;
  mode: 'active' | 'passive';
  memory: number;
  offset: Expr | null;
  /** The payload's range in `GcModule.bytes`. */
  start: number;
  end: number;
}

export interface GcModule {
  /** The module bytes every range points into. */
  bytes: Uint8Array;
  decoded: CoreModule;
  recGroups: CoreRecType[];
  /** Rec group of each type index. */
  typeGroup: number[];
  /** First type index of each rec group. */
  groupStart: number[];
  imports: CoreImport[];
  /** Type index of every function (imports first). */
  funcTypes: number[];
  funcImports: number;
  /** Body `[start, end)` of each defined function (locals + instructions). */
  bodies: Expr[];
  tables: { type: CoreValType; imported: boolean; def?: { start: number; end: number; init: Expr | null } }[];
  memories: { imported: boolean; def?: { start: number; end: number } }[];
  globals: { type: CoreValType; imported: boolean; def?: { flags: number; init: Expr } }[];
  tags: { type: number; imported: boolean }[];
  exports: CoreExport[];
  start: number | null;
  elems: ElemSegment[];
  datas: DataSegment[];
  hasDataCount: boolean;
}

/** Splits `bytes` into items; raw sections are read at their absolute offsets. */
export function readGcModule(bytes: Uint8Array): GcModule {
  const decoded = decodeCoreModule(bytes);
  const m: GcModule = {
    bytes,
    decoded,
    recGroups: [],
    typeGroup: [],
    groupStart: [],
    imports: [],
    funcTypes: [],
    funcImports: 0,
    bodies: [],
    tables: [],
    memories: [],
    globals: [],
    tags: [],
    exports: [],
    start: null,
    elems: [],
    datas: [],
    hasDataCount: false,
  };
  for (const s of decoded.sections) {
    if (s.kind === 'type') {
      for (const rec of s.types) {
        const g = m.recGroups.length;
        m.recGroups.push(rec);
        m.groupStart.push(m.typeGroup.length);
        for (let i = 0; i < rec.types.length; i++) m.typeGroup.push(g);
      }
    } else if (s.kind === 'import') {
      for (const i of s.imports) {
        m.imports.push(i);
        const t = i.type;
        if (t.kind === 'func') {
          m.funcTypes.push(t.type);
          m.funcImports++;
        } else if (t.kind === 'table') m.tables.push({ type: t.element, imported: true });
        else if (t.kind === 'memory') m.memories.push({ imported: true });
        else if (t.kind === 'global') m.globals.push({ type: t.type, imported: true });
        else m.tags.push({ type: t.type, imported: true });
      }
    } else if (s.kind === 'export') m.exports = s.exports;
    else if (s.kind === 'raw') {
      const r = new Reader(bytes, s.range.end - s.body.length, s.range.end);
      readRawSection(m, s.id, r);
    }
  }
  return m;
}

function expr(r: Reader): Expr {
  const start = r.pos;
  skipConstExpr(r);
  return { start, end: r.pos };
}

/** Skips a constant expression: it has no blocks, so its first `end` closes it. */
function skipConstExpr(r: Reader): void {
  for (;;) {
    if (r.peek() === 0x0b) {
      r.pos++;
      return;
    }
    readInstruction(r);
  }
}

function vec(r: Reader, f: () => void): void {
  const n = r.count();
  for (let i = 0; i < n; i++) f();
}

function readRawSection(m: GcModule, id: number, r: Reader): void {
  switch (id) {
    case 3:
      vec(r, () => m.funcTypes.push(r.u32()));
      return;
    case 4:
      vec(r, () => {
        const start = r.pos;
        if (r.peek() === 0x40) {
          r.pos += 2;
          const type = readRefType(r);
          readLimits(r);
          const init = expr(r);
          m.tables.push({ type, imported: false, def: { start, end: r.pos, init } });
        } else {
          const type = readRefType(r);
          readLimits(r);
          m.tables.push({ type, imported: false, def: { start, end: r.pos, init: null } });
        }
      });
      return;
    case 5:
      vec(r, () => {
        const start = r.pos;
        readLimits(r);
        m.memories.push({ imported: false, def: { start, end: r.pos } });
      });
      return;
    case 13:
      vec(r, () => {
        r.u8();
        m.tags.push({ type: r.u32(), imported: false });
      });
      return;
    case 6:
      vec(r, () => {
        const type = readCoreValType(r);
        const flags = r.u8();
        m.globals.push({ type, imported: false, def: { flags, init: expr(r) } });
      });
      return;
    case 8:
      m.start = r.u32();
      return;
    case 9:
      vec(r, () => m.elems.push(readElem(r)));
      return;
    case 12:
      m.hasDataCount = true;
      return;
    case 10: {
      const n = r.count();
      for (let i = 0; i < n; i++) {
        const size = r.u32();
        m.bodies.push({ start: r.pos, end: r.pos + size });
        r.pos += size;
      }
      return;
    }
    case 11:
      vec(r, () => {
        const at = r.pos;
        const flags = r.u32();
        if (flags > 2) throw new ComponentNewError(`invalid data segment flags ${flags} at offset ${at}`);
        const memory = flags === 2 ? r.u32() : 0;
        const offset = flags === 1 ? null : expr(r);
        const len = r.u32();
        const start = r.pos;
        r.pos += len;
        m.datas.push({ flags, mode: flags === 1 ? 'passive' : 'active', memory, offset, start, end: r.pos });
      });
      return;
    default:
      throw new ComponentNewError(`unsupported core section id ${id}`);
  }
}

function readElem(r: Reader): ElemSegment {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 7) throw new ComponentNewError(`invalid element segment flags ${flags} at offset ${at}`);
  const mode = flags & 1 ? (flags & 2 ? 'declarative' : 'passive') : 'active';
  const table = mode === 'active' && flags & 2 ? r.u32() : 0;
  const offset = mode === 'active' ? expr(r) : null;
  const exprs = (flags & 4) !== 0;
  // Forms 0 and 4 leave the element kind / type implicit (funcref).
  let type: CoreValType = 0x70;
  if (flags & 3) {
    if (exprs) type = readRefType(r);
    else if (r.u8() !== 0x00) throw new ComponentNewError(`invalid element kind at offset ${r.pos - 1}`);
  }
  if (!exprs) {
    const funcs: number[] = [];
    vec(r, () => funcs.push(r.u32()));
    return { flags, mode, table, offset, type, funcs, exprs: null };
  }
  const list: Expr[] = [];
  vec(r, () => list.push(expr(r)));
  return { flags, mode, table, offset, type, funcs: null, exprs: list };
}
