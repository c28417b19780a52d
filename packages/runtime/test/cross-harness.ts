// The harness of fast-paths-cross.test.ts: a caller and a callee component
// generated for every case and string-encoding pair, byte encoders, and the
// scenario runner that compares outcomes and memories with fast paths on and off.
import { instantiate } from '@wit-ts/runtime';
import { wat } from './helpers.js';

export type Fn = (...a: unknown[]) => unknown;
export type Enc = 'utf8' | 'utf16' | 'latin1+utf16';
export const ENCS: Enc[] = ['utf8', 'utf16', 'latin1+utf16'];
export const SHORT: Record<Enc, string> = { utf8: 'u8', utf16: 'u16', 'latin1+utf16': 'l1' };

/** Named types: `$x:name` refers to an earlier one (resolved per scope). */
export const NAMED: Array<[string, string]> = [
  ['rec', '(record (field "a" u8) (field "s" string) (field "l" (list u16)) (field "f" f64) (field "c" char))'],
  ['en', '(enum "x" "y" "z")'],
  ['fl', '(flags "f0" "f1" "f2" "f3" "f4" "f5" "f6" "f7" "f8" "f9")'],
  ['misc', '(record (field "e" $x:en) (field "g" $x:fl) (field "o" (option u8)) (field "b" bool) (field "w" s16))'],
  ['var', '(variant (case "a" u32) (case "b" f32) (case "c" u64) (case "d" string) (case "e" (list s16)) (case "f"))'],
];

export interface Case {
  name: string;
  type: string;
  /** Core params of the lowered import (the spilled tuple pointer when more than 16). */
  flat: string[];
  /** The type contains strings: run every encoding pair. */
  strings?: boolean;
  /** Result through a return area (flat > 1); else one i32. */
  retArea?: boolean;
}

