// A handler whose action is templated (`state: "{{ restart_state }}"`) or that loops over a variable is
// notified through a list computed from that value (`[A2C::Tasks.action(...)].flatten.each { ... }`,
// `A2C::Lookup.items(...).each { ... }`), and every task notifying it repeats that computation. Where a recipe
// repeats one, it is written once as a local lambda before the first statement that uses it, and each
// notification calls it: the value is still computed where and when each notification is, as before
// (a lambda, not a value: a notifying resource in a loop over an empty list, or under a false `if`,
// computes nothing, and a set_fact value it reads is read at the same point).
import type { Notification, Origin, Recipe, Stmt } from '../ir/chef-ir.js';
import { call, callsSupport, rvar, type RExpr } from '../ir/ruby-ast.js';
import { firstFree } from '../ir/ruby-names.js';
import { eachStmtExpr } from '../ir/walk.js';
import { isActionList } from './action-list.js';
import { sanitizeLocal } from './locals.js';

/**
 * Rewrites `recipe` in place; returns the number of locals it added. `handlers`: the handler resources, whose
 * provenance the local's comment gives.
 */
export function shareNotifyLists(recipe: Recipe, handlers: readonly Stmt[]): number {
  const uses = new Map<string, { expr: RExpr; part: RExpr | undefined; notes: Notification[]; firstTop: number }>();
  recipe.stmts.forEach((top, i) => {
    for (const n of notificationsIn(top)) {
      const items = n.forEach?.items;
      if (!items || !callsSupport(items) || freeVars(items, new Set()).size > 0) continue;
      const part = namePart(n);
      const expr = part ? call(items, 'map', [], { noParens: true, block: { params: n.forEach!.params, body: part } }) : items;
      const key = JSON.stringify(expr);
      const u = uses.get(key) ?? { expr, part, notes: [], firstTop: i };
      u.notes.push(n);
      uses.set(key, u);
    }
  });
  const shared = [...uses.values()].filter((u) => u.notes.length > 1);
  if (shared.length === 0) return 0;
  const taken = namesIn(recipe.stmts);
  const inserts: Array<{ at: number; stmt: Stmt }> = [];
  for (const u of shared) {
    const local = firstFree(baseName(u.expr), (n) => taken.has(n));
    taken.add(local);
    const lambda = call(undefined, 'lambda', [], { block: { params: [], body: u.expr } });
    const origin = handlerOrigin(handlers, u.notes[0]!) ?? { span: { file: recipe.source, line: 1, col: 1 } };
    inserts.push({ at: u.firstTop, stmt: { kind: 'assign', target: rvar(local), value: lambda, origin } });
    const items = call(rvar(local), 'call', [], { noParens: true });
    for (const n of u.notes) {
      if (!u.part) {
        n.forEach = { items, params: n.forEach!.params };
        continue;
      }
      const part = JSON.stringify(u.part);
      const name = n.resourceName as Extract<RExpr, { k: 'interp' }>;
      n.resourceName = {
        k: 'interp',
        parts: name.parts.map((p) => (typeof p !== 'string' && JSON.stringify(p) === part ? rvar('name') : p)),
      };
      n.forEach = { items, params: ['name'] };
    }
  }
  // Later insertion points first, so earlier indexes stay right; locals for one statement keep their order.
  for (const { at, stmt } of [...inserts].reverse()) recipe.stmts.splice(at, 0, stmt);
  return shared.length;
}

/**
 * A looping handler's resources are named from the item (`"execute[Stop #{A2C::Jinja.out(item)}]"`): where the
 * name reads the item through one expression that calls the support library, and nothing else of the
 * notification reads the item, that expression is computed in the shared list (`items.map { |item| ... }`)
 * and the notification interpolates its result.
 */
function namePart(n: Notification): RExpr | undefined {
  if (n.resourceName.k !== 'interp' || isActionList(n.forEach!.items)) return undefined;
  const params = new Set(n.forEach!.params);
  const reads = (e: RExpr) => [...freeVars(e, new Set())].some((v) => params.has(v));
  if (n.actionExpr && reads(n.actionExpr)) return undefined;
  const parts = n.resourceName.parts.filter((p): p is RExpr => typeof p !== 'string' && reads(p));
  const distinct = new Set(parts.map((p) => JSON.stringify(p)));
  if (distinct.size !== 1 || !callsSupport(parts[0]!)) return undefined;
  return parts[0];
}

