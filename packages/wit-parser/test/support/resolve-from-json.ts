// Test-only: rebuilds our `Resolve` from wasm-tools' serde JSON of a
// `Resolve` (the `X.wit.json` files of the wit-parser ui corpus), so the
// printer can be exercised on real resolved models independently of our own
// parser and resolver.

import type {
  Docs,
  Function,
  FunctionKind,
  Interface,
  Package,
  PackageName,
  Resolve,
  Stability,
  TypeDef,
  TypeDefKind,
  TypeOwner,
  TypeRef,
  World,
  WorldItem,
  WorldKey,
} from '../../src/resolve/types.js';

type Json = any;

const ref = (t: Json): TypeRef => t as TypeRef;
const optRef = (t: Json): TypeRef | undefined => (t === null || t === undefined ? undefined : ref(t));

function docs(j: Json): Docs {
  return j?.contents === undefined || j.contents === null ? {} : { contents: j.contents };
}

function stability(j: Json): Stability {
  if (j === undefined || j === null || j === 'unknown') return { kind: 'unknown' };
  if ('stable' in j) {
    const s: Stability = { kind: 'stable', since: j.stable.since };
    if (j.stable.deprecated != null) s.deprecated = j.stable.deprecated;
    return s;
  }
  const s: Stability = { kind: 'unstable', feature: j.unstable.feature };
  if (j.unstable.deprecated != null) s.deprecated = j.unstable.deprecated;
  return s;
}

function typeKind(j: Json): TypeDefKind {
  if (j === 'resource') return { kind: 'resource' };
  if (j === 'unknown') return { kind: 'unknown' };
  const [tag] = Object.keys(j);
  const v = j[tag];
  switch (tag) {
    case 'record':
      return {
        kind: 'record',
        fields: v.fields.map((f: Json) => ({ name: f.name, type: ref(f.type), docs: docs(f.docs) })),
      };
    case 'handle': {
      const own = 'own' in v;
      return { kind: 'handle', handle: own ? 'own' : 'borrow', resource: own ? v.own : v.borrow };
    }
    case 'flags':
      return { kind: 'flags', flags: v.flags.map((f: Json) => ({ name: f.name, docs: docs(f.docs) })) };
    case 'tuple':
      return { kind: 'tuple', types: v.types.map(ref) };
    case 'variant':
      return {
        kind: 'variant',
        cases: v.cases.map((c: Json) => {
          const t = optRef(c.type);
          return t === undefined ? { name: c.name, docs: docs(c.docs) } : { name: c.name, type: t, docs: docs(c.docs) };
        }),
      };
    case 'enum':
      return { kind: 'enum', cases: v.cases.map((c: Json) => ({ name: c.name, docs: docs(c.docs) })) };
    case 'option':
      return { kind: 'option', type: ref(v) };
    case 'result': {
      const k: TypeDefKind = { kind: 'result' };
      const ok = optRef(v.ok);
      const err = optRef(v.err);
      if (ok !== undefined) k.ok = ok;
      if (err !== undefined) k.err = err;
      return k;
    }
    case 'list':
      return { kind: 'list', element: ref(v) };
    case 'fixed-length-list':
      return { kind: 'fixed-length-list', element: ref(v[0]), size: v[1] };
    case 'map':
      return { kind: 'map', key: ref(v[0]), value: ref(v[1]) };
    case 'future':
    case 'stream': {
      const t = optRef(v);
      return t === undefined ? { kind: tag } : { kind: tag, type: t };
    }
    case 'type':
      return { kind: 'type', type: ref(v) };
    default:
      throw new Error(`unknown type kind ${tag}`);
  }
}

function owner(j: Json): TypeOwner {
  if (j === null || j === undefined) return null;
  return 'interface' in j ? { interface: j.interface } : { world: j.world };
}

function functionKind(j: Json): FunctionKind {
  if (typeof j === 'string') {
    if (j === 'freestanding' || j === 'async-freestanding') return { kind: j };
    throw new Error(`unknown function kind ${j}`);
  }
  const [tag] = Object.keys(j);
  return { kind: tag, resource: j[tag] } as FunctionKind;
}

function func(j: Json): Function {
  const f: Function = {
    name: j.name,
    kind: functionKind(j.kind),
    params: j.params.map((p: Json) => ({ name: p.name, type: ref(p.type) })),
    docs: docs(j.docs),
    stability: stability(j.stability),
  };
  const result = optRef(j.result);
  if (result !== undefined) f.result = result;
  return f;
}

function worldKey(k: string): WorldKey {
  const m = /^interface-(\d+)$/.exec(k);
  return m ? { interface: Number(m[1]) } : { name: k };
}

function worldItem(j: Json): WorldItem {
  if ('interface' in j) {
    const item: WorldItem = { kind: 'interface', id: j.interface.id, stability: stability(j.interface.stability) };
    // Docs written on an `import`/`export` statement itself (newer wasm-tools).
    if (j.interface.docs?.contents != null) Object.assign(item, { docs: docs(j.interface.docs) });
    return item;
  }
  if ('function' in j) return { kind: 'function', function: func(j.function) };
  return { kind: 'type', id: j.type };
}

function worldItems(j: Json): World['imports'] {
  const map: World['imports'] = new Map();
  for (const [k, v] of Object.entries(j ?? {})) map.set(k, { key: worldKey(k), item: worldItem(v) });
  return map;
}

export function parsePackageName(s: string): PackageName {
  const m = /^([^:]+):([^@]+)(?:@(.+))?$/.exec(s);
  if (!m) throw new Error(`bad package name ${s}`);
  return m[3] === undefined ? { namespace: m[1], name: m[2] } : { namespace: m[1], name: m[2], version: m[3] };
}

const entries = (j: Json): Map<string, number> => new Map(Object.entries(j ?? {}) as [string, number][]);

export function resolveFromJson(j: Json, features: Iterable<string> = []): Resolve {
  const types: TypeDef[] = j.types.map((t: Json) => {
    const def: TypeDef = {
      kind: typeKind(t.kind),
      owner: owner(t.owner),
      docs: docs(t.docs),
      stability: stability(t.stability),
    };
    if (t.name !== null && t.name !== undefined) def.name = t.name;
    return def;
  });
  const interfaces: Interface[] = j.interfaces.map((i: Json) => {
    const iface: Interface = {
      types: entries(i.types),
      functions: new Map(Object.entries(i.functions ?? {}).map(([k, f]) => [k, func(f)])),
      docs: docs(i.docs),
      stability: stability(i.stability),
    };
    if (i.name !== null && i.name !== undefined) iface.name = i.name;
    if (i.package !== null && i.package !== undefined) iface.package = i.package;
    return iface;
  });
  const worlds: World[] = j.worlds.map((w: Json) => {
    const world: World = {
      name: w.name,
      imports: worldItems(w.imports),
      exports: worldItems(w.exports),
      docs: docs(w.docs),
      stability: stability(w.stability),
    };
    if (w.package !== null && w.package !== undefined) world.package = w.package;
    return world;
  });
  const packages: Package[] = j.packages.map((p: Json) => ({
    name: parsePackageName(p.name),
    docs: docs(p.docs),
    interfaces: entries(p.interfaces),
    worlds: entries(p.worlds),
  }));
  return {
    worlds,
    interfaces,
    types,
    packages,
    packageNames: new Map(j.packages.map((p: Json, i: number) => [p.name, i])),
    features: new Set(features),
    allFeatures: false,
  };
}
