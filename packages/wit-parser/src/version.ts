// Semantic-version parsing for WIT package versions, following step by step
// the Rust `semver` crate that wasm-tools uses, so that an invalid version
// gets the same error message.

import { rustCharDebug } from './lexer.js';

export interface SemverParts {
  major: number;
  minor: number;
  patch: number;
  pre: string[];
  build: string[];
}

type Position =
  | 'major version number'
  | 'minor version number'
  | 'patch version number'
  | 'pre-release identifier'
  | 'build metadata';

class SemverError {
  constructor(readonly message: string) {}
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function firstChar(s: string): string | undefined {
  const cp = s.codePointAt(0);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

/** A number without leading zeros; returns it and the rest of the input. */
function numeric(input: string, pos: Position): [number, string] {
  let value = 0n;
  let len = 0;
  while (len < input.length && isDigit(input.charCodeAt(len))) {
    if (value === 0n && len > 0) throw new SemverError(`invalid leading zero in ${pos}`);
    value = value * 10n + BigInt(input.charCodeAt(len) - 0x30);
    if (value > 0xffffffffffffffffn) throw new SemverError(`value of ${pos} exceeds u64::MAX`);
    len++;
  }
  if (len > 0) return [Number(value), input.slice(len)];
  const ch = firstChar(input);
  if (ch !== undefined) throw new SemverError(`unexpected character ${rustCharDebug(ch)} while parsing ${pos}`);
  throw new SemverError(`unexpected end of input while parsing ${pos}`);
}

function dot(input: string, pos: Position): string {
  if (input.startsWith('.')) return input.slice(1);
  const ch = firstChar(input);
  if (ch !== undefined) throw new SemverError(`unexpected character ${rustCharDebug(ch)} after ${pos}`);
  throw new SemverError(`unexpected end of input while parsing ${pos}`);
}

/** Dot-separated identifiers of `[0-9A-Za-z-]`; returns them and the rest. */
function identifier(input: string, pos: Position): [string, string] {
  let acc = 0;
  let seg = 0;
  let nonDigit = false;
  for (;;) {
    const i = acc + seg;
    const c = i < input.length ? input.charCodeAt(i) : -1;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d) {
      seg++;
      nonDigit = true;
    } else if (isDigit(c)) {
      seg++;
    } else {
      if (seg === 0) {
        if (acc === 0 && c !== 0x2e) return ['', input];
        throw new SemverError(`empty identifier segment in ${pos}`);
      }
      if (pos === 'pre-release identifier' && seg > 1 && !nonDigit && input.charCodeAt(acc) === 0x30) {
        throw new SemverError(`invalid leading zero in ${pos}`);
      }
      acc += seg;
      if (c === 0x2e) {
        acc++;
        seg = 0;
        nonDigit = false;
      } else {
        return [input.slice(0, acc), input.slice(acc)];
      }
    }
  }
}

// Packages repeat the same few versions (`@since(version = 0.2.0)` on every
// item), so parse results are cached. Callers must not mutate them.
const cache = new Map<string, Readonly<SemverParts> | string>();

/** Parses `text` as semver; returns an error message when it is not. */
export function parseSemver(text: string): Readonly<SemverParts> | string {
  let r = cache.get(text);
  if (r === undefined) {
    if (cache.size > 4096) cache.clear();
    r = parse(text);
    cache.set(text, r);
  }
  return r;
}

function parse(text: string): SemverParts | string {
  try {
    if (text === '') throw new SemverError('empty string, expected a semver version');
    let rest = text;
    let major: number;
    let minor: number;
    let patch: number;
    [major, rest] = numeric(rest, 'major version number');
    rest = dot(rest, 'major version number');
    [minor, rest] = numeric(rest, 'minor version number');
    rest = dot(rest, 'minor version number');
    [patch, rest] = numeric(rest, 'patch version number');
    let pre = '';
    let build = '';
    if (rest.startsWith('-')) {
      [pre, rest] = identifier(rest.slice(1), 'pre-release identifier');
      if (pre === '') throw new SemverError('empty identifier segment in pre-release identifier');
    }
    if (rest.startsWith('+')) {
      [build, rest] = identifier(rest.slice(1), 'build metadata');
      if (build === '') throw new SemverError('empty identifier segment in build metadata');
    }
    const ch = firstChar(rest);
    if (ch !== undefined) {
      const pos: Position =
        build !== '' ? 'build metadata' : pre !== '' ? 'pre-release identifier' : 'patch version number';
      throw new SemverError(`unexpected character ${rustCharDebug(ch)} after ${pos}`);
    }
    return {
      major,
      minor,
      patch,
      pre: pre === '' ? [] : pre.split('.'),
      build: build === '' ? [] : build.split('.'),
    };
  } catch (e) {
    if (e instanceof SemverError) return e.message;
    throw e;
  }
}
