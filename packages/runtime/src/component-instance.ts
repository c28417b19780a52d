// Instantiating one component: walks its sections in order, filling the
// index spaces (Explainer "Instance definitions", "Alias definitions",
// "Canonical definitions", imports/exports). Core instances are created
// in definition order, which is the start-up order the spec prescribes;
// nested components are instantiated recursively with their `with`
// arguments as imports.
import {
  ComponentInstance,
  LiftLowerContext,
  ResourceType,
  resourceDrop,
  resourceNew,
  resourceRep,
  Trap,
  type CanonicalOptions,
} from '@wit-ts/abi';
import type { Alias, Canon, Component, Export, ExternType, Import, Instance, Sort } from '@wit-ts/component';
import type { AsyncTask } from './async-task.js';
import { lowerFunc } from './canon-lower.js';
import { lowerAsyncAware } from './canon-lower-async.js';
import { defineTaskReturn } from './canon-task-return.js';
import { compileModule, defineCoreInstance } from './core-instances.js';
import { LinkError } from './errors.js';
import {
  Scope,
  itemOf,
  type LiftedFunc,
  type RtComponent,
  type RtFunc,
  type RtInstance,
  type RtItem,
  type RuntimeInstance,
  type Store,
} from './index-spaces.js';
import { registerGuestResource } from './resources.js';
import { funcType, resourceOf } from './types-from-model.js';

/** Supplies the items a component imports. */
export type ImportResolver = (imp: Import, scope: Scope) => RtItem;

class RtComponentInstance extends ComponentInstance implements RuntimeInstance {
  readonly chain: readonly ComponentInstance[];
  context: number[] | undefined = undefined;
  /** `backpressure.{set,inc,dec}` state; async-typed calls consult it (async-task.ts). */
  backpressure = 0;
  task: AsyncTask | undefined = undefined;
  exclusive: AsyncTask | undefined = undefined;
  constructor(
    parent: RtComponentInstance | undefined,
    readonly store: Store,
  ) {
    super(parent);
    this.chain = parent === undefined ? [this] : [this, ...parent.chain];
  }
}

export async function instantiateComponent(
  c: Component,
  outer: Scope | undefined,
  resolve: ImportResolver,
  parent: RtComponentInstance | undefined,
  store: Store,
): Promise<RtInstance> {
  const scope = new Scope(outer);
  const inst = new RtComponentInstance(parent, store);
  const exports = new Map<string, RtItem>();
  for (const sec of c.sections) {
    switch (sec.kind) {
      case 'custom':
        break;
      case 'core-module':
        scope.coreModules.push(await compileModule(sec));
        break;
      case 'core-instance':
        for (const item of sec.items) scope.coreInstances.push(await defineCoreInstance(scope, item, store));
        break;
      case 'core-type':
        for (const item of sec.items) scope.coreTypes.push(item);
        break;
      case 'component':
        scope.components.push({ kind: 'component', component: sec.component, outer: scope });
        break;
      case 'instance':
        for (const item of sec.items) scope.instances.push(await defineInstance(scope, item, inst, store));
        break;
      case 'alias':
        for (const a of sec.items) defineAlias(scope, a);
        break;
      case 'type':
        for (const item of sec.items) {
          if (item.type.kind === 'resource') {
            const dtor =
              item.type.dtor === null ? undefined : scope.get<(rep: number) => void>('core-func', item.type.dtor);
            const rt = new ResourceType(`resource#${scope.types.length}`, inst, dtor);
            registerGuestResource(rt, store);
            scope.types.push({ kind: 'resource', rt });
          } else {
            scope.types.push({ kind: 'def', def: item.type, scope });
          }
        }
        break;
      case 'canon':
        for (const item of sec.items) defineCanon(scope, item, inst);
        break;
      case 'start':
        throw new LinkError('component start functions (value imports/exports) are not supported');
      case 'import':
        for (const imp of sec.items) {
          const it = resolve(imp, scope);
          const want = externSort(imp.type);
          if (it.sort !== want) throw new LinkError(`import '${imp.name.name}': expected a ${want}, got a ${it.sort}`);
          scope.space(want).push(it.value);
        }
        break;
      case 'export':
        for (const e of sec.items) defineExport(scope, e, exports);
        break;
      case 'value':
        throw new LinkError('component value definitions are not supported');
    }
  }
  return { kind: 'instance', exports };
}

