/**
 * Components as text, like `wasm-tools print`: every section in binary
 * order, `(;N;)` index comments, `$names` from the component-name section,
 * nested components and core modules printed in place.
 */
import { decodeComponent } from '../decode-component.js';
import type {
  Alias,
  Canon,
  CanonOpt,
  Component,
  ComponentDecl,
  ComponentSection,
  CoreInstance,
  CoreSort,
  CoreTypeDef,
  CustomSection,
  DefType,
  Export,
  ExternName,
  ExternType,
  Import,
  Instance,
  ModuleDecl,
  Sort,
  Start,
  ValType,
  Value,
} from '../model.js';
import { externSort } from '../extern-sort.js';
import { printCoreTypeDefBody, printCoreModuleSection } from './core-module.js';
import { subTypeText, valTypeText } from './core-types.js';
import { printCustomSection } from './custom.js';
import { definitionOf, makeNaming, nameMapFrom, type Naming } from './names.js';
import { Output } from './output.js';
import { Scope } from './scope.js';
import { quote } from './text.js';
import { printValue } from './values.js';

/** Print a component (its bytes or its decoded model) as text. */
export function printComponent(input: Uint8Array | Component): string {
  const component = input instanceof Uint8Array ? decodeComponent(input) : input;
  const out = new Output();
  printComponentBody(out, component, null, null);
  out.write('\n');
  return out.toString();
}

const SORT_KW: Record<Sort, string> = {
  'core-func': 'core func',
  'core-table': 'core table',
  'core-memory': 'core memory',
  'core-global': 'core global',
  'core-tag': 'core tag',
  'core-type': 'core type',
  'core-module': 'core module',
  'core-instance': 'core instance',
  func: 'func',
  value: 'value',
  type: 'type',
  component: 'component',
  instance: 'instance',
};

/** The naming group wasm-tools uses for synthetic identifiers of each sort. */
const SORT_GROUP: Record<Sort, string> = {
  'core-func': 'core-func',
  'core-table': 'core-table',
  'core-memory': 'core-memory',
  'core-global': 'core-global',
  'core-tag': 'core-tag',
  'core-type': 'core-type',
  'core-module': 'core-module',
  'core-instance': 'core-instance',
  func: 'func',
  value: 'value',
  type: 'type',
  component: 'component',
  instance: 'instance',
};

const CORE_TO_SORT: Record<CoreSort, Sort> = {
  func: 'core-func',
  table: 'core-table',
  memory: 'core-memory',
  global: 'core-global',
  tag: 'core-tag',
  type: 'core-type',
  module: 'core-module',
  instance: 'core-instance',
};

/** Registers the component-name section's names in `scope`. */
function registerNames(c: Component, scope: Scope): void {
  for (const s of c.sections) {
    if (s.kind !== 'custom' || s.name !== 'component-name' || s.parsed?.kind !== 'component-name') continue;
    for (const sub of s.parsed.subsections) {
      if (sub.kind === 'sort') scope.names.set(sub.sort, nameMapFrom(sub.names, SORT_GROUP[sub.sort]));
    }
  }
}

function componentName(c: Component): Naming | null {
  let name: Naming | null = null;
  for (const s of c.sections) {
    if (s.kind !== 'custom' || s.name !== 'component-name' || s.parsed?.kind !== 'component-name') continue;
    for (const sub of s.parsed.subsections) {
      if (sub.kind === 'component') name = makeNaming(sub.name, 0, 'component', null);
    }
  }
  return name;
}

/** `(component $name (;idx;)` … `)`. */
function printComponentBody(out: Output, c: Component, parent: Scope | null, header: string | null): void {
  const scope = new Scope(parent, componentName(c));
  registerNames(c, scope);
  out.startGroup('component');
  if (header !== null) out.write(header);
  else if (scope.name !== null) out.write(' ' + definitionOf(scope.name));
  for (const s of c.sections) printSection(out, s, scope);
  out.endGroup();
}

/** ` $name (;idx;)` for a new item of `sort`. */
function def(scope: Scope, sort: Sort): string {
  const idx = scope.next(sort);
  const n = scope.naming(sort, idx);
  return n === undefined ? ` (;${idx};)` : ` ${definitionOf(n)} (;${idx};)`;
}

