// Parsing one WIT file: lexing (lexer.ts), then the chevrotain grammar
// producing the AST (ast.ts) and, on request, the lossless CST (cst.ts).
//
// The grammar is a chevrotain `EmbeddedActionsParser` declared with
// `RULE`/`CONSUME`/`SUBRULE`/`OR`/`OPTION`/`MANY`, analysed once per process
// and reused for every file. It follows wasm-tools 1.257 `ast.rs` decision
// by decision, so that the first error is the one wasm-tools reports (same
// words, same span):
//  * wasm-tools' one-token peeks are chevrotain's LL(1) choices
//    (`maxLookahead: 1`); where it looks further (package header or nested
//    package, `import name: …`, an attribute's name, a version's tail) a
//    `GATE` does the same peeks;
//  * its `expect` is a `CONSUME`, its `err_expected` an `OR` with an
//    `ERR_MSG`, worded by a custom `errorMessageProvider` (parser-errors.ts);
//    `else` arms that do more (an `expect`, a node opened first) are
//    `otherwise` alternatives;
//  * its hand-written loops (`loop { … if eat('}') break … }`) are `loop`s,
//    repetitions decided by their `GATE` alone;
//  * recovery is ours: item loops catch a failed item, report it and skip
//    to the next item boundary (`GrammarBase.recovered`), so every syntax
//    error of a file is reported.
// Files: parser-items.ts (files, packages, interfaces, worlds),
// parser-types.ts (type definitions and expressions), parser-common.ts
// (ids, lists, versions, attributes, functions), parser-grammar-base.ts
// (parser set-up, lookahead, CST helpers, recovery), parser-errors.ts,
// parser-tokens.ts, and parser-base.ts (the per-file `ParseState`: tokens,
// CST events, byte offsets, diagnostics).

import type * as A from './ast.js';
import type { CstNode } from './cst.js';
import type { Diagnostic } from './diagnostic.js';
import { lex, lexSplit } from './lexer.js';
import { ParseState, utf16ToByteMap } from './parser-base.js';
import { WitGrammar } from './parser-items.js';

export interface ParsedFile {
  ast: A.PackageFile;
  /** Built lazily on first access. */
  readonly cst: CstNode;
  diagnostics: Diagnostic[];
}

/** Built on first use: chevrotain analyses the grammar once per process. */
let grammar: WitGrammar | undefined;

/**
 * Lexes and parses one file whose text starts at global offset `base`.
 * Never throws on bad input: problems come back as diagnostics, sorted by
 * position (the first one is what wasm-tools would report).
 *
 * The CST is built lazily by re-parsing on first access: keeping the token
 * stream alive for every file just in case costs the (far more common)
 * AST-only callers a lot of garbage-collection time.
 */
export function parseFile(text: string, base: number, byteMap?: Uint32Array | null): ParsedFile {
  // `null`: the caller knows the text is ASCII; `undefined`: find out.
  byteMap = byteMap === null ? undefined : (byteMap ?? utf16ToByteMap(text));
  const { ast, diagnostics } = run(text, base, byteMap, false);
  let cst: CstNode | undefined;
  return {
    ast,
    diagnostics,
    get cst(): CstNode {
      return (cst ??= run(text, base, byteMap, true).state.buildCst());
    },
  };
}

function run(
  text: string,
  base: number,
  byteMap: Uint32Array | undefined,
  recordCst: boolean,
): { ast: A.PackageFile; diagnostics: Diagnostic[]; state: ParseState } {
  // Whitespace tokens only matter to the CST; without one, the significant
  // tokens come apart from the rest already.
  const state = new ParseState(text, recordCst ? lex(text).all : lexSplit(text), base, byteMap, recordCst);
  const ast = (grammar ??= new WitGrammar()).parse(state);
  // Lexer errors come first in `state.diagnostics`; a stable sort by
  // position interleaves them with syntax errors the way wasm-tools, which
  // lexes on demand, meets them.
  const diagnostics = state.diagnostics.slice().sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  return { ast, diagnostics, state };
}
