// Type definitions (`type`, `record`, `flags`, `variant`, `enum`,
// `resource`) and type expressions, following wasm-tools' `ast.rs`.

import type * as A from './ast.js';
import { SyntaxFail } from './parser-base.js';
import { CommonParser, MAX_TYPE_DEPTH } from './parser-common.js';
import { HELP_EXPECTED } from './hints.js';

const PRIMITIVES = new Set<string>([
  'bool',
  'u8',
  'u16',
  'u32',
  'u64',
  's8',
  's16',
  's32',
  's64',
  'f32',
  'f64',
  'char',
  'string',
  'error-context',
]);

const RESOURCE_RESTART = new Set(['constructor', '@']);

export abstract class TypeParser extends CommonParser {
  // ---- type definitions ---------------------------------------------------

  protected typeDef(node: number, docs: A.Docs, attributes: A.Attribute[]): A.TypeDef {
    const kw = this.bump();
    const k = kw.tokenType.name;
    const name = this.parseId();
    const span = name.span;
    let type: A.Type;
    switch (k) {
      case 'type':
        this.setKind(node, 'type-alias');
        this.expect('=');
        type = this.type(0);
        this.expect(';');
        break;
      case 'flags':
        this.setKind(node, 'flags');
        type = {
          kind: 'flags',
          flags: this.list('{', '}', (d) => {
            this.startNode('flag');
            const flag = { docs: d, name: this.parseId() };
            this.finishNode();
            return flag;
          }),
          span,
        };
        break;
      case 'enum':
        this.setKind(node, 'enum');
        type = {
          kind: 'enum',
          cases: this.list('{', '}', (d) => {
            this.startNode('enum-case');
            const c = { docs: d, name: this.parseId() };
            this.finishNode();
            return c;
          }),
          span,
        };
        break;
      case 'record':
        this.setKind(node, 'record');
        type = {
          kind: 'record',
          fields: this.list('{', '}', (d) => {
            this.startNode('field');
            const fname = this.parseId();
            this.expect(':');
            const ftype = this.type(0);
            this.finishNode();
            return { docs: d, name: fname, type: ftype };
          }),
          span,
        };
        break;
      case 'variant':
        this.setKind(node, 'variant');
        type = {
          kind: 'variant',
          cases: this.list('{', '}', (d) => {
            this.startNode('case');
            const cname = this.parseId();
            let ctype: A.Type | undefined;
            if (this.eat('(')) {
              ctype = this.type(0);
              this.expect(')');
            }
            this.finishNode();
            return { docs: d, name: cname, type: ctype };
          }),
          span,
        };
        break;
      default:
        this.setKind(node, 'resource');
        type = { kind: 'resource', funcs: this.resourceBody(), span };
        break;
    }
    return { docs, attributes, name, type };
  }

  /** `{ constructor(…); name: func…; name: static func…; }` or `;` */
  protected resourceBody(): A.ResourceFunc[] {
    const funcs: A.ResourceFunc[] = [];
    if (!this.at('{')) {
      this.expect(';');
      return funcs;
    }
    this.startNode('body');
    this.bump();
    const depth = this.braceDepth;
    for (;;) {
      if (this.eat('}')) break;
      const itemStart = this.pos;
      const h = this.stackHeight();
      try {
        const node = this.startNode('resource-func');
        const docs = this.docs();
        const attributes = this.attributes();
        funcs.push(this.resourceFunc(node, docs, attributes));
        this.finishNode();
      } catch (e) {
        if (!(e instanceof SyntaxFail)) throw e;
        this.report(e.diag);
        this.unwindTo(h);
        this.recover(depth, RESOURCE_RESTART, itemStart);
        if (this.at('eof')) break;
      }
    }
    this.finishNode();
    return funcs;
  }