function printSection(out: Output, s: ComponentSection, scope: Scope): void {
  switch (s.kind) {
    case 'custom':
      printCustomSection(out, s as CustomSection, null);
      return;
    case 'core-module': {
      out.newline();
      const header = def(scope, 'core-module');
      printCoreModuleSection(out, s.module, header);
      return;
    }
    case 'core-instance':
      for (const item of s.items) {
        out.newline();
        printCoreInstance(out, item, scope);
      }
      return;
    case 'core-type':
      for (const item of s.items) {
        out.newline();
        printCoreTypeDef(out, item, scope);
      }
      return;
    case 'component': {
      out.newline();
      printComponentBody(out, s.component, scope, def(scope, 'component'));
      return;
    }
    case 'instance':
      for (const item of s.items) {
        out.newline();
        printInstance(out, item, scope);
      }
      return;
    case 'alias':
      for (const item of s.items) {
        out.newline();
        printAlias(out, item, scope, true);
      }
      return;
    case 'type':
      for (const item of s.items) {
        out.newline();
        printTypeDef(out, item.type, scope, def(scope, 'type'));
      }
      return;
    case 'canon':
      for (const item of s.items) {
        out.newline();
        printCanon(out, item, scope);
      }
      return;
    case 'start':
      out.newline();
      printStart(out, s.start, scope);
      return;
    case 'import':
      for (const item of s.items) {
        out.newline();
        printImport(out, item, scope, true);
      }
      return;
    case 'export':
      for (const item of s.items) {
        out.newline();
        printExport(out, item, scope);
      }
      return;
    case 'value':
      for (const item of s.items) {
        out.newline();
        printValueDef(out, item, scope);
      }
      return;
  }
}

// ------------------------------------------------------------ core items

function coreSortRef(scope: Scope, sort: CoreSort, index: number): string {
  // wasm-tools never names core tags here.
  if (sort === 'tag') return `(tag ${index})`;
  return `(${sort} ${scope.ref(CORE_TO_SORT[sort], index)})`;
}

function printCoreInstance(out: Output, item: CoreInstance, scope: Scope): void {
  out.startGroup('core instance');
  out.write(def(scope, 'core-instance'));
  if (item.kind === 'instantiate') {
    out.write(' ');
    out.startGroup(`instantiate ${scope.ref('core-module', item.module)}`);
    for (const a of item.args) {
      out.newline();
      out.write(`(with ${quote(a.name)} ${coreSortRef(scope, a.sort, a.index)})`);
    }
    out.endGroup();
  } else {
    for (const e of item.exports) {
      out.newline();
      out.write(`(export ${quote(e.name)} ${coreSortRef(scope, e.sort, e.index)})`);
    }
  }
  out.endGroup();
}

function printCoreTypeDef(out: Output, item: CoreTypeDef, scope: Scope): void {
  if (item.kind === 'rec' && (item.rec.explicit || item.rec.types.length !== 1)) {
    // `(core rec (type $a (;0;) …) …)`: every member is a type of its own.
    const ref = (i: number) => scope.ref('core-type', i);
    out.startGroup('core rec');
    for (const t of item.rec.types) {
      out.newline();
      out.write(`(type${def(scope, 'core-type')} ${subTypeText(t, ref)})`);
    }
    out.endGroup();
    return;
  }
  out.startGroup('core type');
  out.write(def(scope, 'core-type'));
  if (item.kind !== 'module') out.write(' ');
  printCoreTypeDefBody(out, item, (i) => scope.ref('core-type', i), scope, printModuleTypeAlias);
  out.endGroup();
}

/** An `alias outer` inside a core module type. */
function printModuleTypeAlias(
  out: Output,
  d: Extract<ModuleDecl, { kind: 'alias' }>,
  scope: Scope,
  inner: Scope,
): void {
  const target = scope.outer(d.count - 1);
  const count = target?.name != null ? `$${target.name.identifier ?? target.name.name}` : String(d.count);
  const index = target !== null ? target.ref('core-type', d.index) : String(d.index);
  out.write(`(alias outer ${count} ${index} (type${def(inner, 'core-type')}))`);
}

// ------------------------------------------------------------ component items

