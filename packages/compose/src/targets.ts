// `package … targets ns:pkg/world;`: the composition must fit the world:
// every import of the composition is one the world provides (and the
// world's type satisfies it), every export of the world is exported by the
// composition with a fitting type.

import type { Resolve } from '@wit-ts/wit-parser';
import type * as A from './ast.js';
import type { WacSource } from './errors.js';
import { itemType, namesCompatible, type Composition } from './graph.js';
import { keyName } from './resolve-util.js';
import { checkItem } from './subtype.js';
import type { WacTypes } from './wac-types.js';

export function checkTargets(r: Resolve, src: WacSource, types: WacTypes, doc: A.Document, c: Composition): void {
  const t = doc.targets!;
  const label = `${t.name}/${t.path.join('/')}${t.version === undefined ? '' : '@' + t.version}`;
  let world: number;
  if (t.name === doc.package.name) {
    const b = types.names.get(t.path[0]);
    if (b === undefined)
      throw src.error(`undefined name \`${t.path[0]}\``, { start: t.span.end - t.path[0].length, end: t.span.end });
    if (b.binding.kind !== 'world') throw src.error(`\`${label}\` (${b.binding.kind}) is not a world`, t.span);
    world = b.binding.id;
  } else {
    const item = types.pathItem(t);
    if (item.kind !== 'world') throw src.error(`\`${label}\` (interface) is not a world`, t.span);
    world = item.id;
  }
  const w = r.worlds[world];
  const wImports = [...w.imports.values()].map((e) => ({ name: keyName(r, e.key), item: e.item }));
  for (const imp of c.imports) {
    const target = wImports.find((i) => i.name === imp.name) ?? wImports.find((i) => namesCompatible(i.name, imp.name));
    if (target === undefined)
      throw src.error(`target world \`${label}\` does not have an import named \`${imp.name}\``, t.span);
    const why = checkItem(r, itemType(r, target.item), imp.item);
    if (why !== undefined)
      throw src.error(`import \`${imp.name}\` has a mismatched type for target world \`${label}\``, t.span, [why]);
  }
  for (const e of w.exports.values()) {
    const name = keyName(r, e.key);
    const ours = c.exports.find((x) => x.name === name) ?? c.exports.find((x) => namesCompatible(x.name, name));
    if (ours === undefined) throw src.error(`target world \`${label}\` requires an export named \`${name}\``, t.span);
    const why = checkItem(r, ours.node.type, e.item);
    if (why !== undefined)
      throw src.error(`export \`${name}\` has a mismatched type for target world \`${label}\``, t.span, [why]);
  }
}
