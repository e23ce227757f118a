// A task's conditions: `when` (its own, inherited from blocks and roles, and run_once's node) as
// guards on its resources or Ruby `if` around what runs at compile time; `when: r is changed` on
// a resource registered earlier as a subscription to that resource.
import { deferProperties, isLiteral } from '../defer.js';
import { SUPPORT_RESOURCES } from '../../support-cookbook/files.js';
import type { Guard, ResourceStmt, Stmt } from '../../ir/chef-ir.js';
import type { Task, TaskItem } from '../../load/ansible/model.js';
import type { Span } from '../../base/diagnostics.js';
import { staticString } from '../values.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { isConstCall, someExpr, str, type RExpr } from '../../ir/ruby-ast.js';
import type { CookbookEnv } from '../env.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { translateConditions } from '../values.js';
import type { Loop } from './loops.js';
import { readsRegistered } from './register.js';
import { changedOnly } from './register-reads.js';
import { chefDefaultAction } from '../../mapping/default-actions.js';

/**
 * The guards of a task's resources. `when: r is changed` on a resource registered earlier:
 * subscribe to that resource instead. Other conditions beside it (a block's or a role's `when`)
 * stay guards, checked when notified.
 */
export function whenGuards(
  task: Task,
  env: CookbookEnv,
  scope: VarScope,
  whenNodes: YNode[],
  resources: ResourceStmt[],
  loop: Loop | undefined,
): Result<RExpr[]> {
  const conds = whenNodes.flatMap((w) => (w.kind === 'seq' ? w.items : [w]));
  const changedTests = conds.filter((c) => changedOnly([c]) !== undefined);
  const source = changedTests.length === 1 ? changedOnly(changedTests) : undefined;
  const sourceReg = source ? env.registered.get(source) : undefined;
  const guards: RExpr[] = [];
  // A loop's recorded result has no resource to subscribe to: its test reads the record instead.
  if (sourceReg?.kind === 'resource' && sourceReg.resources.length && !loop && resources.length) {
    // Tasks of one file run in order: a registering task earlier in the reader's own file is the last
    // to register it before the read (the translation keeps that file's order).
    const at = registeringTasks(env.roleItems, source!);
    const files = [...new Set(at.map((s) => s.file))].sort();
    const earlierInFile = at.some((s) => s.file === task.span.file && s.line < task.span.line);
    if (files.length > 1 && !earlierInFile)
      return new Untranslatable(
        'A2C-TODO-REGISTER',
        `'${source} is changed': ${source} is registered by tasks of several task files (${files.join(', ')}); which of them registered it last on a node is not followed, and a subscription to one resource would miss the others`,
        task.span,
      );
    for (const c of conds.filter((x) => x !== changedTests[0])) {
      const g = translateConditions(c, scope);
      if (failed(g)) return g;
      guards.push(...g);
    }
    for (const r of resources) {
      // A resource naming no action runs Chef's default one: subscribing runs that.
      const fallback = r.actionExpr ? undefined : chefDefaultAction(r.type);
      const actions = r.actions.length ? r.actions : fallback ? [fallback] : [];
      if (!actions.length || r.actionExpr)
        return new Untranslatable('A2C-TODO-REGISTER', "'is changed' on a resource without a static action", task.span);
      r.actions = ['nothing'];
      for (const src of sourceReg.resources)
        for (const a of actions) r.subscribes.push({ action: a, resourceType: src.type, resourceName: src.name, timing: 'immediately' });
    }
    env.notes.add('when: <registered> is changed -> subscribes ... :immediately (runs right after the changed resource)');
    return guards;
  }
  // when (the task's own, and inherited from blocks) -> guards, evaluated per loop item.
  for (const w of whenNodes) {
    const c = translateConditions(w, scope);
    if (failed(c)) return c;
    guards.push(...c);
  }
  return guards;
}

/** Where the tasks among `items` that register `name` are, blocks included. */
function registeringTasks(items: readonly TaskItem[], name: string, out: Span[] = []): Span[] {
  for (const item of items) {
    if (item.kind === 'block') registeringTasks([...item.block, ...item.rescue, ...item.always], name, out);
    else if (staticString(item.keywords.get('register')) === name) out.push(item.span);
  }
  return out;
}

