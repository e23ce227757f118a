// A loop whose list reads a registered result: the list exists only once the registering task has
// run, while Chef declares a recipe's resources when the recipe compiles. The loop is kept as it
// is and written inside an `a2c_converge_loop` resource (support cookbook), whose action runs it
// at the task's place in the run; the task's notifications move onto that resource, which Chef
// marks updated when a resource the loop declared was (Ansible: a loop is changed when an item is).
import type { EachStmt, Notification, ResourceStmt, Stmt } from '../../ir/chef-ir.js';
import { someExpr, str, type RExpr } from '../../ir/ruby-ast.js';
import type { Task } from '../../load/ansible/model.js';
import { type Result, Untranslatable } from '../../base/failure.js';
import { collectResources } from './task-resources.js';

const NOTE =
  'its loop reads a registered result, which exists only at converge time: the list is read, and its resources declared and converged, when this resource runs';

/** Modules that become compile-time Ruby rather than resources: a loop at converge time cannot hold them. */
const NOT_RESOURCES: ReadonlySet<string> = new Set(['ansible.builtin.set_fact', 'ansible.builtin.include_vars', 'ansible.builtin.meta']);

/** Why a loop over a registered result cannot run at converge time, before its module is translated. */
export function convergeLoopObstacle(task: Task, handler: boolean): Untranslatable | undefined {
  const why = handler
    ? 'a handler whose loop reads a registered result is not converted (its notifications name each item)'
    : NOT_RESOURCES.has(task.module)
      ? `${task.moduleAsWritten} in a loop over a registered result is not converted (it sets values when the recipe compiles, before the result exists)`
      : task.keywords.has('register')
        ? 'a registered loop over a registered result is not converted (only command and shell record their items at converge time)'
        : undefined;
  return why ? new Untranslatable('A2C-TODO-REGISTER', why, task.keywords.get('register')?.span ?? task.span) : undefined;
}

/**
 * The loop statement made to run at converge time, its resources' notifications moved onto the
 * `a2c_converge_loop` resource; a TODO where that would change when or what is notified.
 */
export function atConverge(task: Task, stmt: Stmt, onlyWhen: RExpr | undefined): Result<Stmt> {
  if (stmt.kind !== 'each')
    return new Untranslatable('A2C-TODO-REGISTER', 'a loop over a registered result is not converted here', task.span);
  // Only resources (in ifs and loops): an assignment or include would run in the action, unseen
  // by what the recipe decides when it compiles.
  if (!onlyResources(stmt.body))
    return new Untranslatable('A2C-TODO-REGISTER', 'a loop over a registered result: not converted for this module', task.span);
  const resources = collectResources(stmt.body);
  const refuse = (why: string) => new Untranslatable('A2C-TODO-REGISTER', `a loop over a registered result: ${why}`, task.span);
  // A resource that waits to be notified, or is subscribed, would sit in the loop's own collection:
  // nothing outside could reach it when the loop has run.
  if (resources.some((r) => r.subscribes.length || r.actions.includes('nothing')))
    return refuse('a resource of it waits for a notification, which nothing outside the loop could send');
  // The task's notifications are the delayed ones; an immediate one (a mount's fstab entry
  // remounting it) names a resource of the same loop body and stays where it is.
  const delayed = (r: ResourceStmt) => r.notifies.filter((n) => n.timing === 'delayed');
  const notifying = resources.filter((r) => !r.auxiliary);
  const first = notifying[0] ? delayed(notifying[0]) : [];
  const key = (ns: readonly Notification[]) => JSON.stringify(ns);
  // Every resource of the task notifies the same handlers (the task's notify), and an auxiliary one
  // (apt_update before a package) none: then "one of them was updated" is when Ansible notifies.
  if (notifying.some((r) => key(delayed(r)) !== key(first)) || resources.some((r) => r.auxiliary && delayed(r).length))
    return refuse('its resources do not all notify the same handlers');
  if (first.length) {
    if (resources.some((r) => r.auxiliary)) return refuse("a resource it adds before the task's own would notify its handlers too");
    const locals = new Set([...stmt.params]);
    const readsItem = (n: Notification) =>
      [n.resourceName, ...(n.actionExpr ? [n.actionExpr] : [])].some((e) => someExpr(e, (x) => x.k === 'var' && locals.has(x.name)));
    if (first.some(readsItem)) return refuse('a notification computed from the loop item');
  }
  for (const r of resources) r.notifies = r.notifies.filter((n) => n.timing !== 'delayed');
  const out: EachStmt = {
    ...stmt,
    atConverge: {
      name: str(task.name ?? `loop at ${task.span.file}:${task.span.line}`),
      origin: { span: task.span, ...(task.name !== undefined ? { taskName: task.name } : {}) },
      notes: [NOTE],
      notifies: first,
      ...(onlyWhen ? { onlyWhen } : {}),
    },
  };
  return out;
}

function onlyResources(stmts: readonly Stmt[]): boolean {
  return stmts.every((s) =>
    s.kind === 'resource' || s.kind === 'comment'
      ? true
      : s.kind === 'each'
        ? onlyResources(s.body)
        : s.kind === 'if'
          ? onlyResources([...s.body, ...(s.otherwise ?? [])])
          : false,
  );
}
