// The Ruby expressions a cookbook's IR holds (attribute values and conditions, recipe statements,
// template tags), for passes that look at what the output reads or calls. Visited in place, in one
// order, rather than gathered: building the lists (spreads and flatMaps per statement) cost more than
// the passes that read them, some 2% of a 1000-role run.
import type { Cookbook, ErbNode, Notification, Stmt } from './chef-ir.js';
import type { RExpr } from './ruby-ast.js';

type Visit = (e: RExpr) => void;

/** Every statement of a list, those of loop bodies and branches included, in order. */
export function eachStmt(stmts: readonly Stmt[], f: (s: Stmt) => void): void {
  for (const s of stmts) {
    f(s);
    if (s.kind === 'each') eachStmt(s.body, f);
    else if (s.kind === 'if') {
      eachStmt(s.body, f);
      eachStmt(s.otherwise ?? [], f);
    }
  }
}

/** A statement's expressions, nested statements' included. */
export function eachStmtExpr(s: Stmt, f: Visit): void {
  switch (s.kind) {
    case 'resource':
      f(s.name);
      for (const p of s.properties) f(p.value);
      if (s.actionExpr) f(s.actionExpr);
      for (const g of s.guards) {
        if (g.ruby) f(g.ruby);
        if (g.command) f(g.command);
      }
      eachNotificationExpr(s.notifies, f);
      eachNotificationExpr(s.subscribes, f);
      return;
    case 'each':
      if (s.atConverge) {
        f(s.atConverge.name);
        if (s.atConverge.onlyWhen) f(s.atConverge.onlyWhen);
        eachNotificationExpr(s.atConverge.notifies, f);
      }
      f(s.items);
      if (s.skipUnless) f(s.skipUnless);
      for (const b of s.body) eachStmtExpr(b, f);
      return;
    case 'if':
      f(s.cond);
      for (const b of s.body) eachStmtExpr(b, f);
      for (const b of s.otherwise ?? []) eachStmtExpr(b, f);
      return;
    case 'assign':
      f(s.value);
      return;
    case 'call':
      f(s.expr);
      return;
    case 'include_recipe':
      if ('recipeExpr' in s) f(s.recipeExpr);
      return;
    default:
      return;
  }
}

function eachNotificationExpr(ns: readonly Notification[], f: Visit): void {
  for (const n of ns) {
    f(n.resourceName);
    if (n.actionExpr) f(n.actionExpr);
    if (n.forEach) f(n.forEach.items);
    if (n.onlyIf) f(n.onlyIf);
  }
}

/** A template node's expressions, nested nodes' included. */
export function eachErbExpr(n: ErbNode, f: Visit): void {
  switch (n.k) {
    case 'out':
      f(n.expr);
      return;
    case 'if':
      for (const b of n.branches) {
        f(b.cond);
        for (const x of b.body) eachErbExpr(x, f);
      }
      for (const x of n.otherwise ?? []) eachErbExpr(x, f);
      return;
    case 'each':
      f(n.items);
      for (const x of n.body) eachErbExpr(x, f);
      return;
    case 'assign':
      f(n.value);
      return;
    case 'do':
      f(n.expr);
      return;
    default:
      return;
  }
}

/** Every top-level expression of a cookbook, each handed to f: attributes, recipes, templates. */
export function eachCookbookExpr(cb: Cookbook, f: Visit): void {
  for (const a of cb.attributes) {
    f(a.value);
    if (a.when) f(a.when.on);
  }
  for (const r of cb.recipes) for (const s of r.stmts) eachStmtExpr(s, f);
  for (const t of cb.templates) for (const n of t.body) eachErbExpr(n, f);
}
