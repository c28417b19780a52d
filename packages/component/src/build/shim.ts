/**
 * The small core modules `new` generates around the main module:
 *  - the shim: one `call_indirect` trampoline per slot through its exported
 *    table `$imports`, so the main module (and adapters) can be instantiated
 *    before the functions they import exist;
 *  - the fixup: fills the shim's table with the actual functions (and runs
 *    `_initialize` as its start function);
 *  - a page-granular realloc over the main memory for adapters when the
 *    module exports none.
 */
import { ModuleBuilder, sleb, uleb, type Sig } from './wasm.js';

/** Core module names wit-component gives these modules in `component-name`. */
export const SHIM_MODULE = 'wit-component-shim-module';
export const SHIM_INSTANCE = 'wit-component-shim-instance';
export const FIXUP_MODULE = 'wit-component-fixup';
export const FIXUP_ARGS_INSTANCE = 'actual';
export const FIXUP_INSTANCE = 'fixup';

/** Exports `0`…`n-1` (one trampoline per signature) and the table `$imports`. */
export function shimModule(sigs: Sig[]): Uint8Array {
  const shim = new ModuleBuilder();
  shim.table = sigs.length;
  sigs.forEach((sig, i) => {
    const body: number[] = [];
    sig.params.forEach((_, p) => body.push(0x20, ...uleb(p)));
    body.push(0x41, ...sleb(i), 0x11, ...uleb(shim.typeIndex(sig)), 0x00);
    shim.export(String(i), 0, shim.func({ type: sig, body }));
  });
  shim.export('$imports', 1, 0);
  return shim.finish();
}

/**
 * Imports `fixup::0`…`n-1` (the actual functions), `fixup::init` (when
 * `init`) and `fixup::$imports` (the shim's table, when there are slots);
 * its element segment fills the table and `init` is its start function.
 */
export function fixupModule(sigs: Sig[], init: boolean): Uint8Array {
  const fix = new ModuleBuilder();
  sigs.forEach((sig, i) => fix.importFunc('fixup', String(i), sig));
  const start = init ? fix.importFunc('fixup', 'init', { params: [], results: [] }) : null;
  if (sigs.length > 0) {
    fix.importTable('fixup', '$imports', sigs.length);
    fix.elem = { offset: 0, funcs: sigs.map((_, i) => i) };
  }
  fix.start = start;
  return fix.finish();
}

/** Imports `env::memory` and exports `realloc` that only makes fresh allocations of whole pages. */
export function growReallocModule(): Uint8Array {
  const h = new ModuleBuilder();
  h.importMemory('env', 'memory');
  // (old_ptr, old_len, align, new_len): only fresh allocations; returns the start of new pages.
  const body = [
    0x41,
    0,
    0x20,
    0,
    0x47,
    0x04,
    0x40,
    0x00,
    0x0b,
    0x20,
    3,
    0x41,
    ...sleb(0xffff),
    0x6a,
    0x41,
    16,
    0x76,
    0x40,
    0x00,
    0x22,
    4,
    0x41,
    0x7f,
    0x46,
    0x04,
    0x40,
    0x00,
    0x0b,
    0x20,
    4,
    0x41,
    16,
    0x74,
  ];
  h.export(
    'realloc',
    0,
    h.func({ type: { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }, body, locals: ['i32'] }),
  );
  return h.finish();
}
