// Resources at the host boundary. Inside the engine (and in @wit-ts/abi) an
// own/borrow value is the resource's rep (an i32); the host sees objects:
// - host resources (imported): instances of the JS class the host passed;
//   reps index a per-type table of those objects;
// - guest resources (exported by a component): wrapper objects of a class
//   generated per resource type, holding the rep, with `[Symbol.dispose]()`
//   and a FinalizationRegistry safety net that runs the destructor.
//   As in jco, an owning wrapper the host received from the instance that
//   implements the resource keeps that handle in the instance's table (the
//   wrapper holds its index as well as the rep) and passes the same index
//   back when given to that instance as an `own`: guests such as
//   componentize-js map handle indices to their objects. Disposing such a
//   wrapper drops the handle (destructor semantics of `resource.drop`).
import {
  ResourceHandle,
  ResourceType,
  Trap,
  liftOwn,
  liftOwnHeld,
  type AbiType,
  type ComponentInstance,
  type HandleType,
  type LiftLowerContext,
} from '@wit-ts/abi';
import { containsHandle } from './types-from-model.js';
import type { Store } from './index-spaces.js';
import { poisonedTrap } from './errors.js';

// Node 20 has no built-in Symbol.dispose; jco uses Symbol.for('dispose') then.
export const DISPOSE: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose');

/**
 * Objects of one host resource type, indexed by rep (rep 0 is never used).
 * An object keeps one rep while any guest handle refers to it: `owners`
 * counts the own handles given out; borrow-only entries are temporary and
 * released when the host→guest call that lent them returns.
 */
export class HostResource {
  readonly objects: unknown[] = [undefined];
  readonly owners: number[] = [0];
  readonly free: number[] = [];
  readonly reps = new Map<unknown, number>();
  constructor(
    readonly name: string,
    /** The host's class; lowering checks `instanceof` when known. */
    public cls: (abstract new (...args: never[]) => unknown) | undefined,
  ) {}

  private repFor(obj: unknown): { rep: number; fresh: boolean } {
    if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function'))
      throw new TypeError(`expected a '${this.name}' resource object, got ${String(obj)}`);
    if (this.cls !== undefined && !(obj instanceof this.cls))
      throw new TypeError(`expected an instance of resource class '${this.name}'`);
    const known = this.reps.get(obj);
    if (known !== undefined) return { rep: known, fresh: false };
    const rep = this.free.length > 0 ? this.free.pop()! : this.objects.length;
    this.objects[rep] = obj;
    this.owners[rep] = 0;
    this.reps.set(obj, rep);
    return { rep, fresh: true };
  }

  /** Host → guest `own`: the guest gets (a share of) ownership. */
  lowerOwn(obj: unknown): number {
    const { rep } = this.repFor(obj);
    this.owners[rep]++;
    return rep;
  }

  /** Host → guest `borrow`: a fresh entry is released when the call returns. */
  lowerBorrow(obj: unknown): number {
    const { rep, fresh } = this.repFor(obj);
    if (fresh) lentReps.push(this, rep);
    return rep;
  }

  get(rep: number): unknown {
    const o = rep > 0 ? this.objects[rep] : undefined;
    if (o === undefined) throw new Trap(`unknown '${this.name}' resource rep ${rep}`);
    return o;
  }

  /** Guest → host `own` (or the guest dropping its own handle): one owner fewer. */
  liftOwn(rep: number): { obj: unknown; last: boolean } {
    const obj = this.get(rep);
    const n = --this.owners[rep];
    if (n <= 0) this.release(rep);
    return { obj, last: n <= 0 };
  }

  /** Forgets a borrow-only entry (no-op if the guest took ownership meanwhile). */
  releaseLent(rep: number): void {
    if (this.objects[rep] !== undefined && this.owners[rep] <= 0) this.release(rep);
  }

  private release(rep: number): void {
    this.reps.delete(this.objects[rep]);
    this.objects[rep] = undefined;
    this.owners[rep] = 0;
    this.free.push(rep);
  }
}

/** Host-resource reps created just for a borrow, as (table, rep) pairs; see `releaseLent`. */
const lentReps: (HostResource | number)[] = [];

/** Marks the borrow stack before a host → guest call. */
export function lentMark(): number {
  return lentReps.length;
}

/** Releases the borrow-only host-resource entries created since `mark`. */
export function releaseLentSince(mark: number): void {
  while (lentReps.length > mark) {
    const rep = lentReps.pop() as number;
    (lentReps.pop() as HostResource).releaseLent(rep);
  }
}

