// An include_tasks' own `when` is evaluated once, before its file runs (Ansible applies it to the
// include, not to the included tasks). An include inlined in place (vars, apply, a file included
// from several places) puts that `when` on every included task, which evaluates it again before
// each: the same answer, unless a task of the file changes what it reads — a set_fact, a register
// or an include_vars of the file (or of a file it includes) — after which the later tasks would be
// skipped where Ansible runs them. Such an include is decided once instead (include-decided.ts).
import { argOf } from '../../load/ansible/task-args.js';
import type { Task } from '../../load/ansible/model.js';
import { asList } from '../../load/ansible/yaccess.js';
import { containsJinja } from '../../load/jinja/index.js';
import { staticIncludeTarget } from '../../load/ansible/include-path.js';
import { setFactNames } from '../../resolve/definitions.js';
import type { CookbookEnv } from '../env.js';
import { jinjaNames } from '../deferred.js';
import { staticIncludeName } from '../values.js';
import { tasksOf } from '../vars-file-loads.js';
import { TASK_FILE_INCLUDES } from '../../base/include-modules.js';

const INCLUDE_TASKS = 'ansible.builtin.include_tasks';
const SET_FACT = 'ansible.builtin.set_fact';
const INCLUDE_VARS = 'ansible.builtin.include_vars';

/** The names the include's own `when` reads (a string or a list of strings). */
function whenNames(task: Task): Set<string> {
  const names = new Set<string>();
  for (const c of asList(task.keywords.get('when'))) {
    const text = c.kind === 'scalar' && typeof c.value === 'string' ? c.value : undefined;
    if (text !== undefined) for (const n of jinjaNames(containsJinja(text) ? text : `{{ ${text} }}`)) names.add(n);
  }
  return names;
}

/**
 * Whether a task of the file this include_tasks runs (or of a file that file includes) may change
 * a name the include's own `when` reads: a set_fact or register of that name, or any include_vars
 * (its names are the loaded file's). A file that cannot be found changes nothing here: the include
 * itself is reported where it is translated.
 */
export function includeChangesOwnWhen(task: Task, env: CookbookEnv): boolean {
  if (task.module !== INCLUDE_TASKS || !task.keywords.has('when') || !env.role) return false;
  const read = whenNames(task);
  if (!read.size) return false;
  const role = env.role;
  const prefix = role.dir ? `${role.dir}/` : '';
  const seen = new Set<string>();
  const fileOf = (include: Task): string | undefined => {
    const name = staticIncludeName(argOf(include, 'file') ?? include.freeForm);
    if (name === undefined) return undefined;
    const found = staticIncludeTarget(include, role.dir, name, (p) => env.project.input.has(prefix + p));
    return found && 'taskFile' in found ? found.taskFile : undefined;
  };
  const todo = [fileOf(task)];
  while (todo.length) {
    const file = todo.pop();
    if (file === undefined || seen.has(file)) continue;
    seen.add(file);
    for (const { task: t } of tasksOf(role.taskFiles.get(file) ?? [])) {
      if (t.module === INCLUDE_VARS) return true;
      if (t.module === SET_FACT && setFactNames(t.args).some((n) => read.has(n))) return true;
      const reg = t.keywords.get('register');
      if (reg?.kind === 'scalar' && typeof reg.value === 'string' && read.has(reg.value)) return true;
      if (TASK_FILE_INCLUDES.has(t.module)) todo.push(fileOf(t));
    }
  }
  return false;
}
