/**
 * Adapters (e.g. the `wasi_snapshot_preview1` reactor/command adapters):
 * their metadata, and the adapter module garbage-collected (gc/) down to
 * what the component uses, like wit-component does: unused exports,
 * unreachable functions, globals, tables, types, segments and imports are
 * deleted, so the unused imports never become component imports either.
 */
import type { Resolve } from '@wit-ts/wit-parser';
import { decodeCoreModule } from '../decode-core-module.js';
import type { CoreModule } from '../model.js';
import { Writer } from '../writer.js';
import { nameWorldKey } from '../wit/resolve-util.js';
import { decodeAllMetadata, ComponentNewError } from './metadata.js';
import { gcCoreModule } from './gc/index.js';
import { moduleFacts } from './module-facts.js';
import { sigString, stripComponentTypeSections, type Sig } from './wasm.js';

/** A function import of the collected adapter (all of them are reachable). */
export interface AdapterImport {
  module: string;
  name: string;
  sig: Sig;
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
}

/**
 * Reads adapter `name`, decodes its metadata into `resolve` and garbage-collects
 * it down to what the component uses: the exports in `used` (what the main
 * module imports from it), its realloc functions and the functions of its own
 * world's exports (with their post-returns). Every other export goes, and with
 * it whatever only they reached, including imports — so their WIT imports are
 * never needed.
 */
export function gcAdapter(name: string, bytes: Uint8Array, used: Map<string, Sig>, resolve: Resolve): AdapterInfo {
  const stripped = stripComponentTypeSections(bytes);
  const { world } = decodeAllMetadata(stripped.sections, resolve);
  const before = moduleFacts(stripped.module, `adapter \`${name}\``);
  const keep = new Set<string>();
  for (const [field, sig] of used) {
    const e = before.exports.get(field);
    if (e === undefined || e.kind !== 0)
      throw new ComponentNewError(
        `module imports \`${name}::${field}\` but adapter \`${name}\` does not export \`${field}\``,
      );
    const t = before.funcSigs[e.index];
    if (sigString(t) !== sigString(sig)) {
      throw new ComponentNewError(
        `type mismatch for \`${name}::${field}\`: the adapter exports ${sigString(t)} but the module imports ${sigString(sig)}`,
      );
    }
    keep.add(field);
  }
  const isFunc = (n: string) => before.exports.get(n)?.kind === 0;
  const importRealloc = ['cabi_import_realloc', 'cabi_realloc'].find(isFunc);
  if (importRealloc !== undefined) keep.add(importRealloc);
  const exportRealloc = isFunc('cabi_export_realloc') ? 'cabi_export_realloc' : undefined;
  if (exportRealloc !== undefined) keep.add(exportRealloc);
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
    for (const f of funcs)
      for (const n of [`${prefix}${f.name}`, `cabi_post_${prefix}${f.name}`]) if (isFunc(n)) keep.add(n);
  }

  let module: Uint8Array;
  try {
    module = gcCoreModule(stripped.module, (n) => keep.has(n));
  } catch (e) {
    // e.g. an instruction the opcode tables do not know: report it as this adapter's problem
    throw new ComponentNewError(`adapter \`${name}\` cannot be trimmed: ${(e as Error).message}`);
  }
  const after = moduleFacts(module, `adapter \`${name}\``);
  let importsMemory = false;
  for (const o of after.otherImports) {
    if (o.kind === 'memory' && o.module === 'env' && o.name === 'memory') importsMemory = true;
    else
      throw new ComponentNewError(
        `adapter \`${name}\` imports a ${o.kind} \`${o.module}::${o.name}\`, which is not supported`,
      );
  }
  const info: AdapterInfo = {
    name,
    module: withStackAllocation(module, decodeCoreModule(module), importsMemory),
    world,
    imports: after.funcImports,
    importsMemory,
    exports: new Set([...after.exports].filter(([, e]) => e.kind === 0).map(([n]) => n)),
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
