// Structural comparison of generated declarations with jco's `types`
// output: parse both with the TypeScript compiler API, collect each module's
// exported names and a normalised printed form of every member's type.
//
// Normalisations (jco → common form, ours → common form):
//  - qualified / `import('…').X` / `globalThis.X` references → `X`;
//    `typeof Alias` → `typeof <file base of the aliased module>`;
//  - jco's generic `Option<T>` / `Result<T, E>` helpers are expanded to the
//    `{ tag, val }` unions they stand for (`void` payloads → `undefined`);
//  - jco's per-case variant interfaces (`VA`, `VB` of `type V = VA | VB`) are
//    inlined as object literals and dropped from the export list;
//  - union members and object members are sorted; `T[]` → `Array<T>`;
//  - resource classes: `[Symbol.dispose]`, `implements`, and non-public
//    constructors (ours: `protected constructor(...args: never[])` for
//    resources without a WIT constructor) are ignored;
//  - world files: jco's `ImportObject` ↔ our `<World>Imports`, jco's exports
//    interface (the `instantiate` return type) ↔ our `<World>Exports`; jco's
//    world-level function imports `'f-n': { default(…): R }` ↔ our `fN(…): R`;
//    our `instantiate`, runtime re-exports and jco's `instantiate` overloads
//    are not compared.
import ts from 'typescript';
import { camelCase } from '../src/names.js';

export type Shape = Map<string, string>;

interface Ctx {
  aliases: Map<string, string>;
  locals: Map<string, ts.Statement>;
  caseIfaces: Set<string>;
}

const base = (p: string) =>
  p
    .replace(/\.(d\.)?(ts|js)$/, '')
    .split('/')
    .pop()!;

function entityRight(n: ts.EntityName): string {
  return ts.isIdentifier(n) ? n.text : n.right.text;
}

function memberName(n: ts.PropertyName | undefined): string {
  if (n === undefined) return '';
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isPrivateIdentifier(n)) return n.text;
  return `[${n.getText()}]`;
}

function params(ps: ts.NodeArray<ts.ParameterDeclaration>, c: Ctx): string {
  return ps
    .map((p) => `${p.name.getText()}${p.questionToken ? '?' : ''}:${p.type ? norm(p.type, c) : 'any'}`)
    .join(',');
}

function members(ms: ts.NodeArray<ts.TypeElement>, c: Ctx, world = false): string[] {
  const out: string[] = [];
  for (const m of ms) {
    let name = memberName(m.name);
    if (ts.isPropertySignature(m)) {
      // jco world-level function import: 'f-n': { default(…): R }
      if (world && m.type && ts.isTypeLiteralNode(m.type) && m.type.members.length === 1) {
        const d = m.type.members[0];
        if (ts.isMethodSignature(d) && memberName(d.name) === 'default') {
          out.push(`${camelCase(name)}(${params(d.parameters, c)}):${d.type ? norm(d.type, c) : 'any'}`);
          continue;
        }
      }
      let t = m.type ? norm(m.type, c) : 'any';
      // `a?: T | undefined` (ours) ≡ `a?: T` (jco).
      if (m.questionToken)
        t = splitTop(t)
          .filter((x) => x !== 'undefined')
          .join('|');
      // Ours: optional host classes for world-level resources (jco has none).
      if (world && m.questionToken && t.startsWith('typeof ')) continue;
      out.push(`${name}${m.questionToken ? '?' : ''}:${t}`);
    } else if (ts.isMethodSignature(m)) {
      out.push(`${name}(${params(m.parameters, c)}):${m.type ? norm(m.type, c) : 'any'}`);
    } else if (ts.isConstructSignatureDeclaration(m)) {
      out.push(`new(${params(m.parameters, c)})`);
    } else {
      name = m.getText();
      out.push(name);
    }
  }
  return out.sort();
}

function union(parts: string[]): string {
  const flat = parts.flatMap((p) => splitTop(p));
  return [...new Set(flat)].sort().join('|');
}

