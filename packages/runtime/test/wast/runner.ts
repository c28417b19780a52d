// The WAST script runner for the Component Model reference tests: reads a
// script, assembles each `(component …)` with jco (worker threads), decodes
// and validates it with @wit-ts/component, instantiates it with
// @wit-ts/runtime and checks every assertion. Expected failures pass when the
// failure has the expected KIND (decode error, validation issue, core compile
// error, link error, trap); Wasmtime's message wording is not compared.
import { readFileSync } from 'node:fs';
import { toCamelCase } from '@wit-ts/abi';
import { DecodeError, decodeComponent, validateComponent, type Component } from '@wit-ts/component';
import { ComponentError, instantiate, Trap } from '@wit-ts/runtime';
import type { AssemblerPool, AssembleResult } from './assembler.js';
import { head, isAtom, parseSexprs, strText, type SExpr, type SList } from './sexpr.js';
import { ConstError, hostValue, mismatch, showValue } from './values.js';

export type Outcome = 'pass' | 'fail' | 'skip';
/** What actually happened when a module/component was rejected or a call failed. */
export type FailureKind =
  | 'assemble'
  | 'decode'
  | 'validate'
  | 'compile'
  | 'link'
  /** A canonical-ABI trap: a `Trap` whose message starts with the violated rule. */
  | 'trap'
  /** A core wasm trap raised by V8 (unreachable, out-of-bounds access, …). */
  | 'core-trap'
  | 'host-error';

export interface CaseResult {
  /** `dir/file.wast:line` of the directive. */
  id: string;
  directive: string;
  outcome: Outcome;
  detail: string;
  /** For expected failures: the kind we observed. */
  kind?: FailureKind;
}

export interface RunOptions {
  fastPaths?: boolean;
}

type ModuleSource =
  | { form: 'text'; kw: 'component' | 'module'; text: string; isDef: boolean; id?: string }
  | { form: 'binary'; kw: 'component' | 'module'; bytes: Uint8Array; isDef: boolean; id?: string }
  | { form: 'quote'; kw: 'component' | 'module'; text: string; isDef: boolean; id?: string };

/** Reads `(component [definition] [$id] [binary|quote] …)` / `(module …)`. */
function moduleSource(src: string, form: SList): ModuleSource | undefined {
  const kw = head(form);
  if (kw !== 'component' && kw !== 'module') return undefined;
  let k = 1;
  let isDef = false;
  if (isAtom(form.items[k], 'definition')) {
    isDef = true;
    k++;
  }
  if (isAtom(form.items[k], 'instance')) return undefined;
  let id: string | undefined;
  const idItem = form.items[k];
  if (isAtom(idItem) && idItem.text.startsWith('$')) {
    id = idItem.text;
    k++;
  }
  const strings = (): Uint8Array[] =>
    form.items.slice(k + 1).map((s) => {
      if (s.kind !== 'str') throw new Error(`${kw} ${(form.items[k] as { text: string }).text}: expected strings`);
      return s.bytes;
    });
  if (isAtom(form.items[k], 'binary')) {
    const parts = strings();
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) (bytes.set(p, o), (o += p.length));
    return { form: 'binary', kw, bytes, isDef, id };
  }
  if (isAtom(form.items[k], 'quote')) {
    const body = strings()
      .map((b) => new TextDecoder().decode(b))
      .join(' ');
    return { form: 'quote', kw, text: `(${kw} ${body})`, isDef, id };
  }
  const rest = form.items[k];
  const text = `(${kw}${id !== undefined ? ` ${id}` : ''}${rest === undefined ? ')' : ` ${src.slice(rest.start, form.end)}`}`;
  return { form: 'text', kw, text, isDef, id };
}

/** Compiles every core module of a component (V8 validates function bodies, which our validator does not). */
function compileCoreModules(c: Component): void {
  for (const s of c.sections) {
    if (s.kind === 'core-module') new WebAssembly.Module(s.bytes);
    else if (s.id === 4 && s.kind === 'component') compileCoreModules(s.component);
  }
}

type Loaded =
  | { ok: true; component: Component; bytes: Uint8Array }
  | { ok: true; module: WebAssembly.Module; component?: undefined; bytes: Uint8Array }
  | { ok: false; kind: FailureKind; message: string };

