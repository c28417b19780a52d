// Source snippets for the specialised call paths: per scalar ABI type, how a
// host value is validated/lowered to its core value and how a core value is
// lifted, loaded or stored. Composite types built on these (records, enums,
// variants, lists, handles) are generated in values.ts; anything else makes
// the signature ineligible and the generic @wit-ts/abi path runs.
// The checks mirror @wit-ts/abi's (same TypeError/RangeError messages via
// the same helpers), so both paths reject exactly the same inputs.
import type { AbiType, CoreType } from '@wit-ts/abi';

const SCALARS = new Set(['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char']);

export function isScalar(t: AbiType): boolean {
  return SCALARS.has(t.kind);
}

export function isSimple(t: AbiType): boolean {
  return SCALARS.has(t.kind) || t.kind === 'string';
}

/** Signature key component for a type (only called on simple types). */
export function kindKey(t: AbiType): string {
  return t.kind;
}

/**
 * Statement validating host value `v` for a scalar kind and assigning its
 * core value to `out` (which may be `v` itself when no conversion is needed).
 */
export function lowerScalar(kind: string, v: string, out: string): string {
  switch (kind) {
    case 'bool':
      return `if (typeof ${v} !== 'boolean') rt.badValue('a boolean', ${v}); const ${out} = ${v} ? 1 : 0;`;
    case 'u8':
      return `if ((${v} & 0xff) !== ${v}) rt.badInt(${v}, 'u8'); const ${out} = ${v};`;
    case 's8':
      return `if (((${v} << 24) >> 24) !== ${v}) rt.badInt(${v}, 's8'); const ${out} = ${v};`;
    case 'u16':
      return `if ((${v} & 0xffff) !== ${v}) rt.badInt(${v}, 'u16'); const ${out} = ${v};`;
    case 's16':
      return `if (((${v} << 16) >> 16) !== ${v}) rt.badInt(${v}, 's16'); const ${out} = ${v};`;
    case 'u32':
      return `if ((${v} >>> 0) !== ${v}) rt.badInt(${v}, 'u32'); const ${out} = ${v};`;
    case 's32':
      return `if ((${v} | 0) !== ${v}) rt.badInt(${v}, 's32'); const ${out} = ${v};`;
    case 'u64':
      return `const ${out} = rt.checkU64(${v});`;
    case 's64':
      return `const ${out} = rt.checkS64(${v});`;
    case 'f32':
      return `if (typeof ${v} !== 'number') rt.badValue('a f32 (number)', ${v}); const ${out} = Math.fround(${v});`;
    case 'f64':
      return `if (typeof ${v} !== 'number') rt.badValue('a f64 (number)', ${v}); const ${out} = ${v};`;
    case 'char':
      return `const ${out} = rt.charToI32(${v});`;
    default:
      throw new Error(`not a scalar: ${kind}`);
  }
}

/** Expression lifting core value `v` (as the JS API delivers it) to a host value. */
export function liftScalar(kind: string, v: string): string {
  switch (kind) {
    case 'bool':
      return `(${v} !== 0)`;
    case 'u8':
      return `(${v} & 0xff)`;
    case 's8':
      return `((${v} << 24) >> 24)`;
    case 'u16':
      return `(${v} & 0xffff)`;
    case 's16':
      return `((${v} << 16) >> 16)`;
    case 'u32':
      return `(${v} >>> 0)`;
    case 's32':
      return `(${v} | 0)`;
    case 'u64':
      return `BigInt.asUintN(64, ${v})`;
    case 's64':
      return `BigInt.asIntN(64, ${v})`;
    case 'f32':
    case 'f64':
      return v;
    case 'char':
      return `rt.i32ToChar(${v})`;
    default:
      throw new Error(`not a scalar: ${kind}`);
  }
}

/** A record whose fields are all scalars: inlined field by field. */
export function isFlatRecord(t: AbiType): t is Extract<AbiType, { kind: 'record' }> {
  return t.kind === 'record' && t.fields.every((f) => isScalar(f.type));
}

/** Types the fast paths handle: scalars, strings, records of scalars. */
export function isInlinable(t: AbiType): boolean {
  return isSimple(t) || isFlatRecord(t);
}

/** Signature-key fragment: the type's shape (field names and kinds for records). */
export function shapeKey(t: AbiType): string {
  if (t.kind === 'record') return `{${t.fields.map((f) => `${f.jsName}:${f.type.kind}@${f.offset}`).join(',')}}`;
  return t.kind;
}