  protected resourceFunc(node: number, docs: A.Docs, attributes: A.Attribute[]): A.ResourceFunc {
    const k = this.kind();
    if (k === 'constructor') {
      this.setKind(node, 'resource-constructor');
      const kw = this.bump();
      const span = this.span(kw);
      const params = this.params();
      const result = this.resultType();
      this.expect(';');
      return {
        kind: 'constructor',
        func: {
          docs,
          attributes,
          name: { name: 'constructor', span },
          func: { span, async: false, params, result },
        },
      };
    }
    if (k === 'Id' || k === 'ExplicitId') {
      const name = this.parseId();
      this.expect(':');
      const isStatic = this.eat('static') !== undefined;
      const func = this.func();
      this.expect(';');
      return { kind: isStatic ? 'static' : 'method', func: { docs, attributes, name, func } };
    }
    throw this.errExpected('`constructor` or identifier');
  }

  // ---- types --------------------------------------------------------------

  protected type(depth: number): A.Type {
    if (depth >= MAX_TYPE_DEPTH) {
      const t = this.peek();
      const at = t ? this.span(t) : { start: this.eofOffset(), end: this.eofOffset() };
      throw this.fail(at, 'type nesting too deep');
    }
    this.startNode('type');
    const ty = this.typeInner(depth);
    this.finishNode();
    return ty;
  }

  protected typeInner(depth: number): A.Type {
    const k = this.kind();
    if (PRIMITIVES.has(k)) {
      const t = this.bump();
      return { kind: 'primitive', name: k as A.PrimitiveTypeName, span: this.span(t) };
    }
    switch (k) {
      case 'tuple': {
        const span = this.span(this.bump());
        const types = this.list('<', '>', () => this.type(depth + 1));
        return { kind: 'tuple', types, span };
      }
      case 'list': {
        const span = this.span(this.bump());
        this.expect('<');
        const element = this.type(depth + 1);
        let size: number | undefined;
        if (this.eat(',')) {
          if (!this.at('Integer')) throw this.errExpected('fixed-length');
          const n = this.bump();
          size = Number(n.image);
          if (!(size <= 0xffffffff)) {
            throw this.fail(this.span(n), 'invalid list size: number too large to fit in target type');
          }
        }
        this.expect('>');
        return size === undefined
          ? { kind: 'list', element, span }
          : { kind: 'fixed-length-list', element, size, span };
      }
      case 'map': {
        const span = this.span(this.bump());
        this.expect('<');
        const key = this.type(depth + 1);
        this.expect(',');
        const value = this.type(depth + 1);
        this.expect('>');
        return { kind: 'map', key, value, span };
      }
      case 'option': {
        const span = this.span(this.bump());
        this.expect('<');
        const type = this.type(depth + 1);
        this.expect('>');
        return { kind: 'option', type, span };
      }
      case 'result': {
        const span = this.span(this.bump());
        let ok: A.Type | undefined;
        let err: A.Type | undefined;
        if (this.eat('<')) {
          if (this.eat('_')) {
            this.expect(',');
            err = this.type(depth + 1);
          } else {
            ok = this.type(depth + 1);
            if (this.eat(',')) err = this.type(depth + 1);
          }
          this.expect('>');
        }
        return { kind: 'result', ok, err, span };
      }
      case 'future':
      case 'stream': {
        const span = this.span(this.bump());
        let type: A.Type | undefined;
        if (this.eat('<')) {
          type = this.type(depth + 1);
          this.expect('>');
        }
        return { kind: k, type, span };
      }
      case 'own':
      case 'borrow': {
        const start = this.span(this.bump()).start;
        this.expect('<');
        const resource = this.parseId();
        const close = this.expect('>');
        return { kind: 'handle', handle: k, resource, span: { start, end: this.span(close).end } };
      }
      case 'Id':
      case 'ExplicitId': {
        const t = this.peek()!;
        if (t.image === 'expected' && this.kind(1) === '<') {
          this.hint(this.peek(1), HELP_EXPECTED);
        }
        return { kind: 'name', id: this.parseId() };
      }
      default:
        throw this.errExpected('a type');
    }
  }
}
