/**
 * Decoding of `canon` definitions. The immediates of every opcode are listed
 * once in CANON_FORMS; the decoder, the encoder and the validator all drive
 * off that table so adding a built-in is a one-line change.
 */
import { readCoreValType } from './decode-core-types.js';
import { readResultList } from './decode-types.js';
import type { Reader } from './reader.js';
import type { Canon, CanonKind, CanonOpt } from './model.js';

/** Immediate kinds, in encoding order. */
export type CanonImm =
  | 'coreFunc' // 0x00 <core:funcidx>
  | 'func' // 0x00 <funcidx>
  | 'opts'
  | 'type' // <typeidx>
  | 'async?'
  | 'cancel?'
  | 'shared?'
  | 'result' // <resultlist>
  | 'valType' // <core:valtype>
  | 'index' // <u32>
  | 'memory' // <core:memoryidx>
  | 'coreType' // <core:typeidx>
  | 'table'; // <core:tableidx>

export interface CanonForm {
  kind: CanonKind;
  imms: CanonImm[];
}

const F = (kind: CanonKind, ...imms: CanonImm[]): CanonForm => ({ kind, imms });

/** Opcode -> form, per Binary.md (plus two wasmparser legacy opcodes, 0x07 and 0x08). */
export const CANON_FORMS: ReadonlyMap<number, CanonForm> = new Map<number, CanonForm>([
  [0x00, F('lift', 'coreFunc', 'opts', 'type')],
  [0x01, F('lower', 'func', 'opts')],
  [0x02, F('resource.new', 'type')],
  [0x03, F('resource.drop', 'type')],
  [0x07, F('resource.drop-async', 'type')],
  [0x04, F('resource.rep', 'type')],
  [0x08, F('backpressure.set')],
  [0x24, F('backpressure.inc')],
  [0x25, F('backpressure.dec')],
  [0x09, F('task.return', 'result', 'opts')],
  [0x05, F('task.cancel')],
  [0x0a, F('context.get', 'valType', 'index')],
  [0x0b, F('context.set', 'valType', 'index')],
  [0x06, F('subtask.cancel', 'async?')],
  [0x0d, F('subtask.drop')],
  [0x0e, F('stream.new', 'type')],
  [0x0f, F('stream.read', 'type', 'opts')],
  [0x10, F('stream.write', 'type', 'opts')],
  [0x11, F('stream.cancel-read', 'type', 'async?')],
  [0x12, F('stream.cancel-write', 'type', 'async?')],
  [0x13, F('stream.drop-readable', 'type')],
  [0x14, F('stream.drop-writable', 'type')],
  [0x15, F('future.new', 'type')],
  [0x16, F('future.read', 'type', 'opts')],
  [0x17, F('future.write', 'type', 'opts')],
  [0x18, F('future.cancel-read', 'type', 'async?')],
  [0x19, F('future.cancel-write', 'type', 'async?')],
  [0x1a, F('future.drop-readable', 'type')],
  [0x1b, F('future.drop-writable', 'type')],
  [0x1c, F('error-context.new', 'opts')],
  [0x1d, F('error-context.debug-message', 'opts')],
  [0x1e, F('error-context.drop')],
  [0x1f, F('waitable-set.new')],
  [0x20, F('waitable-set.wait', 'cancel?', 'memory')],
  [0x21, F('waitable-set.poll', 'cancel?', 'memory')],
  [0x22, F('waitable-set.drop')],
  [0x23, F('waitable.join')],
  [0x26, F('thread.index')],
  [0x27, F('thread.new-indirect', 'coreType', 'table')],
  [0x28, F('thread.resume-later')],
  [0x29, F('thread.suspend', 'cancel?')],
  [0x0c, F('thread.yield', 'cancel?')],
  [0x2a, F('thread.suspend-then-resume', 'cancel?')],
  [0x2b, F('thread.yield-then-resume', 'cancel?')],
  [0x2c, F('thread.suspend-then-promote', 'cancel?')],
  [0x2d, F('thread.yield-then-promote', 'cancel?')],
  [0x40, F('thread.spawn-ref', 'shared?', 'coreType')],
  [0x41, F('thread.spawn-indirect', 'shared?', 'coreType', 'table')],
  [0x42, F('thread.available-parallelism', 'shared?')],
]);

/** Kind -> opcode (first listed opcode wins). */
export const CANON_OPCODES: ReadonlyMap<CanonKind, number> = new Map([...CANON_FORMS].map(([op, f]) => [f.kind, op]));

function readFlag(r: Reader, what: string): boolean {
  const at = r.pos;
  const b = r.u8();
  if (b > 1) r.fail(`invalid ${what} flag 0x${b.toString(16)}`, at);
  return b === 1;
}

function readSortedIndex(r: Reader, what: string): number {
  const at = r.pos;
  const b = r.u8();
  if (b !== 0x00) r.fail(`expected func sort 0x00 before ${what}, found 0x${b.toString(16)}`, at);
  return r.u32();
}

export function readCanonOpts(r: Reader): CanonOpt[] {
  const n = r.count();
  const out: CanonOpt[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const b = r.u8();
    switch (b) {
      case 0x00:
        out[i] = { kind: 'utf8' };
        break;
      case 0x01:
        out[i] = { kind: 'utf16' };
        break;
      case 0x02:
        out[i] = { kind: 'latin1+utf16' };
        break;
      case 0x03:
        out[i] = { kind: 'memory', index: r.u32() };
        break;
      case 0x04:
        out[i] = { kind: 'realloc', index: r.u32() };
        break;
      case 0x05:
        out[i] = { kind: 'post-return', index: r.u32() };
        break;
      case 0x06:
        out[i] = { kind: 'async' };
        break;
      case 0x07:
        out[i] = { kind: 'callback', index: r.u32() };
        break;
      case 0x08:
        out[i] = { kind: 'core-type', index: r.u32() };
        break;
      case 0x09:
        out[i] = { kind: 'gc' };
        break;
      default:
        r.fail(`invalid canonical option 0x${b.toString(16)}`, at);
    }
  }
  return out;
}

export function readCanon(r: Reader): Canon {
  const offset = r.pos;
  const opcode = r.u8();
  const form = CANON_FORMS.get(opcode);
  if (form === undefined) r.fail(`invalid canonical function opcode 0x${opcode.toString(16)}`, offset);
  const c: Canon = { kind: form.kind, opcode, offset };
  for (const imm of form.imms) {
    switch (imm) {
      case 'coreFunc':
        c.coreFunc = readSortedIndex(r, 'core function index');
        break;
      case 'func':
        c.func = readSortedIndex(r, 'function index');
        break;
      case 'opts':
        c.options = readCanonOpts(r);
        break;
      case 'type':
        c.type = r.u32();
        break;
      case 'async?':
        c.async = readFlag(r, 'async');
        break;
      case 'cancel?':
        c.cancellable = readFlag(r, 'cancellable');
        break;
      case 'shared?':
        c.shared = readFlag(r, 'shared');
        break;
      case 'result':
        c.result = readResultList(r);
        break;
      case 'valType':
        c.valType = readCoreValType(r);
        break;
      case 'index':
        c.index = r.u32();
        break;
      case 'memory':
        c.memory = r.u32();
        break;
      case 'coreType':
        c.coreType = r.u32();
        break;
      case 'table':
        c.table = r.u32();
        break;
    }
  }
  return c;
}
