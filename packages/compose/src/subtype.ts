// Subtype checks between items of the shared `Resolve`: does `provided`
// (an instantiation argument, a plug's export) satisfy `expected` (the
// import)? Returns a reason when it does not. Component-model subtyping of
// functions is (nearly) type equality, instances are width-subtyped: the
// provider may have more exports than the import asks for.

import type { Function, Resolve, TypeRef, WorldItem } from '@wit-ts/wit-parser';
import { namesCompatible, type ItemType } from './graph.js';
import { dealias, describeFunc, describeType, interfaceName } from './resolve-util.js';

export function checkSubtype(r: Resolve, provided: WorldItem, expected: WorldItem): string | undefined {
  if (provided.kind !== expected.kind) return `expected ${kindName(expected)}, found ${kindName(provided)}`;
  if (provided.kind === 'function' && expected.kind === 'function')
    return checkFunc(r, provided.function, expected.function);
  if (provided.kind === 'type' && expected.kind === 'type')
    return sameType(r, provided.id, expected.id, new Set()) ? undefined : `type mismatch`;
  if (provided.kind === 'interface' && expected.kind === 'interface') {
    if (provided.id === expected.id) return undefined;
    const p = r.interfaces[provided.id];
    const e = r.interfaces[expected.id];
    for (const [name, t] of e.types) {
      const pt = p.types.get(name);
      if (pt === undefined) return `instance is missing expected type export \`${name}\``;
      if (!sameType(r, pt, t, new Set()))
        return `mismatched type for export \`${name}\`: expected ${describeType(r, t)}, found ${describeType(r, pt)}`;
    }
    for (const [name, f] of e.functions) {
      const pf = p.functions.get(name);
      if (pf === undefined) return `instance is missing expected function export \`${name}\``;
      const why = checkFunc(r, pf, f);
      if (why !== undefined) return `mismatched type for export \`${name}\`: ${why}`;
    }
  }
  return undefined;
}

function kindName(i: WorldItem): string {
  return i.kind === 'function' ? 'function' : i.kind === 'type' ? 'type' : 'instance';
}

function checkFunc(r: Resolve, p: Function, e: Function): string | undefined {
  const mismatch = () => `expected \`${describeFunc(r, e)}\`, found \`${describeFunc(r, p)}\``;
  if (p.kind.kind.startsWith('async') !== e.kind.kind.startsWith('async')) return mismatch();
  if (p.params.length !== e.params.length) return mismatch();
  for (let i = 0; i < p.params.length; i++) {
    if (p.params[i].name !== e.params[i].name || !sameType(r, p.params[i].type, e.params[i].type, new Set()))
      return mismatch();
  }
  if ((p.result === undefined) !== (e.result === undefined)) return mismatch();
  if (p.result !== undefined && !sameType(r, p.result, e.result!, new Set())) return mismatch();
  return undefined;
}

/** Resources are equal when they are the same type or the same name in the same-named interface. */
function sameResource(r: Resolve, a: number, b: number): boolean {
  a = dealias(r, a) as number;
  b = dealias(r, b) as number;
  if (a === b) return true;
  const ta = r.types[a];
  const tb = r.types[b];
  if (ta.name !== tb.name) return false;
  const oa = ta.owner;
  const ob = tb.owner;
  if (oa !== null && ob !== null && 'interface' in oa && 'interface' in ob) {
    const na = interfaceName(r, oa.interface);
    const nb = interfaceName(r, ob.interface);
    // Anonymous interfaces (plain-named imports) carry no identity: compare by name.
    return na === undefined || nb === undefined || namesCompatible(na, nb);
  }
  return true;
}

