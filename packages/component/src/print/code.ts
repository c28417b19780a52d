/**
 * Function bodies and constant expressions: decodes instructions with the
 * shared reader of core-code/ and prints them like wasm-tools (one per line, blocks
 * indented, `;; label = @N` comments, `(;@N;)` on branch targets).
 */
import { readInstruction, UnknownOpcodeError, type Immediate, type Instruction } from '../core-code/instruction.js';
import { readCoreValType } from '../decode-core-types.js';
import { DecodeError } from '../errors.js';
import type { Reader } from '../reader.js';
import { funcSigText, heapTypeText, valTypeText } from './core-types.js';
import { PrintError } from './errors.js';
import { identifierOf, type NameMap, type Naming } from './names.js';
import type { Output } from './output.js';
import { printFloatBits } from './text.js';
import type { ModuleContext } from './module-context.js';

const MAX_LOCALS = 50_000;

const HEX8: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Per-function state: locals' and labels' names, the open blocks. */
interface FuncState {
  locals: NameMap | undefined;
  labels: NameMap | undefined;
  /** Next label ordinal (every block/loop/if/try/try_table gets one). */
  labelCount: number;
  /**
   * Names of the open blocks' labels (index 0 = the function body). Like
   * wasm-tools, `delegate` does not pop its entry, and a branch's label is
   * looked up by its absolute depth, so names after a `delegate` shift.
   */
  stack: (Naming | null)[];
  /** Open blocks. */
  depth: number;
}

function blank(): FuncState {
  return { locals: undefined, labels: undefined, labelCount: 0, stack: [null], depth: 0 };
}

export class CodePrinter {
  constructor(private readonly ctx: ModuleContext) {}

  /**
   * Print the body of function `funcIndex` (locals + instructions) from
   * `r`, which spans the body. `paramCount` offsets local indices.
   */
  printBody(out: Output, r: Reader, funcIndex: number, paramCount: number): void {
    const st = blank();
    st.locals = this.ctx.names.local.get(funcIndex);
    st.labels = this.ctx.names.label.get(funcIndex);
    // Locals.
    const groups = r.u32();
    let idx = paramCount;
    let line = '';
    let open = false;
    for (let g = 0; g < groups; g++) {
      const count = r.u32();
      // wasm-tools' limit; also keeps a corrupt count from looping for ages.
      if (idx + count > paramCount + MAX_LOCALS) throw new PrintError('too many locals', r.pos);
      const ty = valTypeText(readCoreValType(r), this.ctx.typeRef);
      for (let k = 0; k < count; k++, idx++) {
        const n = st.locals?.get(idx);
        if (n !== undefined) {
          if (open) line += ')';
          open = false;
          line += `${line ? ' ' : ''}(local ${identifierOf(n)} ${ty})`;
        } else {
          if (!open) line += `${line ? ' ' : ''}(local`;
          open = true;
          line += ' ' + ty;
        }
      }
    }
    if (open) line += ')';
    if (line) {
      out.newline();
      out.write(line);
    }
    for (;;) {
      if (r.pos >= r.end) throw new PrintError('function body ends without `end`', r.pos);
      if (this.instruction(out, r, st)) break;
    }
  }

  /** A constant expression as `instr instr …` (without the final `end`). */
  constExpr(r: Reader): string[] {
    const st = blank();
    const parts: string[] = [];
    for (;;) {
      if (r.peek() === 0x0b) {
        r.pos++;
        return parts;
      }
      parts.push(this.simple(read(r), st));
    }
  }

  /** One instruction; returns true at the function's final `end`. */
  private instruction(out: Output, r: Reader, st: FuncState): boolean {
    const ins = read(r);
    const { info, imms } = ins;
    switch (info.imm) {
      case 'block':
      case 'if':
      case 'try':
        out.newline();
        out.write(info.name + this.openLabel(st) + this.blockType(imms[0]) + this.labelComment(st));
        out.nesting++;
        return false;
      case 'try_table': {
        out.newline();
        const label = this.openLabelName(st);
        const bt = this.blockType(imms[0]);
        let catches = '';
        for (const c of (imms[1] as Imm<'catches'>).catches) {
          const target = this.labelRef(st, c.label);
          if (c.kind === 0 || c.kind === 1)
            catches += ` (${c.kind === 0 ? 'catch' : 'catch_ref'} ${this.ctx.ref('tag', c.tag!)} ${target})`;
          else catches += ` (${c.kind === 2 ? 'catch_all' : 'catch_all_ref'} ${target})`;
        }
        st.stack.push(label);
        st.depth++;
        out.write('try_table' + (label ? ' ' + identifierOf(label) : '') + bt + catches + this.labelComment(st));
        out.nesting++;
        return false;
      }
      case 'else':
      case 'catch_all':
        out.newlineAt(out.nesting - 1);
        out.write(info.name);
        return false;
      case 'catch':
        out.newlineAt(out.nesting - 1);
        out.write(`catch ${this.ctx.ref('tag', index(imms[0]))}`);
        return false;
      case 'end':
        if (st.depth === 0) return true;
        st.stack.pop();
        st.depth--;
        out.nesting--;
        out.newline();
        out.write('end');
        return false;
      case 'delegate':
        st.depth--;
        out.nesting--;
        out.newline();
        out.write(`delegate ${this.labelRef(st, (imms[0] as Imm<'label'>).depth)}`);
        return false;
      default:
        out.newline();
        out.write(this.simple(ins, st));
        return false;
    }
  }

