/**
 * Names from the `name` (core) and `component-name` custom sections, turned
 * into text identifiers the way wasm-tools does: `$name`, or `$"name"` when it
 * has characters an identifier cannot; a name that is empty, starts with `#`
 * or is already used in the same space gets a synthetic `$"#group<idx> name"`
 * and keeps its real name in an `(@name "…")` annotation where it is defined.
 */
import { Reader } from '../reader.js';
import { isIdChar, quote } from './text.js';

export interface Naming {
  name: string;
  /** The synthetic identifier, or null when `name` itself is usable. */
  identifier: string | null;
}

export type NameMap = Map<number, Naming>;

export function makeNaming(name: string, index: number, group: string, used: Set<string> | null): Naming {
  let synthetic = name.length === 0 || name.startsWith('#');
  if (!synthetic && used !== null) {
    if (used.has(name)) synthetic = true;
    else used.add(name);
  }
  return { name, identifier: synthetic ? `#${group}${index} ${name}` : null };
}

function idText(id: string): string {
  for (let i = 0; i < id.length; i++) {
    if (!isIdChar(id[i])) return `$${quote(id)}`;
  }
  return `$${id}`;
}

/** `$name` or `$"name"` (for references). */
export function identifierOf(n: Naming): string {
  return idText(n.identifier ?? n.name);
}

/** The identifier plus `(@name "…")` when it is synthetic (for definitions). */
export function definitionOf(n: Naming): string {
  return n.identifier === null ? idText(n.name) : `${idText(n.identifier)} (@name ${quote(n.name)})`;
}

export function nameMapFrom(entries: Iterable<{ index: number; name: string }>, group: string): NameMap {
  const map: NameMap = new Map();
  const used = new Set<string>();
  for (const e of entries) map.set(e.index, makeNaming(e.name, e.index, group, used));
  return map;
}

/** The names of a core module (the `name` custom section). */
export interface CoreNames {
  module: Naming | null;
  func: NameMap;
  local: Map<number, NameMap>;
  label: Map<number, NameMap>;
  type: NameMap;
  table: NameMap;
  memory: NameMap;
  global: NameMap;
  elem: NameMap;
  data: NameMap;
  field: Map<number, NameMap>;
  tag: NameMap;
}

export function emptyCoreNames(): CoreNames {
  return {
    module: null,
    func: new Map(),
    local: new Map(),
    label: new Map(),
    type: new Map(),
    table: new Map(),
    memory: new Map(),
    global: new Map(),
    elem: new Map(),
    data: new Map(),
    field: new Map(),
    tag: new Map(),
  };
}

const DIRECT: Record<number, [keyof CoreNames, string]> = {
  1: ['func', 'func'],
  4: ['type', 'type'],
  5: ['table', 'table'],
  6: ['memory', 'memory'],
  7: ['global', 'global'],
  8: ['elem', 'elem'],
  9: ['data', 'data'],
  11: ['tag', 'tag'],
};
const INDIRECT: Record<number, [keyof CoreNames, string]> = {
  2: ['local', 'local'],
  3: ['label', 'label'],
  10: ['field', 'field'],
};

function readNameMap(r: Reader, group: string): NameMap {
  const n = r.count();
  const map: NameMap = new Map();
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const index = r.u32();
    map.set(index, makeNaming(r.name(), index, group, used));
  }
  return map;
}

/**
 * Parse a core `name` section payload into `names`. Like wasm-tools, a
 * malformed subsection stops the parse; names read before it are kept.
 */
export function parseCoreNames(data: Uint8Array, names: CoreNames): void {
  const r = new Reader(data);
  try {
    while (!r.eof()) {
      const id = r.u8();
      const size = r.u32();
      const end = r.pos + size;
      if (end > r.end) return;
      const outer = r.end;
      r.end = end;
      if (id === 0) {
        const name = r.name();
        names.module = makeNaming(name, 0, 'module', null);
      } else if (DIRECT[id] !== undefined) {
        const [key, group] = DIRECT[id];
        const m = readNameMap(r, group);
        const target = names[key] as NameMap;
        for (const [k, v] of m) target.set(k, v);
      } else if (INDIRECT[id] !== undefined) {
        const [key, group] = INDIRECT[id];
        const target = names[key] as Map<number, NameMap>;
        const n = r.count();
        for (let i = 0; i < n; i++) {
          const outerIndex = r.u32();
          target.set(outerIndex, readNameMap(r, group));
        }
      }
      r.pos = end;
      r.end = outer;
    }
  } catch {
    // keep what was read
  }
}
