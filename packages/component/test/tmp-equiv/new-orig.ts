/**
 * `new`: a component from a core module carrying `component-type` metadata
 * (what `wasm-tools component new` does).
 *
 * Layout of the emitted component:
 *  1. the world's imports (only what the module and its adapters use, plus
 *     the interfaces whose types the exports need), as `encodeWorld` types;
 *  2. the main module, the adapters, the shim module (one `call_indirect`
 *     trampoline per import that can only be lowered once the main module's
 *     memory/realloc exist, per adapter export the main module imports, and
 *     per destructor of an exported resource);
 *  3. the shim instance, exported resource types, one core instance per
 *     import module of the main module, the main instance;
 *  4. adapters (their WASI imports lowered against the main memory), then
 *     the fixup module filling the shim's table (and calling `_initialize`);
 *  5. lifted exports: world functions directly, interfaces through a small
 *     nested component that re-exports the lifted functions with their
 *     types named (like wit-component's `*-shim-component`).
 */
import type {
  Function,
  Interface,
  Resolve,
  TypeDefKind,
  TypeRef,
  World,
  WorldItem,
  WorldKey,
} from '@wit-ts/wit-parser';
import { decodeCoreModule } from '../../src/decode-core-module.js';
import { encodeComponent } from '../../src/encode-component.js';
import type { CanonOpt, Component, CoreInlineExport, DefType, ExternType, PrimValType, ValType } from '../../src/model.js';
import { encodeWorld } from '../../src/wit/encode.js';
import { interfaceIdOf, isAsync, nameWorldKey } from '../../src/wit/resolve-util.js';
import { abiNeeds, coreSignature } from '../../src/build/abi.js';
import { gcAdapter, type AdapterInfo } from '../../src/build/adapter.js';
import { ComponentBuilder } from '../../src/build/component-builder.js';
import type { StringEncodingName } from '../../src/build/embed.js';
import { ComponentNewError, decodeAllMetadata } from '../../src/build/metadata.js';
import { interfaceResources, ROOT_MODULE, STD_PREFIX } from '../../src/build/names.js';
import { ModuleBuilder, recToSig, sigString, sleb, stripComponentTypeSections, uleb, type Sig } from '../../src/build/wasm.js';

export { ComponentNewError };

export interface ComponentNewOptions {
  /** Adapters: `name` is the core module name the main module imports them under (e.g. `wasi_snapshot_preview1`). */
  adapters?: { name: string; bytes: Uint8Array }[];
}

// ------------------------------------------------------------ core module facts

interface ModuleFacts {
  funcImports: { module: string; name: string; sig: Sig }[];
  otherImports: { module: string; name: string; kind: string }[];
  exports: Map<string, { kind: number; index: number }>;
  funcSigs: Sig[];
}

function moduleFacts(bytes: Uint8Array, what: string): ModuleFacts {
  const m = decodeCoreModule(bytes);
  const types: (Sig | undefined)[] = [];
  const facts: ModuleFacts = { funcImports: [], otherImports: [], exports: new Map(), funcSigs: [] };
  for (const s of m.sections) {
    if (s.kind === 'type')
      for (const t of s.types)
        for (let i = 0; i < t.types.length; i++) types.push(t.types.length === 1 ? recToSig(t) : undefined);
    else if (s.kind === 'import') {
      for (const i of s.imports) {
        if (i.type.kind === 'func') {
          const sig = types[i.type.type];
          if (sig === undefined)
            throw new ComponentNewError(`${what} imports \`${i.module}::${i.name}\` with a non-numeric function type`);
          facts.funcImports.push({ module: i.module, name: i.name, sig });
          facts.funcSigs.push(sig);
        } else facts.otherImports.push({ module: i.module, name: i.name, kind: i.type.kind });
      }
    } else if (s.kind === 'export')
      for (const e of s.exports) facts.exports.set(e.name, { kind: e.kind, index: e.index });
    else if (s.kind === 'raw' && s.id === 3) {
      // function section: type index per defined function
      let p = 0;
      const b = s.body;
      const rd = () => {
        let v = 0;
        let shift = 0;
        for (;;) {
          const x = b[p++];
          v |= (x & 0x7f) << shift;
          if ((x & 0x80) === 0) return v >>> 0;
          shift += 7;
        }
      };
      const n = rd();
      for (let i = 0; i < n; i++) {
        const t = types[rd()];
        facts.funcSigs.push(t ?? { params: [], results: [] });
      }
    }
  }
  return facts;
}

function exportedFuncSig(facts: ModuleFacts, name: string): Sig | undefined {
  const e = facts.exports.get(name);
  if (e === undefined || e.kind !== 0) return undefined;
  return facts.funcSigs[e.index];
}

const sameSig = (a: Sig, b: Sig) => sigString(a) === sigString(b);

// ------------------------------------------------------------ import matching

type ImportTarget =
  | { kind: 'func'; key: string; name: string; iface: number | null; func: Function }
  | { kind: 'resource-drop'; key: string; type: number }
  | { kind: 'export-resource'; op: 'new' | 'rep' | 'drop'; key: string; type: number };

interface ImportModule {
  /** How errors describe the module. */
  describe: string;
  fields: Map<string, ImportTarget>;
}

