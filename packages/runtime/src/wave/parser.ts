// The untyped WAVE parser: text → syntax tree with spans. Bools, enums,
// variants, options and results all share the `label` / `case` shapes
// because they cannot be told apart without a type (WAVE-EBNF.md note); the
// typed conversion (`convert.ts`) decides what each node means.

import type { WaveSpan } from './errors.js';
import { Lexer, type Token, type TokenKind } from './lexer.js';

export type Node = WaveSpan &
  (
    | { kind: 'number'; text: string }
    | { kind: 'char'; value: string }
    | { kind: 'string'; value: string }
    /** A bare label: keyword, bool, enum case, payload-less variant case. */
    | { kind: 'label'; name: string; escaped: boolean }
    /** `label(payload)`. */
    | { kind: 'case'; name: string; escaped: boolean; nameEnd: number; payload: Node }
    | { kind: 'tuple'; items: Node[] }
    | { kind: 'list'; items: Node[] }
    /** `{a, b}`; `{}` is empty flags. */
    | { kind: 'flags'; labels: LabelNode[] }
    /** `{a: 1}`; `{:}` is a record with every field omitted. */
    | { kind: 'record'; fields: { label: LabelNode; value: Node }[] }
  );

export type LabelNode = WaveSpan & { name: string; escaped: boolean };

/** Deep nesting is refused before it can overflow the JS stack. */
export const MAX_DEPTH = 256;

export class Parser {
  readonly lexer: Lexer;
  private peeked: Token | undefined;

  constructor(input: string, start = 0) {
    this.lexer = new Lexer(input, start);
  }

  peek(): Token {
    return (this.peeked ??= this.lexer.next());
  }

  take(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  expect(kind: TokenKind, what = `\`${kind}\``): Token {
    const t = this.take();
    if (t.kind !== kind) throw this.unexpected(t, `expected ${what}`);
    return t;
  }

  unexpected(t: Token, expected: string) {
    return this.lexer.error(`${expected}, found ${describeToken(t)}`, t.start, t.end);
  }

  /** Requires that nothing but whitespace and comments follows. */
  end(): void {
    const input = this.lexer.input;
    let t: Token;
    try {
      t = this.take();
    } catch (e) {
      // Whatever follows is not even a token; still report it as trailing input.
      const start = (e as { span: WaveSpan }).span.start;
      const what = input.startsWith('->', start)
        ? '`->` (results are not part of a call)'
        : `\`${input.slice(start).trimEnd()}\``;
      throw this.lexer.error(`unexpected trailing input: ${what}`, start, Math.max(start + 1, input.trimEnd().length));
    }
    if (t.kind !== 'eof')
      throw this.lexer.error(
        `unexpected trailing input: ${describeToken(t)}`,
        t.start,
        Math.max(t.end, input.trimEnd().length),
      );
  }

  value(depth = 0): Node {
    if (depth > MAX_DEPTH) {
      const t = this.peek();
      throw this.lexer.error(`value nested more than ${MAX_DEPTH} levels deep`, t.start, t.end);
    }
    const t = this.take();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', text: t.value, start: t.start, end: t.end };
      case 'char':
        return { kind: 'char', value: t.value, start: t.start, end: t.end };
      case 'string':
        return { kind: 'string', value: t.value, start: t.start, end: t.end };
      case 'label': {
        if (this.peek().kind !== '(')
          return { kind: 'label', name: t.value, escaped: t.escaped, start: t.start, end: t.end };
        this.take();
        if (this.peek().kind === ')') throw this.unexpected(this.peek(), `expected a payload value for \`${t.value}\``);
        const payload = this.value(depth + 1);
        const close = this.take();
        if (close.kind !== ')') {
          const hint = close.kind === ',' ? ' (a case has one payload value; write a tuple as `case((a, b))`)' : '';
          throw this.unexpected(close, `expected \`)\` after the payload of \`${t.value}\`${hint}`);
        }
        return {
          kind: 'case',
          name: t.value,
          escaped: t.escaped,
          nameEnd: t.end,
          payload,
          start: t.start,
          end: close.end,
        };
      }
      case '(': {
        const [items, close] = this.seq(')', depth);
        return { kind: 'tuple', items, start: t.start, end: close.end };
      }
      case '[': {
        const [items, close] = this.seq(']', depth);
        return { kind: 'list', items, start: t.start, end: close.end };
      }
      case '{':
        return this.braces(t, depth);
      default:
        throw this.unexpected(t, 'expected a value');
    }
  }

