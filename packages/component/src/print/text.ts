/**
 * Lexical helpers for the text format: identifier characters, quoted
 * strings and byte strings, hexadecimal floats (wasm-tools' spelling).
 */

const ID_PUNCT = "!#$%&'*+-./:<=>?@\\^_`|~";

export function isIdChar(c: string): boolean {
  const code = c.charCodeAt(0);
  if (c.length !== 1) return false;
  if (code >= 0x30 && code <= 0x39) return true;
  if (code >= 0x41 && code <= 0x5a) return true;
  if (code >= 0x61 && code <= 0x7a) return true;
  return ID_PUNCT.includes(c);
}

/** The contents of a quoted string (no quotes): printable ASCII as is, anything else as `\u{..}`. */
export function strContents(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  let out = '';
  for (const ch of s) {
    const v = ch.codePointAt(0)!;
    if (v >= 0x20 && v < 0x7f && v !== 0x22 && v !== 0x5c) out += ch;
    else out += `\\u{${v.toString(16)}}`;
  }
  return out;
}

export function quote(s: string): string {
  return `"${strContents(s)}"`;
}

/** A byte string: printable ASCII as is, every other byte as `\hh`. */
export function quoteBytes(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const parts: string[] = ['"'];
  let run = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) run += String.fromCharCode(b);
    else run += '\\' + HEX2[b];
    if (run.length > 1024) {
      parts.push(run);
      run = '';
    }
  }
  parts.push(run, '"');
  return parts.join('');
}

const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A float from its bits as wasm-tools prints it: hexadecimal mantissa with a
 * binary exponent, `inf`, `nan` or `nan:0x…`, then the decimal value in a
 * `(;=…;)` comment for finite values.
 */
export function printFloatBits(bits: bigint, width: 32 | 64): string {
  const mantBits = width === 32 ? 23n : 52n;
  const expBits = width === 32 ? 8n : 11n;
  const sign = (bits >> BigInt(width - 1)) & 1n;
  const exp = (bits >> mantBits) & ((1n << expBits) - 1n);
  const mant = bits & ((1n << mantBits) - 1n);
  const bias = (1n << (expBits - 1n)) - 1n;
  let out = sign ? '-' : '';
  if (exp === (1n << expBits) - 1n) {
    if (mant === 0n) return `${out}inf (;=${out}inf;)`;
    if (mant === 1n << (mantBits - 1n)) return `${out}nan (;=NaN;)`;
    return `${out}nan:0x${mant.toString(16)} (;=NaN;)`;
  }
  if (exp === 0n && mant === 0n) {
    out += '0x0p+0';
  } else {
    // Hex digits of the fraction, left aligned to whole nibbles.
    const shift = (4n - (mantBits % 4n)) % 4n;
    const digits = Number((mantBits + shift) / 4n);
    let frac = (mant << shift).toString(16).padStart(digits, '0').replace(/0+$/, '');
    let e: bigint;
    const lead = '1';
    if (exp === 0n) {
      // Subnormal: normalise to 0x1.xxx with a smaller exponent.
      const p = BigInt(mant.toString(2).length - 1);
      e = p + 1n - bias - mantBits;
      frac = (((mant - (1n << p)) << (mantBits - p)) << shift).toString(16).padStart(digits, '0').replace(/0+$/, '');
      frac = '.' + frac;
    } else {
      e = exp - bias;
    }
    if (frac.length > 0 && !frac.startsWith('.')) frac = '.' + frac;
    out += `0x${lead}${frac}p${e >= 0n ? '+' : ''}${e}`;
  }
  return `${out} (;=${decimal(bits, width)};)`;
}

/** The shortest decimal that round-trips, written out in full like Rust's `Display`. */
function decimal(bits: bigint, width: 32 | 64): string {
  let value: number;
  let digits: string;
  if (width === 64) {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setBigUint64(0, bits);
    value = buf.getFloat64(0);
    digits = Math.abs(value).toExponential();
  } else {
    const buf = new DataView(new ArrayBuffer(4));
    buf.setUint32(0, Number(bits));
    value = buf.getFloat32(0);
    const abs = Math.abs(value);
    digits = abs.toExponential(8);
    for (let p = 0; p <= 8; p++) {
      const s = abs.toExponential(p);
      if (Math.fround(Number(s)) === abs) {
        digits = s;
        break;
      }
    }
  }
  const neg = (bits >> BigInt(width - 1)) & 1n ? '-' : '';
  return neg + expandExponential(digits);
}

/** `d.ddde±x` → plain positional notation. */
function expandExponential(s: string): string {
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (m === null) return s;
  const mant = (m[1] + (m[2] ?? '')).replace(/0+$/, '') || '0';
  const exp = Number(m[3]);
  if (mant === '0') return '0';
  const point = exp + 1; // digits before the decimal point
  if (point <= 0) return '0.' + '0'.repeat(-point) + mant;
  if (point >= mant.length) return mant + '0'.repeat(point - mant.length);
  return mant.slice(0, point) + '.' + mant.slice(point);
}
