// The exports object handed to the host, shaped like jco's: each exported
// interface under its full name ('ns:pkg/iface@1.0.0') and under its
// camelCase short name ('iface'), world-level functions camelCase at the
// top level, resources as classes (PascalCase) with constructor, methods
// and statics.
import { toCamelCase } from '@wit-ts/abi';
import type { ResourceType } from '@wit-ts/abi';
import { hostEntry, hostMethod } from './canon-lift.js';
import type { RtFunc, RtInstance, TypeEntry } from './index-spaces.js';
import { guestClass, pascalCase, setGuestConstructor } from './resources.js';

export type Exports = Record<string, unknown>;

/** `ns:pkg/iface@1.0.0` → `iface`; plain names are returned unchanged. */
export function shortName(name: string): string {
  let s = name;
  const at = s.lastIndexOf('@');
  if (at > 0) s = s.slice(0, at);
  const slash = s.lastIndexOf('/');
  if (slash >= 0) s = s.slice(slash + 1);
  const colon = s.lastIndexOf(':');
  if (colon >= 0) s = s.slice(colon + 1);
  return s;
}

export function shapeExports(root: RtInstance): Exports {
  const out: Exports = {};
  const rootFuncs: [string, RtFunc][] = [];
  const rootTypes: [string, TypeEntry][] = [];
  for (const [name, it] of root.exports) {
    if (it.sort === 'instance') {
      const obj = shapeInstance(it.value);
      out[name] = obj;
      const short = toCamelCase(shortName(name));
      if (!(short in out)) out[short] = obj;
    } else if (it.sort === 'func') {
      rootFuncs.push([name, it.value]);
    } else if (it.sort === 'type') {
      rootTypes.push([name, it.value]);
    }
  }
  // World-level resources and functions use the same shaping as an interface.
  Object.assign(out, shapeMembers(rootFuncs, rootTypes));
  return out;
}

function shapeInstance(i: RtInstance): Exports {
  const funcs: [string, RtFunc][] = [];
  const types: [string, TypeEntry][] = [];
  const nested: Exports = {};
  for (const [name, it] of i.exports) {
    if (it.sort === 'func') funcs.push([name, it.value]);
    else if (it.sort === 'type') types.push([name, it.value]);
    else if (it.sort === 'instance') nested[toCamelCase(name)] = shapeInstance(it.value);
  }
  return Object.assign(nested, shapeMembers(funcs, types));
}

const RESOURCE_FN = /^\[(constructor|method|static)\]([^.]+)(?:\.(.+))?$/;

function callable(f: RtFunc): (...args: unknown[]) => unknown {
  if (f.kind === 'lifted') return hostEntry(f);
  // A host import re-exported unchanged.
  const fn = f.fn;
  return f.method ? (self: unknown, ...a: unknown[]) => fn.apply(self, a) : fn;
}

function shapeMembers(funcs: [string, RtFunc][], types: [string, TypeEntry][]): Exports {
  const out: Exports = {};
  const resources = new Map<string, ResourceType>();
  for (const [name, e] of types) {
    if (e.kind !== 'resource') continue;
    resources.set(name, e.rt);
    const cls = e.host?.cls ?? guestClass(e.rt, name);
    out[pascalCase(name)] = cls;
  }
  for (const [name, f] of funcs) {
    const m = RESOURCE_FN.exec(name);
    if (m === null) {
      out[toCamelCase(name)] = callable(f);
      continue;
    }
    const [, kind, res, member] = m;
    const { params, result } = f.sig.ft;
    let rt = resources.get(res);
    if (rt === undefined && kind === 'constructor' && result !== undefined && result.kind === 'own')
      rt = result.resource;
    if (rt === undefined && kind === 'method' && params[0] !== undefined && params[0].kind === 'borrow')
      rt = params[0].resource;
    if (rt === undefined) {
      out[toCamelCase(name)] = callable(f);
      continue;
    }
    const cls = guestClass(rt, res) as unknown as Record<string, unknown> & { prototype: Record<string, unknown> };
    out[pascalCase(res)] ??= cls;
    if (kind === 'method' && f.kind === 'lifted') {
      cls.prototype[toCamelCase(member)] = hostMethod(f);
      continue;
    }
    const entry = callable(f);
    if (kind === 'constructor') setGuestConstructor(rt, entry);
    else if (kind === 'static') cls[toCamelCase(member)] = entry;
    else
      cls.prototype[toCamelCase(member)] = function (this: unknown, ...a: unknown[]): unknown {
        return entry(this, ...a);
      };
  }
  return out;
}
