/**
 * The component-level validator: walks sections in order, building every
 * index space incrementally (Binary.md: "index spaces ... are built
 * incrementally as each definition is validated"), and checks references,
 * instantiation arguments, aliases, imports/exports and start/value use.
 */
import { DecodeError } from '../errors.js';
import type { Component, ComponentSection, CoreInstance, Export, Instance } from '../model.js';
import { checkCanon } from './canon.js';
import { uniquenessKey } from './names.js';
import { checkVisible, namedCopy, typeCopy } from './visibility.js';
import { coreExternMismatch, moduleTypeOf, resolveCoreTypeDef } from './core.js';
import {
  applyAlias,
  checkAnnotatedFunc,
  checkExternName,
  declareName,
  freshen,
  resolveDefType,
  resolveExternType,
  resolveVal,
  substExtern,
} from './resolve.js';
import { CORE_KIND_SORT, Ctx, freshResource, Scope, UNKNOWN_VAL } from './scope.js';
import {
  externSubtype,
  rootOf,
  type RComponent,
  type RCoreExtern,
  type RExtern,
  type RInstance,
  type RResource,
  type ResourceSubst,
  type RVal,
} from './types.js';

const SECTION_NAMES: Record<ComponentSection['kind'], string> = {
  custom: 'custom',
  'core-module': 'core module',
  'core-instance': 'core instance',
  'core-type': 'core type',
  component: 'component',
  instance: 'instance',
  alias: 'alias',
  type: 'type',
  canon: 'canon',
  start: 'start',
  import: 'import',
  export: 'export',
  value: 'value',
};

/** Validate a component (recursively); returns its component type. */
export function validateIn(ctx: Ctx, c: Component, parent: Scope | null): RComponent {
  const scope = new Scope('component', parent);
  const outerComponent = ctx.component;
  ctx.component = c.range.start;
  for (const s of c.sections) {
    ctx.section = SECTION_NAMES[s.kind];
    ctx.item = -1;
    ctx.offset = s.range.start;
    walkSection(ctx, scope, s);
  }
  ctx.section = 'component';
  ctx.item = -1;
  ctx.offset = c.range.start;
  scope.values.forEach((v, i) => {
    if (!v.used) ctx.report(`value ${i} is not used (values must be consumed exactly once)`);
  });
  ctx.component = outerComponent;
  return { imports: scope.importTypes, exports: scope.exportTypes, defined: scope.defined };
}

function each<T extends { offset: number }>(ctx: Ctx, items: T[], f: (item: T) => void): void {
  items.forEach((item, i) => {
    ctx.item = i;
    ctx.offset = item.offset;
    f(item);
  });
}

function walkSection(ctx: Ctx, scope: Scope, s: ComponentSection): void {
  switch (s.kind) {
    case 'custom':
      return;
    case 'core-module': {
      let m = null;
      try {
        m = moduleTypeOf(ctx, s.module);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        ctx.report(`malformed core module: ${e.message}`, e.offset);
      }
      scope.coreModules.push(m);
      return;
    }
    case 'core-instance':
      each(ctx, s.items, (i) => coreInstance(ctx, scope, i));
      return;
    case 'core-type':
      each(ctx, s.items, (t) => scope.coreTypes.push(...resolveCoreTypeDef(ctx, scope, t)));
      return;
    case 'component': {
      const saved = ctx.section;
      const c = validateIn(ctx, s.component, scope);
      ctx.section = saved;
      scope.components.push(c);
      return;
    }
    case 'instance':
      each(ctx, s.items, (i) => instance(ctx, scope, i));
      return;
    case 'alias':
      each(ctx, s.items, (a) => applyAlias(ctx, scope, a));
      return;
    case 'type':
      each(ctx, s.items, (t) => scope.types.push(resolveDefType(ctx, scope, t.type)));
      return;
    case 'canon':
      each(ctx, s.items, (c) => checkCanon(ctx, scope, c));
      return;
    case 'start': {
      const st = s.start;
      ctx.item = 0;
      ctx.offset = st.offset;
      const f = ctx.inRange(scope, 'func', st.func, 'function') ? scope.funcs[st.func] : null;
      for (const a of st.args) if (ctx.inRange(scope, 'value', a)) useValue(ctx, scope, a);
      if (f) {
        if (f.params.length !== st.args.length)
          ctx.report(`start function requires ${f.params.length} arguments, ${st.args.length} given`);
        if ((f.result === null ? 0 : 1) !== st.results)
          ctx.report(`start function results mismatch: expected ${f.result === null ? 0 : 1}, found ${st.results}`);
      }
      for (let i = 0; i < st.results; i++) scope.values.push({ v: f?.result ?? UNKNOWN_VAL, used: false });
      return;
    }
    case 'import':
      each(ctx, s.items, (i) => {
        // Imported instances get their own resources; they stay abstract since
        // this import type is also the component's type (bound on instantiation).
        let ext = freshen(resolveExternType(ctx, scope, i.type), () => freshResource(false, null));
        checkVisible(scope, ext, 'import', (m) => ctx.report(m));
        ext = namedCopy(scope, ext, 'import');
        declareName(ctx, scope, 'import', i.name, ext);
        scope.pushExtern(ext);
      });
      return;
    case 'export':
      each(ctx, s.items, (e) => exportItem(ctx, scope, e));
      return;
    case 'value':
      each(ctx, s.items, (v) => scope.values.push({ v: resolveVal(ctx, scope, v.type), used: false }));
      return;
  }
}

