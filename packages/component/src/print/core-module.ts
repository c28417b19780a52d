/**
 * Core modules as text, like `wasm-tools print`: sections in binary order,
 * `(;N;)` index comments, names from the `name` section, function bodies via
 * code.ts. Also the core types of a component's core type section.
 */
import { readCoreValType, readLimits, readRefType } from '../decode-core-types.js';
import { decodeCoreModule } from '../decode-core-module.js';
import { Reader } from '../reader.js';
import type { CoreExternType, CoreModule, CoreSubType, CoreTypeDef, ModuleDecl } from '../model.js';
import { asPrintError, CodePrinter } from './code.js';
import {
  funcSigText,
  globalTypeText,
  limitsText,
  printRecType,
  subTypeText,
  valTypeText,
  type IndexRef,
} from './core-types.js';
import { printCustomSection } from './custom.js';
import { PrintError } from './errors.js';
import { definitionOf, emptyCoreNames, identifierOf, parseCoreNames, type NameMap } from './names.js';
import { ModuleContext, type CoreSpace } from './module-context.js';
import { Output } from './output.js';
import { quote, quoteBytes } from './text.js';
import { Scope } from './scope.js';

/** Print a core module's bytes as text. */
export function printCoreModule(bytes: Uint8Array): string {
  const out = new Output();
  let module: CoreModule;
  try {
    module = decodeCoreModule(bytes);
  } catch (e) {
    throw asPrintError(e);
  }
  printCoreModuleSection(out, module, null);
  out.write('\n');
  return out.toString();
}

const SECTION_PLACE: Record<number, string> = {
  1: 'type',
  2: 'import',
  3: 'func',
  4: 'table',
  5: 'memory',
  6: 'global',
  7: 'export',
  8: 'start',
  9: 'elem',
  10: 'code',
  11: 'data',
  12: 'datacount',
  13: 'tag',
};

/**
 * `(module …)` at top level (`header` null) or `(core module $name (;N;) …)`
 * inside a component (`header` is the ` $name (;N;)` part).
 */
export function printCoreModuleSection(out: Output, module: CoreModule, header: string | null): void {
  const names = emptyCoreNames();
  for (const s of module.sections) if (s.kind === 'custom' && s.name === 'name') parseCoreNames(s.data, names);
  const ctx = new ModuleContext(names);
  out.startGroup(header === null ? 'module' : 'core module');
  if (header !== null) out.write(header);
  else if (names.module !== null) out.write(' ' + definitionOf(names.module));
  const counts: Record<CoreSpace, number> = {
    func: 0,
    table: 0,
    memory: 0,
    global: 0,
    tag: 0,
    type: 0,
    elem: 0,
    data: 0,
  };
  const def = (space: CoreSpace): string => {
    const i = counts[space]++;
    const n = names[space].get(i);
    return n === undefined ? ` (;${i};)` : ` ${definitionOf(n)} (;${i};)`;
  };
  const code = new CodePrinter(ctx);
  let definedFuncTypes: number[] = [];
  let place = 'before first';
  try {
    for (const s of module.sections) {
      switch (s.kind) {
        case 'custom':
          printCustomSection(out, s, place);
          continue;
        case 'type':
          for (const rec of s.types) {
            out.newline();
            printRecType(out, rec, ctx.types.length, (t, i) => {
              ctx.types.push(t);
              printTypeEntry(out, t, def('type'), ctx.typeRef, names.field.get(i));
            });
          }
          break;
        case 'import':
          for (const imp of s.imports) {
            out.newline();
            out.write(`(import ${quote(imp.module)} ${quote(imp.name)} ${externText(imp.type, ctx, def)})`);
            if (imp.type.kind === 'func') ctx.funcTypes.push(imp.type.type);
          }
          break;
        case 'export':
          for (const e of s.exports) {
            out.newline();
            const space = (['func', 'table', 'memory', 'global', 'tag'] as const)[e.kind];
            // wasm-tools prints exported tags by index.
            const target = space === 'tag' ? String(e.index) : ctx.ref(space, e.index);
            out.write(`(export ${quote(e.name)} (${space} ${target}))`);
          }
          break;
        case 'raw': {
          const r = new Reader(s.body, 0, s.body.length);
          const base = s.range.end - s.body.length;
          try {
            switch (s.id) {
              case 3:
                definedFuncTypes = readVec(r, () => r.u32());
                break;
              case 4:
                eachItem(r, () => {
                  out.newline();
                  out.write(tableText(r, ctx, code, def('table')));
                });
                break;
              case 5:
                eachItem(r, () => {
                  out.newline();
                  out.write(`(memory${def('memory')} ${limitsText(readLimits(r))})`);
                });
                break;
              case 13:
                eachItem(r, () => {
                  out.newline();
                  const d = def('tag');
                  const attribute = r.u8();
                  out.write(`(tag${d} ${tagText({ kind: 'tag', attribute, type: r.u32() }, ctx)})`);
                });
                break;
              case 6:
                eachItem(r, () => {
                  out.newline();
                  const d = def('global');
                  const t = readCoreValType(r);
                  const flags = r.u8();
                  out.write(`(global${d} ${globalTypeText(t, flags, ctx.typeRef)} ${code.constExpr(r).join(' ')})`);
                });
                break;
              case 8:
                out.newline();
                out.write(`(start ${ctx.ref('func', r.u32())})`);
                break;
              case 9:
                eachItem(r, () => {
                  out.newline();
                  out.write(elemText(r, ctx, code, def('elem')));
                });
                break;
              case 12:
                r.u32();
                break;
              case 10: {
                for (const t of definedFuncTypes) ctx.funcTypes.push(t);
                let k = 0;
                eachItem(r, () => {
                  const size = r.u32();
                  const end = r.pos + size;
                  const funcIndex = counts.func;
                  const typeIndex = definedFuncTypes[k++] ?? 0;
                  out.newline();
                  out.startGroup(`func${def('func')} (type ${ctx.typeRef(typeIndex)})`);
                  const ft = ctx.types[typeIndex]?.comp;
                  let params = 0;
                  if (ft !== undefined && ft.kind === 'func') {
                    params = ft.params.length;
                    const locals = names.local.get(funcIndex);
                    out.write(
                      funcSigText(ft.params, ft.results, ctx.typeRef, (i) => {
                        const n = locals?.get(i);
                        return n === undefined ? null : identifierOf(n);
                      }),
                    );
                  }
                  const body = new Reader(s.body, r.pos, end);
                  code.printBody(out, body, funcIndex, params);
                  out.endGroup();
                  r.pos = end;
                });
                break;
              }
              case 11:
                eachItem(r, () => {
                  out.newline();
                  out.write(dataText(r, ctx, code, def('data')));
                });
                break;
              default:
                throw new PrintError(`unsupported core section id ${s.id}`, s.range.start);
            }
          } catch (e) {
            const pe = asPrintError(e);
            if (pe instanceof PrintError && pe.offset >= 0) {
              throw new PrintError(pe.message.replace(/ at offset 0x[0-9a-f]+$/, ''), base + pe.offset);
            }
            throw pe;
          }
          break;
        }
      }
      if (s.id !== 0) place = `after ${SECTION_PLACE[s.id] ?? s.id}`;
    }
  } catch (e) {
    throw asPrintError(e);
  }
  out.endGroup();
}

