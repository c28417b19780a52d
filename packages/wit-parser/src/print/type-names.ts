// How a type is written where it is *used*: a primitive's keyword, a named
// type's (escaped) name, or for an anonymous type its structural spelling
// (`list<u8>`, `result<_, e>`, `borrow<r>`, …).

import type { Resolve, TypeDefKind, TypeRef } from '../resolve/types.js';
import { WitPrintError } from './errors.js';
import { escapeName } from './keywords.js';

type HandleKind = Extract<TypeDefKind, { kind: 'handle' }>;

/**
 * The WIT spelling of `ty`. With `expand`, a named type is spelled out by its
 * definition instead of by its name — what the right-hand side of
 * `type name = …` needs.
 */
export function printTypeName(resolve: Resolve, ty: TypeRef, expand = false): string {
  if (typeof ty === 'string') return ty;
  const def = resolve.types[ty];
  if (def === undefined) throw new WitPrintError(`no type with index ${ty}`);
  if (def.name !== undefined && !expand) return escapeName(def.name);

  const name = (t: TypeRef): string => printTypeName(resolve, t);
  const kind = def.kind;
  switch (kind.kind) {
    case 'handle':
      return printHandle(resolve, kind, false);
    case 'tuple':
      return `tuple<${kind.types.map(name).join(', ')}>`;
    case 'option':
      return `option<${name(kind.type)}>`;
    case 'result':
      if (kind.ok === undefined && kind.err === undefined) return 'result';
      if (kind.err === undefined) return `result<${name(kind.ok!)}>`;
      return `result<${kind.ok === undefined ? '_' : name(kind.ok)}, ${name(kind.err)}>`;
    case 'list':
      return `list<${name(kind.element)}>`;
    case 'fixed-length-list':
      return `list<${name(kind.element)}, ${kind.size}>`;
    case 'map':
      return `map<${name(kind.key)}, ${name(kind.value)}>`;
    case 'future':
      return kind.type === undefined ? 'future' : `future<${name(kind.type)}>`;
    case 'stream':
      return kind.type === undefined ? 'stream' : `stream<${name(kind.type)}>`;
    case 'type':
      return name(kind.type);
    case 'record':
    case 'flags':
    case 'enum':
    case 'variant':
    case 'resource':
      // These can only be referred to by name; an unnamed one has no spelling.
      throw new WitPrintError(`resolve has an unnamed ${kind.kind} type`);
    case 'unknown':
      throw new WitPrintError('resolve has an unresolved type');
  }
}

/**
 * `borrow<r>`, or for an owned handle the bare resource name (`own<r>` only
 * when `forceOwn`, because a bare name there would mean something else).
 */
export function printHandle(resolve: Resolve, handle: HandleKind, forceOwn: boolean): string {
  const resourceName = resolve.types[handle.resource]?.name;
  if (resourceName === undefined) throw new WitPrintError('unnamed resource type');
  const escaped = escapeName(resourceName);
  if (handle.handle === 'borrow') return `borrow<${escaped}>`;
  return forceOwn ? `own<${escaped}>` : escaped;
}