function useValue(ctx: Ctx, scope: Scope, idx: number): void {
  const v = scope.values[idx];
  if (v.used) ctx.report(`value ${idx} cannot be used more than once`);
  v.used = true;
}

function exportItem(ctx: Ctx, scope: Scope, e: Export): void {
  let actual: RExtern | null = null;
  if (e.sort.startsWith('core-') && e.sort !== 'core-module')
    ctx.report(`exporting a core ${e.sort.slice(5)} is not allowed`);
  else if (ctx.inRange(scope, e.sort, e.index)) {
    actual = scope.externAt(e.sort, e.index);
    if (e.sort === 'value') useValue(ctx, scope, e.index);
  }
  let ext = actual;
  if (e.type) {
    const asc = resolveExternType(ctx, scope, e.type);
    const subst: ResourceSubst = new Map();
    if (actual) {
      const why = externSubtype(actual, asc, subst);
      if (why) ctx.report(`type mismatch in export \`${e.name.name}\`: ${why}`);
    }
    // An ascribed `(sub resource)` is a fresh abstract type (Binary.md), defined
    // by this component: fresh again for every instantiation.
    if (asc.sort === 'type' && asc.t.tag === 'resource') {
      scope.defined.push(asc.t.r);
      ext = asc;
    } else ext = substExtern(asc, subst);
  }
  if (!ext) {
    // Keep index spaces aligned even for a bad export.
    ext = placeholder(e.sort);
    if (!ext) return;
  }
  checkVisible(scope, ext, 'export', (m) => ctx.report(m));
  ext = namedCopy(scope, ext, 'export');
  declareName(ctx, scope, 'export', e.name, ext);
  scope.pushExtern(ext);
}

function placeholder(sort: string): RExtern | null {
  switch (sort) {
    case 'func':
      return { sort: 'func', f: null };
    case 'value':
      return { sort: 'value', v: UNKNOWN_VAL };
    case 'type':
      return { sort: 'type', t: { tag: 'unknown' } };
    case 'component':
      return { sort: 'component', c: null };
    case 'instance':
      return { sort: 'instance', i: null };
    case 'core-module':
      return { sort: 'core-module', m: null };
    default:
      return null;
  }
}

function instance(ctx: Ctx, scope: Scope, i: Instance): void {
  if (i.kind === 'exports') {
    const exports = new Map<string, RExtern>();
    const keys = new Map<string, string>();
    // Resource names of this bag-of-exports instance ([constructor]/[method]/[static] checks).
    const names = new Map<RResource, Set<string>>();
    for (const e of i.exports) {
      if (e.sort.startsWith('core-') && e.sort !== 'core-module') {
        ctx.report(`exporting a core ${e.sort.slice(5)} from an instance is not allowed`);
        continue;
      }
      const key = uniquenessKey(e.name.name);
      if (keys.has(key))
        ctx.report(`instance export name \`${e.name.name}\` conflicts with previous name \`${keys.get(key)}\``);
      keys.set(key, e.name.name);
      const ext = ctx.inRange(scope, e.sort, e.index) ? scope.externAt(e.sort, e.index)! : null;
      const parsed = checkExternName(ctx, 'export', e.name, ext);
      if (ext && typeof parsed !== 'string') {
        if (ext.sort === 'type' && ext.t.tag === 'resource' && parsed.kind === 'plain') {
          // The export names a new type index of the instance's type, which
          // the functions defined before cannot refer to.
          const fresh = (typeCopy(ext) as { t: { r: RResource } }).t.r;
          names.set(fresh, new Set([...(names.get(fresh) ?? []), parsed.label]));
        } else if (ext.sort === 'func' && ext.f) checkAnnotatedFunc(ctx, names, parsed, ext.f);
      }
      if (ext) {
        if (e.sort === 'value') useValue(ctx, scope, e.index);
        exports.set(e.name.name, ext);
      }
    }
    scope.instances.push({ exports });
    return;
  }
  const comp = ctx.inRange(scope, 'component', i.component) ? scope.components[i.component] : null;
  const args = new Map<string, RExtern>();
  for (const a of i.args) {
    if (args.has(a.name)) ctx.report(`instantiation argument \`${a.name}\` conflicts with previous argument`);
    if (a.sort.startsWith('core-') && a.sort !== 'core-module') {
      ctx.report(`core ${a.sort.slice(5)} cannot be passed as an instantiation argument`);
      continue;
    }
    if (ctx.inRange(scope, a.sort, a.index)) {
      if (a.sort === 'value') useValue(ctx, scope, a.index);
      args.set(a.name, scope.externAt(a.sort, a.index)!);
    }
  }
  let result: RInstance | null = null;
  if (comp) {
    // Resources defined by the component are fresh for every instantiation.
    const subst: ResourceSubst = new Map();
    const named = new Map<object, RVal>();
    for (const r of comp.defined ?? []) subst.set(rootOf(r), freshResource(true, null));
    for (const [name, expected] of comp.imports) {
      const arg = args.get(name);
      if (!arg) {
        ctx.report(`missing import named \`${name}\``);
        continue;
      }
      // Abstract resources of the component type get bound to the arguments' ones.
      const why = externSubtype(arg, expected, subst);
      if (why) ctx.report(`type mismatch for component instantiation argument \`${name}\`: ${why}`);
      else bindNamedTypes(expected, arg, named);
    }
    // One substitution over all exports, so that types shared between them
    // (a record and the function using it) keep a shared identity.
    const all = substExtern({ sort: 'instance', i: { exports: comp.exports } }, subst, named);
    result = { exports: all.sort === 'instance' && all.i ? all.i.exports : comp.exports };
  }
  scope.instances.push(result);
}

