// Attribute references in the translated IR: which attribute paths a cookbook reads. Used to add
// `depends` on cookbooks whose attributes are read (Chef loads a dependency's attribute files
// first) and to order an attributes file so a value is assigned before it is read.
import type { Attribute, Cookbook, ErbNode, Stmt } from '../chef/ir.js';
import { isConstCall, someExpr, type RExpr } from '../ruby/ast.js';

/** Attribute paths read through `A2C::Jinja.var/input(node, 'a', 'b', ...)` (literal segments only). */
export function readPaths(e: RExpr): string[][] {
  const out: string[][] = [];
  someExpr(e, (x) => {
    if ((isConstCall(x, 'A2C::Jinja', 'var') || isConstCall(x, 'A2C::Jinja', 'input')) && x.k === 'call') {
      const segs = x.args.slice(1);
      if (segs.length && segs.every((s) => s.k === 'str')) out.push(segs.map((s) => (s as { v: string }).v));
    }
    return false;
  });
  return out;
}

function stmtExprs(s: Stmt): RExpr[] {
  switch (s.kind) {
    case 'resource':
      return [s.name, ...s.properties.map((p) => p.value), ...(s.actionExpr ? [s.actionExpr] : []), ...s.guards.flatMap((g) => [g.ruby, g.command].filter((x): x is RExpr => !!x))];
    case 'each':
      return [s.items, ...s.body.flatMap(stmtExprs)];
    case 'if':
      return [s.cond, ...s.body.flatMap(stmtExprs), ...(s.otherwise ?? []).flatMap(stmtExprs)];
    case 'assign':
      return [s.value];
    default:
      return [];
  }
}

function erbExprs(n: ErbNode): RExpr[] {
  switch (n.k) {
    case 'out':
      return [n.expr];
    case 'if':
      return n.branches.flatMap((b) => [b.cond, ...b.body.flatMap(erbExprs)]).concat((n.otherwise ?? []).flatMap(erbExprs));
    case 'each':
      return [n.items, ...n.body.flatMap(erbExprs)];
    case 'assign':
      return [n.value];
    default:
      return [];
  }
}

/** Cookbooks (first path segment) whose attributes a cookbook reads anywhere. */
export function cookbooksRead(cb: Cookbook): Set<string> {
  const exprs = [
    ...cb.attributes.flatMap((a) => [a.value, ...(a.when ? [a.when.on] : [])]),
    ...cb.recipes.flatMap((r) => r.stmts.flatMap(stmtExprs)),
    ...cb.templates.flatMap((t) => t.body.flatMap(erbExprs)),
  ];
  return new Set(exprs.flatMap(readPaths).map((p) => p[0]!));
}

/**
 * Attributes in an order where each assignment comes after every assignment of what it reads
 * (a stable topological sort; source order otherwise). Ansible evaluates variables lazily; an
 * attributes file is evaluated top to bottom. Two assignments of one attribute keep their order
 * (the later wins at equal precedence); a run of one `case` stays together and counts what its
 * `case` reads; a cycle, which Ansible cannot resolve either, keeps its source order.
 */
export function orderAttributes(attrs: Attribute[]): Attribute[] {
  const key = (p: string[]) => p.join('\0');
  const units: Array<{ members: Attribute[]; on?: string; writes: Set<string>; reads: Set<string> }> = [];
  for (const a of attrs) {
    const on = a.when ? JSON.stringify(a.when.on) : undefined;
    let unit = units[units.length - 1];
    if (on === undefined || unit?.on !== on) units.push((unit = { members: [], ...(on !== undefined ? { on } : {}), writes: new Set(), reads: new Set() }));
    unit.members.push(a);
    if (!a.todo) unit.writes.add(key(a.path));
    for (const r of [...readPaths(a.value), ...(a.when ? readPaths(a.when.on) : [])]) unit.reads.add(key(r));
  }
  const before = units.map((u, j) =>
    units.flatMap((v, i) => (i !== j && ([...u.reads].some((r) => v.writes.has(r)) || (i < j && [...u.writes].some((w) => v.writes.has(w)))) ? [i] : [])),
  );
  const done = new Set<number>();
  const out: Attribute[] = [];
  while (done.size < units.length) {
    const ready = units.findIndex((_, j) => !done.has(j) && before[j]!.every((i) => done.has(i)));
    const next = ready >= 0 ? ready : units.findIndex((_, j) => !done.has(j));
    done.add(next);
    out.push(...units[next]!.members);
  }
  return out;
}
