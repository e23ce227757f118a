// Task files a role includes from more than one place. Chef's include_recipe runs a recipe only
// the first time a run reaches it, where Ansible runs an included task file at every include: a
// second `import_tasks: common.yml` would silently do nothing. Every include of such a file is
// translated in place instead (include-inline.ts), which runs its tasks wherever Ansible does,
// whatever order the recipes run in.
import { argOf } from '../../load/ansible/task-args.js';
import type { Role, Task } from '../../load/ansible/model.js';
import type { InputIndex } from '../../load/ansible/input.js';
import { staticIncludeTarget } from '../../load/ansible/include-path.js';
import { fittingTaskFiles } from '../candidate-shape.js';
import { isIncludeTasks, needsInline } from './include-inline.js';
import { staticIncludeName } from '../values.js';
import { tasksOf } from '../vars-file-loads.js';

const cache = new WeakMap<Role, Set<string>>();

/** The role's task files (below tasks/) that two or more include_recipe calls could run. */
export function repeatedlyIncluded(role: Role, input: InputIndex): Set<string> {
  const cached = cache.get(role);
  if (cached) return cached;
  const prefix = role.dir ? `${role.dir}/` : '';
  const counts = new Map<string, number>();
  const edges = new Map<string, string[]>();
  let current = '';
  const count = (f: string) => {
    counts.set(f, (counts.get(f) ?? 0) + 1);
    edges.set(current, [...(edges.get(current) ?? []), f]);
  };
  for (const [file, items] of role.taskFiles) {
    current = file;
    for (const { task } of tasksOf(items)) {
      // Inlined includes call no recipe.
      if (!isIncludeTasks(task) || needsInline(task)) continue;
      const node = argOf(task, 'file') ?? task.freeForm;
      const name = staticIncludeName(node);
      if (name === undefined) {
        // A templated name may pick any file that fits it (modules/includes.ts templatedInclude).
        const text = node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
        const fit = fittingTaskFiles(text, role.taskFiles.keys(), (f) => task.span.file === `${prefix}tasks/${f}`);
        if (typeof fit !== 'string') fit.forEach(count);
        continue;
      }
      const found = staticIncludeTarget(task, role.dir, name, (p) => input.has(prefix + p));
      if (found && 'taskFile' in found) count(found.taskFile);
    }
  }
  // A file on an include cycle is an input error (A2C-INCLUDE-CYCLE, ansible/cycles.ts): inlining
  // it would only unroll the cycle once more, so its includes stay include_recipe.
  const reaches = (from: string, to: string): boolean => {
    // Iterative: include chains can be thousands of files long.
    const seen = new Set<string>();
    const todo = [...(edges.get(from) ?? [])];
    while (todo.length) {
      const n = todo.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      todo.push(...(edges.get(n) ?? []));
    }
    return false;
  };
  const out = new Set([...counts].filter(([f, n]) => n > 1 && !reaches(f, f)).map(([f]) => f));
  cache.set(role, out);
  return out;
}

/** Whether this static include names a task file other includes also run (see above). */
export function includesRepeatedFile(task: Task, role: Role | undefined, input: InputIndex): boolean {
  if (!role || !isIncludeTasks(task)) return false;
  const repeated = repeatedlyIncluded(role, input);
  if (!repeated.size) return false;
  const name = staticIncludeName(argOf(task, 'file') ?? task.freeForm);
  if (name === undefined) return false;
  const prefix = role.dir ? `${role.dir}/` : '';
  const found = staticIncludeTarget(task, role.dir, name, (p) => input.has(prefix + p));
  return !!found && 'taskFile' in found && repeated.has(found.taskFile);
}