function importTable(resolve: Resolve, world: World): Map<string, ImportModule> {
  const table = new Map<string, ImportModule>();
  const mod = (name: string, describe: string) => {
    let m = table.get(name);
    if (m === undefined) table.set(name, (m = { describe, fields: new Map() }));
    return m;
  };
  const worldDesc = `world \`${world.name}\``;
  for (const [key, { key: wk, item }] of world.imports) {
    if (item.kind === 'function') {
      const t: ImportTarget = { kind: 'func', key, name: item.function.name, iface: null, func: item.function };
      mod(ROOT_MODULE, worldDesc).fields.set(item.function.name, t);
      mod(STD_PREFIX, worldDesc).fields.set(item.function.name, t);
    } else if (item.kind === 'interface') {
      const name = nameWorldKey(resolve, wk);
      const desc = `interface \`${name}\``;
      const legacy = mod(name, desc);
      const std = mod(`${STD_PREFIX}|${name}`, desc);
      for (const f of resolve.interfaces[item.id].functions.values()) {
        const t: ImportTarget = { kind: 'func', key, name: f.name, iface: item.id, func: f };
        legacy.fields.set(f.name, t);
        std.fields.set(f.name, t);
      }
      for (const r of interfaceResources(resolve, item.id)) {
        const t: ImportTarget = { kind: 'resource-drop', key, type: r.id };
        legacy.fields.set(`[resource-drop]${r.name}`, t);
        std.fields.set(`${r.name}_drop`, t);
      }
    } else {
      const td = resolve.types[item.id];
      if (
        td.kind.kind === 'resource' ||
        (td.kind.kind === 'type' &&
          typeof td.kind.type === 'number' &&
          resolve.types[resolveAlias(resolve, td.kind.type)].kind.kind === 'resource')
      ) {
        const t: ImportTarget = { kind: 'resource-drop', key, type: item.id };
        mod(ROOT_MODULE, worldDesc).fields.set(`[resource-drop]${key}`, t);
        mod(STD_PREFIX, worldDesc).fields.set(`${key}_drop`, t);
      }
    }
  }
  for (const [key, { key: wk, item }] of world.exports) {
    if (item.kind !== 'interface') continue;
    const name = nameWorldKey(resolve, wk);
    const desc = `exported interface \`${name}\``;
    const legacy = mod(`[export]${name}`, desc);
    const std = mod(`${STD_PREFIX}|_ex_${name}`, desc);
    for (const r of interfaceResources(resolve, item.id)) {
      for (const op of ['new', 'rep', 'drop'] as const) {
        const t: ImportTarget = { kind: 'export-resource', op, key, type: r.id };
        legacy.fields.set(`[resource-${op}]${r.name}`, t);
        std.fields.set(`${r.name}_${op}`, t);
      }
    }
  }
  return table;
}

function resolveAlias(resolve: Resolve, t: number): number {
  let id = t;
  for (;;) {
    const k = resolve.types[id].kind;
    if (k.kind === 'type' && typeof k.type === 'number') id = k.type;
    else return id;
  }
}

/** `a:b/c@0.2.6` finds `a:b/c@0.2.12` (same semver-compatible track), like wit-component. */
function semverCompatible(table: Map<string, unknown>, module: string): string | undefined {
  const at = module.lastIndexOf('@');
  if (at < 0) return undefined;
  const base = module.slice(0, at);
  const track = (v: string) => {
    const [maj, min] = v.split('.');
    return maj === '0' ? `0.${min}` : maj;
  };
  const want = track(module.slice(at + 1));
  for (const k of table.keys()) {
    const kat = k.lastIndexOf('@');
    if (kat >= 0 && k.slice(0, kat) === base && track(k.slice(kat + 1)) === want) return k;
  }
  return undefined;
}

function matchImport(
  table: Map<string, ImportModule>,
  module: string,
  name: string,
  sig: Sig,
  resolve: Resolve,
  what: string,
): ImportTarget {
  const m = table.get(module) ?? table.get(semverCompatible(table, module) ?? '');
  if (m === undefined) {
    throw new ComponentNewError(
      `${what} imports \`${name}\` from module \`${module}\`, which is neither an import of the world, an exported interface's intrinsics nor an adapter`,
    );
  }
  const t = m.fields.get(name);
  if (t === undefined) {
    const label = module === ROOT_MODULE || module === STD_PREFIX ? `\`${name}\`` : `\`${module}#${name}\``;
    throw new ComponentNewError(`${what} imports ${label} but ${m.describe} has no function \`${name}\``);
  }
  let expected: Sig;
  if (t.kind === 'func') expected = coreSignature(resolve, t.func, 'lower');
  else if (t.kind === 'resource-drop' || t.op === 'drop') expected = { params: ['i32'], results: [] };
  else expected = { params: ['i32'], results: ['i32'] };
  if (!sameSig(expected, sig)) {
    throw new ComponentNewError(
      `type mismatch for \`${module}#${name}\` (${m.describe}): expected ${sigString(expected)} but the module imports ${sigString(sig)}`,
    );
  }
  return t;
}

// ------------------------------------------------------------ export matching

interface ExportNames {
  memory?: string;
  realloc?: string;
  initialize?: string;
  mangling: 'legacy' | 'standard';
}

/**
 * The standard names abbreviate an interface's version to its semver track
 * (`@0.2.12` → `@0.2`, `@1.4.0` → `@1`); pre-releases stay as they are.
 */
export function abbreviateVersion(name: string): string {
  return name.replace(/@(\d+)\.(\d+)\.(\d+)$/, (m, maj: string, min: string) =>
    maj !== '0' ? `@${maj}` : min !== '0' ? `@0.${min}` : m,
  );
}

let shortVersions = false;

function coreExportName(mangling: 'legacy' | 'standard', ifaceName: string | null, fname: string): string {
  if (mangling === 'standard' && shortVersions && ifaceName !== null) ifaceName = abbreviateVersion(ifaceName);
  if (mangling === 'standard') return `${STD_PREFIX}|${ifaceName ?? ''}|${fname}`;
  return ifaceName === null ? fname : `${ifaceName}#${fname}`;
}

function postReturnName(mangling: 'legacy' | 'standard', exportName: string): string {
  return mangling === 'standard' ? `${exportName}_post` : `cabi_post_${exportName}`;
}

function dtorName(mangling: 'legacy' | 'standard', ifaceName: string | null, resource: string): string {
  if (mangling === 'standard' && shortVersions && ifaceName !== null) ifaceName = abbreviateVersion(ifaceName);
  return mangling === 'standard'
    ? `${STD_PREFIX}|${ifaceName ?? ''}|${resource}_dtor`
    : coreExportName('legacy', ifaceName, `[dtor]${resource}`);
}