const hostResources = new WeakMap<ResourceType, HostResource>();

/**
 * A resource type implemented by the host. Its destructor (run when a guest
 * drops an owning handle) forgets the object once no guest owns it any more
 * and then calls its `[Symbol.dispose]` if it has one.
 */
export function hostResourceType(name: string, cls: HostResource['cls']): { rt: ResourceType; host: HostResource } {
  const host = new HostResource(name, cls);
  const rt = new ResourceType(name, undefined, (rep) => {
    const { obj, last } = host.liftOwn(rep);
    if (!last) return;
    const d = (obj as Record<symbol, unknown> | null)?.[DISPOSE];
    if (typeof d === 'function') (d as () => void).call(obj);
  });
  hostResources.set(rt, host);
  return { rt, host };
}

// ---------------------------------------------------------------- guest resources

/** Wrapper slot holding the rep (undefined once disposed or moved); read by generated call paths. */
export const REP = Symbol('wit-ts.rep');
const OWN = Symbol('wit-ts.own');
/** Index of the handle kept in the implementing instance's table (host-held wrappers only). */
const IDX = Symbol('wit-ts.idx');

interface Wrapper {
  [REP]: number | undefined;
  [OWN]: boolean;
  [IDX]?: number;
}

interface Held {
  rt: ResourceType;
  rep: number;
  store: Store | undefined;
  idx: number | undefined;
}

/** Drops resources whose wrappers were garbage-collected without being disposed. */
const finalizer = new FinalizationRegistry<Held>((h) => {
  // Runs as its own task, never in the middle of a call, so entering is allowed.
  if (h.store?.poisoned) return;
  try {
    if (h.idx !== undefined) dropHeld(h.rt, h.idx, h.rep, h.store);
    else runDtor(h.rt, h.rep, h.store);
  } catch {
    // A destructor failing during GC has nobody to report to (the store is poisoned).
  }
});

/**
 * The host dropping its own handle: the destructor runs inside the
 * implementing instance (entered from the host, so the usual re-entrance
 * rules apply); a trap in it poisons the store.
 */
function runDtor(rt: ResourceType, rep: number, store: Store | undefined): void {
  const dtor = rt.dtor;
  if (dtor === undefined) return;
  const impl = rt.impl;
  if (impl === undefined) return dtor(rep);
  impl.enterFrom(undefined);
  try {
    dtor(rep);
  } catch (e) {
    if (store !== undefined) store.poisoned = true;
    throw e;
  } finally {
    impl.leaveTo(undefined);
  }
}

/** The held handle `idx` of the implementing instance, checked to still be the wrapper's `rep`. */
function heldHandle(rt: ResourceType, idx: number, rep: number): { impl: ComponentInstance; h: ResourceHandle } {
  const impl = rt.impl!;
  const h = idx < impl.handles.array.length ? impl.handles.array[idx] : undefined;
  if (!(h instanceof ResourceHandle) || h.rt !== rt || h.rep !== rep || !h.own)
    throw new Trap(`use after drop: handle index ${idx} of '${rt.name}' no longer holds this resource`);
  if (h.numLends !== 0)
    throw new Trap(`borrow still lent: cannot transfer handle ${idx} while it is lent ${h.numLends} time(s)`);
  return { impl, h };
}

/** The host dropping a held handle: removed from the table, then the destructor as in `resource.drop`. */
function dropHeld(rt: ResourceType, idx: number, rep: number, store: Store | undefined): void {
  const { impl } = heldHandle(rt, idx, rep);
  impl.handles.remove(idx);
  runDtor(rt, rep, store);
}

export type GuestClass = { new (...args: never[]): object; prototype: object };

const guestClasses = new WeakMap<ResourceType, GuestClass>();
const storesOf = new WeakMap<ResourceType, Store>();
const constructors = new WeakMap<ResourceType, (...args: unknown[]) => unknown>();

/** Records the store a guest-defined resource type belongs to (for poisoning checks on dispose). */
export function registerGuestResource(rt: ResourceType, store: Store): void {
  storesOf.set(rt, store);
}

/** `new Class(...)` of a guest resource calls its `[constructor]` export. */
export function setGuestConstructor(rt: ResourceType, ctor: (...args: unknown[]) => unknown): void {
  constructors.set(rt, ctor);
}

