// Data-driven tests of WAVE parsing, printing, errors and calls. Types are
// written as WIT type expressions; each distinct expression becomes the
// field type of a `record tN { f: <expr> }` in one resolved WIT package (so
// anonymous types stay anonymous, as they are in function signatures).
import { describe, expect, test } from 'vitest';
import { resolveSource, type Resolve, type TypeRef } from '@wit-ts/wit-parser';
import {
  WaveError,
  WavePrintError,
  exportedFunctions,
  parseWaveCall,
  parseWaveValue,
  printWaveValue,
} from '../src/wave/index.js';

const DEFS = `
  record point { x: s32, y: s32 }
  record opt-fields { must-have: u8, optional: option<u8> }
  record all-optional { optional: option<u8> }
  record kebab { field-a: u32, field-b: string, %type: bool, ok: option<u8> }
  record nested { p: point, tags: list<string>, perms: perms, status: status, extra: option<option<u32>> }
  variant response { empty, body(list<u8>), err(string) }
  variant kw { %true, %false, none, some(u8), ok, inf, nan, err }
  variant shape { circle(f64), rect(tuple<f64, f64>), dot }
  enum status { ok, not-found }
  enum color { red, HTTP3, method-GET, http-2 }
  flags perms { read, write, exec }
  flags kw-flags { none, some, %true }
  flags multi-word { can-read, HTTP-ok }
  type byte = u8;
  type bytes = list<u8>;
  resource res;
`;

// Every type expression used below; resolved once.
const EXPRS = new Set<string>();
function collect<Row extends readonly [string, ...unknown[]]>(rows: readonly Row[]): readonly Row[] {
  for (const r of rows) EXPRS.add(r[0]);
  return rows;
}

let resolved: { resolve: Resolve; ids: Map<string, TypeRef> } | undefined;
function T(expr: string): TypeRef {
  if (resolved === undefined) {
    const exprs = [...EXPRS];
    const aliases = exprs.map((e, i) => `record t${i} { f: ${e} }`).join('\n  ');
    const resolve = resolveSource(`package test:wave;\ninterface types {\n${DEFS}\n  ${aliases}\n}\n`, 'wave.wit');
    const iface = resolve.interfaces.find((i) => i.name === 'types')!;
    const field = (i: number) => {
      const k = resolve.types[iface.types.get(`t${i}`)!].kind;
      return k.kind === 'record' ? k.fields[0].type : 'bool';
    };
    const ids = new Map(exprs.map((e, i) => [e, field(i)] as [string, TypeRef]));
    resolved = { resolve, ids };
  }
  const id = resolved.ids.get(expr);
  if (id === undefined) throw new Error(`type ${expr} not collected`);
  return id;
}
const R = () => (T('bool'), resolved!.resolve);

const ok = (tag: 'ok' | 'err', val?: unknown) => ({ tag, val });
const f32 = Math.fround;

