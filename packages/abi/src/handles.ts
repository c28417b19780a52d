// Handle tables and resource bookkeeping ("Table State", "Resource State",
// `canon resource.{new,drop,rep}`, lift/lower of own/borrow). Every component
// instance owns one table; index 0 is reserved so 0 can never be a handle.
import type { ComponentInstance, LiftLowerContext } from './context.js';
import type { HandleType } from './types.js';
import { trap } from './trap.js';

export class HandleTable<T = unknown> {
  static readonly MAX_LENGTH = 2 ** 28 - 1;
  /** Slot 0 is reserved (null/sentinel). Holes are `undefined`. */
  readonly array: (T | undefined)[] = [undefined];
  /** Free slots, reused LIFO before the table grows (as in the spec). */
  readonly free: number[] = [];

  get(i: number): T {
    const e = i < this.array.length ? this.array[i] : undefined;
    if (e === undefined) trap(`use after drop: handle index ${i} is not in the table`);
    return e;
  }

  add(e: T): number {
    if (this.free.length > 0) {
      const i = this.free.pop()!;
      this.array[i] = e;
      return i;
    }
    const i = this.array.length;
    if (i > HandleTable.MAX_LENGTH) trap('handle table full: more than 2^28-1 handles');
    this.array.push(e);
    return i;
  }

  remove(i: number): T {
    const e = this.get(i);
    this.array[i] = undefined;
    this.free.push(i);
    return e;
  }

  /** Number of live entries (for tests and leak checks). */
  get size(): number {
    return this.array.length - 1 - this.free.length;
  }
}

/**
 * A runtime resource type. Identity (not structure) matters: two components
 * instantiated from the same source define different ResourceTypes.
 */
export class ResourceType {
  constructor(
    readonly name: string,
    /** The instance implementing the resource (undefined = host). */
    readonly impl?: ComponentInstance,
    /** Destructor, called with the rep when the last owning handle is dropped. */
    readonly dtor?: (rep: number) => void,
  ) {}
}

export class ResourceHandle {
  numLends = 0;
  constructor(
    readonly rt: ResourceType,
    readonly rep: number,
    readonly own: boolean,
    readonly borrowScope?: Task,
  ) {}
}

/** An error-context value as stored in the handle table. */
export class ErrorContext {
  constructor(readonly debugMessage: string) {}
}

/** Callee side of a call: counts borrow handles the callee must drop before returning. */
export class Task {
  numBorrows = 0;
  resolved = false;
  constructor(readonly inst: ComponentInstance) {}

  /** `Task.return_`: all borrows received by the callee must have been dropped. */
  return_(): void {
    if (this.resolved) trap('task already returned');
    if (this.numBorrows > 0)
      trap(`borrow still lent: ${this.numBorrows} borrowed handle(s) not dropped before the call returned`);
    this.resolved = true;
  }
}

/** Caller side of a call: remembers handles lent out as borrows until the call resolves. */
export class Subtask {
  lenders: ResourceHandle[] | null = [];

  addLender(h: ResourceHandle): void {
    h.numLends++;
    this.lenders!.push(h);
  }

  /** Returns the lent handles to the caller (decrements their lend counts). */
  deliverResolve(): void {
    const ls = this.lenders;
    if (ls === null) return;
    for (let i = 0; i < ls.length; i++) ls[i].numLends--;
    this.lenders = null;
  }
}

function checkResourceHandle(h: unknown, rt: ResourceType): ResourceHandle {
  if (!(h instanceof ResourceHandle)) trap('not a resource handle: table entry is of another kind');
  if (h.rt !== rt) trap(`resource type mismatch: handle is a '${h.rt.name}', expected '${rt.name}'`);
  return h;
}

/**
 * Host-held handles (jco interop): while on, an `own<R>` lifted to / lowered
 * from the host at the boundary of the instance implementing `R` stays in
 * that instance's table and the ABI value is the handle index, not the rep
 * (guests such as componentize-js map handle indices to their objects and
 * expect the host to pass back the index they created). Embedders turn it
 * on only around lowering a host call's arguments and lifting its results.
 */
let hostHeld = false;

/** Sets the host-held mode (see `hostHeld`), returning the previous setting. */
export function setHostHeldOwn(on: boolean): boolean {
  const prev = hostHeld;
  hostHeld = on;
  return prev;
}

/**
 * `lift_own` checks for a handle the host keeps in the implementing
 * instance's table: returns the index, the handle stays where it is.
 */
