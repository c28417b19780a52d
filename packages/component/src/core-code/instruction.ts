/**
 * One core instruction, decoded with the opcode tables: its opcode and its
 * immediates in binary order, each with its byte range. The text printer
 * formats them; the adapter GC collects the indices they mention and
 * rewrites them (copying every other byte verbatim, so the ranges matter).
 */
import { readCoreValType, readHeapType } from '../decode-core-types.js';
import type { CoreHeapType, CoreValType } from '../model.js';
import type { Reader } from '../reader.js';
import { OPS, OPS_FB, OPS_FC, OPS_FD, OPS_FE, type OpInfo } from './opcodes.js';

/** The index spaces instructions refer to. */
export type CoreSpace = 'func' | 'table' | 'memory' | 'global' | 'tag' | 'type' | 'elem' | 'data';

export type BlockType = { kind: 'empty' } | { kind: 'value'; type: CoreValType } | { kind: 'index'; index: number };

/** A `try_table` catch clause: kinds 0 catch, 1 catch_ref (with a tag), 2 catch_all, 3 catch_all_ref. */
export interface CatchClause {
  kind: number;
  tag: number | null;
  label: number;
}

/** Immediates; `start`/`end` delimit their bytes in the reader's buffer. */
export type Immediate = { start: number; end: number } & (
  | { kind: 'index'; space: CoreSpace; value: number }
  | { kind: 'label'; depth: number }
  /** `br_table`: the targets, the default last. */
  | { kind: 'labels'; depths: number[] }
  | { kind: 'local'; index: number }
  /** A field index or `array.new_fixed`'s length: not an index space of its own. */
  | { kind: 'u32'; value: number }
  | { kind: 'block'; type: BlockType }
  | { kind: 'catches'; catches: CatchClause[] }
  /** `select t*`. */
  | { kind: 'valtypes'; types: CoreValType[] }
  | { kind: 'heap'; type: CoreHeapType }
  | { kind: 'i32'; value: number }
  | { kind: 'i64'; value: bigint }
  /** f32 / f64 / v128 / shuffle bytes, little-endian as in the binary. */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** `align` without the multi-memory bit; `memory` is 0 unless that bit is set. */
  | { kind: 'memarg'; align: number; memory: number; offset: bigint }
  /** A lane index, `atomic.fence`'s flags, `br_on_cast`'s flags. */
  | { kind: 'u8'; value: number }
);

export interface Instruction {
  /** Offset of the (first) opcode byte. */
  at: number;
  /** 0xfb…0xfe for prefixed opcodes. */
  prefix: number | null;
  code: number;
  info: OpInfo;
  imms: Immediate[];
}

/** Opcodes the tables do not know. */
export class UnknownOpcodeError extends Error {
  constructor(
    readonly prefix: number | null,
    readonly code: number,
    readonly at: number,
  ) {
    const name = prefix === null ? `0x${code.toString(16).padStart(2, '0')}` : `0x${prefix.toString(16)} ${code}`;
    super(`unsupported instruction opcode ${name}`);
  }
}

const PREFIXED: Record<number, Map<number, OpInfo>> = { 0xfb: OPS_FB, 0xfc: OPS_FC, 0xfd: OPS_FD, 0xfe: OPS_FE };

/** Reads the instruction at `r.pos` (advancing past it). */
export function readInstruction(r: Reader): Instruction {
  const at = r.pos;
  const op = r.u8();
  let info: OpInfo | undefined;
  let prefix: number | null = null;
  let code = op;
  const table = PREFIXED[op];
  if (table !== undefined) {
    prefix = op;
    code = r.u32();
    info = table.get(code);
  } else info = OPS.get(op);
  if (info === undefined) throw new UnknownOpcodeError(prefix, code, at);
  const imms: Immediate[] = [];
  readImmediates(r, info, imms);
  return { at, prefix, code, info, imms };
}

