// The composition's imports: explicit ones (`import` statements) and
// implicit ones (arguments left to `...`, a socket's unsatisfied imports).
// Implicit imports of the same name are shared, and merged when their types
// differ: interfaces by the union of their exports, semver-compatible
// interface names (`wasi:io/streams@0.2.0` and `@0.2.3`) into the newer one.

import type { Function, Resolve, WorldItem, WorldKey } from '@wit-ts/wit-parser';
import { compareVersions, itemType, namesCompatible, parseInterfaceName, type ImportNode, type Node } from './graph.js';
import { describeItem } from './resolve-util.js';
import { checkSubtype } from './subtype.js';

export class ImportConflict extends Error {}

export class ImportSet {
  readonly nodes: ImportNode[] = [];
  constructor(private readonly r: Resolve) {}

  find(name: string): ImportNode | undefined {
    return this.nodes.find((n) => n.name === name) ?? this.nodes.find((n) => namesCompatible(n.name, name));
  }

  explicit(name: string, key: WorldKey, item: WorldItem, local: string): ImportNode {
    const prev = this.nodes.find((n) => n.name === name);
    if (prev !== undefined) {
      throw new ImportConflict(
        prev.implicit
          ? `import \`${name}\` conflicts with an item that was implicitly imported by an instantiation`
          : `duplicate import \`${name}\``,
      );
    }
    const node: ImportNode = { kind: 'import', name, key, item, type: itemType(this.r, item), implicit: false, local };
    this.nodes.push(node);
    return node;
  }

  /** An implicit import of `item` under `name`, shared with (and merged into) any previous one. */
  implicit(name: string, key: WorldKey, item: WorldItem, providers?: Map<number, Node>): ImportNode {
    const prev = this.find(name);
    if (prev === undefined) {
      const node: ImportNode = {
        kind: 'import',
        name,
        key,
        item,
        type: itemType(this.r, item),
        implicit: true,
        providers,
      };
      this.nodes.push(node);
      return node;
    }
    // WAC-LANGUAGE.md: implicit imports may not conflict with explicit imports of the same name.
    if (!prev.implicit)
      throw new ImportConflict(
        `import \`${prev.name}\` conflicts with an item implicitly imported by this instantiation`,
      );
    this.merge(prev, name, key, item);
    return prev;
  }

  private merge(prev: ImportNode, name: string, key: WorldKey, item: WorldItem): void {
    const r = this.r;
    const conflict = (why: string) =>
      new ImportConflict(
        `failed to merge the implicit imports of \`${name}\`: ${why}\n  first:  ${describeItem(r, prev.item)}\n  second: ${describeItem(r, item)}`,
      );
    if (prev.item.kind !== item.kind)
      throw conflict(`an item of kind ${prev.item.kind} cannot merge with one of kind ${item.kind}`);
    if (item.kind === 'function' || item.kind === 'type') {
      const why = checkSubtype(r, prev.item, item);
      if (why !== undefined) throw conflict(why);
      return;
    }
    const a = (prev.item as { id: number }).id;
    const b = item.id;
    if (a === b) return;
    // The newer of two semver-compatible names wins.
    const pa = parseInterfaceName(prev.name);
    const pb = parseInterfaceName(name);
    const newer = pa !== undefined && pb !== undefined && compareVersions(pb.version, pa.version) > 0;
    const ia = r.interfaces[a];
    const ib = r.interfaces[b];
    for (const [n, f] of ib.functions) {
      const g = ia.functions.get(n);
      if (g !== undefined) {
        const why = checkSubtype(r, { kind: 'function', function: g }, { kind: 'function', function: f });
        if (why !== undefined) throw conflict(`function \`${n}\`: ${why}`);
      }
    }
    // When one side already provides everything the other asks for, it is
    // the merge (this keeps resource types intact); the newer name wins.
    const aItem = prev.item;
    const covers = (x: WorldItem, y: WorldItem) => checkSubtype(r, x, y) === undefined;
    const pick = newer ? [item, aItem] : [aItem, item];
    for (const [cand, other] of [pick, [pick[1], pick[0]]]) {
      if (!covers(cand, other)) continue;
      prev.item = cand;
      if (newer) {
        prev.name = name;
        prev.key = key;
      }
      if ('interface' in prev.key) prev.key = { interface: (cand as { id: number }).id };
      prev.type = itemType(r, prev.item);
      return;
    }
    // A fresh interface: the originals belong to the dependencies' worlds.
    // Its types are copies owned by it (an interface's types must be its own).
    const id = r.interfaces.length;
    const types = new Map<string, number>();
    const remap = new Map<number, number>();
    for (const side of [ia, ib])
      for (const [n, t] of side.types) {
        let copy = types.get(n);
        if (copy === undefined) {
          copy = r.types.length;
          r.types.push({ ...r.types[t], owner: { interface: id } });
          types.set(n, copy);
        }
        remap.set(t, copy);
      }
    for (const t of types.values()) r.types[t] = { ...r.types[t], kind: remapRefs(r.types[t].kind, remap) };
    const functions = new Map<string, Function>();
    for (const side of [ia, ib])
      for (const [n, f] of side.functions) if (!functions.has(n)) functions.set(n, remapRefs(f, remap));
    r.interfaces.push({ ...(newer ? ib : ia), types, functions });
    if (newer) {
      prev.name = name;
      prev.key = 'interface' in key ? { interface: id } : key;
    } else if ('interface' in prev.key) prev.key = { interface: id };
    prev.item = { kind: 'interface', id, stability: { kind: 'unknown' } };
    prev.type = itemType(r, prev.item);
  }
}

const REF_KEYS = new Set(['type', 'element', 'key', 'value', 'ok', 'err', 'resource', 'result']);

/** A copy of a type kind or function with its type references mapped through `remap`. */
function remapRefs<T>(x: T, remap: Map<number, number>): T {
  const walk = (v: unknown, refKey: boolean): unknown => {
    if (typeof v === 'number') return refKey ? (remap.get(v) ?? v) : v;
    if (Array.isArray(v)) return v.map((e) => walk(e, refKey));
    if (v === null || typeof v !== 'object' || v instanceof Map) return v;
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) out[k] = walk(e, REF_KEYS.has(k) || k === 'types');
    return out;
  };
  return walk(x, false) as T;
}
