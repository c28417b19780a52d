// The lossless concrete syntax tree (CST) of one WIT file.
//
// Shape
// -----
// A `CstNode` has a `kind` (what construct it is, see `CstNodeKind`) and an
// ordered list of `children`: tokens and nodes interleaved exactly in source
// order. Every character of the file belongs to exactly one `CstToken`,
// including whitespace, comments, and characters the lexer or parser could
// not make sense of, so concatenating all token texts in a depth-first walk
// re-emits the file byte for byte (`printCst`).
//
// Trivia placement
// ----------------
// Whitespace and comments are tokens with `trivia: true`. Trivia before a
// construct belongs to it when the construct is an item (a top-level item,
// a body item such as `named-func` or `record`, or a list member such as
// `field`, `param`, `case`): its comments (the item's docs), blank lines and
// indentation are the node's first children. Any other node (`attribute`,
// `type`, `params`, `body`, …) starts with a significant token; the trivia
// before it sits in its parent, just before it. Trivia before a closing `}`
// or `)` sits in the node that the bracket closes, and trivia at the end of
// the file (after the last significant token) ends the `file` node.
// `leadingTrivia(node)` / `tokens(node)` below make walking easy.
//
// Errors
// ------
// Tokens skipped by error recovery are wrapped in an `error` node, and
// tokens the lexer rejected (unknown characters, unterminated comments and
// strings) are trivia tokens with `invalid: true`. Nodes that a syntax error
// cut short have `incomplete: true`.
//
// Node kinds (children in order; `?` optional, `*` repeated)
// ----------------------------------------------------------
//   file            package-decl? (interface | world | toplevel-use | nested-package)*
//   package-decl    `package` package-name `;`
//   package-name    id `:` id (`@` version)?
//   nested-package  attribute* `package` package-name body(items)
//   interface       attribute* `interface` id body(named-func | type-alias |
//                   record | flags | variant | enum | resource | use)
//   world           attribute* `world` id body(import | export | use | include |
//                   type-alias | record | flags | variant | enum | resource)
//   body            `{` … `}`
//   import, export  attribute* `import`/`export` extern-kind
//   extern-kind     id `:` func-type `;` | id `:` `interface` body |
//                   id `:` use-path `;` | use-path `;`
//   use             attribute* `use` use-path `.` use-names `;`
//   use-names       `{` use-name (`,` use-name)* `,`? `}`;  use-name: id (`as` id)?
//   toplevel-use    attribute* `use` use-path (`as` id)? `;`
//   use-path        id | id `:` id `/` id (`@` version)?
//   include         attribute* `include` use-path (`;` | `with` include-names)
//   include-names   `{` include-name,* `}`;  include-name: id `as` id
//   type-alias      attribute* `type` id `=` type `;`
//   record          attribute* `record` id `{` field,* `}`;   field: id `:` type
//   flags / enum    attribute* `flags`/`enum` id `{` flag,* / enum-case,* `}`
//   variant         attribute* `variant` id `{` case,* `}`;   case: id (`(` type `)`)?
//   resource        attribute* `resource` id (`;` | body(resource-func |
//                   resource-constructor))
//   resource-func   attribute* id `:` `static`? func-type `;`
//   resource-constructor  attribute* `constructor` params result-type? `;`
//   named-func      attribute* id `:` func-type `;`
//   func-type       `async`? `func` params result-type?
//   params          `(` param,* `)`;  param: id `:` type
//   result-type     `->` type
//   type            a primitive keyword or id, or `list`/`option`/`tuple`/… with
//                   nested `type` nodes between `<` `>`
//   attribute       `@` id `(` … `)` (a `version` node for since/deprecated)
//   version         the tokens of `1.2.3-pre+build`
//   error           tokens skipped by error recovery
// Commas and other punctuation are plain tokens among the children.
//
// The CST is built lazily: `SourceMap.parse()` only materializes it when a
// file's `cst` property is first read.
//
// Offsets
// -------
// `start`/`end` are byte offsets (UTF-8) local to the file; `CstFile.base`
// is the file's global offset in its SourceMap, so the AST span of a token is
// `base + start … base + end`. `line`/`column` are 1-based; the column counts
// UTF-16 code units (the same as characters outside the astral planes).

