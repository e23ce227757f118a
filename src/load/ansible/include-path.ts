// Where Ansible finds the file of `include_tasks: x.yml` / `import_tasks: x.yml` written in a role.
// Read from ansible-core 2.14: playbook/included_file.py (include_tasks, at run time),
// playbook/helpers.py (import_tasks, at load time) and DataLoader.path_dwim_relative. Both first
// try the folder of the file that holds the include (relative to the role's tasks/ or handlers/,
// as the includes that led there name it), then the role's own folders; they differ in which
// comes first. Paths outside the role (the playbook's folder, the working directory) are not
// looked at here: a target found only there is reported as missing.
import { dirname, join } from './input.js';
import { rolePathRest } from './role-path.js';

export type IncludeKind = 'include' | 'import';

/**
 * Role-relative paths Ansible tries for `target`, in order. `from` is the role-relative path of the
 * file holding the include (`tasks/sub/a.yml`, `handlers/main.yml`).
 */
export function includeCandidates(kind: IncludeKind, from: string, target: string): string[] {
  // `{{ role_path }}/tasks/x.yml` is an absolute path: that file of the role and no other.
  const absolute = rolePathRest(target);
  if (absolute !== undefined) return [absolute];
  if (target.startsWith('/') || target.startsWith('~')) return [];
  const section = from.startsWith('handlers/') ? 'handlers' : 'tasks';
  // The folder below tasks/ (or handlers/) the includes that reached this file named.
  const here = dirname(from.slice(section.length + 1));
  // path_dwim_relative(role, section, target): the section, then tasks/ (when the target does not
  // already end in the section's name), then the role's root.
  const roleDirs = [join(section, target), ...(target.endsWith(section) ? [] : [join('tasks', target)]), join(target)];
  if (here === '') return unique(roleDirs);
  if (kind === 'include') {
    // include_tasks tries the role (always under tasks/) before the including file's folder.
    return unique([join('tasks', target), join(target), join('tasks', here, 'tasks', target), join('tasks', here, target), ...roleDirs]);
  }
  // import_tasks tries the including file's folder first, then the role.
  return unique([join(section, here, section, target), join(section, here, target), ...roleDirs]);
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}

/**
 * The task file an include names, as a path below the role's tasks/ (the key of Role.taskFiles);
 * `elsewhere` when Ansible would read a role file that is not under tasks/ (no recipe is made of
 * it); undefined when no candidate exists.
 */
export function resolveInclude(
  kind: IncludeKind,
  from: string,
  target: string,
  exists: (roleRelative: string) => boolean,
): { taskFile: string } | { elsewhere: string } | undefined {
  for (const c of includeCandidates(kind, from, target)) {
    if (!exists(c)) continue;
    return c.startsWith('tasks/') ? { taskFile: c.slice('tasks/'.length) } : { elsewhere: c };
  }
  return undefined;
}

export type IncludeTarget = { taskFile: string } | { elsewhere: string } | { ambiguous: true } | undefined;

/**
 * Where an include task of a role leads when it names `target` literally: import_tasks looks as
 * `import`, include_tasks as `include`. The bare `include` is static (import_tasks' lookup) or dynamic
 * (include_tasks') by where it sits (playbook/helpers.py: a literal name, no loop, every parent static);
 * where the two lookups find different files, which one Ansible loads is not decided here: `ambiguous`.
 * `roleDir` is the role's folder in the input ('' for a role at the root); `exists` takes role-relative paths.
 */
export function staticIncludeTarget(
  task: { module: string; span: { file: string } },
  roleDir: string,
  target: string,
  exists: (roleRelative: string) => boolean,
): IncludeTarget {
  const prefix = roleDir ? `${roleDir}/` : '';
  const from = task.span.file.startsWith(prefix) ? task.span.file.slice(prefix.length) : task.span.file;
  const found = resolveInclude(task.module === 'ansible.builtin.import_tasks' ? 'import' : 'include', from, target, exists);
  if (task.module !== 'ansible.builtin.include') return found;
  return JSON.stringify(resolveInclude('import', from, target, exists)) === JSON.stringify(found) ? found : { ambiguous: true };
}
