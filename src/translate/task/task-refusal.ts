// What makes the task translator refuse a task before its module is looked at: input Ansible
// rejects, or a keyword with no pull-model equivalent (mappings/keywords.toml, push-model). The
// include_vars pre-pass asks the same question (vars-file-loads.ts).
import type { Task } from '../../load/ansible/model.js';
import { Untranslatable } from '../../base/failure.js';
import { TODO_KEYWORDS } from './keyword-policy.js';

export function refusedBeforeModule(task: Task): Untranslatable | undefined {
  if (task.invalid) return new Untranslatable(task.invalid.code, task.invalid.reason, task.invalid.span, 'error');
  for (const [k, node] of task.keywords) {
    const why = TODO_KEYWORDS.get(k);
    if (why) return new Untranslatable('A2C-TODO-PUSH-MODEL', `${k}: ${why}`, node.span);
  }
  return undefined;
}