function sortRef(scope: Scope, sort: Sort, index: number): string {
  return `(${SORT_KW[sort]} ${scope.ref(sort, index)})`;
}

function printInstance(out: Output, item: Instance, scope: Scope): void {
  out.startGroup('instance');
  out.write(def(scope, 'instance'));
  if (item.kind === 'instantiate') {
    out.write(' ');
    out.startGroup(`instantiate ${scope.ref('component', item.component)}`);
    for (const a of item.args) {
      out.newline();
      out.write(`(with ${quote(a.name)} ${sortRef(scope, a.sort, a.index)})`);
    }
    out.endGroup();
  } else {
    for (const e of item.exports) {
      out.newline();
      out.write(`(export ${externName(e.name)} ${sortRef(scope, e.sort, e.index)})`);
    }
  }
  out.endGroup();
}

function printAlias(out: Output, a: Alias, scope: Scope, named: boolean): void {
  const t = a.target;
  if (t.kind === 'outer' && scope.outer(t.count) === null) out.write(`(; invalid outer alias count ${t.count} ;) `);
  out.startGroup('alias ');
  if (t.kind === 'export') out.write(`export ${scope.ref('instance', t.instance)} ${quote(t.name)} `);
  else if (t.kind === 'core-export')
    out.write(`core export ${scope.ref('core-instance', t.instance)} ${quote(t.name)} `);
  else {
    const target = scope.outer(t.count);
    const count = target?.name != null ? `$${target.name.identifier ?? target.name.name}` : String(t.count);
    const index = target !== null ? target.ref(a.sort, t.index) : String(t.index);
    out.write(`outer ${count} ${index} `);
  }
  out.write(`(${SORT_KW[a.sort]}${named ? def(scope, a.sort) : ` (;${scope.next(a.sort)};)`})`);
  out.endGroup();
}

export function valType(t: ValType, scope: Scope): string {
  return typeof t === 'number' ? scope.ref('type', t) : t;
}

function printTypeDef(out: Output, t: DefType, scope: Scope, header: string): void {
  out.startGroup('type');
  out.write(header);
  if (t.kind !== 'component' && t.kind !== 'instance') out.write(' ');
  printDefType(out, t, scope);
  out.endGroup();
}

function printDefType(out: Output, t: DefType, scope: Scope): void {
  const vt = (v: ValType) => valType(v, scope);
  switch (t.kind) {
    case 'prim':
      out.write(t.prim);
      return;
    case 'record':
      out.write(`(record${t.fields.map((f) => ` (field ${quote(f.name)} ${vt(f.type)})`).join('')})`);
      return;
    case 'variant':
      out.write(
        `(variant${t.cases
          .map(
            (c) =>
              ` (case ${quote(c.name)}${c.type !== null ? ' ' + vt(c.type) : ''}${c.refines !== null ? ` (refines ${c.refines})` : ''})`,
          )
          .join('')})`,
      );
      return;
    case 'list':
      out.write(`(list ${vt(t.element)})`);
      return;
    case 'fixed-list':
      out.write(`(list ${vt(t.element)} ${t.length})`);
      return;
    case 'tuple':
      out.write(`(tuple${t.types.map((x) => ' ' + vt(x)).join('')})`);
      return;
    case 'flags':
      out.write(`(flags${t.names.map((n) => ' ' + quote(n)).join('')})`);
      return;
    case 'enum':
      out.write(`(enum${t.names.map((n) => ' ' + quote(n)).join('')})`);
      return;
    case 'option':
      out.write(`(option ${vt(t.type)})`);
      return;
    case 'result': {
      let s = '(result';
      if (t.ok !== null) s += ' ' + vt(t.ok);
      if (t.err !== null) s += ` (error ${vt(t.err)})`;
      out.write(s + ')');
      return;
    }
    case 'own':
      out.write(`(own ${scope.ref('type', t.type)})`);
      return;
    case 'borrow':
      out.write(`(borrow ${scope.ref('type', t.type)})`);
      return;
    case 'stream':
      out.write(t.element === null ? '(stream)' : `(stream ${vt(t.element)})`);
      return;
    case 'future':
      out.write(t.element === null ? '(future)' : `(future ${vt(t.element)})`);
      return;
    case 'map':
      out.write(`(map ${vt(t.key)} ${vt(t.value)})`);
      return;
    case 'func': {
      let s = '(func';
      if (t.async) s += ' async';
      for (const p of t.params) s += ` (param ${quote(p.name)} ${vt(p.type)})`;
      if (t.result !== null) s += ` (result ${vt(t.result)})`;
      out.write(s + ')');
      return;
    }
    case 'resource': {
      let s = `(resource (rep ${valTypeText(t.rep, String)})`;
      if (t.dtor !== null) s += ` (dtor ${scope.ref('core-func', t.dtor)})`;
      out.write(s + ')');
      return;
    }
    case 'component':
    case 'instance': {
      const inner = new Scope(scope, null);
      out.newline();
      out.startGroup(t.kind);
      for (const d of t.decls) {
        out.newline();
        printDecl(out, d, inner);
      }
      out.endGroup();
      return;
    }
  }
}

