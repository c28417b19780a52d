/**
 * Core-level pieces of component validation: core types in a component
 * (incl. module types with their own type index space) and the type of a
 * decoded core module (its imports and exports), which is what core
 * instantiation checks against.
 */
import { DecodeError } from '../errors.js';
import type { CoreExternType, CoreModule, CoreRecType, CoreTypeDef } from '../model.js';
import { Reader } from '../reader.js';
import { readCoreValType, readLimits, readRefType } from '../decode-core-types.js';
import type { Ctx, Scope } from './scope.js';
import type { RCoreExtern, RCoreFunc, RCoreType, RModule } from './types.js';

function recTypes(rec: CoreRecType): RCoreType[] {
  return rec.types.map((s) => (s.comp.kind === 'func' ? { tag: 'func', f: { params: s.comp.params, results: s.comp.results } } : { tag: 'other' }));
}

const KIND_OF: Record<CoreExternType['kind'], number> = { func: 0, table: 1, memory: 2, global: 3, tag: 4 };

function externOf(ctx: Ctx | null, t: CoreExternType, types: RCoreType[]): RCoreExtern {
  if (t.kind === 'func') {
    const ty = types[t.type];
    if (ty === undefined) ctx?.report(`core type index ${t.type} out of bounds`);
    else if (ty.tag !== 'func') ctx?.report(`core type index ${t.type} is not a function type`);
    return { kind: 0, func: ty?.tag === 'func' ? ty.f : null };
  }
  return { kind: KIND_OF[t.kind], func: null };
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
        if (importKeys.has(key)) ctx.report(`duplicate import name \`${d.import.module}:${d.import.name}\` already defined`);
        importKeys.add(key);
        m.imports.push({ module: d.import.module, name: d.import.name, ext: externOf(ctx, d.import.type, types) });
        break;
      }
      case 'export':
        if (m.exports.has(d.export.name)) ctx.report(`export name \`${d.export.name}\` already defined`);
        m.exports.set(d.export.name, externOf(ctx, d.export.type, types));
        break;
    }
  }
  return [{ tag: 'module', m }];
}

/** Vector count at the start of a raw section body (or 0 if malformed). */
function vecCount(body: Uint8Array): number {
  try {
    return new Reader(body).u32();
  } catch {
    return 0;
  }
}

/**
 * Compute a decoded core module's type. Function, table, memory, global and
 * tag sections are raw in the model; the first three are small prefix-only
 * parses here (function section: type indices; others: counts).
 */
export function moduleTypeOf(ctx: Ctx, mod: CoreModule): RModule {
  const types: RCoreType[] = [];
  const funcs: (RCoreFunc | null)[] = [];
  const counts = [0, 0, 0, 0, 0];
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
            m.imports.push({ module: i.module, name: i.name, ext });
            if (ext.kind === 0) funcs.push(ext.func);
            counts[ext.kind]++;
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
          } else if (s.id === 4) counts[1] += vecCount(s.body);
          else if (s.id === 5) counts[2] += vecCount(s.body);
          else if (s.id === 6) counts[3] += vecCount(s.body);
          else if (s.id === 13) counts[4] += vecCount(s.body);
          break;
        case 'export':
          for (const e of s.exports) {
            if (m.exports.has(e.name)) ctx.report(`duplicate export name \`${e.name}\` in core module`);
            m.exports.set(e.name, { kind: e.kind, func: e.kind === 0 ? (funcs[e.index] ?? null) : null });
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

// Re-exported for callers that parse raw core sections themselves.
export { readCoreValType, readLimits, readRefType };
