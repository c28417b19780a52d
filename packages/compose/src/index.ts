// @wit-ts/compose — compose components: the WAC language and `plug`.
export type * as wac from './ast.js';
export { parseWac } from './parser.js';
export { ComposeError, type ComposeDiagnostic } from './errors.js';