// [type, input, expected host value]
const PARSE: readonly [string, string, unknown][] = collect([
  // bools, whitespace, comments
  ['bool', 'true', true],
  ['bool', 'false', false],
  ['bool', ' \t\n true \r\n', true],
  ['bool', 'true // trailing comment', true],
  ['bool', '// leading comment\n false', false],
  ['bool', '//a\n//b\ntrue//c', true],
  // integers
  ['u8', '0', 0],
  ['u8', '255', 255],
  ['u8', '-0', 0],
  ['s8', '-128', -128],
  ['s8', '127', 127],
  ['u16', '65535', 65535],
  ['s16', '-32768', -32768],
  ['u32', '4294967295', 4294967295],
  ['s32', '-2147483648', -2147483648],
  ['s32', '-9', -9],
  ['u64', '18446744073709551615', 18446744073709551615n],
  ['u64', '0', 0n],
  ['s64', '-9223372036854775808', -9223372036854775808n],
  ['s64', '9223372036854775807', 9223372036854775807n],
  ['byte', '7', 7],
  // floats
  ['f32', '3.14', f32(3.14)],
  ['f32', '6.022e+23', f32(6.022e23)],
  ['f32', 'nan', NaN],
  ['f32', '-inf', -Infinity],
  ['f32', '3.4028235e38', 3.4028234663852886e38],
  ['f32', '1e-50', 0],
  ['f64', '-0', -0],
  ['f64', '0', 0],
  ['f64', '-0.0', -0],
  ['f64', '1e10', 1e10],
  ['f64', '1E10', 1e10],
  ['f64', '1e-5', 1e-5],
  ['f64', '1e05', 1e5],
  ['f64', '-1.5e+300', -1.5e300],
  ['f64', '0.5', 0.5],
  ['f64', '123', 123],
  ['f64', 'inf', Infinity],
  ['f64', 'nan', NaN],
  ['f64', '1.7976931348623157e308', Number.MAX_VALUE],
  ['f64', '5e-324', 5e-324],
  // chars
  ['char', "'x'", 'x'],
  ['char', "'☃'", '☃'],
  ['char', "'😀'", '😀'],
  ['char', "'\\''", "'"],
  ['char', "'\"'", '"'],
  ['char', "'\\\"'", '"'],
  ['char', "'\\\\'", '\\'],
  ['char', "'\\t'", '\t'],
  ['char', "'\\n'", '\n'],
  ['char', "'\\r'", '\r'],
  ['char', "'\\u{0}'", '\0'],
  ['char', "'\\u{1F600}'", '😀'],
  ['char', "'\\u{10ffff}'", '\u{10ffff}'],
  ['char', "'\t'", '\t'],
  // strings
  ['string', '""', ''],
  ['string', '"abc\\t123"', 'abc\t123'],
  ['string', '"it\'s"', "it's"],
  ['string', '"\\\'"', "'"],
  ['string', '"str\\u{1f600}"', 'str😀'],
  ['string', '"👋 Hello, world! 👋"', '👋 Hello, world! 👋'],
  ['string', '"a\\nb\\r\\n\\\\\\""', 'a\nb\r\n\\"'],
  ['string', '"// not a comment"', '// not a comment'],
  ['string', '"""\nA single line\n"""', 'A single line'],
  [
    'string',
    '"""\n    Indentation determined\n      by ending delimiter\n  """',
    '  Indentation determined\n    by ending delimiter',
  ],
  [
    'string',
    '"""\n  Must escape carriage return at end of line: \\r\n  Must break up double quote triplets: ""\\""\n  """',
    'Must escape carriage return at end of line: \r\nMust break up double quote triplets: """"',
  ],
  ['string', '"""\r\nCRLF\r\nlines\r\n"""', 'CRLF\nlines'],
  ['string', '"""\n"""', ''],
  ['string', '"""\n\n"""', ''],
  ['string', '"""\n\n\n"""', '\n'],
  ['string', '"""\n  a \'quoted\' "word"\n  """', 'a \'quoted\' "word"'],
  ['string', '"""\n  \\u{1f600}\\t\n  """', '😀\t'],
  // tuples
  ['tuple<u8, string>', '(123, "abc")', [123, 'abc']],
  ['tuple<u8, string>', '(123, "abc",)', [123, 'abc']],
  ['tuple<u8, string>', '( 1 ,\n "x" )', [1, 'x']],
  ['tuple<u64, s64, f32>', '(1, -1, 1.5)', [1n, -1n, 1.5]],
  ['tuple<tuple<u8>, list<u8>>', '((1), [2])', [[1], Uint8Array.of(2)]],
  // lists
  ['list<char>', '[]', []],
  ['list<char>', "['a', 'b', 'c']", ['a', 'b', 'c']],
  ['list<char>', "['a',]", ['a']],
  ['list<char>', '[ ]', []],
  ['list<u8>', '[1, 2, 3]', Uint8Array.of(1, 2, 3)],
  ['list<u8>', '[]', new Uint8Array()],
  ['list<byte>', '[255]', Uint8Array.of(255)],
  ['list<s8>', '[-1]', Int8Array.of(-1)],
  ['list<u16>', '[65535]', Uint16Array.of(65535)],
  ['list<s16>', '[-2]', Int16Array.of(-2)],
  ['list<u32>', '[4294967295]', Uint32Array.of(4294967295)],
  ['list<s32>', '[1, -2]', Int32Array.of(1, -2)],
  ['list<u64>', '[18446744073709551615]', BigUint64Array.of(18446744073709551615n)],
  ['list<s64>', '[-1, 2]', BigInt64Array.of(-1n, 2n)],
  ['list<f32>', '[0.5, nan, -inf]', Float32Array.of(0.5, NaN, -Infinity)],
  ['list<f64>', '[1e10, -0]', Float64Array.of(1e10, -0)],
  ['list<string>', '["a", "b"]', ['a', 'b']],
  ['list<list<u8>>', '[[1], [], [2, 3]]', [Uint8Array.of(1), new Uint8Array(), Uint8Array.of(2, 3)]],
  ['list<bool>', '[true, false]', [true, false]],
  ['list<u8>', '[1, // one\n 2 // two\n]', Uint8Array.of(1, 2)],
  ['list<u8, 4>', '[1, 2, 3, 4]', Uint8Array.of(1, 2, 3, 4)],
  ['list<string, 2>', '["a", "b",]', ['a', 'b']],
  // records
  ['point', '{x: 1, y: -2}', { x: 1, y: -2 }],
  ['point', '{y: 2, x: 1}', { x: 1, y: 2 }],
  ['point', '{x: 1, y: 2,}', { x: 1, y: 2 }],
  ['point', '{ %x : 1 , y:2 }', { x: 1, y: 2 }],
  ['opt-fields', '{must-have: 123}', { mustHave: 123, optional: undefined }],
  ['opt-fields', '{must-have: 123, optional: none,}', { mustHave: 123, optional: undefined }],
  ['opt-fields', '{optional: 5, must-have: 1}', { mustHave: 1, optional: 5 }],
  ['opt-fields', '{must-have: 1, optional: some(5)}', { mustHave: 1, optional: 5 }],
  ['all-optional', '{:}', { optional: undefined }],
  ['all-optional', '{ : }', { optional: undefined }],
  ['all-optional', '{optional: none}', { optional: undefined }],
  ['kebab', '{field-a: 1, field-b: "two", type: true}', { fieldA: 1, fieldB: 'two', type: true, ok: undefined }],
  ['kebab', '{%field-a: 1, field-b: "", %type: false, ok: 3}', { fieldA: 1, fieldB: '', type: false, ok: 3 }],
  [
    'nested',
    '{p: {x: 0, y: 0}, tags: ["a"], perms: {read}, status: not-found, extra: some(none)}',
    {
      p: { x: 0, y: 0 },
      tags: ['a'],
      perms: { read: true, write: false, exec: false },
      status: 'not-found',
      extra: { tag: 'some', val: undefined },
    },
  ],
  // variants
  ['response', 'empty', { tag: 'empty' }],
  ['response', '%empty', { tag: 'empty' }],
  ['response', 'body([79, 75])', { tag: 'body', val: Uint8Array.of(79, 75) }],
  ['response', 'body ( [] )', { tag: 'body', val: new Uint8Array() }],
  ['response', '%err("oops")', { tag: 'err', val: 'oops' }],
  ['shape', 'rect((1, 2.5))', { tag: 'rect', val: [1, 2.5] }],
  ['shape', 'circle(inf)', { tag: 'circle', val: Infinity }],
  ['kw', '%true', { tag: 'true' }],
  ['kw', '%none', { tag: 'none' }],
  ['kw', '%some(1)', { tag: 'some', val: 1 }],
  ['kw', '%inf', { tag: 'inf' }],
  ['kw', '%nan', { tag: 'nan' }],
  // enums
  ['status', '%ok', 'ok'],
  ['status', 'not-found', 'not-found'],
  ['color', 'HTTP3', 'HTTP3'],
  ['color', 'method-GET', 'method-GET'],
  ['color', '%red', 'red'],
  ['color', 'http-2', 'http-2'],
  // options
  ['option<u8>', '123', 123],
  ['option<u8>', 'some(123)', 123],
  ['option<u8>', 'none', undefined],
  ['option<string>', '"flat some"', 'flat some'],
  ['option<string>', 'some("explicit some")', 'explicit some'],
  ['option<list<u8>>', '[1]', Uint8Array.of(1)],
  // jco's convention: option<option<T>> is tagged outside and plain inside;
  // three levels are plain, tagged, plain.
  ['option<option<u8>>', 'none', { tag: 'none' }],
  ['option<option<u8>>', 'some(none)', { tag: 'some', val: undefined }],
  ['option<option<u8>>', 'some(some(1))', { tag: 'some', val: 1 }],
  ['option<option<u8>>', 'some(1)', { tag: 'some', val: 1 }],
  ['option<option<option<u8>>>', 'none', undefined],
  ['option<option<option<u8>>>', 'some(none)', { tag: 'none' }],
  ['option<option<option<u8>>>', 'some(some(none))', { tag: 'some', val: undefined }],
  ['option<option<option<u8>>>', 'some(some(some(2)))', { tag: 'some', val: 2 }],
  ['option<result<u8>>', 'some(ok(1))', ok('ok', 1)],
  ['option<result<u8>>', 'none', undefined],
  ['option<kw>', 'none', undefined],
  ['option<kw>', '%none', { tag: 'none' }],
  ['option<kw>', 'some(%none)', { tag: 'none' }],
  ['option<bool>', 'true', true],
  ['option<tuple<u8, u8>>', '(1, 2)', [1, 2]],
  // results
  ['result<u8>', '123', ok('ok', 123)],
  ['result<u8>', 'ok(123)', ok('ok', 123)],
  ['result<u8>', 'err', ok('err')],
  ['result<string, u32>', '"flat ok"', ok('ok', 'flat ok')],
  ['result<string, u32>', 'err(7)', ok('err', 7)],
  ['result<_, string>', 'ok', ok('ok')],
  ['result<_, string>', 'err("oops")', ok('err', 'oops')],
  ['result', 'ok', ok('ok')],
  ['result', 'err', ok('err')],
  ['result<option<u8>, u8>', 'ok(none)', ok('ok', undefined)],
  ['result<option<u8>, u8>', 'ok(5)', ok('ok', 5)],
  ['result<result<u8>, u8>', 'ok(err)', ok('ok', ok('err'))],
  ['result<status, u8>', '%ok', ok('ok', 'ok')],
  // flags
  ['perms', '{read, write}', { read: true, write: true, exec: false }],
  ['perms', '{}', { read: false, write: false, exec: false }],
  ['perms', '{ }', { read: false, write: false, exec: false }],
  ['perms', '{write, read,}', { read: true, write: true, exec: false }],
  ['perms', '{%read, exec}', { read: true, write: false, exec: true }],
  ['kw-flags', '{none, true}', { none: true, some: false, true: true }],
  ['multi-word', '{can-read, HTTP-ok}', { canRead: true, httpOk: true }],
  // maps (our extension: the ABI form list<tuple<K, V>>)
  [
    'map<string, u32>',
    '[("a", 1), ("b", 2)]',
    new Map([
      ['a', 1],
      ['b', 2],
    ]),
  ],
  ['map<string, u32>', '[]', new Map()],
  ['map<u64, list<u8>>', '[(1, [2]),]', new Map([[1n, Uint8Array.of(2)]])],
]);