export const CASES: Case[] = [
  { name: 'str', type: 'string', flat: ['i32', 'i32'], strings: true, retArea: true },
  { name: 'lu32', type: '(list u32)', flat: ['i32', 'i32'], retArea: true },
  { name: 'lu8', type: '(list u8)', flat: ['i32', 'i32'], retArea: true },
  { name: 'lf32', type: '(list f32)', flat: ['i32', 'i32'], retArea: true },
  { name: 'lf64', type: '(list f64)', flat: ['i32', 'i32'], retArea: true },
  { name: 'lbool', type: '(list bool)', flat: ['i32', 'i32'], retArea: true },
  { name: 'lchar', type: '(list char)', flat: ['i32', 'i32'], retArea: true },
  { name: 'lu64', type: '(list u64)', flat: ['i32', 'i32'], retArea: true },
  { name: 'lstr', type: '(list string)', flat: ['i32', 'i32'], strings: true, retArea: true },
  {
    name: 'rec',
    type: '$x:rec',
    flat: ['i32', 'i32', 'i32', 'i32', 'i32', 'f64', 'i32'],
    strings: true,
    retArea: true,
  },
  { name: 'lrec', type: '(list $x:rec)', flat: ['i32', 'i32'], strings: true, retArea: true },
  { name: 'misc', type: '$x:misc', flat: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'], retArea: true },
  { name: 'tup', type: '(tuple u64 string bool)', flat: ['i64', 'i32', 'i32', 'i32'], strings: true, retArea: true },
  { name: 'opt', type: '(option string)', flat: ['i32', 'i32', 'i32'], strings: true, retArea: true },
  { name: 'res', type: '(result string (error (list u8)))', flat: ['i32', 'i32', 'i32'], strings: true, retArea: true },
  { name: 'var', type: '$x:var', flat: ['i32', 'i64', 'i32'], strings: true, retArea: true },
  // 9 strings: 18 flat values, so the arguments are spilled to a tuple in memory.
  { name: 'spill', type: `(tuple ${Array(9).fill('string').join(' ')})`, flat: ['i32'], strings: true, retArea: true },
  { name: 'en', type: '$x:en', flat: ['i32'] },
  { name: 'fl', type: '$x:fl', flat: ['i32'] },
];

export const PAIRS: Array<[Enc, Enc]> = ENCS.flatMap((c) => ENCS.map((e) => [c, e] as [Enc, Enc]));
export const pairsOf = (c: Case): Array<[Enc, Enc]> => (c.strings ? PAIRS : [['utf8', 'utf8']]);
export const fnName = (kind: string, c: Case, ce: Enc, ee: Enc) => `${kind}-${c.name}-${SHORT[ce]}-${SHORT[ee]}`;

// Memory map of both sides (2 pages): 0x5000 return areas, 0x6000 raw
// results, 0x7000 the callee's argument log, 0x7ffc post-return count,
// 0x8000 realloc log, 0x10000.. the bump heap.
export const MEM_MODULE = `(core module $mm
    (memory (export "mem") 2)
    (global $bump (mut i32) (i32.const 0x10000))
    (global $mode (mut i32) (i32.const 0))
    (func (export "realloc") (param $old i32) (param $osz i32) (param $al i32) (param $sz i32) (result i32)
      (local $n i32) (local $e i32) (local $p i32)
      (local.set $n (i32.load (i32.const 0x8000)))
      (local.set $e (i32.add (i32.const 0x8010) (i32.shl (i32.and (local.get $n) (i32.const 511)) (i32.const 4))))
      (i32.store (local.get $e) (local.get $old))
      (i32.store offset=4 (local.get $e) (local.get $osz))
      (i32.store offset=8 (local.get $e) (local.get $al))
      (i32.store offset=12 (local.get $e) (local.get $sz))
      (i32.store (i32.const 0x8000) (i32.add (local.get $n) (i32.const 1)))
      (if (i32.eq (global.get $mode) (i32.const 1)) (then (return (i32.const 0xf001))))
      (if (i32.eq (global.get $mode) (i32.const 2)) (then (return (i32.const 0x1fff0))))
      (if (i32.eq (global.get $mode) (i32.const 3)) (then unreachable))
      ;; mode 4: grow memory on every call (detaches the views of both sides when they share it)
      (if (i32.eq (global.get $mode) (i32.const 4)) (then (drop (memory.grow (i32.const 1)))))
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $al) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $al))))
      (global.set $bump (i32.add (local.get $p) (local.get $sz)))
      (local.get $p))
    (func (export "poke") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "set-mode") (param i32) (global.set $mode (local.get 0)))
    (func (export "dump") (param i32 i32) (result i32)
      (i32.store (i32.const 0x4ff8) (local.get 0)) (i32.store (i32.const 0x4ffc) (local.get 1)) (i32.const 0x4ff8)))
  (core instance $mi (instantiate $mm))
  (alias core export $mi "mem" (core memory $mem))
  (alias core export $mi "realloc" (core func $realloc))
  (func (export "poke") (param "a" u32) (param "v" u32) (canon lift (core func $mi "poke")))
  (func (export "set-mode") (param "m" u32) (canon lift (core func $mi "set-mode")))
  (func (export "dump") (param "a" u32) (param "n" u32) (result (list u8)) (canon lift (core func $mi "dump") (memory $mem)))`;

export function resolveNamed(t: string, suffix: string): string {
  return t.replace(/\$x:([\w-]+)/g, (_, n: string) => `$${n}${suffix}`);
}

export const STORE: Record<string, string> = { i32: 'i32.store', i64: 'i64.store', f32: 'f32.store', f64: 'f64.store' };
export const COMP: Record<string, string> = { i32: 'u32', i64: 'u64', f32: 'f32', f64: 'f64' };

export function calleeComponent(): string {
  const types = NAMED.map(([n, t]) => `(type $${n} ${resolveNamed(t, '-e')}) (export $${n}-e "${n}" (type $${n}))`);
  const core = CASES.map((c) => {
    const logs = c.flat.map((ft, j) => `(${STORE[ft]} (i32.const ${0x7000 + 8 * j}) (local.get ${j}))`).join(' ');
    return `(func (export "take-${c.name}") (param ${c.flat.join(' ')}) ${logs})
      (func (export "give-${c.name}") (result i32) ${c.retArea ? '(i32.const 0x6000)' : '(i32.load (i32.const 0x6000))'})`;
  });
  const lifts = CASES.flatMap((c) =>
    ENCS.filter((e) => c.strings || e === 'utf8').map((e) => {
      const opts = `(memory $mem) (realloc $realloc) string-encoding=${e}`;
      const t = resolveNamed(c.type, '-e');
      return `(func (export "take-${c.name}-${SHORT[e]}") (param "x" ${t}) (canon lift (core func $ci "take-${c.name}") ${opts}))
    (func (export "give-${c.name}-${SHORT[e]}") (result ${t}) (canon lift (core func $ci "give-${c.name}") ${opts} (post-return $post)))`;
    }),
  );
  return `(component $callee
  ${types.join('\n  ')}
  ${MEM_MODULE}
  (core module $cm
    (import "m" "mem" (memory 2))
    ${core.join('\n    ')}
    (func (export "post") (param i32) (i32.store (i32.const 0x7ffc) (i32.add (i32.load (i32.const 0x7ffc)) (i32.const 1)))))
  (core instance $ci (instantiate $cm (with "m" (instance (export "mem" (memory $mem))))))
  (alias core export $ci "post" (core func $post))
  ${lifts.join('\n  ')}
)`;
}

export function callerComponent(): string {
  const types = NAMED.map(
    ([n, t]) => `(type $${n} ${resolveNamed(t, '-x')}) (export "${n}" (type $${n}-x (eq $${n})))`,
  );
  const imports = CASES.flatMap((c) =>
    ENCS.filter((e) => c.strings || e === 'utf8').map((e) => {
      const t = resolveNamed(c.type, '-x');
      return `(export "take-${c.name}-${SHORT[e]}" (func (param "x" ${t})))
      (export "give-${c.name}-${SHORT[e]}" (func (result ${t})))`;
    }),
  );
  const lowers: string[] = [];
  const coreImports: string[] = [];
  const coreFuncs: string[] = [];
  const withs: string[] = [];
  const lifts: string[] = [];
  for (const c of CASES) {
    for (const [ce, ee] of pairsOf(c)) {
      for (const kind of ['take', 'give']) {
        const name = fnName(kind, c, ce, ee);
        lowers.push(
          `(core func $L-${name} (canon lower (func $ce "${kind}-${c.name}-${SHORT[ee]}") (memory $mem) (realloc $realloc) string-encoding=${ce}))`,
        );
        withs.push(`(export "${name}" (func $L-${name}))`);
        if (kind === 'take') {
          const gets = c.flat.map((_, j) => `(local.get ${j})`).join(' ');
          coreImports.push(`(import "i" "${name}" (func $${name} (param ${c.flat.join(' ')})))`);
          coreFuncs.push(`(func (export "run-${name}") (param ${c.flat.join(' ')}) (call $${name} ${gets}))`);
          const ps = c.flat.map((ft, j) => `(param "p${j}" ${COMP[ft]})`).join(' ');
          lifts.push(`(func (export "run-${name}") ${ps} (canon lift (core func $ci "run-${name}")))`);
        } else if (c.retArea) {
          coreImports.push(`(import "i" "${name}" (func $${name} (param i32)))`);
          coreFuncs.push(`(func (export "run-${name}") (param i32) (call $${name} (local.get 0)))`);
          lifts.push(`(func (export "run-${name}") (param "ret" u32) (canon lift (core func $ci "run-${name}")))`);
        } else {
          coreImports.push(`(import "i" "${name}" (func $${name} (result i32)))`);
          coreFuncs.push(`(func (export "run-${name}") (result i32) (call $${name}))`);
          lifts.push(`(func (export "run-${name}") (result u32) (canon lift (core func $ci "run-${name}")))`);
        }
      }
    }
  }
  return `(component $caller
  (import "callee" (instance $ce
    ${types.join('\n    ')}
    ${imports.join('\n    ')}))
  ${MEM_MODULE}
  ${lowers.join('\n  ')}
  (core module $cm
    ${coreImports.join('\n    ')}
    ${coreFuncs.join('\n    ')})
  (core instance $ci (instantiate $cm (with "i" (instance ${withs.join(' ')}))))
  ${lifts.join('\n  ')}
)`;
}

export function component(): string {
  const runs = CASES.flatMap((c) =>
    pairsOf(c).flatMap(([ce, ee]) =>
      ['take', 'give'].map((k) => `(export "run-${fnName(k, c, ce, ee)}" (func $c "run-${fnName(k, c, ce, ee)}"))`),
    ),
  );
  return `(component
  ${calleeComponent()}
  ${callerComponent()}
  (instance $e (instantiate $callee))
  (instance $c (instantiate $caller (with "callee" (instance $e))))
  ${runs.join('\n  ')}
  ${['poke', 'set-mode', 'dump'].map((f) => `(export "callee-${f}" (func $e "${f}")) (export "caller-${f}" (func $c "${f}"))`).join('\n  ')}
)`;
}

export const camel = (s: string) => s.replace(/[-+](\w)/g, (_, c: string) => c.toUpperCase());

let bytes: Uint8Array | undefined;
export async function fresh(fastPaths: boolean): Promise<Record<string, Fn>> {
  bytes ??= await wat(component());
  return (await instantiate(bytes, {}, { fastPaths })) as Record<string, Fn>;
}

// ------------------------------------------------------------------ encoders

export const te = new TextEncoder();
export function u16le(s: string): Uint8Array {
  const out = new Uint8Array(2 * s.length);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >>> 8;
  }
  return out;
}
/** A string in encoding `e`: its bytes and (tagged) length. */
export function encode(s: string, e: Enc): { bytes: Uint8Array; len: number } {
  if (e === 'utf8') {
    const b = te.encode(s);
    return { bytes: b, len: b.length };
  }
  if (e === 'utf16') return { bytes: u16le(s), len: s.length };
  if ([...s].every((ch) => ch.charCodeAt(0) < 0x100 && ch.length === 1))
    return { bytes: Uint8Array.from(s, (ch) => ch.charCodeAt(0)), len: s.length };
  return { bytes: u16le(s), len: (s.length | 0x80000000) >>> 0 };
}
export function decode(b: Uint8Array, len: number, e: Enc): string {
  if (e === 'utf8') return new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, len));
  const units = e === 'latin1+utf16' && len >= 0x80000000 ? len - 0x80000000 : len;
  if (e === 'latin1+utf16' && len < 0x80000000) return String.fromCharCode(...b.subarray(0, units));
  return new TextDecoder('utf-16le', { fatal: true }).decode(b.subarray(0, 2 * units));
}
export const u32le = (...ws: number[]) => {
  const b = new Uint8Array(4 * ws.length);
  const dv = new DataView(b.buffer);
  ws.forEach((w, i) => dv.setUint32(4 * i, w >>> 0, true));
  return b;
};