export function liftOwnHeld(cx: LiftLowerContext, i: number, t: HandleType): number {
  const h = checkResourceHandle(cx.inst.handles.get(i), t.resource);
  if (h.numLends !== 0) trap(`borrow still lent: cannot transfer handle ${i} while it is lent ${h.numLends} time(s)`);
  if (!h.own) trap(`not an owned handle: handle ${i} is a borrow`);
  return i;
}

/** `lift_own`: transfers ownership out of the table. */
export function liftOwn(cx: LiftLowerContext, i: number, t: HandleType): number {
  if (hostHeld && t.resource.impl === cx.inst) return liftOwnHeld(cx, i, t);
  // Checked before removal (the spec removes first; after a trap the
  // difference is unobservable, but embedders inspecting tables see sane state).
  const h = checkResourceHandle(cx.inst.handles.get(i), t.resource);
  if (h.numLends !== 0) trap(`borrow still lent: cannot transfer handle ${i} while it is lent ${h.numLends} time(s)`);
  if (!h.own) trap(`not an owned handle: handle ${i} is a borrow`);
  cx.inst.handles.remove(i);
  return h.rep;
}

/** `lift_borrow`: reads the rep and records the handle as lent for the call. */
export function liftBorrow(cx: LiftLowerContext, i: number, t: HandleType): number {
  const h = checkResourceHandle(cx.inst.handles.get(i), t.resource);
  const scope = cx.borrowScope;
  if (scope instanceof Subtask) scope.addLender(h);
  return h.rep;
}

export function lowerOwn(cx: LiftLowerContext, rep: number, t: HandleType): number {
  // Host-held: the value already is the (checked) index in the implementing instance's table.
  if (hostHeld && t.resource.impl === cx.inst) return rep;
  return cx.inst.handles.add(new ResourceHandle(t.resource, rep, true));
}

/**
 * `lower_borrow`: the implementing instance just gets the rep; others get a
 * borrow handle counted against the callee's task.
 */
export function lowerBorrow(cx: LiftLowerContext, rep: number, t: HandleType): number {
  if (cx.inst === t.resource.impl) return rep;
  const scope = cx.borrowScope;
  if (!(scope instanceof Task)) throw new Error('lowering a borrow requires a Task borrow scope on the context');
  scope.numBorrows++;
  return cx.inst.handles.add(new ResourceHandle(t.resource, rep, false, scope));
}

/** `canon resource.new`. */
export function resourceNew(inst: ComponentInstance, rt: ResourceType, rep: number): number {
  inst.checkMayLeave();
  return inst.handles.add(new ResourceHandle(rt, rep, true));
}

/**
 * `canon resource.drop`: owning handles run the destructor (once: the handle
 * leaves the table first, so a second drop traps "use after drop");
 * borrow handles just release their task's borrow count.
 */
export function resourceDrop(inst: ComponentInstance, rt: ResourceType, i: number): void {
  inst.checkMayLeave();
  const h = checkResourceHandle(inst.handles.get(i), rt);
  if (h.numLends !== 0) trap(`borrow still lent: cannot drop handle ${i} while it is lent ${h.numLends} time(s)`);
  inst.handles.remove(i);
  if (h.own) {
    const dtor = rt.dtor;
    if (dtor === undefined) return;
    // The destructor is a sync call into the implementing instance, subject
    // to the usual re-entrance rules (no-op when dropping one's own resource).
    const impl = rt.impl;
    if (impl !== undefined && impl !== inst) {
      impl.enterFrom(inst);
      try {
        dtor(h.rep);
      } finally {
        impl.leaveTo(inst);
      }
    } else {
      dtor(h.rep);
    }
  } else {
    h.borrowScope!.numBorrows--;
  }
}

/** `canon resource.rep`. */
export function resourceRep(inst: ComponentInstance, rt: ResourceType, i: number): number {
  return checkResourceHandle(inst.handles.get(i), rt).rep;
}

export function liftErrorContext(cx: LiftLowerContext, i: number): ErrorContext {
  const e = cx.inst.handles.get(i);
  if (!(e instanceof ErrorContext)) trap('not an error-context: table entry is of another kind');
  return e;
}

export function lowerErrorContext(cx: LiftLowerContext, v: unknown): number {
  if (!(v instanceof ErrorContext)) throw new TypeError('expected an ErrorContext');
  return cx.inst.handles.add(v);
}
