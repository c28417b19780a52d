// Handle tables and call-context rules: own/borrow transfer, dtor called
// once, rep, slot reuse via the free list, use-after-drop, lend counts,
// borrow scopes at return, re-entrance and may_leave.
import { describe, expect, it, vi } from 'vitest';
import {
  borrow,
  canonLiftCall,
  canonLowerCall,
  ComponentInstance,
  CoreValueIter,
  ErrorContext,
  errorContext,
  HandleTable,
  liftFlat,
  LiftLowerContext,
  list,
  load,
  lowerFlat,
  own,
  record,
  resourceDrop,
  resourceNew,
  resourceRep,
  ResourceType,
  store,
  Subtask,
  Task,
  Trap,
  u32,
} from '../src/index.js';
import { makeMem } from './helpers.js';

describe('HandleTable', () => {
  it('reserves index 0 and hands out 1, 2, 3', () => {
    const t = new HandleTable<string>();
    expect([t.add('a'), t.add('b'), t.add('c')]).toEqual([1, 2, 3]);
    expect(() => t.get(0)).toThrow(/use after drop/);
  });
  it('reuses freed slots LIFO before growing', () => {
    const t = new HandleTable<string>();
    ['a', 'b', 'c', 'd'].forEach((x) => t.add(x));
    t.remove(2);
    t.remove(4);
    expect(t.add('e')).toBe(4);
    expect(t.add('f')).toBe(2);
    expect(t.add('g')).toBe(5);
    expect(t.size).toBe(5);
  });
  it.each([[1], [7], [2 ** 31]])('get(%i) of a missing slot traps', (i) => {
    const t = new HandleTable<string>();
    expect(() => t.get(i)).toThrow(Trap);
  });
  it('remove twice traps use after drop', () => {
    const t = new HandleTable<string>();
    const i = t.add('x');
    t.remove(i);
    expect(() => t.remove(i)).toThrow(/use after drop/);
  });
  it('traps when exceeding 2^28-1 entries', () => {
    const t = new HandleTable<string>();
    t.array.length = HandleTable.MAX_LENGTH + 1;
    expect(() => t.add('x')).toThrow(/handle table full/);
  });
  it.each([1, 10, 100])('add/remove %i handles keeps the table dense', (n) => {
    const t = new HandleTable<number>();
    const ids = Array.from({ length: n }, (_, i) => t.add(i));
    ids.forEach((id) => t.remove(id));
    const again = Array.from({ length: n }, (_, i) => t.add(i));
    expect(new Set(again)).toEqual(new Set(ids));
    expect(t.array.length).toBe(n + 1);
  });
});

describe('resource.new / rep / drop', () => {
  it('dtor is called exactly once with the rep', () => {
    const inst = new ComponentInstance();
    const dtor = vi.fn();
    const R = new ResourceType('r', inst, dtor);
    const h = resourceNew(inst, R, 42);
    expect(resourceRep(inst, R, h)).toBe(42);
    resourceDrop(inst, R, h);
    expect(dtor).toHaveBeenCalledTimes(1);
    expect(dtor).toHaveBeenCalledWith(42);
    expect(() => resourceDrop(inst, R, h)).toThrow(/use after drop/);
    expect(() => resourceRep(inst, R, h)).toThrow(/use after drop/);
    expect(dtor).toHaveBeenCalledTimes(1);
  });
  it('resource type identity is checked', () => {
    const inst = new ComponentInstance();
    const A = new ResourceType('a', inst);
    const B = new ResourceType('a', inst);
    const h = resourceNew(inst, A, 1);
    expect(() => resourceRep(inst, B, h)).toThrow(/resource type mismatch/);
    expect(() => resourceDrop(inst, B, h)).toThrow(/resource type mismatch/);
  });
  it('non-resource table entries are rejected', () => {
    const inst = new ComponentInstance();
    const R = new ResourceType('r', inst);
    const i = inst.handles.add(new ErrorContext('x'));
    expect(() => resourceRep(inst, R, i)).toThrow(/not a resource handle/);
  });
  it('slot of a dropped handle is reused by the next resource.new', () => {
    const inst = new ComponentInstance();
    const R = new ResourceType('r', inst);
    const a = resourceNew(inst, R, 1);
    resourceNew(inst, R, 2);
    resourceDrop(inst, R, a);
    expect(resourceNew(inst, R, 3)).toBe(a);
    expect(resourceRep(inst, R, a)).toBe(3);
  });
  it('resource.new/drop trap while may_leave is false', () => {
    const inst = new ComponentInstance();
    const R = new ResourceType('r', inst);
    const h = resourceNew(inst, R, 1);
    inst.mayLeave = false;
    expect(() => resourceNew(inst, R, 2)).toThrow(/may_leave/);
    expect(() => resourceDrop(inst, R, h)).toThrow(/may_leave/);
  });
  it('the dtor of a resource implemented elsewhere runs with re-entrance checks', () => {
    const impl = new ComponentInstance();
    const user = new ComponentInstance();
    const R = new ResourceType('r', impl, () => {});
    const h = resourceNew(user, R, 5);
    impl.mayEnter = false;
    expect(() => resourceDrop(user, R, h)).toThrow(/re-entrance/);
  });
});