// ------------------------------------------------------------------ scenarios

export type Side = 'caller' | 'callee';
export interface Scenario {
  label: string;
  fn: string;
  args: unknown[];
  pokes: Array<[Side, number, Uint8Array]>;
  mode?: [Side, number];
}

/** Writes `b` at `addr` of `side`'s memory (poke stores whole words: pad to 4). */
export function poke(e: Record<string, Fn>, side: Side | '', addr: number, b: Uint8Array): void {
  const padded = new Uint8Array((b.length + 3) & ~3);
  padded.set(b);
  const dv = new DataView(padded.buffer);
  const f = e[side === '' ? 'poke' : camel(`${side}-poke`)];
  for (let i = 0; i < padded.length; i += 4) f(addr + i, dv.getUint32(i, true));
}

export function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    return { err: (e as Error).constructor.name, trap: e instanceof WebAssembly.RuntimeError };
  }
}

export const MEM_BYTES = 0x20000;

export async function run(s: Scenario, fastPaths: boolean) {
  const e = await fresh(fastPaths);
  for (const [side, addr, b] of s.pokes) poke(e, side, addr, b);
  if (s.mode) e[camel(`${s.mode[0]}-set-mode`)](s.mode[1]);
  const r = outcome(() => e[camel(s.fn)](...s.args));
  if ('err' in (r as object)) return { r };
  return {
    r,
    caller: e.callerDump(0, MEM_BYTES) as Uint8Array,
    callee: e.calleeDump(0, MEM_BYTES) as Uint8Array,
  };
}

export function firstDiff(a: Uint8Array | undefined, b: Uint8Array | undefined): string {
  if (a === undefined || b === undefined) return a === b ? 'same' : 'missing';
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `byte 0x${i.toString(16)}: ${a[i]} vs ${b[i]}`;
  return 'same';
}
