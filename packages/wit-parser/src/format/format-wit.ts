// `wit-ts fmt`: formats one WIT file from its lossless CST.
//
// Broken input is never formatted: with a syntax error the caller gets the
// diagnostics (and a renderer bound to the file's SourceMap) but no text, so a
// half-understood file can never be rewritten.

import type { CstNode } from '../cst.js';
import type { Diagnostic } from '../diagnostic.js';
import { parseWit } from '../source-map.js';
import { layoutCst } from './layout.js';

export interface FormatResult {
  /** The formatted text; absent when the input has syntax errors. */
  text?: string;
  diagnostics: Diagnostic[];
  /** Renders one of `diagnostics` (code frame, wasm-tools style). */
  render: (d: Diagnostic, o?: { color?: boolean }) => string;
}

/** Parses and formats a WIT text. `path` only appears in diagnostics. */
export function formatWit(text: string, path = 'input.wit'): FormatResult {
  const { cst, diagnostics, sourceMap } = parseWit(text, path);
  const render = (d: Diagnostic, o?: { color?: boolean }): string => sourceMap.render(d, o);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, render };
  return { text: formatCst(cst), diagnostics, render };
}

/**
 * Formats a CST (e.g. one a language server already holds). The tree must come
 * from an error-free parse: error nodes would be printed as if they were valid.
 */
export function formatCst(cst: CstNode): string {
  return layoutCst(cst);
}