/** Named after the value read: `restart_state_actions` for a handler's action list, `services_items` (or
 * `services_names`) for a looping handler's items. */
function baseName(items: RExpr): string {
  const key = lastKey(items);
  if (isActionList(items)) return sanitizeLocal(key ? `${key.toLowerCase()}_actions` : 'notified_actions');
  const what = items.k === 'call' && items.name === 'map' && items.block ? 'names' : 'items';
  return sanitizeLocal(key ? `${key.toLowerCase()}_${what}` : `notified_${what}`);
}

function handlerOrigin(stmts: readonly Stmt[], n: Notification): Origin | undefined {
  const name = JSON.stringify(n.resourceName);
  for (const s of stmts) {
    if (s.kind === 'resource' && s.type === n.resourceType && JSON.stringify(s.name) === name) return s.origin;
    if (s.kind === 'each' || s.kind === 'if') {
      const o = handlerOrigin([...s.body, ...((s.kind === 'if' && s.otherwise) || [])], n);
      if (o) return o;
    }
  }
  return undefined;
}

function lastKey(e: RExpr): string | undefined {
  let found: string | undefined;
  visit(e, (x) => {
    if (found === undefined && x.k === 'index' && x.key.k === 'str') found = x.key.v;
  });
  return found;
}

function notificationsIn(s: Stmt): Notification[] {
  switch (s.kind) {
    case 'resource':
      return [...s.notifies, ...s.subscribes];
    case 'each':
      return s.body.flatMap(notificationsIn);
    case 'if':
      return [...s.body, ...(s.otherwise ?? [])].flatMap(notificationsIn);
    default:
      return [];
  }
}

/** Every local or block parameter name the statements use, so a new local shadows none. */
function namesIn(stmts: Stmt[]): Set<string> {
  const out = new Set<string>();
  const params = (s: Stmt): void => {
    if (s.kind === 'each') s.params.forEach((p) => out.add(p));
    if (s.kind === 'resource') for (const n of [...s.notifies, ...s.subscribes]) n.forEach?.params.forEach((p) => out.add(p));
    if (s.kind === 'assign') visit(s.target, (x) => x.k === 'var' && out.add(x.name));
    if (s.kind === 'each' || s.kind === 'if') [...s.body, ...((s.kind === 'if' && s.otherwise) || [])].forEach(params);
  };
  stmts.forEach(params);
  for (const s of stmts)
    eachStmtExpr(s, (e) =>
      visit(e, (x) => {
        if (x.k === 'var') out.add(x.name);
        if (x.k === 'call' && x.block) x.block.params.forEach((p) => out.add(p));
      }),
    );
  return out;
}

/** The locals e reads that no block inside e binds. */
function freeVars(e: RExpr, bound: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const go = (x: RExpr, b: ReadonlySet<string>): void => {
    if (x.k === 'var' && !b.has(x.name)) out.add(x.name);
    if (x.k === 'ivar') out.add(`@${x.name}`);
    if (x.k === 'call' && x.block) {
      if (x.recv) go(x.recv, b);
      x.args.forEach((a) => go(a, b));
      x.kwargs?.forEach(([, v]) => go(v, b));
      go(x.block.body, new Set([...b, ...x.block.params]));
      return;
    }
    for (const c of childrenOf(x)) go(c, b);
  };
  go(e, bound);
  return out;
}

function visit(e: RExpr, f: (x: RExpr) => void): void {
  f(e);
  if (e.k === 'call' && e.block) visit(e.block.body, f);
  for (const c of childrenOf(e)) visit(c, f);
}

/** The direct sub-expressions (a call's block body excepted: its parameters bind names). */
function childrenOf(e: RExpr): RExpr[] {
  switch (e.k) {
    case 'call':
      return [...(e.recv ? [e.recv] : []), ...e.args, ...(e.kwargs ?? []).map(([, v]) => v)];
    case 'array':
      return e.items;
    case 'hash':
      return e.pairs.flat();
    case 'interp':
      return e.parts.filter((p): p is RExpr => typeof p !== 'string');
    case 'index':
      return [e.recv, e.key];
    case 'binop':
      return [e.l, e.r];
    case 'not':
    case 'neg':
    case 'lazy':
      return [e.e];
    case 'ternary':
      return [e.c, e.t, e.f];
    default:
      return [];
  }
}