function classifyExports(resolve: Resolve, world: World, facts: ModuleFacts): ExportNames {
  const has = (n: string) => facts.exports.has(n);
  const standard = [...facts.exports.keys()].some(
    (n) => n.startsWith(`${STD_PREFIX}|`) || n.startsWith(`${STD_PREFIX}_`),
  );
  const mangling = standard ? 'standard' : 'legacy';
  const out: ExportNames = { mangling };
  // Which version spelling the standard names of this module use.
  shortVersions =
    standard &&
    [...world.exports.values()].some((e) => {
      if (e.item.kind !== 'interface') return false;
      const n = nameWorldKey(resolve, e.key);
      return (
        abbreviateVersion(n) !== n &&
        [...facts.exports.keys()].some((x) => x.startsWith(`${STD_PREFIX}|${abbreviateVersion(n)}|`))
      );
    });
  const pick = (names: string[]) => names.find(has);
  const mem = pick(mangling === 'standard' ? ['cm32p2_memory', 'memory'] : ['memory']);
  if (mem !== undefined) out.memory = mem;
  const re = pick(
    mangling === 'standard' ? ['cm32p2_realloc', 'cabi_realloc'] : ['cabi_realloc', 'cabi_export_realloc'],
  );
  if (re !== undefined) out.realloc = re;
  const init = pick(mangling === 'standard' ? ['cm32p2_initialize', '_initialize'] : ['_initialize']);
  if (init !== undefined) out.initialize = init;
  // Every exported function must be there, with the right signature.
  const known = new Set<string>([
    'memory',
    'cabi_realloc',
    'cabi_realloc_adapter',
    'cabi_import_realloc',
    'cabi_export_realloc',
    '_initialize',
    '_start',
    'cm32p2_memory',
    'cm32p2_realloc',
    'cm32p2_initialize',
  ]);
  for (const { key, item } of world.exports.values()) {
    const ifaceName = item.kind === 'interface' ? nameWorldKey(resolve, key) : null;
    const funcs =
      item.kind === 'function'
        ? [item.function]
        : item.kind === 'interface'
          ? [...resolve.interfaces[item.id].functions.values()]
          : [];
    for (const f of funcs) {
      const name = coreExportName(mangling, ifaceName, f.name);
      const sig = exportedFuncSig(facts, name);
      const where = ifaceName === null ? `world \`${world.name}\`` : `interface \`${ifaceName}\``;
      if (sig === undefined)
        throw new ComponentNewError(
          `module does not export \`${name}\`, required by function \`${f.name}\` of ${where}`,
        );
      const expected = coreSignature(resolve, f, 'lift');
      if (!sameSig(sig, expected))
        throw new ComponentNewError(
          `type mismatch for export \`${name}\` (function \`${f.name}\` of ${where}): expected ${sigString(expected)} but the module exports ${sigString(sig)}`,
        );
      known.add(name);
      const post = postReturnName(mangling, name);
      const psig = exportedFuncSig(facts, post);
      if (psig !== undefined) {
        const want: Sig = { params: expected.results, results: [] };
        if (!sameSig(psig, want))
          throw new ComponentNewError(
            `type mismatch for post-return \`${post}\`: expected ${sigString(want)} but the module exports ${sigString(psig)}`,
          );
        known.add(post);
      }
    }
    if (item.kind === 'interface') {
      for (const r of interfaceResources(resolve, item.id)) {
        const d = dtorName(mangling, ifaceName, r.name);
        const dsig = exportedFuncSig(facts, d);
        if (dsig !== undefined && !sameSig(dsig, { params: ['i32'], results: [] }))
          throw new ComponentNewError(`destructor \`${d}\` must have type (i32) -> ()`);
        known.add(d);
      }
    }
  }
  for (const [name, e] of facts.exports) {
    if (e.kind !== 0 || known.has(name)) continue;
    const hash = name.indexOf('#');
    const bar = name.startsWith(`${STD_PREFIX}|`) ? name.split('|') : null;
    let iface: string | null = null;
    let fname = name;
    if (bar !== null && bar.length === 3) {
      iface = bar[1] === '' ? null : bar[1];
      fname = bar[2].replace(/_post$/, '');
    } else if (hash >= 0) {
      iface = name.slice(name.startsWith('cabi_post_') ? 10 : 0, hash);
      fname = name.slice(hash + 1);
    } else if (name.startsWith('cabi_post_')) fname = name.slice(10);
    else continue; // an unrelated export (e.g. `__wasm_call_ctors`) is kept as is
    if (iface === null)
      throw new ComponentNewError(
        `module exports \`${name}\` but world \`${world.name}\` exports no function \`${fname}\``,
      );
    const entry = [...world.exports.values()].find(
      (e) => e.item.kind === 'interface' && nameWorldKey(resolve, e.key) === iface,
    );
    if (entry === undefined)
      throw new ComponentNewError(
        `module exports \`${name}\` but world \`${world.name}\` exports no interface \`${iface}\``,
      );
    throw new ComponentNewError(`module exports \`${name}\` but interface \`${iface}\` has no function \`${fname}\``);
  }
  return out;
}

// ------------------------------------------------------------ live types

function typeDeps(resolve: Resolve, t: TypeRef | undefined, live: Set<number>): void {
  if (t === undefined || typeof t === 'string' || live.has(t)) return;
  live.add(t);
  const k: TypeDefKind = resolve.types[t].kind;
  switch (k.kind) {
    case 'record':
      for (const f of k.fields) typeDeps(resolve, f.type, live);
      break;
    case 'tuple':
      for (const x of k.types) typeDeps(resolve, x, live);
      break;
    case 'variant':
      for (const c of k.cases) typeDeps(resolve, c.type, live);
      break;
    case 'option':
      typeDeps(resolve, k.type, live);
      break;
    case 'result':
      typeDeps(resolve, k.ok, live);
      typeDeps(resolve, k.err, live);
      break;
    case 'list':
    case 'fixed-length-list':
      typeDeps(resolve, k.element, live);
      break;
    case 'map':
      typeDeps(resolve, k.key, live);
      typeDeps(resolve, k.value, live);
      break;
    case 'future':
    case 'stream':
      typeDeps(resolve, k.type, live);
      break;
    case 'type':
      typeDeps(resolve, k.type, live);
      break;
    case 'handle':
      typeDeps(resolve, k.resource, live);
      break;
    default:
      break;
  }
}

function funcDeps(resolve: Resolve, f: Function, live: Set<number>): void {
  for (const p of f.params) typeDeps(resolve, p.type, live);
  typeDeps(resolve, f.result, live);
  if ('resource' in f.kind) typeDeps(resolve, f.kind.resource, live);
}

// ------------------------------------------------------------ the builder

const ENCODING_OPT: Record<StringEncodingName, CanonOpt> = {
  utf8: { kind: 'utf8' },
  utf16: { kind: 'utf16' },
  'compact-utf16': { kind: 'latin1+utf16' },
};

