/**
 * Adapters (e.g. the `wasi_snapshot_preview1` reactor/command adapters):
 * their metadata, their imports, and a reachability analysis that keeps
 * only what the main module uses.
 *
 * wit-component rewrites the adapter, deleting unreachable functions. Here
 * the adapter's code is kept byte for byte; instead, the imports that only
 * unreachable functions call are marked dead and satisfied by `unreachable`
 * stubs, so they never become component imports. The resulting WIT imports
 * are the same; the adapter module just carries some dead code.
 */
import type { Resolve } from '@wit-ts/wit-parser';
import { decodeCoreModule } from '../decode-core-module.js';
import { decodeAllMetadata, ComponentNewError } from './metadata.js';
import { recToSig, sigString, stripComponentTypeSections, type Sig } from './wasm.js';

export interface AdapterImport {
  module: string;
  name: string;
  sig: Sig;
  /** Reachable from what the main module uses. */
  live: boolean;
}

export interface AdapterInfo {
  name: string;
  /** The adapter module without its `component-type` sections. */
  module: Uint8Array;
  world: number;
  imports: AdapterImport[];
  importsMemory: boolean;
  importRealloc?: string;
}

class Bytes {
  constructor(
    readonly b: Uint8Array,
    public p = 0,
  ) {}
  u8(): number {
    return this.b[this.p++];
  }
  u32(): number {
    let v = 0;
    let shift = 0;
    for (;;) {
      const x = this.b[this.p++];
      v += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return v;
      shift += 7;
    }
  }
  skipLeb(): void {
    while (this.b[this.p++] & 0x80);
  }
}

/** Calls and function references made by a code body (function indices). */
function scanBody(r: Bytes, end: number, out: Set<number>): boolean {
  let usesIndirect = false;
  const nlocals = r.u32();
  for (let i = 0; i < nlocals; i++) {
    r.u32();
    r.u8();
  }
  while (r.p < end) {
    const op = r.u8();
    if (op === 0x02 || op === 0x03 || op === 0x04) {
      const bt = r.b[r.p];
      if (bt === 0x40 || (bt >= 0x6f && bt <= 0x7f)) r.p++;
      else r.skipLeb();
    } else if (op === 0x0c || op === 0x0d) r.u32();
    else if (op === 0x0e) {
      const n = r.u32();
      for (let i = 0; i <= n; i++) r.u32();
    } else if (op === 0x10 || op === 0x12) out.add(r.u32());
    else if (op === 0x11 || op === 0x13) {
      r.u32();
      r.u32();
      usesIndirect = true;
    } else if (op === 0x1c) {
      const n = r.u32();
      for (let i = 0; i < n; i++) r.u8();
    } else if (op >= 0x20 && op <= 0x26) r.u32();
    else if (op >= 0x28 && op <= 0x3e) {
      const align = r.u32();
      if (align & 0x40) r.u32();
      r.u32();
    } else if (op === 0x3f || op === 0x40) r.u32();
    else if (op === 0x41 || op === 0x42) r.skipLeb();
    else if (op === 0x43) r.p += 4;
    else if (op === 0x44) r.p += 8;
    else if (op === 0xd0) {
      const ht = r.b[r.p];
      if (ht >= 0x69 && ht <= 0x74) r.p++;
      else r.skipLeb();
    } else if (op === 0xd2) out.add(r.u32());
    else if (op === 0xfc) {
      const sub = r.u32();
      if (sub <= 7) {
        // saturating truncation: no immediates
      } else if (sub === 8 || sub === 12 || sub === 14 || sub === 10) {
        r.u32();
        r.u32();
      } else if (sub === 9 || sub === 11 || sub === 13 || sub === 15 || sub === 16 || sub === 17) r.u32();
      else throw new ComponentNewError(`adapter code uses unsupported instruction 0xfc ${sub}`);
    } else if (op === 0xfd || op === 0xfe || op === 0xfb) {
      throw new ComponentNewError(`adapter code uses unsupported instruction prefix 0x${op.toString(16)}`);
    } else if (op <= 0x1b || op === 0x0b || (op >= 0x45 && op <= 0xc4) || op === 0xd1) {
      // no immediates
    } else {
      throw new ComponentNewError(`adapter code uses unknown opcode 0x${op.toString(16)}`);
    }
  }
  return usesIndirect;
}

