/**
 * Instruction sequences (function bodies, constant expressions) for the GC:
 * scanning reports every index they mention; rewriting re-encodes exactly
 * the immediates that hold an index (with the new index) and copies every
 * other byte as it was.
 */
import { readInstruction, type CoreSpace, type Immediate } from '../../core-code/instruction.js';
import { readCoreValType } from '../../decode-core-types.js';
import { writeCoreValType, writeHeapType } from '../../encode-core-types.js';
import type { CoreHeapType, CoreSubType, CoreValType } from '../../model.js';
import { Reader } from '../../reader.js';
import { Writer } from '../../writer.js';

export type { CoreSpace };

/** Called with each index a sequence mentions. */
export type Mark = (space: CoreSpace, index: number) => void;
/** The new index of a live item. */
export type Remap = (space: CoreSpace, index: number) => number;

/** `ref.func`: the function must be declared (element segment, global, export) to be referenced in code. */
const isRefFunc = (prefix: number | null, code: number) => prefix === null && code === 0xd2;

export function markValType(t: CoreValType, mark: Mark): void {
  if (typeof t !== 'number' && t.heap.kind === 'index') mark('type', t.heap.index);
}

export function markSubType(t: CoreSubType, mark: Mark): void {
  for (const s of t.supertypes) mark('type', s);
  const c = t.comp;
  if (c.kind === 'func') for (const v of [...c.params, ...c.results]) markValType(v, mark);
  else if (c.kind === 'struct') for (const f of c.fields) markValType(f.storage, mark);
  else if (c.kind === 'array') markValType(c.field.storage, mark);
  else mark('type', c.index);
}

function mapHeap(h: CoreHeapType, remap: Remap): CoreHeapType {
  return h.kind === 'index' ? { kind: 'index', index: remap('type', h.index) } : h;
}

export function mapValType(t: CoreValType, remap: Remap): CoreValType {
  return typeof t === 'number' ? t : { ...t, heap: mapHeap(t.heap, remap) };
}

export function mapSubType(t: CoreSubType, remap: Remap): CoreSubType {
  const c = t.comp;
  const field = (f: { storage: CoreValType; mutable: number }) => ({ ...f, storage: mapValType(f.storage, remap) });
  return {
    ...t,
    supertypes: t.supertypes.map((s) => remap('type', s)),
    comp:
      c.kind === 'func'
        ? {
            kind: 'func',
            params: c.params.map((v) => mapValType(v, remap)),
            results: c.results.map((v) => mapValType(v, remap)),
          }
        : c.kind === 'struct'
          ? { kind: 'struct', fields: c.fields.map(field) }
          : c.kind === 'array'
            ? { kind: 'array', field: field(c.field) }
            : { kind: 'cont', index: remap('type', c.index) },
  };
}

function markImmediate(imm: Immediate, mark: Mark): void {
  switch (imm.kind) {
    case 'index':
      mark(imm.space, imm.value);
      break;
    case 'block':
      if (imm.type.kind === 'index') mark('type', imm.type.index);
      else if (imm.type.kind === 'value') markValType(imm.type.type, mark);
      break;
    case 'valtypes':
      for (const t of imm.types) markValType(t, mark);
      break;
    case 'heap':
      if (imm.type.kind === 'index') mark('type', imm.type.index);
      break;
    case 'memarg':
      mark('memory', imm.memory);
      break;
    case 'catches':
      for (const c of imm.catches) if (c.tag !== null) mark('tag', c.tag);
      break;
    default:
      break;
  }
}

/**
 * Marks what the instructions in `[start, end)` mention; `onRefFunc` gets
 * the targets of `ref.func`.
 */
export function scanInstructions(
  bytes: Uint8Array,
  start: number,
  end: number,
  mark: Mark,
  onRefFunc?: (f: number) => void,
): void {
  const r = new Reader(bytes, start, end);
  while (r.pos < end) {
    const ins = readInstruction(r);
    for (const imm of ins.imms) markImmediate(imm, mark);
    if (onRefFunc !== undefined && isRefFunc(ins.prefix, ins.code) && ins.imms[0].kind === 'index')
      onRefFunc(ins.imms[0].value);
  }
}

/** Reads a body's local declarations: the offset of its first instruction and the local types. */
function readLocals(bytes: Uint8Array, start: number, end: number): { code: number; locals: [number, CoreValType][] } {
  const r = new Reader(bytes, start, end);
  const n = r.count();
  const locals: [number, CoreValType][] = [];
  for (let i = 0; i < n; i++) {
    const count = r.u32();
    locals.push([count, readCoreValType(r)]);
  }
  return { code: r.pos, locals };
}

export function scanBody(
  bytes: Uint8Array,
  body: { start: number; end: number },
  mark: Mark,
  onRefFunc: (f: number) => void,
): void {
  const { code, locals } = readLocals(bytes, body.start, body.end);
  for (const [, t] of locals) markValType(t, mark);
  scanInstructions(bytes, code, body.end, mark, onRefFunc);
}

function writeImmediate(w: Writer, bytes: Uint8Array, imm: Immediate, remap: Remap): void {
  switch (imm.kind) {
    case 'index':
      w.u32(remap(imm.space, imm.value));
      return;
    case 'block':
      if (imm.type.kind === 'index') w.s33(remap('type', imm.type.index));
      else if (imm.type.kind === 'value') writeCoreValType(w, mapValType(imm.type.type, remap));
      else w.u8(0x40);
      return;
    case 'valtypes':
      w.u32(imm.types.length);
      for (const t of imm.types) writeCoreValType(w, mapValType(t, remap));
      return;
    case 'heap':
      writeHeapType(w, mapHeap(imm.type, remap));
      return;
    case 'memarg': {
      const memory = remap('memory', imm.memory);
      if (memory === imm.memory) break;
      w.u32(imm.align | (memory !== 0 ? 0x40 : 0));
      if (memory !== 0) w.u32(memory);
      w.u64(imm.offset);
      return;
    }
    case 'catches':
      w.u32(imm.catches.length);
      for (const c of imm.catches) {
        w.u8(c.kind);
        if (c.tag !== null) w.u32(remap('tag', c.tag));
        w.u32(c.label);
      }
      return;
    default:
      break;
  }
  w.bytes(bytes.subarray(imm.start, imm.end));
}

/** Writes the instructions in `[start, end)` with every index remapped. */
export function writeInstructions(w: Writer, bytes: Uint8Array, start: number, end: number, remap: Remap): void {
  const r = new Reader(bytes, start, end);
  while (r.pos < end) {
    const ins = readInstruction(r);
    let p = ins.at;
    for (const imm of ins.imms) {
      w.bytes(bytes.subarray(p, imm.start));
      writeImmediate(w, bytes, imm, remap);
      p = imm.end;
    }
    w.bytes(bytes.subarray(p, r.pos));
  }
}

/** A function body (size-prefixed) with its locals' types and its instructions remapped. */
export function writeBody(w: Writer, bytes: Uint8Array, body: { start: number; end: number }, remap: Remap): void {
  const { code, locals } = readLocals(bytes, body.start, body.end);
  const inner = new Writer();
  inner.u32(locals.length);
  for (const [count, t] of locals) {
    inner.u32(count);
    writeCoreValType(inner, mapValType(t, remap));
  }
  writeInstructions(inner, bytes, code, body.end, remap);
  const out = inner.finish();
  w.u32(out.length);
  w.bytes(out);
}
