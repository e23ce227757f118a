// `check_mode: true` on a task (or handed down from its block, role or play): Ansible runs the task in
// check mode on every run, so it predicts a change and makes none (a lineinfile probing whether a line
// is missing, registered and read as `is changed`). Chef has no per-resource dry run: its resources
// would make the change, so such a task is a TODO, except for a module Ansible runs the same in check
// mode (the module table's `check_mode_same`: debug, stat, set_fact...). `check_mode: false` runs the
// task even in check mode: in the normal run a converted recipe stands for, it changes nothing.
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { CookbookEnv } from '../env.js';
import { Untranslatable } from '../../base/failure.js';
import { staticBool } from '../values.js';
import { isFalseCondition } from './changed-state.js';
import { STATIC_IMPORTS } from '../../base/include-modules.js';

/** `check_mode: false` (any boolean word Ansible reads as false, or Jinja's literal): the task runs as without it. */
export function runsForReal(node: YNode): boolean {
  return staticBool(node) === false || isFalseCondition(node);
}

/** undefined when the task's check_mode changes nothing it does; else the TODO saying why. */
export function checkModeRefusal(task: Task, env: CookbookEnv, node: YNode): Untranslatable | undefined {
  if (runsForReal(node)) return undefined;
  // An import hands it to the imported tasks (import-keywords.ts, role-keywords.ts), which decide.
  if (STATIC_IMPORTS.has(task.module)) return undefined;
  if (env.project.tables.modules.modules.get(task.module)?.check_mode_same === true) return undefined;
  return new Untranslatable(
    'A2C-TODO-KEYWORD',
    `check_mode: Ansible runs ${task.module} here in check mode, which only reports what it would change; its Chef resources would make the change`,
    node.span,
  );
}
