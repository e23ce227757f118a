// A module's argument spec can require one of a group of arguments (`required_one_of`): ansible-core
// 2.14's AnsibleModule fails the task with "one of the following is required: state, enabled" before
// the module does anything, on every host. The Chef resource such a task would become does something
// else (a service resource with no action does nothing, and the run goes on), so the task is a TODO
// that says Ansible refuses it. The groups are data (mappings/modules.toml `required_one_of`).
import type { Task } from '../../load/ansible/model.js';
import type { ModuleSpec } from '../../mapping/modules.js';
import { Untranslatable } from '../../base/failure.js';

/** The TODO for a task giving none of a group of arguments its module requires one of, else undefined. */
export function missingRequiredArgs(task: Task, spec: ModuleSpec): Untranslatable | undefined {
  // Arguments written into a templated free-form string, or an `args:` that is not a mapping, are not known here.
  if (task.freeForm?.kind === 'scalar' && typeof task.freeForm.value === 'string' && task.freeForm.value.includes('{{')) return undefined;
  const args = task.keywords.get('args');
  if (args !== undefined && args.kind !== 'map') return undefined;
  const given = new Set(task.args.map((a) => a.key));
  for (const group of spec.required_one_of ?? []) {
    if (group.some((spellings) => spellings.some((n) => given.has(n)))) continue;
    const names = group.map((spellings) => spellings[0]!).join(', ');
    return new Untranslatable(
      'A2C-TODO-MODULE-ARGS',
      `${task.moduleAsWritten} without any of ${names}: ansible-core 2.14 fails the task on every host before the module runs (its argument check requires one of them), where its Chef resource would run and the run go on; give the task one of them`,
      task.span,
    );
  }
  return undefined;
}