/** Splits a normalised union string at top-level `|`. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '{' || ch === '(' || ch === '[' || ch === '<') depth++;
    else if (ch === '}' || ch === ')' || ch === ']' || ch === '>') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function obj(ms: string[]): string {
  return `{${ms.join(';')}}`;
}

function voidToUndefined(s: string): string {
  return s === 'void' ? 'undefined' : s;
}

export function norm(t: ts.TypeNode, c: Ctx): string {
  if (ts.isParenthesizedTypeNode(t)) return norm(t.type, c);
  if (ts.isUnionTypeNode(t)) return union(t.types.map((x) => norm(x, c)));
  if (ts.isArrayTypeNode(t)) return `Array<${norm(t.elementType, c)}>`;
  if (ts.isTupleTypeNode(t)) return `[${t.elements.map((e) => norm(e as ts.TypeNode, c)).join(',')}]`;
  if (ts.isTypeLiteralNode(t)) return obj(members(t.members, c));
  if (ts.isLiteralTypeNode(t)) {
    if (ts.isStringLiteral(t.literal)) return `'${t.literal.text}'`;
    return t.literal.getText();
  }
  if (ts.isTypeQueryNode(t)) {
    const n = t.exprName;
    const left = ts.isIdentifier(n) ? n.text : n.getText();
    return `typeof ${c.aliases.get(left) ?? left}`;
  }
  if (ts.isImportTypeNode(t)) {
    const name = t.qualifier ? entityRight(t.qualifier) : '?';
    const args = t.typeArguments ? `<${t.typeArguments.map((a) => norm(a, c)).join(',')}>` : '';
    return name + args;
  }
  if (ts.isTypeReferenceNode(t)) {
    const name = entityRight(t.typeName);
    const args = t.typeArguments?.map((a) => norm(a, c)) ?? [];
    const local = ts.isIdentifier(t.typeName) ? c.locals.get(name) : undefined;
    if (local !== undefined && name === 'Option' && args.length === 1)
      return union([`{tag:'none'}`, `{tag:'some';val:${args[0]}}`]);
    if (local !== undefined && name === 'Result' && args.length === 2)
      return union([`{tag:'ok';val:${voidToUndefined(args[0])}}`, `{tag:'err';val:${voidToUndefined(args[1])}}`]);
    if (local !== undefined && c.caseIfaces.has(name) && ts.isInterfaceDeclaration(local))
      return obj(members(local.members, c));
    return args.length > 0 ? `${name}<${args.join(',')}>` : name;
  }
  return t.getText().replace(/\s+/g, ' ');
}

function isExported(s: ts.Statement): boolean {
  return ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function classShape(cl: ts.ClassDeclaration, c: Ctx): string {
  const out: string[] = [];
  for (const m of cl.members) {
    const mods = (ts.canHaveModifiers(m) ? ts.getModifiers(m) : undefined) ?? [];
    const isStatic = mods.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
    const hidden = mods.some(
      (x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword,
    );
    if (ts.isConstructorDeclaration(m)) {
      if (!hidden) out.push(`new(${params(m.parameters, c)})`);
    } else if (ts.isMethodDeclaration(m)) {
      if (m.name && ts.isComputedPropertyName(m.name)) continue; // [Symbol.dispose]
      out.push(
        `${isStatic ? 'static ' : ''}${memberName(m.name)}(${params(m.parameters, c)}):${m.type ? norm(m.type, c) : 'any'}`,
      );
    }
  }
  return `class${obj(out.sort())}`;
}

export interface ShapeOptions {
  /** Interface renames for world files (`ImportObject` → `Imports`, …). */
  rename?: Map<string, string>;
  /** Names not compared. */
  skip?: Set<string>;
  world?: boolean;
}