/**
 * All guards as one condition (undefined without any). A guard the translation decided is true
 * (`when: x is defined` of a variable the role's defaults set) checks nothing: it is left out
 * rather than written as a literal condition.
 */
export function allOf(guards: RExpr[]): RExpr | undefined {
  const open = guards.filter((g) => !(g.k === 'bool' && g.v));
  return open.length ? open.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b })) : undefined;
}

/** The conjuncts of a condition, in the order `&&` evaluates them. */
export function conjuncts(e: RExpr): RExpr[] {
  return e.k === 'binop' && e.op === '&&' ? [...conjuncts(e.l), ...conjuncts(e.r)] : [e];
}

/**
 * A looped task's guards split in two: `skip`, the leading conjuncts the loop checks per item
 * (`next unless`) before the resource is built, and `rest`, the guards left on the resources.
 * Ansible evaluates a per-item `when` before it templates the arguments, while Chef evaluates a
 * resource's name (and a templated action) when the recipe compiles, for every item: a name read
 * from what the guard tests raises on the items the guard skips (`item.path` where `when: item.path
 * is defined`). A conjunct moves only when it reads nothing that changes during the run (no
 * registered result, nothing kept in node.run_state): its value when the recipe compiles is then
 * the one only_if would see, so skipping the item early changes nothing else. Only a leading run
 * of such conjuncts moves, ending with the last that reads the loop variable (one that does not
 * need not move), so the conditions are still evaluated in order and the first false one stops
 * the rest (a converge-time one before it keeps them all on the resources). Only where a
 * resource's name or action reads the loop variable (otherwise nothing evaluated early can fail),
 * and the body is resources alone (other statements are already a compile-time `if` in the loop).
 */
export function itemGuards(loop: Loop, guards: RExpr[], stmts: Stmt[], resources: ResourceStmt[]): { skip: RExpr[]; rest: RExpr[] } {
  const params = new Set([loop.local, ...(loop.indexLocal ? [loop.indexLocal] : [])]);
  const readsItem = (e: RExpr) => someExpr(e, (x) => x.k === 'var' && params.has(x.name));
  const early = resources.some((r) => readsItem(r.name) || (r.actionExpr && readsItem(r.actionExpr)));
  const onlyResources = resources.length === stmts.filter((s) => s.kind !== 'comment').length;
  const parts = guards.flatMap(conjuncts);
  if (!early || !onlyResources || !parts.length) return { skip: [], rest: guards };
  const compileTime = (e: RExpr) => !readsRegistered(e) && !someExpr(e, (x) => x.k === 'call' && x.name === 'run_state');
  let n = 0;
  while (n < parts.length && compileTime(parts[n]!)) n++;
  // Up to the last one that reads the item: a block's `enabled | bool` before it moves with it.
  while (n > 0 && !readsItem(parts[n - 1]!)) n--;
  return n ? { skip: parts.slice(0, n), rest: parts.slice(n) } : { skip: [], rest: guards };
}

/**
 * The guards onto the task's body: only_if on each resource where the body is resources alone;
 * otherwise include_recipe and assignments run when the recipe compiles: a Ruby `if` around them.
 */
export function guarded(
  task: Task,
  env: CookbookEnv,
  stmts: Stmt[],
  body: Stmt[],
  resources: ResourceStmt[],
  guards: RExpr[],
  handler = false,
): Result<Stmt[]> {
  const cond = allOf(guards);
  if (!cond) return body;
  // A condition decided false (`when: x is not defined` of a variable the role's defaults set): the task is skipped on every node.
  const never = conjuncts(cond).some((g) => g.k === 'bool' && !g.v);
  if (never)
    env.notes.add(
      `${task.span.file}:${task.span.line} ${task.name ?? task.module}: its condition is false on every node (decided at conversion time): it never runs`,
    );
  if (resources.length === stmts.filter((s) => s.kind !== 'comment').length) {
    for (const r of resources) {
      r.guards.unshift({ kind: 'only_if', ruby: cond } satisfies Guard);
      labelComputedName(r, task, !handler && !task.keywords.has('register'));
      deferProperties(r);
    }
    return body;
  }
  if (readsRegistered(cond))
    return new Untranslatable(
      'A2C-TODO-REGISTER',
      'an include or set_fact conditioned on a registered result is decided before the result exists',
      task.span,
    );
  // Skipped on every node: what it would include or set is not written (no `if false`), a comment says why.
  if (never && !task.keywords.has('register'))
    return [
      {
        kind: 'comment',
        lines: [`${task.span.file}:${task.span.line} ${task.name ?? task.module}: never runs (its condition is false on every node)`],
      },
    ];
  env.notes.add('conditional includes and set_fact are decided when the recipe compiles, from attribute values');
  return [{ kind: 'if', cond, body: stmts }];
}