export type CstNodeKind =
  | 'file'
  | 'package-decl'
  | 'package-name'
  | 'nested-package'
  | 'version'
  | 'attribute'
  | 'toplevel-use'
  | 'interface'
  | 'world'
  | 'body'
  | 'use'
  | 'use-path'
  | 'use-names'
  | 'use-name'
  | 'include'
  | 'include-names'
  | 'include-name'
  | 'import'
  | 'export'
  | 'extern-kind'
  | 'type-alias'
  | 'record'
  | 'field'
  | 'flags'
  | 'flag'
  | 'variant'
  | 'case'
  | 'enum'
  | 'enum-case'
  | 'resource'
  | 'resource-func'
  | 'resource-constructor'
  | 'named-func'
  | 'func-type'
  | 'params'
  | 'param'
  | 'result-type'
  | 'type'
  | 'error';

export interface CstToken {
  type: 'token';
  /**
   * The token kind: a keyword (`interface`, `u32`, `_`), a punctuation
   * (`{`, `->`), `Id`, `ExplicitId`, `Integer`, `String`, or one of the
   * trivia kinds `Whitespace`, `LineComment`, `BlockComment`, and the invalid
   * kinds `Unknown`, `UnterminatedComment`, `UnterminatedString`.
   */
  kind: string;
  text: string;
  start: number;
  end: number;
  line: number;
  column: number;
  trivia: boolean;
  /** Set on characters the lexer rejected. */
  invalid?: boolean;
}

export interface CstNode {
  type: 'node';
  kind: CstNodeKind;
  children: CstChild[];
  /** Set when a syntax error cut this construct short. */
  incomplete?: boolean;
}

export type CstChild = CstNode | CstToken;

export interface CstFile extends CstNode {
  kind: 'file';
  /** Global offset of this file in its SourceMap. */
  base: number;
  /** The path given to `SourceMap.pushFile`. */
  path: string;
}

/** Re-emits the source text exactly. */
export function printCst(node: CstNode): string {
  const out: string[] = [];
  const walk = (n: CstNode): void => {
    for (const c of n.children) {
      if (c.type === 'token') out.push(c.text);
      else walk(c);
    }
  };
  walk(node);
  return out.join('');
}

/** All tokens under `node`, in source order (trivia included). */
export function tokens(node: CstNode): CstToken[] {
  const out: CstToken[] = [];
  const walk = (n: CstNode): void => {
    for (const c of n.children) {
      if (c.type === 'token') out.push(c);
      else walk(c);
    }
  };
  walk(node);
  return out;
}

/** The significant (non-trivia) tokens under `node`. */
export function significantTokens(node: CstNode): CstToken[] {
  return tokens(node).filter((t) => !t.trivia);
}

/**
 * The trivia tokens that come before the first significant token of `node`
 * (e.g. the doc comments and blank lines before an item).
 */
export function leadingTrivia(node: CstNode): CstToken[] {
  const out: CstToken[] = [];
  const walk = (n: CstNode): boolean => {
    for (const c of n.children) {
      if (c.type === 'token') {
        if (!c.trivia) return true;
        out.push(c);
      } else if (walk(c)) {
        return true;
      }
    }
    return false;
  };
  walk(node);
  return out;
}

/** The direct child nodes of `node` of the given kind. */
export function childNodes(node: CstNode, kind?: CstNodeKind): CstNode[] {
  const out: CstNode[] = [];
  for (const c of node.children) {
    if (c.type === 'node' && (kind === undefined || c.kind === kind)) out.push(c);
  }
  return out;
}

/** Depth-first visit of every node and token, in source order. */
export function walkCst(node: CstNode, visit: (child: CstChild, parent: CstNode) => void): void {
  for (const c of node.children) {
    visit(c, node);
    if (c.type === 'node') walkCst(c, visit);
  }
}

/** First and last byte offsets covered by a node (undefined when empty). */
export function nodeRange(node: CstNode): { start: number; end: number } | undefined {
  const ts = tokens(node);
  if (ts.length === 0) return undefined;
  return { start: ts[0].start, end: ts[ts.length - 1].end };
}