/** The wrapper class of a guest resource type (created once per type). */
export function guestClass(rt: ResourceType, name = rt.name): GuestClass {
  let cls = guestClasses.get(rt);
  if (cls !== undefined) return cls;
  const className = pascalCase(name);
  // A named class expression so stack traces and `constructor.name` read well.
  const holder = {
    [className]: class {
      constructor(...args: unknown[]) {
        const ctor = constructors.get(rt);
        if (ctor === undefined) throw new TypeError(`resource '${name}' has no constructor`);
        // The constructor export returns a fresh wrapper (own<R> lifted); returning
        // an object from a JS constructor makes `new` yield it.
        return ctor(...args) as object;
      }
    },
  };
  cls = holder[className] as unknown as GuestClass;
  Object.defineProperty(cls.prototype, DISPOSE, {
    value: function (this: Wrapper) {
      disposeWrapper(this, rt);
    },
    writable: true,
    configurable: true,
  });
  guestClasses.set(rt, cls);
  return cls;
}

function disposeWrapper(w: Wrapper, rt: ResourceType): void {
  const rep = w[REP];
  if (rep === undefined) return; // already disposed or moved: idempotent as in jco
  w[REP] = undefined;
  if (!w[OWN]) return;
  finalizer.unregister(w);
  const store = storesOf.get(rt);
  if (store?.poisoned) poisonedTrap();
  const idx = w[IDX];
  if (idx !== undefined) {
    w[IDX] = undefined;
    dropHeld(rt, idx, rep, store);
  } else {
    runDtor(rt, rep, store);
  }
}

/** Makes a host-side wrapper for a guest resource rep. */
export function wrapGuest(rt: ResourceType, rep: number, own: boolean): object {
  const cls = guestClass(rt);
  const w = Object.create(cls.prototype) as Wrapper;
  w[REP] = rep;
  w[OWN] = own;
  if (own) finalizer.register(w, { rt, rep, store: storesOf.get(rt), idx: undefined }, w);
  return w;
}

/** A host-held owning wrapper: handle `idx` (holding `rep`) stays in the implementing instance's table. */
function wrapHeld(cls: GuestClass, rt: ResourceType, idx: number, rep: number): object {
  const w = Object.create(cls.prototype) as Wrapper;
  w[REP] = rep;
  w[OWN] = true;
  w[IDX] = idx;
  finalizer.register(w, { rt, rep, store: storesOf.get(rt), idx }, w);
  return w;
}

/**
 * Host wrapper → ABI value for a guest resource handle (TypeError for
 * anything else): the rep, except for an `own` lowered from the host into
 * `inst`, the instance implementing the resource (host-held mode, see
 * `setHostHeldOwn`), which gets the handle index.
 */
export function unwrapGuest(v: unknown, t: HandleType, inst?: ComponentInstance): number {
  const cls = guestClass(t.resource);
  // Guest resource types are named after their export (the class name).
  if (!(v instanceof cls)) throw new TypeError(`expected a ${cls.name} resource (an instance of its class)`);
  const w = v as unknown as Wrapper;
  const rep = w[REP];
  if (rep === undefined) throw new TypeError(`this ${cls.name} was already disposed or moved into the guest`);
  if (t.kind === 'own') {
    if (!w[OWN]) throw new TypeError(`cannot transfer ownership of a borrowed ${cls.name}`);
    const rt = t.resource;
    const idx = w[IDX];
    const toImpl = inst !== undefined && inst === rt.impl;
    // Checked before the wrapper dies, so a stale handle leaves it as it was.
    const held = idx === undefined ? undefined : heldHandle(rt, idx, rep);
    // Ownership moves into the guest: the wrapper becomes dead.
    w[REP] = undefined;
    w[IDX] = undefined;
    finalizer.unregister(w);
    if (toImpl) {
      // Back to the implementing instance: the same handle index it created.
      return idx ?? rt.impl!.handles.add(new ResourceHandle(rt, rep, true));
    }
    // To another instance (spec `lower_own` there): the host's handle leaves the implementation's table.
    if (held !== undefined) held.impl.handles.remove(idx!);
  }
  return rep;
}

/** A handle type as the generated call paths see it: the wrapper class resolved once. */
export interface GuestHandle {
  readonly cls: GuestClass;
  readonly t: HandleType;
}

/** True when `rt` is implemented by the host (its objects are the host's own). */
export function isHostResource(rt: ResourceType): boolean {
  return hostResources.has(rt);
}

/**
 * Handle info for generated code, or undefined for host resources. Also
 * undefined while the wrapper class does not exist yet: it is named after
 * the export that first shapes it, so code generation must not create it.
 */
export function guestHandle(t: HandleType): GuestHandle | undefined {
  if (hostResources.has(t.resource)) return undefined;
  const cls = guestClasses.get(t.resource);
  return cls === undefined ? undefined : { cls, t };
}

