// Host ↔ component value passing through our engine, for components
// written in WAT (assembled with jco's parse): scalars, strings in both
// guest encodings, lists, records, variants, enums, flags, options,
// results (ComponentError), post-return and trap poisoning.
import { describe, expect, it, beforeAll } from 'vitest';
import { ComponentError, instantiate, Trap } from '@wit-ts/runtime';
import { decodeComponent, validateComponent } from '@wit-ts/component';
import { countAssertions, wat } from './helpers.js';
import { VALUES } from './wat-lib.js';

countAssertions('values');

type Fn = (...a: unknown[]) => any;

describe('values through the engine (WAT component)', () => {
  let e: Record<string, Fn>;
  beforeAll(async () => {
    e = (await instantiate(await wat(VALUES), {})) as Record<string, Fn>;
  });

  it('scalars: add(u32,u32), s8, u64, f64, bool', () => {
    expect(e.add(1, 2)).toBe(3);
    expect(e.add(0xffffffff, 1)).toBe(0);
    expect(e.add(0x80000000, 0)).toBe(0x80000000);
    expect(() => e.add(-1, 0)).toThrow(RangeError);
    expect(() => e.add('1', 0)).toThrow(TypeError);
    expect(() => e.add(1.5, 0)).toThrow(RangeError);
    expect(e.neg(5)).toBe(-5);
    expect(e.neg(-128)).toBe(-128);
    expect(() => e.neg(128)).toThrow(RangeError);
    expect(e.big(41n)).toBe(42n);
    expect(e.big(0xffffffffffffffffn)).toBe(0n);
    expect(e.big(7)).toBe(8n);
    expect(e.half(3)).toBe(1.5);
    expect(e.not(true)).toBe(false);
    expect(e.not(false)).toBe(true);
    expect(() => e.not(1)).toThrow(TypeError);
  });

  it('strings: reverse and echo (utf8 callee, non-ASCII, post-return runs)', () => {
    const before = e.posts();
    expect(e.reverse('hello')).toBe('olleh');
    expect(e.reverse('')).toBe('');
    expect(e.echo('grüße 🌍 世界')).toBe('grüße 🌍 世界');
    const long = 'x'.repeat(100_000) + 'ß';
    expect(e.echo(long)).toBe(long); // grows memory past the first page
    expect(e.posts() - before).toBe(4);
    expect(() => e.echo('\ud800')).toThrow(TypeError);
  });

  it('strings: utf16 and latin1+utf16 callees', () => {
    expect(e.reverse16('hello')).toBe('olleh');
    expect(e.reverse16('grüße 世界')).toBe('界世 eßürg');
    expect(e.reverse16('')).toBe('');
    expect(e.echo16('🌍 ok')).toBe('🌍 ok');
    expect(e.echoLatin1('café')).toBe('café'); // latin-1 representable
    expect(e.echoLatin1('日本 🌍')).toBe('日本 🌍'); // needs the utf16 form
    expect(e.echoLatin1('x'.repeat(70_000))).toBe('x'.repeat(70_000));
    expect(() => e.echo(5)).toThrow(TypeError);
  });

  it('list<u32> → u64', () => {
    expect(e.sum(new Uint32Array([1, 2, 3, 0xffffffff]))).toBe(4294967301n);
    expect(e.sum([5, 6])).toBe(11n);
    expect(e.sum([])).toBe(0n);
  });

  it('record (camelCase fields), variant, enum, flags', () => {
    expect(e.swap({ xCoord: 1, y: -2 })).toEqual({ xCoord: -2, y: 1 });
    expect(() => e.swap({ y: 1 })).toThrow(TypeError);
    expect(e.bump({ tag: 'num', val: 41 })).toEqual({ tag: 'num', val: 42 });
    expect(e.bump({ tag: 'none' })).toEqual({ tag: 'none' });
    expect(e.bump({ tag: 'flt', val: 1.5 })).toEqual({ tag: 'flt', val: 1.5 });
    expect(() => e.bump({ tag: 'nope' })).toThrow(TypeError);
    expect(e.nextColor('red')).toBe('green');
    expect(e.nextColor('blue')).toBe('red');
    expect(() => e.nextColor('pink')).toThrow(TypeError);
    expect(e.invert({ read: true, execIt: true })).toEqual({ read: false, write: true, execIt: false });
    expect(e.invert({})).toEqual({ read: true, write: true, execIt: true });
  });

  it('option and result (err → ComponentError with payload)', () => {
    expect(e.maybeDouble(21)).toBe(42);
    expect(e.maybeDouble(undefined)).toBeUndefined();
    expect(e.maybeDouble(null)).toBeUndefined();
    expect(e.checkedDiv(10, 3)).toBe(3);
    let caught: unknown;
    try {
      e.checkedDiv(1, 0);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ComponentError);
    expect((caught as ComponentError).payload).toBe('division by zero');
  });

  it('a trap poisons the instance: later calls refuse to enter', async () => {
    const p = (await instantiate(await wat(VALUES), {})) as Record<string, Fn>;
    expect(p.add(1, 1)).toBe(2);
    expect(() => p.boom()).toThrow(WebAssembly.RuntimeError);
    expect(() => p.add(1, 1)).toThrow(/poisoned/);
    expect(() => p.reverse('x')).toThrow(Trap);
    expect(() => p.swap({ xCoord: 1, y: 2 })).toThrow(/poisoned/);
    // Host input errors before entering do not poison.
    const q = (await instantiate(await wat(VALUES), {})) as Record<string, Fn>;
    expect(() => q.add(-1, 0)).toThrow(RangeError);
    expect(() => q.swap(5)).toThrow(TypeError);
    expect(q.add(2, 2)).toBe(4);
  });

  it('the test component is valid, and `validate: true` accepts it', async () => {
    const bytes = await wat(VALUES);
    expect(validateComponent(decodeComponent(bytes))).toEqual([]);
    const v = (await instantiate(bytes, {}, { validate: true })) as Record<string, Fn>;
    expect(v.add(1, 2)).toBe(3);
  });

  it('same bytes instantiate twice independently (compile cache)', async () => {
    const bytes = await wat(VALUES);
    const a = (await instantiate(bytes, {})) as Record<string, Fn>;
    const b = (await instantiate(bytes, {})) as Record<string, Fn>;
    expect(() => a.boom()).toThrow();
    expect(b.add(3, 4)).toBe(7);
  });
});
