// Host value conventions (jco-compatible shapes) and strict validation of
// host input: TypeError for wrong shapes, RangeError for out-of-range numbers.
import { describe, expect, it } from 'vitest';
import {
  bool,
  char,
  CoreValueIter,
  enumType,
  flags,
  liftFlat,
  list,
  load,
  lowerFlat,
  option,
  record,
  result,
  s32,
  store,
  string,
  toCamelCase,
  tuple,
  u16,
  u8,
  variant,
  type AbiType,
} from '../src/index.js';
import { makeMem } from './helpers.js';

function viaFlat(t: AbiType, v: unknown): unknown {
  const { cx } = makeMem();
  const out: unknown[] = [];
  lowerFlat(cx, v, t, out);
  return liftFlat(cx, new CoreValueIter(out), t);
}
function viaMemory(t: AbiType, v: unknown): unknown {
  const { cx } = makeMem();
  store(cx, v, t, 64);
  return load(cx, 64, t);
}

describe('toCamelCase (heck lowerCamelCase)', () => {
  it.each([
    ['foo', 'foo'],
    ['foo-bar', 'fooBar'],
    ['foo-bar-baz', 'fooBarBaz'],
    ['a-b-c', 'aBC'],
    ['foo-HTTP', 'fooHttp'],
    ['HTTP-request', 'httpRequest'],
    ['v2-api', 'v2Api'],
    ['get-v2', 'getV2'],
    ['%with', 'with'],
    ['%type-id', 'typeId'],
  ])('%s → %s', (a, b) => expect(toCamelCase(a)).toBe(b));
});

const person = record([
  ['first-name', string],
  ['age-in-years', u8],
  ['nick-name', option(string)],
]);
const shape = variant([['circle', u16], ['square', tuple([u8, u8])], ['empty']]);
const color = enumType(['red', 'dark-green', 'blue']);
const perms = flags(['read', 'write-all', 'exec']);

describe('host shapes round trip (flat and memory)', () => {
  const cases: [string, AbiType, unknown, unknown?][] = [
    ['record camelCase', person, { firstName: 'Ada', ageInYears: 36, nickName: 'ada' }],
    [
      'record missing option field',
      person,
      { firstName: 'Ada', ageInYears: 36 },
      { firstName: 'Ada', ageInYears: 36, nickName: undefined },
    ],
    ['variant with payload', shape, { tag: 'circle', val: 3 }],
    ['variant tuple payload', shape, { tag: 'square', val: [1, 2] }],
    ['variant without payload has no val key', shape, { tag: 'empty' }],
    ['enum as kebab string', color, 'dark-green'],
    ['option some', option(u8), 5],
    ['option none', option(u8), undefined],
    // jco's convention: tagged outside, plain inside; three levels: plain, tagged, plain.
    ['option<option> none', option(option(u8)), { tag: 'none' }],
    ['option<option> some(none)', option(option(u8)), { tag: 'some', val: undefined }],
    ['option<option> some(some)', option(option(u8)), { tag: 'some', val: 0 }],
    ['option<option<option>> none', option(option(option(u8))), undefined],
    ['option<option<option>> some(none)', option(option(option(u8))), { tag: 'none' }],
    ['option<option<option>> some(some(none))', option(option(option(u8))), { tag: 'some', val: undefined }],
    ['option<string> empty string is some', option(string), ''],
    ['result ok', result(u8, string), { tag: 'ok', val: 1 }],
    ['result err', result(u8, string), { tag: 'err', val: 'bad' }],
    ['result without payloads', result(), { tag: 'err' }, { tag: 'err', val: undefined }],
    ['flags object', perms, { read: true, writeAll: true }, { read: true, writeAll: true, exec: false }],
    ['flags all false', perms, {}, { read: false, writeAll: false, exec: false }],
    ['tuple as array', tuple([u8, string, bool]), [1, 'x', true]],
    ['char astral', char, '😀'],
    ['list<u8> from array gives Uint8Array', list(u8), [1, 2], new Uint8Array([1, 2])],
    ['list<s32> from Int32Array', list(s32), new Int32Array([-1, 2])],
    ['list<string>', list(string), ['a', 'b']],
    ['list<option<u8>>', list(option(u8)), [1, undefined, 3]],
    [
      'nested record',
      record([['inner-rec', person]]),
      { innerRec: { firstName: 'x', ageInYears: 1, nickName: undefined } },
    ],
  ];
  it.each(cases)('%s (flat)', (_n, t, v, want = v) => expect(viaFlat(t, v)).toEqual(want));
  it.each(cases)('%s (memory)', (_n, t, v, want = v) => expect(viaMemory(t, v)).toEqual(want));
  it('option: null is accepted as none', () => {
    expect(viaFlat(option(u8), null)).toBeUndefined();
    expect(viaMemory(option(u8), null)).toBeUndefined();
  });
  it('variant without payload: no own val property', () => {
    expect(Object.keys(viaFlat(shape, { tag: 'empty' }) as object)).toEqual(['tag']);
  });
});

describe('invalid host input', () => {
  const bad: [string, AbiType, unknown, RegExp | (new (...a: never[]) => Error)][] = [
    ['record missing field names it', person, { firstName: 'x' }, /missing record field 'ageInYears'/],
    ['record given kebab keys', person, { 'first-name': 'x', 'age-in-years': 1 }, /missing record field 'firstName'/],
    ['record not an object', person, 'x', TypeError],
    ['record null', person, null, TypeError],
    ['variant unknown tag', shape, { tag: 'triangle' }, TypeError],
    ['variant missing tag', shape, { val: 1 }, TypeError],
    ['variant payload out of range', shape, { tag: 'circle', val: 70000 }, RangeError],
    ['variant missing payload', shape, { tag: 'circle' }, TypeError],
    ['enum unknown', color, 'green', TypeError],
    ['enum camelCase rejected', color, 'darkGreen', TypeError],
    ['enum number', color, 1, TypeError],
    ['result bad tag', result(u8, u8), { tag: 'error', val: 1 }, TypeError],
    ['result plain value', result(u8, u8), 1, TypeError],
    ['nested option bad shape', option(option(u8)), 5, TypeError],
    ['nested option bad tag', option(option(u8)), { tag: 'maybe' }, TypeError],
    ['flags non-boolean', perms, { read: 1 }, TypeError],
    ['flags not object', perms, 7, TypeError],
    ['tuple wrong length', tuple([u8, u8]), [1], TypeError],
    ['tuple not array', tuple([u8, u8]), { 0: 1, 1: 2 }, TypeError],
    ['list not array', list(u8), 'abc', TypeError],
    ['list<u8> element 300', list(u8), [1, 300], RangeError],
    ['list<u8> element string', list(u8), ['1'], TypeError],
    ['list<u16> from Uint8Array checks elements', list(u16), new Uint8Array([1]), /./],
    ['string number', string, 5, TypeError],
    ['char two chars', char, 'ab', TypeError],
    ['bool number', bool, 1, TypeError],
    ['u8 300', u8, 300, RangeError],
  ];
  it.each(bad)('%s', (_n, t, v, err) => {
    if (_n.includes('Uint8Array')) {
      // A typed array of a different element type is accepted element-wise.
      expect(viaFlat(t, v)).toEqual(new Uint16Array([1]));
      return;
    }
    expect(() => viaFlat(t, v)).toThrow(err as never);
    expect(() => viaMemory(t, v)).toThrow(err as never);
  });
});
