/**
 * Which items of a module are live: a worklist from the roots (the kept
 * exports, the start function, and the segments that write into imported
 * tables/memories, whose effect the importer can see) through everything a
 * live item mentions.
 *
 * Rules that are not just "mentioned ⇒ live":
 *  - a type keeps its whole rec group (the group is the unit of type identity);
 *  - a live table keeps its active element segments, a live memory its
 *    active data segments (they initialise it);
 *  - a declarative element segment only declares functions for `ref.func`:
 *    it keeps nothing alive (the encoder keeps its live functions).
 */
import { markSubType, markValType, scanBody, scanInstructions, type CoreSpace, type Mark } from './code.js';
import type { Expr, GcModule } from './module.js';

export type Live = Record<CoreSpace, Set<number>>;

export interface Liveness {
  live: Live;
  /** Functions that live code takes with `ref.func`. */
  refFuncs: Set<number>;
}

const SPACES: CoreSpace[] = ['func', 'table', 'memory', 'global', 'tag', 'type', 'elem', 'data'];
const EXPORT_SPACE: CoreSpace[] = ['func', 'table', 'memory', 'global', 'tag'];

export function liveness(m: GcModule, keepExports: (name: string) => boolean): Liveness {
  const live = Object.fromEntries(SPACES.map((s) => [s, new Set<number>()])) as Live;
  const refFuncs = new Set<number>();
  const work: [CoreSpace, number][] = [];
  const mark: Mark = (space, index) => {
    if (!live[space].has(index)) {
      live[space].add(index);
      work.push([space, index]);
    }
  };
  const expr = (e: Expr | null) => {
    if (e !== null) scanInstructions(m.bytes, e.start, e.end, mark);
  };
  const onRefFunc = (f: number) => {
    refFuncs.add(f);
    mark('func', f);
  };

  for (const e of m.exports) if (keepExports(e.name)) mark(EXPORT_SPACE[e.kind], e.index);
  if (m.start !== null) mark('func', m.start);
  m.elems.forEach((s, i) => {
    if (s.mode === 'active' && m.tables[s.table]?.imported) mark('elem', i);
  });
  m.datas.forEach((d, i) => {
    if (d.mode === 'active' && m.memories[d.memory]?.imported) mark('data', i);
  });

  while (work.length > 0) {
    const [space, i] = work.pop()!;
    switch (space) {
      case 'func':
        mark('type', m.funcTypes[i]);
        if (i >= m.funcImports) scanBody(m.bytes, m.bodies[i - m.funcImports], mark, onRefFunc);
        break;
      case 'type': {
        const g = m.typeGroup[i];
        const first = m.groupStart[g];
        m.recGroups[g].types.forEach((t, k) => {
          mark('type', first + k);
          markSubType(t, mark);
        });
        break;
      }
      case 'table': {
        const t = m.tables[i];
        markValType(t.type, mark);
        expr(t.def?.init ?? null);
        m.elems.forEach((s, k) => {
          if (s.mode === 'active' && s.table === i) mark('elem', k);
        });
        break;
      }
      case 'memory':
        m.datas.forEach((d, k) => {
          if (d.mode === 'active' && d.memory === i) mark('data', k);
        });
        break;
      case 'global': {
        const g = m.globals[i];
        markValType(g.type, mark);
        expr(g.def?.init ?? null);
        break;
      }
      case 'tag':
        mark('type', m.tags[i].type);
        break;
      case 'elem': {
        const s = m.elems[i];
        if (s.mode === 'active') mark('table', s.table);
        expr(s.offset);
        markValType(s.type, mark);
        if (s.mode === 'declarative') break;
        for (const f of s.funcs ?? []) mark('func', f);
        for (const e of s.exprs ?? []) expr(e);
        break;
      }
      case 'data': {
        const d = m.datas[i];
        if (d.mode === 'active') mark('memory', d.memory);
        expr(d.offset);
        break;
      }
    }
  }
  return { live, refFuncs };
}