// [type, host value, canonical WAVE]
const PRINT: readonly [string, unknown, string][] = collect([
  ['bool', true, 'true'],
  ['bool', false, 'false'],
  ['u8', 255, '255'],
  ['s32', -2147483648, '-2147483648'],
  ['u64', 18446744073709551615n, '18446744073709551615'],
  ['u64', 5, '5'],
  ['s64', -5n, '-5'],
  ['f64', -0, '-0'],
  ['f64', 0, '0'],
  ['f64', NaN, 'nan'],
  ['f64', Infinity, 'inf'],
  ['f64', -Infinity, '-inf'],
  ['f64', 1e21, '1e+21'],
  ['f64', 0.1, '0.1'],
  ['f64', 1.5e-7, '1.5e-7'],
  ['f64', 123, '123'],
  ['f32', f32(0.1), '0.1'],
  ['f32', f32(3.14), '3.14'],
  ['f32', 16777216, '16777216'],
  ['f32', 3.4028234663852886e38, '3.4028235e+38'],
  ['f32', f32(1e-45), '1e-45'],
  ['f32', -0, '-0'],
  ['f32', 0.30000000000000004, '0.3'],
  ['f32', 1e39, 'inf'],
  ['char', 'x', "'x'"],
  ['char', "'", "'\\''"],
  ['char', '"', `'"'`],
  ['char', '\\', "'\\\\'"],
  ['char', '\n', "'\\n'"],
  ['char', '\t', "'\\t'"],
  ['char', '\0', "'\\u{0}'"],
  ['char', '😀', "'😀'"],
  ['char', '\u0301', "'\\u{301}'"],
  ['string', 'str😀', '"str😀"'],
  ['string', 'a"b\\c\n', '"a\\"b\\\\c\\n"'],
  ['string', "it's", `"it's"`],
  ['string', '\u200b', '"\\u{200b}"'],
  ['string', 'nb\u00a0sp', '"nb\\u{a0}sp"'],
  ['string', 'e\u0301', '"e\u0301"'],
  ['string', '\x7f\x1b', '"\\u{7f}\\u{1b}"'],
  ['string', '', '""'],
  ['tuple<u8, string>', [1, 'x'], '(1, "x")'],
  ['list<u8>', Uint8Array.of(1, 2, 3), '[1, 2, 3]'],
  ['list<u8>', [1, 2], '[1, 2]'],
  ['list<char>', [], '[]'],
  ['list<s64>', BigInt64Array.of(-1n, 2n), '[-1, 2]'],
  ['list<f32>', Float32Array.of(0.5, NaN), '[0.5, nan]'],
  ['list<u8, 4>', Uint8Array.of(1, 2, 3, 4), '[1, 2, 3, 4]'],
  ['point', { x: 1, y: 2 }, '{x: 1, y: 2}'],
  ['opt-fields', { mustHave: 1, optional: undefined }, '{must-have: 1}'],
  ['opt-fields', { mustHave: 1 }, '{must-have: 1}'],
  ['opt-fields', { mustHave: 1, optional: 2 }, '{must-have: 1, optional: some(2)}'],
  ['all-optional', { optional: undefined }, '{:}'],
  ['kebab', { fieldA: 1, fieldB: 'x', type: true, ok: 0 }, '{field-a: 1, field-b: "x", type: true, ok: some(0)}'],
  ['option<u8>', 1, 'some(1)'],
  ['option<u8>', undefined, 'none'],
  ['option<option<u8>>', { tag: 'none' }, 'none'],
  ['option<option<u8>>', { tag: 'some', val: undefined }, 'some(none)'],
  ['option<option<u8>>', { tag: 'some', val: 3 }, 'some(some(3))'],
  ['option<option<option<u8>>>', { tag: 'some', val: undefined }, 'some(some(none))'],
  ['option<option<option<u8>>>', { tag: 'none' }, 'some(none)'],
  ['option<option<option<u8>>>', undefined, 'none'],
  ['result<u8>', ok('ok', 1), 'ok(1)'],
  ['result<u8>', ok('err'), 'err'],
  ['result<_, string>', { tag: 'err', val: 'oops' }, 'err("oops")'],
  ['result', { tag: 'ok' }, 'ok'],
  ['perms', { read: true, write: true, exec: false }, '{read, write}'],
  ['perms', { read: false, write: false, exec: false }, '{}'],
  ['perms', { exec: true }, '{exec}'],
  ['kw-flags', { none: true, some: false, true: true }, '{none, true}'],
  ['response', { tag: 'body', val: Uint8Array.of(79, 75) }, 'body([79, 75])'],
  ['response', { tag: 'err', val: 'oops' }, '%err("oops")'],
  ['response', { tag: 'empty' }, 'empty'],
  ['kw', { tag: 'none' }, '%none'],
  ['kw', { tag: 'some', val: 1 }, '%some(1)'],
  ['status', 'ok', '%ok'],
  ['status', 'not-found', 'not-found'],
  ['color', 'method-GET', 'method-GET'],
  ['map<string, u32>', new Map([['a', 1]]), '[("a", 1)]'],
  ['map<string, u32>', [['b', 2]], '[("b", 2)]'],
  ['map<string, u32>', new Map(), '[]'],
  [
    'nested',
    {
      p: { x: 0, y: 0 },
      tags: ['a'],
      perms: { read: true },
      status: 'not-found',
      extra: { tag: 'some', val: undefined },
    },
    '{p: {x: 0, y: 0}, tags: ["a"], perms: {read}, status: not-found, extra: some(none)}',
  ],
]);

