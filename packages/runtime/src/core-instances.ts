// Core modules and core instances. Modules are compiled by the engine
// (`WebAssembly.compile`, never synchronously: browsers cap sync compiles)
// and cached both per decoded section and per byte range of the input, so
// instantiating the same component bytes again reuses the compiled code.
import type { Component, ComponentModuleSection, CoreInstance } from '@wit-ts/component';
import { LinkError } from './errors.js';
import type { CoreExports, Scope, Store } from './index-spaces.js';

const bySection = new WeakMap<ComponentModuleSection, Promise<WebAssembly.Module>>();
const byBuffer = new WeakMap<ArrayBufferLike, Map<string, Promise<WebAssembly.Module>>>();

export function compileModule(sec: ComponentModuleSection): Promise<WebAssembly.Module> {
  let p = bySection.get(sec);
  if (p !== undefined) return p;
  const b = sec.bytes;
  let perBuffer = byBuffer.get(b.buffer);
  if (perBuffer === undefined) {
    perBuffer = new Map();
    byBuffer.set(b.buffer, perBuffer);
  }
  const key = `${b.byteOffset}:${b.byteLength}`;
  p = perBuffer.get(key);
  if (p === undefined) {
    p = WebAssembly.compile(b);
    // Marked handled here: a failure is reported when the walk awaits it.
    p.catch(() => undefined);
    perBuffer.set(key, p);
  }
  bySection.set(sec, p);
  return p;
}

/** Starts compiling every core module of `c` (nested components included) in parallel. */
export function precompile(c: Component): void {
  for (const s of c.sections) {
    if (s.kind === 'core-module') compileModule(s);
    else if (s.kind === 'component') precompile(s.component);
  }
}

/** Creates one core instance definition in `scope`. */
export async function defineCoreInstance(scope: Scope, item: CoreInstance, store: Store): Promise<CoreExports> {
  if (item.kind === 'exports') {
    const bag: CoreExports = Object.create(null) as CoreExports;
    for (const e of item.exports) bag[e.name] = scope.get(coreSort(e.sort), e.index);
    return bag;
  }
  const module = scope.get<WebAssembly.Module>('core-module', item.module);
  const imports: Record<string, CoreExports> = Object.create(null) as Record<string, CoreExports>;
  for (const a of item.args) {
    if (a.sort !== 'instance') throw new LinkError(`core instantiate argument '${a.name}' must be a core instance`);
    imports[a.name] = scope.get<CoreExports>('core-instance', a.index);
  }
  const hook = store.instantiateCore;
  const instance = await (hook !== undefined ? hook(module, imports) : WebAssembly.instantiate(module, imports));
  return instance.exports;
}

function coreSort(sort: string): 'core-func' {
  return (sort === 'module' ? 'core-module' : sort === 'instance' ? 'core-instance' : `core-${sort}`) as 'core-func';
}