/**
 * Reads adapter `name`, decodes its metadata into `resolve` and marks which
 * of its imports are reachable from the exports in `used`.
 */
export function gcAdapter(name: string, bytes: Uint8Array, used: Map<string, Sig>, resolve: Resolve): AdapterInfo {
  const stripped = stripComponentTypeSections(bytes);
  const { world } = decodeAllMetadata(stripped.sections, resolve);
  const m = decodeCoreModule(stripped.module);
  const types: (Sig | undefined)[] = [];
  const imports: AdapterImport[] = [];
  let importsMemory = false;
  const exports = new Map<string, { kind: number; index: number }>();
  const funcTypes: number[] = [];
  const bodies: { start: number; end: number; body: Uint8Array }[] = [];
  const elemFuncs = new Set<number>();
  let start: number | null = null;
  for (const s of m.sections) {
    if (s.kind === 'type') for (const t of s.types) types.push(recToSig(t));
    else if (s.kind === 'import') {
      for (const i of s.imports) {
        if (i.type.kind === 'func') imports.push({ module: i.module, name: i.name, sig: types[i.type.type] ?? { params: [], results: [] }, live: false });
        else if (i.type.kind === 'memory' && i.module === 'env' && i.name === 'memory') importsMemory = true;
        else throw new ComponentNewError(`adapter \`${name}\` imports a ${i.type.kind} \`${i.module}::${i.name}\`, which is not supported`);
      }
    } else if (s.kind === 'export') for (const e of s.exports) exports.set(e.name, { kind: e.kind, index: e.index });
    else if (s.kind === 'raw') {
      const r = new Bytes(s.body);
      if (s.id === 3) {
        const n = r.u32();
        for (let i = 0; i < n; i++) funcTypes.push(r.u32());
      } else if (s.id === 10) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const size = r.u32();
          bodies.push({ start: r.p, end: r.p + size, body: s.body });
          r.p += size;
        }
      } else if (s.id === 8) start = r.u32();
      else if (s.id === 9) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const flags = r.u32();
          if (flags !== 0) throw new ComponentNewError(`adapter \`${name}\`: element segment form ${flags} is not supported`);
          // offset expression: i32.const n end
          while (r.u8() !== 0x0b);
          const count = r.u32();
          for (let j = 0; j < count; j++) elemFuncs.add(r.u32());
        }
      }
    }
  }
  const nImports = imports.length;
  // Roots: the exports the main module uses, realloc helpers, start, table elements.
  const roots: number[] = [];
  for (const [field, sig] of used) {
    const e = exports.get(field);
    if (e === undefined || e.kind !== 0) throw new ComponentNewError(`module imports \`${name}::${field}\` but adapter \`${name}\` does not export \`${field}\``);
    const t = e.index < nImports ? imports[e.index].sig : types[funcTypes[e.index - nImports]];
    if (t === undefined || sigString(t) !== sigString(sig)) {
      throw new ComponentNewError(`type mismatch for \`${name}::${field}\`: the adapter exports ${t === undefined ? 'another type' : sigString(t)} but the module imports ${sigString(sig)}`);
    }
    roots.push(e.index);
  }
  let importRealloc: string | undefined;
  for (const n of ['cabi_import_realloc', 'cabi_realloc']) {
    const e = exports.get(n);
    if (e !== undefined && e.kind === 0) {
      importRealloc = n;
      roots.push(e.index);
      break;
    }
  }
  if (start !== null) roots.push(start);
  const live = new Set<number>();
  const stack = [...roots];
  let elemsAdded = false;
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (live.has(f)) continue;
    live.add(f);
    if (f < nImports) continue;
    const body = bodies[f - nImports];
    if (body === undefined) continue;
    const r = new Bytes(body.body, body.start);
    const calls = new Set<number>();
    const indirect = scanBody(r, body.end, calls);
    for (const c of calls) if (!live.has(c)) stack.push(c);
    if (indirect && !elemsAdded) {
      elemsAdded = true;
      for (const c of elemFuncs) if (!live.has(c)) stack.push(c);
    }
  }
  imports.forEach((imp, i) => {
    imp.live = live.has(i) || imp.module === 'env' || imp.module === '__main_module__';
  });
  const info: AdapterInfo = { name, module: stripped.module, world, imports, importsMemory };
  if (importRealloc !== undefined) info.importRealloc = importRealloc;
  return info;
}
