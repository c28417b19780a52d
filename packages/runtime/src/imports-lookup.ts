// Host imports → index-space items. Lookup follows jco so the same host
// object works with both: interfaces by full name with or without
// `@version` ('wasi:cli/stdout' satisfies 'wasi:cli/stdout@0.2.3'),
// functions by kebab or camelCase name (world-level functions may also be
// `{ default: fn }`), resources as the host's JS classes in PascalCase,
// methods/statics/constructors on those classes.
import { toCamelCase } from '@wit-ts/abi';
import type { ExternType, Import, InstanceDecl } from '@wit-ts/component';
import { LinkError } from './errors.js';
import { Scope, itemOf, type HostFunc, type RtInstance, type RtItem, type TypeEntry } from './index-spaces.js';
import { hostResourceType, pascalCase } from './resources.js';
import { funcType, typeEntry } from './types-from-model.js';

export type HostImports = Record<string, unknown>;

/** Drops a trailing `@version` from an interface name. */
export function unversioned(name: string): string {
  const at = name.lastIndexOf('@');
  return at > 0 ? name.slice(0, at) : name;
}

function lookup(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  const bare = unversioned(name);
  if (bare in obj) return obj[bare];
  const camel = toCamelCase(bare);
  if (camel in obj) return obj[camel];
  // A versioned key for an unversioned or differently versioned request.
  for (const k of Object.keys(obj)) if (unversioned(k) === bare) return obj[k];
  return undefined;
}

/** Resolves a top-level import of the root component from the host's import object. */
export function resolveHostImport(imports: HostImports, imp: Import, scope: Scope): RtItem {
  const name = imp.name.name;
  const t = imp.type;
  switch (t.kind) {
    case 'instance': {
      const obj = lookup(imports, name);
      if (obj === undefined || obj === null || typeof obj !== 'object')
        throw new LinkError(`missing import: instance '${name}' (pass it in the imports object)`);
      return itemOf('instance', hostInstance(obj as Record<string, unknown>, name, typeEntry(scope, t.type)));
    }
    case 'func': {
      let fn = lookup(imports, name);
      if (fn !== null && typeof fn === 'object' && typeof (fn as { default?: unknown }).default === 'function')
        fn = (fn as { default: unknown }).default;
      return itemOf('func', hostFunc(name, funcType(scope, t.type), fn, imports));
    }
    case 'type':
      return itemOf('type', hostType(imports, name, t, scope));
    default:
      throw new LinkError(`import '${name}': importing a ${t.kind} from the host is not supported`);
  }
}

function hostType(
  obj: Record<string, unknown>,
  name: string,
  t: ExternType & { kind: 'type' },
  scope: Scope,
): TypeEntry {
  if (t.bound.kind === 'eq') return typeEntry(scope, t.bound.index);
  const cls = obj[pascalCase(name)] ?? obj[name];
  const { rt, host } = hostResourceType(
    name,
    typeof cls === 'function' ? (cls as abstract new (...a: never[]) => unknown) : undefined,
  );
  return { kind: 'resource', rt, host };
}

/** Builds the instance a host object provides, following the imported instance type. */
function hostInstance(obj: Record<string, unknown>, name: string, it: TypeEntry): RtInstance {
  if (it.kind !== 'def' || it.def.kind !== 'instance')
    throw new LinkError(`import '${name}' is not typed as an instance`);
  // The instance type's own declarations live in a child scope of the scope
  // the type was defined in, which is where its `alias outer` indices point.
  const s = new Scope(it.scope);
  const exports = new Map<string, RtItem>();
  for (const d of it.def.decls) declare(s, d, obj, exports, name);
  return { kind: 'instance', exports };
}

function declare(
  s: Scope,
  d: InstanceDecl,
  obj: Record<string, unknown>,
  exports: Map<string, RtItem>,
  iface: string,
): void {
  switch (d.kind) {
    case 'core-type':
      s.coreTypes.push(d.type);
      return;
    case 'type':
      s.types.push({ kind: 'def', def: d.type, scope: s });
      return;
    case 'alias': {
      const a = d.alias;
      if (a.target.kind !== 'outer')
        throw new LinkError(`instance type of '${iface}': only outer aliases are supported`);
      s.space(a.sort).push(s.outer(a.target.count).get(a.sort, a.target.index));
      return;
    }
    case 'export': {
      const n = d.name.name;
      const t = d.type;
      if (t.kind === 'func') {
        const f = hostFunc(n, funcType(s, t.type), undefined, obj, iface);
        s.funcs.push(f);
        exports.set(n, itemOf('func', f));
      } else if (t.kind === 'type') {
        const e = hostType(obj, n, t, s);
        s.types.push(e);
        exports.set(n, itemOf('type', e));
      } else if (t.kind === 'instance') {
        const sub = lookup(obj, n);
        if (sub === null || typeof sub !== 'object') throw new LinkError(`missing import: instance '${iface}/${n}'`);
        const i = hostInstance(sub as Record<string, unknown>, n, typeEntry(s, t.type));
        s.instances.push(i);
        exports.set(n, itemOf('instance', i));
      } else {
        throw new LinkError(`instance type of '${iface}': exports of kind ${t.kind} are not supported`);
      }
      return;
    }
  }
}

const RESOURCE_FN = /^\[(constructor|method|static)\]([^.]+)(?:\.(.+))?$/;

/**
 * A host function for import `name`. `direct` is the value found for a
 * world-level function; interface functions are looked up in `obj`.
 * A missing function only fails when called (WASI worlds import far more
 * than most guests use), with a LinkError naming it.
 */
function hostFunc(
  name: string,
  sig: HostFunc['sig'],
  direct: unknown,
  obj: Record<string, unknown>,
  iface?: string,
): HostFunc {
  const m = RESOURCE_FN.exec(name);
  const where = iface === undefined ? `'${name}'` : `'${iface}#${name}'`;
  const missing = () => {
    throw new LinkError(`missing import: function ${where}`);
  };
  if (m !== null) {
    const [, kind, res, member] = m;
    const cls = obj[pascalCase(res)] as (new (...a: unknown[]) => unknown) & Record<string, unknown>;
    if (typeof cls !== 'function') return { kind: 'host', name, sig, fn: missing, method: false };
    if (kind === 'constructor') return { kind: 'host', name, sig, fn: (...a) => new cls(...a), method: false };
    const js = toCamelCase(member);
    if (kind === 'static') {
      const f = cls[js];
      return {
        kind: 'host',
        name,
        sig,
        fn: typeof f === 'function' ? (f.bind(cls) as HostFunc['fn']) : missing,
        method: false,
      };
    }
    // Dynamic dispatch on the receiver, so subclasses' overrides are used.
    const fn = function (this: Record<string, (...a: unknown[]) => unknown>, ...a: unknown[]): unknown {
      const f = this[js];
      if (typeof f !== 'function') missing();
      return f.apply(this, a);
    };
    return { kind: 'host', name, sig, fn, method: true };
  }
  const f = iface === undefined ? direct : lookup(obj, name);
  return { kind: 'host', name, sig, fn: typeof f === 'function' ? (f as HostFunc['fn']) : missing, method: false };
}
