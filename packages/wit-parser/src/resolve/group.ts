// Ordering and pushing the packages found for one `resolvePath` call
// (wasm-tools' `sort_unresolved_packages`): packages are visited by name and
// each is pushed after the packages it depends on, so the package arena ends
// up in exactly wasm-tools' order.

import { comparePackageNames } from './common.js';
import { ResolveError, type SpanSource, withSource } from './errors.js';
import { Remap } from './push.js';
import type { Resolve } from './types.js';
import { packageNameString } from './types.js';
import type { UnresolvedPackage } from './unresolved.js';

/** The packages parsed from one source (a file or a directory). */
export interface UnresolvedGroup {
  main: UnresolvedPackage;
  nested: UnresolvedPackage[];
  source: SpanSource;
}

function location(source: SpanSource, offset: number): string {
  const loc = source.location(offset);
  return `${loc.path}:${loc.line}:${loc.column}`;
}

/** Pushes the main group and its dependencies; returns the main package's id. */
export function pushGroups(resolve: Resolve, main: UnresolvedGroup, deps: UnresolvedGroup[]): number {
  const byName = new Map<string, { pkg: UnresolvedPackage; source: SpanSource }>();
  for (const group of [main, ...deps]) {
    for (const pkg of [...group.nested, group.main]) {
      const key = packageNameString(pkg.name);
      const prev = byName.get(key);
      if (prev !== undefined) {
        throw new ResolveError(
          `package \`${key}\` is defined in two different locations:\n` +
            `  * ${location(group.source, pkg.nameSpan.start)}\n` +
            `  * ${location(prev.source, prev.pkg.nameSpan.start)}`,
        );
      }
      byName.set(key, { pkg, source: group.source });
    }
  }
  const sorted = [...byName.values()].sort((a, b) => comparePackageNames(a.pkg.name, b.pkg.name));

  const order = new Set<string>();
  const visiting = new Set<string>();
  const visit = (entry: { pkg: UnresolvedPackage; source: SpanSource }): void => {
    const { pkg, source } = entry;
    const name = packageNameString(pkg.name);
    if (order.has(name)) return;
    withSource(source, () => {
      let i = 0;
      for (const dep of pkg.foreignDeps.keys()) {
        const span = pkg.foreignDepSpans[i++];
        if (visiting.has(dep)) throw new ResolveError(`package \`${dep}\` creates a dependency cycle`, span);
        visiting.add(dep);
        const found = byName.get(dep);
        if (found !== undefined) visit(found);
        visiting.delete(dep);
      }
    });
    order.add(name);
  };
  for (const entry of sorted) visit(entry);

  const mainName = packageNameString(main.main.name);
  let mainId = -1;
  for (const name of order) {
    const { pkg, source } = byName.get(name)!;
    const id = withSource(source, () => new Remap(resolve).append(pkg));
    if (name === mainName) mainId = id;
  }
  return mainId;
}
