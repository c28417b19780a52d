// Type statements of a WAC document, encoded as type exports of the
// composition (what wac does): value and function types as component types
// exported by name, interfaces and worlds as the wrapper component types of
// the WIT package binary format (from `witPackageComponent`).

import { witPackageComponent, type DefType, type ValType } from '@wit-ts/component';
import type { Resolve, TypeRef } from '@wit-ts/wit-parser';
import type { TypeBinding } from './wac-types.js';

export interface TypeSink {
  /** Defines a type; its index. */
  define(t: DefType): number;
  /** Exports type `index` as `name`; the export's own (new) type index. */
  export(name: string, index: number): number;
}

export class TypeExportEncoder {
  /** Resolve type id → type index of its export (what later types refer to). */
  private readonly exported = new Map<number, number>();
  private readonly anon = new Map<number, number>();

  constructor(
    private readonly r: Resolve,
    private readonly sink: TypeSink,
  ) {}

  /** Encodes one named definition; interfaces and worlds are batched in `wrappers`. */
  definition(name: string, b: TypeBinding): void {
    if (b.kind === 'type') {
      const k = this.r.types[b.id].kind;
      // An alias of a named type re-exports that type; of a primitive, defines it.
      let index: number;
      if (k.kind === 'type' && typeof k.type === 'number' && this.exported.has(k.type))
        index = this.exported.get(k.type)!;
      else if (k.kind === 'type' && typeof k.type === 'string')
        index = this.sink.define({ kind: 'prim', prim: k.type });
      else index = this.sink.define(this.defType(b.id));
      this.exported.set(b.id, this.sink.export(name, index));
    } else if (b.kind === 'func') {
      const f = b.func;
      const index = this.sink.define({
        kind: 'func',
        async: f.kind.kind.startsWith('async'),
        params: f.params.map((p) => ({ name: p.name, type: this.val(p.type) })),
        result: f.result === undefined ? null : this.val(f.result),
      });
      this.sink.export(name, index);
    }
  }

  /** The value type of `t`, defining anonymous types as needed. */
  private val(t: TypeRef): ValType {
    if (typeof t === 'string') return t;
    const e = this.exported.get(t);
    if (e !== undefined) return e;
    const k = this.r.types[t].kind;
    if (k.kind === 'type') return this.val(k.type);
    let a = this.anon.get(t);
    if (a === undefined) {
      a = this.sink.define(this.defType(t));
      this.anon.set(t, a);
    }
    return a;
  }

  private defType(id: number): DefType {
    const k = this.r.types[id].kind;
    const opt = (t: TypeRef | undefined) => (t === undefined ? null : this.val(t));
    switch (k.kind) {
      case 'record':
        return { kind: 'record', fields: k.fields.map((f) => ({ name: f.name, type: this.val(f.type) })) };
      case 'variant':
        return { kind: 'variant', cases: k.cases.map((c) => ({ name: c.name, type: opt(c.type), refines: null })) };
      case 'enum':
        return { kind: 'enum', names: k.cases.map((c) => c.name) };
      case 'flags':
        return { kind: 'flags', names: k.flags.map((c) => c.name) };
      case 'list':
        return { kind: 'list', element: this.val(k.element) };
      case 'fixed-length-list':
        return { kind: 'fixed-list', element: this.val(k.element), length: k.size };
      case 'tuple':
        return { kind: 'tuple', types: k.types.map((t) => this.val(t)) };
      case 'option':
        return { kind: 'option', type: this.val(k.type) };
      case 'result':
        return { kind: 'result', ok: opt(k.ok), err: opt(k.err) };
      case 'map':
        return { kind: 'map', key: this.val(k.key), value: this.val(k.value) };
      case 'future':
      case 'stream':
        return { kind: k.kind, element: opt(k.type) };
      case 'handle': {
        const res = this.val(k.resource);
        if (typeof res !== 'number') throw new Error('a handle of a non-resource type');
        return { kind: k.handle, type: res };
      }
      case 'type': {
        const v = this.val(k.type);
        if (typeof v === 'string') return { kind: 'prim', prim: v };
        // An alias of an anonymous type: a tuple of one would change the type; define it again.
        return this.defType(k.type as number);
      }
      default:
        throw new Error(`a ${k.kind} type cannot be exported from a composition yet`);
    }
  }
}

/**
 * The wrapper types of the document's interfaces and worlds: those of the
 * WIT package binary of `pkg`, restricted to the given names.
 */
export function wrapperTypes(
  r: Resolve,
  pkg: number,
  interfaces: Map<string, number>,
  worlds: Map<string, number>,
): { name: string; type: DefType }[] {
  if (interfaces.size === 0 && worlds.size === 0) return [];
  const p = r.packages[pkg];
  const saved = [p.interfaces, p.worlds] as const;
  p.interfaces = interfaces;
  p.worlds = worlds;
  try {
    const c = witPackageComponent(r, pkg, { producer: null });
    const types: DefType[] = [];
    const out: { name: string; type: DefType }[] = [];
    let count = 0;
    for (const s of c.sections) {
      if (s.kind === 'type') for (const t of s.items) types[count++] = t.type;
      else if (s.kind === 'export')
        for (const e of s.items) {
          out.push({ name: e.name.name, type: types[e.index] });
          count++;
        }
    }
    return out;
  } finally {
    [p.interfaces, p.worlds] = saved;
  }
}