  /** ` $label` for a new block (and pushes it). */
  private openLabel(st: FuncState): string {
    const n = this.openLabelName(st);
    st.stack.push(n);
    st.depth++;
    return n ? ' ' + identifierOf(n) : '';
  }

  private openLabelName(st: FuncState): Naming | null {
    const n = st.labels?.get(st.labelCount) ?? null;
    st.labelCount++;
    return n;
  }

  private labelComment(st: FuncState): string {
    const top = st.stack[st.stack.length - 1];
    return top ? '' : ` ;; label = @${st.depth}`;
  }

  /** A branch target: `$name`, or the depth with the label's `(;@N;)` (none for the function body). */
  private labelRef(st: FuncState, depth: number): string {
    const i = st.depth - depth;
    if (i <= 0) return String(depth);
    const n = st.stack[i];
    return n ? identifierOf(n) : `${depth} (;@${i};)`;
  }

  private blockType(imm: Immediate): string {
    const bt = (imm as Imm<'block'>).type;
    if (bt.kind === 'empty') return '';
    if (bt.kind === 'value') return ` (result ${valTypeText(bt.type, this.ctx.typeRef)})`;
    const ft = this.ctx.types[bt.index]?.comp;
    const sig = ft !== undefined && ft.kind === 'func' ? funcSigText(ft.params, ft.results, this.ctx.typeRef) : '';
    return ` (type ${this.ctx.typeRef(bt.index)})${sig}`;
  }

  private memarg(imm: Immediate, natural: number): string {
    const { align, memory, offset } = imm as Imm<'memarg'>;
    let s = memory !== 0 ? ' ' + this.ctx.ref('memory', memory) : '';
    if (offset !== 0n) s += ` offset=${offset}`;
    if (align !== natural) s += ` align=${align < 53 ? 2 ** align : `2^${align}`}`;
    return s;
  }

  private refType(nullable: boolean, imm: Immediate): string {
    return valTypeText({ kind: 'ref', nullable, heap: (imm as Imm<'heap'>).type }, this.ctx.typeRef);
  }