// [type, input, message (`detail at start..end`)]
const ERRORS: readonly [string, string, string][] = collect([
  ['u32', '"hello"', 'expected u32, found string literal at 0..7'],
  ['u8', '256', 'number `256` is out of range for u8 (0..=255) at 0..3'],
  ['u8', '-1', 'number `-1` is out of range for u8 (0..=255) at 0..2'],
  ['s8', '-129', 'number `-129` is out of range for s8 (-128..=127) at 0..4'],
  [
    'u64',
    '18446744073709551616',
    'number `18446744073709551616` is out of range for u64 (0..=18446744073709551615) at 0..20',
  ],
  [
    's64',
    '9223372036854775808',
    'number `9223372036854775808` is out of range for s64 (-9223372036854775808..=9223372036854775807) at 0..19',
  ],
  ['u32', '1e10', 'expected u32, found number `1e10` (integers have no fraction or exponent) at 0..4'],
  ['u32', '1.0', 'expected u32, found number `1.0` (integers have no fraction or exponent) at 0..3'],
  ['u32', 'inf', 'expected u32, found `inf` at 0..3'],
  ['u32', '01', 'invalid number `01` (leading zeros are not allowed) at 0..2'],
  ['u32', '0x1f', 'invalid number `0x1f` (only base-10 numbers are allowed) at 0..4'],
  ['u32', '+1', 'unexpected character `+` at 0..1'],
  ['u32', '1-2', 'invalid number `1-2` at 0..3'],
  ['f64', '1.', 'invalid number `1.` (a `.` must be followed by digits) at 0..2'],
  ['f64', '.5', 'unexpected character `.` at 0..1'],
  ['f64', 'NaN', 'invalid label `NaN`: each word of a label must be all lower-case or all upper-case at 0..3'],
  ['f64', 'INF', 'expected f64, found `INF` at 0..3'],
  ['f64', '-nan', 'invalid number `-nan` at 0..4'],
  ['f64', '%nan', 'expected f64, found `%nan` at 0..4'],
  ['f64', '1e400', 'number `1e400` is out of range for f64 (write `inf` for infinity) at 0..5'],
  ['f32', '1e39', 'number `1e39` is out of range for f32 (write `inf` for infinity) at 0..4'],
  ['bool', '"true"', 'expected bool, found string literal (bools are `true` or `false`, unquoted) at 0..6'],
  ['bool', 'True', 'invalid label `True`: each word of a label must be all lower-case or all upper-case at 0..4'],
  ['bool', '%true', 'expected bool, found `%true` at 0..5'],
  ['bool', '1', 'expected bool, found number `1` at 0..1'],
  ['char', "'ab'", 'char literal must contain exactly one character (use "…" for strings) at 0..4'],
  ['char', "''", 'empty char literal at 0..2'],
  ['char', '"a"', "expected char, found string literal (chars use single quotes: 'x') at 0..3"],
  ['char', "'\\q'", 'invalid escape `\\q` (allowed: \\\' \\" \\\\ \\t \\n \\r \\u{…}) at 1..3'],
  ['char', "'\\u{110000}'", 'invalid escape: U+110000 is not a Unicode scalar value at 1..11'],
  ['char', "'\\u{d800}'", 'invalid escape: U+D800 is not a Unicode scalar value at 1..9'],
  ['char', "'\\u{}'", 'invalid escape: expected `\\u{` 1 to 6 hex digits `}` at 1..5'],
  ['char', "'\\u{1234567}'", 'invalid escape: expected `\\u{` 1 to 6 hex digits `}` at 1..12'],
  ['char', "'\\u41'", 'invalid escape: expected `\\u{` 1 to 6 hex digits `}` at 1..3'],
  ['char', "'x", 'unterminated char literal at 0..2'],
  ['char', "'\n'", 'a newline in a char literal must be written `\\n` at 0..1'],
  ['string', '"abc', 'unterminated string literal at 0..4'],
  ['string', '"a\nb"', 'unterminated string literal (a newline must be written `\\n`) at 0..2'],
  ['string', '"\\x41"', 'invalid escape `\\x` (allowed: \\\' \\" \\\\ \\t \\n \\r \\u{…}) at 1..3'],
  ['string', "'a'", 'expected string, found char literal (strings use double quotes: "x") at 0..3'],
  ['string', 'abc', 'expected string, found `abc` at 0..3'],
  ['string', '"""abc"""', 'opening `"""` must be followed immediately by a line break at 0..3'],
  ['string', '"""\nabc"""', 'closing `"""` must be on its own line, preceded only by spaces at 7..10'],
  ['string', '"""\nabc\n', 'unterminated multiline string at 0..8'],
  [
    'string',
    '"""\n  a\n b\n  """',
    'multiline string lines must be indented at least as much as the closing `"""` at 8..10',
  ],
  ['string', '"""\n  a\\\n  """', 'invalid escape `\\` (allowed: \\\' \\" \\\\ \\t \\n \\r \\u{…}) at 7..8'],
  ['string', '"a" "b"', 'unexpected trailing input: string literal at 4..7'],
  ['string', '"a",', 'unexpected trailing input: `,` at 3..4'],
  ['string', '"a" // ok\n x', 'unexpected trailing input: `x` at 11..12'],
  ['string', '', 'expected a value, found end of input at 0..0'],
  ['string', '   // only a comment', 'expected a value, found end of input at 20..20'],
  ['string', '/ x', 'unexpected `/` (comments start with `//`) at 0..1'],
  ['string', '@', 'unexpected character `@` at 0..1'],
  ['string', '"\ud800"', 'invalid Unicode: lone surrogate at 1..2'],
  ['opt-fields', '{optional: 1}', 'missing field `must-have` of record `opt-fields` at 0..13'],
  ['opt-fields', '{must-have: 1, must-have: 2}', 'duplicate field `must-have` at 15..24'],
  [
    'opt-fields',
    '{must-have: 1, bogus: 2}',
    'unknown field `bogus` of record `opt-fields` (fields: must-have, optional) at 15..20',
  ],
  [
    'all-optional',
    '{}',
    'expected record `all-optional`, found `{}` (a record with every field omitted is written `{:}`) at 0..2',
  ],
  ['point', '{x: 1, y: "2"}', 'expected s32, found string literal at 10..13'],
  ['point', '(1, 2)', 'expected record `point`, found tuple at 0..6'],
  ['point', '{x, y}', 'expected record `point`, found flags (record fields are written `name: value`) at 0..6'],
  ['point', '{x: 1, y}', 'expected `:` after field `y`, found `}` at 8..9'],
  ['point', '{x 1}', 'expected `,` or `}`, found number `1` at 3..4'],
  ['point', '{x: 1 y: 2}', 'expected `,` or `}`, found `y` at 6..7'],
  ['point', '{x: 1,, y: 2}', 'expected a field label, found `,` at 6..7'],
  ['point', '{: 1}', 'expected `}` (an empty record is written `{:}`), found number `1` at 3..4'],
  ['point', '{x: 1', 'expected `,` or `}`, found end of input at 5..5'],
  ['response', 'bogus', 'unknown case `bogus` of variant `response` (expected one of: empty, body, err) at 0..5'],
  ['response', 'err("x")', 'case `err` is a WAVE keyword and must be written `%err` at 0..3'],
  ['response', 'body', 'case `body` needs a payload of type list<u8>: `body(…)` at 0..4'],
  ['response', 'empty(1)', 'case `empty` has no payload at 0..8'],
  ['response', 'body()', 'expected a payload value for `body`, found `)` at 5..6'],
  [
    'response',
    'body(1, 2)',
    'expected `)` after the payload of `body` (a case has one payload value; write a tuple as `case((a, b))`), found `,` at 6..7',
  ],
  ['response', 'body(["x"])', 'expected u8, found string literal at 6..9'],
  ['response', '"body"', 'expected variant `response`, found string literal at 0..6'],
  ['kw', 'none', 'case `none` is a WAVE keyword and must be written `%none` at 0..4'],
  ['kw', 'true', 'case `true` is a WAVE keyword and must be written `%true` at 0..4'],
  ['status', 'ok', 'case `ok` is a WAVE keyword and must be written `%ok` at 0..2'],
  ['status', 'found', 'unknown case `found` of enum `status` (expected one of: ok, not-found) at 0..5'],
  ['status', 'not-found(1)', 'enum cases have no payload (enum `status`) at 0..12'],
  ['status', 'not_found', 'invalid label `not_found`: use `-` instead of `_` in labels at 0..9'],
  [
    'status',
    'Not-found',
    'invalid label `Not-found`: each word of a label must be all lower-case or all upper-case at 0..9',
  ],
  ['status', '%', 'invalid label `%`: `%` must be followed by a label at 0..1'],
  ['status', 'a-', 'invalid label `a-`: labels are kebab-case words of ASCII letters and digits at 0..2'],
  ['status', 'a--b', 'invalid label `a--b`: labels are kebab-case words of ASCII letters and digits at 0..4'],
  ['status', 'a-1', 'unknown case `a-1` of enum `status` (expected one of: ok, not-found) at 0..3'],
  ['status', '1a', 'invalid number `1a` at 0..2'],
  ['status', 'a-B', 'unknown case `a-B` of enum `status` (expected one of: ok, not-found) at 0..3'],
  ['status', 'a-Bc', 'invalid label `a-Bc`: each word of a label must be all lower-case or all upper-case at 0..4'],
  ['color', 'http3', 'unknown case `http3` of enum `color` (expected one of: red, HTTP3, method-GET, http-2) at 0..5'],
  ['option<u8>', 'some', '`some` needs a payload: `some(…)` at 0..4'],
  ['option<u8>', 'none(1)', '`none` takes no payload at 0..7'],
  ['option<u8>', 'some(256)', 'number `256` is out of range for u8 (0..=255) at 5..8'],
  ['option<u8>', '%none', 'expected u8, found `%none` at 0..5'],
  [
    'option<option<u8>>',
    '5',
    'expected option<option<u8>>, found number `5` (write `some(…)` or `none`: the payload is itself an option or result) at 0..1',
  ],
  [
    'option<result<u8>>',
    'ok(1)',
    'expected option<result<u8>>, found `ok(…)` (write `some(…)` or `none`: the payload is itself an option or result) at 0..5',
  ],
  ['result<u8>', 'ok', '`ok` needs a payload of type u8: `ok(…)` at 0..2'],
  ['result', '"x"', 'expected result, found string literal (write `ok…` or `err…`) at 0..3'],
  ['result<_, string>', 'err', '`err` needs a payload of type string: `err(…)` at 0..3'],
  ['result<_, string>', 'ok(1)', '`ok` takes no payload here (result<_, string>) at 0..5'],
  ['result<_, string>', '"x"', 'expected result<_, string>, found string literal (write `ok…` or `err…`) at 0..3'],
  ['result<option<u8>>', '5', 'expected result<option<u8>>, found number `5` (write `ok…` or `err…`) at 0..1'],
  ['perms', '{read, read}', 'duplicate flag `read` at 7..11'],
  ['perms', '{bogus}', 'unknown flag `bogus` of flags `perms` (flags: read, write, exec) at 1..6'],
  ['perms', '{read: true}', 'expected flags `perms`, found record (flags are written `{a, b}`) at 0..12'],
  ['perms', '{:}', 'expected flags `perms`, found record (no flags set is written `{}`) at 0..3'],
  ['perms', '{read write}', 'expected `,` or `}`, found `write` at 6..11'],
  ['perms', '{read,, write}', 'expected a flag label, found `,` at 6..7'],
  ['perms', '{1}', 'expected a field or flag label, found number `1` at 1..2'],
  ['perms', '[read]', 'expected flags `perms`, found list at 0..6'],
  ['tuple<u8, string>', '(1)', 'expected a tuple of 2 values (tuple<u8, string>), found 1 at 2..3'],
  ['tuple<u8, string>', '(1, "a", 2)', 'expected a tuple of 2 values (tuple<u8, string>), found 3 at 9..10'],
  ['tuple<u8, string>', '[1, "a"]', 'expected tuple<u8, string>, found list at 0..8'],
  ['list<u8>', '[1, 2', 'expected `,` or `]`, found end of input at 5..5'],
  ['list<u8>', '[1 2]', 'expected `,` or `]`, found number `2` at 3..4'],
  ['list<u8>', '[1,,2]', 'expected a value, found `,` at 3..4'],
  ['list<u8>', '[,]', 'expected a value, found `,` at 1..2'],
  ['list<u8>', '[1, 300]', 'number `300` is out of range for u8 (0..=255) at 4..7'],
  ['list<u8>', '"abc"', 'expected list<u8>, found string literal at 0..5'],
  ['list<u8>', '[1]]', 'unexpected trailing input: `]` at 3..4'],
  ['list<u8>', ')', 'expected a value, found `)` at 0..1'],
  ['list<u8, 4>', '[1, 2, 3]', 'expected exactly 4 elements (list<u8, 4>), found 3 at 8..9'],
  ['list<u8, 4>', '[1, 2, 3, 4, 5]', 'expected exactly 4 elements (list<u8, 4>), found 5 at 13..14'],
  ['map<string, u32>', '[("a", 1), ("a", 2)]', 'duplicate map key at 12..15'],
  ['map<string, u32>', '[("a")]', 'expected a map entry `(key, value)` of map<string, u32>, found tuple at 1..6'],
  [
    'map<string, u32>',
    '{a: 1}',
    'expected map<string, u32>, found record (maps are written `[(key, value), …]`) at 0..6',
  ],
  ['map<string, u32>', '[(1, 1)]', 'expected string, found number `1` at 2..3'],
  ['res', '1', 'values of type res (resource handle) cannot be written in WAVE at 0..1'],
  ['bytes', '"x"', 'expected bytes (list<u8>), found string literal at 0..3'],
  ['option<bytes>', 'some(1)', 'expected bytes (list<u8>), found number `1` at 5..6'],
  ['borrow<res>', '1', 'values of type borrow<res> (resource handle) cannot be written in WAVE at 0..1'],
  ['list<u8>', '['.repeat(300), 'value nested more than 256 levels deep at 257..258'],
]);

