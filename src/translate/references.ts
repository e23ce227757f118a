// Attribute references in the translated IR: which attribute paths a cookbook reads. Used to add
// `depends` on cookbooks whose attributes are read (Chef loads a dependency's attribute files
// first) and to order an attributes file so a value is assigned before it is read.
import type { Attribute, Cookbook } from '../ir/chef-ir.js';
import { eachCookbookExpr } from '../ir/walk.js';
import { call, isConstCall, nodeRef, someExpr, str, type RExpr } from '../ir/ruby-ast.js';

/**
 * Attribute paths read (literal segments only): `A2C::Jinja.var/input(node, 'a', 'b')`, Chef's own
 * `node.read!('a', 'b')` / `node.exist?('a', 'b')`, and `node['a']['b']` (each prefix of the chain
 * counts too, which names no assignment of its own).
 */
export function readPaths(e: RExpr): string[][] {
  return paths(e, false);
}

/** readPaths without `node.exist?`, which asks whether an attribute is set and reads none of its value. */
export function valueReadPaths(e: RExpr): string[][] {
  return paths(e, true);
}

function paths(e: RExpr, valuesOnly: boolean): string[][] {
  const out: string[][] = [];
  someExpr(e, (x) => {
    if (x.k === 'call') {
      if (valuesOnly && x.name === 'exist?') return false;
      const segs = callReadSegments(x);
      if (segs) out.push(segs.map((s) => (s as { v: string }).v));
    } else if (x.k === 'index') {
      const chain = nodeChain(x);
      if (chain) out.push(chain);
    }
    return false;
  });
  return out;
}

/**
 * The path segments a call reads, when they are all literal: `A2C::Jinja.var/input(node, 'a', 'b')`
 * or `node.read!('a', 'b')` / `node.exist?('a', 'b')`. The two forms never overlap (a constant
 * receiver or a `node` one).
 */
function callReadSegments(x: Extract<RExpr, { k: 'call' }>): RExpr[] | undefined {
  if ((x.name === 'var' || x.name === 'input') && isConstCall(x, 'A2C::Jinja')) {
    const segs = x.args.slice(1);
    return segs.length && segs.every((s) => s.k === 'str') ? segs : undefined;
  }
  if ((x.name === 'read!' || x.name === 'exist?') && isNode(x.recv) && x.args.length && x.args.every((s) => s.k === 'str')) return x.args;
  return undefined;
}

const A2C_JINJA: RExpr = { k: 'const', path: ['A2C', 'Jinja'] };

/**
 * What the passes after translation read of a value (a settled attribute's, Attribute.settled), as
 * an array literal: each attribute path it reads as a `node.read!` call (readPaths finds the same
 * paths), each A2C::Jinja helper call without its arguments (shim-uses.ts counts the same calls),
 * and each literal key a plain read fetches or asks for (fetchedKey, on a placeholder receiver: the
 * item-field checks keep a contract only where such a read relies on it). Never printed: the printed
 * text is kept beside it.
 */
export function readSummary(e: RExpr): RExpr {
  // Each path once: every reader of the paths collects them into sets.
  const paths = new Map(readPaths(e).map((p) => [p.join('\0'), p]));
  const items: RExpr[] = [];
  for (const p of paths.values()) items.push(call(nodeRef, 'read!', p.map(str)));
  someExpr(e, (x) => {
    if (x.k === 'call' && isConstCall(x, 'A2C::Jinja')) items.push(helperCall(x.name));
    const key = fetchedKey(x);
    if (key !== undefined) items.push(keyCall(key));
    return false;
  });
  // Summaries are kept to the end of the run, one per attribute of a multi-megabyte vars file
  // (issue 17): the many of values that read nothing share one, and a list grown by push, which
  // keeps room for 16 more items, is copied at its length.
  return items.length === 0 ? NOTHING_READ : { k: 'array', items: items.slice() };
}

/** The summary of a value that reads no attribute and calls no helper (shared, frozen: never changed). */
const NOTHING_READ: RExpr = Object.freeze({ k: 'array', items: Object.freeze([]) as unknown as RExpr[] });

/** One summary node per helper, shared: a summary is only walked, never printed or changed. */
const HELPER_CALLS = new Map<string, RExpr>();
function helperCall(name: string): RExpr {
  let c = HELPER_CALLS.get(name);
  if (!c) HELPER_CALLS.set(name, (c = call(A2C_JINJA, name)));
  return c;
}

/**
 * The literal key of a plain Hash read, `x.fetch('k'...)`, `x.key?('k')` or `x['k']`: every plain
 * read of an item field known from use is one (jinja-to-ruby: knownField, the default filter's fetch,
 * `is defined` as key?, and `node.exist?(..., 'k') ? node[...]['k'] : d` for a field of a dict read
 * from outside); a field read otherwise goes through the helpers, which rely on no contract. An index
 * counts too although most are attribute paths: a key name too many keeps a check, one too few would
 * drop the check a plain print relies on (a None printed as '' where Python prints 'None').
 */
export function fetchedKey(x: RExpr): string | undefined {
  if (x.k === 'index') return x.key.k === 'str' ? x.key.v : undefined;
  return x.k === 'call' && x.recv && (x.name === 'fetch' || x.name === 'key?') && x.args[0]?.k === 'str' ? x.args[0].v : undefined;
}

/** One summary node per fetched key, shared as the helpers' are (its receiver stands for any value). */
const KEY_CALLS = new Map<string, RExpr>();
const ANY_VALUE: RExpr = { k: 'var', name: '_' };
function keyCall(key: string): RExpr {
  let c = KEY_CALLS.get(key);
  if (!c) KEY_CALLS.set(key, (c = call(ANY_VALUE, 'fetch', [str(key)])));
  return c;
}

