/**
 * Function bodies and constant expressions: decodes instructions with the
 * tables of opcodes.ts and prints them like wasm-tools (one per line, blocks
 * indented, `;; label = @N` comments, `(;@N;)` on branch targets).
 */
import { readCoreValType, readHeapType } from '../decode-core-types.js';
import { DecodeError } from '../errors.js';
import { Reader } from '../reader.js';
import type { CoreHeapType } from '../model.js';
import { funcSigText, heapTypeText, valTypeText } from './core-types.js';
import { PrintError } from './errors.js';
import { identifierOf, type NameMap, type Naming } from './names.js';
import { OPS, OPS_FB, OPS_FC, OPS_FD, OPS_FE, type OpInfo } from './opcodes.js';
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
      if (this.instruction(out, r, st, r.pos)) break;
    }
  }

  /** A constant expression as `instr instr …` (without the final `end`). */
  constExpr(r: Reader): string[] {
    const st = blank();
    const parts: string[] = [];
    for (;;) {
      const at = r.pos;
      const op = r.u8();
      if (op === 0x0b) return parts;
      r.pos = at;
      parts.push(this.simple(r, st, at));
    }
  }

  /** One instruction; returns true at the function's final `end`. */
  private instruction(out: Output, r: Reader, st: FuncState, at: number): boolean {
    const op = r.bytes[r.pos];
    const info = op >= 0xfb ? null : OPS.get(op);
    if (info !== undefined && info !== null) {
      switch (info.imm) {
        case 'block':
        case 'if':
        case 'try': {
          r.pos++;
          out.newline();
          out.write(info.name + this.openLabel(st) + this.blockType(r) + this.labelComment(st));
          out.nesting++;
          return false;
        }
        case 'try_table': {
          r.pos++;
          out.newline();
          const label = this.openLabelName(st);
          const bt = this.blockType(r);
          const n = r.u32();
          let catches = '';
          for (let i = 0; i < n; i++) {
            const kind = r.u8();
            if (kind === 0x00 || kind === 0x01) {
              const tag = this.ctx.ref('tag', r.u32());
              catches += ` (${kind === 0 ? 'catch' : 'catch_ref'} ${tag} ${this.labelRef(st, r.u32())})`;
            } else if (kind === 0x02 || kind === 0x03) {
              catches += ` (${kind === 2 ? 'catch_all' : 'catch_all_ref'} ${this.labelRef(st, r.u32())})`;
            } else throw new PrintError(`invalid try_table catch kind 0x${kind.toString(16)}`, r.pos - 1);
          }
          st.stack.push(label);
          st.depth++;
          out.write('try_table' + (label ? ' ' + identifierOf(label) : '') + bt + catches + this.labelComment(st));
          out.nesting++;
          return false;
        }
        case 'else':
        case 'catch_all':
          r.pos++;
          out.newlineAt(out.nesting - 1);
          out.write(info.name);
          return false;
        case 'catch':
          r.pos++;
          out.newlineAt(out.nesting - 1);
          out.write(`catch ${this.ctx.ref('tag', r.u32())}`);
          return false;
        case 'end':
          r.pos++;
          if (st.depth === 0) return true;
          st.stack.pop();
          st.depth--;
          out.nesting--;
          out.newline();
          out.write('end');
          return false;
        case 'delegate': {
          r.pos++;
          st.depth--;
          out.nesting--;
          out.newline();
          out.write(`delegate ${this.labelRef(st, r.u32())}`);
          return false;
        }
        default:
          break;
      }
    }
    out.newline();
    out.write(this.simple(r, st, at));
    return false;
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

  private blockType(r: Reader): string {
    const b = r.peek();
    if (b === 0x40) {
      r.pos++;
      return '';
    }
    if (b >= 0x63 && b <= 0x7f) return ` (result ${valTypeText(readCoreValType(r), this.ctx.typeRef)})`;
    const idx = r.s33();
    const ft = this.ctx.types[idx]?.comp;
    const sig = ft !== undefined && ft.kind === 'func' ? funcSigText(ft.params, ft.results, this.ctx.typeRef) : '';
    return ` (type ${this.ctx.typeRef(idx)})${sig}`;
  }

  private memarg(r: Reader, natural: number): string {
    const flags = r.u32();
    let mem = 0;
    if (flags & 0x40) mem = r.u32();
    const offset = r.u64();
    const align = flags & ~0x40;
    let s = mem !== 0 ? ' ' + this.ctx.ref('memory', mem) : '';
    if (offset !== 0n) s += ` offset=${offset}`;
    if (align !== natural) s += ` align=${align < 53 ? 2 ** align : `2^${align}`}`;
    return s;
  }

  private refType(nullable: boolean, h: CoreHeapType): string {
    return valTypeText({ kind: 'ref', nullable, heap: h }, this.ctx.typeRef);
  }

  private unknown(prefix: number | null, code: number, at: number): never {
    const name = prefix === null ? `0x${code.toString(16).padStart(2, '0')}` : `0x${prefix.toString(16)} ${code}`;
    throw new PrintError(`unsupported instruction opcode ${name}`, at);
  }

  /** A non-structured instruction's text. */
  private simple(r: Reader, st: FuncState, at: number): string {
    const op = r.u8();
    let info: OpInfo | undefined;
    let prefix: number | null = null;
    if (op >= 0xfb && op <= 0xfe) {
      prefix = op;
      const sub = r.u32();
      const t = op === 0xfb ? OPS_FB : op === 0xfc ? OPS_FC : op === 0xfd ? OPS_FD : OPS_FE;
      info = t.get(sub);
      if (info === undefined) this.unknown(prefix, sub, at);
    } else {
      info = OPS.get(op);
      if (info === undefined) this.unknown(null, op, at);
    }
    const ctx = this.ctx;
    const name = info.name;
    const imm = info.imm;
    switch (imm) {
      case '':
        return name;
      case 'label':
        return `${name} ${this.labelRef(st, r.u32())}`;
      case 'br_table': {
        const n = r.count();
        let s = name;
        for (let i = 0; i <= n; i++) s += ' ' + this.labelRef(st, r.u32());
        return s;
      }
      case 'func':
        return `${name} ${ctx.ref('func', r.u32())}`;
      case 'call_indirect': {
        const ty = r.u32();
        const table = r.u32();
        return `${name}${table !== 0 ? ' ' + ctx.ref('table', table) : ''} (type ${ctx.typeRef(ty)})`;
      }
      case 'local': {
        const i = r.u32();
        const n = st.locals?.get(i);
        return `${name} ${n !== undefined ? identifierOf(n) : i}`;
      }
      case 'global':
        return `${name} ${ctx.ref('global', r.u32())}`;
      case 'table':
        return `${name} ${ctx.ref('table', r.u32())}`;
      case 'memory': {
        const m = r.u32();
        return m !== 0 ? `${name} ${ctx.ref('memory', m)}` : name;
      }
      case 'tag':
        return `${name} ${ctx.ref('tag', r.u32())}`;
      case 'type':
        return `${name} ${ctx.typeRef(r.u32())}`;
      case 'i32':
        return `${name} ${r.s32()}`;
      case 'i64':
        return `${name} ${r.s64()}`;
      case 'f32': {
        const b = r.take(4);
        const bits = (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
        return `${name} ${printFloatBits(BigInt(bits), 32)}`;
      }
      case 'f64': {
        const b = r.take(8);
        let bits = 0n;
        for (let i = 7; i >= 0; i--) bits = (bits << 8n) | BigInt(b[i]);
        return `${name} ${printFloatBits(bits, 64)}`;
      }
      case 'select_t': {
        const n = r.count();
        const ts: string[] = [];
        for (let i = 0; i < n; i++) ts.push(valTypeText(readCoreValType(r), ctx.typeRef));
        return `${name} (result ${ts.join(' ')})`;
      }
      case 'heap':
        return `${name} ${heapTypeText(readHeapType(r), ctx.typeRef)}`;
      case 'data':
        return `${name} ${ctx.ref('data', r.u32())}`;
      case 'elem':
        return `${name} ${ctx.ref('elem', r.u32())}`;
      case 'memory.init': {
        const d = r.u32();
        const m = r.u32();
        return `${name}${m !== 0 ? ' ' + ctx.ref('memory', m) : ''} ${ctx.ref('data', d)}`;
      }
      case 'memory.copy': {
        const a = r.u32();
        const b = r.u32();
        return a === 0 && b === 0 ? name : `${name} ${ctx.ref('memory', a)} ${ctx.ref('memory', b)}`;
      }
      case 'table.init': {
        const e = r.u32();
        const t = r.u32();
        return `${name}${t !== 0 ? ' ' + ctx.ref('table', t) : ''} ${ctx.ref('elem', e)}`;
      }
      case 'table.copy': {
        const a = r.u32();
        const b = r.u32();
        return a === 0 && b === 0 ? name : `${name} ${ctx.ref('table', a)} ${ctx.ref('table', b)}`;
      }
      case 'lane':
        return `${name} ${r.u8()}`;
      case 'v128': {
        const b = r.take(16);
        let s = `${name} i32x4`;
        for (let i = 0; i < 16; i += 4) s += ` 0x${HEX8[b[i + 3]]}${HEX8[b[i + 2]]}${HEX8[b[i + 1]]}${HEX8[b[i]]}`;
        return s;
      }
      case 'shuffle': {
        const b = r.take(16);
        return `${name} ${Array.from(b).join(' ')}`;
      }
      case 'fence':
        r.u8();
        return name;
      case 'type_field': {
        const t = r.u32();
        const f = r.u32();
        const fn = ctx.names.field.get(t)?.get(f);
        return `${name} ${ctx.typeRef(t)} ${fn !== undefined ? identifierOf(fn) : f}`;
      }
      case 'type_n': {
        const t = r.u32();
        return `${name} ${ctx.typeRef(t)} ${r.u32()}`;
      }
      case 'type_data': {
        const t = r.u32();
        return `${name} ${ctx.typeRef(t)} ${ctx.ref('data', r.u32())}`;
      }
      case 'type_elem': {
        const t = r.u32();
        return `${name} ${ctx.typeRef(t)} ${ctx.ref('elem', r.u32())}`;
      }
      case 'type_type': {
        const t = r.u32();
        return `${name} ${ctx.typeRef(t)} ${ctx.typeRef(r.u32())}`;
      }
      case 'ref_test':
      case 'ref_test_null':
        return `${name} ${this.refType(imm === 'ref_test_null', readHeapType(r))}`;
      case 'br_on_cast': {
        const flags = r.u8();
        const label = this.labelRef(st, r.u32());
        const h1 = readHeapType(r);
        const h2 = readHeapType(r);
        return `${name} ${label} ${this.refType((flags & 1) !== 0, h1)} ${this.refType((flags & 2) !== 0, h2)}`;
      }
      default:
        if (imm.startsWith('ml')) {
          const m = this.memarg(r, Number(imm.slice(2)));
          return `${name}${m} ${r.u8()}`;
        }
        if (imm.startsWith('m')) return name + this.memarg(r, Number(imm.slice(1)));
        return this.unknown(prefix, op, at);
    }
  }
}

/** Wraps decoder failures inside a body as PrintErrors with their offset. */
export function asPrintError(e: unknown): unknown {
  if (e instanceof DecodeError) return new PrintError(e.message.replace(/ at offset 0x[0-9a-f]+$/, ''), e.offset);
  return e;
}