// [type, bad host value, message]
const PRINT_ERRORS: readonly [string, unknown, string][] = collect([
  ['u8', 256, 'value 256 out of range for u8'],
  ['u8', 1.5, 'expected a u8 (integer number), got 1.5'],
  ['u64', -1n, 'value -1n out of range for u64'],
  ['string', 1, 'expected a string, got 1'],
  ['char', 'ab', 'expected a char (one code point), got "ab"'],
  ['point', { x: 1 }, 'at .y: expected a s32 (integer number), got undefined'],
  ['response', { tag: 'nope' }, "at .tag: expected one of 'empty', 'body', 'err', got \"nope\""],
  ['list<point>', [{ x: 1, y: 'a' }], 'at [0].y: expected a s32 (integer number), got "a"'],
  ['perms', { read: 1 }, 'at .read: expected a boolean, got 1'],
  ['option<option<u8>>', 1, "expected { tag: 'some', val } or { tag: 'none' } (an option of an option), got 1"],
  ['res', 1, 'values of type res (resource handle) cannot be written in WAVE'],
]);

describe('parseWaveValue', () => {
  test.each(PARSE)('%s ← %j', (type, input, expected) => {
    expect(parseWaveValue(input, T(type), R())).toStrictEqual(expected);
  });

  test('values have the exact typed-array class', () => {
    expect(parseWaveValue('[1]', T('list<u64>'), R())).toBeInstanceOf(BigUint64Array);
    expect(parseWaveValue('[1]', T('list<f32>'), R())).toBeInstanceOf(Float32Array);
    expect(parseWaveValue('[1]', T('list<u8>'), R())).toBeInstanceOf(Uint8Array);
  });

  test('variants without payload have no `val` key; results always do', () => {
    expect(Object.keys(parseWaveValue('empty', T('response'), R()) as object)).toEqual(['tag']);
    expect(Object.keys(parseWaveValue('ok', T('result'), R()) as object)).toEqual(['tag', 'val']);
  });
});

