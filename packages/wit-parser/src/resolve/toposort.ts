// Topological sort used for interfaces/worlds of a package and for the types
// of one interface or world. Among the nodes whose dependencies are all
// placed, the one defined first always goes next, so the output is stable and
// matches wasm-tools (which decides every arena index with this order).

import type { Id } from '../ast.js';
import { typeNameHelp } from '../hints.js';
import { ResolveError } from './errors.js';

/** `deps` maps each node name (in definition order) to the names it uses. */
export function toposort(kind: string, deps: Map<string, Id[]>, hint?: (name: string) => string | undefined): string[] {
  const names = [...deps.keys()];
  const index = new Map<string, number>();
  for (let i = 0; i < names.length; i++) index.set(names[i], i);
  // The usual case: every edge points at an earlier node. The order is then
  // the definition order (the earliest ready node always goes next).
  if (allEdgesBackwards(names, deps, index)) return names;
  const remaining = new Array<number>(names.length).fill(0);
  const reverse: number[][] = names.map(() => []);
  names.forEach((name, i) => {
    const edges = deps.get(name)!;
    remaining[i] = edges.length;
    for (const edge of edges) {
      const j = index.get(edge.name);
      if (j === undefined) {
        const extra = hint?.(edge.name);
        const error = new ResolveError(
          `${kind} \`${edge.name}\` does not exist${extra ? `\n${extra}` : ''}`,
          edge.span,
        );
        const help = kind === 'type' ? typeNameHelp(edge.name) : undefined;
        if (help !== undefined) error.help = [help];
        throw error;
      }
      reverse[j].push(i);
    }
  });

  // A binary min-heap of node indices ready to be placed.
  const heap: number[] = [];
  const push = (v: number) => {
    heap.push(v);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= heap[i]) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l] < heap[m]) m = l;
        if (r < heap.length && heap[r] < heap[m]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };

  for (let i = 0; i < names.length; i++) if (remaining[i] === 0) push(i);
  const order: string[] = [];
  while (heap.length > 0) {
    const i = pop();
    order.push(names[i]);
    for (const j of reverse[i]) {
      remaining[j]--;
      if (remaining[j] === 0) push(j);
    }
    reverse[i] = [];
  }
  if (order.length === names.length) return order;

  // A cycle: report the first edge of the first unplaced node that points at
  // another unplaced node.
  for (let i = 0; i < names.length; i++) {
    if (remaining[i] === 0) continue;
    for (const dep of deps.get(names[i])!) {
      if (remaining[index.get(dep.name)!] === 0) continue;
      throw new ResolveError(`${kind} \`${dep.name}\` depends on itself`, dep.span);
    }
  }
  throw new Error('unreachable: toposort found no cycle');
}

/** Whether each node's dependencies are all defined before it (no missing ones, no cycles). */
function allEdgesBackwards(names: string[], deps: Map<string, Id[]>, index: Map<string, number>): boolean {
  for (let i = 0; i < names.length; i++) {
    for (const edge of deps.get(names[i])!) {
      const j = index.get(edge.name);
      if (j === undefined || j >= i) return false;
    }
  }
  return true;
}
