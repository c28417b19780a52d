// Syntax errors of the chevrotain grammar, worded and placed like
// wasm-tools' (`ast.rs`): chevrotain's own messages and exceptions never
// reach a diagnostic.
//
// wasm-tools has two ways of failing on a token, and the grammar maps each
// onto one chevrotain failure:
//  * `expect(token)`: "expected X, found Y" pointing at the start of the
//    found token. That is a failed `CONSUME`, a `MismatchedTokenException`,
//    whose message `WIT_ERROR_MESSAGES.buildMismatchTokenMessage` words.
//  * `err_expected("…")` after a one-token peek (`match` arms, `parse_id`,
//    `Type::parse`): the same words spanning the whole found token. That is
//    an `OR` none of whose alternatives fits, a `NoViableAltException`,
//    worded from the `OR`'s `ERR_MSG` (wasm-tools' description of what it
//    wanted).
// Everything else (semantic checks such as `unknown attribute`, nesting
// limits, semver) is a `SyntaxFail` thrown from an `ACTION`, and the
// `otherwise` alternatives throw the `err_expected` (or `expect`) of
// wasm-tools' `_ => …` arms (see parser-grammar-base.ts).

import {
  EOF,
  isRecognitionException,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IToken,
} from 'chevrotain';
import type { Diagnostic } from './diagnostic.js';
import { describeKind } from './lexer.js';
import type { ParseState } from './parser-base.js';

/** How wasm-tools names the token it found: `eof` past the end. */
export function foundDescription(t: IToken): string {
  return t.tokenType === EOF ? 'eof' : describeKind(t.tokenType.name);
}

/** wasm-tools' wording for the errors chevrotain raises. */
export const WIT_ERROR_MESSAGES: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    `expected ${describeKind(expected.name)}, found ${foundDescription(actual)}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, customUserDescription }) =>
    `expected ${customUserDescription ?? firstTokens(expectedPathsPerAlt.flat())}, found ${foundDescription(actual[0])}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, customUserDescription }) =>
    `expected ${customUserDescription ?? firstTokens(expectedIterationPaths)}, found ${foundDescription(actual[0])}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `expected eof, found ${foundDescription(firstRedundant)}`,
};

/** "`a`, `b` or `c`" for the first tokens of some paths (every `OR` has an `ERR_MSG`: a safety net). */
function firstTokens(paths: readonly (readonly { name: string }[])[]): string {
  const names = [...new Set(paths.filter((p) => p.length > 0).map((p) => describeKind(p[0].name)))];
  if (names.length <= 1) return names[0] ?? 'more input';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** `expected X, found Y` pointing at the start of the found token (wasm-tools' `expect`). */
export function wanted(s: ParseState, expected: string, found: IToken): SyntaxFail {
  const at = found.tokenType === EOF ? s.eofOffset() : s.span(found).start;
  return new SyntaxFail({
    severity: 'error',
    message: `expected ${expected}, found ${foundDescription(found)}`,
    span: { start: at, end: at },
  });
}

/** `expected X, found Y` spanning the whole found token (wasm-tools' `err_expected`). */
export function errExpected(s: ParseState, expected: string, found: IToken): SyntaxFail {
  const span = found.tokenType === EOF ? { start: s.eofOffset(), end: s.eofOffset() } : s.span(found);
  return new SyntaxFail({ severity: 'error', message: `expected ${expected}, found ${foundDescription(found)}`, span });
}

/** Thrown to abandon the current construct; caught at item boundaries. */
export class SyntaxFail {
  constructor(readonly diag: Diagnostic) {}
}

/**
 * The diagnostic for what abandoned a construct: a `SyntaxFail`, or one of
 * chevrotain's recognition exceptions (placed like wasm-tools: a failed
 * `CONSUME` points at the found token, a failed `OR` spans it). Anything
 * else is a bug and is rethrown.
 */
export function diagnosticOf(s: ParseState, e: unknown): Diagnostic {
  if (e instanceof SyntaxFail) return e.diag;
  if (!(e instanceof Error) || !isRecognitionException(e)) throw e;
  const t = (e as IRecognitionException).token;
  let span;
  if (t.tokenType === EOF) span = { start: s.eofOffset(), end: s.eofOffset() };
  else if (e.name === 'MismatchedTokenException') {
    const at = s.span(t).start;
    span = { start: at, end: at };
  } else span = s.span(t);
  return { severity: 'error', message: e.message, span };
}
