// Values a recipe reads again and again (`node.read!('apache', 'server_root')` in every resource of a
// task file, a handler's action list `[{ 'started' => :start, ... }.fetch(node[...]['restart_state'])].flatten`
// on every notifying resource) are read once into a local, as a Chef engineer would write it.
//
// Faithful because of what the generated recipes are: nothing in them writes a node attribute (set_fact
// and include_vars write node.run_state; the support library writes none), so every read of one path while
// the recipe compiles gives the same value. Only compile-time reads are replaced: lazy values, guards,
// blocks and what an a2c_converge_loop declares run later and keep their own read. The local is read just
// before the first statement that reads the value whatever the data (not in a loop body, a branch, or
// behind `&&`), so a read that fails (a missing attribute, a state the table lacks) fails at the same
// statement as before, and never where the recipe did not read at all; an attribute the cookbook's
// attributes file always sets cannot fail to read, and is read before the first statement reading it
// anywhere. An include_recipe ends a local's
// reach: the recipe it compiles is not this pass's to vouch for.
import type { AssignStmt, Notification, Recipe, ResourceStmt, Stmt } from '../ir/chef-ir.js';
import { callsSupport, mapChildren, rvar, type RExpr } from '../ir/ruby-ast.js';
import { eachStmtExpr } from '../ir/walk.js';
import { firstFree } from '../ir/ruby-names.js';
import { chefDefaultActions } from '../mapping/default-actions.js';
import { isActionList } from './action-list.js';
import { sanitizeLocal } from './locals.js';

/** At least this many reads of one value within a local's reach make it worth a local. */
const MIN_READS = 2;

/** Methods a recipe calls bare, which a local of the same name would shadow or break. */
const DSL = ['node', 'action', 'notifies', 'subscribes', 'only_if', 'not_if', 'lazy', 'block', 'include_recipe', 'declare', 'name'];

/** Node methods that write attributes: a recipe calling one is left as it is. */
const WRITERS = new Set([
  'default',
  'override',
  'normal',
  'force_default',
  'force_override',
  'default_unless',
  'normal_unless',
  'override_unless',
  'set',
  'consume_attributes',
  'rm',
  'rm_default',
  'rm_normal',
  'rm_override',
]);

/**
 * Rewrites `recipe` in place; returns the number of locals added. `alwaysSet`: whether the cookbook's
 * attributes file sets this path whatever the platform (its read then cannot fail, and may move before
 * a loop or branch that reads it).
 */
export function readOnce(recipe: Recipe, alwaysSet: (path: readonly string[]) => boolean = () => false): number {
  // Each candidate value: where it is read (top statement index, whether that read happens whatever the data).
  const reads = new Map<string, { expr: RExpr; at: Array<{ top: number; sure: boolean }> }>();
  recipe.stmts.forEach((s, top) =>
    rewriteStmt(s, true, (e, sure) => {
      if (!isCandidate(e)) return undefined;
      const key = keyOf(e);
      const r = reads.get(key) ?? { expr: e, at: [] };
      const path = attributePath(e);
      r.at.push({ top, sure: sure || (path !== undefined && alwaysSet(path)) });
      reads.set(key, r);
      return e;
    }),
  );
  // Most recipes read nothing twice: the walks below are for those that do.
  if (![...reads.values()].some((r) => r.at.length >= MIN_READS) || writesAttributes(recipe.stmts)) return 0;
  const barriers = recipe.stmts.flatMap((s, i) => (s.kind === 'include_recipe' ? [i] : []));
  const taken = takenNames(recipe.stmts);
  const hoists: Array<{ key: string; from: number; to: number; local: string; expr: RExpr }> = [];
  for (const [key, r] of reads) {
    let i = 0;
    while (i < r.at.length) {
      const first = r.at.slice(i).find((x) => x.sure);
      if (!first) break;
      const to = barriers.find((b) => b > first.top) ?? recipe.stmts.length;
      const within = r.at.filter((x) => x.top >= first.top && x.top < to);
      if (within.length >= MIN_READS) {
        const local = localName(r.expr, taken);
        taken.add(local);
        hoists.push({ key, from: first.top, to, local, expr: r.expr });
      }
      i = r.at.findIndex((x) => x.top >= to);
      if (i < 0) break;
    }
  }
  if (hoists.length === 0) return 0;
  const out: Stmt[] = [];
  recipe.stmts.forEach((s, top) => {
    const here = hoists.filter((h) => top >= h.from && top < h.to);
    for (const h of hoists.filter((x) => x.from === top)) out.push(assign(h.local, h.expr, s));
    if (here.length === 0) {
      out.push(s);
      return;
    }
    const byKey = new Map(here.map((h) => [h.key, h.local]));
    out.push(
      rewriteStmt(s, true, (e) => {
        if (!isCandidate(e)) return undefined;
        const local = byKey.get(keyOf(e));
        return local === undefined ? undefined : { k: 'var', name: local, ...(typeOfRead(e) ? { vt: typeOfRead(e)! } : {}) };
      }),
    );
  });
  recipe.stmts.splice(0, recipe.stmts.length, ...out);
  return hoists.length;
}