export function sameType(r: Resolve, a: TypeRef, b: TypeRef, seen: Set<string>): boolean {
  a = dealias(r, a);
  b = dealias(r, b);
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === b) return true;
  const key = `${a},${b}`;
  if (seen.has(key)) return true;
  seen.add(key);
  const ka = r.types[a].kind;
  const kb = r.types[b].kind;
  if (ka.kind !== kb.kind) return false;
  const same = (x: TypeRef | undefined, y: TypeRef | undefined) =>
    x === undefined || y === undefined ? x === y : sameType(r, x, y, seen);
  switch (ka.kind) {
    case 'resource':
      return sameResource(r, a, b);
    case 'handle': {
      const hb = kb as typeof ka;
      return ka.handle === hb.handle && sameResource(r, ka.resource, hb.resource);
    }
    case 'record': {
      const fb = (kb as typeof ka).fields;
      return (
        ka.fields.length === fb.length && ka.fields.every((f, i) => f.name === fb[i].name && same(f.type, fb[i].type))
      );
    }
    case 'variant': {
      const cb = (kb as typeof ka).cases;
      return (
        ka.cases.length === cb.length && ka.cases.every((c, i) => c.name === cb[i].name && same(c.type, cb[i].type))
      );
    }
    case 'enum': {
      const cb = (kb as typeof ka).cases;
      return ka.cases.length === cb.length && ka.cases.every((c, i) => c.name === cb[i].name);
    }
    case 'flags': {
      const fb = (kb as typeof ka).flags;
      return ka.flags.length === fb.length && ka.flags.every((c, i) => c.name === fb[i].name);
    }
    case 'tuple': {
      const tb = (kb as typeof ka).types;
      return ka.types.length === tb.length && ka.types.every((t, i) => same(t, tb[i]));
    }
    case 'option':
      return same(ka.type, (kb as typeof ka).type);
    case 'list':
      return same(ka.element, (kb as typeof ka).element);
    case 'fixed-length-list':
      return ka.size === (kb as typeof ka).size && same(ka.element, (kb as typeof ka).element);
    case 'result':
      return same(ka.ok, (kb as typeof ka).ok) && same(ka.err, (kb as typeof ka).err);
    case 'map':
      return same(ka.key, (kb as typeof ka).key) && same(ka.value, (kb as typeof ka).value);
    case 'future':
    case 'stream':
      return same(ka.type, (kb as typeof ka).type);
    default:
      return false;
  }
}

/** Does `provided` (a graph item) satisfy import `expected`? A reason when not. */
export function checkItem(r: Resolve, provided: ItemType, expected: WorldItem): string | undefined {
  if (expected.kind === 'function') {
    if (provided.kind !== 'func') return `expected function, found ${provided.kind === 'type' ? 'type' : 'instance'}`;
    return checkFunc(r, provided.func, expected.function);
  }
  if (expected.kind === 'type') {
    if (provided.kind !== 'type') return `expected type, found ${provided.kind === 'func' ? 'function' : 'instance'}`;
    return sameType(r, provided.id, expected.id, new Set())
      ? undefined
      : `expected type \`${describeType(r, expected.id)}\`, found \`${describeType(r, provided.id)}\``;
  }
  if (provided.kind !== 'instance') return `expected instance, found ${provided.kind === 'func' ? 'function' : 'type'}`;
  if (provided.iface !== undefined)
    return checkSubtype(r, { kind: 'interface', id: provided.iface, stability: { kind: 'unknown' } }, expected);
  const e = r.interfaces[expected.id];
  for (const [name, t] of e.types) {
    const p = provided.exports.get(name);
    if (p === undefined || p.kind !== 'type') return `instance is missing expected type export \`${name}\``;
    if (!sameType(r, p.id, t, new Set()))
      return `mismatched type for export \`${name}\`: expected \`${describeType(r, t)}\`, found \`${describeType(r, p.id)}\``;
  }
  for (const [name, f] of e.functions) {
    const p = provided.exports.get(name);
    if (p === undefined) return `instance is missing expected function export \`${name}\``;
    if (p.kind !== 'func') return `mismatched type for export \`${name}\`: expected function, found ${p.kind}`;
    const why = checkFunc(r, p.func, f);
    if (why !== undefined) return `mismatched type for export \`${name}\`: ${why}`;
  }
  return undefined;
}
