/**
 * Resolution of decoded (index-based) types into the validator's resolved
 * form, with the structural checks of Binary.md "Type Definitions":
 * valtype indices must name value types, own/borrow must name resources,
 * labels must be kebab-case and strongly-unique, no borrow in results, ...
 */
import type { Alias, ComponentDecl, DefType, ExternName, ExternType, Sort, ValType } from '../model.js';
import { resolveCoreTypeDef } from './core.js';
import { MAX_ELEM_SIZE, sizeAlign } from './abi.js';
import {
  isCanonVersion,
  isLabel,
  isSemver,
  isSemverSuffix,
  parseExternName,
  uniquenessKey,
  type ParsedExternName,
} from './names.js';
import { Ctx, freshResource, Scope, UNKNOWN_TYPE, UNKNOWN_VAL } from './scope.js';
import { checkVisible, namedCopy } from './visibility.js';
import {
  containsBorrow,
  rootOf,
  type RResource,
  type RComponent,
  type RExtern,
  type RFunc,
  type RInstance,
  type RType,
  type RVal,
  type ResourceSubst,
} from './types.js';

export function resolveVal(ctx: Ctx, scope: Scope, t: ValType): RVal {
  if (typeof t === 'string') return t;
  const ty = scope.types[t];
  if (ty === undefined) {
    ctx.report(`type index ${t} out of bounds (${scope.types.length} types defined)`);
    return UNKNOWN_VAL;
  }
  if (ty.tag === 'val') return ty.v;
  if (ty.tag === 'unknown') return UNKNOWN_VAL;
  ctx.report(`type index ${t} is a ${ty.tag} type, not a defined value type`);
  return UNKNOWN_VAL;
}

function optVal(ctx: Ctx, scope: Scope, t: ValType | null): RVal | null {
  return t === null ? null : resolveVal(ctx, scope, t);
}

function checkLabels(ctx: Ctx, names: string[], what: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (!isLabel(n)) ctx.report(`${what} name \`${n}\` is not in kebab case`);
    const k = n.toLowerCase();
    if (seen.has(k)) ctx.report(`${what} name \`${n}\` conflicts with previous name`);
    seen.add(k);
  }
}

function resourceAt(ctx: Ctx, scope: Scope, idx: number) {
  const ty = scope.types[idx];
  if (ty === undefined) {
    ctx.report(`type index ${idx} out of bounds (${scope.types.length} types defined)`);
    return null;
  }
  if (ty.tag === 'resource') return ty.r;
  if (ty.tag !== 'unknown') ctx.report(`type index ${idx} is not a resource type`);
  return null;
}

