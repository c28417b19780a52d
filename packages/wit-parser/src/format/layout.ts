// The layout half of the formatter: walks the CST in source order and tells
// the emitter what to print and where lines break. Trivia is passed through
// untouched (the emitter places the comments and blank lines).
//
// Layout, following wasm-tools' printer:
//   * top-level items (and the items of a nested package) are separated by a
//     blank line, except consecutive top-level `use`s;
//   * interface / world / resource bodies: one item per line, indented;
//   * record / variant / enum / flags: one member per line, trailing commas;
//   * attributes (`@since(…)`) on their own line before the item;
//   * params, `use` names and `include … with { … }` stay on one line, without
//     a trailing comma — unless a comment sits inside, in which case they are
//     laid out like a record (one per line, trailing commas) so the comment
//     has a line to live on.
// The only tokens that can change are commas at the end of a list (dropped
// from one-line lists, added to one-per-line lists); neither changes meaning.

import type { CstChild, CstNode, CstNodeKind, CstToken } from '../cst.js';
import { Emitter, LINE, LINE_BLANK, LINE_TIGHT, type Sep } from './emitter.js';
import { inlineSep, type Placed } from './spacing.js';

interface Container {
  open: string;
  close: string;
  /** Member node kinds; undefined: every child node is a member (an item). */
  members?: CstNodeKind;
  /** Always one member per line (otherwise only when holding a comment). */
  alwaysBlock: boolean;
  /** Members are comma-separated (so one-per-line layout ends each with `,`). */
  commas: boolean;
}

const CONTAINERS: Partial<Record<CstNodeKind, Container>> = {
  body: { open: '{', close: '}', alwaysBlock: true, commas: false },
  record: { open: '{', close: '}', members: 'field', alwaysBlock: true, commas: true },
  variant: { open: '{', close: '}', members: 'case', alwaysBlock: true, commas: true },
  enum: { open: '{', close: '}', members: 'enum-case', alwaysBlock: true, commas: true },
  flags: { open: '{', close: '}', members: 'flag', alwaysBlock: true, commas: true },
  params: { open: '(', close: ')', members: 'param', alwaysBlock: false, commas: true },
  'use-names': { open: '{', close: '}', members: 'use-name', alwaysBlock: false, commas: true },
  'include-names': { open: '{', close: '}', members: 'include-name', alwaysBlock: false, commas: true },
};

const CLOSERS = new Set([')', '>', '}']);

/** Formats a CST that parsed without errors. Never throws on such a tree. */
export function layoutCst(file: CstNode): string {
  const w = new Walker();
  w.node(file, undefined);
  return w.em.finish();
}

class Walker {
  readonly em = new Emitter();
  /** The last significant token printed (for horizontal spacing). */
  private prev: Placed | undefined;

  node(node: CstNode, parent: CstNode | undefined): void {
    const container = CONTAINERS[node.kind];
    const block = container !== undefined && (container.alwaysBlock || hasCommentInside(node));
    const topLevel = node.kind === 'file' || (node.kind === 'body' && parent?.kind === 'nested-package');
    const next = nextSignificant(node.children);
    const openAt = container ? node.children.findIndex((c) => isToken(c, container.open)) : -1;
    const closeAt = container ? findLastIndex(node.children, (c) => isToken(c, container.close)) : -1;
    let prevItem: CstNode | undefined;

    for (let i = 0; i < node.children.length; i++) {
      const c = node.children[i];
      if (c.type === 'token') {
        if (c.trivia) this.em.trivia(c);
        else if (block && i === openAt) this.open(c, node);
        else if (block && i === closeAt) this.close(c, node);
        else if (!block && c.kind === ',' && isCloser(node.children[next[i]]))
          continue; // `(a, b,)` → `(a, b)`
        else this.token(c, node);
        continue;
      }
      const isMember =
        container !== undefined && (container.members === undefined ? true : c.kind === container.members);
      if (topLevel) {
        this.em.want(itemSep(prevItem, c));
        prevItem = c;
      } else if (isMember && block) {
        this.em.want(LINE);
      }
      this.node(c, node);
      if (c.kind === 'attribute') this.em.want(LINE_TIGHT);
      if (isMember && block && container.commas && !isToken(node.children[next[i]], ',')) {
        this.synthetic(',', node);
      }
    }
  }

  private token(t: CstToken, parent: CstNode): void {
    const placed: Placed = { token: t, parent: parent.kind };
    this.em.token(t.text, inlineSep(this.prev, placed));
    this.prev = placed;
  }

  private open(t: CstToken, parent: CstNode): void {
    const placed: Placed = { token: t, parent: parent.kind };
    this.em.open(t.text, inlineSep(this.prev, placed));
    this.prev = placed;
  }

  private close(t: CstToken, parent: CstNode): void {
    this.em.close(t.text);
    this.prev = { token: t, parent: parent.kind };
  }

  /** A comma the source lacks (last member of a one-per-line list). */
  private synthetic(kind: string, parent: CstNode): void {
    const t: CstToken = { type: 'token', kind, text: kind, start: 0, end: 0, line: 0, column: 0, trivia: false };
    this.token(t, parent);
  }
}

/** Separator before a top-level item: a blank line, except between `use`s. */
function itemSep(prev: CstNode | undefined, cur: CstNode): Sep {
  if (prev === undefined) return LINE;
  if (prev.kind === 'toplevel-use' && cur.kind === 'toplevel-use') return LINE;
  return LINE_BLANK;
}

/** For each child index, the index of the next significant child (or -1). */
function nextSignificant(children: CstChild[]): number[] {
  const out = new Array<number>(children.length).fill(-1);
  let next = -1;
  for (let i = children.length - 1; i >= 0; i--) {
    out[i] = next;
    const c = children[i];
    if (c.type === 'node' || !c.trivia) next = i;
  }
  return out;
}

function isToken(c: CstChild | undefined, kind: string): boolean {
  return c !== undefined && c.type === 'token' && !c.trivia && c.kind === kind;
}

function isCloser(c: CstChild | undefined): boolean {
  return c !== undefined && c.type === 'token' && !c.trivia && CLOSERS.has(c.kind);
}

/** Whether a comment follows the first significant token of `node` (its opener). */
function hasCommentInside(node: CstNode): boolean {
  let opened = false;
  const walk = (n: CstNode): boolean => {
    for (const c of n.children) {
      if (c.type === 'node') {
        if (walk(c)) return true;
      } else if (!c.trivia) {
        opened = true;
      } else if (opened && (c.kind === 'LineComment' || c.kind === 'BlockComment')) {
        return true;
      }
    }
    return false;
  };
  return walk(node);
}

function findLastIndex<T>(xs: T[], pred: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i])) return i;
  return -1;
}
