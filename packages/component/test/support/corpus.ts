/**
 * Test data helpers: assemble the text corpora with jco's `parse`, extract
 * top-level components from .wast scripts, and find shipped .wasm binaries.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS } from '../../../../test-support/shared.js';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export { CORPUS };

export function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (p.endsWith(suffix)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function witComponentWats(): { name: string; text: string }[] {
  const dir = join(CORPUS, 'wit-component-interfaces');
  return listFiles(dir, '.wat').map((p) => ({ name: p.slice(dir.length + 1), text: readFileSync(p, 'utf8') }));
}

/** All .wasm files shipped in node_modules/.pnpm (deduplicated by path). */
export function shippedWasm(): string[] {
  return listFiles(join(REPO, 'node_modules/.pnpm'), '.wasm');
}

export interface WastModule {
  file: string;
  /** Index of the top-level command in the file. */
  index: number;
  /** 'valid' for plain definitions, else the assertion kind. */
  kind: 'valid' | 'assert_invalid' | 'assert_malformed' | 'assert_unlinkable' | 'other';
  text: string;
  /** Expected failure message for assertions. */
  message?: string;
}

/**
 * Split a .wast script into top-level s-expressions, honouring strings and
 * both comment forms, and return each `(component …)` definition (direct or
 * under assert_invalid / assert_malformed / assert_unlinkable).
 */
