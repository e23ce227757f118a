// The one reader of a task's module arguments. A key given twice (free-form `k=v k=v`, or inline and
// under `args:`) keeps the last value, as PyYAML and Ansible's parse_kv build a dict.
import type { Task } from './model.js';
import type { YNode } from './yaml.js';

/** The last value given for any of these argument names. */
export function argOf(task: Pick<Task, 'args'>, ...names: string[]): YNode | undefined {
  for (let i = task.args.length - 1; i >= 0; i--) if (names.includes(task.args[i]!.key)) return task.args[i]!.value;
  return undefined;
}