  /** Comma-separated values up to `close`, trailing comma allowed. */
  seq(close: ')' | ']', depth: number): [Node[], Token] {
    const items: Node[] = [];
    for (;;) {
      if (this.peek().kind === close) return [items, this.take()];
      items.push(this.value(depth + 1));
      const t = this.take();
      if (t.kind === close) return [items, t];
      if (t.kind !== ',') throw this.unexpected(t, `expected \`,\` or \`${close}\``);
    }
  }

  private braces(open: Token, depth: number): Node {
    let t = this.take();
    if (t.kind === '}') return { kind: 'flags', labels: [], start: open.start, end: t.end };
    if (t.kind === ':') {
      const close = this.expect('}', '`}` (an empty record is written `{:}`)');
      return { kind: 'record', fields: [], start: open.start, end: close.end };
    }
    if (t.kind !== 'label') throw this.unexpected(t, 'expected a field or flag label');
    // The first entry decides: `label:` is a record, a bare label is flags.
    if (this.peek().kind === ':') {
      const fields: { label: LabelNode; value: Node }[] = [];
      for (;;) {
        this.expect(':');
        fields.push({ label: labelNode(t), value: this.value(depth + 1) });
        const sep = this.take();
        if (sep.kind === '}') return { kind: 'record', fields, start: open.start, end: sep.end };
        if (sep.kind !== ',') throw this.unexpected(sep, 'expected `,` or `}`');
        t = this.take();
        if (t.kind === '}') return { kind: 'record', fields, start: open.start, end: t.end };
        if (t.kind !== 'label') throw this.unexpected(t, 'expected a field label');
        if (this.peek().kind !== ':') throw this.unexpected(this.peek(), `expected \`:\` after field \`${t.value}\``);
      }
    }
    const labels: LabelNode[] = [labelNode(t)];
    for (;;) {
      const sep = this.take();
      if (sep.kind === '}') return { kind: 'flags', labels, start: open.start, end: sep.end };
      if (sep.kind !== ',') throw this.unexpected(sep, 'expected `,` or `}`');
      t = this.take();
      if (t.kind === '}') return { kind: 'flags', labels, start: open.start, end: t.end };
      if (t.kind !== 'label') throw this.unexpected(t, 'expected a flag label');
      labels.push(labelNode(t));
    }
  }
}

function labelNode(t: Token): LabelNode {
  return { name: t.value, escaped: t.escaped, start: t.start, end: t.end };
}

export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'number':
      return `number \`${t.value}\``;
    case 'label':
      return `\`${t.escaped ? '%' : ''}${t.value}\``;
    case 'char':
      return 'char literal';
    case 'string':
      return 'string literal';
    default:
      return `\`${t.kind}\``;
  }
}

/** How a node is named in "expected X, found Y" messages. */
export function describeNode(n: Node): string {
  switch (n.kind) {
    case 'number':
      return `number \`${n.text}\``;
    case 'char':
      return 'char literal';
    case 'string':
      return 'string literal';
    case 'label':
      return `\`${n.escaped ? '%' : ''}${n.name}\``;
    case 'case':
      return `\`${n.escaped ? '%' : ''}${n.name}(…)\``;
    case 'tuple':
      return 'tuple';
    case 'list':
      return 'list';
    case 'flags':
      return n.labels.length === 0 ? '`{}`' : 'flags';
    case 'record':
      return 'record';
  }
}