/**
 * Instantiation binds the named value types a component imports (directly
 * or as type exports of imported instances) to the argument's types: the
 * child's exports then refer to the parent's identities.
 */
function bindNamedTypes(expected: RExtern, arg: RExtern, named: Map<object, RVal>, depth = 0): void {
  if (depth > 20) return;
  if (expected.sort === 'type' && arg.sort === 'type') {
    if (expected.t.tag === 'val' && arg.t.tag === 'val' && typeof expected.t.v !== 'string')
      named.set(expected.t.v, arg.t.v);
  } else if (expected.sort === 'instance' && arg.sort === 'instance' && expected.i && arg.i) {
    for (const [n, x] of expected.i.exports) {
      const a = arg.i.exports.get(n);
      if (a) bindNamedTypes(x, a, named, depth + 1);
    }
  }
}

function coreInstance(ctx: Ctx, scope: Scope, i: CoreInstance): void {
  if (i.kind === 'exports') {
    const exports = new Map<string, RCoreExtern>();
    for (const e of i.exports) {
      if (exports.has(e.name)) ctx.report(`export name \`${e.name}\` already defined`);
      const sort = `core-${e.sort}` as const;
      const kind = CORE_KIND_SORT.indexOf(sort);
      if (kind < 0) {
        ctx.report(`core instance export of sort ${e.sort} is not allowed`);
        continue;
      }
      if (ctx.inRange(scope, sort, e.index)) {
        const known = kind === 0 ? null : (scope.space(sort)[e.index] as RCoreExtern | null);
        exports.set(e.name, { kind, func: kind === 0 ? scope.coreFuncs[e.index] : null, type: known?.type ?? null });
      }
    }
    scope.coreInstances.push(exports);
    return;
  }
  const mod = ctx.inRange(scope, 'core-module', i.module, 'module') ? scope.coreModules[i.module] : null;
  const args = new Map<string, Map<string, RCoreExtern> | null>();
  for (const a of i.args) {
    if (args.has(a.name)) ctx.report(`duplicate module instantiation argument named \`${a.name}\``);
    if (a.sort !== 'instance') {
      ctx.report('only instances can be passed as core instantiation arguments');
      continue;
    }
    args.set(
      a.name,
      ctx.inRange(scope, 'core-instance', a.index, 'core instance') ? scope.coreInstances[a.index] : null,
    );
  }
  if (mod) {
    for (const imp of mod.imports) {
      if (!args.has(imp.module)) {
        ctx.report(`module instantiation argument \`${imp.module}\` not found`);
        args.set(imp.module, null); // report once per module name
        continue;
      }
      const inst = args.get(imp.module);
      if (!inst) continue;
      const got = inst.get(imp.name);
      if (!got) {
        ctx.report(`module instantiation argument \`${imp.module}\` does not export an item named \`${imp.name}\``);
        continue;
      }
      if (got.kind !== imp.ext.kind) {
        ctx.report(`module instantiation argument \`${imp.module}\` export \`${imp.name}\` has the wrong kind`);
        continue;
      }
      const a = got.func;
      const b = imp.ext.func;
      if (
        a &&
        b &&
        !(
          a.params.length === b.params.length &&
          a.results.length === b.results.length &&
          a.params.every((p, k) => sameCore(p, b.params[k])) &&
          a.results.every((r, k) => sameCore(r, b.results[k]))
        )
      )
        ctx.report(`type mismatch in import \`${imp.module}::${imp.name}\`: function types do not match`);
      const why = got.type && imp.ext.type ? coreExternMismatch(got.type, imp.ext.type) : null;
      if (why) ctx.report(`type mismatch in import \`${imp.module}::${imp.name}\`: ${why}`);
    }
  }
  scope.coreInstances.push(mod ? mod.exports : null);
}

function sameCore(a: unknown, b: unknown): boolean {
  // Reference types are compared structurally via JSON (they are tiny).
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
