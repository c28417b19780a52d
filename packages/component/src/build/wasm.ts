/**
 * Tiny core-wasm helpers for the component builder: a byte emitter for the
 * small modules `embed --dummy` and `new` synthesise (placeholder modules,
 * shim/fixup modules), and custom-section surgery on existing modules.
 */
import { decodeCoreModule } from '../decode-core-module.js';
import type { CoreModule, CoreRecType, CoreValType } from '../model.js';
import { Writer } from '../writer.js';

export type ValT = 'i32' | 'i64' | 'f32' | 'f64';
export const VAL_CODE: Record<ValT, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };

export interface Sig {
  params: ValT[];
  results: ValT[];
}

export const sigKey = (s: Sig) => `${s.params.join(',')}->${s.results.join(',')}`;

const CODE_VAL: Record<number, ValT> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64' };

/** A core function type of the binary model as a `Sig` (undefined for non-numeric types). */
export function recToSig(rec: CoreRecType): Sig | undefined {
  if (rec.types.length !== 1) return undefined;
  const c = rec.types[0].comp;
  if (c.kind !== 'func') return undefined;
  const conv = (v: CoreValType) => (typeof v === 'number' ? CODE_VAL[v] : undefined);
  const params = c.params.map(conv);
  const results = c.results.map(conv);
  if (params.includes(undefined) || results.includes(undefined)) return undefined;
  return { params: params as ValT[], results: results as ValT[] };
}

export const sigString = (s: Sig) => `(${s.params.join(', ')}) -> (${s.results.join(', ')})`;

/** Body of a function: raw instruction bytes (without locals, without the final `end`). */
export interface FuncDef {
  type: Sig;
  body: number[];
  /** Extra locals (after the parameters). */
  locals?: ValT[];
}

/** Builder for small core modules (only what the builder needs). */
export class ModuleBuilder {
  private types: Sig[] = [];
  private typeKeys = new Map<string, number>();
  readonly imports: {
    module: string;
    name: string;
    kind: 'func' | 'table' | 'memory';
    type?: number;
    tableSize?: number;
  }[] = [];
  funcImports = 0;
  readonly funcs: FuncDef[] = [];
  readonly exports: { name: string; kind: number; index: number }[] = [];
  table: number | null = null;
  memory = false;
  start: number | null = null;
  elem: { offset: number; funcs: number[] } | null = null;
  readonly customs: { name: string; data: Uint8Array }[] = [];

  typeIndex(s: Sig): number {
    const k = sigKey(s);
    let i = this.typeKeys.get(k);
    if (i === undefined) {
      i = this.types.length;
      this.types.push(s);
      this.typeKeys.set(k, i);
    }
    return i;
  }

  importFunc(module: string, name: string, s: Sig): number {
    if (this.funcs.length > 0) throw new Error('imports must precede definitions');
    this.imports.push({ module, name, kind: 'func', type: this.typeIndex(s) });
    return this.funcImports++;
  }

  importMemory(module: string, name: string): void {
    this.imports.push({ module, name, kind: 'memory' });
  }

  importTable(module: string, name: string, size: number): void {
    this.imports.push({ module, name, kind: 'table', tableSize: size });
  }

  func(f: FuncDef): number {
    this.typeIndex(f.type);
    this.funcs.push(f);
    return this.funcImports + this.funcs.length - 1;
  }

  export(name: string, kind: number, index: number): void {
    this.exports.push({ name, kind, index });
  }

