/**
 * The instruction tables: opcode → mnemonic and immediate kind, for the
 * one-byte opcodes and the 0xfb (GC), 0xfc (saturating / bulk), 0xfd (SIMD)
 * and 0xfe (threads) prefixes. `m0`…`m4` are memory arguments whose
 * natural alignment is 2^n bytes; `ml0`…`ml3` add a lane index.
 */

export type Imm =
  | ''
  | 'block'
  | 'if'
  | 'else'
  | 'end'
  | 'try'
  | 'try_table'
  | 'catch'
  | 'catch_all'
  | 'delegate'
  | 'label'
  | 'br_table'
  | 'func'
  | 'call_indirect'
  | 'local'
  | 'global'
  | 'table'
  | 'memory'
  | 'tag'
  | 'type'
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'select_t'
  | 'heap'
  | 'data'
  | 'elem'
  | 'memory.init'
  | 'memory.copy'
  | 'table.init'
  | 'table.copy'
  | 'lane'
  | 'v128'
  | 'shuffle'
  | 'fence'
  | 'type_field'
  | 'type_n'
  | 'type_data'
  | 'type_elem'
  | 'type_type'
  | 'ref_test'
  | 'ref_test_null'
  | 'br_on_cast'
  | `m${number}`
  | `ml${number}`;

export interface OpInfo {
  name: string;
  imm: Imm;
}

function table(spec: string): Map<number, OpInfo> {
  const map = new Map<number, OpInfo>();
  for (const line of spec.trim().split('\n')) {
    const [code, name, imm = ''] = line.trim().split(/\s+/);
    map.set(Number(code), { name, imm: imm as Imm });
  }
  return map;
}

/** Adds `names` at consecutive opcodes from `start`, all with immediate `imm`. */
function run(map: Map<number, OpInfo>, start: number, names: string, imm: Imm = ''): void {
  names
    .trim()
    .split(/\s+/)
    .forEach((name, i) => map.set(start + i, { name, imm }));
}

export const OPS = table(`
0x00 unreachable
0x01 nop
0x02 block block
0x03 loop block
0x04 if if
0x05 else else
0x06 try try
0x07 catch catch
0x08 throw tag
0x09 rethrow label
0x0a throw_ref
0x0b end end
0x0c br label
0x0d br_if label
0x0e br_table br_table
0x0f return
0x10 call func
0x11 call_indirect call_indirect
0x12 return_call func
0x13 return_call_indirect call_indirect
0x14 call_ref type
0x15 return_call_ref type
0x18 delegate delegate
0x19 catch_all catch_all
0x1a drop
0x1b select
0x1c select select_t
0x1f try_table try_table
0x20 local.get local
0x21 local.set local
0x22 local.tee local
0x23 global.get global
0x24 global.set global
0x25 table.get table
0x26 table.set table
0x28 i32.load m2
0x29 i64.load m3
0x2a f32.load m2
0x2b f64.load m3
0x2c i32.load8_s m0
0x2d i32.load8_u m0
0x2e i32.load16_s m1
0x2f i32.load16_u m1
0x30 i64.load8_s m0
0x31 i64.load8_u m0
0x32 i64.load16_s m1
0x33 i64.load16_u m1
0x34 i64.load32_s m2
0x35 i64.load32_u m2
0x36 i32.store m2
0x37 i64.store m3
0x38 f32.store m2
0x39 f64.store m3
0x3a i32.store8 m0
0x3b i32.store16 m1
0x3c i64.store8 m0
0x3d i64.store16 m1
0x3e i64.store32 m2
0x3f memory.size memory
0x40 memory.grow memory
0x41 i32.const i32
0x42 i64.const i64
0x43 f32.const f32
0x44 f64.const f64
0xd0 ref.null heap
0xd1 ref.is_null
0xd2 ref.func func
0xd3 ref.eq
0xd4 ref.as_non_null
0xd5 br_on_null label
0xd6 br_on_non_null label
`);

const CMP = 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u';
const FCMP = 'eq ne lt gt le ge';
const IBIN = 'clz ctz popcnt add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr';
const FBIN = 'abs neg ceil floor trunc nearest sqrt add sub mul div min max copysign';
const pre = (p: string, names: string) =>
  names
    .split(' ')
    .map((n) => `${p}.${n}`)
    .join(' ');
run(OPS, 0x45, 'i32.eqz ' + pre('i32', CMP));
run(OPS, 0x50, 'i64.eqz ' + pre('i64', CMP));
run(OPS, 0x5b, pre('f32', FCMP));
run(OPS, 0x61, pre('f64', FCMP));
run(OPS, 0x67, pre('i32', IBIN));
run(OPS, 0x79, pre('i64', IBIN));
run(OPS, 0x8b, pre('f32', FBIN));
run(OPS, 0x99, pre('f64', FBIN));
run(
  OPS,
  0xa7,
  `i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s i64.extend_i32_u
   i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s f32.convert_i32_u
   f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s
   f64.convert_i64_u f64.promote_f32 i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64
   i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s`,
);

