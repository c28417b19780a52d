// The bindings generator: a resolved WIT world → TypeScript files.
//
// host  — `interfaces/<ns>-<pkg>-<iface>.d.ts` for each imported (or only
//         referenced) interface, `exports/<…>.d.ts` for each exported one,
//         and `<world>.ts`: the world's own types, `<World>Imports`,
//         `<World>Exports` and a typed `instantiate` over @wit-ts/runtime.
// guest — componentize-js / jco `guest-types` shaped ambient modules:
//         `declare module 'ns:pkg/iface@v' { … }` per interface, and the world
//         module `declare module 'ns:pkg/world@v' { … }` describing what the
//         guest's entry module exports; world-level function imports are
//         `declare module '<name>' { export default function … }`.
//
// Value conventions are the runtime's (jco-compatible); see README.md.

import type {
  Docs,
  Function as WitFunction,
  Interface,
  Resolve,
  Stability,
  TypeDef,
  TypeRef,
  World,
  WorldItem,
  WorldKey,
} from '@wit-ts/wit-parser';
import {
  NameScope,
  camelCase,
  escapeIdent,
  escapeStatic,
  isReserved,
  pascalCase,
  propKey,
  quote,
  upperCamelCase,
} from './names.js';
import { PRINT_WIDTH, group, print, sigDoc, typeDoc, unionMembers, type Doc } from './layout.js';

export type Mode = 'host' | 'guest';

export interface GeneratedFile {
  /** Relative path, `/`-separated. */
  path: string;
  contents: string;
}

/** Builtin global names the generated code refers to (shadowed locals make us write `globalThis.X`). */
const BUILTINS = [
  'Array',
  'Map',
  'Promise',
  'Symbol',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'BigUint64Array',
  'BigInt64Array',
  'Float32Array',
  'Float64Array',
  'ArrayBuffer',
];

const TYPED_ARRAYS: Record<string, string> = {
  u8: 'Uint8Array',
  s8: 'Int8Array',
  u16: 'Uint16Array',
  s16: 'Int16Array',
  u32: 'Uint32Array',
  s32: 'Int32Array',
  u64: 'BigUint64Array',
  s64: 'BigInt64Array',
  f32: 'Float32Array',
  f64: 'Float64Array',
};

/** The shared opaque-types file (future / stream / error-context). */
const OPAQUE_FILE = 'wit-types.d.ts';
const OPAQUE_MODULE = 'wit-ts:types';

// ---------------------------------------------------------------------------
// Plan: which interfaces a world needs, their files and module names.

interface IfaceInfo {
  id: number;
  iface: Interface;
  /** `ns:pkg/name@v` for named interfaces, the world key for inline ones. */
  fullName: string;
  /** File base name (`ns-pkg-name`, deduplicated). */
  base: string;
  imported: boolean;
  exported: boolean;
  /** Guest: ambient module specifier. */
  spec: string;
}

interface Plan {
  resolve: Resolve;
  world: World;
  worldId: number;
  worldFullName: string;
  ifaces: Map<number, IfaceInfo>;
  /** Type id → declared (PascalCase, deduplicated) name within its owner. */
  typeNames: Map<number, string>;
}

function interfaceFullName(r: Resolve, id: number): string | undefined {
  const i = r.interfaces[id];
  if (i.name === undefined || i.package === undefined) return undefined;
  const p = r.packages[i.package].name;
  const base = `${p.namespace}:${p.name}/${i.name}`;
  return p.version === undefined ? base : `${base}@${p.version}`;
}

function worldFullName(r: Resolve, w: World): string {
  if (w.package === undefined) return w.name;
  const p = r.packages[w.package].name;
  const base = `${p.namespace}:${p.name}/${w.name}`;
  return p.version === undefined ? base : `${base}@${p.version}`;
}

/** Walks a type reference to the interfaces owning the named types it mentions. */
function collectOwners(r: Resolve, ref: TypeRef | undefined, out: Set<number>, seen: Set<number>): void {
  if (ref === undefined || typeof ref === 'string') return;
  if (seen.has(ref)) return;
  seen.add(ref);
  const td = r.types[ref];
  if (td.name !== undefined && td.owner !== null) {
    if ('interface' in td.owner) out.add(td.owner.interface);
    // World-owned named types are declared in the world file; walk their bodies.
    if ('interface' in td.owner) return;
  }
  const k = td.kind;
  switch (k.kind) {
    case 'record':
      for (const f of k.fields) collectOwners(r, f.type, out, seen);
      return;
    case 'variant':
      for (const c of k.cases) collectOwners(r, c.type, out, seen);
      return;
    case 'tuple':
      for (const t of k.types) collectOwners(r, t, out, seen);
      return;
    case 'handle':
      collectOwners(r, k.resource, out, seen);
      return;
    case 'option':
    case 'type':
      collectOwners(r, k.type, out, seen);
      return;
    case 'future':
    case 'stream':
      collectOwners(r, k.type, out, seen);
      return;
    case 'result':
      collectOwners(r, k.ok, out, seen);
      collectOwners(r, k.err, out, seen);
      return;
    case 'list':
    case 'fixed-length-list':
      collectOwners(r, k.element, out, seen);
      return;
    case 'map':
      collectOwners(r, k.key, out, seen);
      collectOwners(r, k.value, out, seen);
      return;
    default:
      return;
  }
}

