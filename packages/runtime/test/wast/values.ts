// WAST value constants → host values (jco conventions, packages/abi/README.md)
// and the matcher for `assert_return` results. The scripts carry no types, so
// conversion is shape-driven: the constructor names the kind.
import { toCamelCase } from '@wit-ts/abi';
import { head, strText, type SExpr, type SList } from './sexpr.js';

export class ConstError extends Error {}

function atomText(e: SExpr | undefined, what: string): string {
  if (e === undefined || e.kind !== 'atom') throw new ConstError(`${what}: expected a literal`);
  return e.text.replace(/_/g, '');
}

function str(e: SExpr | undefined, what: string): string {
  if (e === undefined || e.kind !== 'str') throw new ConstError(`${what}: expected a string`);
  return strText(e);
}

function parseInteger(t: string): bigint {
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  const v = BigInt(body);
  return neg ? -v : v;
}

function parseFloatLit(t: string, f32: boolean): number {
  let v: number;
  const s = t.replace(/^\+/, '');
  if (/^-?nan/.test(s)) v = NaN;
  else if (s === 'inf') v = Infinity;
  else if (s === '-inf') v = -Infinity;
  else if (/^-?0x/i.test(s)) {
    const neg = s.startsWith('-');
    const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/i.exec(s.replace(/^-/, ''));
    if (m === null) throw new ConstError(`bad float ${t}`);
    const int = m[1] === '' ? 0 : parseInt(m[1], 16);
    const frac = (m[2] ?? '').split('').reduce((acc, d, k) => acc + parseInt(d, 16) / 16 ** (k + 1), 0);
    v = (int + frac) * 2 ** Number(m[3] ?? 0);
    if (neg) v = -v;
  } else v = Number(s);
  if (Number.isNaN(v) && !/nan/.test(s)) throw new ConstError(`bad float ${t}`);
  return f32 ? Math.fround(v) : v;
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  u8: [0n, 0xffn],
  s8: [-0x80n, 0xffn],
  u16: [0n, 0xffffn],
  s16: [-0x8000n, 0xffffn],
  u32: [0n, 0xffffffffn],
  s32: [-0x80000000n, 0xffffffffn],
  u64: [0n, 0xffffffffffffffffn],
  s64: [-0x8000000000000000n, 0xffffffffffffffffn],
};

function wrapSigned(v: bigint, bits: number, signed: boolean): bigint {
  return signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

/** The payload of a `(field "name" …)` or a case: either one list, or an unparenthesized `kind.const args…`. */
function payload(items: SExpr[], what: string): SExpr | undefined {
  if (items.length === 0) return undefined;
  if (items.length === 1 && items[0].kind === 'list') return items[0];
  if (items[0].kind === 'atom') {
    const first = items[0];
    return { kind: 'list', items, start: first.start, end: first.start, line: 0 };
  }
  throw new ConstError(`${what}: cannot read payload`);
}

/** Converts a value constant to the host value the engine expects. */
export function hostValue(e: SExpr, nested = false): unknown {
  if (e.kind !== 'list') throw new ConstError(`expected a value constant, got ${e.kind}`);
  const h = head(e);
  const args = e.items.slice(1);
  const dot = h.indexOf('.');
  const ty = h.slice(0, dot);
  switch (h) {
    case 'bool.const': {
      const t = atomText(args[0], h);
      if (t !== 'true' && t !== 'false') throw new ConstError(`bad bool ${t}`);
      return t === 'true';
    }
    case 'u8.const':
    case 's8.const':
    case 'u16.const':
    case 's16.const':
    case 'u32.const':
    case 's32.const':
    case 'u64.const':
    case 's64.const': {
      const v = parseInteger(atomText(args[0], h));
      const [lo, hi] = INT_RANGES[ty];
      if (v < lo || v > hi) throw new ConstError(`${h} out of range`);
      const bits = Number(ty.slice(1));
      const w = wrapSigned(v, bits, ty.startsWith('s'));
      return bits === 64 ? w : Number(w);
    }
    case 'f32.const':
    case 'f64.const':
      return parseFloatLit(atomText(args[0], h), h === 'f32.const');
    // Core values, for invoking exports of a top-level `(module …)`.
    case 'i32.const':
      return Number(BigInt.asIntN(32, parseInteger(atomText(args[0], h))));
    case 'i64.const':
      return BigInt.asIntN(64, parseInteger(atomText(args[0], h)));
    case 'char.const': {
      const s = str(args[0], h);
      if ([...s].length !== 1) throw new ConstError('char.const needs exactly one code point');
      return s;
    }
    case 'str.const':
      return str(args[0], h);
    case 'list.const':
    case 'tuple.const':
      return args.map((a) => hostValue(a));
    case 'record.const': {
      const out: Record<string, unknown> = {};
      for (const f of args) {
        if (f.kind !== 'list' || head(f) !== 'field')
          throw new ConstError('record.const: expected (field "name" value)');
        const name = str(f.items[1], 'field');
        const v = payload(f.items.slice(2), 'field');
        if (v === undefined) throw new ConstError('field without value');
        out[toCamelCase(name)] = hostValue(v);
      }
      return out;
    }
    case 'variant.const': {
      const tag = str(args[0], h);
      const v = payload(args.slice(1), h);
      return v === undefined ? { tag } : { tag, val: hostValue(v) };
    }
    case 'enum.const':
      return str(args[0], h);
    case 'flags.const': {
      const out: Record<string, boolean> = {};
      for (const a of args) out[toCamelCase(str(a, h))] = true;
      return out;
    }
    case 'option.none':
      return nested ? { tag: 'none' } : undefined;
    case 'option.some': {
      const v = payload(args, h);
      if (v === undefined) throw new ConstError('option.some without value');
      // An option directly inside an option uses the tagged form.
      const inner = hostValue(v, head(v as SList).startsWith('option.'));
      return nested ? { tag: 'some', val: inner } : inner;
    }
    case 'result.ok':
    case 'result.err': {
      const v = payload(args, h);
      return { tag: h === 'result.ok' ? 'ok' : 'err', val: v === undefined ? undefined : hostValue(v) };
    }
    default:
      throw new ConstError(`unsupported value constant (${h})`);
  }
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  if (ArrayBuffer.isView(v)) return `[${Array.from(v as unknown as ArrayLike<unknown>, show).join(', ')}]`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v instanceof Map) return `Map(${show([...v])})`;
  if (typeof v === 'object' && v !== null)
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}: ${show(x)}`)
      .join(', ')}}`;
  return String(v);
}
export { show as showValue };

