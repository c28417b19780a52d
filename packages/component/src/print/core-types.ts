/** Core types as text: value, reference, heap, sub/rec types, limits. */
import type {
  CoreCompType,
  CoreFieldType,
  CoreHeapType,
  CoreLimits,
  CoreRecType,
  CoreSubType,
  CoreValType,
} from '../model.js';
import type { Output } from './output.js';

/** How a type index is spelled (`$name` or the number). */
export type IndexRef = (index: number) => string;

const NUM: Record<number, string> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x78: 'i8',
  0x77: 'i16',
};

const HEAP: Record<number, string> = {
  0x70: 'func',
  0x6f: 'extern',
  0x6e: 'any',
  0x71: 'none',
  0x72: 'noextern',
  0x73: 'nofunc',
  0x6d: 'eq',
  0x6b: 'struct',
  0x6a: 'array',
  0x6c: 'i31',
  0x69: 'exn',
  0x74: 'noexn',
  0x68: 'cont',
  0x75: 'nocont',
};

/** Nullable abstract reference types with a short name (`funcref`, …). */
const SHORT_REF: Record<number, string> = {
  0x70: 'funcref',
  0x6f: 'externref',
  0x6e: 'anyref',
  0x71: 'nullref',
  0x72: 'nullexternref',
  0x73: 'nullfuncref',
  0x6d: 'eqref',
  0x6b: 'structref',
  0x6a: 'arrayref',
  0x6c: 'i31ref',
  0x69: 'exnref',
  0x74: 'nullexnref',
  0x68: 'contref',
  0x75: 'nullcontref',
};

export function heapTypeText(h: CoreHeapType, ref: IndexRef): string {
  if (h.kind === 'index') return ref(h.index);
  const name = HEAP[h.code] ?? `0x${h.code.toString(16)}`;
  return h.shared ? `(shared ${name})` : name;
}

export function valTypeText(t: CoreValType, ref: IndexRef): string {
  if (typeof t === 'number') {
    const n = NUM[t] ?? SHORT_REF[t];
    if (n === undefined) throw new Error(`unknown value type 0x${t.toString(16)}`);
    return n;
  }
  if (t.nullable && t.heap.kind === 'abstract' && !t.heap.shared) return SHORT_REF[t.heap.code];
  return `(ref ${t.nullable ? 'null ' : ''}${heapTypeText(t.heap, ref)})`;
}

export function fieldTypeText(f: CoreFieldType, ref: IndexRef): string {
  const s = valTypeText(f.storage, ref);
  return f.mutable ? `(mut ${s})` : s;
}

/**
 * Params and results of a function type: ` (param i32 i32) (result i32)`.
 * `paramName(i)` gives a local's name, which splits the params into one
 * `(param $x t)` group per named param.
 */
export function funcSigText(
  params: CoreValType[],
  results: CoreValType[],
  ref: IndexRef,
  paramName?: (i: number) => string | null,
): string {
  let out = '';
  let open = false;
  params.forEach((p, i) => {
    const name = paramName?.(i) ?? null;
    if (name !== null) {
      if (open) out += ')';
      open = false;
      out += ` (param ${name} ${valTypeText(p, ref)})`;
    } else {
      if (!open) out += ' (param';
      open = true;
      out += ' ' + valTypeText(p, ref);
    }
  });
  if (open) out += ')';
  if (results.length > 0) out += ` (result ${results.map((r) => valTypeText(r, ref)).join(' ')})`;
  return out;
}

export function compTypeText(c: CoreCompType, ref: IndexRef, fieldName?: (i: number) => string | null): string {
  switch (c.kind) {
    case 'func':
      return `(func${funcSigText(c.params, c.results, ref)})`;
    case 'struct': {
      let s = '(struct';
      c.fields.forEach((f, i) => {
        const n = fieldName?.(i) ?? null;
        s += n !== null ? ` (field ${n} ${fieldTypeText(f, ref)})` : ` (field ${fieldTypeText(f, ref)})`;
      });
      return s + ')';
    }
    case 'array':
      return `(array ${fieldTypeText(c.field, ref)})`;
    case 'cont':
      return `(cont ${ref(c.index)})`;
  }
}

export function subTypeText(t: CoreSubType, ref: IndexRef, fieldName?: (i: number) => string | null): string {
  let body = compTypeText(t.comp, ref, fieldName);
  if (t.shared) body = `(shared ${body})`;
  if (t.form === 'plain') return body;
  const supers = t.supertypes.map((s) => ' ' + ref(s)).join('');
  return `(sub${t.form === 'final' ? ' final' : ''}${supers} ${body})`;
}

/**
 * Print a rec group's types with `printOne(type, index)` for each `(type …)`;
 * explicit groups are wrapped in `(rec …)`.
 */
export function printRecType(
  out: Output,
  rec: CoreRecType,
  firstIndex: number,
  printOne: (t: CoreSubType, index: number) => void,
): void {
  if (!rec.explicit && rec.types.length === 1) {
    printOne(rec.types[0], firstIndex);
    return;
  }
  out.startGroup('rec');
  rec.types.forEach((t, i) => {
    out.newline();
    printOne(t, firstIndex + i);
  });
  out.endGroup();
}

export function limitsText(l: CoreLimits): string {
  let s = l.flags & 0x04 ? 'i64 ' : '';
  s += l.min.toString();
  if (l.max !== null) s += ` ${l.max}`;
  if (l.flags & 0x02) s += ' shared';
  if (l.pageSizeLog2 !== null) s += ` (pagesize 0x${(2 ** l.pageSizeLog2).toString(16)})`;
  return s;
}

export function globalTypeText(t: CoreValType, flags: number, ref: IndexRef): string {
  const v = valTypeText(t, ref);
  const shared = flags & 2 ? 'shared ' : '';
  if (flags & 1) return `(${shared}mut ${v})`;
  return shared ? `(shared ${v})` : v;
}
