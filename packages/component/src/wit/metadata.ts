/**
 * The `package-docs` custom section: docs and stability of a WIT package,
 * as a version byte (1; 0 accepted on decode) followed by JSON, with the
 * field names and order wit-component uses.
 */
import type { Docs, Function, Resolve, Stability, TypeDef } from '@wit-ts/wit-parser';
import { WitDecodeError } from './errors.js';
import { nameWorldKey } from './resolve-util.js';

type Obj = { [k: string]: unknown };

export const PACKAGE_DOCS_SECTION = 'package-docs';

function stabilityJson(s: Stability): Obj | undefined {
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
  return undefined;
}

function parseStability(j: unknown): Stability {
  if (j === undefined || j === null || j === 'unknown') return { kind: 'unknown' };
  const o = j as Obj;
  if (o.stable !== undefined) {
    const s = o.stable as Obj;
    const out: Stability = { kind: 'stable', since: String(s.since) };
    if (typeof s.deprecated === 'string') out.deprecated = s.deprecated;
    return out;
  }
  if (o.unstable !== undefined) {
    const s = o.unstable as Obj;
    const out: Stability = { kind: 'unstable', feature: String(s.feature) };
    if (typeof s.deprecated === 'string') out.deprecated = s.deprecated;
    return out;
  }
  return { kind: 'unknown' };
}

/** Builds an object leaving out undefined values and empty maps. */
function obj(entries: [string, unknown][]): Obj | undefined {
  const out: Obj = {};
  let any = false;
  for (const [k, v] of entries) {
    if (v === undefined) continue;
    if (typeof v === 'object' && v !== null && Object.keys(v).length === 0) continue;
    out[k] = v;
    any = true;
  }
  return any ? out : undefined;
}

function typeMeta(resolve: Resolve, id: number): Obj | undefined {
  const t = resolve.types[id];
  const items: Obj = {};
  const k = t.kind;
  const list: { name: string; docs: Docs }[] =
    k.kind === 'record'
      ? k.fields
      : k.kind === 'flags'
        ? k.flags
        : k.kind === 'variant'
          ? k.cases
          : k.kind === 'enum'
            ? k.cases
            : [];
  for (const it of list) if (it.docs.contents !== undefined) items[it.name] = it.docs.contents;
  return obj([
    ['docs', t.docs.contents],
    ['stability', stabilityJson(t.stability)],
    ['items', items],
  ]);
}

function funcMeta(f: Function): Obj | undefined {
  return obj([
    ['docs', f.docs.contents],
    ['stability', stabilityJson(f.stability)],
  ]);
}

function interfaceMeta(resolve: Resolve, id: number): Obj | undefined {
  const i = resolve.interfaces[id];
  const funcs: Obj = {};
  for (const [name, f] of i.functions) {
    const m = funcMeta(f);
    if (m !== undefined) funcs[name] = m;
  }
  const types: Obj = {};
  for (const [name, t] of i.types) {
    const m = typeMeta(resolve, t);
    if (m !== undefined) types[name] = m;
  }
  return obj([
    ['docs', i.docs.contents],
    ['stability', stabilityJson(i.stability)],
    ['funcs', funcs],
    ['types', types],
  ]);
}

