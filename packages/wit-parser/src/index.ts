// @wit-ts/wit-parser — the WIT front end: lexer, lossless CST, parser, AST,
// resolver, wasm-tools JSON, canonical printer and formatter.

/** The AST (parser → resolver contract), as a namespace: `ast.Interface`, `ast.Type`, … */
export type * as ast from './ast.js';
export type { Span } from './ast.js';
export { WitError, type Diagnostic, type Severity } from './diagnostic.js';
export { SourceMap, parseWit, type Location, type ParsedSourceFile } from './source-map.js';
export {
  printCst,
  tokens,
  significantTokens,
  leadingTrivia,
  childNodes,
  walkCst,
  nodeRange,
  type CstNode,
  type CstNodeKind,
  type CstToken,
  type CstChild,
  type CstFile,
} from './cst.js';

export type * from './resolve/types.js';
export { worldKeyString, packageNameString } from './resolve/types.js';
export {
  resolvePath,
  resolveSource,
  tryResolvePath,
  tryResolveSource,
  toWasmToolsJson,
  type ResolveOptions,
  type DecodeWasmPackage,
  type DecodedWasmPackage,
  type ResolveResult,
} from './resolve/index.js';
export { checkPath, checkSource, type CheckResult, type CheckSummary } from './check.js';

export {
  printResolve,
  printPackage,
  printAllPackages,
  packageDependencies,
  WitPrinter,
  WitPrintError,
  escapeName,
  isKeyword,
  type PrinterOptions,
  type PrintResolveOptions,
  type PrintedPackage,
} from './print/index.js';
export { formatWit, formatCst, type FormatResult } from './format/index.js';
// Shared with the WAC lexer (@wit-ts/compose), whose language extends WIT's.
export { KEYWORDS as WIT_KEYWORDS, matchBlockComment } from './lexer.js';
