/**
 * Validation of `canon` definitions (CanonicalABI.md "Canonical
 * definitions" and "canonopt Validation"): operand sorts and ranges, option
 * duplication/conflicts, required memory/realloc, post-return/callback/async
 * placement, and core signature agreement for lift.
 */
import type { Canon, CanonOpt } from '../model.js';
import { containsListOrString, flatCount, flattenFuncType, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, sigEq } from './abi.js';
import { resolveVal } from './resolve.js';
import { type Ctx, Scope } from './scope.js';
import { rootOf, type RCoreFunc, type RFunc, type RVal } from './types.js';

const I32 = 0x7f;

interface Opts {
  encoding: string | null;
  memory: number | null;
  realloc: number | null;
  postReturn: number | null;
  async: boolean;
  callback: number | null;
}

function checkOpts(ctx: Ctx, scope: Scope, opts: CanonOpt[], where: 'lift' | 'lower' | 'builtin'): Opts {
  const o: Opts = { encoding: null, memory: null, realloc: null, postReturn: null, async: false, callback: null };
  const seen = new Set<string>();
  for (const opt of opts) {
    const key =
      opt.kind === 'utf8' || opt.kind === 'utf16' || opt.kind === 'latin1+utf16' ? 'string-encoding' : opt.kind;
    if (seen.has(key)) ctx.report(`\`${key}\` is specified more than once`);
    seen.add(key);
    switch (opt.kind) {
      case 'utf8':
      case 'utf16':
      case 'latin1+utf16':
        o.encoding = opt.kind;
        break;
      case 'memory':
        if (ctx.inRange(scope, 'core-memory', opt.index, 'memory')) o.memory = opt.index;
        break;
      case 'realloc':
        if (ctx.inRange(scope, 'core-func', opt.index, 'core function')) {
          o.realloc = opt.index;
          const sig = scope.coreFuncs[opt.index];
          if (sig && !sigEq(sig, { params: [I32, I32, I32, I32], results: [I32] }))
            ctx.report('canonical option `realloc` uses a core function with an incorrect signature');
        }
        break;
      case 'post-return':
        if (where !== 'lift') ctx.report('canonical option `post-return` is only allowed on `canon lift`');
        if (ctx.inRange(scope, 'core-func', opt.index, 'core function')) o.postReturn = opt.index;
        break;
      case 'async':
        o.async = true;
        break;
      case 'callback':
        if (where !== 'lift') ctx.report('canonical option `callback` is only allowed on `canon lift`');
        if (ctx.inRange(scope, 'core-func', opt.index, 'core function')) {
          o.callback = opt.index;
          const sig = scope.coreFuncs[opt.index];
          if (sig && !sigEq(sig, { params: [I32, I32, I32], results: [I32] }))
            ctx.report('canonical option `callback` uses a core function with an incorrect signature');
        }
        break;
      case 'core-type':
      case 'gc':
        break;
    }
  }
  if (o.realloc !== null && o.memory === null) ctx.report('canonical option `realloc` requires `memory`');
  if (o.callback !== null && !o.async) ctx.report('cannot specify callback without async');
  if (o.async && o.postReturn !== null) ctx.report('cannot specify post-return function in async');
  return o;
}

function requireMemory(ctx: Ctx, o: Opts, why: string): void {
  if (o.memory === null) ctx.report(`canonical option \`memory\` is required (${why})`);
}

function requireRealloc(ctx: Ctx, o: Opts, why: string): void {
  if (o.realloc === null) ctx.report(`canonical option \`realloc\` is required (${why})`);
}

function funcTypeAt(ctx: Ctx, scope: Scope, idx: number): RFunc | null {
  const ty = scope.types[idx];
  if (ty === undefined) {
    ctx.report(`type index ${idx} out of bounds (${scope.types.length} types defined)`);
    return null;
  }
  if (ty.tag === 'func') return ty.f;
  if (ty.tag !== 'unknown') ctx.report(`type index ${idx} is not a function type`);
  return null;
}