/** Interfaces whose types `iface` (its type bodies and signatures) refers to. */
function interfaceDeps(r: Resolve, iface: Interface): Set<number> {
  const out = new Set<number>();
  const seen = new Set<number>();
  for (const id of iface.types.values()) {
    const td = r.types[id];
    // Walk the body (not the name) of each own type.
    seen.add(id);
    const k = td.kind;
    const refs: (TypeRef | undefined)[] = [];
    switch (k.kind) {
      case 'record':
        refs.push(...k.fields.map((f) => f.type));
        break;
      case 'variant':
        refs.push(...k.cases.map((c) => c.type));
        break;
      case 'tuple':
        refs.push(...k.types);
        break;
      case 'handle':
        refs.push(k.resource);
        break;
      case 'option':
      case 'type':
      case 'future':
      case 'stream':
        refs.push(k.type);
        break;
      case 'result':
        refs.push(k.ok, k.err);
        break;
      case 'list':
      case 'fixed-length-list':
        refs.push(k.element);
        break;
      case 'map':
        refs.push(k.key, k.value);
        break;
      default:
        break;
    }
    for (const t of refs) collectOwners(r, t, out, seen);
  }
  for (const f of iface.functions.values()) {
    for (const p of f.params) collectOwners(r, p.type, out, seen);
    collectOwners(r, f.result, out, seen);
  }
  return out;
}

function makePlan(resolve: Resolve, worldId: number): Plan {
  const world = resolve.worlds[worldId];
  if (world === undefined) throw new RangeError(`no world with id ${worldId}`);
  const ifaces = new Map<number, IfaceInfo>();
  const add = (id: number, keyName: string | undefined): IfaceInfo => {
    let info = ifaces.get(id);
    if (info === undefined) {
      const fullName = interfaceFullName(resolve, id) ?? keyName ?? `interface-${id}`;
      info = {
        id,
        iface: resolve.interfaces[id],
        fullName,
        base: '',
        imported: false,
        exported: false,
        spec: fullName,
      };
      ifaces.set(id, info);
    }
    return info;
  };
  const keyName = (k: WorldKey): string | undefined => ('name' in k ? k.name : undefined);
  const worldTypeRoots: TypeRef[] = [];
  for (const { key, item } of world.imports.values()) {
    if (item.kind === 'interface') add(item.id, keyName(key)).imported = true;
    else if (item.kind === 'type') worldTypeRoots.push(item.id);
    else for (const p of item.function.params) worldTypeRoots.push(p.type);
    if (item.kind === 'function' && item.function.result !== undefined) worldTypeRoots.push(item.function.result);
  }
  for (const { key, item } of world.exports.values()) {
    if (item.kind === 'interface') add(item.id, keyName(key)).exported = true;
    else if (item.kind === 'function') {
      for (const p of item.function.params) worldTypeRoots.push(p.type);
      if (item.function.result !== undefined) worldTypeRoots.push(item.function.result);
    }
  }
  // Interfaces referenced by types but not imported/exported themselves.
  const work = [...ifaces.keys()];
  const rootOwners = new Set<number>();
  const seen = new Set<number>();
  for (const t of worldTypeRoots) collectOwners(resolve, t, rootOwners, seen);
  for (const id of rootOwners) if (!ifaces.has(id)) (add(id, undefined), work.push(id));
  while (work.length > 0) {
    const id = work.pop()!;
    for (const dep of interfaceDeps(resolve, resolve.interfaces[id])) {
      if (!ifaces.has(dep)) {
        add(dep, undefined);
        work.push(dep);
      }
    }
  }
  // File bases: `ns-pkg-name`, with the version on collisions, then a counter.
  const rawBase = (info: IfaceInfo, withVersion: boolean): string => {
    const i = info.iface;
    if (i.name !== undefined && i.package !== undefined) {
      const p = resolve.packages[i.package].name;
      let b = `${p.namespace}-${p.name}-${i.name}`;
      if (withVersion && p.version !== undefined) b += `-${p.version.replace(/[^A-Za-z0-9]+/g, '-')}`;
      return b;
    }
    return info.fullName.replace(/[^A-Za-z0-9-]+/g, '-');
  };
  const counts = new Map<string, number>();
  for (const info of ifaces.values()) counts.set(rawBase(info, false), (counts.get(rawBase(info, false)) ?? 0) + 1);
  const usedBases = new Set<string>();
  for (const info of ifaces.values()) {
    let b = rawBase(info, (counts.get(rawBase(info, false)) ?? 0) > 1);
    if (usedBases.has(b.toLowerCase())) {
      let n = 2;
      while (usedBases.has(`${b}-${n}`.toLowerCase())) n++;
      b = `${b}-${n}`;
    }
    usedBases.add(b.toLowerCase());
    info.base = b;
  }
  // Guest module specifiers: unique (an inline export may share an inline import's name).
  const specs = new Set<string>();
  const wfull = worldFullName(resolve, world);
  for (const info of ifaces.values()) {
    // jco guest-types: an inline exported interface's module is its camelCase name
    // (type-only; imports keep the import name componentize-js resolves).
    const inline = info.iface.name === undefined;
    let s = inline && info.exported && !info.imported ? camelCase(info.fullName) : info.fullName;
    if (specs.has(s) || s === wfull) s = `${wfull}#${info.base}`;
    specs.add(s);
    info.spec = s;
  }
  // Type names, per owner.
  const typeNames = new Map<number, string>();
  const nameOwner = (ids: Iterable<[string, number]>) => {
    const scope = new NameScope();
    // Resource classes are run-time names (the runtime's PascalCase); other types follow jco.
    const entries = [...ids];
    const isRes = (id: number) => resolve.types[id].kind.kind === 'resource';
    for (const [name, id] of entries) if (isRes(id)) typeNames.set(id, scope.take(pascalCase(name)));
    for (const [name, id] of entries) if (!isRes(id)) typeNames.set(id, scope.take(upperCamelCase(name)));
  };
  for (const info of ifaces.values()) nameOwner(info.iface.types);
  const worldTypes: [string, number][] = [];
  for (const { key, item } of world.imports.values()) {
    if (item.kind === 'type' && 'name' in key) worldTypes.push([key.name, item.id]);
  }
  nameOwner(worldTypes);
  return { resolve, world, worldId, worldFullName: wfull, ifaces, typeNames };
}

// ---------------------------------------------------------------------------
// Output helpers.

