// Semantic-version validation for WIT package versions, following the rules
// of the Rust `semver` crate that wasm-tools uses (no leading zeros in
// numeric parts, non-empty dot-separated identifiers of [0-9A-Za-z-]).

export interface SemverParts {
  major: number;
  minor: number;
  patch: number;
  pre: string[];
  build: string[];
}

const NUM = /^(0|[1-9][0-9]*)$/;
const IDENT = /^[0-9A-Za-z-]+$/;

/** Parses `text` as semver; returns an error message when it is not. */
export function parseSemver(text: string): SemverParts | string {
  let rest = text;
  let build: string[] = [];
  let pre: string[] = [];
  const plus = rest.indexOf('+');
  if (plus >= 0) {
    const b = rest.slice(plus + 1);
    rest = rest.slice(0, plus);
    build = b.split('.');
    for (const id of build) {
      if (id === '') return 'empty identifier segment in build metadata';
      if (!IDENT.test(id)) return `unexpected character in build metadata`;
    }
  }
  const dash = rest.indexOf('-');
  if (dash >= 0) {
    const p = rest.slice(dash + 1);
    rest = rest.slice(0, dash);
    pre = p.split('.');
    for (const id of pre) {
      if (id === '') return 'empty identifier segment in pre-release identifier';
      if (!IDENT.test(id)) return `unexpected character in pre-release identifier`;
      if (/^[0-9]+$/.test(id) && !NUM.test(id)) return 'invalid leading zero in pre-release identifier';
    }
  }
  const parts = rest.split('.');
  const names = ['major', 'minor', 'patch'];
  if (parts.length !== 3) return 'unexpected end of input while parsing version';
  const nums: number[] = [];
  for (let i = 0; i < 3; i++) {
    const p = parts[i];
    if (!/^[0-9]+$/.test(p)) return `unexpected character while parsing ${names[i]} version number`;
    if (!NUM.test(p)) return `invalid leading zero in ${names[i]} version number`;
    const n = Number(p);
    if (!Number.isSafeInteger(n)) return `value out of range for ${names[i]} version number`;
    nums.push(n);
  }
  return { major: nums[0], minor: nums[1], patch: nums[2], pre, build };
}