const short = (e: unknown): string => {
  const m = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // jco errors are Rust Debug dumps; keep the Custom("…") message.
  const custom = /kind: (?:Custom\("((?:[^"\\]|\\.)*)"\)|(\w+))/.exec(m);
  return (custom !== null ? `assembler: ${custom[1] ?? custom[2]}` : m).replace(/\s+/g, ' ').slice(0, 240);
};

/** Assemble → decode → validate → compile core modules; reports the first failure's kind. */
async function load(
  pool: AssemblerPool,
  ms: ModuleSource,
  pending: Map<ModuleSource, Promise<AssembleResult>>,
): Promise<Loaded> {
  let bytes: Uint8Array;
  if (ms.form === 'binary') bytes = ms.bytes;
  else {
    const r = await (pending.get(ms) ?? pool.assemble(ms.text));
    if (!r.ok)
      return { ok: false, kind: 'assemble', message: short(r.message) + (r.panic ? ' (assembler panic)' : '') };
    bytes = r.bytes;
  }
  if (ms.kw === 'module') {
    try {
      return { ok: true, module: new WebAssembly.Module(bytes), bytes };
    } catch (e) {
      return { ok: false, kind: 'compile', message: short(e) };
    }
  }
  let component: Component;
  try {
    component = decodeComponent(bytes, { eagerModules: true });
  } catch (e) {
    return { ok: false, kind: e instanceof DecodeError ? 'decode' : 'host-error', message: short(e) };
  }
  try {
    const issues = validateComponent(component);
    if (issues.length > 0) {
      const i = issues[0];
      return { ok: false, kind: 'validate', message: `${i.section}[${i.item}]: ${i.message}` };
    }
  } catch (e) {
    return {
      ok: false,
      kind: e instanceof DecodeError ? 'decode' : 'host-error',
      message: `validator threw ${short(e)}`,
    };
  }
  try {
    compileCoreModules(component);
  } catch (e) {
    return { ok: false, kind: 'compile', message: short(e) };
  }
  return { ok: true, component, bytes };
}

type Exports = Record<string, unknown>;

/** Wasmtime's messages for traps raised by core wasm itself rather than by a canonical ABI rule. */
const CORE_TRAP =
  /unreachable|out of bounds (memory|table) access|integer (divide by zero|overflow)|indirect call type mismatch|uninitialized element|undefined element|call stack exhausted|invalid conversion to integer|null (function )?reference/;

/** Which kind of trap an `assert_trap` message names (wording itself is not compared). */
export function expectedTrapKind(message: string): FailureKind {
  return CORE_TRAP.test(message) ? 'core-trap' : 'trap';
}

function lookup(exports: Exports, name: string): ((...a: unknown[]) => unknown) | undefined {
  const f = exports[toCamelCase(name)] ?? exports[name];
  return typeof f === 'function' ? (f as (...a: unknown[]) => unknown) : undefined;
}

function errorKind(e: unknown): FailureKind {
  if (e instanceof Trap) return 'trap';
  if (e instanceof WebAssembly.RuntimeError) return 'core-trap';
  if (e instanceof WebAssembly.CompileError) return 'compile';
  if (e instanceof WebAssembly.LinkError || (e instanceof Error && e.name === 'LinkError')) return 'link';
  return 'host-error';
}

export async function runWastFile(
  path: string,
  id: string,
  pool: AssemblerPool,
  opts: RunOptions = {},
): Promise<CaseResult[]> {
  return runWastSource(readFileSync(path, 'utf8'), id, pool, opts);
}

