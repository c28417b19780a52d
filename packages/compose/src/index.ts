// @wit-ts/compose — compose components: the WAC language and `plug`.
export type * as wac from './ast.js';
export { parseWac } from './parser.js';
export { ComposeError, type ComposeDiagnostic } from './errors.js';
export { compose, resolveComposition, type ComposeOptions } from './compose.js';
export type { DependencySource } from './packages.js';
export type { Composition } from './graph.js';
export { plug } from './plug.js';
export type { EncodeOptions } from './encode.js';
export {
  CompositionGraph,
  GraphError,
  type GraphErrorKind,
  type GraphEncodeOptions,
  type NodeId,
  type PackageId,
} from './composition-graph.js';