interface ShimSlot {
  sig: Sig;
  /** Produces the real core function once memory/realloc/adapters exist. */
  actual: () => number;
}

/** Turns `[method]r.m` etc. into a kebab label for nested-component import names. */
function funcLabel(f: Function): string {
  const n = f.name;
  let m = /^\[(method|static)\]([^.]+)\.(.+)$/.exec(n);
  if (m !== null) return `import-${m[1]}-${m[2]}-${m[3]}`;
  m = /^\[constructor\](.+)$/.exec(n);
  if (m !== null) return `import-constructor-${m[1]}`;
  return `import-func-${n}`;
}

/** Builds `canon lift`/`lower` option lists. */
function options(
  needs: { memory: boolean; realloc: boolean; strings: boolean },
  memory: () => number,
  realloc: (() => number) | undefined,
  encoding: StringEncodingName,
  what: string,
): CanonOpt[] {
  const out: CanonOpt[] = [];
  if (needs.memory) out.push({ kind: 'memory', index: memory() });
  if (needs.realloc) {
    if (realloc === undefined)
      throw new ComponentNewError(`${what} needs a \`cabi_realloc\` export, but the module exports none`);
    out.push({ kind: 'realloc', index: realloc() });
  }
  if (needs.memory || needs.strings) out.push(ENCODING_OPT[encoding]);
  return out;
}

/** Creates a component from core module `bytes` (which must carry `component-type` metadata). */
export function componentNew(bytes: Uint8Array, opts: ComponentNewOptions = {}): Uint8Array {
  return encodeComponent(componentNewModel(bytes, opts));
}