function readImmediates(r: Reader, info: OpInfo, out: Immediate[]): void {
  const index = (space: CoreSpace) => {
    const start = r.pos;
    const value = r.u32();
    out.push({ kind: 'index', space, value, start, end: r.pos });
  };
  const label = () => {
    const start = r.pos;
    const depth = r.u32();
    out.push({ kind: 'label', depth, start, end: r.pos });
  };
  const heap = () => {
    const start = r.pos;
    const type = readHeapType(r);
    out.push({ kind: 'heap', type, start, end: r.pos });
  };
  const u8 = () => {
    const start = r.pos;
    out.push({ kind: 'u8', value: r.u8(), start, end: r.pos });
  };
  const bytes = (n: number) => {
    const start = r.pos;
    out.push({ kind: 'bytes', bytes: r.take(n), start, end: r.pos });
  };
  const memarg = () => {
    const start = r.pos;
    const flags = r.u32();
    const memory = flags & 0x40 ? r.u32() : 0;
    const offset = r.u64();
    out.push({ kind: 'memarg', align: flags & ~0x40, memory, offset, start, end: r.pos });
  };
  const imm = info.imm;
  switch (imm) {
    case '':
    case 'else':
    case 'end':
    case 'catch_all':
      return;
    case 'block':
    case 'if':
    case 'try':
      blockType(r, out);
      return;
    case 'try_table': {
      blockType(r, out);
      const start = r.pos;
      const n = r.u32();
      const catches: CatchClause[] = [];
      for (let i = 0; i < n; i++) {
        const kat = r.pos;
        const kind = r.u8();
        if (kind > 3) r.fail(`invalid try_table catch kind 0x${kind.toString(16)}`, kat);
        const tag = kind <= 1 ? r.u32() : null;
        catches.push({ kind, tag, label: r.u32() });
      }
      out.push({ kind: 'catches', catches, start, end: r.pos });
      return;
    }
    case 'catch':
    case 'tag':
      index('tag');
      return;
    case 'delegate':
    case 'label':
      label();
      return;
    case 'br_table': {
      const start = r.pos;
      const n = r.count();
      const depths: number[] = [];
      for (let i = 0; i <= n; i++) depths.push(r.u32());
      out.push({ kind: 'labels', depths, start, end: r.pos });
      return;
    }
    case 'func':
      index('func');
      return;
    case 'call_indirect':
      index('type');
      index('table');
      return;
    case 'local': {
      const start = r.pos;
      const i = r.u32();
      out.push({ kind: 'local', index: i, start, end: r.pos });
      return;
    }
    case 'global':
      index('global');
      return;
    case 'table':
      index('table');
      return;
    case 'memory':
      index('memory');
      return;
    case 'type':
      index('type');
      return;
    case 'i32': {
      const start = r.pos;
      const value = r.s32();
      out.push({ kind: 'i32', value, start, end: r.pos });
      return;
    }
    case 'i64': {
      const start = r.pos;
      const value = r.s64();
      out.push({ kind: 'i64', value, start, end: r.pos });
      return;
    }
    case 'f32':
      bytes(4);
      return;
    case 'f64':
      bytes(8);
      return;
    case 'select_t': {
      const start = r.pos;
      const n = r.count();
      const types: CoreValType[] = [];
      for (let i = 0; i < n; i++) types.push(readCoreValType(r));
      out.push({ kind: 'valtypes', types, start, end: r.pos });
      return;
    }
    case 'heap':
    case 'ref_test':
    case 'ref_test_null':
      heap();
      return;
    case 'data':
      index('data');
      return;
    case 'elem':
      index('elem');
      return;
    case 'memory.init':
      index('data');
      index('memory');
      return;
    case 'memory.copy':
      index('memory');
      index('memory');
      return;
    case 'table.init':
      index('elem');
      index('table');
      return;
    case 'table.copy':
      index('table');
      index('table');
      return;
    case 'lane':
    case 'fence':
      u8();
      return;
    case 'v128':
    case 'shuffle':
      bytes(16);
      return;
    case 'type_field':
    case 'type_n': {
      index('type');
      const start = r.pos;
      const value = r.u32();
      out.push({ kind: 'u32', value, start, end: r.pos });
      return;
    }
    case 'type_data':
      index('type');
      index('data');
      return;
    case 'type_elem':
      index('type');
      index('elem');
      return;
    case 'type_type':
      index('type');
      index('type');
      return;
    case 'br_on_cast':
      u8();
      label();
      heap();
      heap();
      return;
    default:
      if (imm.startsWith('ml')) {
        memarg();
        u8();
        return;
      }
      if (imm.startsWith('m')) {
        memarg();
        return;
      }
      throw new Error(`no immediate reader for \`${imm}\``);
  }
}

function blockType(r: Reader, out: Immediate[]): void {
  const start = r.pos;
  const b = r.peek();
  let type: BlockType;
  if (b === 0x40) {
    r.pos++;
    type = { kind: 'empty' };
  } else if (b >= 0x63 && b <= 0x7f) type = { kind: 'value', type: readCoreValType(r) };
  else type = { kind: 'index', index: r.s33() };
  out.push({ kind: 'block', type, start, end: r.pos });
}
