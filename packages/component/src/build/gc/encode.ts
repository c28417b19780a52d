/**
 * Re-encodes a module with only its live items, every index renumbered
 * (live items keep their order, imports first). Sections keep their order;
 * a section left empty is omitted. Custom sections are copied, except
 * `name` (rewritten) and those that describe code offsets or relocations
 * (dropped: they would be stale).
 */
import { readLimits, readRefType } from '../../decode-core-types.js';
import { writeCoreImport, writeCoreValType, writeRecType } from '../../encode-core-types.js';
import type { CoreExternType } from '../../model.js';
import { Reader } from '../../reader.js';
import { Writer } from '../../writer.js';
import {
  mapSubType,
  mapValType,
  scanInstructions,
  writeBody,
  writeInstructions,
  type CoreSpace,
  type Remap,
} from './code.js';
import type { Liveness } from './liveness.js';
import type { ElemSegment, Expr, GcModule } from './module.js';
import { rewriteNameSection } from './names.js';

const KIND_SPACE: Record<CoreExternType['kind'], CoreSpace> = {
  func: 'func',
  table: 'table',
  memory: 'memory',
  global: 'global',
  tag: 'tag',
};
const EXPORT_SPACE: CoreSpace[] = ['func', 'table', 'memory', 'global', 'tag'];

/** Old index → new index (-1 when dead), per space. */
type IndexMaps = Record<CoreSpace, Int32Array>;

function indexMap(count: number, live: Set<number>): Int32Array {
  const map = new Int32Array(count).fill(-1);
  let next = 0;
  for (let i = 0; i < count; i++) if (live.has(i)) map[i] = next++;
  return map;
}

const staleCustom = (name: string) => name.startsWith('.debug') || name === 'linking' || name.startsWith('reloc.');