export function componentNewModel(bytes: Uint8Array, opts: ComponentNewOptions = {}): Component {
  const stripped = stripComponentTypeSections(bytes);
  const meta = decodeAllMetadata(stripped.sections);
  const { resolve, encoding } = meta;
  const world = resolve.worlds[meta.world];
  const facts = moduleFacts(stripped.module, 'module');
  for (const o of facts.otherImports)
    throw new ComponentNewError(
      `module imports a ${o.kind} \`${o.module}::${o.name}\`; only function imports can be satisfied`,
    );

  // Adapters: their metadata joins the same Resolve.
  const adapterNames = new Set((opts.adapters ?? []).map((a) => a.name));
  const mainAdapterImports = new Map<string, Map<string, Sig>>();
  for (const i of facts.funcImports) {
    if (!adapterNames.has(i.module)) continue;
    let m = mainAdapterImports.get(i.module);
    if (m === undefined) mainAdapterImports.set(i.module, (m = new Map()));
    m.set(i.name, i.sig);
  }
  const adapters: AdapterInfo[] = [];
  for (const a of opts.adapters ?? []) {
    const used = mainAdapterImports.get(a.name);
    if (used === undefined) continue; // like wit-component: an adapter nobody imports is dropped
    adapters.push(gcAdapter(a.name, a.bytes, used, resolve));
  }

  // The component's exports: the main world's, then those the adapters implement.
  const allExports = new Map(world.exports);
  for (const a of adapters)
    for (const [k, v] of resolve.worlds[a.world].exports) if (!allExports.has(k)) allExports.set(k, v);
  const table = importTable(resolve, world);
  const mainTargets = facts.funcImports.map((i) =>
    adapterNames.has(i.module) ? null : matchImport(table, i.module, i.name, i.sig, resolve, 'module'),
  );
  const exportNames = classifyExports(resolve, world, facts);

  // ---------------------------------------------- which imports stay
  const usedFuncs = new Set<string>();
  const live = new Set<number>();
  const useTarget = (t: ImportTarget) => {
    if (t.kind === 'func') {
      usedFuncs.add(`${t.key}\0${t.name}`);
      funcDeps(resolve, t.func, live);
    } else if (t.kind === 'resource-drop') typeDeps(resolve, t.type, live);
  };
  for (const t of mainTargets) if (t !== null) useTarget(t);
  const exportedIfaces = new Set<number>();
  for (const { item } of allExports.values()) if (item.kind === 'interface') exportedIfaces.add(item.id);
  for (const { item } of allExports.values()) {
    if (item.kind === 'function') funcDeps(resolve, item.function, live);
    else if (item.kind === 'interface') {
      // Like wit-component: an exported interface makes live only the imported
      // types it needs from interfaces that are not exported themselves.
      const fromExport = new Set<number>();
      for (const t of resolve.interfaces[item.id].types.values()) typeDeps(resolve, t, fromExport);
      for (const f of resolve.interfaces[item.id].functions.values()) funcDeps(resolve, f, fromExport);
      for (const t of fromExport) {
        const owner = resolve.types[t].owner;
        if (
          owner !== null &&
          'interface' in owner &&
          owner.interface !== item.id &&
          !exportedIfaces.has(owner.interface)
        )
          typeDeps(resolve, t, live);
      }
    }
  }
  // The import world: the main world's imports, then the adapters' (by key).
  const importEntries: [string, { key: WorldKey; item: WorldItem }][] = [...world.imports];
  const adapterTargets: (ImportTarget | null)[][] = [];
  for (const a of adapters) {
    const aw = resolve.worlds[a.world];
    for (const [k, v] of aw.imports) if (!importEntries.some(([k2]) => k2 === k)) importEntries.push([k, v]);
    const atable = importTable(resolve, aw);
    adapterTargets.push(
      a.imports.map((i) => {
        if (i.module === 'env' || i.module === '__main_module__' || !i.live) return null;
        const t = matchImport(atable, i.module, i.name, i.sig, resolve, `adapter \`${a.name}\``);
        useTarget(t);
        return t;
      }),
    );
  }
  // like wit-component, world-level types are always live
  for (const [, { item }] of importEntries) if (item.kind === 'type') typeDeps(resolve, item.id, live);
  const trimmed: Resolve = { ...resolve, interfaces: [...resolve.interfaces], worlds: [...resolve.worlds] };
  const importWorld: World = {
    name: world.name,
    imports: new Map(),
    exports: new Map(),
    docs: {},
    stability: { kind: 'unknown' },
  };
  if (world.package !== undefined) importWorld.package = world.package;
  for (const [key, entry] of importEntries) {
    const { item } = entry;
    if (item.kind === 'function') {
      if (usedFuncs.has(`${key}\0${item.function.name}`)) importWorld.imports.set(key, entry);
    } else if (item.kind === 'type') {
      importWorld.imports.set(key, entry);
    } else {
      const iface = resolve.interfaces[item.id];
      const functions = new Map([...iface.functions].filter(([n]) => usedFuncs.has(`${key}\0${n}`)));
      const types = new Map([...iface.types].filter(([, id]) => live.has(id)));
      if (functions.size === 0 && types.size === 0) continue;
      const copy: Interface = { ...iface, functions, types };
      trimmed.interfaces[item.id] = copy;
      importWorld.imports.set(key, entry);
    }
  }
  trimmed.worlds.push(importWorld);
  const importType = encodeWorld(trimmed, trimmed.worlds.length - 1);

  // ---------------------------------------------- component imports
  const b = new ComponentBuilder();
  const importIndex = new Map<string, number>();
  for (const d of importType.decls) {
    if (d.kind === 'type') b.type(d.type);
    else if (d.kind === 'alias') b.alias(d.alias);
    else if (d.kind === 'import') importIndex.set(d.name.name, b.importRaw({ name: d.name, type: d.type }));
    else if (d.kind === 'core-type') throw new ComponentNewError('core types in a world type are not supported');
  }
  const importedInstance = new Map<number, number>();
  const rootFuncImport = new Map<string, number>();
  const worldTypeImport = new Map<number, number>();
  for (const [key, { key: wk, item }] of importWorld.imports) {
    const idx = importIndex.get(item.kind === 'interface' ? nameWorldKey(resolve, wk) : key);
    if (idx === undefined) continue;
    if (item.kind === 'interface') importedInstance.set(item.id, idx);
    else if (item.kind === 'function') rootFuncImport.set(item.function.name, idx);
    else worldTypeImport.set(item.id, idx);
  }

  // ---------------------------------------------- root types
  const aliasCache = new Map<string, number>();
  const exportedInstance = new Map<number, number>();
  let current: number | null = null;
  let localCache = new Map<number, ValType>();
  const resourceType = new Map<number, number>();
  const rootType = (t: TypeRef): ValType => {
    if (typeof t === 'string') return t;
    const td = resolve.types[t];
    const owner = td.owner;
    if (owner !== null && 'interface' in owner && owner.interface !== current) {
      // Exported interfaces see the types of other exported interfaces; everything else sees imports.
      const inst =
        (current !== null ? exportedInstance.get(owner.interface) : undefined) ?? importedInstance.get(owner.interface);
      if (inst === undefined || td.name === undefined)
        throw new ComponentNewError(
          `type \`${td.name ?? t}\` of interface ${owner.interface} is needed but its interface is neither imported nor exported`,
        );
      const key = `${inst}:${t}`;
      const cached = aliasCache.get(key);
      if (cached !== undefined) return cached;
      const idx = b.aliasExport(inst, td.name, 'type');
      aliasCache.set(key, idx);
      return idx;
    }
    if (owner !== null && 'world' in owner) {
      const imp = worldTypeImport.get(t);
      if (imp !== undefined) return imp;
    }
    const r = resourceType.get(t);
    if (r !== undefined) return r;
    const cached = localCache.get(t);
    if (cached !== undefined) return cached;
    const v = defineStructural(td.kind, rootType, (d) => b.type(d), `type ${td.name ?? t}`);
    localCache.set(t, v);
    return v;
  };
  const funcTypeCache = new Map<string, number>();
  const rootFuncType = (f: Function): number => {
    const params = f.params.map((p) => ({ name: p.name, type: rootType(p.type) }));
    const result = f.result === undefined ? null : rootType(f.result);
    const key = JSON.stringify([isAsync(f), params, result]);
    const hit = funcTypeCache.get(key);
    if (hit !== undefined) return hit;
    const idx = b.type({ kind: 'func', async: isAsync(f), params, result });
    funcTypeCache.set(key, idx);
    return idx;
  };

  // ---------------------------------------------- core modules
  const shimSlots: ShimSlot[] = [];
  const mainModule = b.coreModule(stripped.module);
  const adapterModules = adapters.map((a) => b.coreModule(a.module));

  // Slots are assigned now, the shim module is emitted once all are known;
  // its instance index is needed by aliases, so reserve the order: we build
  // all slot descriptions first (pure), then emit.
  interface CoreFuncPlan {
    direct?: () => number;
    slot?: number;
  }
  let mainInstance = -1;
  let memoryIdx = -1;
  let reallocIdx = -1;
  const memory = () => {
    if (memoryIdx < 0) {
      if (exportNames.memory === undefined)
        throw new ComponentNewError('module does not export a memory, but the canonical ABI needs one');
      memoryIdx = b.aliasCoreExport(mainInstance, exportNames.memory, 'memory');
    }
    return memoryIdx;
  };
  const realloc =
    exportNames.realloc === undefined
      ? undefined
      : () => {
          if (reallocIdx < 0) reallocIdx = b.aliasCoreExport(mainInstance, exportNames.realloc!, 'func');
          return reallocIdx;
        };
  const importFunc = (t: Extract<ImportTarget, { kind: 'func' }>): number =>
    t.iface === null
      ? rootFuncImport.get(t.func.name)!
      : b.aliasExport(importedInstance.get(t.iface)!, t.func.name, 'func');

  // Plan main imports.
  const mainPlans: CoreFuncPlan[] = [];
  facts.funcImports.forEach((imp, i) => {
    const t = mainTargets[i];
    if (t === null) {
      const a = adapters.findIndex((x) => x.name === imp.module);
      shimSlots.push({ sig: imp.sig, actual: () => b.aliasCoreExport(adapterInstances[a], imp.name, 'func') });
      mainPlans.push({ slot: shimSlots.length - 1 });
      return;
    }
    if (t.kind === 'func') {
      const needs = abiNeeds(resolve, t.func, 'lower');
      if (!needs.memory) {
        mainPlans.push({
          direct: () => b.lower(importFunc(t), options(needs, memory, realloc, encoding, `import \`${t.name}\``)),
        });
      } else {
        shimSlots.push({
          sig: imp.sig,
          actual: () =>
            b.lower(importFunc(t), options(needs, memory, realloc, encoding, `import \`${imp.module}#${t.name}\``)),
        });
        mainPlans.push({ slot: shimSlots.length - 1 });
      }
    } else if (t.kind === 'resource-drop') {
      mainPlans.push({ direct: () => b.resourceIntrinsic('resource.drop', rootType(t.type) as number) });
    } else {
      mainPlans.push({ direct: () => b.resourceIntrinsic(`resource.${t.op}`, resourceType.get(t.type)!) });
    }
  });
  // Destructors of exported resources.
  const dtorSlots = new Map<number, number>();
  for (const { key, item } of world.exports.values()) {
    if (item.kind !== 'interface') continue;
    const ifaceName = nameWorldKey(resolve, key);
    for (const r of interfaceResources(resolve, item.id)) {
      const name = dtorName(exportNames.mangling, ifaceName, r.name);
      if (!facts.exports.has(name)) continue;
      shimSlots.push({
        sig: { params: ['i32'], results: [] },
        actual: () => b.aliasCoreExport(mainInstance, name, 'func'),
      });
      dtorSlots.set(r.id, shimSlots.length - 1);
    }
  }
  // Adapter imports.
  const adapterInstances: number[] = [];
  const adapterPlans: CoreFuncPlan[][] = adapters.map((a, ai) =>
    a.imports.map((imp, ii) => {
      if (imp.module === 'env' || imp.module === '__main_module__') return {};
      if (!imp.live) return {};
      const t = adapterTargets[ai][ii]!;
      const aRealloc =
        a.importRealloc === undefined
          ? undefined
          : () => b.aliasCoreExport(adapterInstances[ai], a.importRealloc!, 'func');
      if (t.kind === 'func') {
        const needs = abiNeeds(resolve, t.func, 'lower');
        const make = () =>
          b.lower(importFunc(t), options(needs, memory, aRealloc, 'utf8', `adapter import \`${t.name}\``));
        if (!needs.realloc) return { direct: make };
        shimSlots.push({ sig: imp.sig, actual: make });
        return { slot: shimSlots.length - 1 };
      }
      if (t.kind === 'resource-drop')
        return { direct: () => b.resourceIntrinsic('resource.drop', rootType(t.type) as number) };
      throw new ComponentNewError(`adapter \`${a.name}\` uses exported-resource intrinsics, which are not supported`);
    }),
  );

  // ---------------------------------------------- shim module + instance
  let shimInstance = -1;
  if (shimSlots.length > 0) {
    const shim = new ModuleBuilder();
    shim.table = shimSlots.length;
    shimSlots.forEach((s, i) => {
      const body: number[] = [];
      s.sig.params.forEach((_, p) => body.push(0x20, ...uleb(p)));
      body.push(0x41, ...sleb(i), 0x11, ...uleb(shim.typeIndex(s.sig)), 0x00);
      shim.export(String(i), 0, shim.func({ type: s.sig, body }));
    });
    shim.export('$imports', 1, 0);
    const shimModule = b.coreModule(shim.finish());
    shimInstance = b.instantiateCore(shimModule, []);
  }
  const slotFunc = (slot: number) => b.aliasCoreExport(shimInstance, String(slot), 'func');

  // ---------------------------------------------- exported resource types
  for (const { item } of world.exports.values()) {
    if (item.kind !== 'interface') continue;
    for (const r of interfaceResources(resolve, item.id)) {
      const slot = dtorSlots.get(r.id);
      const dtor = slot === undefined ? null : slotFunc(slot);
      resourceType.set(r.id, b.type({ kind: 'resource', rep: 0x7f, dtor }));
    }
  }

  // ---------------------------------------------- main instance
  const resolvePlan = (p: CoreFuncPlan) => (p.slot !== undefined ? slotFunc(p.slot) : p.direct!());
  const groupArgs = (
    imports: { module: string; name: string }[],
    plans: CoreFuncPlan[],
    skip: (m: string) => boolean,
  ) => {
    const groups = new Map<string, CoreInlineExport[]>();
    imports.forEach((imp, i) => {
      if (skip(imp.module) || (plans[i].slot === undefined && plans[i].direct === undefined)) return;
      const f = resolvePlan(plans[i]);
      let g = groups.get(imp.module);
      if (g === undefined) groups.set(imp.module, (g = []));
      g.push({ name: imp.name, sort: 'func', index: f });
    });
    return [...groups].map(([module, exports]) => ({
      name: module,
      sort: 'instance' as const,
      index: b.coreInstanceExports(exports),
    }));
  };
  const mainArgs = groupArgs(facts.funcImports, mainPlans, () => false);
  mainInstance = b.instantiateCore(mainModule, mainArgs);

  // ---------------------------------------------- adapters
  // A page-granular realloc over the main memory, for adapters when the module exports none.
  let growRealloc = -1;
  const memoryGrowRealloc = (): number => {
    if (growRealloc >= 0) return growRealloc;
    const h = new ModuleBuilder();
    h.importMemory('env', 'memory');
    // (old_ptr, old_len, align, new_len): only fresh allocations; returns the start of new pages.
    const body = [
      0x41,
      0,
      0x20,
      0,
      0x47,
      0x04,
      0x40,
      0x00,
      0x0b,
      0x20,
      3,
      0x41,
      ...sleb(0xffff),
      0x6a,
      0x41,
      16,
      0x76,
      0x40,
      0x00,
      0x22,
      4,
      0x41,
      0x7f,
      0x46,
      0x04,
      0x40,
      0x00,
      0x0b,
      0x20,
      4,
      0x41,
      16,
      0x74,
    ];
    h.export(
      'realloc',
      0,
      h.func({ type: { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }, body, locals: ['i32'] }),
    );
    const env = b.coreInstanceExports([{ name: 'memory', sort: 'memory', index: memory() }]);
    const inst = b.instantiateCore(b.coreModule(h.finish()), [{ name: 'env', sort: 'instance', index: env }]);
    growRealloc = b.aliasCoreExport(inst, 'realloc', 'func');
    return growRealloc;
  };
  adapters.forEach((a, ai) => {
    const args = groupArgs(a.imports, adapterPlans[ai], (m) => m === 'env' || m === '__main_module__');
    const mainExports = a.imports.filter((i) => i.module === '__main_module__');
    if (mainExports.length > 0) {
      const mainFunc = (field: string): number => {
        if (facts.exports.get(field)?.kind === 0) return b.aliasCoreExport(mainInstance, field, 'func');
        if (field === 'cabi_realloc' || field === 'canonical_abi_realloc') {
          if (realloc !== undefined) return realloc();
          return memoryGrowRealloc();
        }
        throw new ComponentNewError(
          `adapter \`${a.name}\` imports \`__main_module__::${field}\`, which the module does not export`,
        );
      };
      args.push({
        name: '__main_module__',
        sort: 'instance',
        index: b.coreInstanceExports(mainExports.map((i) => ({ name: i.name, sort: 'func', index: mainFunc(i.name) }))),
      });
    }
    if (a.importsMemory) {
      args.push({
        name: 'env',
        sort: 'instance',
        index: b.coreInstanceExports([{ name: 'memory', sort: 'memory', index: memory() }]),
      });
    }
    // Stubs for imports the trimmed adapter no longer reaches.
    const dead = a.imports.filter((i) => !i.live && i.module !== 'env' && i.module !== '__main_module__');
    if (dead.length > 0) {
      const stub = new ModuleBuilder();
      dead.forEach((d, i) => stub.export(String(i), 0, stub.func({ type: d.sig, body: [0x00] })));
      const stubInst = b.instantiateCore(b.coreModule(stub.finish()), []);
      const groups = new Map<string, CoreInlineExport[]>();
      dead.forEach((d, i) => {
        let g = groups.get(d.module);
        if (g === undefined) groups.set(d.module, (g = []));
        g.push({ name: d.name, sort: 'func', index: b.aliasCoreExport(stubInst, String(i), 'func') });
      });
      for (const [module, exports] of groups) {
        const existing = args.find((x) => x.name === module);
        if (existing !== undefined) {
          existing.index = mergeCoreInstance(b, existing.index, exports);
        } else args.push({ name: module, sort: 'instance', index: b.coreInstanceExports(exports) });
      }
    }
    adapterInstances[ai] = b.instantiateCore(adapterModules[ai], args);
  });

  // ---------------------------------------------- fixup (+ _initialize)
  if (shimSlots.length > 0 || exportNames.initialize !== undefined) {
    const fix = new ModuleBuilder();
    const exports: CoreInlineExport[] = [];
    shimSlots.forEach((s, i) => {
      fix.importFunc('fixup', String(i), s.sig);
      exports.push({ name: String(i), sort: 'func', index: s.actual() });
    });
    let init: number | null = null;
    if (exportNames.initialize !== undefined) {
      init = fix.importFunc('fixup', 'init', { params: [], results: [] });
      exports.push({
        name: 'init',
        sort: 'func',
        index: b.aliasCoreExport(mainInstance, exportNames.initialize, 'func'),
      });
    }
    if (shimSlots.length > 0) {
      fix.importTable('fixup', '$imports', shimSlots.length);
      exports.push({ name: '$imports', sort: 'table', index: b.aliasCoreExport(shimInstance, '$imports', 'table') });
      fix.elem = { offset: 0, funcs: shimSlots.map((_, i) => i) };
    }
    fix.start = init;
    const fixModule = b.coreModule(fix.finish());
    const inst = b.coreInstanceExports(exports);
    b.instantiateCore(fixModule, [{ name: 'fixup', sort: 'instance', index: inst }]);
  }

  // ---------------------------------------------- exports
  const lift = (ifaceName: string | null, f: Function): number => {
    let core = coreExportName(exportNames.mangling, ifaceName, f.name);
    const needs = abiNeeds(resolve, f, 'lift');
    let instance = mainInstance;
    let liftRealloc = realloc;
    let post = postReturnName(exportNames.mangling, core);
    let hasPost = facts.exports.has(post);
    if (!facts.exports.has(core)) {
      // implemented by an adapter (legacy names)
      core = coreExportName('legacy', ifaceName, f.name);
      const ai = adapters.findIndex((a) => a.exports.has(core));
      if (ai < 0) throw new ComponentNewError(`neither the module nor an adapter exports \`${core}\``);
      const a = adapters[ai];
      instance = adapterInstances[ai];
      if (a.exportRealloc !== undefined) liftRealloc = () => b.aliasCoreExport(instance, a.exportRealloc!, 'func');
      post = postReturnName('legacy', core);
      hasPost = a.exports.has(post);
    }
    const opts = options(needs, memory, liftRealloc, encoding, `export \`${core}\``);
    if (hasPost) opts.push({ kind: 'post-return', index: b.aliasCoreExport(instance, post, 'func') });
    const type = rootFuncType(f);
    const coreIdx = b.aliasCoreExport(instance, core, 'func');
    return b.lift(coreIdx, type, opts);
  };
  for (const { key, item } of allExports.values()) {
    if (item.kind === 'function') {
      current = null;
      localCache = new Map();
      const fn = lift(null, item.function);
      b.export(item.function.name, 'func', fn);
    } else if (item.kind === 'interface') {
      const ifaceName = nameWorldKey(resolve, key);
      current = item.id;
      localCache = new Map();
      const lifted = new Map<string, number>();
      for (const f of resolve.interfaces[item.id].functions.values()) lifted.set(f.name, lift(ifaceName, f));
      const nested = nestedExportComponent(resolve, item.id, rootType, lifted, (p) =>
        b.type({ kind: 'prim', prim: p as PrimValType }),
      );
      const comp = b.component(nested.component);
      const inst = b.instantiate(comp, nested.args);
      const impl = 'name' in key ? interfaceIdOf(resolve, item.id) : undefined;
      exportedInstance.set(item.id, b.export(ifaceName, 'instance', inst, null, impl));
      current = null;
    }
  }
  return b.finish();
}

