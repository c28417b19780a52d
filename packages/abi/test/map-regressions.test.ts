// Regression: a `map` is a list of key/value pairs at the ABI level. Lifting
// into a JS `Map` collapses pairs with equal keys, which lost entries on
// component → component calls (values/concat.wast "map-str-u32"). With
// `cx.mapPairs` maps lift as `[key, value]` pair arrays (every pair, in
// order, nested maps too); without it the host convention (a `Map`) stays.
import { describe, expect, it } from 'vitest';
import { CoreValueIter, liftFlat, list, load, lowerFlat, map, store, string, u32, u8 } from '../src/index.js';
import { makeMem } from './helpers.js';

describe('map lifting with duplicate keys', () => {
  const pairs: [string, number][] = [
    ['z', 26],
    ['k', 1],
    ['k', 2],
    ['a', 0],
  ];

  it('stores every pair of a pair array', () => {
    const m = makeMem();
    store(m.cx, pairs, map(string, u32), 0);
    expect(new DataView(m.memory.buffer).getUint32(4, true)).toBe(4);
  });

  it('lifts pair arrays with cx.mapPairs, a Map without', () => {
    const m = makeMem();
    const t = map(string, u32);
    store(m.cx, pairs, t, 0);
    expect(load(m.cx, 0, t)).toEqual(
      new Map([
        ['z', 26],
        ['k', 2],
        ['a', 0],
      ]),
    );
    m.cx.mapPairs = true;
    expect(load(m.cx, 0, t)).toEqual(pairs);
    // Flat lifting (parameters) goes through the same path.
    const flat: unknown[] = [];
    lowerFlat(m.cx, pairs, t, flat);
    expect(liftFlat(m.cx, new CoreValueIter(flat), t)).toEqual(pairs);
  });

  it('keeps nested maps as pair arrays too', () => {
    const m = makeMem();
    const t = map(string, map(string, list(u8)));
    const v = [
      [
        'a',
        [
          ['x', new Uint8Array([1, 2])],
          ['x', new Uint8Array([])],
        ],
      ],
      ['a', []],
    ];
    store(m.cx, v, t, 0);
    m.cx.mapPairs = true;
    expect(load(m.cx, 0, t)).toEqual(v);
    m.cx.mapPairs = false;
    expect(load(m.cx, 0, t)).toEqual(new Map([['a', new Map()]]));
  });
});
