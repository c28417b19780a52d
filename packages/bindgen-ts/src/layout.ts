// A tiny Wadler-style document printer reproducing prettier's layout for the
// TypeScript constructs the generator emits (type expressions and
// signatures), so the generated text is already exactly prettier's output
// (parser typescript, singleQuote, printWidth 100) without running prettier.

export const PRINT_WIDTH = 100;

export type Doc =
  | string
  | Doc[]
  | { t: 'group'; c: Doc }
  | { t: 'indent'; c: Doc }
  | { t: 'line'; soft: boolean }
  | { t: 'ifBreak'; b: Doc; f: Doc };

export const line: Doc = { t: 'line', soft: false };
export const softline: Doc = { t: 'line', soft: true };
export const group = (c: Doc): Doc => ({ t: 'group', c });
export const indent = (c: Doc): Doc => ({ t: 'indent', c });
export const ifBreak = (b: Doc, f: Doc = ''): Doc => ({ t: 'ifBreak', b, f });
export function join(sep: Doc, docs: Doc[]): Doc[] {
  const out: Doc[] = [];
  docs.forEach((d, i) => {
    if (i > 0) out.push(sep);
    out.push(d);
  });
  return out;
}

type Cmd = [ind: number, brk: boolean, doc: Doc];

function fits(next: Cmd, rest: Cmd[], width: number): boolean {
  const stack: Cmd[] = [next];
  let ri = rest.length;
  while (width >= 0) {
    if (stack.length === 0) {
      if (ri === 0) return true;
      stack.push(rest[--ri]);
      continue;
    }
    const [ind, brk, d] = stack.pop()!;
    if (typeof d === 'string') width -= d.length;
    else if (Array.isArray(d)) for (let i = d.length - 1; i >= 0; i--) stack.push([ind, brk, d[i]]);
    else if (d.t === 'group') stack.push([ind, brk, d.c]);
    else if (d.t === 'indent') stack.push([ind, brk, d.c]);
    else if (d.t === 'ifBreak') stack.push([ind, brk, brk ? d.b : d.f]);
    else if (brk) return true;
    else if (!d.soft) width -= 1;
  }
  return false;
}