/** Re-creates core instance `index` (an inline-exports instance) with extra exports; returns the new index. */
function mergeCoreInstance(b: ComponentBuilder, index: number, extra: CoreInlineExport[]): number {
  let n = 0;
  for (const s of b.sections) {
    if (s.kind !== 'core-instance') continue;
    for (const it of s.items) {
      if (n === index && it.kind === 'exports') return b.coreInstanceExports([...it.exports, ...extra]);
      n++;
    }
  }
  throw new Error('core instance not found');
}

/** Defines the structural component type of `k` (named types become plain definitions). */
function defineStructural(
  k: TypeDefKind,
  enc: (t: TypeRef) => ValType,
  define: (d: DefType) => number,
  what: string,
): ValType {
  const opt = (t: TypeRef | undefined) => (t === undefined ? null : enc(t));
  switch (k.kind) {
    case 'record':
      return define({ kind: 'record', fields: k.fields.map((f) => ({ name: f.name, type: enc(f.type) })) });
    case 'tuple':
      return define({ kind: 'tuple', types: k.types.map(enc) });
    case 'flags':
      return define({ kind: 'flags', names: k.flags.map((f) => f.name) });
    case 'variant':
      return define({
        kind: 'variant',
        cases: k.cases.map((c) => ({ name: c.name, type: opt(c.type), refines: null })),
      });
    case 'enum':
      return define({ kind: 'enum', names: k.cases.map((c) => c.name) });
    case 'option':
      return define({ kind: 'option', type: enc(k.type) });
    case 'result':
      return define({ kind: 'result', ok: opt(k.ok), err: opt(k.err) });
    case 'list':
      return define({ kind: 'list', element: enc(k.element) });
    case 'fixed-length-list':
      return define({ kind: 'fixed-list', element: enc(k.element), length: k.size });
    case 'map':
      return define({ kind: 'map', key: enc(k.key), value: enc(k.value) });
    case 'future':
      return define({ kind: 'future', element: opt(k.type) });
    case 'stream':
      return define({ kind: 'stream', element: opt(k.type) });
    case 'type':
      return enc(k.type);
    case 'handle': {
      const r = enc(k.resource);
      if (typeof r !== 'number') throw new ComponentNewError(`handle of a non-resource in ${what}`);
      return define({ kind: k.handle, type: r });
    }
    case 'resource':
      throw new ComponentNewError(`resource ${what} has no definition here`);
    case 'unknown':
      throw new ComponentNewError(`cannot encode unresolved ${what}`);
  }
}