function printDecl(out: Output, d: ComponentDecl, scope: Scope): void {
  switch (d.kind) {
    case 'core-type':
      printCoreTypeDef(out, d.type, scope);
      return;
    case 'type':
      printTypeDef(out, d.type, scope, def(scope, 'type'));
      return;
    case 'alias':
      printAlias(out, d.alias, scope, true);
      return;
    case 'export':
      out.startGroup(`export${def(scope, externSort(d.type))} ${externName(d.name)} `);
      out.write(externTypeText(d.type, scope, ''));
      out.endGroup();
      return;
    case 'import':
      out.startGroup(`import ${externName(d.name)} `);
      out.write(externTypeText(d.type, scope, def(scope, externSort(d.type))));
      out.endGroup();
      return;
  }
}

function externName(n: ExternName): string {
  let s = quote(n.name);
  for (const a of n.attributes) {
    if (a.kind === 'implements') s += ` (implements ${quote(a.name)})`;
    else if (a.kind === 'external-id') s += ` (external-id ${quote(a.id)})`;
    else s += ` (version-suffix ${quote(a.suffix)})`;
  }
  return s;
}

/** `(func $name (;N;) (type 0))` etc.; `header` is the ` $name (;N;)` part (may be empty). */
function externTypeText(t: ExternType, scope: Scope, header: string): string {
  switch (t.kind) {
    case 'module':
      return `(core module${header} (type ${scope.ref('core-type', t.type)}))`;
    case 'func':
      return `(func${header} (type ${scope.ref('type', t.type)}))`;
    case 'component':
      return `(component${header} (type ${scope.ref('type', t.type)}))`;
    case 'instance':
      return `(instance${header} (type ${scope.ref('type', t.type)}))`;
    case 'value':
      return t.bound.kind === 'eq'
        ? `(value${header} (eq ${scope.ref('value', t.bound.index)}))`
        : `(value${header} ${valType(t.bound.type, scope)})`;
    case 'type':
      return t.bound.kind === 'eq'
        ? `(type${header} (eq ${scope.ref('type', t.bound.index)}))`
        : `(type${header} (sub resource))`;
  }
}

function printImport(out: Output, item: Import, scope: Scope, named: boolean): void {
  out.startGroup(`import ${externName(item.name)} `);
  const sort = externSort(item.type);
  out.write(externTypeText(item.type, scope, named ? def(scope, sort) : ` (;${scope.next(sort)};)`));
  out.endGroup();
}

function printExport(out: Output, e: Export, scope: Scope): void {
  // Read the target before the export allocates its own index.
  const target = sortRef(scope, e.sort, e.index);
  out.startGroup('export');
  out.write(def(scope, e.sort));
  out.write(` ${externName(e.name)} ${target}`);
  if (e.type !== null) out.write(' ' + externTypeText(e.type, scope, ''));
  out.endGroup();
}

// ------------------------------------------------------------ canon