describe('printWaveValue', () => {
  test.each(PRINT)('%s %s → %s', (type, value, text) => {
    expect(printWaveValue(value, T(type), R())).toBe(text);
  });

  test.each(PRINT)('%s: print %s parses back', (type, value, text) => {
    const back = parseWaveValue(text, T(type), R());
    expect(printWaveValue(back, T(type), R())).toBe(text);
  });

  test.each(PARSE)('%s: %j parse → print → parse is stable', (type, input) => {
    const v = parseWaveValue(input, T(type), R());
    expect(parseWaveValue(printWaveValue(v, T(type), R()), T(type), R())).toStrictEqual(v);
  });

  test('ascii option escapes every non-ASCII character', () => {
    expect(printWaveValue('str😀é', T('string'), R(), { ascii: true })).toBe('"str\\u{1f600}\\u{e9}"');
    expect(printWaveValue('☃', T('char'), R(), { ascii: true })).toBe("'\\u{2603}'");
  });

  test.each(PRINT_ERRORS)('%s: %s is rejected', (type, value, message) => {
    let err: unknown;
    try {
      printWaveValue(value, T(type), R());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WavePrintError);
    expect((err as Error).message).toBe(message);
  });
});

describe('errors', () => {
  test.each(ERRORS)('%s ← %j', (type, input, message) => {
    let err: unknown;
    try {
      parseWaveValue(input, T(type), R());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WaveError);
    const w = err as WaveError;
    expect(w.message).toBe(message);
    expect(w.rendered.startsWith(message + '\n')).toBe(true);
    expect(w.input).toBe(input);
  });

  test('rendered errors underline the offending part', () => {
    let err: WaveError | undefined;
    try {
      parseWaveValue('{x: 1, y: "two"}', T('point'), R());
    } catch (e) {
      err = e as WaveError;
    }
    expect(err!.rendered).toBe(
      ['expected s32, found string literal at 10..15', '  |', '1 | {x: 1, y: "two"}', '  |           ^^^^^'].join('\n'),
    );
    expect(err!.span).toEqual({ start: 10, end: 15 });
    expect(err!.detail).toBe('expected s32, found string literal');
  });

  test('multi-line input shows the line with the error', () => {
    let err: WaveError | undefined;
    try {
      parseWaveValue('[\n  1,\n  "x",\n]', T('list<u8>'), R());
    } catch (e) {
      err = e as WaveError;
    }
    expect(err!.rendered).toBe(
      ['expected u8, found string literal at 9..12', '  |', '3 |   "x",', '  |   ^^^'].join('\n'),
    );
  });

  test('an error at the end of input gets one caret', () => {
    let err: WaveError | undefined;
    try {
      parseWaveValue('[1, 2', T('list<u8>'), R());
    } catch (e) {
      err = e as WaveError;
    }
    expect(err!.rendered.split('\n').at(-1)).toBe('  |      ^');
  });
});

