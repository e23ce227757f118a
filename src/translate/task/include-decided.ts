// include_tasks whose own `when` reads a registered result: Ansible decides such an include once,
// when its turn comes, from the results registered by then; a recipe is included (include_recipe)
// when the recipe compiles, before any result exists. So the include is decided where it stands,
// at converge time, by a ruby_block that keeps the decision in node.run_state, and the included
// file's tasks are inlined behind it, each guarded by that decision. Only the include's own
// condition is decided once: Ansible evaluates it once (a task of the included file that changes
// what it reads does not stop the next), while a block's `when` around the include is evaluated
// again for every included task, as the inlined tasks inherit it.
import type { Stmt } from '../../ir/chef-ir.js';
import type { Task } from '../../load/ansible/model.js';
import { synthScalar } from '../../load/ansible/tasks.js';
import { call, str, type RExpr } from '../../ir/ruby-ast.js';
import type { CookbookEnv } from '../env.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result } from '../../base/failure.js';
import { translateConditions } from '../values.js';
import { inlineInclude, isIncludeTasks, needsInline } from './include-inline.js';
import { includesRepeatedFile } from './repeated-includes.js';
import { includeChangesOwnWhen } from './include-when-changes.js';
import type { Loop } from './loops.js';
import { readsRegistered, rubyBlock } from './register.js';
import type { Inherited } from './task-scope.js';
import { allOf } from './task-guards.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
const RUN_STATE: RExpr = call(call(undefined, 'node', [], { noParens: true }), 'run_state', [], { noParens: true });

/** The run_state name of an include's decision: unique per task file and line, no variable's name. */
function decisionName(task: Task): string {
  return `__a2c_include_${task.span.file.replace(/\W/g, '_')}_${task.span.line}`;
}

/**
 * The decided include, or undefined when the task is not one: an include_tasks (or include) without
 * a loop, run_once or handler context, whose own `when` reads a registered result; or, without a
 * `when` of its own, inside a block whose `when` reads one (then simply inlined).
 */
export function decidedInclude(
  task: Task,
  env: CookbookEnv,
  scope: VarScope,
  inherited: Inherited,
  loop: Loop | undefined,
): Result<Stmt[]> | undefined {
  if (!isIncludeTasks(task) || loop || inherited.handler || task.keywords.has('run_once')) return undefined;
  // Only where the include would otherwise be an include_recipe under a compile-time `if`: an include
  // inlined anyway (vars, apply, a file included from several places) keeps that path.
  // One whose file changes what its own `when` reads (include-when-changes.ts) is decided once too:
  // inlined, each task would evaluate it again after the change (a condition read at compile time
  // is decided by inlineInclude's `if` around the tasks).
  const inlined = needsInline(task) || includesRepeatedFile(task, env.role, env.project.input);
  const changesOwnWhen = inlined && includeChangesOwnWhen(task, env);
  if (inlined && !changesOwnWhen) return undefined;
  // The enclosing blocks' conditions come first: where they are false Ansible skips the include
  // without evaluating its own (which may read a result the skipped tasks never registered).
  // One that does not translate is reported where the include's guards are made, as before.
  const outer: RExpr[] = [];
  for (const w of inherited.when) {
    const c = translateConditions(w, scope);
    if (failed(c)) return undefined;
    outer.push(...c);
  }
  const when = task.keywords.get('when');
  if (!when) {
    // Only blocks' conditions, which Ansible evaluates again for each included task: the inlined
    // tasks inherit them as they are.
    if (!outer.some(readsRegistered)) return undefined;
    env.notes.add(
      "an include_tasks inside a block whose when reads a registered result is inlined: each included task evaluates the block's condition, as in Ansible",
    );
    return inlineInclude(task, env, scope, inherited, undefined);
  }
  const own = translateConditions(when, scope);
  if (failed(own)) return own;
  const ownCond = allOf(own);
  if (!ownCond || !readsRegistered(ownCond)) return undefined;
  const cond = allOf([...outer, ownCond])!;
  const name = decisionName(task);
  const decide = rubyBlock(
    task,
    str(`${task.name ?? 'include'} (decided here)`),
    call(TASKS, 'store', [RUN_STATE, str(name), cond]),
    `decides here, once, whether the included tasks run (Ansible evaluates an include's when when its turn comes)`,
  );
  // A condition translates to a Ruby boolean (pyTruthy), so the inlined tasks read the decision as one.
  env.registered.set(name, { kind: 'runstate', type: { t: 'bool' } });
  const keywords = new Map(task.keywords);
  keywords.set('when', synthScalar(name, when.span));
  const body = inlineInclude({ ...task, keywords }, env, scope, inherited, undefined);
  if (failed(body)) return body;
  env.notes.add(
    "an include_tasks whose when reads a registered result is decided at converge time, where it stands, and its file's tasks are inlined behind that decision",
  );
  return [decide, ...body];
}
