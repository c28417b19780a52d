// Small helpers over the resolved WIT type model shared by the WAVE
// converter and printer: alias resolution and human-readable type names for
// error messages.

import type { Resolve, TypeDef, TypeDefKind, TypeRef } from '@wit-ts/wit-parser';

export type Shape = { kind: 'primitive'; name: Exclude<TypeRef, number> } | TypeDefKind;

/** Follows `type a = b` aliases to the underlying type. */
export function deref(ref: TypeRef, resolve: Resolve): TypeRef {
  for (let guard = 0; typeof ref === 'number'; guard++) {
    const def = resolve.types[ref];
    if (def === undefined) throw new RangeError(`type index ${ref} is not in the Resolve`);
    if (def.kind.kind !== 'type' || guard > 10_000) return ref;
    ref = def.kind.type;
  }
  return ref;
}

/** The structural kind of a type, aliases resolved. */
export function shapeOf(ref: TypeRef, resolve: Resolve): Shape {
  const r = deref(ref, resolve);
  return typeof r === 'number' ? resolve.types[r].kind : { kind: 'primitive', name: r };
}

/**
 * The engine's (jco's) option convention: `option<T>` is `T | undefined`
 * unless T's own host form can be `undefined` (T is a plain option); then it
 * is `{ tag: 'some', val } | { tag: 'none' }`.
 */
export function isTaggedOption(ref: TypeRef, resolve: Resolve): boolean {
  const shape = shapeOf(ref, resolve);
  if (shape.kind !== 'option') return false;
  const inner = shapeOf(shape.type, resolve);
  return inner.kind === 'option' && !isTaggedOption(shape.type, resolve);
}

/** WIT syntax for a type: `u32`, `point`, `list<option<string>>`. */
export function witType(ref: TypeRef, resolve: Resolve): string {
  if (typeof ref !== 'number') return ref;
  const def = resolve.types[ref];
  if (def === undefined) return `type#${ref}`;
  return witTypeOf(def, resolve);
}

/** `witType` of a definition (pass it with `name: undefined` to spell out its structure). */
function witTypeOf(def: TypeDef, resolve: Resolve): string {
  if (def.name !== undefined) return def.name;
  const k = def.kind;
  const t = (r: TypeRef) => witType(r, resolve);
  switch (k.kind) {
    case 'list':
      return `list<${t(k.element)}>`;
    case 'fixed-length-list':
      return `list<${t(k.element)}, ${k.size}>`;
    case 'map':
      return `map<${t(k.key)}, ${t(k.value)}>`;
    case 'option':
      return `option<${t(k.type)}>`;
    case 'result':
      if (k.ok === undefined && k.err === undefined) return 'result';
      if (k.err === undefined) return `result<${t(k.ok!)}>`;
      return `result<${k.ok === undefined ? '_' : t(k.ok)}, ${t(k.err)}>`;
    case 'tuple':
      return `tuple<${k.types.map(t).join(', ')}>`;
    case 'handle': {
      const r = resolve.types[k.resource]?.name ?? `resource#${k.resource}`;
      return k.handle === 'own' ? r : `borrow<${r}>`;
    }
    case 'future':
    case 'stream':
      return k.type === undefined ? k.kind : `${k.kind}<${t(k.type)}>`;
    case 'type':
      return t(k.type);
    default:
      return k.kind;
  }
}

const NOMINAL = ['record', 'variant', 'enum', 'flags', 'resource'];

/**
 * For "expected X" messages: `u32`, `record \`point\``, `list<u8>`, and for
 * a named structural type (`type bytes = list<u8>`) both: `bytes (list<u8>)`.
 */
export function describeType(ref: TypeRef, resolve: Resolve): string {
  const r = deref(ref, resolve);
  if (typeof r !== 'number') return r;
  const def = resolve.types[r];
  if (def.name === undefined) return witType(r, resolve);
  if (NOMINAL.includes(def.kind.kind)) return `${def.kind.kind} \`${def.name}\``;
  return `${def.name} (${witTypeOf({ ...def, name: undefined }, resolve)})`;
}