class Out {
  private readonly lines: string[] = [];
  private indentLevel = 0;
  line(s = ''): void {
    // Prettier: no blank line at the start of a file or block, none doubled.
    if (s === '') {
      const last = this.lines[this.lines.length - 1];
      if (last === undefined || last === '' || last.endsWith('{')) return;
    }
    this.lines.push(s === '' ? '' : '  '.repeat(this.indentLevel) + s);
  }
  fits(s: string): boolean {
    return this.indentLevel * 2 + s.length <= PRINT_WIDTH;
  }
  /** An empty body prints as `{}` (prettier). */
  block(open: string, body: () => void, close = '}'): void {
    const at = this.lines.length;
    this.line(open);
    this.indentLevel++;
    body();
    this.indentLevel--;
    if (this.lines.length === at + 1 && open.endsWith('{') && close === '}') {
      this.lines[at] += '}';
      return;
    }
    this.line(close);
  }
  /** A document laid out as prettier does at the current indentation. */
  layout(d: Doc): void {
    this.line(print(d, this.indentLevel * 2));
  }
  /** `head(params)tail`, or prettier's broken forms (one parameter a line, trailing commas). */
  sig(head: string, params: string[], tail: string): void {
    const flat = `${head}(${params.join(', ')})${tail}`;
    if (this.fits(flat)) {
      this.line(flat);
      return;
    }
    this.layout(sigDoc(head, params, tail));
  }
  /** `name: type;` (a property). */
  prop(name: string, type: string): void {
    const flat = `${name}: ${type};`;
    if (this.fits(flat)) this.line(flat);
    else this.layout(group([`${name}: `, typeDoc(type), ';']));
  }
  /** `export type Name = type;` */
  alias(head: string, type: string): void {
    const flat = `${head} ${type};`;
    if (this.fits(flat)) this.line(flat);
    else {
      const members = unionMembers(type);
      const d = typeDoc(type);
      if (members.length > 1) this.union(head, members);
      else if (typeof d === 'string') {
        // Nothing to break in the type: prettier breaks after `=`.
        this.line(head);
        this.indentLevel++;
        this.line(`${type};`);
        this.indentLevel--;
      } else this.layout(group([`${head} `, d, ';']));
    }
  }
  /** `head(params)tail {` body `}`. */
  sigBlock(head: string, params: string[], tail: string, body: () => void): void {
    this.sig(head, params, `${tail} {`);
    this.indentLevel++;
    body();
    this.indentLevel--;
    this.line('}');
  }
  /**
   * `head A | B;` (head ends with `=`), or prettier's broken union:
   * `head` then `  | A` a line, `;` after the last. `docs[i]`: a one-line comment before member i.
   */
  union(head: string, members: string[], docs: (string | undefined)[] = []): void {
    const flat = `${head} ${members.join(' | ')};`;
    const commented = docs.some((d) => d !== undefined);
    if (!commented && (members.length < 2 || this.fits(flat))) {
      this.line(flat);
      return;
    }
    this.line(head);
    this.indentLevel++;
    if (!commented && this.fits(`${members.join(' | ')};`)) {
      this.line(`${members.join(' | ')};`);
      this.indentLevel--;
      return;
    }
    if (docs[0] !== undefined && docs.every((d, i) => i === 0 || d === undefined)) {
      // Only the first member commented: prettier keeps the comment above a flat union.
      this.line(docs[0]);
      const rest = `${members.join(' | ')};`;
      if (this.fits(rest)) {
        this.line(rest);
        this.indentLevel--;
        return;
      }
      docs = [];
    }
    members.forEach((m, i) => {
      const d = docs[i];
      if (d !== undefined) this.line(d);
      const text = `${members.length > 1 ? '| ' : ''}${m}${i === members.length - 1 ? ';' : ''}`;
      if (this.fits(text)) this.line(text);
      else {
        // A member too long for its line breaks itself, aligned after `| `.
        const semi = i === members.length - 1 ? ';' : '';
        this.line(`| ${print([typeDoc(m), semi], this.indentLevel * 2 + 2)}`);
      }
    });
    this.indentLevel--;
  }
  doc(lines: string[]): void {
    if (lines.length === 0) return;
    const safe = lines.map((l) => l.replace(/\*\//g, '*\\/'));
    this.line('/**');
    for (const l of safe) this.line(l === '' ? ' *' : ` * ${l}`);
    this.line(' */');
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

function docLines(docs: Docs | undefined, stability?: Stability): string[] {
  const out: string[] = [];
  const c = docs?.contents;
  if (c !== undefined && c.trim() !== '')
    out.push(
      ...c
        .replace(/\s+$/, '')
        .split('\n')
        .map((l) => l.replace(/\s+$/, '')),
    );
  if (stability !== undefined) {
    if (stability.kind === 'stable') {
      if (out.length > 0) out.push('');
      out.push(`@since ${stability.since}`);
    } else if (stability.kind === 'unstable') {
      if (out.length > 0) out.push('');
      out.push(`Unstable: gated by the WIT feature \`${stability.feature}\`.`);
    }
    if (stability.kind !== 'unknown' && stability.deprecated !== undefined)
      out.push(`@deprecated Deprecated since version ${stability.deprecated}.`);
  }
  return out;
}

function relPath(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  const rest = b.slice(i).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** `x.d.ts` / `x.ts` → the `.js` specifier NodeNext resolves to it. */
function jsSpecifier(path: string): string {
  return path.replace(/(\.d)?\.ts$/, '.js');
}

// ---------------------------------------------------------------------------
// One output file (host module or guest ambient module block).

/** Where a named type is declared: a file key (`i:<id>`, `e:<id>`, `w`). */
type FileKey = string;

abstract class Emitter {
  readonly out = new Out();
  /** Names in this file's scope (types, classes, aliases). */
  readonly scope = new NameScope();
  protected readonly localNames = new Set<string>();
  constructor(
    readonly plan: Plan,
    readonly mode: Mode,
    readonly key: FileKey,
    readonly path: string,
  ) {}

  get r(): Resolve {
    return this.plan.resolve;
  }

  /** Reserve this file's own declared type names before any alias is allocated. */
  claimLocals(ids: Iterable<number>): void {
    for (const id of ids) {
      const n = this.plan.typeNames.get(id);
      if (n !== undefined) {
        this.scope.claim(n);
        this.localNames.add(n);
      }
    }
    for (const b of BUILTINS) this.scope.claim(b);
  }

  builtin(name: string): string {
    return this.localNames.has(name) ? `globalThis.${name}` : name;
  }

  /** The file a named type owned by an interface or the world lives in. */
  abstract fileOf(typeId: number): FileKey;
  /** A qualified reference to a name declared in another file. */
  abstract foreign(file: FileKey, name: string): string;
  abstract opaque(name: string): string;

  named(id: number): string {
    const name = this.plan.typeNames.get(id)!;
    const f = this.fileOf(id);
    return f === this.key ? name : this.foreign(f, name);
  }

  /**
   * The runtime's (jco's) rule: an option is `T | undefined` unless its payload
   * is itself a plain (`| undefined`) option, then it is tagged. So
   * `option<option<T>>` is tagged outside, plain inside; three levels are
   * plain, tagged, plain.
   */
  isPlainOption(ref: TypeRef): boolean {
    const d = this.dealias(ref);
    if (typeof d !== 'number') return false;
    const k = this.r.types[d].kind;
    return k.kind === 'option' && !this.isPlainOption(k.type);
  }

  /** Follows `type a = b` aliases to the underlying definition. */
  dealias(ref: TypeRef): TypeRef {
    let t = ref;
    while (typeof t === 'number') {
      const k = this.r.types[t].kind;
      if (k.kind !== 'type') break;
      t = k.type;
    }
    return t;
  }

  ty(ref: TypeRef | undefined): string {
    if (ref === undefined) return 'undefined';
    if (typeof ref === 'string') {
      switch (ref) {
        case 'bool':
          return 'boolean';
        case 'u64':
        case 's64':
          return 'bigint';
        case 'char':
        case 'string':
          return 'string';
        case 'error-context':
          return this.opaque('ErrorContext');
        default:
          return 'number';
      }
    }
    const td = this.r.types[ref];
    if (td.name !== undefined && td.owner !== null && this.plan.typeNames.has(ref)) return this.named(ref);
    return this.anon(td);
  }

  anon(td: TypeDef): string {
    const k = td.kind;
    switch (k.kind) {
      case 'handle':
        return this.ty(k.resource);
      case 'type':
        return this.ty(k.type);
      case 'option':
        if (this.isPlainOption(k.type)) return `{ tag: 'some'; val: ${this.ty(k.type)} } | { tag: 'none' }`;
        return `${this.ty(k.type)} | undefined`;
      case 'result':
        return `{ tag: 'ok'; val: ${this.ty(k.ok)} } | { tag: 'err'; val: ${this.ty(k.err)} }`;
      case 'tuple':
        return `[${k.types.map((t) => this.ty(t)).join(', ')}]`;
      case 'list':
      case 'fixed-length-list': {
        const e = k.element;
        if (typeof e === 'string' && e in TYPED_ARRAYS) return this.builtin(TYPED_ARRAYS[e]);
        return `${this.builtin('Array')}<${this.ty(e)}>`;
      }
      case 'map':
        return `${this.builtin('Map')}<${this.ty(k.key)}, ${this.ty(k.value)}>`;
      case 'future':
        return `${this.opaque('Future')}<${k.type === undefined ? 'void' : this.ty(k.type)}>`;
      case 'stream':
        return `${this.opaque('Stream')}<${k.type === undefined ? 'void' : this.ty(k.type)}>`;
      case 'resource':
        return 'unknown';
      default:
        // Named-only kinds reached anonymously (not produced by the resolver).
        return 'unknown';
    }
  }

  /** The TS return type and, for a `result`, the thrown payload type. */
  ret(f: WitFunction): { type: string; throws?: string } {
    const async = f.kind.kind.startsWith('async');
    let type = 'void';
    let throws: string | undefined;
    if (f.result !== undefined) {
      const d = this.dealias(f.result);
      const td = typeof d === 'number' ? this.r.types[d] : undefined;
      if (td !== undefined && td.kind.kind === 'result') {
        type = td.kind.ok === undefined ? 'void' : this.ty(td.kind.ok);
        throws = td.kind.err === undefined ? 'undefined' : this.ty(td.kind.err);
      } else type = this.ty(f.result);
    }
    if (async) type = `${this.builtin('Promise')}<${type}>`;
    return { type, throws };
  }

  params(f: WitFunction, skipSelf: boolean): string[] {
    const scope = new NameScope();
    const ps = skipSelf ? f.params.slice(1) : f.params;
    return ps.map((p) => `${scope.take(camelCase(p.name))}: ${this.ty(p.type)}`);
  }

  /** Set while emitting functions the host implements (imports of a host). */
  hostImplemented = false;

  funcDoc(f: WitFunction, extra: string[] = []): string[] {
    const lines = docLines(f.docs, undefined);
    const { throws } = this.ret(f);
    if (throws !== undefined) {
      if (lines.length > 0) lines.push('');
      lines.push(
        this.hostImplemented
          ? `@throws {ComponentError} To return \`err\`, throw \`new ComponentError(payload)\` (payload: \`${throws}\`).`
          : `@throws {ComponentError} on \`err\`, with \`payload\` of type \`${throws}\`.`,
      );
    }
    const stab = docLines(undefined, f.stability);
    if (stab.length > 0 && lines.length > 0) lines.push('');
    lines.push(...stab, ...extra);
    return lines;
  }

  // --- declarations -------------------------------------------------------

  /** Declares the named types `ids` (owned by this file). `funcs` supplies resource members. */
  declareTypes(ids: number[], funcs: Iterable<WitFunction>, ambient: boolean, dispose: boolean): void {
    const members = new Map<number, WitFunction[]>();
    for (const f of funcs) {
      if (f.kind.kind === 'freestanding' || f.kind.kind === 'async-freestanding') continue;
      const rid = f.kind.resource;
      let l = members.get(rid);
      if (l === undefined) members.set(rid, (l = []));
      l.push(f);
    }
    for (const id of ids) this.declareType(id, members.get(id) ?? [], ambient, dispose);
  }

  declareType(id: number, members: WitFunction[], ambient: boolean, dispose: boolean): void {
    const td = this.r.types[id];
    const name = this.plan.typeNames.get(id)!;
    const k = td.kind;
    const o = this.out;
    const doc = docLines(td.docs, td.stability);
    switch (k.kind) {
      case 'record':
        o.doc(doc);
        o.block(`export interface ${name} {`, () => {
          for (const f of k.fields) {
            o.doc(docLines(f.docs));
            // jco: an `option<T>` field (T not itself an option) is an optional property.
            const d = this.dealias(f.type);
            const opt =
              typeof d === 'number' &&
              this.r.types[d].kind.kind === 'option' &&
              this.ty(f.type).endsWith(' | undefined');
            o.prop(`${propKey(camelCase(f.name))}${opt ? '?' : ''}`, this.ty(f.type));
          }
        });
        return;
      case 'flags':
        o.doc(doc);
        o.block(`export interface ${name} {`, () => {
          for (const f of k.flags) {
            o.doc(docLines(f.docs));
            o.line(`${propKey(camelCase(f.name))}?: boolean;`);
          }
        });
        return;
      case 'enum': {
        const lines = [...doc];
        const caseDocs = k.cases.filter((c) => c.docs.contents !== undefined);
        if (caseDocs.length > 0) {
          if (lines.length > 0) lines.push('');
          lines.push('Cases:');
          for (const c of k.cases) {
            const d = c.docs.contents?.trim();
            lines.push(d === undefined ? `- \`'${c.name}'\`` : `- \`'${c.name}'\`: ${d.replace(/\n/g, ' ')}`);
          }
        }
        o.doc(lines);
        o.union(
          `export type ${name} =`,
          k.cases.map((c) => quote(c.name)),
        );
        return;
      }
      case 'variant':
        o.doc(doc);
        o.union(
          `export type ${name} =`,
          k.cases.map((c) =>
            c.type === undefined ? `{ tag: ${quote(c.name)} }` : `{ tag: ${quote(c.name)}; val: ${this.ty(c.type)} }`,
          ),
          k.cases.map((c) => {
            const d = docLines(c.docs);
            return d.length > 0 ? `/** ${d.join(' ').replace(/\*\//g, '*\\/')} */` : undefined;
          }),
        );
        return;
      case 'resource':
        this.declareClass(name, doc, members, ambient, dispose);
        return;
      default:
        o.doc(doc);
        o.alias(`export type ${name} =`, this.anon(td));
        return;
    }
  }

  declareClass(name: string, doc: string[], members: WitFunction[], ambient: boolean, dispose: boolean): void {
    const o = this.out;
    o.doc(doc);
    o.block(`export ${ambient ? '' : 'declare '}class ${name} {`, () => {
      const ctor = members.find((f) => f.kind.kind === 'constructor');
      if (ctor !== undefined) {
        o.doc(this.funcDoc(ctor));
        o.sig('constructor', this.params(ctor, false), ';');
      } else {
        o.doc(['This resource has no WIT constructor: instances come from the component or the host.']);
        o.line('protected constructor(...args: never[]);');
      }
      const used = new Set<string>();
      for (const f of members) {
        const k = f.kind.kind;
        if (k === 'constructor') continue;
        const member = f.name.slice(f.name.indexOf('.') + 1);
        const isStatic = k === 'static' || k === 'async-static';
        let n = camelCase(member);
        if (isStatic) n = escapeStatic(n);
        else if (n === 'constructor') n = 'constructor_';
        const keyed = (isStatic ? 's:' : 'm:') + n;
        if (used.has(keyed)) continue;
        used.add(keyed);
        const { type } = this.ret(f);
        o.doc(this.funcDoc(f));
        o.sig(`${isStatic ? 'static ' : ''}${n}`, this.params(f, !isStatic), `: ${type};`);
      }
      if (dispose) {
        o.doc(['Drops the handle (the resource destructor runs when the last handle goes).']);
        o.line(`[${this.builtin('Symbol')}.dispose](): void;`);
      }
    });
  }

  /** Declares freestanding functions as module exports (reserved names via `export { x_ as x }`). */
  declareFunctions(funcs: Iterable<WitFunction>, ambient: boolean): void {
    const o = this.out;
    const renames: string[] = [];
    const seen = new Set<string>();
    for (const f of funcs) {
      if (f.kind.kind !== 'freestanding' && f.kind.kind !== 'async-freestanding') continue;
      const n = camelCase(f.name);
      if (seen.has(n)) continue;
      seen.add(n);
      const { type } = this.ret(f);
      o.doc(this.funcDoc(f));
      const head = `${isReserved(n) ? '' : 'export '}${ambient ? '' : 'declare '}function ${escapeIdent(n)}`;
      o.sig(head, this.params(f, false), `: ${type};`);
      if (isReserved(n)) renames.push(`${escapeIdent(n)} as ${n}`);
    }
    if (renames.length > 0) {
      const flat = `export { ${renames.join(', ')} };`;
      if (o.fits(flat)) o.line(flat);
      else o.block('export {', () => renames.forEach((r) => o.line(`${r},`)), '};');
    }
  }

  /** A function as an object-type member: `name(params): R;`. */
  memberFunction(f: WitFunction, name: string, extraDoc: string[] = []): void {
    const { type } = this.ret(f);
    this.out.doc(this.funcDoc(f, extraDoc));
    this.out.sig(propKey(name), this.params(f, false), `: ${type};`);
  }
}

function interfaceHeader(info: IfaceInfo): string[] {
  const d = docLines(info.iface.docs, info.iface.stability);
  return [`@module Interface ${info.fullName}`, ...(d.length > 0 ? ['', ...d] : [])];
}

// ---------------------------------------------------------------------------
// Host.

class HostEmitter extends Emitter {
  private readonly aliases = new Map<FileKey, string>();

  fileOf(typeId: number): FileKey {
    const owner = this.r.types[typeId].owner;
    if (owner === null || 'world' in owner) return 'w';
    const id = owner.interface;
    // This file's own copy wins (an exported interface's own types stay local).
    if (this.key === `e:${id}`) return this.key;
    return hostCanonical(this.plan, id);
  }

  aliasFor(file: FileKey): string {
    let a = this.aliases.get(file);
    if (a === undefined) {
      const base =
        file === 'w' ? pascalCase(this.plan.world.name) : pascalCase(this.plan.ifaces.get(Number(file.slice(2)))!.base);
      a = this.scope.take(base.replace(/[^A-Za-z0-9_$]/g, '_'));
      this.aliases.set(file, a);
    }
    return a;
  }

  foreign(file: FileKey, name: string): string {
    return `${this.aliasFor(file)}.${name}`;
  }

  opaque(name: string): string {
    return `import(${quote(jsSpecifier(relPath(this.path, OPAQUE_FILE)))}).${name}`;
  }

  /** The `import type * as X from '…'` lines for the aliases used. */
  importLines(pathOf: (f: FileKey) => string): string[] {
    return [...this.aliases].map(
      ([f, a]) => `import type * as ${a} from ${quote(jsSpecifier(relPath(this.path, pathOf(f))))};`,
    );
  }
}

/** The file other files reference an interface's types in: the imported copy when there is one. */
function hostCanonical(plan: Plan, id: number): FileKey {
  const info = plan.ifaces.get(id)!;
  return info.exported && !info.imported ? `e:${id}` : `i:${id}`;
}

function hostPath(plan: Plan, key: FileKey, worldPath: string): string {
  if (key === 'w') return worldPath;
  const info = plan.ifaces.get(Number(key.slice(2)))!;
  return `${key[0] === 'e' ? 'exports' : 'interfaces'}/${info.base}.d.ts`;
}

function opaqueHostFile(): GeneratedFile {
  return {
    path: OPAQUE_FILE,
    contents: [
      '// Opaque WIT handle types: @wit-ts/runtime does not yet expose values of these',
      '// types to JavaScript, so they are typed as branded handles (never construct them).',
      'declare const futureBrand: unique symbol;',
      'declare const streamBrand: unique symbol;',
      'declare const errorContextBrand: unique symbol;',
      '/** A WIT `future<T>` handle (opaque). */',
      'export interface Future<T> {',
      '  readonly [futureBrand]: T;',
      '}',
      '/** A WIT `stream<T>` handle (opaque). */',
      'export interface Stream<T> {',
      '  readonly [streamBrand]: T;',
      '}',
      '/** A WIT `error-context` handle (opaque). */',
      'export interface ErrorContext {',
      '  readonly [errorContextBrand]: true;',
      '}',
      '',
    ].join('\n'),
  };
}

function usesOpaque(files: GeneratedFile[]): boolean {
  return files.some(
    (f) => f.contents.includes(OPAQUE_FILE.replace(/\.d\.ts$/, '.js')) || f.contents.includes(OPAQUE_MODULE),
  );
}

function worldFileBase(world: World): string {
  return world.name.replace(/[^A-Za-z0-9-]+/g, '-');
}

function worldKeyName(plan: Plan, key: WorldKey, item: WorldItem): string {
  if ('name' in key) return key.name;
  if (item.kind === 'interface') return plan.ifaces.get(item.id)!.fullName;
  return `interface-${key.interface}`;
}

/** `ns:pkg/iface@1.0.0` → `iface` (the runtime's short export name). */
function shortName(name: string): string {
  let s = name;
  const at = s.lastIndexOf('@');
  if (at > 0) s = s.slice(0, at);
  const slash = s.lastIndexOf('/');
  if (slash >= 0) s = s.slice(slash + 1);
  const colon = s.lastIndexOf(':');
  if (colon >= 0) s = s.slice(colon + 1);
  return s;
}

export function generateHostUnformatted(resolve: Resolve, worldId: number): GeneratedFile[] {
  const plan = makePlan(resolve, worldId);
  const { world } = plan;
  const worldPath = `${worldFileBase(world)}.ts`;
  const pathOf = (k: FileKey) => hostPath(plan, k, worldPath);
  const files: GeneratedFile[] = [];

  for (const info of plan.ifaces.values()) {
    const copies: ('i' | 'e')[] = [];
    if (info.imported || !info.exported) copies.push('i');
    if (info.exported) copies.push('e');
    for (const c of copies) {
      const key = `${c}:${info.id}`;
      const path = pathOf(key);
      const ids = [...info.iface.types.values()];
      // Emit the body first (allocating import aliases), then prepend the imports.
      const body = new HostEmitter(plan, 'host', key, path);
      body.claimLocals(ids);
      body.hostImplemented = c === 'i';
      body.declareFunctions(info.iface.functions.values(), false);
      body.declareTypes(ids, info.iface.functions.values(), false, c === 'e');
      const head = new Out();
      head.doc(interfaceHeader(info));
      for (const l of body.importLines(pathOf)) head.line(l);
      const text = head.text() + body.out.text();
      files.push({ path, contents: ensureModule(text) });
    }
  }

  // The world module.
  const w = new HostEmitter(plan, 'host', 'w', worldPath);
  const worldTypeIds: number[] = [];
  const worldFuncs: WitFunction[] = [];
  for (const { key, item } of world.imports.values()) {
    if (item.kind === 'type' && 'name' in key) worldTypeIds.push(item.id);
    if (item.kind === 'function') worldFuncs.push(item.function);
  }
  w.claimLocals(worldTypeIds);
  const worldPascal = pascalCase(world.name);
  const rt = { instantiate: '$instantiate', HostImports: '$HostImports' };
  const importsName = w.scope.take(`${worldPascal}Imports`);
  const exportsName = w.scope.take(`${worldPascal}Exports`);
  const reexportError = !w.scope.has('ComponentError');
  if (reexportError) w.scope.claim('ComponentError');
  const reexportOptions = !w.scope.has('InstantiateOptions');
  if (reexportOptions) w.scope.claim('InstantiateOptions');
  const optionsName = reexportOptions ? 'InstantiateOptions' : '$InstantiateOptions';

  w.declareTypes(worldTypeIds, worldFuncs, false, false);
  // Imports.
  const o = w.out;
  o.line();
  o.doc([`What the host provides to instantiate a \`${plan.worldFullName}\` component.`]);
  let importCount = 0;
  o.block(`export interface ${importsName} {`, () => {
    for (const { key, item } of world.imports.values()) {
      if (item.kind === 'interface') {
        const info = plan.ifaces.get(item.id)!;
        o.doc(docLines(item.docs ?? info.iface.docs, item.stability));
        o.line(`${propKey(worldKeyName(plan, key, item))}: typeof ${w.aliasFor(`i:${item.id}`)};`);
        importCount++;
      } else if (item.kind === 'function') {
        const f = item.function;
        if (f.kind.kind === 'freestanding' || f.kind.kind === 'async-freestanding') {
          w.hostImplemented = true;
          w.memberFunction(f, camelCase(f.name));
          w.hostImplemented = false;
          importCount++;
        }
      } else {
        const td = resolve.types[item.id];
        if (td.kind.kind === 'resource' && td.owner !== null && 'world' in td.owner) {
          o.doc(['The host class implementing this world-level resource (optional when it has no functions).']);
          const n = plan.typeNames.get(item.id)!;
          const hasFns = worldFuncs.some(
            (f) =>
              f.kind.kind !== 'freestanding' && f.kind.kind !== 'async-freestanding' && f.kind.resource === item.id,
          );
          o.line(`${propKey(pascalCase(td.name ?? n))}${hasFns ? '' : '?'}: typeof ${n};`);
          importCount++;
        }
      }
    }
  });
  // Exports, in the runtime's shaping order.
  const exp = new Map<string, string[]>();
  const expDoc = new Map<string, string[]>();
  const expFns: WitFunction[] = [];
  for (const { key, item } of world.exports.values()) {
    if (item.kind === 'interface') {
      const full = worldKeyName(plan, key, item);
      const t = `typeof ${w.aliasFor(`e:${item.id}`)}`;
      const d = docLines(item.docs ?? plan.ifaces.get(item.id)!.iface.docs, item.stability);
      exp.set(full, [t]);
      expDoc.set(full, d);
      const short = camelCase(shortName(full));
      if (!exp.has(short)) {
        exp.set(short, [t]);
        expDoc.set(short, [`\`${full}\` (short name).`]);
      }
    } else if (item.kind === 'function') expFns.push(item.function);
  }
  o.line();
  o.doc([`The exports of an instantiated \`${plan.worldFullName}\` component.`]);
  o.block(`export interface ${exportsName} {`, () => {
    const fnNames = new Set(expFns.map((f) => camelCase(f.name)));
    for (const [k, [t]] of exp) {
      if (fnNames.has(k)) continue;
      o.doc(expDoc.get(k) ?? []);
      o.line(`${propKey(k)}: ${t};`);
    }
    for (const f of expFns) w.memberFunction(f, camelCase(f.name));
  });
  o.line();
  o.doc([
    `Instantiates a \`${plan.worldFullName}\` component on @wit-ts/runtime.`,
    ...docLines(world.docs, world.stability).map((l) => l),
    '',
    '@param component The component binary.',
    '@param imports The host implementations of the world’s imports (jco-shaped).',
    '@param options Runtime options (`instantiateCore`, `fastPaths`, `validate`).',
  ]);
  const importsParam = importCount === 0 ? `imports: ${importsName} = {}` : `imports: ${importsName}`;
  o.sigBlock(
    'export async function instantiate',
    [`component: ${w.builtin('Uint8Array')} | ${w.builtin('ArrayBuffer')}`, importsParam, `options?: ${optionsName}`],
    `: ${w.builtin('Promise')}<${exportsName}>`,
    () => {
      o.line(`const exports = await ${rt.instantiate}(component, imports as unknown as ${rt.HostImports}, options);`);
      o.line(`return exports as unknown as ${exportsName};`);
    },
  );

  const head = new Out();
  head.line(`// Generated by @wit-ts/bindgen-ts for world ${plan.worldFullName}. Do not edit.`);
  const rtImports = [`instantiate as ${rt.instantiate}`, `type HostImports as ${rt.HostImports}`];
  if (!reexportOptions) rtImports.push(`type InstantiateOptions as $InstantiateOptions`);
  head.line(`import { ${rtImports.join(', ')} } from '@wit-ts/runtime';`);
  if (reexportOptions) head.line(`import type { InstantiateOptions } from '@wit-ts/runtime';`);
  const reexports: string[] = [];
  if (reexportError) reexports.push('ComponentError');
  if (reexportOptions) reexports.push('type InstantiateOptions');
  head.line(`export { ${reexports.join(', ')} } from '@wit-ts/runtime';`);
  for (const l of w.importLines(pathOf)) head.line(l);
  head.line();
  files.push({ path: worldPath, contents: head.text() + o.text() });
  if (usesOpaque(files)) files.push(opaqueHostFile());
  return files;
}

function ensureModule(text: string): string {
  return /^(export|import) /m.test(text) ? text : text + 'export {};\n';
}

// ---------------------------------------------------------------------------
// Guest.

class GuestEmitter extends Emitter {
  /** Guest module specifier of a file key. */
  constructor(
    plan: Plan,
    key: FileKey,
    path: string,
    readonly specOf: (k: FileKey) => string,
  ) {
    super(plan, 'guest', key, path);
  }
  fileOf(typeId: number): FileKey {
    const owner = this.r.types[typeId].owner;
    if (owner === null || 'world' in owner) return 'w';
    return `i:${owner.interface}`;
  }
  foreign(file: FileKey, name: string): string {
    return `import(${quote(this.specOf(file))}).${name}`;
  }
  opaque(name: string): string {
    return `import(${quote(OPAQUE_MODULE)}).${name}`;
  }
}

function opaqueGuestFile(): GeneratedFile {
  return {
    path: OPAQUE_FILE,
    contents: [
      `declare module ${quote(OPAQUE_MODULE)} {`,
      '  // Opaque WIT handle types (type-only module: never imported at run time).',
      '  const futureBrand: unique symbol;',
      '  const streamBrand: unique symbol;',
      '  const errorContextBrand: unique symbol;',
      '  /** A WIT `future<T>` handle (opaque). */',
      '  export interface Future<T> {',
      '    readonly [futureBrand]: T;',
      '  }',
      '  /** A WIT `stream<T>` handle (opaque). */',
      '  export interface Stream<T> {',
      '    readonly [streamBrand]: T;',
      '  }',
      '  /** A WIT `error-context` handle (opaque). */',
      '  export interface ErrorContext {',
      '    readonly [errorContextBrand]: true;',
      '  }',
      '}',
      '',
    ].join('\n'),
  };
}

export function generateGuestUnformatted(resolve: Resolve, worldId: number): GeneratedFile[] {
  const plan = makePlan(resolve, worldId);
  const { world } = plan;
  const specOf = (k: FileKey) => (k === 'w' ? plan.worldFullName : plan.ifaces.get(Number(k.slice(2)))!.spec);
  const worldPath = `${worldFileBase(world)}.d.ts`;
  const files: GeneratedFile[] = [];
  const refs: string[] = [];
  for (const info of plan.ifaces.values()) {
    const key = `i:${info.id}`;
    const path = `interfaces/${info.base}.d.ts`;
    const e = new GuestEmitter(plan, key, path, specOf);
    const ids = [...info.iface.types.values()];
    e.claimLocals(ids);
    const o = e.out;
    o.doc(interfaceHeader(info));
    o.block(`declare module ${quote(info.spec)} {`, () => {
      e.declareFunctions(info.iface.functions.values(), true);
      // Imported resources are handles the guest holds: disposable.
      e.declareTypes(ids, info.iface.functions.values(), true, info.imported);
      if (ids.length === 0 && info.iface.functions.size === 0) o.line('export {};');
    });
    files.push({ path, contents: o.text() });
    refs.push(path);
  }

  const w = new GuestEmitter(plan, 'w', worldPath, specOf);
  const worldTypeIds: number[] = [];
  const worldImportFuncs: WitFunction[] = [];
  for (const { key, item } of world.imports.values()) {
    if (item.kind === 'type' && 'name' in key) worldTypeIds.push(item.id);
    if (item.kind === 'function') worldImportFuncs.push(item.function);
  }
  w.claimLocals(worldTypeIds);
  const o = w.out;
  o.line(`// Generated by @wit-ts/bindgen-ts for world ${plan.worldFullName} (guest side). Do not edit.`);
  for (const p of refs) o.line(`/// <reference path=${JSON.stringify(relPath(worldPath, p))} />`);
  o.doc(docLines(world.docs, world.stability));
  o.block(`declare module ${quote(plan.worldFullName)} {`, () => {
    w.declareTypes(worldTypeIds, worldImportFuncs, true, true);
    const exportNames = new NameScope();
    for (const id of worldTypeIds) exportNames.claim(plan.typeNames.get(id)!);
    const expFns = [...world.exports.values()].flatMap(({ item }) => (item.kind === 'function' ? [item.function] : []));
    for (const f of expFns) exportNames.claim(camelCase(f.name));
    for (const { key, item } of world.imports.values()) {
      if (item.kind !== 'interface') continue;
      const info = plan.ifaces.get(item.id)!;
      const alias = exportNames.take(pascalCase(info.base).replace(/[^A-Za-z0-9_$]/g, '_'));
      o.line(`export type * as ${alias} from ${quote(info.spec)}; // import ${worldKeyName(plan, key, item)}`);
    }
    for (const { key, item } of world.exports.values()) {
      if (item.kind !== 'interface') continue;
      const info = plan.ifaces.get(item.id)!;
      const full = worldKeyName(plan, key, item);
      const short = camelCase(shortName(full));
      const name = exportNames.has(short) || isReserved(short) ? quote(full) : short;
      exportNames.claim(short);
      o.doc(docLines(item.docs, item.stability));
      o.line(`export * as ${name} from ${quote(info.spec)}; // export ${full}`);
    }
    w.declareFunctions(expFns, true);
  });
  // World-level function imports: componentize-js resolves `import f from '<name>'`.
  for (const f of worldImportFuncs) {
    if (f.kind.kind !== 'freestanding' && f.kind.kind !== 'async-freestanding') continue;
    const fe = new GuestEmitter(plan, `f:${f.name}`, worldPath, specOf);
    const { type } = fe.ret(f);
    o.doc(fe.funcDoc(f));
    o.block(`declare module ${quote(f.name)} {`, () => {
      o.sig(`export default function ${escapeIdent(camelCase(f.name))}`, fe.params(f, false), `: ${type};`);
    });
  }
  files.push({ path: worldPath, contents: o.text() });
  if (usesOpaque(files)) {
    files.push(opaqueGuestFile());
    const wf = files.find((f) => f.path === worldPath)!;
    wf.contents = wf.contents.replace(
      /(\/\/ Generated[^\n]*\n)/,
      `$1/// <reference path=${JSON.stringify(relPath(worldPath, OPAQUE_FILE))} />\n`,
    );
  }
  return files;
}
