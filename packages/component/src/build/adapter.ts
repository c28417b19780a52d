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
import type { CoreModule } from '../model.js';
import { Writer } from '../writer.js';
import { nameWorldKey } from '../wit/resolve-util.js';
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
  /** Function exports of the adapter (for WIT-level exports it implements). */
  exports: Set<string>;
  exportRealloc?: string;
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
        if (i.type.kind === 'func')
          imports.push({
            module: i.module,
            name: i.name,
            sig: types[i.type.type] ?? { params: [], results: [] },
            live: false,
          });
        else if (i.type.kind === 'memory' && i.module === 'env' && i.name === 'memory') importsMemory = true;
        else
          throw new ComponentNewError(
            `adapter \`${name}\` imports a ${i.type.kind} \`${i.module}::${i.name}\`, which is not supported`,
          );
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
          if (flags !== 0)
            throw new ComponentNewError(`adapter \`${name}\`: element segment form ${flags} is not supported`);
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
    if (e === undefined || e.kind !== 0)
      throw new ComponentNewError(
        `module imports \`${name}::${field}\` but adapter \`${name}\` does not export \`${field}\``,
      );
    const t = e.index < nImports ? imports[e.index].sig : types[funcTypes[e.index - nImports]];
    if (t === undefined || sigString(t) !== sigString(sig)) {
      throw new ComponentNewError(
        `type mismatch for \`${name}::${field}\`: the adapter exports ${t === undefined ? 'another type' : sigString(t)} but the module imports ${sigString(sig)}`,
      );
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
  // WIT-level exports of the adapter's own world (e.g. the command adapter's `wasi:cli/run`).
  const aw = resolve.worlds[world];
  for (const { key, item } of aw.exports.values()) {
    const prefix = item.kind === 'interface' ? `${nameWorldKey(resolve, key)}#` : '';
    const funcs =
      item.kind === 'interface'
        ? [...resolve.interfaces[item.id].functions.values()]
        : item.kind === 'function'
          ? [item.function]
          : [];
    for (const f of funcs) {
      for (const n of [`${prefix}${f.name}`, `cabi_post_${prefix}${f.name}`]) {
        const e = exports.get(n);
        if (e !== undefined && e.kind === 0) roots.push(e.index);
      }
    }
  }
  let exportRealloc: string | undefined;
  const er = exports.get('cabi_export_realloc');
  if (er !== undefined && er.kind === 0) {
    exportRealloc = 'cabi_export_realloc';
    roots.push(er.index);
  }
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
  const funcExports = new Set([...exports].filter(([, e]) => e.kind === 0).map(([n]) => n));
  const info: AdapterInfo = {
    name,
    module: withStackAllocation(stripped.module, m, importsMemory),
    world,
    imports,
    importsMemory,
    exports: funcExports,
  };
  if (importRealloc !== undefined) info.importRealloc = importRealloc;
  if (exportRealloc !== undefined) info.exportRealloc = exportRealloc;
  return info;
}

/** Global names from the `name` section (subsection 7). */
function globalNames(m: CoreModule): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of m.sections) {
    if (s.kind !== 'custom' || s.name !== 'name') continue;
    const r = new Bytes(s.data);
    while (r.p < s.data.length) {
      const id = r.u8();
      const size = r.u32();
      const end = r.p + size;
      if (id === 7) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const idx = r.u32();
          const len = r.u32();
          out.set(new TextDecoder().decode(s.data.subarray(r.p, r.p + len)), idx);
          r.p += len;
        }
      }
      r.p = end;
    }
  }
  return out;
}

/**
 * The adapter's shadow stack (`__stack_pointer`) starts at 0 and must be
 * allocated before any export runs. wit-component rewrites every export to
 * allocate it lazily; here a start function is appended instead (no index
 * changes): it grows the shared memory by one page, points the stack at its
 * end and marks `allocation_state` as "stack allocated" (2), which the
 * preview1 adapter checks before allocating its state.
 */
function withStackAllocation(bytes: Uint8Array, m: CoreModule, importsMemory: boolean): Uint8Array {
  const globals = globalNames(m);
  const sp = globals.get('__stack_pointer');
  if (sp === undefined || !importsMemory) return bytes;
  if (m.sections.some((s) => s.kind === 'raw' && s.id === 8))
    throw new ComponentNewError('adapter already has a start function');
  const state = globals.get('allocation_state');
  let typeCount = 0;
  let funcImports = 0;
  let funcCount = 0;
  for (const s of m.sections) {
    if (s.kind === 'type') typeCount = s.types.reduce((n, t) => n + t.types.length, 0);
    else if (s.kind === 'import') funcImports = s.imports.filter((i) => i.type.kind === 'func').length;
    else if (s.kind === 'raw' && s.id === 3) funcCount = new Bytes(s.body).u32();
  }
  const leb = (v: number) => {
    const w = new Writer();
    w.u32(v);
    return [...w.finish()];
  };
  const sleb = (v: number) => {
    const w = new Writer();
    w.s32(v);
    return [...w.finish()];
  };
  // i32.const 1; memory.grow 0; i32.const 1; i32.add; i32.const 16; i32.shl; global.set sp
  const code = [0x00, 0x41, 1, 0x40, 0x00, 0x41, 1, 0x6a, 0x41, 16, 0x74, 0x24, ...leb(sp)];
  if (state !== undefined) code.push(0x41, ...sleb(2), 0x24, ...leb(state));
  code.push(0x0b);
  const appendItem = (body: Uint8Array, item: number[]) => {
    const r = new Bytes(body);
    const n = r.u32();
    return new Uint8Array([...leb(n + 1), ...body.subarray(r.p), ...item]);
  };
  const w = new Writer();
  w.bytes(bytes.subarray(0, 8));
  const section = (id: number, body: Uint8Array) => {
    w.u8(id);
    w.u32(body.length);
    w.bytes(body);
  };
  let startWritten = false;
  const writeStart = () => {
    if (startWritten) return;
    startWritten = true;
    section(8, new Uint8Array(leb(funcImports + funcCount)));
  };
  for (const s of m.sections) {
    const raw = bytes.subarray(s.range.start, s.range.end);
    if (s.id === 9 || s.id === 10 || s.id === 11 || s.id === 12) writeStart();
    if (s.kind === 'type') {
      section(1, appendItem(raw.subarray(sectionHeaderLength(raw)), [0x60, 0, 0]));
    } else if (s.kind === 'raw' && s.id === 3) section(3, appendItem(s.body, leb(typeCount)));
    else if (s.kind === 'raw' && s.id === 10) section(10, appendItem(s.body, [...leb(code.length), ...code]));
    else w.bytes(raw);
  }
  writeStart();
  return w.finish();
}

/** Length of a section's id byte plus its size LEB. */
function sectionHeaderLength(raw: Uint8Array): number {
  let p = 1;
  while (raw[p++] & 0x80);
  return p;
}
