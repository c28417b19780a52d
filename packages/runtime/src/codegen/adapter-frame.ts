// The frame every generated component → component adapter shares (see
// adapter.ts for scalar signatures, cross-call.ts for memory-held values):
// the caller's may_leave, poisoning, re-entrance into the callee's
// instances, the callee's context reset, hiding an async task of the callee
// from `task.return` (a sync call is not that task), the post-return call,
// and poisoning on a trap. Only the value passing differs between the two.

export interface AdapterFrame {
  /** Extra factory parameters after `core, callee, caller, entering, store, postReturn`. */
  extraFactoryParams?: string[];
  /** The adapter's own parameters (the caller's core values). */
  params: string[];
  /** Locals declared up front (`let …`). */
  locals?: string[];
  /** Argument validation, run before the callee is entered or anything is allocated. */
  checks?: string[];
  /** Statements before the call (copies into the callee's memory). */
  before?: string[];
  /** The callee's core arguments. */
  coreArgs: string[];
  /** Statements after the call (`r` holds the core result). */
  after?: string[];
  /** Expression of the value returned to the caller. */
  value: string;
  /** Whether the callee has a post-return function, and whether it takes `r`. */
  postReturn: boolean;
  postReturnTakesResult: boolean;
}

/** Source of `function (core, callee, …) { return function adapter(…) {…} }`, to be returned by a compiled body. */
export function adapterFrame(o: AdapterFrame): string {
  const factory = ['core', 'callee', 'caller', 'entering', 'store', 'postReturn', ...(o.extraFactoryParams ?? [])];
  const post = o.postReturn
    ? `callee.mayLeave = false; try { postReturn(${o.postReturnTakesResult ? 'r' : ''}); } finally { callee.mayLeave = true; }`
    : '';
  const lines = (xs: string[] | undefined, indent: string) => (xs ?? []).join(`\n${indent}`);
  return `return function (${factory.join(', ')}) {
  const n = entering.length;
  return function (${o.params.join(', ')}) {
    if (!caller.mayLeave) rt.mayLeave();
    ${o.locals !== undefined && o.locals.length > 0 ? `let ${o.locals.join(', ')};` : ''}
    ${lines(o.checks, '    ')}
    if (store.poisoned) rt.poisoned();
    for (let i = 0; i < n; i++) if (!entering[i].mayEnter) rt.reenter();
    for (let i = 0; i < n; i++) entering[i].mayEnter = false;
    const ctx = callee.context;
    if (ctx !== undefined) ctx[0] = ctx[1] = 0;
    const tk = callee.task;
    callee.task = undefined;
    try {
      ${lines(o.before, '      ')}
      const r = core(${o.coreArgs.join(', ')});
      ${lines(o.after, '      ')}
      const v = ${o.value};
      ${post}
      return v;
    } catch (e) {
      store.poisoned = true;
      throw e;
    } finally {
      callee.task = tk;
      for (let i = 0; i < n; i++) entering[i].mayEnter = true;
    }
  };
};`;
}