// ---------------------------------------------------------------- calls

const CALL_WIT = `
package test:calls@1.0.0;
interface math {
  add: func(a: u32, b: u32) -> u32;
  run: func();
}
interface other {
  run: func();
  opt: func(a: option<u8>, b: option<u8>, c: option<u8>);
  resource counter {
    constructor();
    get: func() -> u32;
    make: static func() -> counter;
  }
}
world w {
  export math;
  export other;
  export greet: func(name: string, times: option<u8>) -> string;
  export %ok: func();
  export inline: interface { ping: func(n: s64); }
}
`;
let callResolve: Resolve | undefined;
const C = () => (callResolve ??= resolveSource(CALL_WIT, 'calls.wit'));
const FNS = () => exportedFunctions(C(), 0);

describe('exportedFunctions', () => {
  test('keys world functions plainly and interface functions as iface#fn', () => {
    expect([...FNS().keys()]).toEqual([
      'greet',
      'ok',
      'test:calls/math@1.0.0#add',
      'test:calls/math@1.0.0#run',
      'test:calls/other@1.0.0#run',
      'test:calls/other@1.0.0#opt',
      'test:calls/other@1.0.0#[constructor]counter',
      'test:calls/other@1.0.0#[method]counter.get',
      'test:calls/other@1.0.0#[static]counter.make',
      'inline#ping',
    ]);
  });
});