const isNode = (e: RExpr | undefined): boolean => e?.k === 'call' && e.name === 'node' && !e.recv && e.args.length === 0;

/** `node['a']['b']` -> ['a', 'b']; undefined for any other receiver or a computed key. */
function nodeChain(e: RExpr): string[] | undefined {
  if (e.k !== 'index' || e.key.k !== 'str') return undefined;
  if (isNode(e.recv)) return [e.key.v];
  const inner = nodeChain(e.recv);
  return inner && [...inner, e.key.v];
}

/**
 * Cookbooks (first path segment) whose attributes a cookbook reads anywhere: readPaths' first
 * segments, found without building the paths. Every `node['a'][...]` chain holds `node['a']`, which
 * is visited too, so the first segment of each chain is the key of its innermost index.
 */
export function cookbooksRead(cb: Cookbook): Set<string> {
  const out = new Set<string>();
  // A read inside `lazy { }` runs at converge time, but it reads the same attribute files: someExpr
  // stops at `lazy` (compile-time questions), so the visit goes into it here.
  const visit = (x: RExpr): boolean => {
    if (x.k === 'call') {
      const segs = callReadSegments(x);
      if (segs) out.add((segs[0] as { v: string }).v);
    } else if (x.k === 'index' && x.key.k === 'str' && isNode(x.recv)) out.add(x.key.v);
    else if (x.k === 'lazy') someExpr(x.e, visit);
    return false;
  };
  eachCookbookExpr(cb, (e) => someExpr(e, visit));
  return out;
}

/**
 * Attributes in an order where each assignment comes after every assignment of what it reads
 * (a stable topological sort; source order otherwise). Ansible evaluates variables lazily; an
 * attributes file is evaluated top to bottom. Two assignments of one attribute keep their order
 * (the later wins at equal precedence); within a run of one `case`, each path's branches stay
 * together and count what the `case` reads; a cycle, which Ansible cannot resolve either, keeps its source order.
 */
export function orderAttributes(attrs: Attribute[]): Attribute[] {
  const key = (p: string[]) => p.join('\0');
  // A unit writes one path at most (its attributes share one: a unit is one attribute, or one path's
  // branches in a run; a TODO writes none), and most read none: a large vars file's tens of thousands
  // of units, live until the order is made, held two sets and a grown list each (issue 17).
  type Unit = { members: Attribute[]; writes: string | undefined; reads: ReadonlySet<string> };
  const units: Unit[] = [];
  // Within a run of one `case`, one unit per attribute path (all its branches together): the
  // printer regroups a run by value, so a run may be split where one of its paths must wait for an
  // attribute that another path of the run is read by (a vars file's value reading a default that
  // reads another value of the same vars file).
  let run: { on: string; byPath: Map<string, Unit> } | undefined;
  for (const a of attrs) {
    const on = a.when ? JSON.stringify(a.when.on) : undefined;
    if (on === undefined || run?.on !== on) run = on === undefined ? undefined : { on, byPath: new Map() };
    const pathKey = a.todo ? undefined : key(a.path);
    let unit = run && pathKey !== undefined ? run.byPath.get(pathKey) : undefined;
    if (!unit) {
      units.push((unit = { members: [a], writes: pathKey, reads: NO_READS }));
      if (run && pathKey !== undefined) run.byPath.set(pathKey, unit);
    } else unit.members.push(a);
    for (const r of [...readPaths(a.value), ...(a.when ? readPaths(a.when.on) : [])]) {
      if (unit.reads === NO_READS) unit.reads = new Set();
      (unit.reads as Set<string>).add(key(r));
    }
  }
  // Edges from the writers of each attribute path (an index, so the cost follows the edges rather
  // than units x units); then the smallest ready unit first, or the smallest left on a cycle.
  const writers = new Map<string, number[]>();
  units.forEach((u, i) => {
    if (u.writes === undefined) return;
    const same = writers.get(u.writes);
    if (same) same.push(i);
    else writers.set(u.writes, [i]);
  });
  const after: number[][] = units.map(() => []);
  const waiting = units.map((u, j) => {
    const preds = new Set<number>();
    for (const r of u.reads) for (const i of writers.get(r) ?? []) if (i !== j) preds.add(i);
    if (u.writes !== undefined) for (const i of writers.get(u.writes) ?? []) if (i < j) preds.add(i);
    for (const i of preds) after[i]!.push(j);
    return preds.size;
  });
  const done = new Uint8Array(units.length);
  const ready = new MinHeap();
  waiting.forEach((n, j) => n === 0 && ready.push(j));
  const out: Attribute[] = [];
  let lowest = 0;
  for (let left = units.length; left > 0; left--) {
    let next = ready.pop();
    if (next === undefined) {
      while (done[lowest]) lowest++;
      next = lowest;
    }
    done[next] = 1;
    out.push(...units[next]!.members);
    for (const j of after[next]!) if (--waiting[j]! === 0 && !done[j]) ready.push(j);
  }
  return out;
}

/** The reads of a unit that reads nothing (most): one set, never added to (a unit given reads gets its own). */
const NO_READS: ReadonlySet<string> = new Set();

/** A binary min-heap of unit indices: the smallest ready unit is taken first, as in source order. */
class MinHeap {
  private readonly a: number[] = [];
  push(v: number): void {
    const a = this.a;
    let i = a.push(v) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= v) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = v;
  }
  pop(): number | undefined {
    const a = this.a;
    if (!a.length) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= a.length) break;
        if (c + 1 < a.length && a[c + 1]! < a[c]!) c++;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