/** 0xfc: saturating truncation, bulk memory, tables. */
export const OPS_FC = table(`
8 memory.init memory.init
9 data.drop data
10 memory.copy memory.copy
11 memory.fill memory
12 table.init table.init
13 elem.drop elem
14 table.copy table.copy
15 table.grow table
16 table.size table
17 table.fill table
`);
run(
  OPS_FC,
  0,
  `i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u
   i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u`,
);

/** 0xfb: GC. */
export const OPS_FB = table(`
0 struct.new type
1 struct.new_default type
2 struct.get type_field
3 struct.get_s type_field
4 struct.get_u type_field
5 struct.set type_field
6 array.new type
7 array.new_default type
8 array.new_fixed type_n
9 array.new_data type_data
10 array.new_elem type_elem
11 array.get type
12 array.get_s type
13 array.get_u type
14 array.set type
15 array.len
16 array.fill type
17 array.copy type_type
18 array.init_data type_data
19 array.init_elem type_elem
20 ref.test ref_test
21 ref.test ref_test_null
22 ref.cast ref_test
23 ref.cast ref_test_null
24 br_on_cast br_on_cast
25 br_on_cast_fail br_on_cast
26 any.convert_extern
27 extern.convert_any
28 ref.i31
29 i31.get_s
30 i31.get_u
`);

/** 0xfe: threads. */
export const OPS_FE = table(`
0x00 memory.atomic.notify m2
0x01 memory.atomic.wait32 m2
0x02 memory.atomic.wait64 m3
0x03 atomic.fence fence
0x10 i32.atomic.load m2
0x11 i64.atomic.load m3
0x12 i32.atomic.load8_u m0
0x13 i32.atomic.load16_u m1
0x14 i64.atomic.load8_u m0
0x15 i64.atomic.load16_u m1
0x16 i64.atomic.load32_u m2
0x17 i32.atomic.store m2
0x18 i64.atomic.store m3
0x19 i32.atomic.store8 m0
0x1a i32.atomic.store16 m1
0x1b i64.atomic.store8 m0
0x1c i64.atomic.store16 m1
0x1d i64.atomic.store32 m2
`);
{
  const shapes: [string, string, number][] = [
    ['i32', 'rmw', 2],
    ['i64', 'rmw', 3],
    ['i32', 'rmw8', 0],
    ['i32', 'rmw16', 1],
    ['i64', 'rmw8', 0],
    ['i64', 'rmw16', 1],
    ['i64', 'rmw32', 2],
  ];
  ['add', 'sub', 'and', 'or', 'xor', 'xchg', 'cmpxchg'].forEach((op, k) => {
    shapes.forEach(([t, w, align], i) => {
      const suffix = w === 'rmw' ? '' : '_u';
      OPS_FE.set(0x1e + k * 7 + i, { name: `${t}.atomic.${w}.${op}${suffix}`, imm: `m${align}` });
    });
  });
}