describe('own handles through lift/lower', () => {
  const R = new ResourceType('r');
  const T = own(R);
  it('lower creates a new owning handle; lift moves it out', () => {
    const { cx, inst } = makeMem();
    const out: unknown[] = [];
    lowerFlat(cx, 77, T, out);
    const i = out[0] as number;
    expect(resourceRep(inst, R, i)).toBe(77);
    expect(liftFlat(cx, new CoreValueIter([i]), T)).toBe(77);
    expect(() => resourceRep(inst, R, i)).toThrow(/use after drop/);
  });
  it('own handles in memory (record with a list of handles)', () => {
    const { cx, inst } = makeMem();
    const t = record([['items', list(T)]]);
    store(cx, { items: [1, 2, 3] }, t, 0);
    expect(inst.handles.size).toBe(3);
    expect(load(cx, 0, t)).toEqual({ items: [1, 2, 3] });
    expect(inst.handles.size).toBe(0);
  });
  it('lifting a borrow handle as own traps', () => {
    const { cx, inst } = makeMem();
    const task = new Task(inst);
    cx.borrowScope = task;
    const out: unknown[] = [];
    lowerFlat(cx, 5, borrow(R), out);
    expect(() => liftFlat(cx, new CoreValueIter(out), T)).toThrow(/not an owned handle/);
  });
  it('lifting an own handle that is lent traps', () => {
    const { cx, inst } = makeMem();
    const i = resourceNew(inst, R, 9);
    cx.borrowScope = new Subtask();
    liftFlat(cx, new CoreValueIter([i]), borrow(R));
    expect(() => liftFlat(cx, new CoreValueIter([i]), T)).toThrow(/borrow still lent/);
  });
  it('wrong resource type traps', () => {
    const { cx, inst } = makeMem();
    const i = resourceNew(inst, new ResourceType('other'), 1);
    expect(() => liftFlat(cx, new CoreValueIter([i]), T)).toThrow(/resource type mismatch/);
  });
  it.each([-1.5, '1', null, 2 ** 33])('invalid host rep %j is a TypeError', (v) => {
    const { cx } = makeMem();
    expect(() => lowerFlat(cx, v, T, [])).toThrow(TypeError);
  });
});

describe('borrows across calls', () => {
  it('import taking borrow<R>: handle is lent during the call and returned after', () => {
    const { cx, inst } = makeMem();
    const dtor = vi.fn();
    const R = new ResourceType('r', inst, dtor);
    const h = resourceNew(inst, R, 1234);
    let lentDuring = -1;
    const host = (rep: unknown) => {
      lentDuring = (inst.handles.get(h) as { numLends: number }).numLends;
      expect(rep).toBe(1234);
      // The component may not drop the handle while it is lent.
      expect(() => resourceDrop(inst, R, h)).toThrow(/borrow still lent/);
      return 1;
    };
    expect(canonLowerCall(cx, { params: [borrow(R)], result: u32 }, host, [h])).toBe(1);
    expect(lentDuring).toBe(1);
    expect((inst.handles.get(h) as { numLends: number }).numLends).toBe(0);
    resourceDrop(inst, R, h);
    expect(dtor).toHaveBeenCalledOnce();
  });
  it('lend counts are released even when the host throws', () => {
    const { cx, inst } = makeMem();
    const R = new ResourceType('r', inst);
    const h = resourceNew(inst, R, 1);
    expect(() =>
      canonLowerCall(
        cx,
        { params: [borrow(R)] },
        () => {
          throw new Error('boom');
        },
        [h],
      ),
    ).toThrow('boom');
    expect((inst.handles.get(h) as { numLends: number }).numLends).toBe(0);
  });
  it('export taking borrow<R>: callee gets a borrow handle and must drop it', () => {
    const { cx, inst } = makeMem();
    const R = new ResourceType('r'); // host-implemented
    const callee = vi.fn((i: unknown) => {
      expect(resourceRep(inst, R, i as number)).toBe(55);
      resourceDrop(inst, R, i as number);
    });
    canonLiftCall(cx, { params: [borrow(R)] }, callee, [55]);
    expect(callee).toHaveBeenCalledOnce();
    expect(inst.handles.size).toBe(0);
  });
  it('export returning while a borrow is still held traps "borrow still lent"', () => {
    const { cx } = makeMem();
    const R = new ResourceType('r');
    expect(() => canonLiftCall(cx, { params: [borrow(R)] }, () => undefined, [55])).toThrow(/borrow still lent/);
  });
  it('dropping a borrow handle does not call the dtor', () => {
    const { cx, inst } = makeMem();
    const dtor = vi.fn();
    const R = new ResourceType('r', undefined, dtor);
    canonLiftCall(
      cx,
      { params: [borrow(R), borrow(R)] },
      (a, b) => {
        resourceDrop(inst, R, a as number);
        resourceDrop(inst, R, b as number);
      },
      [1, 2],
    );
    expect(dtor).not.toHaveBeenCalled();
  });
  it('borrow passed to the implementing instance is just the rep', () => {
    const { cx, inst } = makeMem();
    const R = new ResourceType('r', inst);
    let got: unknown;
    canonLiftCall(
      cx,
      { params: [borrow(R)] },
      (rep) => {
        got = rep;
      },
      [99],
    );
    expect(got).toBe(99);
    expect(inst.handles.size).toBe(0);
  });
  it('export taking own<R>: callee owns the handle', () => {
    const { cx, inst } = makeMem();
    const R = new ResourceType('r');
    let idx = 0;
    canonLiftCall(
      cx,
      { params: [own(R)] },
      (i) => {
        idx = i as number;
      },
      [7],
    );
    expect(resourceRep(inst, R, idx)).toBe(7);
  });
  it('export returning own<R> transfers the handle out', () => {
    const { cx, inst } = makeMem();
    const R = new ResourceType('r', inst);
    const rep = canonLiftCall(cx, { params: [], result: own(R) }, () => resourceNew(inst, R, 31));
    expect(rep).toBe(31);
    expect(inst.handles.size).toBe(0);
  });
});