/** `wrapGuest(rt, rep, true)` with the class already resolved. */
export function wrapOwn(h: GuestHandle, rep: number): object {
  const w = Object.create(h.cls.prototype) as Wrapper;
  w[REP] = rep;
  w[OWN] = true;
  const rt = h.t.resource;
  finalizer.register(w, { rt, rep, store: storesOf.get(rt), idx: undefined }, w);
  return w;
}

/**
 * Generated export entries: `own` result lifted to the host. From the
 * instance implementing the resource the handle stays in its table
 * (host-held); otherwise spec `lift_own`.
 */
export function liftOwnToHost(h: GuestHandle, cx: LiftLowerContext, i: number): object {
  const t = h.t;
  if (t.resource.impl === cx.inst) {
    liftOwnHeld(cx, i, t);
    return wrapHeld(h.cls, t.resource, i, (cx.inst.handles.get(i) as ResourceHandle).rep);
  }
  return wrapOwn(h, liftOwn(cx, i, t));
}

// ---------------------------------------------------------------- value conversion

/**
 * Host value → ABI value (objects → reps) for a type containing handles.
 * `inst`: the callee when these are a host call's arguments converted for
 * `callLifted(..., held = true)` (own handles of its resources → indices).
 */
export function fromHost(v: unknown, t: AbiType, inst?: ComponentInstance): unknown {
  return convert(v, t, true, inst);
}

/** ABI value → host value (reps → objects); `inst` as in `fromHost`, for results. */
export function toHost(v: unknown, t: AbiType, inst?: ComponentInstance): unknown {
  return convert(v, t, false, inst);
}

function convertHandle(v: unknown, t: HandleType, down: boolean, inst: ComponentInstance | undefined): unknown {
  const host = hostResources.get(t.resource);
  if (host !== undefined) {
    if (down) return t.kind === 'own' ? host.lowerOwn(v) : host.lowerBorrow(v);
    return t.kind === 'own' ? host.liftOwn(v as number).obj : host.get(v as number);
  }
  if (down) return unwrapGuest(v, t, inst);
  const rt = t.resource;
  if (t.kind === 'own' && inst !== undefined && rt.impl === inst) {
    // Host-held: `v` is the index of the handle left in the instance's table.
    const idx = v as number;
    return wrapHeld(guestClass(rt), rt, idx, (inst.handles.get(idx) as ResourceHandle).rep);
  }
  return wrapGuest(rt, v as number, t.kind === 'own');
}

function convert(v: unknown, t: AbiType, down: boolean, inst?: ComponentInstance): unknown {
  if (!containsHandle(t)) return v;
  switch (t.kind) {
    case 'own':
    case 'borrow':
      return convertHandle(v, t, down, inst);
    case 'list': {
      if (!Array.isArray(v)) return v; // the abi reports the shape error
      return v.map((x) => convert(x, t.elem, down, inst));
    }
    case 'record': {
      if (v === null || typeof v !== 'object') return v;
      const o: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      for (const f of t.fields) o[f.jsName] = convert(o[f.jsName], f.type, down, inst);
      return o;
    }
    case 'tuple': {
      if (!Array.isArray(v)) return v;
      return t.types.map((tt, i) => convert(v[i], tt, down, inst));
    }
    case 'option':
      if (v === undefined || v === null) return v;
      if (t.type.kind === 'option') {
        const tv = v as { tag: string; val?: unknown };
        return tv.tag === 'some' ? { tag: 'some', val: convert(tv.val, t.type, down, inst) } : v;
      }
      return convert(v, t.type, down, inst);
    case 'result': {
      const tv = v as { tag: string; val?: unknown };
      if (tv === null || typeof tv !== 'object') return v;
      const pt = tv.tag === 'ok' ? t.ok : t.err;
      return pt === undefined ? v : { tag: tv.tag, val: convert(tv.val, pt, down, inst) };
    }
    case 'variant': {
      const tv = v as { tag: string; val?: unknown };
      if (tv === null || typeof tv !== 'object') return v;
      const i = t.caseIndex.get(tv.tag);
      const pt = i === undefined ? undefined : t.cases[i].type;
      return pt === undefined ? v : { tag: tv.tag, val: convert(tv.val, pt, down, inst) };
    }
    default:
      return v;
  }
}

export function pascalCase(name: string): string {
  return name
    .split('-')
    .map((p) => (p === '' ? '' : p[0].toUpperCase() + p.slice(1)))
    .join('');
}