export function externSort(t: ExternType): Sort {
  return t.kind === 'module' ? 'core-module' : t.kind;
}

async function defineInstance(
  scope: Scope,
  item: Instance,
  inst: RtComponentInstance,
  store: Store,
): Promise<RtInstance> {
  if (item.kind === 'exports') {
    const exports = new Map<string, RtItem>();
    for (const e of item.exports) exports.set(e.name.name, itemOf(e.sort, scope.get(e.sort, e.index)));
    return { kind: 'instance', exports };
  }
  const comp = scope.get<RtComponent>('component', item.component);
  const args = new Map<string, RtItem>();
  for (const a of item.args) args.set(a.name, itemOf(a.sort, scope.get(a.sort, a.index)));
  const resolve: ImportResolver = (imp) => {
    const it = args.get(imp.name.name);
    if (it === undefined) throw new LinkError(`nested component instantiation is missing argument '${imp.name.name}'`);
    return it;
  };
  return instantiateComponent(comp.component, comp.outer, resolve, inst, store);
}

function defineAlias(scope: Scope, a: Alias): void {
  const t = a.target;
  const dest = scope.space(a.sort);
  switch (t.kind) {
    case 'export': {
      const i = scope.get<RtInstance>('instance', t.instance);
      const it = i.exports.get(t.name);
      if (it === undefined) throw new LinkError(`alias: instance ${t.instance} has no export '${t.name}'`);
      if (it.sort !== a.sort) throw new LinkError(`alias: export '${t.name}' is a ${it.sort}, not a ${a.sort}`);
      dest.push(it.value);
      return;
    }
    case 'core-export': {
      const exportsBag = scope.get<Record<string, unknown>>('core-instance', t.instance);
      const v = exportsBag[t.name];
      if (v === undefined) throw new LinkError(`alias: core instance ${t.instance} has no export '${t.name}'`);
      dest.push(v);
      return;
    }
    case 'outer':
      dest.push(scope.outer(t.count).get(a.sort, t.index));
      return;
  }
}

function defineExport(scope: Scope, e: Export, exports: Map<string, RtItem>): void {
  const v = scope.get(e.sort, e.index);
  // An export also defines a new index (Explainer: exports are definitions).
  scope.space(e.sort).push(v);
  exports.set(e.name.name, itemOf(e.sort, v));
}

type CoreFn = (...a: unknown[]) => unknown;

/** Canon options: the abi's lift/lower options plus those the engine applies around the call. */
interface EngineOptions extends CanonicalOptions {
  postReturnFn?: CoreFn;
  /** 🔀 `async`: the async ABI (lift: task.return; lower: packed status). */
  async?: boolean;
  /** 🔀 `callback` (async lift only): the stackless event loop's callback. */
  callback?: (event: number, p1: number, p2: number) => unknown;
}

function canonOptions(scope: Scope, c: Canon): EngineOptions {
  const o: EngineOptions = {};
  for (const opt of c.options ?? []) {
    switch (opt.kind) {
      case 'utf8':
      case 'utf16':
      case 'latin1+utf16':
        o.stringEncoding = opt.kind;
        break;
      case 'memory':
        o.memory = scope.get<WebAssembly.Memory>('core-memory', opt.index);
        break;
      case 'realloc': {
        const f = scope.get<(a: number, b: number, c: number, d: number) => number>('core-func', opt.index);
        o.realloc = f;
        break;
      }
      case 'post-return':
        o.postReturnFn = scope.get<CoreFn>('core-func', opt.index);
        break;
      case 'async':
        o.async = true;
        break;
      case 'callback':
        o.callback = scope.get<(event: number, p1: number, p2: number) => unknown>('core-func', opt.index);
        break;
      default:
        throw new LinkError(`canon option '${opt.kind}' is not supported`);
    }
  }
  return o;
}

