// Attribute references in the translated IR: which attribute paths a cookbook reads. Used to add
// `depends` on cookbooks whose attributes are read (Chef loads a dependency's attribute files
// first) and to order an attributes file so a value is assigned before it is read.
import type { Attribute, Cookbook, ErbNode, Stmt } from '../chef/ir.js';
import { isConstCall, someExpr, type RExpr } from '../ruby/ast.js';

/** Attribute paths read through `A2C::Jinja.var(node, 'a', 'b', ...)` (literal segments only). */
export function readPaths(e: RExpr): string[][] {
  const out: string[][] = [];
  someExpr(e, (x) => {
    if (isConstCall(x, 'A2C::Jinja', 'var') && x.k === 'call') {
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
 * Attributes in an order where each assignment comes before the attributes that read it (a
 * stable topological sort; runs of one `case` stay together). Ansible evaluates variables
 * lazily; an attributes file is evaluated top to bottom.
 */
export function orderAttributes(attrs: Attribute[]): Attribute[] {
  // Units: a single attribute, or a run of attributes chosen by the same `case`.
  const units: Attribute[][] = [];
  for (const a of attrs) {
    const last = units[units.length - 1];
    if (a.when && last?.[0]?.when && last[0].when.on === a.when.on) last.push(a);
    else units.push([a]);
  }
  const key = (p: string[]) => p.join('\0');
  const defines = units.map((u) => new Set(u.filter((a) => !a.todo).map((a) => key(a.path))));
  const reads = units.map((u) => u.flatMap((a) => readPaths(a.value).map(key)));
  const placed = new Array<boolean>(units.length).fill(false);
  const out: Attribute[] = [];
  const place = (i: number, stack: Set<number>) => {
    if (placed[i] || stack.has(i)) return;
    stack.add(i);
    for (const r of reads[i]!) {
      units.forEach((_, j) => {
        if (j !== i && !placed[j] && defines[j]!.has(r)) place(j, stack);
      });
    }
    stack.delete(i);
    placed[i] = true;
    out.push(...units[i]!);
  };
  units.forEach((_, i) => place(i, new Set()));
  return out;
}
