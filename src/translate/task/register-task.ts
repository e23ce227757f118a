// A registered task whose module says what its result is (command, shell, stat, slurp): the
// ruby_block computing the result where the task runs (register.ts), the keywords it does not
// carry out itself applied to it, and its notify moved to a ruby_block of its own.
import type { ResourceStmt, Stmt } from '../../ir/chef-ir.js';
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { str, type RExpr } from '../../ir/ruby-ast.js';
import type { CookbookEnv } from '../env.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result } from '../../base/failure.js';
import type { Loop } from './loops.js';
import type { RunResult } from '../modules/types.js';
import { RECORDED_KEYS, recordResult, registerBlock, resultTestExpr, rubyBlock } from './register.js';
import { readBeyondChanged, readsOnlyChanged, templatesMention } from './register-reads.js';
import { allOf } from './task-guards.js';
import { applyKeywords } from './task-keywords.js';
import { collectResources } from './task-resources.js';
import type { Inherited } from './task-scope.js';
import { untilKind } from './until.js';
import { registeredResultType } from './register-types.js';
import { returnedArgs } from './returned-args.js';
import { changedState, moduleNeverChanges } from './changed-state.js';
import { staticBool } from '../values.js';
import { resultConditionsRefused } from './result-conditions.js';

/** Keywords a register ruby_block already carries out itself. */
const FOLDED_INTO_REGISTER: ReadonlySet<string> = new Set([
  'when',
  'failed_when',
  'changed_when',
  'ignore_errors',
  'environment',
  'become_user',
  'register',
]);
const FOLDED_WITHOUT_NOTIFY: ReadonlySet<string> = new Set([...FOLDED_INTO_REGISTER, 'notify']);
const UNTIL_KEYWORDS = ['until', 'retries', 'delay'];

export function registeredRun(
  task: Task,
  env: CookbookEnv,
  scope: VarScope,
  inherited: Inherited,
  reg: string,
  result: RunResult,
  whenNodes: YNode[],
  loop: Loop | undefined,
): Result<Stmt[]> {
  const conditions = resultConditionsRefused(task, result);
  if (conditions) return conditions;
  const block = registerBlock(task, reg, result, scope, whenNodes, loop);
  if (failed(block)) return block;
  const notifier = registerNotifier(task, reg, env);
  // An until condition other than success is carried out by the ruby_block's attempt loop.
  const folded = untilKind(task) === 'condition' ? new Set([...FOLDED_WITHOUT_NOTIFY, ...UNTIL_KEYWORDS]) : FOLDED_WITHOUT_NOTIFY;
  const applied = applyKeywords(task, env, scope, collectResources(block), inherited, folded);
  if (failed(applied)) return applied;
  const out = [...block];
  if (notifier) {
    // Only notify is applied to the notifier; the rest belongs to the ruby_block.
    const applyNotify = applyKeywords(
      task,
      env,
      scope,
      [notifier],
      inherited,
      new Set([...task.keywords.keys(), 'become_user'].filter((k) => k !== 'notify')),
    );
    if (failed(applyNotify)) return applyNotify;
    out.push(notifier);
  }
  const type = registeredResultType(result.helper, reg, {
    conditional: whenNodes.length > 0,
    looped: loop !== undefined,
    untilCondition: untilKind(task) === 'condition',
    allItems: env.project.allItems,
  });
  const stored = storesUnguarded(block, env, inherited, loop);
  env.registered.set(reg, { kind: 'runstate', ...(type ? { type } : {}), ...(stored ? { stored } : {}) });
  return out;
}

/**
 * Whether the register ruby_block runs wherever the recipe being translated gets past it: a resource at
 * the recipe's top level (not in an inlined include, which may sit in an `if` or a loop the recipe
 * compiles), no handler, no loop, no guard (the task's `when` is inside the block, which stores the
 * skipped result then). Its store comes before the block can fail (ignore_errors: the failed result).
 */
function storesUnguarded(block: Stmt[], env: CookbookEnv, inherited: Inherited, loop: Loop | undefined): true | undefined {
  if (env.includeStack.length > 0 || inherited.handler || loop) return undefined;
  const resources = block.filter((s): s is ResourceStmt => s.kind === 'resource');
  if (resources.length !== block.length || resources.length === 0) return undefined;
  return resources.every((r) => r.guards.length === 0 && r.actionExpr === undefined && r.actions.every((a) => a === 'run'))
    ? true
    : undefined;
}

/**
 * A registering task's notify: Ansible notifies only when the result says changed (a skipped task,
 * a stat, `changed_when: false` do not), but its ruby_block runs, and so counts as updated, every
 * time. The notifications go on an empty ruby_block right after it, run only when the stored
 * result is changed. Without changed_when, stat and slurp never change: the notify is dropped.
 */