/**
 * Does `actual` (what the engine returned) match the expected constant?
 * Returns undefined on a match, else a description of the mismatch.
 */
export function mismatch(expected: SExpr, actual: unknown): string | undefined {
  if (expected.kind !== 'list') return 'bad expected value';
  const h = head(expected);
  const args = expected.items.slice(1);
  const fail = (): string => `expected ${h} ${show(safeHost(expected))}, got ${show(actual)}`;
  switch (h) {
    case 'f32.const':
    case 'f64.const': {
      const t = atomText(args[0], h);
      if (/nan/.test(t)) return typeof actual === 'number' && Number.isNaN(actual) ? undefined : fail();
      return Object.is(actual, hostValue(expected)) ? undefined : fail();
    }
    case 'i64.const':
    case 'u64.const':
    case 's64.const': {
      const want = hostValue(expected) as bigint;
      return (typeof actual === 'bigint' || typeof actual === 'number') && BigInt(actual) === want ? undefined : fail();
    }
    case 'list.const':
    case 'tuple.const': {
      let items: unknown[];
      if (Array.isArray(actual)) items = actual;
      else if (ArrayBuffer.isView(actual)) items = Array.from(actual as unknown as ArrayLike<unknown>);
      else if (actual instanceof Map) items = [...actual];
      else return fail();
      if (items.length !== args.length) return fail();
      for (let k = 0; k < args.length; k++) {
        const m = mismatch(args[k], items[k]);
        if (m !== undefined) return `[${k}]: ${m}`;
      }
      return undefined;
    }
    case 'record.const': {
      if (typeof actual !== 'object' || actual === null) return fail();
      const rec = actual as Record<string, unknown>;
      for (const f of args) {
        if (f.kind !== 'list') return 'bad record constant';
        const name = toCamelCase(str(f.items[1], 'field'));
        const v = payload(f.items.slice(2), 'field')!;
        const m = mismatch(v, rec[name]);
        if (m !== undefined) return `.${name}: ${m}`;
      }
      return undefined;
    }
    case 'variant.const': {
      const a = actual as { tag?: unknown; val?: unknown } | null;
      if (typeof a !== 'object' || a === null || a.tag !== str(args[0], h)) return fail();
      const v = payload(args.slice(1), h);
      return v === undefined ? (a.val === undefined ? undefined : fail()) : mismatch(v, a.val);
    }
    case 'flags.const': {
      if (typeof actual !== 'object' || actual === null) return fail();
      const want = new Set(args.map((a) => toCamelCase(str(a, h))));
      const got = new Set(
        Object.entries(actual)
          .filter(([, v]) => v === true)
          .map(([k]) => k),
      );
      return want.size === got.size && [...want].every((k) => got.has(k)) ? undefined : fail();
    }
    case 'option.none':
      return actual === undefined || actual === null || (actual as { tag?: unknown })?.tag === 'none'
        ? undefined
        : fail();
    case 'option.some': {
      const v = payload(args, h)!;
      const a = actual as { tag?: unknown; val?: unknown } | undefined;
      if (head(v as SList).startsWith('option.') && typeof a === 'object' && a !== null && a.tag === 'some')
        return mismatch(v, a.val);
      return actual === undefined || actual === null ? fail() : mismatch(v, actual);
    }
    case 'result.ok':
    case 'result.err': {
      const a = actual as { tag?: unknown; val?: unknown } | null;
      if (typeof a !== 'object' || a === null || a.tag !== (h === 'result.ok' ? 'ok' : 'err')) return fail();
      const v = payload(args, h);
      return v === undefined ? (a.val === undefined ? undefined : fail()) : mismatch(v, a.val);
    }
    case 'i32.const': {
      const want = hostValue(expected) as number;
      return typeof actual === 'number' && (actual | 0) === want ? undefined : fail();
    }
    default: {
      const want = hostValue(expected);
      if (typeof want === 'number' && typeof actual === 'bigint') return BigInt(want) === actual ? undefined : fail();
      return Object.is(want, actual) ? undefined : fail();
    }
  }
}

function safeHost(e: SExpr): unknown {
  try {
    return hostValue(e);
  } catch {
    return '?';
  }
}