/**
 * A guarded resource's name is evaluated when the recipe compiles, even where the guard skips it,
 * while Ansible never templates a skipped task's arguments: a computed name that stands for a
 * property (a2c_mysql_user's account read from a variable the guard tests) becomes the task's label,
 * and the property is set, lazily, like the others. The service-API resources always; any other
 * resource where its name reads a variable that may be unset (see readsUnsetInput): such a name
 * stops the whole run when the recipe compiles, on every node the guard would skip the task on
 * (bind9's `path: "{{ bind9_zonedir }}"` under `when: bind9_authoritative`, with no default).
 * Not for a handler or a registered task, whose resources are found by their name.
 */
function labelComputedName(r: ResourceStmt, task: Task, relabel: boolean): void {
  if (!r.identity || isLiteral(r.name)) return;
  const serviceApi = SUPPORT_RESOURCES[r.type]?.default_action[0] === 'manage';
  if (!serviceApi && !(relabel && readsUnsetInput(r.name))) return;
  if (!r.properties.some((p) => p.name === r.identity!.name)) r.properties.unshift({ ...r.identity });
  r.name = str(task.name ?? task.module);
}

/**
 * Whether e reads a variable no source of the input sets (A2C::Jinja.input: it raises RequiredInput
 * unless a Policyfile or node file sets it). Chef's strict `node.read!` of a key set only under a
 * condition (an OS's vars file) is left out: the conversion expects its source to have set it, and
 * a resource keeps its natural name (`template "#{conf_path}/..."`).
 */
export function readsUnsetInput(e: RExpr): boolean {
  return someExpr(e, (x) => isConstCall(x, 'A2C::Jinja', 'input'));
}

/**
 * A loop whose list may be undefined (see listMayBeUndefined), under conditions
 * that do not read its item: Ansible, failing to template the list, evaluates the condition
 * first and skips the task when it is false (fail2ban's `loop: "{{ fail2ban_errors }}"` under
 * `when: fail2ban_errors is defined`), while Chef evaluates the list when the recipe compiles.
 * The leading conjuncts that read neither the item nor anything that changes during the run (a
 * registered result, node.run_state) are checked around the loop, before its list is read; they
 * hold the same value there as in only_if. The rest stay on the resources.
 */
export function listGuards(loop: Loop, guards: RExpr[]): { before: RExpr[]; rest: RExpr[] } {
  if (!listMayBeUndefined(loop.items)) return { before: [], rest: guards };
  const parts = guards.flatMap(conjuncts);
  let n = 0;
  while (n < parts.length && movableBeforeList(loop, parts[n]!)) n++;
  return n ? { before: parts.slice(0, n), rest: parts.slice(n) } : { before: [], rest: guards };
}

/**
 * Whether reading a loop's list may fail as Ansible's undefined does: it reads a variable that may
 * be unset (readsUnsetInput), or a field of a dict that may lack it (`A2C::Jinja.attr` / `item`:
 * tomcat's `loop: "{{ instance.config_files }}"` under `when: instance.config_files is defined`,
 * over instances that do not all have the key).
 */
export function listMayBeUndefined(items: RExpr): boolean {
  return readsUnsetInput(items) || someExpr(items, (x) => isConstCall(x, 'A2C::Jinja', 'attr') || isConstCall(x, 'A2C::Jinja', 'item'));
}

/** A condition that reads neither the loop's item or index nor anything that changes while the run goes (a registered result, node.run_state). */
export function movableBeforeList(loop: Loop, e: RExpr): boolean {
  const params = new Set([loop.local, ...(loop.indexLocal ? [loop.indexLocal] : [])]);
  return !readsRegistered(e) && !someExpr(e, (x) => (x.k === 'call' && x.name === 'run_state') || (x.k === 'var' && params.has(x.name)));
}
