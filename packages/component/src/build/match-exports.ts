/**
 * Matching a core module's exports to the world: which name mangling the
 * module uses (legacy `iface#f` or standard `cm32p2|iface|f`), its memory,
 * realloc and initializer, and that every exported WIT function is there with
 * the right core signature.
 */
import type { Resolve, World } from '@wit-ts/wit-parser';
import { nameWorldKey } from '../wit/resolve-util.js';
import { coreSignature } from './abi.js';
import { ComponentNewError } from './metadata.js';
import { exportedFuncSig, sameSig, type ModuleFacts } from './module-facts.js';
import { interfaceResources, STD_PREFIX } from './names.js';
import { sigString, type Sig } from './wasm.js';

export type Mangling = 'legacy' | 'standard';

/** How the module spells its core export names. */
export interface ExportMangling {
  mangling: Mangling;
  /**
   * Whether the standard names abbreviate interface versions to their semver
   * track (see `abbreviateVersion`); always false for legacy names.
   */
  shortVersions: boolean;
}

export interface ExportNames extends ExportMangling {
  memory?: string;
  realloc?: string;
  initialize?: string;
}

export const LEGACY: ExportMangling = { mangling: 'legacy', shortVersions: false };

/**
 * The standard names abbreviate an interface's version to its semver track
 * (`@0.2.12` → `@0.2`, `@1.4.0` → `@1`); pre-releases stay as they are.
 */
export function abbreviateVersion(name: string): string {
  return name.replace(/@(\d+)\.(\d+)\.(\d+)$/, (m, maj: string, min: string) =>
    maj !== '0' ? `@${maj}` : min !== '0' ? `@0.${min}` : m,
  );
}

export function coreExportName(m: ExportMangling, ifaceName: string | null, fname: string): string {
  if (m.mangling === 'standard' && m.shortVersions && ifaceName !== null) ifaceName = abbreviateVersion(ifaceName);
  if (m.mangling === 'standard') return `${STD_PREFIX}|${ifaceName ?? ''}|${fname}`;
  return ifaceName === null ? fname : `${ifaceName}#${fname}`;
}

export function postReturnName(m: ExportMangling, exportName: string): string {
  return m.mangling === 'standard' ? `${exportName}_post` : `cabi_post_${exportName}`;
}

export function dtorName(m: ExportMangling, ifaceName: string | null, resource: string): string {
  if (m.mangling === 'standard' && m.shortVersions && ifaceName !== null) ifaceName = abbreviateVersion(ifaceName);
  return m.mangling === 'standard'
    ? `${STD_PREFIX}|${ifaceName ?? ''}|${resource}_dtor`
    : coreExportName(LEGACY, ifaceName, `[dtor]${resource}`);
}

export function classifyExports(resolve: Resolve, world: World, facts: ModuleFacts): ExportNames {
  const has = (n: string) => facts.exports.has(n);
  const standard = [...facts.exports.keys()].some(
    (n) => n.startsWith(`${STD_PREFIX}|`) || n.startsWith(`${STD_PREFIX}_`),
  );
  const mangling: Mangling = standard ? 'standard' : 'legacy';
  // Which version spelling the standard names of this module use.
  const shortVersions =
    standard &&
    [...world.exports.values()].some((e) => {
      if (e.item.kind !== 'interface') return false;
      const n = nameWorldKey(resolve, e.key);
      return (
        abbreviateVersion(n) !== n &&
        [...facts.exports.keys()].some((x) => x.startsWith(`${STD_PREFIX}|${abbreviateVersion(n)}|`))
      );
    });
  const out: ExportNames = { mangling, shortVersions };
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
      const name = coreExportName(out, ifaceName, f.name);
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
      const post = postReturnName(out, name);
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
        const d = dtorName(out, ifaceName, r.name);
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