describe('call context rules', () => {
  it('re-entering an instance on the stack traps', () => {
    const { cx } = makeMem();
    const inner = () => canonLiftCall(cx, { params: [] }, () => undefined, []);
    expect(() => canonLiftCall(cx, { params: [] }, inner, [])).toThrow(/re-entrance/);
    // and the flag is restored afterwards
    expect(cx.inst.mayEnter).toBe(true);
    expect(() => canonLiftCall(cx, { params: [] }, () => undefined, [])).not.toThrow();
  });
  it('donut wrapping: a child may call back into its parent', () => {
    const parent = new ComponentInstance();
    const child = new ComponentInstance(parent);
    const pcx = new LiftLowerContext({}, parent);
    const ccx = new LiftLowerContext({}, child);
    const order: string[] = [];
    canonLiftCall(
      pcx,
      { params: [] },
      () => {
        order.push('parent');
        canonLiftCall(
          ccx,
          { params: [] },
          () => {
            order.push('child');
            canonLiftCall(pcx, { params: [] }, () => order.push('parent again'), [], { caller: child });
          },
          [],
          { caller: parent },
        );
      },
      [],
    );
    expect(order).toEqual(['parent', 'child', 'parent again']);
  });
  it('the host may not re-enter a child whose parent is on the stack', () => {
    const parent = new ComponentInstance();
    const child = new ComponentInstance(parent);
    const pcx = new LiftLowerContext({}, parent);
    const ccx = new LiftLowerContext({}, child);
    expect(() =>
      canonLiftCall(pcx, { params: [] }, () => canonLiftCall(ccx, { params: [] }, () => undefined, []), []),
    ).toThrow(/re-entrance/);
  });
  it('post-return runs with may_leave cleared and receives the core results', () => {
    const m = makeMem();
    const seen: unknown[] = [];
    const cx = new LiftLowerContext(
      {
        ...m.cx.opts,
        postReturn: (...r: unknown[]) => {
          seen.push(r, m.inst.mayLeave);
          expect(() => canonLowerCall(cx, { params: [] }, () => undefined, [])).toThrow(/may_leave/);
        },
      },
      m.inst,
    );
    expect(canonLiftCall(cx, { params: [], result: u32 }, () => 5, [])).toBe(5);
    expect(seen).toEqual([[5], false]);
    expect(m.inst.mayLeave).toBe(true);
  });
  it('realloc runs with may_leave cleared', () => {
    const m = makeMem();
    const real = m.cx.opts.realloc!;
    const flags: boolean[] = [];
    const cx = new LiftLowerContext(
      {
        ...m.cx.opts,
        realloc: (a, b, c, d) => {
          flags.push(m.inst.mayLeave);
          return real(a, b, c, d);
        },
      },
      m.inst,
    );
    const out: unknown[] = [];
    lowerFlat(cx, 'hello', { ...list(u32), kind: 'string' } as never, out);
    expect(flags).toEqual([false]);
    expect(m.inst.mayLeave).toBe(true);
  });
  it('lowering without realloc is a TypeError naming the option', () => {
    const cx = new LiftLowerContext({ memory: new WebAssembly.Memory({ initial: 1 }) });
    expect(() => lowerFlat(cx, [1], list(u32), [])).toThrow(/realloc/);
  });
  it('error-context values are stored in the handle table', () => {
    const { cx, inst } = makeMem();
    const e = new ErrorContext('oops');
    const out: unknown[] = [];
    lowerFlat(cx, e, errorContext, out);
    expect(inst.handles.get(out[0] as number)).toBe(e);
    expect(liftFlat(cx, new CoreValueIter(out), errorContext)).toBe(e);
  });
});
