/**
 * Core-level pieces of component validation: core types in a component
 * (incl. module types with their own type index space) and the type of a
 * decoded core module (its imports and exports), which is what core
 * instantiation checks against.
 */
import { DecodeError } from '../errors.js';
import type { CoreExternType, CoreModule, CoreRecType, CoreTypeDef } from '../model.js';
import { Reader } from '../reader.js';
import type { Ctx, Scope } from './scope.js';
import { readCoreValType, readHeapType, readLimits, readRefType } from '../decode-core-types.js';
import type { RCoreExtern, RCoreFunc, RCoreType, RModule } from './types.js';
export { coreExternMismatch } from './types.js';

function recTypes(rec: CoreRecType): RCoreType[] {
  return rec.types.map((s) =>
    s.comp.kind === 'func' ? { tag: 'func', f: { params: s.comp.params, results: s.comp.results } } : { tag: 'other' },
  );
}

const KIND_OF: Record<CoreExternType['kind'], number> = { func: 0, table: 1, memory: 2, global: 3, tag: 4 };

function externOf(ctx: Ctx | null, t: CoreExternType, types: RCoreType[]): RCoreExtern {
  if (t.kind === 'func') {
    const ty = types[t.type];
    if (ty === undefined) ctx?.report(`core type index ${t.type} out of bounds`);
    else if (ty.tag !== 'func') ctx?.report(`core type index ${t.type} is not a function type`);
    return { kind: 0, func: ty?.tag === 'func' ? ty.f : null };
  }
  return { kind: KIND_OF[t.kind], func: null, type: t };
}

/** Core limits validity (core spec): 32-bit memories at most 65536 pages, min <= max. */
function checkLimits(ctx: Ctx, t: CoreExternType): void {
  if (t.kind !== 'memory' && t.kind !== 'table') return;
  const l = t.limits;
  if (l.max !== null && l.min > l.max) ctx.report('size minimum must not be greater than maximum');
  if (
    t.kind === 'memory' &&
    (l.flags & 4) === 0 &&
    l.pageSizeLog2 === null &&
    (l.min > 65536n || (l.max ?? 0n) > 65536n)
  )
    ctx.report('memory size must be at most 65536 pages (4GiB)');
}

/**
 * Skip a constant expression (global / table initialisers) so the next
 * entry can be read. Only the constant-expression instructions are known;
 * anything else throws so the caller stops typing the remaining entries.
 */
function skipConstExpr(r: Reader): void {
  for (;;) {
    const op = r.u8();
    switch (op) {
      case 0x0b:
        return;
      case 0x41:
        r.s32();
        break;
      case 0x42:
        r.s64();
        break;
      case 0x43:
        r.take(4);
        break;
      case 0x44:
        r.take(8);
        break;
      case 0x23:
      case 0xd2:
        r.u32();
        break;
      case 0xd0:
        readHeapType(r);
        break;
      case 0x6a:
      case 0x6b:
      case 0x6c:
      case 0x7c:
      case 0x7d:
      case 0x7e:
        break;
      case 0xfd:
        if (r.u32() !== 0x0c) throw new DecodeError('unsupported constant instruction', r.pos);
        r.take(16);
        break;
      case 0xfb: {
        const sub = r.u32();
        if (sub === 0 || sub === 1 || sub === 6 || sub === 7) r.u32();
        else if (sub === 8) {
          r.u32();
          r.u32();
        } else if (sub !== 0x1a && sub !== 0x1b && sub !== 0x1c)
          throw new DecodeError('unsupported constant instruction', r.pos);
        break;
      }
      default:
        throw new DecodeError(`unsupported constant instruction 0x${op.toString(16)}`, r.pos - 1);
    }
  }
}