  finish(): Uint8Array {
    const w = new Writer();
    w.bytes(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    const section = (id: number, fn: (b: Writer) => void) => {
      const b = new Writer();
      fn(b);
      const body = b.finish();
      w.u8(id);
      w.u32(body.length);
      w.bytes(body);
    };
    const valtypes = (b: Writer, vs: ValT[]) => {
      b.u32(vs.length);
      for (const v of vs) b.u8(VAL_CODE[v]);
    };
    if (this.types.length > 0) {
      section(1, (b) => {
        b.u32(this.types.length);
        for (const t of this.types) {
          b.u8(0x60);
          valtypes(b, t.params);
          valtypes(b, t.results);
        }
      });
    }
    if (this.imports.length > 0) {
      section(2, (b) => {
        b.u32(this.imports.length);
        for (const i of this.imports) {
          b.name(i.module);
          b.name(i.name);
          if (i.kind === 'func') {
            b.u8(0);
            b.u32(i.type!);
          } else if (i.kind === 'table') {
            b.u8(1);
            b.u8(0x70);
            b.u8(1);
            b.u32(i.tableSize!);
            b.u32(i.tableSize!);
          } else {
            b.u8(2);
            b.u8(0);
            b.u32(0);
          }
        }
      });
    }
    if (this.funcs.length > 0) {
      section(3, (b) => {
        b.u32(this.funcs.length);
        for (const f of this.funcs) b.u32(this.typeIndex(f.type));
      });
    }
    if (this.table !== null) {
      section(4, (b) => {
        b.u32(1);
        b.u8(0x70);
        b.u8(1);
        b.u32(this.table!);
        b.u32(this.table!);
      });
    }
    if (this.memory) {
      section(5, (b) => {
        b.u32(1);
        b.u8(0);
        b.u32(0);
      });
    }
    if (this.exports.length > 0) {
      section(7, (b) => {
        b.u32(this.exports.length);
        for (const e of this.exports) {
          b.name(e.name);
          b.u8(e.kind);
          b.u32(e.index);
        }
      });
    }
    if (this.start !== null) section(8, (b) => b.u32(this.start!));
    if (this.elem !== null) {
      const elem = this.elem;
      section(9, (b) => {
        b.u32(1);
        b.u8(0);
        b.u8(0x41);
        b.s32(elem.offset);
        b.u8(0x0b);
        b.u32(elem.funcs.length);
        for (const f of elem.funcs) b.u32(f);
      });
    }
    if (this.funcs.length > 0) {
      section(10, (b) => {
        b.u32(this.funcs.length);
        for (const f of this.funcs) {
          const locals = f.locals ?? [];
          const decl = locals.length === 0 ? [0x00] : [locals.length, ...locals.map((l) => [1, VAL_CODE[l]]).flat()];
          const body = [...decl, ...f.body, 0x0b];
          b.u32(body.length);
          b.bytes(new Uint8Array(body));
        }
      });
    }
    for (const c of this.customs)
      section(0, (b) => {
        b.name(c.name);
        b.bytes(c.data);
      });
    return w.finish();
  }
}

/** LEB128 (unsigned) as a byte list, for instruction immediates. */
export function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (32-bit) as a byte list. */
export function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Appends a custom section to module bytes. */
export function appendCustomSection(module: Uint8Array, name: string, data: Uint8Array): Uint8Array {
  const b = new Writer();
  b.name(name);
  b.bytes(data);
  const body = b.finish();
  const w = new Writer();
  w.bytes(module);
  w.u8(0);
  w.u32(body.length);
  w.bytes(body);
  return w.finish();
}

/**
 * Splits a module into its `component-type*` custom section payloads and the
 * module bytes without them (every other section copied verbatim).
 */
export function stripComponentTypeSections(bytes: Uint8Array): {
  module: Uint8Array;
  sections: { name: string; data: Uint8Array }[];
  decoded: CoreModule;
} {
  const decoded = decodeCoreModule(bytes);
  const sections: { name: string; data: Uint8Array }[] = [];
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const s of decoded.sections) {
    if (s.kind === 'custom' && s.name.startsWith('component-type')) {
      sections.push({ name: s.name, data: s.data });
      continue;
    }
    parts.push(bytes.subarray(s.range.start, s.range.end));
  }
  const len = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { module: sections.length === 0 ? bytes : out, sections, decoded };
}