function readVec<T>(r: Reader, f: () => T): T[] {
  const n = r.count();
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = f();
  return out;
}

function eachItem(r: Reader, f: () => void): void {
  const n = r.count();
  for (let i = 0; i < n; i++) f();
}

function printTypeEntry(out: Output, t: CoreSubType, header: string, ref: IndexRef, fields: NameMap | undefined): void {
  out.write(
    `(type${header} ${subTypeText(t, ref, (i) => {
      const n = fields?.get(i);
      return n === undefined ? null : identifierOf(n);
    })})`,
  );
}

function tagText(t: CoreExternType, ctx: ModuleContext): string {
  if (t.kind !== 'tag') return '';
  const ft = ctx.types[t.type]?.comp;
  const sig = ft !== undefined && ft.kind === 'func' ? funcSigText(ft.params, ft.results, ctx.typeRef) : '';
  return `(type ${ctx.typeRef(t.type)})${sig}`;
}

function externText(t: CoreExternType, ctx: ModuleContext, def: (space: CoreSpace) => string): string {
  switch (t.kind) {
    case 'func':
      return `(func${def('func')} (type ${ctx.typeRef(t.type)}))`;
    case 'table':
      return `(table${def('table')} ${limitsText(t.limits)} ${valTypeText(t.element, ctx.typeRef)})`;
    case 'memory':
      return `(memory${def('memory')} ${limitsText(t.limits)})`;
    case 'global':
      return `(global${def('global')} ${globalTypeText(t.type, t.flags, ctx.typeRef)})`;
    case 'tag':
      return `(tag${def('tag')} ${tagText(t, ctx)})`;
  }
}

function tableText(r: Reader, ctx: ModuleContext, code: CodePrinter, header: string): string {
  if (r.peek() === 0x40) {
    r.pos++;
    r.u8();
    const t = readRefType(r);
    const limits = readLimits(r);
    return `(table${header} ${limitsText(limits)} ${valTypeText(t, ctx.typeRef)} ${code.constExpr(r).join(' ')})`;
  }
  const t = readRefType(r);
  return `(table${header} ${limitsText(readLimits(r))} ${valTypeText(t, ctx.typeRef)})`;
}

