// The WAC AST. Spans are UTF-16 offsets into the document text (the
// diagnostics layer converts them to the SourceMap's byte offsets).

export interface Span {
  start: number;
  end: number;
}

export interface Ident {
  name: string;
  span: Span;
}

export interface StringLiteral {
  value: string;
  span: Span;
}

/** `ns:name@version` (a package name) */
export interface PackageName {
  /** `ns:name` without version */
  name: string;
  version?: string;
  span: Span;
}

/** `ns:pkg/a@1.0.0`: a package name followed by `/` path segments */
export interface PackagePath extends PackageName {
  path: string[];
}

export interface Document {
  package: PackageName;
  targets?: PackagePath;
  statements: Statement[];
}

export type Statement = ImportStatement | TypeStatement | LetStatement | ExportStatement;

export interface ImportStatement {
  kind: 'import';
  id: Ident;
  asName?: Ident | StringLiteral;
  type: ExternType;
  span: Span;
}

/** An import's (or world item's) type: a path, a func, an inline interface or a named type. */
export type ExternType =
  | { kind: 'path'; path: PackagePath }
  | { kind: 'func'; func: FuncType }
  | { kind: 'interface'; iface: InterfaceBody }
  | { kind: 'ident'; id: Ident };

export interface LetStatement {
  kind: 'let';
  id: Ident;
  expr: Expr;
  span: Span;
}

export interface ExportStatement {
  kind: 'export';
  expr: Expr;
  spread: boolean;
  asName?: Ident | StringLiteral;
  span: Span;
}

export interface Expr {
  primary: PrimaryExpr;
  postfix: PostfixExpr[];
  span: Span;
}

export type PrimaryExpr =
  | { kind: 'ident'; id: Ident }
  | { kind: 'new'; package: PackageName; args: InstantiationArg[]; ellipsis: boolean; span: Span }
  | { kind: 'nested'; expr: Expr; span: Span };

export type PostfixExpr =
  { kind: 'access'; id: Ident; span: Span } | { kind: 'named-access'; name: StringLiteral; span: Span };

export type InstantiationArg =
  | { kind: 'inferred'; id: Ident }
  | { kind: 'spread'; id: Ident; span: Span }
  | { kind: 'named'; name: Ident | StringLiteral; expr: Expr };

// ------------------------------------------------------------- WIT types

export type TypeStatement =
  | { kind: 'interface'; id: Ident; body: InterfaceBody; span: Span }
  | { kind: 'world'; id: Ident; items: WorldItem[]; span: Span }
  | { kind: 'type'; decl: TypeDecl; span: Span };

export interface InterfaceBody {
  items: InterfaceItem[];
  span: Span;
}

export type InterfaceItem =
  | { kind: 'use'; use: Use }
  | { kind: 'type'; decl: TypeDecl }
  | { kind: 'export'; id: Ident; type: FuncTypeRef; span: Span };

export type FuncTypeRef = { kind: 'func'; func: FuncType } | { kind: 'ident'; id: Ident };

export interface Use {
  /** A package path or a local interface name */
  path: { kind: 'path'; path: PackagePath } | { kind: 'ident'; id: Ident };
  items: { id: Ident; as?: Ident }[];
  span: Span;
}

export type WorldItem =
  | { kind: 'use'; use: Use }
  | { kind: 'type'; decl: TypeDecl }
  | { kind: 'import' | 'export'; item: WorldItemPath; span: Span }
  | {
      kind: 'include';
      world: { kind: 'path'; path: PackagePath } | { kind: 'ident'; id: Ident };
      with: { from: Ident; to: Ident }[];
      span: Span;
    };

export type WorldItemPath =
  { kind: 'named'; id: Ident; type: ExternType } | { kind: 'path'; path: PackagePath } | { kind: 'ident'; id: Ident };

export type TypeDecl =
  | { kind: 'resource'; id: Ident; methods: ResourceMethod[]; span: Span }
  | { kind: 'variant'; id: Ident; cases: { id: Ident; type?: Type }[]; span: Span }
  | { kind: 'record'; id: Ident; fields: NamedType[]; span: Span }
  | { kind: 'flags'; id: Ident; flags: Ident[]; span: Span }
  | { kind: 'enum'; id: Ident; cases: Ident[]; span: Span }
  | { kind: 'alias'; id: Ident; type: { kind: 'func'; func: FuncType } | { kind: 'type'; type: Type }; span: Span };

export type ResourceMethod =
  | { kind: 'constructor'; params: NamedType[]; span: Span }
  | { kind: 'method' | 'static'; id: Ident; func: FuncType; span: Span };

export interface NamedType {
  id: Ident;
  type: Type;
}

export interface FuncType {
  async: boolean;
  params: NamedType[];
  /** A single result, or (old syntax) a list of named results */
  results: { kind: 'none' } | { kind: 'scalar'; type: Type } | { kind: 'named'; results: NamedType[] };
  span: Span;
}

export type Type =
  | { kind: 'prim'; name: string; span: Span }
  | { kind: 'tuple'; types: Type[]; span: Span }
  | { kind: 'list'; element: Type; length?: number; span: Span }
  | { kind: 'option'; type: Type; span: Span }
  | { kind: 'result'; ok?: Type; err?: Type; span: Span }
  | { kind: 'borrow' | 'own'; id: Ident; span: Span }
  | { kind: 'stream' | 'future'; element?: Type; span: Span }
  | { kind: 'map'; key: Type; value: Type; span: Span }
  | { kind: 'ident'; id: Ident; span: Span };
