// Horizontal spacing between two significant tokens on the same line, in the
// style wasm-tools prints: `name: func(a: u32) -> result<x, y>;`,
// `use a:b/c@1.0.0.{x, y as z};`, `@since(version = 0.2.0)`.
//
// Line breaks are decided by the layout (layout.ts); this only says whether
// two neighbours are glued together or separated by one space.

import type { CstNodeKind, CstToken } from '../cst.js';
import { NONE, SPACE, type Sep } from './emitter.js';

/** A significant token together with the kind of the node that holds it. */
export interface Placed {
  token: CstToken;
  parent: CstNodeKind;
}

/** Nodes in which `:`, `/` and `@` are glued: package and interface paths. */
const PATH_NODES: ReadonlySet<CstNodeKind> = new Set(['package-name', 'use-path']);

/** Punctuation that never has a space before it. */
const NO_SPACE_BEFORE = new Set([',', ';', ')', '>', ':', '.', '/', '(', '<']);

/** Punctuation that never has a space after it. */
const NO_SPACE_AFTER = new Set(['(', '<', '@', '.', '/']);

export function inlineSep(prev: Placed | undefined, cur: Placed): Sep {
  if (prev === undefined) return NONE;
  const p = prev.token.kind;
  const c = cur.token.kind;
  // `1.0.0-rc.1+build`: a version is a run of glued tokens.
  if (prev.parent === 'version' && cur.parent === 'version') return NONE;
  if (NO_SPACE_AFTER.has(p)) return NONE;
  if (NO_SPACE_BEFORE.has(c)) return NONE;
  // `a:b/c@1.0.0` but `name: func()`.
  if (p === ':' && PATH_NODES.has(prev.parent)) return NONE;
  if (c === '@' && PATH_NODES.has(cur.parent)) return NONE;
  // `.{x, y}` in a `use`; `with { a as b }` in an `include` keeps its spaces.
  if ((p === '{' && prev.parent === 'use-names') || (c === '}' && cur.parent === 'use-names')) return NONE;
  return SPACE;
}