/**
 * The nested component that gives an exported interface its named types:
 * it imports the types (`import-type-*`) and lifted functions (`import-func-*`,
 * `import-method-*`, …) and re-exports them under their WIT names, each
 * function with its type expressed through the exported types.
 */
function nestedExportComponent(
  resolve: Resolve,
  iface: number,
  rootType: (t: TypeRef) => ValType,
  lifted: Map<string, number>,
  definePrim: (p: string) => number,
): { component: Component; args: { name: string; sort: 'type' | 'func'; index: number }[] } {
  const n = new ComponentBuilder();
  const args: { name: string; sort: 'type' | 'func'; index: number }[] = [];
  const usedNames = new Set<string>();
  const uniq = (base: string) => {
    let name = base;
    for (let i = 0; usedNames.has(name); i++) name = `${base}${i}`;
    usedNames.add(name);
    return name;
  };
  const i = resolve.interfaces[iface];
  const rootTypeIndex = (t: TypeRef): number => {
    const r = rootType(t);
    return typeof r === 'number' ? r : definePrim(r);
  };
  // Phase A: everything imported.
  const a = new Map<number, ValType>();
  const encA = (t: TypeRef): ValType => {
    if (typeof t === 'string') return t;
    const hit = a.get(t);
    if (hit !== undefined) return hit;
    const td = resolve.types[t];
    let v: ValType;
    if (td.kind.kind === 'resource') {
      const name = uniq(`import-type-${td.name!}`);
      v = n.import(name, { kind: 'type', bound: { kind: 'sub-resource' } });
      args.push({ name, sort: 'type', index: rootType(t) as number });
    } else if (
      td.kind.kind === 'type' &&
      typeof td.kind.type === 'number' &&
      resolve.types[td.kind.type].name !== undefined
    ) {
      // `use`d type (`type r = other.r`): the same type as its target.
      v = encA(td.kind.type);
    } else if (td.name !== undefined && td.owner !== null) {
      let def = defineStructural(td.kind, encA, (d) => n.type(d), `type ${td.name}`);
      if (typeof def === 'string') def = n.type({ kind: 'prim', prim: def });
      const name = uniq(`import-type-${td.name}`);
      v = n.import(name, { kind: 'type', bound: { kind: 'eq', index: def } });
      args.push({ name, sort: 'type', index: rootTypeIndex(t) });
    } else {
      v = defineStructural(td.kind, encA, (d) => n.type(d), `anonymous type ${t}`);
    }
    a.set(t, v);
    return v;
  };
  for (const t of i.types.values()) encA(t);
  const funcImports = new Map<string, number>();
  for (const f of i.functions.values()) {
    const params = f.params.map((p) => ({ name: p.name, type: encA(p.type) }));
    const result = f.result === undefined ? null : encA(f.result);
    const ty = n.type({ kind: 'func', async: isAsync(f), params, result });
    const name = uniq(funcLabel(f));
    funcImports.set(f.name, n.import(name, { kind: 'func', type: ty }));
    args.push({ name, sort: 'func', index: lifted.get(f.name)! });
  }
  // Phase B: exports.
  const bmap = new Map<number, ValType>();
  const encB = (t: TypeRef): ValType => {
    if (typeof t === 'string') return t;
    const hit = bmap.get(t);
    if (hit !== undefined) return hit;
    const td = resolve.types[t];
    let v: ValType;
    if (td.owner !== null && 'interface' in td.owner && td.owner.interface !== iface && td.name !== undefined)
      v = encA(t);
    else v = defineStructural(td.kind, encB, (d) => n.type(d), `type ${t}`);
    bmap.set(t, v);
    return v;
  };
  // The interface's own types, re-defined through the exported types and exported.
  for (const [name, t] of i.types) {
    const td = resolve.types[t];
    let idx: ValType;
    if (td.kind.kind === 'resource') idx = encA(t);
    else idx = defineStructural(td.kind, encB, (d) => n.type(d), `type ${name}`);
    if (typeof idx !== 'number') idx = n.type({ kind: 'prim', prim: idx });
    bmap.set(t, n.export(name, 'type', idx));
  }
  for (const f of i.functions.values()) {
    const params = f.params.map((p) => ({ name: p.name, type: encB(p.type) }));
    const result = f.result === undefined ? null : encB(f.result);
    const ty = n.type({ kind: 'func', async: isAsync(f), params, result });
    const ascribed: ExternType = { kind: 'func', type: ty };
    n.export(f.name, 'func', funcImports.get(f.name)!, ascribed);
  }
  return { component: n.finish(), args };
}
