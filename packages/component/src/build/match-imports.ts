/**
 * Matching a core module's function imports to the world: the functions of
 * imported interfaces (legacy `iface`/`$root` and standard `cm32p2|iface`
 * module names), `resource.drop` of imported resources, and the
 * `resource.new`/`rep`/`drop` intrinsics of exported resources.
 */
import type { Function, Resolve, World } from '@wit-ts/wit-parser';
import { nameWorldKey } from '../wit/resolve-util.js';
import { coreSignature } from './abi.js';
import { ComponentNewError } from './metadata.js';
import { sameSig } from './module-facts.js';
import { interfaceResources, ROOT_MODULE, STD_PREFIX } from './names.js';
import { sigString, type Sig } from './wasm.js';

export type ImportTarget =
  | { kind: 'func'; key: string; name: string; iface: number | null; func: Function }
  | { kind: 'resource-drop'; key: string; type: number }
  | { kind: 'export-resource'; op: 'new' | 'rep' | 'drop'; key: string; type: number };

export interface ImportModule {
  /** How errors describe the module. */
  describe: string;
  fields: Map<string, ImportTarget>;
}

export function importTable(resolve: Resolve, world: World): Map<string, ImportModule> {
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

export function matchImport(
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
