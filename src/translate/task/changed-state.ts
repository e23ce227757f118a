// What decides a registered task's `changed` (and whether it notifies) in Ansible, against what Chef's
// resources report. Chef counts every run of a log, ruby_block or chef_sleep resource as an update
// (the log provider marks itself updated unless count_log_resource_updates is off), where Ansible's
// debug, assert, pause and wait_for never report a change: the module table's `never_changed`. A
// `changed_when` overrides the module in Ansible, and Chef's resources know nothing of it.
import type { ResourceStmt } from '../../ir/chef-ir.js';
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { CookbookEnv } from '../env.js';

/**
 * - `resources`: changed exactly when the task's Chef resources report an update;
 * - `never`: never changed (a `never_changed` module, or `changed_when: false`);
 * - `unknown`: `changed_when` decides it by a condition (or true on resources that may not update).
 */
export type ChangedState = 'resources' | 'never' | 'unknown';

/** A condition that is false as written: a YAML false, or Jinja's literal `false` / `False`. */
export const isFalseCondition = (node: YNode): boolean =>
  node.kind === 'scalar' && (node.value === false || node.value === 'false' || node.value === 'False');

/** A condition that is true as written: a YAML true, or Jinja's literal `true` / `True`. */
export const isTrueCondition = (node: YNode): boolean =>
  node.kind === 'scalar' && (node.value === true || node.value === 'true' || node.value === 'True');

/** Resources Chef counts as updated every time they run. */
const ALWAYS_UPDATED: ReadonlySet<string> = new Set(['log', 'ruby_block', 'chef_sleep', 'notify_group']);

/**
 * A command or shell task Chef runs as execute resources only, with no `creates` / `removes`:
 * each run of an execute resource is an update, as `changed_when: true` makes each run of the
 * task a change. With `creates` or `removes` Ansible still runs the condition (and reports the
 * change) where Chef skips the resource.
 */
export function runsAsAlwaysUpdated(task: Task, resources: readonly ResourceStmt[]): boolean {
  const commands = new Set(['ansible.builtin.command', 'ansible.builtin.shell']);
  return (
    commands.has(task.module) &&
    !task.args.some((a) => a.key === 'creates' || a.key === 'removes') &&
    resources.length > 0 &&
    resources.every((r) => r.type === 'execute')
  );
}

export function changedState(task: Task, env: CookbookEnv, resources: readonly ResourceStmt[]): ChangedState {
  const changedWhen = task.keywords.get('changed_when');
  if (changedWhen) {
    if (isFalseCondition(changedWhen)) return 'never';
    const always = resources.length > 0 && (runsAsAlwaysUpdated(task, resources) || resources.every((r) => ALWAYS_UPDATED.has(r.type)));
    return isTrueCondition(changedWhen) && always ? 'resources' : 'unknown';
  }
  return moduleNeverChanges(task, env) || onlyAuxiliary(resources) ? 'never' : 'resources';
}

/**
 * Only resources the translation adds beside the module's own effect (systemd's daemon-reload
 * execute with no unit named): Ansible reports no change from them, where Chef counts each run of
 * the execute as an update.
 */
export function onlyAuxiliary(resources: readonly ResourceStmt[]): boolean {
  return resources.length > 0 && resources.every((r) => r.auxiliary);
}

/** The module table says Ansible's result of this module never says changed (`never_changed`). */
export function moduleNeverChanges(task: Task, env: CookbookEnv): boolean {
  return env.project.tables.modules.modules.get(task.module)?.never_changed === true;
}