function worldMeta(resolve: Resolve, id: number): Obj | undefined {
  const w = resolve.worlds[id];
  const interfaces: Obj = {};
  const types: Obj = {};
  const funcs: Obj = {};
  const interfaceExports: Obj = {};
  const funcExports: Obj = {};
  const importStability: Obj = {};
  const exportStability: Obj = {};
  const importDocs: Obj = {};
  const exportDocs: Obj = {};
  const all = [
    ...[...w.imports.values()].map((e) => [e, true] as const),
    ...[...w.exports.values()].map((e) => [e, false] as const),
  ];
  for (const [{ key, item }, isImport] of all) {
    if ('name' in key) {
      const name = key.name;
      if (item.kind === 'interface') {
        const m = interfaceMeta(resolve, item.id);
        if (m !== undefined) (isImport ? interfaces : interfaceExports)[name] = m;
        // `import name: some-interface;` (implements): the statement's own docs.
        const named = resolve.interfaces[item.id].name !== undefined;
        if (named && item.docs?.contents !== undefined) (isImport ? importDocs : exportDocs)[name] = item.docs.contents;
      } else if (item.kind === 'type') {
        const m = typeMeta(resolve, item.id);
        if (m !== undefined) types[name] = m;
      } else {
        const m = funcMeta(item.function);
        if (m !== undefined) (isImport ? funcs : funcExports)[name] = m;
      }
    } else if (item.kind === 'interface') {
      const name = nameWorldKey(resolve, key);
      const s = stabilityJson(item.stability);
      if (s !== undefined) (isImport ? importStability : exportStability)[name] = s;
      if (item.docs?.contents !== undefined) (isImport ? importDocs : exportDocs)[name] = item.docs.contents;
    }
  }
  return obj([
    ['docs', w.docs.contents],
    ['stability', stabilityJson(w.stability)],
    ['interfaces', interfaces],
    ['types', types],
    ['funcs', funcs],
    ['interface_exports', interfaceExports],
    ['func_exports', funcExports],
    ['interface_import_stability', importStability],
    ['interface_export_stability', exportStability],
    ['interface_import_docs', importDocs],
    ['interface_export_docs', exportDocs],
  ]);
}

/** The payload of the `package-docs` section for package `pkg`. */
export function encodePackageMetadata(resolve: Resolve, pkg: number): Uint8Array {
  const p = resolve.packages[pkg];
  const worlds: Obj = {};
  for (const [name, id] of p.worlds) {
    const m = worldMeta(resolve, id);
    if (m !== undefined) worlds[name] = m;
  }
  const interfaces: Obj = {};
  for (const [name, id] of p.interfaces) {
    const m = interfaceMeta(resolve, id);
    if (m !== undefined) interfaces[name] = m;
  }
  const json = obj([
    ['docs', p.docs.contents],
    ['worlds', worlds],
    ['interfaces', interfaces],
  ]);
  const text = new TextEncoder().encode(JSON.stringify(json ?? {}));
  const out = new Uint8Array(text.length + 1);
  out[0] = 1;
  out.set(text, 1);
  return out;
}

// ---------------------------------------------------------------- decoding

function setDocs(d: Docs, v: unknown): void {
  if (typeof v === 'string') d.contents = v;
}

function injectType(t: TypeDef, m: Obj): void {
  setDocs(t.docs, m.docs);
  if (m.stability !== undefined) t.stability = parseStability(m.stability);
  const items = (m.items ?? {}) as Obj;
  const k = t.kind;
  const list: { name: string; docs: Docs }[] =
    k.kind === 'record'
      ? k.fields
      : k.kind === 'flags'
        ? k.flags
        : k.kind === 'variant'
          ? k.cases
          : k.kind === 'enum'
            ? k.cases
            : [];
  for (const it of list) setDocs(it.docs, items[it.name]);
}

function injectFunc(f: Function, m: unknown): void {
  if (typeof m === 'string' || m === null) {
    setDocs(f.docs, m);
    return;
  }
  const o = m as Obj;
  setDocs(f.docs, o.docs);
  if (o.stability !== undefined) f.stability = parseStability(o.stability);
}

function injectInterface(resolve: Resolve, id: number, m: Obj): void {
  const i = resolve.interfaces[id];
  for (const [name, tm] of Object.entries((m.types ?? {}) as Obj)) {
    const t = i.types.get(name);
    if (t === undefined) throw new WitDecodeError(`package-docs: missing type ${JSON.stringify(name)}`);
    injectType(resolve.types[t], tm as Obj);
  }
  for (const [name, fm] of Object.entries((m.funcs ?? {}) as Obj)) {
    const f = i.functions.get(name);
    if (f === undefined) throw new WitDecodeError(`package-docs: missing func ${JSON.stringify(name)}`);
    injectFunc(f, fm);
  }
  setDocs(i.docs, m.docs);
  if (m.stability !== undefined) i.stability = parseStability(m.stability);
}

