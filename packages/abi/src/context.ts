// Ambient state of a lift/lower: canonical options, the component instance
// (its handle table and may_enter/may_leave flags) and the borrow scope.
// A context is meant to be created once per (instance, canon options) pair
// and reused across calls; only `borrowScope` changes per call.
import type { Subtask, Task } from './handles.js';
import { HandleTable } from './handles.js';
import { trap } from './trap.js';
import './wasm-types.js';

export type StringEncoding = 'utf8' | 'utf16' | 'latin1+utf16';

/** `realloc(old_ptr, old_size, align, new_size) -> new_ptr` (core wasm export). */
export type Realloc = (oldPtr: number, oldSize: number, align: number, newSize: number) => number;

/** A memory: a real `WebAssembly.Memory`, or a provider of its current buffer. */
export type MemoryLike = WebAssembly.Memory | { readonly buffer: ArrayBuffer } | (() => ArrayBuffer);

export interface CanonicalOptions {
  memory?: MemoryLike;
  realloc?: Realloc;
  stringEncoding?: StringEncoding;
  /** Called with the core results after they have been lifted (sync lift only). */
  postReturn?: (...flatResults: unknown[]) => void;
}

export class ComponentInstance {
  readonly handles = new HandleTable();
  readonly parent: ComponentInstance | undefined;
  /** Cleared while the instance is on the stack (non-reentrance, Component Invariant #2). */
  mayEnter = true;
  /** Cleared while running realloc/post-return: those may not call imports. */
  mayLeave = true;

  constructor(parent?: ComponentInstance) {
    this.parent = parent;
  }

  /** Instances entered by a call from `caller` (undefined = host). */
  enteringSet(caller: ComponentInstance | undefined): ComponentInstance[] {
    const callerSet: ComponentInstance[] = [];
    for (let c = caller; c !== undefined; c = c.parent) callerSet.push(c);
    const out: ComponentInstance[] = [];
    for (let c: ComponentInstance | undefined = this; c !== undefined; c = c.parent) {
      if (!callerSet.includes(c)) out.push(c);
    }
    return out;
  }

  mayEnterFrom(caller: ComponentInstance | undefined): boolean {
    for (let c: ComponentInstance | undefined = this; c !== undefined; c = c.parent) {
      if (!c.mayEnter && !isAncestorOrSelf(c, caller)) return false;
    }
    return true;
  }

  /** Traps with "re-entrance" when the call would re-enter an instance on the stack. */
  enterFrom(caller: ComponentInstance | undefined): void {
    if (!this.mayEnterFrom(caller)) trap('re-entrance: component instance may not be entered while it is on the stack');
    for (const c of this.enteringSet(caller)) c.mayEnter = false;
  }

  leaveTo(caller: ComponentInstance | undefined): void {
    for (const c of this.enteringSet(caller)) c.mayEnter = true;
  }

  /** Guard for operations core wasm may not perform during realloc/post-return. */
  checkMayLeave(): void {
    if (!this.mayLeave) trap('may_leave: this operation is not allowed during realloc or post-return');
  }
}

function isAncestorOrSelf(c: ComponentInstance, of: ComponentInstance | undefined): boolean {
  for (let x = of; x !== undefined; x = x.parent) if (x === c) return true;
  return false;
}

const EMPTY = new ArrayBuffer(0);

export class LiftLowerContext {
  readonly opts: CanonicalOptions;
  readonly stringEncoding: StringEncoding;
  inst: ComponentInstance;
  borrowScope: Task | Subtask | undefined;

  /** Current memory views; refreshed by `refresh()` after anything that may grow memory. */
  buffer: ArrayBuffer = EMPTY;
  u8: Uint8Array = new Uint8Array(EMPTY);
  dv: DataView = new DataView(EMPTY);

  /** Out-value of string/list stores: the (tagged) length paired with the returned pointer. */
  lastLength = 0;

  /**
   * Lift `map<K, V>` as an array of `[key, value]` pairs instead of a JS
   * `Map`. Set on the component → component path: at the ABI level a map is
   * a list of pairs, and every pair (also pairs with equal keys) must reach
   * the callee. Hosts always see a `Map`.
   */
  mapPairs = false;

  private readonly getBuffer: (() => ArrayBuffer) | undefined;

  constructor(
    opts: CanonicalOptions = {},
    inst: ComponentInstance = new ComponentInstance(),
    borrowScope?: Task | Subtask,
  ) {
    this.opts = opts;
    this.stringEncoding = opts.stringEncoding ?? 'utf8';
    this.inst = inst;
    this.borrowScope = borrowScope;
    const m = opts.memory;
    this.getBuffer = m === undefined ? undefined : typeof m === 'function' ? m : () => m.buffer;
    this.refresh();
  }

  /**
   * Re-derives the views when the memory's buffer changed (memory.grow
   * detaches the old ArrayBuffer). Cheap when nothing changed, so public
   * entry points call it unconditionally.
   */
  refresh(): void {
    if (this.getBuffer === undefined) return;
    const buf = this.getBuffer();
    if (buf !== this.buffer) {
      this.buffer = buf;
      this.u8 = new Uint8Array(buf);
      this.dv = new DataView(buf);
    }
  }

  /** `LiftLowerContext.reallocate`: realloc runs with may_leave cleared. */
  reallocate(old: number, oldSize: number, align: number, newSize: number): number {
    const realloc = this.opts.realloc;
    if (realloc === undefined) throw new TypeError('canonical option realloc is required to lower this value');
    const inst = this.inst;
    inst.mayLeave = false;
    let ptr: number;
    try {
      ptr = realloc(old, oldSize, align, newSize) >>> 0;
    } finally {
      inst.mayLeave = true;
    }
    this.refresh();
    return ptr;
  }

  allocate(align: number, size: number): number {
    return this.reallocate(0, 0, align, size);
  }

  /**
   * `allocate` without refreshing the views afterwards (no `memory.buffer`
   * lookup: it is an API getter, a noticeable share of a short string's
   * cost). Only for callers that bounds-check the result with
   * `checkRange`/`checkBounds` or compare against `u8.length` and refresh
   * on failure: a memory.grow inside realloc detaches the old buffer, so
   * stale views can only fail such a check, never pass it wrongly.
   */
  allocateUnrefreshed(align: number, size: number): number {
    const realloc = this.opts.realloc;
    if (realloc === undefined) throw new TypeError('canonical option realloc is required to lower this value');
    const inst = this.inst;
    inst.mayLeave = false;
    try {
      return realloc(0, 0, align, size) >>> 0;
    } finally {
      inst.mayLeave = true;
    }
  }
}

/**
 * Traps unless `[ptr, ptr+size)` is inside memory and `ptr` is `align`-aligned.
 * A failing bounds check first refreshes the views: memory.grow detaches the
 * old buffer (length 0), so stale views only ever fail, never pass wrongly.
 * This keeps the fast path free of `memory.buffer` lookups.
 */
export function checkRange(cx: LiftLowerContext, ptr: number, size: number, align: number): void {
  if ((ptr & (align - 1)) !== 0) trap(`misaligned pointer: ${ptr} is not ${align}-byte aligned`);
  checkBounds(cx, ptr, size);
}

export function checkBounds(cx: LiftLowerContext, ptr: number, size: number): void {
  if (ptr + size > cx.u8.length) {
    cx.refresh();
    if (ptr + size > cx.u8.length) trap(`out of bounds: [${ptr}, ${ptr + size}) exceeds memory size ${cx.u8.length}`);
  }
}