  /** A non-structured instruction's text. */
  private simple(ins: Instruction, st: FuncState): string {
    const ctx = this.ctx;
    const { name, imm } = ins.info;
    const v = ins.imms;
    switch (imm) {
      case '':
        return name;
      case 'label':
        return `${name} ${this.labelRef(st, (v[0] as Imm<'label'>).depth)}`;
      case 'br_table': {
        let s = name;
        for (const d of (v[0] as Imm<'labels'>).depths) s += ' ' + this.labelRef(st, d);
        return s;
      }
      case 'func':
        return `${name} ${ctx.ref('func', index(v[0]))}`;
      case 'call_indirect': {
        const table = index(v[1]);
        return `${name}${table !== 0 ? ' ' + ctx.ref('table', table) : ''} (type ${ctx.typeRef(index(v[0]))})`;
      }
      case 'local': {
        const i = (v[0] as Imm<'local'>).index;
        const n = st.locals?.get(i);
        return `${name} ${n !== undefined ? identifierOf(n) : i}`;
      }
      case 'global':
        return `${name} ${ctx.ref('global', index(v[0]))}`;
      case 'table':
        return `${name} ${ctx.ref('table', index(v[0]))}`;
      case 'memory': {
        const m = index(v[0]);
        return m !== 0 ? `${name} ${ctx.ref('memory', m)}` : name;
      }
      case 'tag':
        return `${name} ${ctx.ref('tag', index(v[0]))}`;
      case 'type':
        return `${name} ${ctx.typeRef(index(v[0]))}`;
      case 'i32':
        return `${name} ${(v[0] as Imm<'i32'>).value}`;
      case 'i64':
        return `${name} ${(v[0] as Imm<'i64'>).value}`;
      case 'f32': {
        const b = (v[0] as Imm<'bytes'>).bytes;
        const bits = (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
        return `${name} ${printFloatBits(BigInt(bits), 32)}`;
      }
      case 'f64': {
        const b = (v[0] as Imm<'bytes'>).bytes;
        let bits = 0n;
        for (let i = 7; i >= 0; i--) bits = (bits << 8n) | BigInt(b[i]);
        return `${name} ${printFloatBits(bits, 64)}`;
      }
      case 'select_t': {
        const ts = (v[0] as Imm<'valtypes'>).types.map((t) => valTypeText(t, ctx.typeRef));
        return `${name} (result ${ts.join(' ')})`;
      }
      case 'heap':
        return `${name} ${heapTypeText((v[0] as Imm<'heap'>).type, ctx.typeRef)}`;
      case 'data':
        return `${name} ${ctx.ref('data', index(v[0]))}`;
      case 'elem':
        return `${name} ${ctx.ref('elem', index(v[0]))}`;
      case 'memory.init': {
        const m = index(v[1]);
        return `${name}${m !== 0 ? ' ' + ctx.ref('memory', m) : ''} ${ctx.ref('data', index(v[0]))}`;
      }
      case 'memory.copy': {
        const a = index(v[0]);
        const b = index(v[1]);
        return a === 0 && b === 0 ? name : `${name} ${ctx.ref('memory', a)} ${ctx.ref('memory', b)}`;
      }
      case 'table.init': {
        const t = index(v[1]);
        return `${name}${t !== 0 ? ' ' + ctx.ref('table', t) : ''} ${ctx.ref('elem', index(v[0]))}`;
      }
      case 'table.copy': {
        const a = index(v[0]);
        const b = index(v[1]);
        return a === 0 && b === 0 ? name : `${name} ${ctx.ref('table', a)} ${ctx.ref('table', b)}`;
      }
      case 'lane':
        return `${name} ${(v[0] as Imm<'u8'>).value}`;
      case 'v128': {
        const b = (v[0] as Imm<'bytes'>).bytes;
        let s = `${name} i32x4`;
        for (let i = 0; i < 16; i += 4) s += ` 0x${HEX8[b[i + 3]]}${HEX8[b[i + 2]]}${HEX8[b[i + 1]]}${HEX8[b[i]]}`;
        return s;
      }
      case 'shuffle':
        return `${name} ${Array.from((v[0] as Imm<'bytes'>).bytes).join(' ')}`;
      case 'fence':
        return name;
      case 'type_field': {
        const t = index(v[0]);
        const f = (v[1] as Imm<'u32'>).value;
        const fn = ctx.names.field.get(t)?.get(f);
        return `${name} ${ctx.typeRef(t)} ${fn !== undefined ? identifierOf(fn) : f}`;
      }
      case 'type_n':
        return `${name} ${ctx.typeRef(index(v[0]))} ${(v[1] as Imm<'u32'>).value}`;
      case 'type_data':
        return `${name} ${ctx.typeRef(index(v[0]))} ${ctx.ref('data', index(v[1]))}`;
      case 'type_elem':
        return `${name} ${ctx.typeRef(index(v[0]))} ${ctx.ref('elem', index(v[1]))}`;
      case 'type_type':
        return `${name} ${ctx.typeRef(index(v[0]))} ${ctx.typeRef(index(v[1]))}`;
      case 'ref_test':
      case 'ref_test_null':
        return `${name} ${this.refType(imm === 'ref_test_null', v[0])}`;
      case 'br_on_cast': {
        const flags = (v[0] as Imm<'u8'>).value;
        const label = this.labelRef(st, (v[1] as Imm<'label'>).depth);
        return `${name} ${label} ${this.refType((flags & 1) !== 0, v[2])} ${this.refType((flags & 2) !== 0, v[3])}`;
      }
      default:
        if (imm.startsWith('ml'))
          return `${name}${this.memarg(v[0], Number(imm.slice(2)))} ${(v[1] as Imm<'u8'>).value}`;
        if (imm.startsWith('m')) return name + this.memarg(v[0], Number(imm.slice(1)));
        // a structured instruction where only plain ones may appear (a constant expression)
        throw unknown(ins.prefix, ins.code, ins.at);
    }
  }
}

type Imm<K extends Immediate['kind']> = Extract<Immediate, { kind: K }>;

const index = (imm: Immediate): number => (imm as Imm<'index'>).value;

function unknown(prefix: number | null, code: number, at: number): PrintError {
  const name = prefix === null ? `0x${code.toString(16).padStart(2, '0')}` : `0x${prefix.toString(16)} ${code}`;
  return new PrintError(`unsupported instruction opcode ${name}`, at);
}

/** The shared instruction reader, with unknown opcodes reported as PrintErrors. */
function read(r: Reader): Instruction {
  try {
    return readInstruction(r);
  } catch (e) {
    if (e instanceof UnknownOpcodeError) throw unknown(e.prefix, e.code, e.at);
    throw e;
  }
}

/** Wraps decoder failures inside a body as PrintErrors with their offset. */
export function asPrintError(e: unknown): unknown {
  if (e instanceof DecodeError) return new PrintError(e.message.replace(/ at offset 0x[0-9a-f]+$/, ''), e.offset);
  return e;
}