export function wastModules(file: string): WastModule[] {
  const src = readFileSync(file, 'utf8');
  const out: WastModule[] = [];
  const tops = topLevel(src);
  tops.forEach((t, index) => {
    const head = /^\(\s*([a-z_]+)/.exec(t)?.[1];
    if (head === 'component') {
      // wast scripting: `(component instance $i $C)` instantiates, it is not a module;
      // `(component definition $C …)` defines one (drop the keyword for the text parser).
      if (/^\(\s*component\s+instance\b/.test(t)) return;
      out.push({ file, index, kind: 'valid', text: t.replace(/^\(\s*component\s+definition\b/, '(component') });
    } else if (head === 'assert_invalid' || head === 'assert_malformed' || head === 'assert_unlinkable') {
      const inner = topLevel(t.slice(1 + head.length, -1));
      const comp = inner.find((x) => /^\(\s*component\b/.test(x));
      const msg = inner.find((x) => x.startsWith('"'));
      if (comp) out.push({ file, index, kind: head, text: comp, message: msg?.slice(1, -1) });
    }
  });
  return out;
}

/** Top-level s-expressions (and string literals) of `src`. */
function topLevel(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ';' && src[i + 1] === ';') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '(' && src[i + 1] === ';') {
      i = skipBlockComment(src, i);
    } else if (c === '(') {
      const start = i;
      let depth = 0;
      while (i < n) {
        const d = src[i];
        if (d === '"') i = skipString(src, i);
        else if (d === ';' && src[i + 1] === ';') {
          while (i < n && src[i] !== '\n') i++;
        } else if (d === '(' && src[i + 1] === ';') i = skipBlockComment(src, i);
        else {
          if (d === '(') depth++;
          else if (d === ')') depth--;
          i++;
          if (depth === 0) break;
        }
      }
      out.push(src.slice(start, i));
    } else if (c === '"') {
      const start = i;
      i = skipString(src, i);
      out.push(src.slice(start, i));
    } else i++;
  }
  return out;
}

function skipString(src: string, i: number): number {
  i++;
  while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipBlockComment(src: string, i: number): number {
  let depth = 0;
  while (i < src.length) {
    if (src[i] === '(' && src[i + 1] === ';') {
      depth++;
      i += 2;
    } else if (src[i] === ';' && src[i + 1] === ')') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return i;
}

/** Strip a wast `(component binary "..." ...)` / `quote` form: returns bytes or null. */
export function binaryForm(text: string): Uint8Array | null {
  const m = /^\(\s*component\s+(?:\$[^\s()]+\s+)?binary\b/.exec(text);
  if (!m) return null;
  const bytes: number[] = [];
  const rest = text.slice(m[0].length);
  // Walk the tail, skipping comments (which may contain quotes), decoding strings.
  for (let i = 0; i < rest.length;) {
    if (rest[i] === ';' && rest[i + 1] === ';') {
      while (i < rest.length && rest[i] !== '\n') i++;
    } else if (rest[i] === '(' && rest[i + 1] === ';') {
      i = skipBlockComment(rest, i);
    } else if (rest[i] === '"') {
      const end = skipString(rest, i);
      decodeWastString(rest.slice(i + 1, end - 1), bytes);
      i = end;
    } else i++;
  }
  return new Uint8Array(bytes);
}

function decodeWastString(body: string, bytes: number[]): void {
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      const nx = body[i + 1];
      if (/[0-9a-fA-F]/.test(nx) && /[0-9a-fA-F]/.test(body[i + 2] ?? '')) {
        bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        const map: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92 };
        bytes.push(map[nx] ?? nx.charCodeAt(0));
        i += 1;
      }
    } else {
      for (const b of new TextEncoder().encode(ch)) bytes.push(b);
    }
  }
}

/** `(core module …)` definitions nested in a component text, as standalone `(module …)` texts. */
export function coreModulesIn(text: string): string[] {
  const out: string[] = [];
  const re = /\(\s*core\s+module\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index;
    let depth = 0;
    let i = start;
    for (; i < text.length;) {
      const d = text[i];
      if (d === '"') i = skipString(text, i);
      else if (d === ';' && text[i + 1] === ';') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (d === '(' && text[i + 1] === ';') i = skipBlockComment(text, i);
      else {
        if (d === '(') depth++;
        else if (d === ')') depth--;
        i++;
        if (depth === 0) break;
      }
    }
    const body = text.slice(start, i);
    // Not module definitions: inline module types of imports/exports
    // (`(import "m" (core module …))`) and alias sugar (`(core module 0)`,
    // `(core module $i "m")`).
    const before = text.slice(Math.max(0, start - 200), start);
    if (/\((import|export)\s+(\$[^\s()]+\s+)?("(?:[^"\\]|\\.)*"\s*)+$/.test(before)) continue;
    if (/^\(\s*core\s+module\s+(\$[^\s()]+\s*)?("|\d|\(\s*(type|instance)\b)/.test(body)) continue;
    if (/^\(\s*core\s+module\s+(\$[^\s()]+\s+)?\(\s*export\s+"[^"]*"\s*\)\s*\)$/.test(body)) continue; // inline-export sugar
    out.push(body.replace(/^\(\s*core\s+module/, '(module'));
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** First differing offset, for readable failure messages. */
export function firstDiff(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

export interface Sample {
  name: string;
  bytes: Uint8Array;
}

/** Assemble all valid corpus texts (cached per process). Parse failures are counted. */
export async function assembleCorpus(parse: (wat: string) => Promise<Uint8Array>): Promise<{
  witComponent: Sample[];
  wastValid: Sample[];
  wastCoreModules: Sample[];
  wastInvalid: (Sample & { message?: string })[];
  wastMalformed: (Sample & { message?: string })[];
  parseFailures: { name: string; error: string }[];
}> {
  const res = {
    witComponent: [] as Sample[],
    wastValid: [] as Sample[],
    wastCoreModules: [] as Sample[],
    wastInvalid: [] as (Sample & { message?: string })[],
    wastMalformed: [] as (Sample & { message?: string })[],
    parseFailures: [] as { name: string; error: string }[],
  };
  const tryParse = async (name: string, text: string): Promise<Uint8Array | null> => {
    try {
      return await parse(text);
    } catch (e) {
      res.parseFailures.push({ name, error: String(e).replace(/\s+/g, ' ').slice(0, 200) });
      return null;
    }
  };
  for (const w of witComponentWats()) {
    const b = await tryParse(`wit-component/${w.name}`, w.text);
    if (b) res.witComponent.push({ name: w.name, bytes: b });
  }
  const root = join(CORPUS, 'component-model-tests');
  for (const f of listFiles(root, '.wast')) {
    const rel = f.slice(root.length + 1);
    for (const m of wastModules(f)) {
      const name = `${rel}#${m.index}`;
      const direct = binaryForm(m.text);
      if (m.kind === 'assert_malformed' && !direct) {
        // Text-level malformations may be rejected by the text parser already.
        try {
          res.wastMalformed.push({ name, bytes: await parse(m.text), message: m.message });
        } catch {
          res.wastMalformed.push({ name, bytes: new Uint8Array(0), message: 'rejected by text parser' });
        }
        continue;
      }
      const b = direct ?? (await tryParse(name, m.text));
      if (!b) continue;
      if (m.kind === 'valid') {
        res.wastValid.push({ name, bytes: b });
        let k = 0;
        for (const mod of coreModulesIn(m.text)) {
          const mb = await tryParse(`${name}/module${k}`, mod);
          if (mb) res.wastCoreModules.push({ name: `${name}/module${k}`, bytes: mb });
          k++;
        }
      } else if (m.kind === 'assert_invalid') res.wastInvalid.push({ name, bytes: b, message: m.message });
      else if (m.kind === 'assert_malformed') res.wastMalformed.push({ name, bytes: b, message: m.message });
    }
  }
  return res;
}

/** Shipped .wasm files, deduplicated by content. */
export function shippedWasmSamples(): Sample[] {
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (const p of shippedWasm()) {
    const bytes = new Uint8Array(readFileSync(p));
    const key = `${bytes.length}:${bytes.subarray(0, 64).join(',')}:${bytes.subarray(bytes.length - 64).join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: p.slice(p.lastIndexOf('node_modules/') + 13), bytes });
  }
  return out;
}
