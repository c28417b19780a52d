// `include` processing (wasm-tools' `process_world_includes`): copies the
// imports and exports of an already-elaborated world into the including one,
// renaming with `with { a as b }`, then checks case-insensitive name clashes.

import type { Span } from '../ast.js';
import { Cloner, cloneWorldItem } from './clone.js';
import { ResolveError } from './errors.js';
import type { Remap } from './push.js';
import { includeStability, updateStability } from './push.js';
import type { UnresolvedWorld } from './unresolved.js';
import type { Resolve, World } from './types.js';

type IncludeName = { name: string; as: string };

/** The new name of `original` under `with { name as as }`, also for `[method]r.f`-style names. */
function rename(original: string, n: IncludeName): string | undefined {
  if (original === n.name) return n.as;
  const close = original.indexOf(']');
  if (close < 0) return undefined;
  const kind = original.slice(0, close);
  const rest = original.slice(close + 1);
  const dot = rest.indexOf('.');
  if (dot >= 0 && rest.slice(0, dot) === n.name) return `${kind}]${n.as}.${rest.slice(dot + 1)}`;
  if (rest === n.name) return `${kind}]${n.as}`;
  return undefined;
}

export function processWorldIncludes(
  remap: Remap,
  resolve: Resolve,
  worldId: number,
  unresolved: UnresolvedWorld,
  pkg: number,
  spans: Span[],
): void {
  const world = resolve.worlds[worldId] as World & Partial<UnresolvedWorld>;
  const includes = unresolved.includes;
  const names = unresolved.includeNames;
  delete world.includes;
  delete world.includeNames;
  includes.forEach((inc, i) => {
    if (!includeStability(resolve, inc.stability, pkg, spans[i])) return;
    resolveInclude(remap, resolve, worldId, inc.world, names[i], spans[i], pkg);
  });
  validateCaseInsensitive(resolve.worlds[worldId]);
}

function resolveInclude(
  remap: Remap,
  resolve: Resolve,
  worldId: number,
  includeOrig: number,
  names: IncludeName[],
  span: Span,
  pkg: number,
): void {
  const world = resolve.worlds[worldId];
  const includeId = remap.mapWorld(includeOrig, span);
  const included = resolve.worlds[includeId];
  const imports = [...included.imports.values()];
  const exports = [...included.exports.values()];
  const isExternal = world.package !== included.package;

  let remaining = names.slice();
  for (const { key } of [...imports, ...exports]) {
    if ('name' in key) remaining = remaining.filter((n) => rename(key.name, n) === undefined);
  }
  if (remaining.length > 0) {
    throw new ResolveError(
      `no import or export kebab-name \`${remaining[0].name}\`. Note that an ID does not support renaming`,
      span,
    );
  }

  const cloner = new Cloner(resolve, { world: includeId }, { world: worldId });
  cloner.newPackage = pkg;
  const copy = (entries: typeof imports, dst: World['imports'], what: 'import' | 'export') => {
    for (const { key, item } of entries) {
      if ('name' in key) {
        let n = key.name;
        for (const inc of names) {
          const r = rename(key.name, inc);
          if (r !== undefined) {
            n = r;
            break;
          }
        }
        const newItem = cloneWorldItem(item);
        cloner.worldItem({ name: n }, newItem);
        if (newItem.kind === 'function') newItem.function.name = n;
        else if (newItem.kind === 'type') resolve.types[newItem.id].name = n;
        const prev = dst.has(n);
        dst.set(n, { key: { name: n }, item: newItem });
        if (prev) throw new ResolveError(`${what} of \`${n}\` shadows previously ${what}ed items`, span);
      } else {
        const k = `interface-${key.interface}`;
        let into = dst.get(k);
        if (into === undefined) {
          into = { key, item: cloneWorldItem(item) };
          dst.set(k, into);
        }
        if (item.kind !== 'interface' || into.item.kind !== 'interface') throw new Error('unreachable: interface key');
        if (isExternal && item.stability.kind === 'stable') into.item.stability = { kind: 'unknown' };
        else updateStability(item.stability, into.item);
      }
    }
  };
  copy(imports, world.imports, 'import');
  copy(exports, world.exports, 'export');
}

function validateCaseInsensitive(world: World): void {
  const check = (items: World['imports'], what: string) => {
    const seen = new Map<string, string>();
    for (const { key } of items.values()) {
      if (!('name' in key)) continue;
      const lower = key.name.toLowerCase();
      const existing = seen.get(lower);
      if (existing !== undefined && existing !== key.name) {
        throw new ResolveError(
          `${what} \`${key.name}\` in world \`${world.name}\` conflicts with ${what} \`${existing}\` (kebab-case identifiers are case-insensitive)`,
        );
      }
      seen.set(lower, key.name);
    }
  };
  check(world.imports, 'import');
  check(world.exports, 'export');
}