/** Prints `doc` starting at column `indent` (the current indentation); lines carry their own indentation except the first. */
export function print(doc: Doc, startIndent: number, width = PRINT_WIDTH): string {
  let out = '';
  let pos = startIndent;
  const cmds: Cmd[] = [[startIndent, true, doc]];
  while (cmds.length > 0) {
    const [ind, brk, d] = cmds.pop()!;
    if (typeof d === 'string') {
      out += d;
      pos += d.length;
    } else if (Array.isArray(d)) for (let i = d.length - 1; i >= 0; i--) cmds.push([ind, brk, d[i]]);
    else if (d.t === 'group') {
      const flat = !brk || fits([ind, false, d.c], cmds, width - pos);
      cmds.push([ind, !flat, d.c]);
    } else if (d.t === 'indent') cmds.push([ind + 2, brk, d.c]);
    else if (d.t === 'ifBreak') cmds.push([ind, brk, brk ? d.b : d.f]);
    else if (!brk) {
      if (!d.soft) {
        out += ' ';
        pos++;
      }
    } else {
      out = out.replace(/ +$/, '') + '\n' + ' '.repeat(ind);
      pos = ind;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Type expressions, as the generator writes them, parsed back into a tree.

type T =
  | { k: 'atom'; s: string }
  | { k: 'ref'; s: string; args: T[] }
  | { k: 'union'; m: T[] }
  | { k: 'tuple'; m: T[] }
  | { k: 'obj'; m: [string, T][] };

function parse(src: string): T {
  let i = 0;
  const ws = () => {
    while (src[i] === ' ') i++;
  };
  const eat = (s: string) => {
    ws();
    if (!src.startsWith(s, i)) throw new Error(`layout: expected '${s}' at ${i} in ${src}`);
    i += s.length;
  };
  const peek = (s: string) => (ws(), src.startsWith(s, i));
  const union = (): T => {
    const m = [primary()];
    while (peek('|')) {
      eat('|');
      m.push(primary());
    }
    return m.length === 1 ? m[0] : { k: 'union', m };
  };
  const list = (close: string): T[] => {
    const m: T[] = [];
    while (!peek(close)) {
      m.push(union());
      if (peek(',')) eat(',');
    }
    eat(close);
    return m;
  };
  const primary = (): T => {
    ws();
    if (peek('[')) {
      eat('[');
      return { k: 'tuple', m: list(']') };
    }
    if (peek('{')) {
      eat('{');
      const m: [string, T][] = [];
      while (!peek('}')) {
        const j = src.indexOf(':', i);
        const key = src.slice(i, j).trim();
        i = j + 1;
        m.push([key, union()]);
        if (peek(';')) eat(';');
      }
      eat('}');
      return { k: 'obj', m };
    }
    if (src[i] === "'") {
      let j = i + 1;
      while (src[j] !== "'") j += src[j] === '\\' ? 2 : 1;
      const s = src.slice(i, j + 1);
      i = j + 1;
      return { k: 'atom', s };
    }
    const m = /^(?:typeof )?(?:import\('(?:[^'\\]|\\.)*'\)\.)?[A-Za-z0-9_$.]+/.exec(src.slice(i));
    if (m === null) throw new Error(`layout: cannot parse type at ${i} in ${src}`);
    i += m[0].length;
    if (src[i] === '<') {
      i++;
      return { k: 'ref', s: m[0], args: list('>') };
    }
    return { k: 'atom', s: m[0] };
  };
  const t = union();
  ws();
  if (i !== src.length) throw new Error(`layout: trailing text in ${src}`);
  return t;
}

/** prettier's shouldHugType: keywords, plain references, object types. */
const hugs = (t: T) => t.k === 'atom' || t.k === 'obj';

function doc(t: T, parent: 'args' | 'tuple' | 'annot' | 'union' | 'alias'): Doc {
  switch (t.k) {
    case 'atom':
      return t.s;
    case 'ref': {
      if (t.args.length === 1 && hugs(t.args[0])) return [t.s, '<', doc(t.args[0], 'args'), '>'];
      return group([
        t.s,
        '<',
        indent([
          softline,
          join(
            [',', line],
            t.args.map((a) => doc(a, 'args')),
          ),
        ]),
        softline,
        '>',
      ]);
    }
    case 'tuple':
      if (t.m.length === 0) return '[]';
      return group([
        '[',
        indent([
          softline,
          join(
            [',', line],
            t.m.map((a) => doc(a, 'tuple')),
          ),
        ]),
        ifBreak(','),
        softline,
        ']',
      ]);
    case 'obj':
      return group([
        '{',
        indent([
          line,
          join(
            [';', line],
            t.m.map(([k, v]) => [k, ': ', doc(v, 'annot')]),
          ),
        ]),
        ifBreak(';'),
        line,
        '}',
      ]);
    case 'union': {
      const shouldIndent = parent !== 'args' && parent !== 'alias';
      // Members are aligned after `| `.
      const members = t.m.map((m) => indent(doc(m, 'union')));
      const code: Doc = [ifBreak([shouldIndent ? line : '', '| ']), join([line, '| '], members)];
      if (parent === 'tuple') return group([indent([ifBreak(['(', softline]), code]), softline, ifBreak(')')]);
      return group(shouldIndent ? indent(code) : code);
    }
  }
}

/** A type expression (as emitted) as a document. */
export function typeDoc(src: string, parent: 'annot' | 'args' = 'annot'): Doc {
  let t: T;
  try {
    t = parse(src);
  } catch {
    return src; // Not a type expression this module knows: printed as is.
  }
  return doc(t, parent);
}

/** The members of a top-level union type expression (one member when it is not a union). */
export function unionMembers(src: string): string[] {
  let t: T;
  try {
    t = parse(src);
  } catch {
    return [src];
  }
  if (t.k !== 'union') return [src];
  return t.m.map((m) => print(doc(m, 'union'), 0, Infinity));
}

/** `head(params)tail` as prettier lays out a function signature; `params` are `name: type` (or `name?: type`, `name: type = init`). */
export function sigDoc(head: string, params: string[], tail: string): Doc {
  const ps = params.map((p) => {
    const m = /^([A-Za-z0-9_$]+\??: )(.*?)( = \{\})?$/.exec(p);
    return m === null ? p : [m[1], typeDoc(m[2]), m[3] ?? ''];
  });
  const m = /^(: )(.*?)(;| \{)$/.exec(tail);
  const ret: Doc = m === null ? tail : [m[1], typeDoc(m[2]), m[3]];
  const pd: Doc =
    ps.length === 0 ? '()' : ['(', indent([softline, join([',', line], ps)]), ifBreak(','), softline, ')'];
  return group([head, pd, ret]);
}
