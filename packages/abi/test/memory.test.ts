// Memory handling: views refreshed after growth (by realloc or by the guest),
// buffer-provider memories, and range checks of the public load/store.
import { describe, expect, it } from 'vitest';
import {
  ComponentInstance,
  CoreValueIter,
  liftFlat,
  LiftLowerContext,
  list,
  load,
  lowerFlat,
  record,
  store,
  string,
  u32,
  u64,
  u8,
  type AbiType,
} from '../src/index.js';
import { makeMem } from './helpers.js';

describe('memory growth', () => {
  it('a list of strings that grows memory mid-list keeps earlier writes', () => {
    const m = makeMem('utf8');
    const v = Array.from({ length: 40 }, (_, i) => String(i).repeat(4000));
    const out: unknown[] = [];
    lowerFlat(m.cx, v, list(string), out);
    expect(m.memory.buffer.byteLength).toBeGreaterThan(65536 * 2);
    expect(liftFlat(m.cx, new CoreValueIter(out), list(string))).toEqual(v);
  });
  it('guest-side memory.grow between calls is picked up lazily', () => {
    const m = makeMem('utf8');
    const out: unknown[] = [];
    lowerFlat(m.cx, 'hello', string, out);
    m.memory.grow(2); // detaches the buffer the context still holds
    new Uint8Array(m.memory.buffer).set([104, 105], 150000);
    expect(liftFlat(m.cx, new CoreValueIter([150000, 2]), string)).toBe('hi');
    expect(liftFlat(m.cx, new CoreValueIter(out), string)).toBe('hello');
  });
  it('a buffer-provider function works as memory', () => {
    const mem = new WebAssembly.Memory({ initial: 1 });
    let top = 1024;
    const cx = new LiftLowerContext(
      {
        memory: () => mem.buffer,
        realloc: (_o, _s, a, n) => {
          const p = Math.ceil(top / a) * a;
          top = p + n;
          return p;
        },
        stringEncoding: 'utf16',
      },
      new ComponentInstance(),
    );
    store(cx, ['ab', 'ü'], list(string), 0);
    expect(load(cx, 0, list(string))).toEqual(['ab', 'ü']);
  });
  it('without a memory, anything touching memory traps out of bounds', () => {
    const cx = new LiftLowerContext({});
    expect(() => liftFlat(cx, new CoreValueIter([0, 1]), string)).toThrow(/out of bounds/);
    expect(liftFlat(cx, new CoreValueIter([0, 0]), string)).toBe('');
  });
});

describe('public load/store range checks', () => {
  const ts: [AbiType, number][] = [
    [u32, 2],
    [u64, 4],
    [string, 2],
    [
      record([
        ['a', u8],
        ['b', u32],
      ]),
      1,
    ],
  ];
  it.each(ts)('%o at misaligned %i traps', (t, p) => {
    const m = makeMem();
    expect(() => load(m.cx, p, t)).toThrow(/misaligned/);
    expect(() => store(m.cx, 0, t, p)).toThrow(/misaligned/);
  });
  it.each(ts)('%o past the end traps', (t) => {
    const m = makeMem();
    const p = 65536 - t.align;
    if (t.size > t.align) expect(() => load(m.cx, p, t)).toThrow(/out of bounds/);
    expect(() => load(m.cx, 65536, t)).toThrow(/out of bounds/);
  });
});