function assign(local: string, value: RExpr, before: Stmt): AssignStmt {
  const origin = 'origin' in before ? before.origin : { span: { file: '', line: 1, col: 1 } };
  return { kind: 'assign', target: rvar(local), value, origin: { span: origin.span }, once: true };
}

function typeOfRead(e: RExpr) {
  return e.k === 'index' || e.k === 'call' ? e.vt : undefined;
}

/** A value worth reading once: an attribute path (`node['a']['b']`, `node.read!('a', 'b')`) or a handler's action list over one. */
function isCandidate(e: RExpr): boolean {
  if (attributePath(e)) return true;
  if (!isActionList(e) || callsSupport(e)) return false;
  let reads = false;
  const plain = (x: RExpr): boolean => {
    if (attributePath(x)) {
      reads = true;
      return true;
    }
    switch (x.k) {
      case 'str':
      case 'sym':
      case 'int':
        return true;
      case 'array':
        return x.items.every(plain);
      case 'hash':
        return x.pairs.every(([k, v]) => plain(k) && plain(v));
      case 'call':
        return (x.name === 'fetch' || x.name === 'flatten') && !x.block && x.recv !== undefined && plain(x.recv) && x.args.every(plain);
      default:
        return false;
    }
  };
  return plain(e) && reads;
}

/** The path of `node['a']['b']...` (at least two keys) or `node.read!('a', 'b', ...)`, else undefined. */
function attributePath(e: RExpr): string[] | undefined {
  if (e.k === 'call' && e.name === 'read!' && isNode(e.recv) && !e.block && e.args.length >= 2 && e.args.every((a) => a.k === 'str'))
    return e.args.map((a) => (a as { v: string }).v);
  const path: string[] = [];
  let x: RExpr = e;
  while (x.k === 'index' && x.key.k === 'str') {
    path.unshift(x.key.v);
    x = x.recv;
  }
  return path.length >= 2 && isNode(x) ? path : undefined;
}

function isNode(e: RExpr | undefined): boolean {
  return e !== undefined && e.k === 'call' && e.name === 'node' && e.recv === undefined && e.args.length === 0;
}

/** Equal values print equally: the key leaves out what printing ignores (static types). */
function keyOf(e: RExpr): string {
  return JSON.stringify(e, (k, v) => (k === 'vt' ? undefined : v));
}

/**
 * `server_root` for a read of server_root, `restart_state_actions` for the action list it selects; where that
 * name is taken, the key before joins it (`vhost_name` for node['vhost']['name']), then a number.
 */
