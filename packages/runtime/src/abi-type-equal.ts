// Structural equality of ABI types, for `canon task.return`'s
// `trap_if(result_type != task.ft.result)`: the spec compares the types by
// value, while the engine resolves each type index to its own object (two
// `canon` definitions naming equal types at different indices yield
// different objects). Resource types compare by identity, as in the spec.
import type { AbiType } from '@wit-ts/abi';

export function sameAbiType(a: AbiType | undefined, b: AbiType | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list': {
      const o = b as typeof a;
      return a.length === o.length && sameAbiType(a.elem, o.elem);
    }
    case 'map': {
      const o = b as typeof a;
      return sameAbiType(a.key, o.key) && sameAbiType(a.value, o.value);
    }
    case 'record': {
      const o = b as typeof a;
      return (
        a.fields.length === o.fields.length &&
        a.fields.every((f, i) => f.name === o.fields[i].name && sameAbiType(f.type, o.fields[i].type))
      );
    }
    case 'tuple': {
      const o = b as typeof a;
      return a.types.length === o.types.length && a.types.every((t, i) => sameAbiType(t, o.types[i]));
    }
    case 'variant': {
      const o = b as typeof a;
      return (
        a.cases.length === o.cases.length &&
        a.cases.every((c, i) => c.name === o.cases[i].name && sameAbiType(c.type, o.cases[i].type))
      );
    }
    case 'enum':
    case 'flags': {
      const o = b as typeof a;
      return a.names.length === o.names.length && a.names.every((n, i) => n === o.names[i]);
    }
    case 'option':
      return sameAbiType(a.type, (b as typeof a).type);
    case 'result': {
      const o = b as typeof a;
      return sameAbiType(a.ok, o.ok) && sameAbiType(a.err, o.err);
    }
    case 'own':
    case 'borrow':
      return a.resource === (b as typeof a).resource;
    case 'future':
    case 'stream':
      return sameAbiType(a.elem, (b as typeof a).elem);
    default:
      // Primitive types are shared singletons, but compare by kind anyway.
      return true;
  }
}