/** Runs one script; `id` (e.g. `values/strings.wast`) prefixes each case id (`id:line`). */
export async function runWastSource(
  src: string,
  id: string,
  pool: AssemblerPool,
  opts: RunOptions = {},
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let forms: SExpr[];
  try {
    forms = parseSexprs(src);
  } catch (e) {
    return [{ id: `${id}:0`, directive: 'parse', outcome: 'fail', detail: `script does not parse: ${short(e)}` }];
  }

  // Start assembling every text form up front (the pool works in parallel).
  const sources = new Map<SList, ModuleSource>();
  const pending = new Map<ModuleSource, Promise<AssembleResult>>();
  const noteModule = (f: SExpr | undefined): void => {
    if (f === undefined || f.kind !== 'list') return;
    const ms = moduleSource(src, f);
    if (ms === undefined) return;
    sources.set(f, ms);
    if (ms.form !== 'binary') pending.set(ms, pool.assemble(ms.text));
  };
  for (const f of forms) {
    if (f.kind !== 'list') continue;
    const h = head(f);
    if (h === 'component' || h === 'module') noteModule(f);
    else if (h.startsWith('assert_')) noteModule(f.items[1]);
  }

  const definitions = new Map<string, Component | WebAssembly.Module>();
  const instances = new Map<string, Exports>();
  // `(register "name")`: later instantiations import the instance under that name.
  const registered: Record<string, Exports> = {};
  let current: Exports | undefined;
  let currentWhy = 'no component instantiated yet';

  const instantiateAny = async (x: Component | WebAssembly.Module): Promise<Exports> =>
    x instanceof WebAssembly.Module
      ? ((await WebAssembly.instantiate(x, registered as never)).exports as Exports)
      : instantiate(x, registered, { fastPaths: opts.fastPaths ?? true });

  const instantiateNamed = async (
    x: Component | WebAssembly.Module,
    name: string | undefined,
    r: CaseResult,
  ): Promise<void> => {
    try {
      const ex = await instantiateAny(x);
      current = ex;
      if (name !== undefined) instances.set(name, ex);
      r.outcome = 'pass';
    } catch (e) {
      current = undefined;
      currentWhy = `component at line ${r.id.split(':').pop()} failed to instantiate`;
      r.outcome = 'fail';
      r.kind = errorKind(e);
      r.detail = `instantiation failed (${r.kind}): ${short(e)}`;
    }
  };

  const call = (inv: SList): { fn?: (...a: unknown[]) => unknown; args?: unknown[]; error?: string; name: string } => {
    let k = 1;
    let target = current;
    let why = currentWhy;
    if (isAtom(inv.items[k]) && (inv.items[k] as { text: string }).text.startsWith('$')) {
      const n = (inv.items[k] as { text: string }).text;
      target = instances.get(n);
      why = `no instance ${n}`;
      k++;
    }
    const nameItem = inv.items[k];
    if (nameItem === undefined || nameItem.kind !== 'str')
      return { error: 'invoke: expected a function name', name: '?' };
    const name = strText(nameItem);
    if (target === undefined) return { error: why, name };
    const fn = lookup(target, name);
    if (fn === undefined) return { error: `no exported function "${name}"`, name };
    try {
      return { fn, args: inv.items.slice(k + 1).map((a) => hostValue(a)), name };
    } catch (e) {
      return { error: `argument: ${(e as Error).message}`, name };
    }
  };

  for (const f of forms) {
    if (f.kind !== 'list') continue;
    const h = head(f);
    const r: CaseResult = { id: `${id}:${f.line}`, directive: h, outcome: 'fail', detail: '' };
    results.push(r);
    try {
      if (h === 'component' && isAtom(f.items[1], 'instance')) {
        // (component instance $name $Definition)
        const name = (f.items[2] as { text?: string })?.text;
        const defName = (f.items[3] as { text?: string })?.text;
        const def = defName !== undefined ? definitions.get(defName) : undefined;
        r.directive = 'component instance';
        if (def === undefined) {
          current = undefined;
          currentWhy = `definition ${defName} is not available`;
          r.detail = currentWhy;
        } else await instantiateNamed(def, name, r);
      } else if (h === 'component' || h === 'module') {
        const ms = sources.get(f)!;
        if (ms.isDef) r.directive = `${h} definition`;
        const l = await load(pool, ms, pending);
        if (!l.ok) {
          if (!ms.isDef) {
            current = undefined;
            currentWhy = `component at line ${f.line} was rejected`;
          }
          r.kind = l.kind;
          r.detail = `valid ${h} rejected (${l.kind}): ${l.message}`;
        } else if (ms.isDef) {
          if (ms.id !== undefined) definitions.set(ms.id, l.component ?? l.module);
          r.outcome = 'pass';
        } else await instantiateNamed(l.component ?? l.module, ms.id, r);
      } else if (h === 'assert_invalid' || h === 'assert_malformed' || h === 'assert_unlinkable') {
        const inner = f.items[1];
        const ms = inner?.kind === 'list' ? sources.get(inner) : undefined;
        const expected = f.items[2]?.kind === 'str' ? strText(f.items[2]) : '';
        if (ms === undefined) {
          r.outcome = 'skip';
          r.detail = `unsupported ${h} operand`;
          continue;
        }
        const l = await load(pool, ms, pending);
        if (h === 'assert_unlinkable') {
          if (!l.ok) {
            r.kind = l.kind;
            r.detail = `expected a link error ("${expected}"), but the component was rejected earlier (${l.kind}): ${l.message}`;
          } else {
            try {
              await instantiateAny(l.component ?? l.module);
              r.detail = `expected a link error ("${expected}"), but it instantiated`;
            } catch (e) {
              r.kind = errorKind(e);
              r.outcome = r.kind === 'link' ? 'pass' : 'fail';
              r.detail = `${r.kind}: ${short(e)}`;
            }
          }
          continue;
        }
        if (l.ok) {
          r.detail = `expected ${h === 'assert_invalid' ? 'a validation' : 'a decode'} error ("${expected}"), but it was accepted`;
          continue;
        }
        r.kind = l.kind;
        r.detail = `${l.kind}: ${l.message} (expected "${expected}")`;
        const ok: FailureKind[] =
          h === 'assert_invalid'
            ? ['assemble', 'decode', 'validate', 'compile']
            : ms.form === 'binary'
              ? ['decode']
              : ['assemble'];
        r.outcome = ok.includes(l.kind) ? 'pass' : 'fail';
      } else if (h === 'assert_return' || h === 'assert_trap' || h === 'invoke') {
        const inv = h === 'invoke' ? f : f.items[1];
        if (inv === undefined || inv.kind !== 'list' || head(inv) !== 'invoke') {
          r.outcome = 'skip';
          r.detail = `unsupported ${h} operand (${head(inv)})`;
          continue;
        }
        const c = call(inv);
        r.directive = `${h} "${c.name}"`;
        if (c.fn === undefined) {
          r.detail = c.error ?? 'no function';
          continue;
        }
        let ret: unknown;
        let threw: unknown;
        let didThrow = false;
        try {
          ret = c.fn(...c.args!);
          if (ret instanceof Promise) ret = await ret;
        } catch (e) {
          didThrow = true;
          threw = e;
        }
        if (h === 'assert_trap') {
          const expected = f.items[2]?.kind === 'str' ? strText(f.items[2]) : '';
          if (!didThrow) {
            r.detail = `expected a trap ("${expected}"), got ${showValue(ret)}`;
            continue;
          }
          r.kind = errorKind(threw);
          r.outcome = r.kind === expectedTrapKind(expected) ? 'pass' : 'fail';
          r.detail = `${r.kind}: ${short(threw)} (expected "${expected}")`;
          continue;
        }
        const expectedResults = h === 'assert_return' ? f.items.slice(2) : [];
        if (didThrow) {
          // A top-level `result` return: jco throws ComponentError for `err`.
          const exp = expectedResults[0];
          if (threw instanceof ComponentError && exp !== undefined && head(exp) === 'result.err') {
            const m = mismatch(exp, { tag: 'err', val: threw.payload });
            r.outcome = m === undefined ? 'pass' : 'fail';
            r.detail = m ?? '';
            continue;
          }
          r.kind = errorKind(threw);
          r.detail = `call failed (${r.kind}): ${short(threw)}`;
          continue;
        }
        if (h === 'invoke') {
          r.outcome = 'pass';
          continue;
        }
        if (expectedResults.length === 0) {
          r.outcome = ret === undefined ? 'pass' : 'fail';
          if (ret !== undefined) r.detail = `expected no result, got ${showValue(ret)}`;
          continue;
        }
        if (expectedResults.length > 1) {
          r.outcome = 'skip';
          r.detail = 'multiple results';
          continue;
        }
        const exp = expectedResults[0];
        let m = mismatch(exp, ret);
        // jco returns the `ok` payload of a top-level result directly.
        if (m !== undefined && head(exp) === 'result.ok') m = mismatch(exp, { tag: 'ok', val: ret });
        r.outcome = m === undefined ? 'pass' : 'fail';
        r.detail = m ?? '';
      } else if (h === 'register') {
        // (register "name" $instance?)
        const as = f.items[1];
        const which = f.items[2];
        const inst = isAtom(which) ? instances.get(which.text) : current;
        if (as?.kind !== 'str' || inst === undefined)
          r.detail = `register: ${inst === undefined ? currentWhy : 'expected a name'}`;
        else {
          registered[strText(as)] = inst;
          r.outcome = 'pass';
        }
      } else {
        r.outcome = 'skip';
        r.detail = `unsupported directive ${h}`;
      }
    } catch (e) {
      r.outcome = 'fail';
      r.detail = e instanceof ConstError ? `constant: ${e.message}` : `runner error: ${short(e)}`;
    }
  }
  return results;
}