export function encodeLive(
  m: GcModule,
  { live, refFuncs }: Liveness,
  keepExports: (name: string) => boolean,
): Uint8Array {
  const bytes = m.bytes;
  // Declarative segments only matter for the `ref.func`s of live code: unless an
  // `elem.drop` names one (then it is live), they are replaced by one segment
  // declaring exactly the functions that are not declared some other way.
  const elems = m.elems.map((s, i) => ({ s, i })).filter(({ i }) => live.elem.has(i));
  const maps: IndexMaps = {
    func: indexMap(m.funcTypes.length, live.func),
    table: indexMap(m.tables.length, live.table),
    memory: indexMap(m.memories.length, live.memory),
    global: indexMap(m.globals.length, live.global),
    tag: indexMap(m.tags.length, live.tag),
    type: indexMap(m.typeGroup.length, live.type),
    elem: indexMap(m.elems.length, live.elem),
    data: indexMap(m.datas.length, live.data),
  };
  const remap: Remap = (space, index) => {
    const to = maps[space][index];
    if (to === undefined || to < 0) throw new Error(`adapter GC: ${space} ${index} is used but was not marked live`);
    return to;
  };
  const isLive = (space: CoreSpace, index: number) => (maps[space][index] ?? -1) >= 0;

  // Functions declared outside code (what `ref.func` in code may then name).
  const declared = new Set<number>();
  const declare = (e: Expr | null) => {
    if (e !== null)
      scanInstructions(
        bytes,
        e.start,
        e.end,
        () => {},
        (f) => declared.add(f),
      );
  };
  for (const e of m.exports) if (keepExports(e.name) && e.kind === 0) declared.add(e.index);
  m.globals.forEach((g, i) => live.global.has(i) && declare(g.def?.init ?? null));
  m.tables.forEach((t, i) => live.table.has(i) && declare(t.def?.init ?? null));
  for (const { s } of elems) {
    const items = liveItems(s, isLive, bytes);
    for (const f of items.funcs) declared.add(f);
    for (const e of items.exprs) declare(e);
  }
  const undeclared = [...refFuncs].filter((f) => !declared.has(f)).sort((a, b) => a - b);

  const w = new Writer();
  w.bytes(bytes.subarray(0, 8));
  const section = (id: number, count: number, fn: (b: Writer) => void) => {
    if (count === 0 && id !== 12) return;
    const b = new Writer();
    if (id !== 8) b.u32(count);
    fn(b);
    const body = b.finish();
    w.u8(id);
    w.u32(body.length);
    w.bytes(body);
  };
  const expr = (b: Writer, e: Expr) => writeInstructions(b, bytes, e.start, e.end, remap);
  const defined = <T extends { imported: boolean }>(items: T[], space: CoreSpace) =>
    items.map((item, i) => ({ item, i })).filter(({ item, i }) => !item.imported && live[space].has(i));

  let elemsWritten = false;
  const writeElems = () => {
    elemsWritten = true;
    section(9, elems.length + (undeclared.length > 0 ? 1 : 0), (b) => {
      for (const { s: seg } of elems) writeElem(b, seg, liveItems(seg, isLive, bytes), remap, expr);
      if (undeclared.length > 0) {
        b.u8(3);
        b.u8(0x00);
        b.u32(undeclared.length);
        for (const f of undeclared) b.u32(remap('func', f));
      }
    });
  };

  for (const s of m.decoded.sections) {
    // The element section precedes data count, code and data: a module without one may need it for a declaration.
    if (!elemsWritten && undeclared.length > 0 && (s.id === 12 || s.id === 10 || s.id === 11)) writeElems();
    if (s.kind === 'custom') {
      if (s.name === 'name') {
        const data = rewriteNameSection(s.data, (space, i) => (isLive(space, i) ? maps[space][i] : undefined));
        if (data !== null) custom(w, 'name', data);
      } else if (!staleCustom(s.name)) w.bytes(bytes.subarray(s.range.start, s.range.end));
      continue;
    }
    switch (s.id) {
      case 1: {
        const groups = m.recGroups.filter((_, g) => live.type.has(m.groupStart[g]));
        section(1, groups.length, (b) => {
          for (const rec of groups) writeRecType(b, { ...rec, types: rec.types.map((t) => mapSubType(t, remap)) });
        });
        break;
      }
      case 2: {
        const counters: Record<CoreSpace, number> = {
          func: 0,
          table: 0,
          memory: 0,
          global: 0,
          tag: 0,
          type: 0,
          elem: 0,
          data: 0,
        };
        const kept = m.imports.filter((imp) =>
          live[KIND_SPACE[imp.type.kind]].has(counters[KIND_SPACE[imp.type.kind]]++),
        );
        section(2, kept.length, (b) => {
          for (const imp of kept) writeCoreImport(b, { ...imp, type: mapExtern(imp.type, remap) });
        });
        break;
      }
      case 3: {
        const funcs = m.bodies.map((_, k) => m.funcImports + k).filter((f) => live.func.has(f));
        section(3, funcs.length, (b) => {
          for (const f of funcs) b.u32(remap('type', m.funcTypes[f]));
        });
        break;
      }
      case 4: {
        const tables = defined(m.tables, 'table');
        section(4, tables.length, (b) => {
          for (const { item } of tables) {
            const def = item.def!;
            const r = new Reader(bytes, def.start, def.end);
            if (def.init !== null) {
              b.u8(0x40);
              b.u8(0x00);
              r.pos += 2;
            }
            readRefType(r);
            writeCoreValType(b, mapValType(item.type, remap));
            const limits = r.pos;
            readLimits(r);
            b.bytes(bytes.subarray(limits, r.pos));
            if (def.init !== null) expr(b, def.init);
          }
        });
        break;
      }
      case 5: {
        const memories = defined(m.memories, 'memory');
        section(5, memories.length, (b) => {
          for (const { item } of memories) b.bytes(bytes.subarray(item.def!.start, item.def!.end));
        });
        break;
      }
      case 13: {
        const tags = defined(m.tags, 'tag');
        section(13, tags.length, (b) => {
          for (const { item } of tags) {
            b.u8(0);
            b.u32(remap('type', item.type));
          }
        });
        break;
      }
      case 6: {
        const globals = defined(m.globals, 'global');
        section(6, globals.length, (b) => {
          for (const { item } of globals) {
            writeCoreValType(b, mapValType(item.type, remap));
            b.u8(item.def!.flags);
            expr(b, item.def!.init);
          }
        });
        break;
      }
      case 7: {
        const exports = m.exports.filter((e) => keepExports(e.name));
        section(7, exports.length, (b) => {
          for (const e of exports) {
            b.name(e.name);
            b.u8(e.kind);
            b.u32(remap(EXPORT_SPACE[e.kind], e.index));
          }
        });
        break;
      }
      case 8:
        if (m.start !== null) section(8, 1, (b) => b.u32(remap('func', m.start!)));
        break;
      case 9:
        writeElems();
        break;
      case 12:
        section(12, live.data.size, () => {});
        break;
      case 10: {
        const bodies = m.bodies.filter((_, k) => live.func.has(m.funcImports + k));
        section(10, bodies.length, (b) => {
          for (const body of bodies) writeBody(b, bytes, body, remap);
        });
        break;
      }
      case 11: {
        const datas = m.datas.filter((_, i) => live.data.has(i));
        section(11, datas.length, (b) => {
          for (const d of datas) {
            b.u32(d.flags);
            if (d.flags === 2) b.u32(remap('memory', d.memory));
            if (d.offset !== null) expr(b, d.offset);
            b.u32(d.end - d.start);
            b.bytes(bytes.subarray(d.start, d.end));
          }
        });
        break;
      }
    }
  }
  return w.finish();
}