function injectWorld(resolve: Resolve, id: number, m: Obj): void {
  const w = resolve.worlds[id];
  const byName = (name: string, onlyExport: boolean) =>
    onlyExport ? w.exports.get(name) : (w.imports.get(name) ?? w.exports.get(name));
  const ifaces: [Obj, boolean][] = [
    [(m.interfaces ?? {}) as Obj, false],
    [(m.interface_exports ?? {}) as Obj, true],
  ];
  for (const [map, onlyExport] of ifaces) {
    for (const [name, im] of Object.entries(map)) {
      const e = byName(name, onlyExport);
      if (e === undefined || e.item.kind !== 'interface')
        throw new WitDecodeError(`package-docs: missing interface ${JSON.stringify(name)}`);
      const data = im as Obj;
      e.item.stability = parseStability(data.stability);
      injectInterface(resolve, e.item.id, data);
    }
  }
  for (const [name, tm] of Object.entries((m.types ?? {}) as Obj)) {
    const e = w.imports.get(name);
    if (e === undefined || e.item.kind !== 'type')
      throw new WitDecodeError(`package-docs: missing type ${JSON.stringify(name)}`);
    injectType(resolve.types[e.item.id], tm as Obj);
  }
  const byKey = (name: string, isImport: boolean) => {
    for (const e of (isImport ? w.imports : w.exports).values()) {
      if (e.item.kind !== 'interface') continue;
      if ('name' in e.key ? e.key.name === name : nameWorldKey(resolve, e.key) === name) return e.item;
    }
    throw new WitDecodeError(`package-docs: missing interface \`${name}\``);
  };
  for (const [field, isImport] of [
    ['interface_import_stability', true],
    ['interface_export_stability', false],
  ] as const) {
    for (const [name, s] of Object.entries((m[field] ?? {}) as Obj))
      byKey(name, isImport).stability = parseStability(s);
  }
  for (const [field, isImport] of [
    ['interface_import_docs', true],
    ['interface_export_docs', false],
  ] as const) {
    for (const [name, d] of Object.entries((m[field] ?? {}) as Obj)) {
      const item = byKey(name, isImport);
      item.docs = { contents: String(d) };
    }
  }
  const funcs: [Obj, boolean][] = [
    [(m.funcs ?? {}) as Obj, false],
    [(m.func_exports ?? {}) as Obj, true],
  ];
  for (const [map, onlyExport] of funcs) {
    for (const [name, fm] of Object.entries(map)) {
      const e = byName(name, onlyExport);
      if (e === undefined || e.item.kind !== 'function')
        throw new WitDecodeError(`package-docs: missing func ${JSON.stringify(name)}`);
      injectFunc(e.item.function, fm);
    }
  }
  setDocs(w.docs, m.docs);
  w.stability = parseStability(m.stability);
}

/** Applies a `package-docs` payload to package `pkg` of `resolve`. */
export function injectPackageMetadata(resolve: Resolve, pkg: number, data: Uint8Array): void {
  if (data.length === 0 || (data[0] !== 0 && data[0] !== 1)) {
    throw new WitDecodeError(`expected package-docs version 1, got ${data.length === 0 ? 'None' : `Some(${data[0]})`}`);
  }
  let m: Obj;
  try {
    m = JSON.parse(new TextDecoder().decode(data.subarray(1))) as Obj;
  } catch (e) {
    throw new WitDecodeError(`invalid package-docs JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof m !== 'object' || m === null) throw new WitDecodeError('invalid package-docs JSON: not an object');
  const p = resolve.packages[pkg];
  for (const [name, wm] of Object.entries((m.worlds ?? {}) as Obj)) {
    const id = p.worlds.get(name);
    if (id === undefined) throw new WitDecodeError(`package-docs: missing world ${JSON.stringify(name)}`);
    injectWorld(resolve, id, wm as Obj);
  }
  for (const [name, im] of Object.entries((m.interfaces ?? {}) as Obj)) {
    const id = p.interfaces.get(name);
    if (id === undefined) throw new WitDecodeError(`package-docs: missing interface ${JSON.stringify(name)}`);
    injectInterface(resolve, id, im as Obj);
  }
  setDocs(p.docs, m.docs);
}
