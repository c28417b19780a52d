/** The opcode tables moved to core-code/ (shared with the adapter GC); re-exported for the printer's tests. */
export { OPS, OPS_FB, OPS_FC, OPS_FD, OPS_FE, type Imm, type OpInfo } from '../core-code/opcodes.js';