/** `(i32.const 0)` for one instruction, `(offset …)` / `(item …)` otherwise. */
function sugar(parts: string[], keyword: string): string {
  return parts.length === 1 ? `(${parts[0]})` : `(${keyword}${parts.map((p) => ' ' + p).join('')})`;
}

function elemText(r: Reader, ctx: ModuleContext, code: CodePrinter, header: string): string {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 7) throw new PrintError(`invalid element segment flags ${flags}`, at);
  let s = `(elem${header}`;
  if (flags & 1) {
    if (flags & 2) s += ' declare';
  } else {
    if (flags & 2) s += ` (table ${ctx.ref('table', r.u32())})`;
    s += ' ' + sugar(code.constExpr(r), 'offset');
  }
  const exprs = (flags & 4) !== 0;
  if (!exprs) {
    if (flags & 3) r.u8(); // elemkind 0x00 (funcref)
    s += ' func';
    const n = r.count();
    for (let i = 0; i < n; i++) s += ' ' + ctx.ref('func', r.u32());
  } else {
    const t = flags & 3 ? readRefType(r) : 0x70;
    s += ' ' + valTypeText(t, ctx.typeRef);
    const n = r.count();
    for (let i = 0; i < n; i++) s += ' ' + sugar(code.constExpr(r), 'item');
  }
  return s + ')';
}

function dataText(r: Reader, ctx: ModuleContext, code: CodePrinter, header: string): string {
  const at = r.pos;
  const flags = r.u32();
  let s = `(data${header}`;
  if (flags === 0 || flags === 2) {
    const mem = flags === 2 ? r.u32() : 0;
    if (mem !== 0) s += ` (memory ${ctx.ref('memory', mem)})`;
    s += ' ' + sugar(code.constExpr(r), 'offset');
  } else if (flags !== 1) throw new PrintError(`invalid data segment flags ${flags}`, at);
  const len = r.u32();
  if (r.pos + len > r.end) throw new PrintError('unexpected end of data segment', r.pos);
  s += ' ' + quoteBytes(r.bytes, r.pos, r.pos + len);
  r.pos += len;
  return s + ')';
}

// ------------------------------------------------------------ component core types

/**
 * The body of a `(core type …)` in a component: a rec group / sub type, or a
 * `(module …)` type with its declarations.
 */
export function printCoreTypeDefBody(
  out: Output,
  item: CoreTypeDef,
  ref: IndexRef,
  scope: Scope,
  printAlias: (out: Output, d: Extract<ModuleDecl, { kind: 'alias' }>, scope: Scope, inner: Scope) => void,
): void {
  if (item.kind === 'rec') {
    if (!item.rec.explicit && item.rec.types.length === 1) out.write(subTypeText(item.rec.types[0], ref));
    else {
      out.startGroup('rec');
      for (const t of item.rec.types) {
        out.newline();
        out.write(`(type ${subTypeText(t, ref)})`);
      }
      out.endGroup();
    }
    return;
  }
  const inner = new Scope(scope, null);
  const typeRef: IndexRef = (i) => inner.ref('core-type', i);
  const types: CoreSubType[] = [];
  out.newline();
  out.startGroup('module');
  for (const d of item.decls) {
    out.newline();
    switch (d.kind) {
      case 'type': {
        const t = d.type;
        if (t.kind === 'rec') {
          printRecType(out, t.rec, types.length, (st) => {
            types.push(st);
            out.write(`(type (;${inner.next('core-type')};) ${subTypeText(st, typeRef)})`);
          });
        } else throw new PrintError('nested module types cannot be printed', t.offset);
        break;
      }
      case 'import':
        out.write(
          `(import ${quote(d.import.module)} ${quote(d.import.name)} ${declExternText(d.import.type, typeRef, types)})`,
        );
        break;
      case 'export':
        out.write(`(export ${quote(d.export.name)} ${declExternText(d.export.type, typeRef, types)})`);
        break;
      case 'alias':
        printAlias(out, d, scope, inner);
        break;
    }
  }
  out.endGroup();
}

function declExternText(t: CoreExternType, ref: IndexRef, types: CoreSubType[]): string {
  switch (t.kind) {
    case 'func':
      return `(func (type ${ref(t.type)}))`;
    case 'table':
      return `(table ${limitsText(t.limits)} ${valTypeText(t.element, ref)})`;
    case 'memory':
      return `(memory ${limitsText(t.limits)})`;
    case 'global':
      return `(global ${globalTypeText(t.type, t.flags, ref)})`;
    case 'tag': {
      const ft = types[t.type]?.comp;
      const sig = ft !== undefined && ft.kind === 'func' ? funcSigText(ft.params, ft.results, ref) : '';
      return `(tag (type ${ref(t.type)})${sig})`;
    }
  }
}