/** 0xfd: SIMD (and relaxed SIMD). */
export const OPS_FD = table(`
0 v128.load m4
1 v128.load8x8_s m3
2 v128.load8x8_u m3
3 v128.load16x4_s m3
4 v128.load16x4_u m3
5 v128.load32x2_s m3
6 v128.load32x2_u m3
7 v128.load8_splat m0
8 v128.load16_splat m1
9 v128.load32_splat m2
10 v128.load64_splat m3
11 v128.store m4
12 v128.const v128
13 i8x16.shuffle shuffle
21 i8x16.extract_lane_s lane
22 i8x16.extract_lane_u lane
23 i8x16.replace_lane lane
24 i16x8.extract_lane_s lane
25 i16x8.extract_lane_u lane
26 i16x8.replace_lane lane
27 i32x4.extract_lane lane
28 i32x4.replace_lane lane
29 i64x2.extract_lane lane
30 i64x2.replace_lane lane
31 f32x4.extract_lane lane
32 f32x4.replace_lane lane
33 f64x2.extract_lane lane
34 f64x2.replace_lane lane
84 v128.load8_lane ml0
85 v128.load16_lane ml1
86 v128.load32_lane ml2
87 v128.load64_lane ml3
88 v128.store8_lane ml0
89 v128.store16_lane ml1
90 v128.store32_lane ml2
91 v128.store64_lane ml3
92 v128.load32_zero m2
93 v128.load64_zero m3
`);
run(OPS_FD, 14, 'i8x16.swizzle i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat');
run(OPS_FD, 35, pre('i8x16', CMP));
run(OPS_FD, 45, pre('i16x8', CMP));
run(OPS_FD, 55, pre('i32x4', CMP));
run(OPS_FD, 65, pre('f32x4', FCMP));
run(OPS_FD, 71, pre('f64x2', FCMP));
run(OPS_FD, 77, 'v128.not v128.and v128.andnot v128.or v128.xor v128.bitselect v128.any_true');
run(
  OPS_FD,
  94,
  `f32x4.demote_f64x2_zero f64x2.promote_low_f32x4 i8x16.abs i8x16.neg i8x16.popcnt i8x16.all_true i8x16.bitmask
   i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u f32x4.ceil f32x4.floor f32x4.trunc f32x4.nearest i8x16.shl i8x16.shr_s
   i8x16.shr_u i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s i8x16.sub_sat_u f64x2.ceil
   f64x2.floor i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u f64x2.trunc i8x16.avgr_u
   i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u i32x4.extadd_pairwise_i16x8_s
   i32x4.extadd_pairwise_i16x8_u i16x8.abs i16x8.neg i16x8.q15mulr_sat_s i16x8.all_true i16x8.bitmask
   i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u i16x8.extend_low_i8x16_s i16x8.extend_high_i8x16_s
   i16x8.extend_low_i8x16_u i16x8.extend_high_i8x16_u i16x8.shl i16x8.shr_s i16x8.shr_u i16x8.add i16x8.add_sat_s
   i16x8.add_sat_u i16x8.sub i16x8.sub_sat_s i16x8.sub_sat_u f64x2.nearest i16x8.mul i16x8.min_s i16x8.min_u
   i16x8.max_s i16x8.max_u`,
);
run(
  OPS_FD,
  155,
  `i16x8.avgr_u i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s i16x8.extmul_low_i8x16_u
   i16x8.extmul_high_i8x16_u i32x4.abs i32x4.neg`,
);
run(OPS_FD, 163, 'i32x4.all_true i32x4.bitmask');
run(
  OPS_FD,
  167,
  `i32x4.extend_low_i16x8_s i32x4.extend_high_i16x8_s i32x4.extend_low_i16x8_u i32x4.extend_high_i16x8_u
   i32x4.shl i32x4.shr_s i32x4.shr_u i32x4.add`,
);
OPS_FD.set(177, { name: 'i32x4.sub', imm: '' });
run(OPS_FD, 181, 'i32x4.mul i32x4.min_s i32x4.min_u i32x4.max_s i32x4.max_u i32x4.dot_i16x8_s');
run(
  OPS_FD,
  188,
  `i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u
   i64x2.abs i64x2.neg`,
);
run(OPS_FD, 195, 'i64x2.all_true i64x2.bitmask');
run(
  OPS_FD,
  199,
  `i64x2.extend_low_i32x4_s i64x2.extend_high_i32x4_s i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u
   i64x2.shl i64x2.shr_s i64x2.shr_u i64x2.add`,
);
OPS_FD.set(209, { name: 'i64x2.sub', imm: '' });
run(
  OPS_FD,
  213,
  `i64x2.mul i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s i64x2.extmul_low_i32x4_s
   i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u i64x2.extmul_high_i32x4_u f32x4.abs f32x4.neg`,
);
run(
  OPS_FD,
  227,
  `f32x4.sqrt f32x4.add f32x4.sub f32x4.mul f32x4.div f32x4.min f32x4.max f32x4.pmin f32x4.pmax
   f64x2.abs f64x2.neg`,
);
run(
  OPS_FD,
  239,
  `f64x2.sqrt f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min f64x2.max f64x2.pmin f64x2.pmax
   i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u
   i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u`,
);
run(
  OPS_FD,
  0x100,
  `i8x16.relaxed_swizzle i32x4.relaxed_trunc_f32x4_s i32x4.relaxed_trunc_f32x4_u i32x4.relaxed_trunc_f64x2_s_zero
   i32x4.relaxed_trunc_f64x2_u_zero f32x4.relaxed_madd f32x4.relaxed_nmadd f64x2.relaxed_madd f64x2.relaxed_nmadd
   i8x16.relaxed_laneselect i16x8.relaxed_laneselect i32x4.relaxed_laneselect i64x2.relaxed_laneselect
   f32x4.relaxed_min f32x4.relaxed_max f64x2.relaxed_min f64x2.relaxed_max i16x8.relaxed_q15mulr_s
   i16x8.relaxed_dot_i8x16_i7x16_s i32x4.relaxed_dot_i8x16_i7x16_add_s`,
);
