// Component-model types (decoded `DefType`s in their index space) → the
// @wit-ts/abi type model. Resolution is lazy and cached per scope entry:
// resource identity is per component instance, so the same decoded type
// yields different ABI types in different instances.
import * as abi from '@wit-ts/abi';
import type { AbiType, ResourceType } from '@wit-ts/abi';
import type { DefType, FuncType, ValType } from '@wit-ts/component';
import { LinkError } from './errors.js';
import type { ResolvedFunc, Scope, TypeEntry } from './index-spaces.js';

const PRIMS: Record<string, AbiType> = {
  bool: abi.bool,
  s8: abi.s8,
  u8: abi.u8,
  s16: abi.s16,
  u16: abi.u16,
  s32: abi.s32,
  u32: abi.u32,
  s64: abi.s64,
  u64: abi.u64,
  f32: abi.f32,
  f64: abi.f64,
  char: abi.char,
  string: abi.string,
  'error-context': abi.errorContext,
};

export function typeEntry(scope: Scope, index: number): TypeEntry {
  const e = scope.types[index];
  if (e === undefined) throw new LinkError(`type index ${index} out of bounds (${scope.types.length} defined)`);
  return e;
}

/** Resolves a value type written in `scope`. */
export function abiType(scope: Scope, t: ValType): AbiType {
  if (typeof t === 'string') return PRIMS[t];
  return abiOfEntry(typeEntry(scope, t));
}

function abiOfEntry(e: TypeEntry): AbiType {
  if (e.kind === 'resource') throw new LinkError('a resource type is not a value type (use own/borrow)');
  const cached = e.scope.abiCache.get(e);
  if (cached !== undefined) return cached;
  const t = abiOfDef(e.def, e.scope);
  e.scope.abiCache.set(e, t);
  return t;
}

export function resourceOf(scope: Scope, index: number): ResourceType {
  const e = typeEntry(scope, index);
  if (e.kind !== 'resource') throw new LinkError(`type index ${index} is not a resource type`);
  return e.rt;
}

function abiOfDef(d: DefType, s: Scope): AbiType {
  const r = (t: ValType) => abiType(s, t);
  switch (d.kind) {
    case 'prim':
      return PRIMS[d.prim];
    case 'record':
      return abi.record(d.fields.map((f) => [f.name, r(f.type)] as const));
    case 'variant':
      return abi.variant(d.cases.map((c) => (c.type === null ? ([c.name] as const) : ([c.name, r(c.type)] as const))));
    case 'list':
      return abi.list(r(d.element));
    case 'fixed-list':
      return abi.fixedList(r(d.element), d.length);
    case 'tuple':
      return abi.tuple(d.types.map(r));
    case 'flags':
      return abi.flags(d.names);
    case 'enum':
      return abi.enumType(d.names);
    case 'option':
      return abi.option(r(d.type));
    case 'result':
      return abi.result(d.ok === null ? undefined : r(d.ok), d.err === null ? undefined : r(d.err));
    case 'own':
      return abi.own(resourceOf(s, d.type));
    case 'borrow':
      return abi.borrow(resourceOf(s, d.type));
    case 'stream':
      return abi.stream(d.element === null ? undefined : r(d.element));
    case 'future':
      return abi.future(d.element === null ? undefined : r(d.element));
    case 'map':
      return abi.map(r(d.key), r(d.value));
    default:
      throw new LinkError(`type of kind '${d.kind}' is not a value type`);
  }
}

const funcCache = new WeakMap<TypeEntry, ResolvedFunc>();

/** Resolves the function type at `index` of `scope`. */
export function funcType(scope: Scope, index: number): ResolvedFunc {
  const e = typeEntry(scope, index);
  if (e.kind !== 'def' || e.def.kind !== 'func') throw new LinkError(`type index ${index} is not a function type`);
  let f = funcCache.get(e);
  if (f === undefined) {
    f = resolveFunc(e.def, e.scope);
    funcCache.set(e, f);
  }
  return f;
}

function resolveFunc(d: FuncType, s: Scope): ResolvedFunc {
  const params = d.params.map((p) => abiType(s, p.type));
  const result = d.result === null ? undefined : abiType(s, d.result);
  const hasHandles = params.some(containsHandle) || (result !== undefined && containsHandle(result));
  // 🔀 `async func` types are accepted: calls that complete without blocking
  // run (see async-task.ts); anything that would suspend traps when it happens.
  return { ft: { params, result }, paramNames: d.params.map((p) => p.name), hasHandles, async: d.async };
}

/** Whether host conversion (rep ↔ JS object) is needed anywhere inside `t`. */
export function containsHandle(t: AbiType): boolean {
  switch (t.kind) {
    case 'own':
    case 'borrow':
      return true;
    case 'list':
      return containsHandle(t.elem);
    case 'map':
      return containsHandle(t.key) || containsHandle(t.value);
    case 'record':
      return t.fields.some((f) => containsHandle(f.type));
    case 'tuple':
      return t.types.some(containsHandle);
    case 'variant':
      return t.cases.some((c) => c.type !== undefined && containsHandle(c.type));
    case 'option':
      return containsHandle(t.type);
    case 'result':
      return (t.ok !== undefined && containsHandle(t.ok)) || (t.err !== undefined && containsHandle(t.err));
    default:
      return false;
  }
}
