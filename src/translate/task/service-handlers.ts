// A handler that only restarts or reloads a service is the service resource itself, as a Chef
// cookbook would write it: handlers.rb declares `service 'haproxy'` (action :nothing) and tasks
// notify `service[haproxy]`. Only where that is provably the same run as Ansible's:
// - Ansible runs notified handlers once each, in definition order; Chef runs delayed notifications
//   in the order they were first queued, once per resource and action. So every task of the
//   cookbook that notifies must notify the same handlers in definition order (the first change
//   queues them all, in that order), no handler notifies another, and no two handlers run the same
//   action on the same service (Ansible would run both, Chef once);
// - a task's `service` of that name is notified only when it is declared once, unconditionally in
//   the default recipe, with no property or guard (Chef runs a notified action with the resource's
//   properties and guards); without one, handlers.rb declares it.
// Elsewhere the handler keeps its own resource, with a comment saying why.
import type { ConvergeLoop, Notification, ResourceStmt, Stmt } from '../../ir/chef-ir.js';
import type { RExpr } from '../../ir/ruby-ast.js';
import type { HandlerIndex, HandlerTarget } from './handlers.js';

// `state: reloaded` is :reload then :start (a stopped service is started, as Ansible does).
const SERVICE_ACTIONS = new Set(['restart', 'reload', 'start']);

/** The service a handler restarts or reloads, when that is all it does. */
function serviceOf(h: HandlerTarget): string | undefined {
  if (h.unreachable || h.targets.length !== 1) return undefined;
  const t = h.targets[0]!;
  const r = t.resource;
  if (t.forEach || r.type !== 'service' || r.guards.length || r.notifies.length || r.subscribes.length) return undefined;
  if (!t.actions.length || !t.actions.every((a) => typeof a === 'string' && SERVICE_ACTIONS.has(a))) return undefined;
  const name = r.properties.find((p) => p.name === 'service_name');
  if (name?.value.k !== 'str' || r.properties.length !== 1) return undefined;
  return name.value.v;
}

/** Why the handlers of this cookbook cannot notify their service directly, or undefined when they can. */
function orderProblem(handlers: HandlerIndex): string | undefined {
  if (handlers.chained) return 'a handler notifies another handler';
  const seqs = handlers.sequences.map((s) => [...new Set(s)]).filter((s) => s.length > 0);
  const first = seqs[0];
  if (!first) return undefined;
  const same = seqs.every((s) => s.length === first.length && s.every((h, i) => h === first[i]));
  if (!same)
    return 'the tasks notify different sets of handlers, so the order Chef queues them in can differ from the order Ansible runs them in (definition order)';
  if (!handlers.inDefinitionOrder(first))
    return 'the tasks notify the handlers in another order than they are defined in, the order Ansible runs them in';
  return undefined;
}