function typeOfKind(
  ctx: Ctx,
  scope: Scope,
  idx: number | undefined,
  kind: 'stream' | 'future' | 'resource',
): RVal | null {
  if (idx === undefined || !ctx.inRange(scope, 'type', idx)) return null;
  const ty = scope.types[idx];
  if (ty.tag === 'unknown') return null;
  if (kind === 'resource') {
    if (ty.tag !== 'resource') ctx.report(`type index ${idx} is not a resource type`);
    return null;
  }
  if (ty.tag !== 'val' || typeof ty.v === 'string' || ty.v.k !== kind) {
    ctx.report(`type index ${idx} is not a ${kind} type`);
    return null;
  }
  return ty.v;
}

const UNKNOWN_SIG = null;

/** Validate one canon definition; pushes its result into the func / core func space. */
export function checkCanon(ctx: Ctx, scope: Scope, c: Canon): void {
  switch (c.kind) {
    case 'lift': {
      const core =
        c.coreFunc !== undefined && ctx.inRange(scope, 'core-func', c.coreFunc, 'core function')
          ? scope.coreFuncs[c.coreFunc]
          : null;
      const ft = funcTypeAt(ctx, scope, c.type ?? 0);
      const o = checkOpts(ctx, scope, c.options ?? [], 'lift');
      if (ft) {
        if (o.async && !ft.async) ctx.report('cannot use `async` canonical option with a non-async function type');
        const params = ft.params.map((p) => p.t);
        if (params.some((p) => containsListOrString(p))) requireRealloc(ctx, o, 'parameters contain a list or string');
        if (containsListOrString(ft.result)) requireMemory(ctx, o, 'result contains a list or string');
        if (flatCount(params) > MAX_FLAT_PARAMS) requireRealloc(ctx, o, 'too many flat parameters');
        const maxResults = o.async ? MAX_FLAT_PARAMS : MAX_FLAT_RESULTS;
        if (ft.result !== null && flatCount([ft.result]) > maxResults) requireMemory(ctx, o, 'too many flat results');
        const sig = flattenFuncType(ft, o.async, o.callback !== null, 'lift');
        if (core && sig && !sigEq(core, sig))
          ctx.report('lowered function type does not match the core function type of `canon lift`');
        if (o.postReturn !== null && sig) {
          const pr = scope.coreFuncs[o.postReturn];
          if (pr && !sigEq(pr, { params: sig.results, results: [] }))
            ctx.report('post-return function has an incorrect signature');
        }
      }
      scope.funcs.push(ft);
      return;
    }
    case 'lower': {
      const ft = c.func !== undefined && ctx.inRange(scope, 'func', c.func, 'function') ? scope.funcs[c.func] : null;
      const o = checkOpts(ctx, scope, c.options ?? [], 'lower');
      let sig: RCoreFunc | null = UNKNOWN_SIG;
      if (ft) {
        if (o.async && !ft.async) ctx.report('cannot use `async` canonical option with a non-async function type');
        const params = ft.params.map((p) => p.t);
        if (params.some((p) => containsListOrString(p))) requireMemory(ctx, o, 'parameters contain a list or string');
        if (containsListOrString(ft.result)) requireRealloc(ctx, o, 'result contains a list or string');
        const maxParams = o.async ? 4 : MAX_FLAT_PARAMS;
        if (flatCount(params) > maxParams) requireMemory(ctx, o, 'too many flat parameters');
        const maxResults = o.async ? 0 : MAX_FLAT_RESULTS;
        if (ft.result !== null && flatCount([ft.result]) > maxResults) requireMemory(ctx, o, 'too many flat results');
        sig = flattenFuncType(ft, o.async, false, 'lower');
      } else if (o.async) requireMemory(ctx, o, 'async lower');
      scope.coreFuncs.push(sig);
      return;
    }
    case 'resource.new':
    case 'resource.rep': {
      if (c.type !== undefined && ctx.inRange(scope, 'type', c.type)) {
        const ty = scope.types[c.type];
        if (ty.tag === 'resource') {
          if (!rootOf(ty.r).local || rootOf(ty.r).scope !== scope)
            ctx.report(`type index ${c.type} is not a resource type defined in this component`);
        } else if (ty.tag !== 'unknown') ctx.report(`type index ${c.type} is not a resource type`);
      }
      scope.coreFuncs.push({ params: [I32], results: [I32] });
      return;
    }
    case 'resource.drop':
    case 'resource.drop-async':
      typeOfKind(ctx, scope, c.type, 'resource');
      scope.coreFuncs.push({ params: [I32], results: [] });
      return;
    case 'task.return': {
      const o = checkOpts(ctx, scope, c.options ?? [], 'builtin');
      if (o.async) ctx.report('cannot specify `async` on `task.return`');
      if (c.result !== undefined && c.result !== null) {
        const t = resolveVal(ctx, scope, c.result);
        if (containsListOrString(t)) requireMemory(ctx, o, 'result contains a list or string');
      }
      scope.coreFuncs.push(UNKNOWN_SIG);
      return;
    }
    case 'context.get':
    case 'context.set':
      if (c.valType !== 0x7f) ctx.report('context slots must be of type i32');
      if ((c.index ?? 0) > 1) ctx.report(`invalid context index ${c.index}`);
      scope.coreFuncs.push(c.kind === 'context.get' ? { params: [], results: [I32] } : { params: [I32], results: [] });
      return;
    case 'stream.new':
    case 'stream.read':
    case 'stream.write':
    case 'stream.cancel-read':
    case 'stream.cancel-write':
    case 'stream.drop-readable':
    case 'stream.drop-writable':
    case 'future.new':
    case 'future.read':
    case 'future.write':
    case 'future.cancel-read':
    case 'future.cancel-write':
    case 'future.drop-readable':
    case 'future.drop-writable': {
      const kind = c.kind.startsWith('stream') ? 'stream' : 'future';
      const t = typeOfKind(ctx, scope, c.type, kind);
      if (c.options) {
        const o = checkOpts(ctx, scope, c.options, 'builtin');
        const e = t && typeof t !== 'string' && (t.k === 'stream' || t.k === 'future') ? t.e : null;
        if (e !== null) requireMemory(ctx, o, `${c.kind} needs a memory`);
        if (c.kind.endsWith('.read') && containsListOrString(e))
          requireRealloc(ctx, o, 'element type contains a list or string');
      }
      scope.coreFuncs.push(UNKNOWN_SIG);
      return;
    }
    case 'error-context.new':
    case 'error-context.debug-message': {
      const o = checkOpts(ctx, scope, c.options ?? [], 'builtin');
      requireMemory(ctx, o, `${c.kind} needs a memory`);
      if (c.kind === 'error-context.debug-message') requireRealloc(ctx, o, 'the message is a string');
      scope.coreFuncs.push(UNKNOWN_SIG);
      return;
    }
    case 'waitable-set.wait':
    case 'waitable-set.poll':
      if (c.memory !== undefined) ctx.inRange(scope, 'core-memory', c.memory, 'memory');
      scope.coreFuncs.push({ params: [I32, I32], results: [I32] });
      return;
    case 'thread.new-indirect':
    case 'thread.spawn-ref':
    case 'thread.spawn-indirect':
      if (
        c.coreType !== undefined &&
        ctx.inRange(scope, 'core-type', c.coreType, 'core type') &&
        scope.coreTypes[c.coreType].tag !== 'func'
      )
        ctx.report(`core type index ${c.coreType} is not a function type`);
      if (c.table !== undefined) ctx.inRange(scope, 'core-table', c.table, 'table');
      scope.coreFuncs.push(UNKNOWN_SIG);
      return;
    default:
      scope.coreFuncs.push(UNKNOWN_SIG);
      return;
  }
}
