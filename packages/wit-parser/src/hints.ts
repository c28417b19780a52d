// Help lines for seed-era WIT syntax (pre-1.0 drafts), attached as
// `Diagnostic.help` (shown with `render(d, { help: true })`) so that default
// renderings stay identical to wasm-tools'.
//
// The parser attaches the syntax-level ones itself. The resolver can use
// `typeNameHelp` when a type name does not exist (`unit`, `float32`, …).

export const HELP_DEFAULT_WORLD =
  'help: `default world` is no longer supported; write `world name { … }` and pick the world by name';
export const HELP_UNION = 'help: `union` types were removed; use a `variant` with one case per type';
export const HELP_EXPECTED = 'help: `expected<T, E>` was renamed to `result<T, E>`';
export const HELP_NAMED_RESULTS =
  'help: named or multiple results `-> (a: T, b: U)` were removed; return a single type such as a tuple or a record';

const TYPE_NAMES: Record<string, string> = {
  float32: 'help: `float32` was renamed to `f32`',
  float64: 'help: `float64` was renamed to `f64`',
  unit: 'help: `unit` was removed; leave out the type (e.g. `func()` or `result<_, E>`) or use `tuple<>`',
  expected: HELP_EXPECTED,
  union: HELP_UNION,
};

/** A help line for an unknown type name that was valid in seed-era WIT. */
export function typeNameHelp(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(TYPE_NAMES, name) ? TYPE_NAMES[name] : undefined;
}