function localName(e: RExpr, taken: ReadonlySet<string>): string {
  let path: string[] | undefined;
  const find = (x: RExpr): void => {
    const p = attributePath(x);
    if (p) path ??= p;
    else
      mapChildren(x, (c) => {
        find(c);
        return c;
      });
  };
  find(e);
  // No leading `_`: in Ruby it says the local is never read (Lint/UnderscorePrefixedVariableName).
  const keys = (path ?? ['value']).map((k) => k.toLowerCase().replace(/^_+/, '') || 'value');
  const suffix = isActionList(e) ? '_actions' : '';
  const plain = sanitizeLocal(keys[keys.length - 1]! + suffix);
  const base = taken.has(plain) && keys.length > 1 ? sanitizeLocal(keys.slice(-2).join('_') + suffix) : plain;
  return firstFree(base, (n) => taken.has(n));
}

/**
 * Names the new local must not take: locals and block parameters of the recipe, methods it calls bare,
 * resource types and the properties it sets (a local `path` would break `path '/x'`), the DSL's own.
 */
function takenNames(stmts: readonly Stmt[]): Set<string> {
  const taken = new Set<string>([...DSL, ...chefDefaultActions().keys()]);
  const expr = (e: RExpr): RExpr => {
    if (e.k === 'var') taken.add(e.name);
    if (e.k === 'call') {
      if (!e.recv) taken.add(e.name);
      for (const p of e.block?.params ?? []) taken.add(p);
      if (e.block) expr(e.block.body);
    }
    if (e.k === 'lazy') expr(e.e);
    return mapChildren(e, expr);
  };
  const stmt = (s: Stmt): void => {
    eachStmtExpr(s, expr);
    if (s.kind === 'each') s.params.forEach((p) => taken.add(p));
    if (s.kind === 'resource') {
      taken.add(s.type);
      for (const p of s.properties) {
        taken.add(p.name);
        for (const b of p.blockParams ?? []) taken.add(b);
      }
      for (const n of [...s.notifies, ...s.subscribes]) n.forEach?.params.forEach((p) => taken.add(p));
    }
    if (s.kind === 'each' && s.atConverge) for (const n of s.atConverge.notifies) n.forEach?.params.forEach((p) => taken.add(p));
    if (s.kind === 'assign') expr(s.target);
    if (s.kind === 'each' || s.kind === 'if') [...s.body, ...((s.kind === 'if' && s.otherwise) || [])].forEach(stmt);
  };
  stmts.forEach(stmt);
  return taken;
}

/** Whether any expression of the statements calls a node method that writes attributes, or assigns other than a local or run_state. */
function writesAttributes(stmts: readonly Stmt[]): boolean {
  let writes = false;
  const expr = (e: RExpr): RExpr => {
    if (e.k === 'call') {
      if (WRITERS.has(e.name) && isNode(e.recv)) writes = true;
      if (e.block) expr(e.block.body);
    }
    if (e.k === 'lazy') expr(e.e);
    return mapChildren(e, expr);
  };
  const stmt = (s: Stmt): void => {
    eachStmtExpr(s, expr);
    if (s.kind === 'assign' && s.target.k !== 'var' && !(s.target.k === 'index' && isRunState(s.target.recv))) writes = true;
    if (s.kind === 'each' || s.kind === 'if') [...s.body, ...((s.kind === 'if' && s.otherwise) || [])].forEach(stmt);
  };
  stmts.forEach(stmt);
  return writes;
}

function isRunState(e: RExpr): boolean {
  return e.k === 'call' && e.name === 'run_state' && isNode(e.recv) && e.args.length === 0;
}

/**
 * A copy of s with f applied to each expression evaluated while the recipe compiles: f returns a
 * replacement (not looked into) or undefined to look inside. `sure`: the expression is evaluated
 * whenever the top statement is (not in a loop body, a branch, per item, or behind `&&`/`||`/`?:`).
 */
type Visit = (e: RExpr, sure: boolean) => RExpr | undefined;

