// A small s-expression reader for WAST scripts: lists keep their source span
// (so a `(component …)` can be handed to the assembler verbatim) and line;
// strings are decoded to bytes (WAT escapes: \n \t \r \" \' \\ \hh \u{…}).
export type SExpr = SList | SAtom | SStr;
export interface SList {
  kind: 'list';
  items: SExpr[];
  start: number;
  end: number;
  line: number;
}
export interface SAtom {
  kind: 'atom';
  text: string;
  start: number;
}
export interface SStr {
  kind: 'str';
  bytes: Uint8Array;
  start: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });

export function parseSexprs(src: string): SExpr[] {
  let i = 0;
  // Line starts, for reporting directives by line number.
  const lineStarts: number[] = [0];
  for (let k = 0; k < src.length; k++) if (src.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const lineOf = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const skip = (): void => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (src.startsWith(';;', i)) {
        while (i < src.length && src[i] !== '\n') i++;
      } else if (src.startsWith('(;', i)) {
        let depth = 0;
        do {
          if (src.startsWith('(;', i)) {
            depth++;
            i += 2;
          } else if (src.startsWith(';)', i)) {
            depth--;
            i += 2;
          } else i++;
        } while (depth > 0 && i < src.length);
      } else return;
    }
  };
  const one = (): SExpr => {
    skip();
    if (src[i] === '(') {
      const start = i++;
      const items: SExpr[] = [];
      for (;;) {
        skip();
        if (i >= src.length) throw new Error(`unbalanced parentheses (list at line ${lineOf(start)})`);
        if (src[i] === ')') break;
        items.push(one());
      }
      i++;
      return { kind: 'list', items, start, end: i, line: lineOf(start) };
    }
    if (src[i] === '"') {
      const start = i++;
      const bytes: number[] = [];
      while (src[i] !== '"') {
        if (i >= src.length) throw new Error(`unterminated string at line ${lineOf(start)}`);
        if (src[i] === '\\') {
          const c = src[i + 1];
          if (c === 'u') {
            const close = src.indexOf('}', i);
            bytes.push(...enc.encode(String.fromCodePoint(parseInt(src.slice(i + 3, close), 16))));
            i = close + 1;
          } else if (/[0-9a-fA-F]/.test(c) && /[0-9a-fA-F]/.test(src[i + 2])) {
            bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
            i += 3;
          } else {
            const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92 };
            // Unknown escapes are kept verbatim (the assembler reports them).
            if (simple[c] !== undefined) bytes.push(simple[c]);
            else bytes.push(92, c.charCodeAt(0));
            i += 2;
          }
        } else {
          const cp = src.codePointAt(i)!;
          bytes.push(...enc.encode(String.fromCodePoint(cp)));
          i += cp > 0xffff ? 2 : 1;
        }
      }
      i++;
      return { kind: 'str', bytes: Uint8Array.from(bytes), start };
    }
    const start = i;
    while (i < src.length && !/[\s()"]/.test(src[i])) i++;
    if (i === start) throw new Error(`unexpected ${JSON.stringify(src[i])} at line ${lineOf(i)}`);
    return { kind: 'atom', text: src.slice(start, i), start };
  };
  const out: SExpr[] = [];
  for (skip(); i < src.length; skip()) out.push(one());
  return out;
}

export const head = (e: SExpr | undefined): string =>
  e !== undefined && e.kind === 'list' && e.items[0]?.kind === 'atom' ? e.items[0].text : '';

export const isAtom = (e: SExpr | undefined, text?: string): e is SAtom =>
  e !== undefined && e.kind === 'atom' && (text === undefined || e.text === text);

export const strText = (e: SStr): string => dec.decode(e.bytes);
