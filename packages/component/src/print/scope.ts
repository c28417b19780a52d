/**
 * Index spaces of one component (or component/instance type) while it is
 * printed: how many items of each sort exist so far, and their names.
 */
import type { Sort } from '../model.js';
import { identifierOf, type NameMap, type Naming } from './names.js';

export class Scope {
  readonly counts = new Map<Sort, number>();
  readonly names = new Map<Sort, NameMap>();
  constructor(
    readonly parent: Scope | null,
    /** The component's own name (for `alias outer $C …`). */
    readonly name: Naming | null,
  ) {}

  /** Allocate the next index of `sort`. */
  next(sort: Sort): number {
    const n = this.counts.get(sort) ?? 0;
    this.counts.set(sort, n + 1);
    return n;
  }

  naming(sort: Sort, index: number): Naming | undefined {
    return this.names.get(sort)?.get(index);
  }

  /** A reference: `$name` or the index. */
  ref(sort: Sort, index: number): string {
    const n = this.naming(sort, index);
    return n === undefined ? String(index) : identifierOf(n);
  }

  /** The scope `count` levels out. */
  outer(count: number): Scope | null {
    let s: Scope | null = this;
    for (let i = 0; i < count && s !== null; i++) s = s.parent;
    return s;
  }
}