/** Resolve a component-level core type definition: the core types it defines. */
export function resolveCoreTypeDef(ctx: Ctx, scope: Scope, t: CoreTypeDef): RCoreType[] {
  if (t.kind === 'rec') return recTypes(t.rec);
  // Module type: validated with an initially empty core type index space.
  const types: RCoreType[] = [];
  const m: RModule = { imports: [], exports: new Map() };
  const importKeys = new Set<string>();
  for (const d of t.decls) {
    switch (d.kind) {
      case 'type':
        if (d.type.kind === 'module') {
          ctx.report('module types cannot be nested in module types');
          types.push({ tag: 'other' });
        } else types.push(...recTypes(d.type.rec));
        break;
      case 'alias': {
        let s: Scope | null = scope;
        // count 0 is the module type itself
        for (let i = 1; i < d.count && s; i++) s = s.parent;
        const target = d.count === 0 ? null : s;
        if (d.count === 0) {
          if (d.index >= types.length) ctx.report(`core type index ${d.index} out of bounds`);
          types.push(types[d.index] ?? { tag: 'other' });
        } else if (!target) {
          ctx.report(`invalid outer alias count of ${d.count}`);
          types.push({ tag: 'other' });
        } else {
          const ty = target.coreTypes[d.index];
          if (ty === undefined) ctx.report(`core type index ${d.index} out of bounds`);
          else if (ty.tag === 'module') ctx.report('cannot alias a module type into a module type');
          types.push(ty ?? { tag: 'other' });
        }
        break;
      }
      case 'import': {
        const key = `${d.import.module}\u0000${d.import.name}`;
        if (importKeys.has(key))
          ctx.report(`duplicate import name \`${d.import.module}:${d.import.name}\` already defined`);
        importKeys.add(key);
        checkLimits(ctx, d.import.type);
        m.imports.push({ module: d.import.module, name: d.import.name, ext: externOf(ctx, d.import.type, types) });
        break;
      }
      case 'export':
        if (m.exports.has(d.export.name)) ctx.report(`export name \`${d.export.name}\` already defined`);
        checkLimits(ctx, d.export.type);
        m.exports.set(d.export.name, externOf(ctx, d.export.type, types));
        break;
    }
  }
  return [{ tag: 'module', m }];
}

/**
 * Compute a decoded core module's type. Function, table, memory, global and
 * tag sections are raw in the model; the first three are small prefix-only
 * parses here (function section: type indices; tables/memories/globals: their types).
 */
export function moduleTypeOf(ctx: Ctx, mod: CoreModule): RModule {
  const types: RCoreType[] = [];
  const funcs: (RCoreFunc | null)[] = [];
  // Types of tables, memories and globals by index (null = unknown).
  const spaces: (CoreExternType | null)[][] = [[], [], [], [], []];
  const importKeys = new Set<string>();
  const m: RModule = { imports: [], exports: new Map() };
  try {
    for (const s of mod.sections) {
      switch (s.kind) {
        case 'type':
          for (const r of s.types) types.push(...recTypes(r));
          break;
        case 'import':
          for (const i of s.imports) {
            const ext = externOf(null, i.type, types);
            const key = `${i.module}\u0000${i.name}`;
            if (importKeys.has(key))
              ctx.report(`duplicate import name \`${i.module}:${i.name}\` in core module`, i.offset);
            importKeys.add(key);
            checkLimits(ctx, i.type);
            m.imports.push({ module: i.module, name: i.name, ext });
            if (ext.kind === 0) funcs.push(ext.func);
            else spaces[ext.kind].push(i.type);
          }
          break;
        case 'raw':
          if (s.id === 3) {
            const r = new Reader(s.body);
            const n = r.count();
            for (let i = 0; i < n; i++) {
              const ty = types[r.u32()];
              funcs.push(ty?.tag === 'func' ? ty.f : null);
            }
          } else if (s.id === 4 || s.id === 5 || s.id === 6) readDefinedTypes(ctx, s.id, s.body, spaces);
          break;
        case 'export':
          for (const e of s.exports) {
            if (m.exports.has(e.name)) ctx.report(`duplicate export name \`${e.name}\` in core module`);
            m.exports.set(e.name, {
              kind: e.kind,
              func: e.kind === 0 ? (funcs[e.index] ?? null) : null,
              type: e.kind === 0 ? null : (spaces[e.kind][e.index] ?? null),
            });
          }
          break;
      }
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    ctx.report(`malformed core module: ${e.message}`, e.offset);
  }
  return m;
}

/** Table (4), memory (5) and global (6) sections: entry types, as far as they can be read. */
function readDefinedTypes(ctx: Ctx, id: number, body: Uint8Array, spaces: (CoreExternType | null)[][]): void {
  const r = new Reader(body);
  const kind = id === 4 ? 1 : id === 5 ? 2 : 3;
  let n = 0;
  try {
    n = r.count();
    for (let i = 0; i < n; i++) {
      let t: CoreExternType;
      if (id === 4) {
        const init = r.peek() === 0x40;
        if (init) {
          r.pos++;
          r.u8();
        }
        const element = readRefType(r);
        t = { kind: 'table', element, limits: readLimits(r) };
        if (init) skipConstExpr(r);
      } else if (id === 5) {
        t = { kind: 'memory', limits: readLimits(r) };
      } else {
        const type = readCoreValType(r);
        t = { kind: 'global', type, flags: r.u8() };
        skipConstExpr(r);
      }
      checkLimits(ctx, t);
      spaces[kind].push(t);
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    // Unknown from here on; keep index positions.
    while (spaces[kind].length < n) spaces[kind].push(null);
  }
}