function registerNotifier(task: Task, reg: string, env: CookbookEnv): ResourceStmt | undefined {
  const notify = task.keywords.get('notify');
  if (!notify) return undefined;
  if (moduleNeverChanges(task, env) && !task.keywords.has('changed_when')) {
    env.project.sink.info('A2C-IGNORED-NOTIFY', `notify on ${task.module} never fires: the module never reports a change`, notify.span);
    return undefined;
  }
  const notifier = rubyBlock(
    task,
    str(`${task.name ?? reg} (notify when changed)`),
    { k: 'nil' },
    `notifies only when '${reg}' is changed, as Ansible does`,
  );
  notifier.guards.push({ kind: 'only_if', ruby: resultTestExpr(reg, 'changed', false) });
  return notifier;
}

/**
 * A registered task whose module became resources: later `when: r is changed` subscribes to them.
 * Read beyond `is changed` later on, its changed/skipped state is kept in run_state as it runs: a
 * ruby_block before the resources records it unchanged, one they notify marks it changed.
 */
export function registeredResources(
  task: Task,
  env: CookbookEnv,
  reg: string,
  scope: VarScope,
  stmts: Stmt[],
  resources: ResourceStmt[],
  guards: RExpr[],
  loop: Loop | undefined,
  /** Where a loop's record goes: around the whole loop (undefined: a loop's result is not kept). */
  aroundLoop?: { before: Stmt[]; after: Stmt[] },
): Stmt[] {
  const origin = { span: task.span, ...(task.name !== undefined ? { taskName: task.name } : {}) };
  const state = changedState(task, env, resources);
  if (state === 'unknown') {
    // Chef's resources report their own updates; a changed_when condition is not among them.
    env.registered.set(reg, {
      kind: 'unreadable',
      why: `'${reg}' is registered by a task whose changed_when decides its changed state, which the Chef resources it becomes do not report`,
    });
    return stmts;
  }
  // ignore_errors: a resource that fails leaves Ansible's result failed, but Chef's ignore_failure
  // tells the record nothing (a failed resource notifies no one), so it would keep failed: false.
  // `is changed` alone still converts: a failed resource is no update, as a failed task no change.
  const ignore = task.keywords.get('ignore_errors');
  if (ignore && staticBool(ignore) !== false && readBeyondChanged(reg, env.roleItems)) {
    env.registered.set(reg, {
      kind: 'unreadable',
      why: `'${reg}' is registered by a task with ignore_errors, whose failure Chef's ignore_failure does not record (the result would say failed: false)`,
    });
    return stmts;
  }
  // Never changed: the record says so whatever the resources report, and nothing subscribes to them.
  const never = state === 'never';
  // What Ansible's changed comes from: not a resource added beside the module's own effect (apt's
  // cache refresh before its packages, systemd's daemon-reload, git's check for local changes: a
  // ruby_block, updated on every run).
  const changing = resources.filter((r) => !r.auxiliary);
  if (
    loop &&
    aroundLoop &&
    resources.length > 0 &&
    readsOnlyChanged(reg, env.roleItems) &&
    !templatesMention(reg, env.baseDir, env.project.input)
  ) {
    // Ansible's loop result is changed when any item's is, and later tasks read nothing else of it
    // (its per-item results are not kept): recorded unchanged before the loop, marked changed by
    // any item's resource. The record runs even where every item is skipped, as Ansible registers
    // a skipped (unchanged) result then.
    const [before, changed] = recordResult(reg, task.name ?? task.module, origin, undefined, never ? [] : changing);
    aroundLoop.before.push(before!);
    if (!never) aroundLoop.after.push(changed!);
    env.notes.add(
      "a loop's registered result read only as whether it changed: recorded unchanged before the loop, marked changed by any item's resource (node.run_state)",
    );
    env.registered.set(reg, { kind: 'resource', resources: [], recorded: true, module: task.moduleAsWritten });
    return stmts;
  }
  const recorded = !loop && resources.length > 0 && (never || readBeyondChanged(reg, env.roleItems));
  let body = stmts;
  let keys: readonly string[] | undefined;
  if (recorded) {
    const returned = returnedArgs(
      task,
      scope,
      resources.map((r) => r.type),
    );
    const [before, changed] = recordResult(reg, task.name ?? task.module, origin, allOf(guards), never ? [] : changing, returned);
    body = never ? [before!, ...stmts] : [before!, ...stmts, changed!];
    if (returned.length) keys = [...RECORDED_KEYS, ...returned.map(([k]) => k)];
  }
  env.registered.set(
    reg,
    !loop && resources.length
      ? {
          kind: 'resource',
          resources: never ? [] : changing,
          module: task.moduleAsWritten,
          ...(recorded ? { recorded } : {}),
          ...(keys ? { keys } : {}),
        }
      : { kind: 'opaque' },
  );
  return body;
}
