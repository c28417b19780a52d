// `toWasmToolsJson`: the `Resolve` as the plain JSON object wasm-tools'
// serde serialization produces (`wasm-tools component wit --json`). Key order
// and omission rules follow its derive attributes: empty docs and unknown
// stability are left out, a missing function result is left out, optional
// types inside type kinds are `null`, interface keys print as `interface-N`.

import type {
  Docs,
  Function,
  Resolve,
  Stability,
  TypeDef,
  TypeDefKind,
  TypeOwner,
  TypeRef,
  World,
  WorldItem,
} from './types.js';
import { packageNameString } from './types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

function withDocs(out: Obj, docs: Docs): void {
  if (docs.contents !== undefined) out.docs = { contents: docs.contents };
}

function stability(s: Stability): Json {
  if (s.kind === 'stable') {
    const inner: Obj = { since: s.since };
    if (s.deprecated !== undefined) inner.deprecated = s.deprecated;
    return { stable: inner };
  }
  if (s.kind === 'unstable') {
    const inner: Obj = { feature: s.feature };
    if (s.deprecated !== undefined) inner.deprecated = s.deprecated;
    return { unstable: inner };
  }
  return null;
}

function withStability(out: Obj, s: Stability): void {
  if (s.kind !== 'unknown') out.stability = stability(s);
}

const ref = (t: TypeRef | undefined): Json => (t === undefined ? null : t);

function kind(k: TypeDefKind): Json {
  switch (k.kind) {
    case 'record': {
      const fields = k.fields.map((f) => {
        const o: Obj = { name: f.name, type: f.type };
        withDocs(o, f.docs);
        return o;
      });
      return { record: { fields } };
    }
    case 'resource':
      return 'resource';
    case 'handle':
      return { handle: { [k.handle]: k.resource } };
    case 'flags':
      return {
        flags: {
          flags: k.flags.map((f) => {
            const o: Obj = { name: f.name };
            withDocs(o, f.docs);
            return o;
          }),
        },
      };
    case 'tuple':
      return { tuple: { types: k.types } };
    case 'variant':
      return {
        variant: {
          cases: k.cases.map((c) => {
            const o: Obj = { name: c.name, type: ref(c.type) };
            withDocs(o, c.docs);
            return o;
          }),
        },
      };
    case 'enum':
      return {
        enum: {
          cases: k.cases.map((c) => {
            const o: Obj = { name: c.name };
            withDocs(o, c.docs);
            return o;
          }),
        },
      };
    case 'option':
      return { option: k.type };
    case 'result':
      return { result: { ok: ref(k.ok), err: ref(k.err) } };
    case 'list':
      return { list: k.element };
    case 'fixed-length-list':
      return { 'fixed-length-list': [k.element, k.size] };
    case 'map':
      return { map: [k.key, k.value] };
    case 'future':
      return { future: ref(k.type) };
    case 'stream':
      return { stream: ref(k.type) };
    case 'type':
      return { type: k.type };
    case 'unknown':
      return 'unknown';
  }
}

function owner(o: TypeOwner): Json {
  if (o === null) return null;
  return 'interface' in o ? { interface: o.interface } : { world: o.world };
}

function typeDef(t: TypeDef): Obj {
  const out: Obj = { name: t.name ?? null, kind: kind(t.kind), owner: owner(t.owner) };
  withDocs(out, t.docs);
  withStability(out, t.stability);
  return out;
}

function func(f: Function): Obj {
  const k = f.kind;
  const out: Obj = {
    name: f.name,
    kind: 'resource' in k ? { [k.kind]: k.resource } : k.kind,
    params: f.params.map((p) => ({ name: p.name, type: p.type })),
  };
  if (f.result !== undefined) out.result = f.result;
  withDocs(out, f.docs);
  withStability(out, f.stability);
  return out;
}

function worldItem(item: WorldItem): Json {
  if (item.kind === 'interface') {
    const inner: Obj = { id: item.id };
    withStability(inner, item.stability);
    return { interface: inner };
  }
  if (item.kind === 'function') return { function: func(item.function) };
  return { type: item.id };
}

function world(w: World): Obj {
  const items = (m: World['imports']) => {
    const o: Obj = {};
    for (const [k, { item }] of m) o[k] = worldItem(item);
    return o;
  };
  const out: Obj = { name: w.name, imports: items(w.imports), exports: items(w.exports), package: w.package ?? null };
  withDocs(out, w.docs);
  withStability(out, w.stability);
  return out;
}

const idMap = (m: Map<string, number>): Obj => Object.fromEntries(m);

export function toWasmToolsJson(resolve: Resolve): Obj {
  return {
    worlds: resolve.worlds.map(world),
    interfaces: resolve.interfaces.map((i) => {
      const out: Obj = { name: i.name ?? null, types: idMap(i.types), functions: {} };
      const fns = out.functions as Obj;
      for (const [name, f] of i.functions) fns[name] = func(f);
      withDocs(out, i.docs);
      withStability(out, i.stability);
      out.package = i.package ?? null;
      return out;
    }),
    types: resolve.types.map(typeDef),
    packages: resolve.packages.map((p) => {
      const out: Obj = { name: packageNameString(p.name) };
      withDocs(out, p.docs);
      out.interfaces = idMap(p.interfaces);
      out.worlds = idMap(p.worlds);
      return out;
    }),
  };
}