const KEY_TYPES = new Set(['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'char', 'string']);

export function resolveDefType(ctx: Ctx, scope: Scope, t: DefType): RType {
  const r = resolveDefTypeInner(ctx, scope, t);
  if (r.tag === 'val' && typeof r.v !== 'string' && sizeAlign(r.v)[0] >= MAX_ELEM_SIZE)
    ctx.report('value type exceeds maximum byte size (elem_size >= 2^28)');
  return r;
}

export const NAMED_KINDS = new Set(['record', 'variant', 'enum', 'flags']);

function resolveDefTypeInner(ctx: Ctx, scope: Scope, t: DefType): RType {
  switch (t.kind) {
    case 'prim':
      return { tag: 'val', v: t.prim };
    case 'record':
      if (t.fields.length === 0) ctx.report('record type must have at least one field');
      checkLabels(
        ctx,
        t.fields.map((f) => f.name),
        'record field',
      );
      return {
        tag: 'val',
        v: { k: 'record', fields: t.fields.map((f) => ({ name: f.name, t: resolveVal(ctx, scope, f.type) })) },
      };
    case 'variant':
      if (t.cases.length === 0) ctx.report('variant type must have at least one case');
      checkLabels(
        ctx,
        t.cases.map((c) => c.name),
        'variant case',
      );
      return {
        tag: 'val',
        v: { k: 'variant', cases: t.cases.map((c) => ({ name: c.name, t: optVal(ctx, scope, c.type) })) },
      };
    case 'list':
      return { tag: 'val', v: { k: 'list', e: resolveVal(ctx, scope, t.element) } };
    case 'fixed-list':
      if (t.length === 0) ctx.report('fixed-length list must have a length greater than 0');
      return { tag: 'val', v: { k: 'fixed-list', e: resolveVal(ctx, scope, t.element), n: t.length } };
    case 'tuple':
      if (t.types.length === 0) ctx.report('tuple type must have at least one type');
      return { tag: 'val', v: { k: 'tuple', ts: t.types.map((x) => resolveVal(ctx, scope, x)) } };
    case 'flags':
      if (t.names.length === 0) ctx.report('flags must have at least one entry');
      if (t.names.length > 32) ctx.report('cannot have more than 32 flags');
      checkLabels(ctx, t.names, 'flag');
      return { tag: 'val', v: { k: 'flags', names: t.names } };
    case 'enum':
      if (t.names.length === 0) ctx.report('enum type must have at least one variant');
      checkLabels(ctx, t.names, 'enum tag');
      return { tag: 'val', v: { k: 'enum', names: t.names } };
    case 'option':
      return { tag: 'val', v: { k: 'option', t: resolveVal(ctx, scope, t.type) } };
    case 'result':
      return { tag: 'val', v: { k: 'result', ok: optVal(ctx, scope, t.ok), err: optVal(ctx, scope, t.err) } };
    case 'own':
    case 'borrow': {
      const r = resourceAt(ctx, scope, t.type);
      return r ? { tag: 'val', v: { k: t.kind, r } } : { tag: 'val', v: UNKNOWN_VAL };
    }
    case 'stream':
    case 'future': {
      const e = optVal(ctx, scope, t.element);
      if (containsBorrow(e) || (e !== null && typeof e !== 'string' && e.k === 'borrow'))
        ctx.report(`${t.kind} element type cannot contain a borrow`);
      if (t.kind === 'stream' && e === 'char') ctx.report('stream<char> is not supported');
      return { tag: 'val', v: { k: t.kind, e } };
    }
    case 'map': {
      const key = resolveVal(ctx, scope, t.key);
      if (typeof key !== 'string' ? key.k !== 'unknown' : !KEY_TYPES.has(key))
        ctx.report('map key type must be a primitive integer, bool, char or string');
      return { tag: 'val', v: { k: 'map', key, value: resolveVal(ctx, scope, t.value) } };
    }
    case 'func': {
      checkLabels(
        ctx,
        t.params.map((p) => p.name),
        'function parameter',
      );
      const f: RFunc = {
        async: t.async,
        params: t.params.map((p) => ({ name: p.name, t: resolveVal(ctx, scope, p.type) })),
        result: optVal(ctx, scope, t.result),
      };
      if (containsBorrow(f.result)) ctx.report('function result cannot contain a `borrow` type');
      return { tag: 'func', f };
    }
    case 'resource': {
      if (scope.kind !== 'component') {
        ctx.report('resources can only be defined within a concrete component');
        return UNKNOWN_TYPE;
      }
      if (t.rep !== 0x7f) ctx.report('resources can only be represented by `i32`');
      if (t.dtor !== null && ctx.inRange(scope, 'core-func', t.dtor, 'core function')) {
        const sig = scope.coreFuncs[t.dtor];
        if (sig && !(sig.params.length === 1 && sig.params[0] === 0x7f && sig.results.length === 0))
          ctx.report('wrong signature for a destructor: expected [i32] -> []');
      }
      const r = freshResource(true, scope);
      scope.defined.push(r);
      return { tag: 'resource', r };
    }
    case 'component': {
      const s = new Scope('component-type', scope);
      walkDecls(ctx, s, t.decls);
      return { tag: 'component', c: { imports: s.importTypes, exports: s.exportTypes, defined: s.defined } };
    }
    case 'instance': {
      const s = new Scope('instance-type', scope);
      walkDecls(ctx, s, t.decls);
      return { tag: 'instance', i: { exports: s.exportTypes, defined: s.defined } };
    }
  }
}

function walkDecls(ctx: Ctx, s: Scope, decls: ComponentDecl[]): void {
  for (const d of decls) {
    const saved = ctx.offset;
    ctx.offset = d.offset;
    switch (d.kind) {
      case 'core-type':
        s.coreTypes.push(...resolveCoreTypeDef(ctx, s, d.type));
        break;
      case 'type':
        s.types.push(resolveDefType(ctx, s, d.type));
        break;
      case 'alias':
        if (d.alias.target.kind === 'export' && d.alias.sort !== 'instance' && d.alias.sort !== 'type')
          ctx.report('only instance and type export aliases are allowed in type declarations');
        if (d.alias.target.kind === 'core-export')
          ctx.report('core export aliases are not allowed in type declarations');
        if (d.alias.target.kind === 'outer' && d.alias.sort !== 'type' && d.alias.sort !== 'core-type')
          ctx.report('only type and core type outer aliases are allowed in type declarations');
        applyAlias(ctx, s, d.alias);
        break;
      case 'import':
      case 'export': {
        // Each import/export of an instance type has its own resources (abstract here).
        let ext = freshen(resolveExternType(ctx, s, d.type), () => freshResource(false, s));
        if (d.kind === 'export') {
          if (
            ext.sort === 'type' &&
            ext.t.tag === 'resource' &&
            d.type.kind === 'type' &&
            d.type.bound.kind === 'sub-resource'
          )
            s.defined.push(ext.t.r);
          if (ext.sort === 'instance' && ext.i?.defined) s.defined.push(...ext.i.defined);
        }
        // External visibility: checked here in component types, deferred to
        // the use of an instance type; the import/export names a new identity.
        checkVisible(s, ext, d.kind, (m) => ctx.report(m));
        if (d.type.kind !== 'type' || d.type.bound.kind !== 'sub-resource') ext = namedCopy(s, ext, d.kind);
        else s[d.kind === 'import' ? 'namedImports' : 'namedExports'].add((ext as { t: { r: object } }).t.r);
        declareName(ctx, s, d.kind, d.name, ext);
        s.pushExtern(ext);
        break;
      }
    }
    ctx.offset = saved;
  }
}

export function resolveExternType(ctx: Ctx, scope: Scope, t: ExternType): RExtern {
  const typeAt = (idx: number): RType => {
    const ty = scope.types[idx];
    if (ty === undefined) {
      ctx.report(`type index ${idx} out of bounds (${scope.types.length} types defined)`);
      return UNKNOWN_TYPE;
    }
    return ty;
  };
  switch (t.kind) {
    case 'module': {
      const ct = scope.coreTypes[t.type];
      if (ct === undefined) ctx.report(`core type index ${t.type} out of bounds`);
      else if (ct.tag !== 'module') ctx.report(`core type index ${t.type} is not a module type`);
      return { sort: 'core-module', m: ct?.tag === 'module' ? ct.m : null };
    }
    case 'func': {
      const ty = typeAt(t.type);
      if (ty.tag !== 'func' && ty.tag !== 'unknown') ctx.report(`type index ${t.type} is not a function type`);
      return { sort: 'func', f: ty.tag === 'func' ? ty.f : null };
    }
    case 'value': {
      if (t.bound.kind === 'type') return { sort: 'value', v: resolveVal(ctx, scope, t.bound.type) };
      const v = scope.values[t.bound.index];
      if (v === undefined) ctx.report(`value index ${t.bound.index} out of bounds`);
      return { sort: 'value', v: v?.v ?? UNKNOWN_VAL };
    }
    case 'type':
      if (t.bound.kind === 'sub-resource')
        return { sort: 'type', t: { tag: 'resource', r: freshResource(false, scope) } };
      return { sort: 'type', t: typeAt(t.bound.index) };
    case 'component': {
      const ty = typeAt(t.type);
      if (ty.tag !== 'component' && ty.tag !== 'unknown') ctx.report(`type index ${t.type} is not a component type`);
      return { sort: 'component', c: ty.tag === 'component' ? ty.c : null };
    }
    case 'instance': {
      const ty = typeAt(t.type);
      if (ty.tag !== 'instance' && ty.tag !== 'unknown') ctx.report(`type index ${t.type} is not an instance type`);
      return { sort: 'instance', i: ty.tag === 'instance' ? ty.i : null };
    }
  }
}

/** Validate an import/export name and record it (uniqueness, type) in `s`. */
export function declareName(ctx: Ctx, s: Scope, kind: 'import' | 'export', n: ExternName, ext: RExtern): void {
  const parsed = checkExternName(ctx, kind, n, ext);
  const keys = kind === 'import' ? s.importKeys : s.exportKeys;
  const key = uniquenessKey(n.name);
  const prev = keys.get(key);
  if (prev !== undefined) ctx.report(`${kind} name \`${n.name}\` conflicts with previous name \`${prev}\``);
  else keys.set(key, n.name);
  (kind === 'import' ? s.importTypes : s.exportTypes).set(n.name, ext);
  const names = kind === 'import' ? s.importResourceNames : s.exportResourceNames;
  if (ext.sort === 'type' && ext.t.tag === 'resource' && typeof parsed !== 'string' && parsed.kind === 'plain') {
    const root = rootOf(ext.t.r);
    const set = names.get(root) ?? new Set<string>();
    set.add(parsed.label);
    names.set(root, set);
  }
  if (typeof parsed !== 'string' && ext.sort === 'func' && ext.f) checkAnnotatedFunc(ctx, names, parsed, ext.f);
}

/** Extern-name grammar, annotated-name sorts and attribute rules (no uniqueness). */
export function checkExternName(
  ctx: Ctx,
  kind: 'import' | 'export',
  n: ExternName,
  ext: RExtern | null,
): ParsedExternName | string {
  const parsed = parseExternName(n.name);
  if (typeof parsed === 'string') ctx.report(`${kind} name \`${n.name}\` is invalid: ${parsed}`);
  else if (parsed.kind === 'constructor' || parsed.kind === 'method' || parsed.kind === 'static') {
    if (ext && ext.sort !== 'func')
      ctx.report(`${kind} \`${n.name}\` is an annotated function name but is not a function`);
  }
  const kinds = new Set<string>();
  for (const a of n.attributes) {
    if (kinds.has(a.kind)) ctx.report(`duplicate \`${a.kind}\` attribute on \`${n.name}\``);
    kinds.add(a.kind);
    if (a.kind === 'implements') {
      if (ext && ext.sort !== 'instance') ctx.report(`\`implements\` attribute on \`${n.name}\` requires an instance`);
      if (typeof parsed !== 'string' && parsed.kind !== 'plain')
        ctx.report(`\`implements\` attribute on \`${n.name}\` requires a plain name`);
      if (a.name === '') ctx.report('`implements` attribute is not a valid name: empty string');
      else {
        const iface = parseExternName(a.name);
        if (typeof iface === 'string' || iface.kind !== 'interface')
          ctx.report(`\`implements\` attribute \`${a.name}\` must be an interface name`);
      }
    } else if (a.kind === 'version-suffix') {
      // 🔗 the name must end in a canonical version (`@1`, `@0.2`, ...) and
      // version + suffix must be a valid semver.
      const version = typeof parsed !== 'string' && parsed.kind === 'interface' ? parsed.version : null;
      if (version === null || !isCanonVersion(version))
        ctx.report(`\`versionsuffix\` on \`${n.name}\` requires a canonical interface version`);
      else if (!isSemverSuffix(a.suffix) || !isSemver(version + a.suffix))
        ctx.report(`\`${version}${a.suffix}\` is not a valid semver`);
    }
  }
  return parsed;
}

/** Binary.md: `[constructor]`/`[method]`/`[static]` names vs the function's type. */
export function checkAnnotatedFunc(
  ctx: Ctx,
  names: Map<RResource, Set<string>>,
  parsed: ParsedExternName,
  f: RFunc,
): void {
  const namesOf = (r: RResource): Set<string> | undefined => names.get(rootOf(r));
  if (parsed.kind === 'constructor') {
    let res = f.result;
    if (res === null) return ctx.report('function should return one value');
    if (typeof res !== 'string' && res.k === 'result' && res.ok !== null) res = res.ok;
    if (typeof res === 'string' || res.k !== 'own') {
      return ctx.report(
        f.result !== null && typeof f.result !== 'string' && f.result.k === 'result'
          ? 'function should return `(own $T)` or `(result (own $T))`'
          : 'function should return `(own $T)`',
      );
    }
    const n = namesOf(res.r);
    if (n === undefined) ctx.report('resource used in function does not have a name in this context');
    else if (!n.has(parsed.resource))
      ctx.report(`function does not match expected resource name \`${[...n].join('`/`')}\``);
  } else if (parsed.kind === 'method') {
    const p = f.params[0];
    if (!p) return ctx.report('function should have at least one argument');
    if (p.name !== 'self') return ctx.report('function should have a first argument called `self`');
    if (typeof p.t === 'string' || p.t.k !== 'borrow')
      return ctx.report('function should take a first argument of `(borrow $T)`');
    const n = namesOf(p.t.r);
    if (n === undefined) ctx.report('resource used in function does not have a name in this context');
    else if (!n.has(parsed.resource))
      ctx.report(`function does not match expected resource name \`${[...n].join('`/`')}\``);
  } else if (parsed.kind === 'static') {
    if (![...names.values()].some((set) => set.has(parsed.resource)))
      ctx.report('static resource name is not known in this context');
  }
}

/** Resolve an alias (definition or declarator) and push its target. */
export function applyAlias(ctx: Ctx, s: Scope, a: Alias): void {
  const t = a.target;
  const sort = a.sort;
  if (t.kind === 'export') {
    const inst = ctx.inRange(s, 'instance', t.instance) ? s.instances[t.instance] : null;
    let ext: RExtern | undefined;
    if (inst) {
      ext = inst.exports.get(t.name);
      if (!ext) ctx.report(`instance ${t.instance} has no export named \`${t.name}\``);
      else if (ext.sort !== sort) {
        ctx.report(`export \`${t.name}\` for instance ${t.instance} is not a ${sort}`);
        ext = undefined;
      }
    }
    pushAliased(s, sort, ext ?? null);
    return;
  }
  if (t.kind === 'core-export') {
    const inst = ctx.inRange(s, 'core-instance', t.instance, 'core instance') ? s.coreInstances[t.instance] : null;
    let ext = null;
    if (!sort.startsWith('core-') || sort === 'core-type' || sort === 'core-module' || sort === 'core-instance') {
      ctx.report(`core export alias of sort ${sort} is not supported`);
    } else if (inst) {
      ext = inst.get(t.name) ?? null;
      if (!ext) ctx.report(`core instance ${t.instance} has no export named \`${t.name}\``);
      else if (`core-${['func', 'table', 'memory', 'global', 'tag'][ext.kind]}` !== sort) {
        ctx.report(`export \`${t.name}\` for core instance ${t.instance} is not a ${sort.slice(5)}`);
      }
    }
    s.pushCore(sort, ext);
    return;
  }
  // outer
  let target: Scope | null = s;
  for (let i = 0; i < t.count && target; i++) target = target.parent;
  if (!target) {
    ctx.report(`invalid outer alias count of ${t.count}`);
    pushAliased(s, sort, null);
    return;
  }
  if (!['type', 'core-type', 'core-module', 'component'].includes(sort)) {
    ctx.report(`outer aliases of sort ${sort} are not allowed`);
    pushAliased(s, sort, null);
    return;
  }
  if (!ctx.inRange(target, sort, t.index)) {
    pushAliased(s, sort, null);
    return;
  }
  if (sort === 'core-type') s.coreTypes.push(target.coreTypes[t.index]);
  else {
    if (sort === 'type' && t.count > 0) {
      const ty = target.types[t.index];
      // Crossing a component boundary may not capture a locally defined resource.
      let crosses = false;
      for (let sc: Scope | null = s, i = 0; sc && i < t.count; sc = sc.parent, i++)
        if (sc.kind === 'component') crosses = true;
      if (crosses && refersToResource(ty))
        ctx.report('outer alias across a component boundary of a type that transitively refers to resources');
    }
    s.pushExtern(target.externAt(sort, t.index) as RExtern);
  }
}

function pushAliased(s: Scope, sort: string, ext: RExtern | null): void {
  if (ext) {
    s.pushExtern(ext);
    return;
  }
  s.pushPlaceholder(sort as Sort);
}

// ------------------------------------------------------------------ substitution

/**
 * Replace resources per `subst` (instantiation with type arguments). `named`
 * maps named value types imported by the instantiated component to the
 * argument's (same structure, but the argument's identity, which matters for
 * external visibility).
 */
export function substExtern(e: RExtern, subst: ResourceSubst, named?: Map<object, RVal>): RExtern {
  if (subst.size === 0 && (named === undefined || named.size === 0)) return e;
  const memo = new Map<object, unknown>(named);
  const val = (v: RVal): RVal => {
    if (typeof v === 'string') return v;
    const m = memo.get(v);
    if (m) return m as RVal;
    let out: RVal;
    switch (v.k) {
      case 'own':
      case 'borrow':
        out = { k: v.k, r: subst.get(rootOf(v.r)) ?? v.r };
        break;
      case 'record':
        out = { k: 'record', fields: v.fields.map((f) => ({ name: f.name, t: val(f.t) })) };
        break;
      case 'variant':
        out = { k: 'variant', cases: v.cases.map((c) => ({ name: c.name, t: c.t && val(c.t) })) };
        break;
      case 'list':
        out = { k: 'list', e: val(v.e) };
        break;
      case 'fixed-list':
        out = { k: 'fixed-list', e: val(v.e), n: v.n };
        break;
      case 'tuple':
        out = { k: 'tuple', ts: v.ts.map(val) };
        break;
      case 'option':
        out = { k: 'option', t: val(v.t) };
        break;
      case 'result':
        out = { k: 'result', ok: v.ok && val(v.ok), err: v.err && val(v.err) };
        break;
      case 'stream':
      case 'future':
        out = { k: v.k, e: v.e && val(v.e) };
        break;
      case 'map':
        out = { k: 'map', key: val(v.key), value: val(v.value) };
        break;
      default:
        out = v;
    }
    memo.set(v, out);
    return out;
  };
  const func = (f: RFunc | null): RFunc | null =>
    f && {
      async: f.async,
      params: f.params.map((p) => ({ name: p.name, t: val(p.t) })),
      result: f.result && val(f.result),
    };
  const res = (r: RResource): RResource => subst.get(rootOf(r)) ?? r;
  const inst = (i: RInstance | null): RInstance | null =>
    i && { exports: mapExterns(i.exports), defined: i.defined?.map(res) };
  const comp = (c: RComponent | null): RComponent | null =>
    c && { imports: mapExterns(c.imports), exports: mapExterns(c.exports), defined: c.defined?.map(res) };
  const type = (t: RType): RType => {
    switch (t.tag) {
      case 'resource':
        return { tag: 'resource', r: subst.get(rootOf(t.r)) ?? t.r };
      case 'val':
        return { tag: 'val', v: val(t.v) };
      case 'func':
        return { tag: 'func', f: func(t.f)! };
      case 'instance':
        return { tag: 'instance', i: inst(t.i)! };
      case 'component':
        return { tag: 'component', c: comp(t.c)! };
      default:
        return t;
    }
  };
  const ext = (x: RExtern): RExtern => {
    switch (x.sort) {
      case 'func':
        return { sort: 'func', f: func(x.f) };
      case 'value':
        return { sort: 'value', v: val(x.v) };
      case 'type':
        return { sort: 'type', t: type(x.t) };
      case 'instance':
        return { sort: 'instance', i: inst(x.i) };
      case 'component':
        return { sort: 'component', c: comp(x.c) };
      default:
        return x;
    }
  };
  const mapExterns = (m: Map<string, RExtern>): Map<string, RExtern> => new Map([...m].map(([k, v]) => [k, ext(v)]));
  return ext(e);
}

/**
 * Give an imported instance (or component) fresh copies of the resources its
 * type defines, so two imports of the same instance type do not share them.
 */
export function freshen(ext: RExtern, fresh: () => RResource): RExtern {
  const defined = ext.sort === 'instance' ? ext.i?.defined : ext.sort === 'component' ? ext.c?.defined : undefined;
  if (!defined || defined.length === 0) return ext;
  const subst: ResourceSubst = new Map();
  for (const r of defined) subst.set(rootOf(r), fresh());
  return substExtern(ext, subst);
}

/** Does a type transitively mention a resource (own/borrow or a resource itself)? */
function refersToResource(t: RType): boolean {
  const seen = new Set<object>();
  const val = (v: RVal | null): boolean => {
    if (v === null || typeof v === 'string' || seen.has(v)) return false;
    seen.add(v);
    switch (v.k) {
      case 'own':
      case 'borrow':
        return true;
      case 'record':
        return v.fields.some((f) => val(f.t));
      case 'variant':
        return v.cases.some((c) => val(c.t));
      case 'list':
      case 'fixed-list':
      case 'stream':
      case 'future':
        return val(v.e);
      case 'tuple':
        return v.ts.some(val);
      case 'option':
        return val(v.t);
      case 'result':
        return val(v.ok) || val(v.err);
      case 'map':
        return val(v.key) || val(v.value);
      default:
        return false;
    }
  };
  const ext = (x: RExtern): boolean => {
    switch (x.sort) {
      case 'func':
        return !!x.f && (x.f.params.some((p) => val(p.t)) || val(x.f.result));
      case 'value':
        return val(x.v);
      case 'type':
        return refersToResource(x.t);
      case 'instance':
        return !!x.i && [...x.i.exports.values()].some(ext);
      case 'component':
        return !!x.c && ([...x.c.imports.values()].some(ext) || [...x.c.exports.values()].some(ext));
      default:
        return false;
    }
  };
  switch (t.tag) {
    case 'resource':
      return true;
    case 'val':
      return val(t.v);
    case 'func':
      return ext({ sort: 'func', f: t.f });
    case 'instance':
      return ext({ sort: 'instance', i: t.i });
    case 'component':
      return ext({ sort: 'component', c: t.c });
    default:
      return false;
  }
}
