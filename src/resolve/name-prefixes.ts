// The names a use scan noted, found by prefix (`L.` gives every field of L's items). use-contracts.ts
// asks this once per list and once per dict field: a pass over every name for each of them was
// quadratic in the estate's size (12 of 27 s of a 1000-role convert, issue 17).

import { lowerBound } from '../base/sorted-search.js';

/** A fixed set of names, each with its place in the order it was given, searchable by prefix. */
export class NamePrefixes {
  private readonly sorted: string[];
  private readonly order: Map<string, number>;

  constructor(names: Iterable<string>) {
    this.order = new Map();
    for (const n of names) if (!this.order.has(n)) this.order.set(n, this.order.size);
    // Code-unit order, as `<` compares: the names that start with a prefix are one run of it.
    this.sorted = [...this.order.keys()].sort();
  }

  /** The names that start with `prefix`, in the order they were first given. */
  startingWith(prefix: string): string[] {
    const out: string[] = [];
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++)
      out.push(this.sorted[i]!);
    return out.sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}