/** Exported name → normalised shape, for one module (`.d.ts` or `.ts`). */
export function shapeOf(path: string, text: string, o: ShapeOptions = {}): Shape {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const c: Ctx = { aliases: new Map(), locals: new Map(), caseIfaces: new Set() };
  let statements: readonly ts.Statement[] = sf.statements;
  // Guest-style ambient module: use its body.
  if (
    statements.length > 0 &&
    ts.isModuleDeclaration(statements[0]) &&
    statements[0].body &&
    ts.isModuleBlock(statements[0].body)
  )
    statements = statements[0].body.statements;
  for (const s of statements) {
    if (
      ts.isImportDeclaration(s) &&
      s.importClause?.namedBindings &&
      ts.isNamespaceImport(s.importClause.namedBindings)
    )
      c.aliases.set(s.importClause.namedBindings.name.text, base((s.moduleSpecifier as ts.StringLiteral).text));
    const name = (s as { name?: ts.Identifier }).name?.text;
    if (name !== undefined) c.locals.set(name, s);
  }
  // jco variant case interfaces: members of a union alias that are local interfaces with a literal `tag`.
  for (const s of statements) {
    if (!ts.isTypeAliasDeclaration(s)) continue;
    for (const m of ts.isUnionTypeNode(s.type) ? s.type.types : [s.type]) {
      if (!ts.isTypeReferenceNode(m) || !ts.isIdentifier(m.typeName)) continue;
      const l = c.locals.get(m.typeName.text);
      if (l && ts.isInterfaceDeclaration(l) && l.members.some((x) => memberName(x.name) === 'tag'))
        c.caseIfaces.add(m.typeName.text);
    }
  }
  const shape: Shape = new Map();
  const add = (n: string, v: string) => {
    const name = o.rename?.get(n) ?? n;
    if (o.skip?.has(name) || c.caseIfaces.has(n)) return;
    shape.set(name, v);
  };
  const fnShape = (f: ts.FunctionDeclaration) => `fn(${params(f.parameters, c)}):${f.type ? norm(f.type, c) : 'any'}`;
  for (const s of statements) {
    // Guest world modules: `export * as name from 'spec'` (what the guest exports); type-only re-exports are not compared.
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamespaceExport(s.exportClause) && s.moduleSpecifier) {
      if (!s.isTypeOnly)
        add(
          s.exportClause.name.getText().replace(/^'|'$/g, ''),
          `module ${(s.moduleSpecifier as ts.StringLiteral).text}`,
        );
      continue;
    }
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause) && !s.moduleSpecifier) {
      for (const e of s.exportClause.elements) {
        const local = c.locals.get((e.propertyName ?? e.name).getText());
        if (local && ts.isFunctionDeclaration(local)) add(e.name.getText(), fnShape(local));
      }
      continue;
    }
    if (!isExported(s)) continue;
    if (ts.isFunctionDeclaration(s) && s.name) add(s.name.text, fnShape(s));
    else if (ts.isClassDeclaration(s) && s.name) add(s.name.text, classShape(s, c));
    else if (ts.isInterfaceDeclaration(s)) add(s.name.text, obj(members(s.members, c, o.world === true)));
    else if (ts.isTypeAliasDeclaration(s)) {
      if ((s.name.text === 'Option' || s.name.text === 'Result') && s.typeParameters) continue;
      add(s.name.text, norm(s.type, c));
    }
  }
  return shape;
}

/** The name of the interface a jco world file's `instantiate` returns. */
export function jcoExportsInterface(text: string): string | undefined {
  const sf = ts.createSourceFile('w.d.ts', text, ts.ScriptTarget.Latest, true);
  for (const s of sf.statements)
    if (ts.isFunctionDeclaration(s) && s.name?.text === 'instantiate' && s.type && ts.isTypeReferenceNode(s.type))
      return entityRight(s.type.typeName);
  return undefined;
}

/** Differences between two shapes, as readable lines. */
export function diffShapes(ours: Shape, theirs: Shape): string[] {
  const out: string[] = [];
  for (const [k, v] of theirs) {
    const o = ours.get(k);
    if (o === undefined) out.push(`missing ${k}: ${v}`);
    else if (o !== v) out.push(`differs ${k}:\n      ours ${o}\n      jco  ${v}`);
  }
  for (const k of ours.keys()) if (!theirs.has(k)) out.push(`extra ${k}: ${ours.get(k)}`);
  return out;
}