function canonOpt(o: CanonOpt, scope: Scope): string {
  switch (o.kind) {
    case 'utf8':
      return 'string-encoding=utf8';
    case 'utf16':
      return 'string-encoding=utf16';
    case 'latin1+utf16':
      return 'string-encoding=latin1+utf16';
    case 'memory':
      return `(memory ${scope.ref('core-memory', o.index)})`;
    case 'realloc':
      return `(realloc ${scope.ref('core-func', o.index)})`;
    case 'post-return':
      return `(post-return ${scope.ref('core-func', o.index)})`;
    case 'async':
      return 'async';
    case 'callback':
      return `(callback ${scope.ref('core-func', o.index)})`;
    case 'core-type':
      return `(core-type ${scope.ref('core-type', o.index)})`;
    case 'gc':
      return 'gc';
  }
}

function printCanon(out: Output, c: Canon, scope: Scope): void {
  const opts = (c.options ?? []).map((o) => ' ' + canonOpt(o, scope)).join('');
  if (c.kind === 'lift') {
    const head = `func${def(scope, 'func')} (type ${scope.ref('type', c.type!)}) `;
    out.startGroup(head);
    out.write(`(canon lift ${sortRef(scope, 'core-func', c.coreFunc!)}${opts})`);
    out.endGroup();
    return;
  }
  let body: string;
  const ty = () => ' ' + scope.ref('type', c.type!);
  const flag = (b: boolean | undefined, word: string) => (b === true ? ' ' + word : '');
  switch (c.kind) {
    case 'lower':
      body = ` ${sortRef(scope, 'func', c.func!)}${opts}`;
      break;
    case 'resource.new':
    case 'resource.drop':
    case 'resource.rep':
    case 'stream.new':
    case 'stream.drop-readable':
    case 'stream.drop-writable':
    case 'future.new':
    case 'future.drop-readable':
    case 'future.drop-writable':
      body = ty();
      break;
    case 'resource.drop-async':
      body = ty() + ' async';
      break;
    case 'stream.read':
    case 'stream.write':
    case 'future.read':
    case 'future.write':
      body = ty() + opts;
      break;
    case 'stream.cancel-read':
    case 'stream.cancel-write':
    case 'future.cancel-read':
    case 'future.cancel-write':
    case 'subtask.cancel':
      body = (c.type !== undefined ? ty() : '') + flag(c.async, 'async');
      break;
    case 'task.return':
      body = (c.result != null ? ` (result ${valType(c.result, scope)})` : '') + opts;
      break;
    case 'context.get':
    case 'context.set':
      body = ` ${valTypeText(c.valType!, String)} ${c.index}`;
      break;
    case 'waitable-set.wait':
    case 'waitable-set.poll':
      body = flag(c.cancellable, 'cancellable') + ` (memory ${scope.ref('core-memory', c.memory!)})`;
      break;
    case 'thread.suspend':
    case 'thread.yield':
    case 'thread.suspend-then-resume':
    case 'thread.yield-then-resume':
    case 'thread.suspend-then-promote':
    case 'thread.yield-then-promote':
      body = flag(c.cancellable, 'cancellable');
      break;
    case 'thread.new-indirect':
      body = ` ${scope.ref('core-type', c.coreType!)} ${scope.ref('core-table', c.table!)}`;
      break;
    case 'thread.spawn-ref':
      body = flag(c.shared, 'shared') + ` ${scope.ref('core-type', c.coreType!)}`;
      break;
    case 'thread.spawn-indirect':
      body = flag(c.shared, 'shared') + ` ${scope.ref('core-type', c.coreType!)} ${scope.ref('core-table', c.table!)}`;
      break;
    case 'thread.available-parallelism':
      body = flag(c.shared, 'shared');
      break;
    case 'error-context.new':
    case 'error-context.debug-message':
      body = opts;
      break;
    default:
      body = '';
  }
  out.startGroup(`core func${def(scope, 'core-func')} `);
  out.write(`(canon ${c.kind}${body})`);
  out.endGroup();
}

function printStart(out: Output, s: Start, scope: Scope): void {
  out.startGroup(`start ${scope.ref('func', s.func)}`);
  for (const a of s.args) out.write(` (value ${scope.ref('value', a)})`);
  for (let i = 0; i < s.results; i++) out.write(` (result (value${def(scope, 'value')}))`);
  out.endGroup();
}

function printValueDef(out: Output, v: Value, scope: Scope): void {
  out.startGroup('value');
  out.write(def(scope, 'value'));
  out.write(` ${valType(v.type, scope)} `);
  out.write(printValue(v, scope));
  out.endGroup();
}