/** Expression loading a scalar of `kind` at byte address expression `p` from DataView `dv`. */
export function loadScalar(kind: string, p: string): string {
  switch (kind) {
    case 'bool':
      return `(dv.getUint8(${p}) !== 0)`;
    case 'u8':
      return `dv.getUint8(${p})`;
    case 's8':
      return `dv.getInt8(${p})`;
    case 'u16':
      return `dv.getUint16(${p}, true)`;
    case 's16':
      return `dv.getInt16(${p}, true)`;
    case 'u32':
      return `dv.getUint32(${p}, true)`;
    case 's32':
      return `dv.getInt32(${p}, true)`;
    case 'u64':
      return `dv.getBigUint64(${p}, true)`;
    case 's64':
      return `dv.getBigInt64(${p}, true)`;
    case 'f32':
      return `dv.getFloat32(${p}, true)`;
    case 'f64':
      return `dv.getFloat64(${p}, true)`;
    case 'char':
      return `rt.i32ToChar(dv.getUint32(${p}, true))`;
    default:
      throw new Error(`not a scalar: ${kind}`);
  }
}

/** Statement storing core value `c` (already validated/lowered) of `kind` at address `p`. */
export function storeScalar(kind: string, p: string, c: string): string {
  switch (kind) {
    case 'bool':
    case 'u8':
    case 's8':
      return `dv.setUint8(${p}, ${c} & 0xff);`;
    case 'u16':
    case 's16':
      return `dv.setUint16(${p}, ${c} & 0xffff, true);`;
    case 'u32':
    case 'char':
      return `dv.setUint32(${p}, ${c}, true);`;
    case 's32':
      return `dv.setInt32(${p}, ${c}, true);`;
    case 'u64':
      return `dv.setBigUint64(${p}, ${c}, true);`;
    case 's64':
      return `dv.setBigInt64(${p}, ${c}, true);`;
    case 'f32':
      return `dv.setFloat32(${p}, ${c}, true);`;
    case 'f64':
      return `dv.setFloat64(${p}, ${c}, true);`;
    default:
      throw new Error(`not a scalar: ${kind}`);
  }
}

/** Statement checking that host value `v` is an object (a record). */
export function checkObject(v: string): string {
  return `if (${v} === null || typeof ${v} !== 'object') rt.badValue('a record (object)', ${v});`;
}

/** JS property access for a record field. */
export function prop(obj: string, jsName: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(jsName) ? `${obj}.${jsName}` : `${obj}[${JSON.stringify(jsName)}]`;
}

/**
 * A caller's core value of a scalar kind → the callee's core value (lift,
 * then lower) in a component → component adapter. `char` is validated
 * (`rt.checkCharCode`); i32/i64/f32/f64 pass unchanged (NaN bits of core
 * floats are the engine's choice either way).
 */
export function passScalar(kind: string, v: string): string {
  switch (kind) {
    case 'bool':
      return `(${v} !== 0 ? 1 : 0)`;
    case 'u8':
      return `(${v} & 0xff)`;
    case 's8':
      return `((${v} << 24) >> 24)`;
    case 'u16':
      return `(${v} & 0xffff)`;
    case 's16':
      return `((${v} << 16) >> 16)`;
    case 'char':
      return `rt.checkCharCode(${v})`;
    default:
      return v;
  }
}

export /** `lower_flat_variant` coercion of a payload core value from its own type to the joined slot type. */
function coerceDown(have: CoreType, want: CoreType, x: string): string {
  if (have === want) return x;
  if (have === 'f32') return want === 'i32' ? `rt.f32ToBits(${x})` : `BigInt(rt.f32ToBits(${x}))`;
  if (have === 'i32') return `BigInt(${x} >>> 0)`;
  return `rt.f64ToBits(${x})`; // f64 → i64
}

export /** `CoerceValueIter`: a joined slot value back to the payload's own core type. */
function coerceUp(have: CoreType, want: CoreType, x: string): string {
  if (have === want) return x;
  if (have === 'i32') return `rt.bitsToF32(${x})`;
  if (want === 'i32') return `Number(BigInt.asUintN(32, ${x}))`;
  if (want === 'f32') return `rt.bitsToF32(Number(BigInt.asUintN(32, ${x})))`;
  return `rt.bitsToF64(${x})`;
}