/** Points the cookbook's notifications of plain service handlers at the service resources; returns how many handlers changed. */
export function notifyServicesDirectly(
  handlers: HandlerIndex,
  recipes: Array<{ name: string; stmts: Stmt[] }>,
  handlerStmts: Stmt[],
): number {
  const candidates = handlers.all().flatMap((h) => {
    const svc = serviceOf(h);
    return svc === undefined ? [] : [{ h, svc }];
  });
  if (!candidates.length) return 0;
  const problem = orderProblem(handlers);
  const declared = new Map<string, ResourceStmt[]>();
  for (const r of recipes) {
    if (r.stmts === handlerStmts) continue;
    for (const x of resourcesIn(r.stmts))
      if (x.type === 'service' && x.name.k === 'str') declared.set(x.name.v, [...(declared.get(x.name.v) ?? []), x]);
  }
  const topLevel = new Set(recipes.find((r) => r.name === 'default')?.stmts ?? []);
  const taskService = (svc: string): 'none' | 'usable' | 'other' => {
    const found = declared.get(svc) ?? [];
    if (!found.length) return 'none';
    const r = found[0]!;
    return found.length === 1 && topLevel.has(r) && !r.guards.length && !r.properties.length && !r.actionExpr ? 'usable' : 'other';
  };
  const actionUses = new Map<string, number>();
  for (const { h, svc } of candidates)
    for (const a of h.targets[0]!.actions) actionUses.set(`${svc} ${String(a)}`, (actionUses.get(`${svc} ${String(a)}`) ?? 0) + 1);
  let changed = 0;
  const seenService = new Set<string>();
  for (const { h, svc } of candidates) {
    const r = h.targets[0]!.resource;
    const why =
      problem ??
      (taskService(svc) === 'other'
        ? `a task declares service '${svc}' with properties, a guard, in a loop or branch, in another recipe than default, or more than once`
        : undefined) ??
      (h.targets[0]!.actions.some((a) => (actionUses.get(`${svc} ${String(a)}`) ?? 0) > 1)
        ? `another handler runs the same action on service '${svc}' (Ansible runs both, Chef once)`
        : undefined);
    if (why) {
      (r.notes ??= []).push(`kept as its own resource, not notified as service[${svc}]: ${why}`);
      continue;
    }
    const old = r.name;
    const shared = seenService.has(svc);
    seenService.add(svc);
    r.name = { k: 'str', v: svc };
    r.properties = [];
    delete r.identity;
    retarget([...recipes.flatMap((x) => x.stmts), ...handlerStmts], old, r.name);
    // A second handler of the same service (another action), or one a task declares, notifies that resource.
    const task = taskService(svc) === 'usable' ? declared.get(svc)![0]! : undefined;
    if (shared || task) {
      removeStmt(handlerStmts, r);
      const kept =
        task ??
        handlerStmts.find(
          (x): x is ResourceStmt => x.kind === 'resource' && x.type === 'service' && x.name.k === 'str' && x.name.v === svc,
        );
      const where = `${r.origin.span.file}:${r.origin.span.line}`;
      if (kept) (kept.notes ??= []).push(`also handler '${h.name}' (${where}): notified as this resource`);
    }
    changed++;
  }
  return changed;
}

function retarget(stmts: Stmt[], old: RExpr, now: RExpr): void {
  // A loop at converge time carries its task's notifications on its a2c_converge_loop resource.
  const lists = [...resourcesIn(stmts).map((r) => r.notifies), ...convergeLoopsIn(stmts).map((c) => c.notifies)];
  for (const ns of lists) for (const n of ns) if (n.resourceType === 'service' && sameName(n, old)) n.resourceName = now;
}

/** Every loop run at converge time in these statements, at any depth. */
function convergeLoopsIn(value: unknown, out: ConvergeLoop[] = []): ConvergeLoop[] {
  if (Array.isArray(value)) {
    for (const v of value) convergeLoopsIn(v, out);
    return out;
  }
  if (typeof value !== 'object' || value === null) return out;
  const v = value as Record<string, unknown>;
  if (v['kind'] === 'each' && v['atConverge']) out.push(v['atConverge'] as ConvergeLoop);
  for (const [k, x] of Object.entries(v)) if (k !== 'origin' && k !== 'atConverge' && typeof x === 'object') convergeLoopsIn(x, out);
  return out;
}

function sameName(n: Notification, name: RExpr): boolean {
  return n.resourceName === name || JSON.stringify(n.resourceName) === JSON.stringify(name);
}

/** Every resource in these statements, at any depth (loops, branches, blocks). */
function resourcesIn(value: unknown, out: ResourceStmt[] = []): ResourceStmt[] {
  if (Array.isArray(value)) {
    for (const v of value) resourcesIn(v, out);
    return out;
  }
  if (typeof value !== 'object' || value === null) return out;
  const v = value as Record<string, unknown>;
  if (v['kind'] === 'resource') out.push(v as unknown as ResourceStmt);
  for (const [k, x] of Object.entries(v)) if (k !== 'origin' && typeof x === 'object') resourcesIn(x, out);
  return out;
}

function removeStmt(stmts: Stmt[], target: Stmt): void {
  const i = stmts.indexOf(target);
  if (i >= 0) stmts.splice(i, 1);
}