// [call, expected key, expected args]
const CALLS: readonly [string, string, unknown[]][] = [
  ['add(1, 2)', 'test:calls/math@1.0.0#add', [1, 2]],
  ['add(1, 2,)', 'test:calls/math@1.0.0#add', [1, 2]],
  ['  add ( 1 ,\n 2 )  // comment', 'test:calls/math@1.0.0#add', [1, 2]],
  ['// first\nadd(1, 2)', 'test:calls/math@1.0.0#add', [1, 2]],
  ['test:calls/math@1.0.0#add(3, 4)', 'test:calls/math@1.0.0#add', [3, 4]],
  ['test:calls/math#add(3, 4)', 'test:calls/math@1.0.0#add', [3, 4]],
  ['math#add(3, 4)', 'test:calls/math@1.0.0#add', [3, 4]],
  ['math#run()', 'test:calls/math@1.0.0#run', []],
  ['other#run()', 'test:calls/other@1.0.0#run', []],
  ['opt(some(1))', 'test:calls/other@1.0.0#opt', [1, undefined, undefined]],
  ['opt(some(1), none)', 'test:calls/other@1.0.0#opt', [1, undefined, undefined]],
  ['opt(some(1), none, none)', 'test:calls/other@1.0.0#opt', [1, undefined, undefined]],
  ['opt()', 'test:calls/other@1.0.0#opt', [undefined, undefined, undefined]],
  ['opt(none, 2)', 'test:calls/other@1.0.0#opt', [undefined, 2, undefined]],
  ['greet("you")', 'greet', ['you', undefined]],
  ['greet("""\n  multi\n  """, 3)', 'greet', ['multi', 3]],
  ['ok()', 'ok', []],
  ['%ok()', 'ok', []],
  ['ping(-1)', 'inline#ping', [-1n]],
  ['inline#ping(5)', 'inline#ping', [5n]],
];

// [call, message]
const CALL_ERRORS: readonly [string, string][] = [
  [
    'nope()',
    'unknown function `nope` (available: greet, ok, test:calls/math@1.0.0#add, test:calls/math@1.0.0#run, test:calls/other@1.0.0#run, test:calls/other@1.0.0#opt, inline#ping) at 0..4',
  ],
  [
    'run()',
    'ambiguous function name `run`: qualify it as one of test:calls/math@1.0.0#run, test:calls/other@1.0.0#run at 0..3',
  ],
  ['add(1)', 'missing argument `b: u32` (test:calls/math@1.0.0#add(a: u32, b: u32) -> u32) at 5..6'],
  [
    'add(1, 2, 3)',
    'too many arguments: expected 2, found 3 (test:calls/math@1.0.0#add(a: u32, b: u32) -> u32) at 10..11',
  ],
  ['add(1, "x")', 'expected u32, found string literal at 7..10'],
  ['add(1, -1)', 'number `-1` is out of range for u32 (0..=4294967295) at 7..9'],
  [
    'add 1',
    'expected `(` after the function name (test:calls/math@1.0.0#add(a: u32, b: u32) -> u32), found number `1` at 4..5',
  ],
  [
    'add',
    'expected `(` after the function name (test:calls/math@1.0.0#add(a: u32, b: u32) -> u32), found end of input at 3..3',
  ],
  ['add(1, 2) x', 'unexpected trailing input: `x` at 10..11'],
  ['add(1, 2) -> 3', 'unexpected trailing input: `->` (results are not part of a call) at 10..14'],
  ['add(1, 2) #', 'unexpected trailing input: `#` at 10..11'],
  ['add(1, 2', 'expected `,` or `)`, found end of input at 8..8'],
  ['(1)', 'expected a function name, e.g. `add(1, 2)`, found `(` at 0..1'],
  ['', 'expected a function name, e.g. `add(1, 2)`, found end of input at 0..0'],
  ['greet()', 'missing argument `name: string` (greet(name: string, times: option<u8>) -> string) at 6..7'],
  [
    'counter.get()',
    '`counter.get`: calling resource methods, static functions and constructors is not supported; call a freestanding function at 0..11',
  ],
  [
    '[method]counter.get()',
    '`[method]counter.get`: calling resource methods, static functions and constructors is not supported; call a freestanding function at 0..19',
  ],
  [
    'other#[static]counter.make()',
    '`test:calls/other@1.0.0#[static]counter.make` is a resource static function; calling resource methods, static functions and constructors is not supported at 0..26',
  ],
  [
    'wrong:pkg/math#add(1, 2)',
    'unknown function `wrong:pkg/math#add` (available: greet, ok, test:calls/math@1.0.0#add, test:calls/math@1.0.0#run, test:calls/other@1.0.0#run, test:calls/other@1.0.0#opt, inline#ping) at 0..18',
  ],
];

describe('parseWaveCall', () => {
  test.each(CALLS)('%j', (text, key, args) => {
    const call = parseWaveCall(text, C(), FNS());
    expect(call.name).toBe(key);
    expect(call.func).toBe(FNS().get(key));
    expect(call.args).toStrictEqual(args);
  });

  test.each(CALL_ERRORS)('%j is rejected', (text, message) => {
    let err: unknown;
    try {
      parseWaveCall(text, C(), FNS());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WaveError);
    expect((err as WaveError).message).toBe(message);
  });

  test('accepts a plain list of functions keyed by their names', () => {
    const iface = C().interfaces.find((i) => i.name === 'math')!;
    const call = parseWaveCall('add(5, 6)', C(), iface.functions.values());
    expect(call).toMatchObject({ name: 'add', args: [5, 6] });
    expect(() => parseWaveCall('add(5, 6)', C(), [])).toThrow('unknown function `add` (no functions to call) at 0..3');
  });

  test('the rendered error points at the bad argument', () => {
    let err: WaveError | undefined;
    try {
      parseWaveCall('add(1, "hello")', C(), FNS());
    } catch (e) {
      err = e as WaveError;
    }
    expect(err!.rendered).toBe(
      ['expected u32, found string literal at 7..14', '  |', '1 | add(1, "hello")', '  |        ^^^^^^^'].join('\n'),
    );
  });
});