function custom(w: Writer, name: string, data: Uint8Array): void {
  const b = new Writer();
  b.name(name);
  b.bytes(data);
  const body = b.finish();
  w.u8(0);
  w.u32(body.length);
  w.bytes(body);
}

function mapExtern(t: CoreExternType, remap: Remap): CoreExternType {
  switch (t.kind) {
    case 'func':
      return { kind: 'func', type: remap('type', t.type) };
    case 'table':
      return { ...t, element: mapValType(t.element, remap) };
    case 'global':
      return { ...t, type: mapValType(t.type, remap) };
    case 'tag':
      return { ...t, type: remap('type', t.type) };
    case 'memory':
      return t;
  }
}

/**
 * The items a kept segment keeps: all of them, except in a declarative
 * segment (kept only because an `elem.drop` names it), where items naming
 * dead functions go.
 */
function liveItems(
  s: ElemSegment,
  isLive: (space: CoreSpace, index: number) => boolean,
  bytes: Uint8Array,
): { funcs: number[]; exprs: Expr[] } {
  if (s.mode !== 'declarative') return { funcs: s.funcs ?? [], exprs: s.exprs ?? [] };
  const allLive = (e: Expr) => {
    let ok = true;
    scanInstructions(bytes, e.start, e.end, (space, i) => (ok &&= isLive(space, i)));
    return ok;
  };
  return { funcs: (s.funcs ?? []).filter((f) => isLive('func', f)), exprs: (s.exprs ?? []).filter(allLive) };
}

function writeElem(
  b: Writer,
  s: ElemSegment,
  items: { funcs: number[]; exprs: Expr[] },
  remap: Remap,
  expr: (b: Writer, e: Expr) => void,
): void {
  b.u32(s.flags);
  if (s.flags & 2 && s.mode === 'active') b.u32(remap('table', s.table));
  if (s.offset !== null) expr(b, s.offset);
  if (s.flags & 3) {
    if (s.exprs === null) b.u8(0x00);
    else writeCoreValType(b, mapValType(s.type, remap));
  }
  if (s.exprs === null) {
    b.u32(items.funcs.length);
    for (const f of items.funcs) b.u32(remap('func', f));
  } else {
    b.u32(items.exprs.length);
    for (const e of items.exprs) expr(b, e);
  }
}
