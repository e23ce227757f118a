// The Ruby expressions a cookbook's IR holds (attribute values and conditions, recipe statements,
// template tags), for passes that look at what the output reads or calls.
import type { Cookbook, ErbNode, Notification, Stmt } from './chef-ir.js';
import type { RExpr } from './ruby-ast.js';

export function stmtExprs(s: Stmt): RExpr[] {
  switch (s.kind) {
    case 'resource':
      return [
        s.name,
        ...s.properties.map((p) => p.value),
        ...(s.actionExpr ? [s.actionExpr] : []),
        ...s.guards.flatMap((g) => [g.ruby, g.command].filter((x): x is RExpr => !!x)),
        ...notificationExprs([...s.notifies, ...s.subscribes]),
      ];
    case 'each':
      return [
        ...(s.atConverge
          ? [s.atConverge.name, ...(s.atConverge.onlyWhen ? [s.atConverge.onlyWhen] : []), ...notificationExprs(s.atConverge.notifies)]
          : []),
        s.items,
        ...(s.skipUnless ? [s.skipUnless] : []),
        ...s.body.flatMap(stmtExprs),
      ];
    case 'if':
      return [s.cond, ...s.body.flatMap(stmtExprs), ...(s.otherwise ?? []).flatMap(stmtExprs)];
    case 'assign':
      return [s.value];
    case 'call':
      return [s.expr];
    case 'include_recipe':
      return 'recipeExpr' in s ? [s.recipeExpr] : [];
    default:
      return [];
  }
}

function notificationExprs(ns: readonly Notification[]): RExpr[] {
  return ns.flatMap((n) => [n.resourceName, ...(n.actionExpr ? [n.actionExpr] : []), ...(n.forEach ? [n.forEach.items] : [])]);
}

export function erbExprs(n: ErbNode): RExpr[] {
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

/** Every top-level expression of a cookbook: attributes, recipes, templates. */
export function cookbookExprs(cb: Cookbook): RExpr[] {
  return [
    ...cb.attributes.flatMap((a) => [a.value, ...(a.when ? [a.when.on] : [])]),
    ...cb.recipes.flatMap((r) => r.stmts.flatMap(stmtExprs)),
    ...cb.templates.flatMap((t) => t.body.flatMap(erbExprs)),
  ];
}