function defineCanon(scope: Scope, c: Canon, inst: RtComponentInstance): void {
  switch (c.kind) {
    case 'lift': {
      const { postReturnFn, async, callback, ...opts } = canonOptions(scope, c);
      const f: LiftedFunc = {
        kind: 'lifted',
        sig: funcType(scope, c.type!),
        inst,
        // One context per lifted function: only its borrow scope changes per call.
        cx: new LiftLowerContext(opts, inst),
        core: scope.get<CoreFn>('core-func', c.coreFunc!),
        postReturn: postReturnFn,
        async: async === true,
        callback,
      };
      scope.funcs.push(f);
      return;
    }
    case 'lower': {
      const { postReturnFn, async, callback, ...opts } = canonOptions(scope, c);
      void postReturnFn;
      void callback;
      const f = scope.get<RtFunc>('func', c.func!);
      const cx = new LiftLowerContext(opts, inst);
      // The async ABI, and sync calls of async-typed functions, go through
      // the task protocol; everything else keeps the synchronous paths.
      const lowered =
        async === true || f.sig.async ? lowerAsyncAware(f, cx, inst, async === true) : lowerFunc(f, cx, inst);
      scope.coreFuncs.push(lowered);
      return;
    }
    case 'task.return':
      scope.coreFuncs.push(defineTaskReturn(scope, c, inst));
      return;
    case 'resource.new': {
      const rt = resourceOf(scope, c.type!);
      scope.coreFuncs.push((rep: number) => resourceNew(inst, rt, rep));
      return;
    }
    case 'resource.drop': {
      const rt = resourceOf(scope, c.type!);
      scope.coreFuncs.push((i: number) => resourceDrop(inst, rt, i >>> 0));
      return;
    }
    case 'resource.rep': {
      const rt = resourceOf(scope, c.type!);
      scope.coreFuncs.push((i: number) => resourceRep(inst, rt, i >>> 0));
      return;
    }
    case 'context.get': {
      // Task-local storage: reset when a lifted call enters this instance,
      // still readable from post-return (which belongs to the same task).
      const i = c.index ?? 0;
      inst.context ??= [0, 0];
      const ctx = inst.context;
      scope.coreFuncs.push(() => ctx[i]);
      return;
    }
    case 'context.set': {
      const i = c.index ?? 0;
      inst.context ??= [0, 0];
      const ctx = inst.context;
      scope.coreFuncs.push((v: number) => void (ctx[i] = v));
      return;
    }
    case 'backpressure.set':
      scope.coreFuncs.push((v: number) => void (inst.backpressure = v === 0 ? 0 : 1));
      return;
    case 'backpressure.inc':
      scope.coreFuncs.push(() => void inst.backpressure++);
      return;
    case 'backpressure.dec':
      scope.coreFuncs.push(() => {
        if (inst.backpressure === 0) throw new Trap('backpressure.dec: counter underflow');
        inst.backpressure--;
      });
      return;
    default: {
      // The other async/thread built-ins (streams, futures, waitable sets,
      // subtasks, threads, …) need tasks that suspend. Instantiation still
      // succeeds (a component may never call them); a call traps, after the
      // may_leave check so that calling one during post-return/realloc
      // reports that violation as the spec requires.
      const kind = c.kind;
      scope.coreFuncs.push(() => {
        inst.checkMayLeave();
        throw new Trap(`canon ${kind}: not implemented yet (async/threads built-ins that suspend)`);
      });
    }
  }
}