function rewriteStmt(s: Stmt, sure: boolean, f: Visit): Stmt {
  const x = (e: RExpr, sureHere = sure) => rewriteExpr(e, sureHere, f);
  switch (s.kind) {
    case 'resource':
      return rewriteResource(s, sure, f);
    case 'each': {
      if (s.atConverge) {
        // Its name and notifications are the a2c_converge_loop resource's, compiled here; the list,
        // the item condition and the body are read when that resource runs.
        return {
          ...s,
          atConverge: {
            ...s.atConverge,
            name: x(s.atConverge.name),
            notifies: s.atConverge.notifies.map((n) => rewriteNotification(n, sure, f)),
          },
        };
      }
      return {
        ...s,
        items: x(s.items),
        ...(s.skipUnless ? { skipUnless: x(s.skipUnless, false) } : {}),
        body: s.body.map((b) => rewriteStmt(b, false, f)),
      };
    }
    case 'if':
      return {
        ...s,
        cond: x(s.cond),
        body: s.body.map((b) => rewriteStmt(b, false, f)),
        ...(s.otherwise ? { otherwise: s.otherwise.map((b) => rewriteStmt(b, false, f)) } : {}),
      };
    case 'assign':
      return { ...s, value: x(s.value) };
    case 'call':
      return { ...s, expr: x(s.expr) };
    case 'include_recipe':
      return 'recipeExpr' in s ? { ...s, recipeExpr: x(s.recipeExpr) } : s;
    default:
      return s;
  }
}

function rewriteResource(s: ResourceStmt, sure: boolean, f: Visit): ResourceStmt {
  const x = (e: RExpr) => rewriteExpr(e, sure, f);
  return {
    ...s,
    name: x(s.name),
    // A block property (ruby_block's block) runs at converge time.
    properties: s.properties.map((p) => (p.block ? p : { ...p, value: x(p.value) })),
    ...(s.actionExpr ? { actionExpr: x(s.actionExpr) } : {}),
    // `only_if { ruby }` runs at converge time; a command guard's string is built as the resource compiles.
    guards: s.guards.map((g) => (g.command ? { ...g, command: x(g.command) } : g)),
    notifies: s.notifies.map((n) => rewriteNotification(n, sure, f)),
    subscribes: s.subscribes.map((n) => rewriteNotification(n, sure, f)),
  };
}

function rewriteNotification(n: Notification, sure: boolean, f: Visit): Notification {
  // With a condition, only the condition is read whatever the data; a looped notification reads its
  // name and action per item.
  const whole = sure && !n.onlyIf;
  const each = whole && !n.forEach;
  return {
    ...n,
    resourceName: rewriteExpr(n.resourceName, each, f),
    ...(n.actionExpr ? { actionExpr: rewriteExpr(n.actionExpr, each, f) } : {}),
    ...(n.forEach ? { forEach: { ...n.forEach, items: rewriteExpr(n.forEach.items, whole, f) } } : {}),
    ...(n.onlyIf ? { onlyIf: rewriteExpr(n.onlyIf, sure, f) } : {}),
  };
}

function rewriteExpr(e: RExpr, sure: boolean, f: Visit): RExpr {
  const hit = f(e, sure);
  if (hit !== undefined) return hit;
  switch (e.k) {
    // Run later (lazy) or when the callee chooses (a block): left as they are.
    case 'lazy':
      return e;
    case 'call':
      return mapChildren(e, (c) => rewriteExpr(c, sure, f));
    case 'ternary':
      return { ...e, c: rewriteExpr(e.c, sure, f), t: rewriteExpr(e.t, false, f), f: rewriteExpr(e.f, false, f) };
    case 'binop':
      if (e.op === '&&' || e.op === '||') return { ...e, l: rewriteExpr(e.l, sure, f), r: rewriteExpr(e.r, false, f) };
      return mapChildren(e, (c) => rewriteExpr(c, sure, f));
    default:
      return mapChildren(e, (c) => rewriteExpr(c, sure, f));
  }
}
