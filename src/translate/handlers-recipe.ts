// The recipe a role's handlers become. Ansible loads a role's handlers wherever the role runs:
// through `roles:`, import_role and include_role alike, with or without `tasks_from` (checked with
// ansible-playbook 2.14). The role's default recipe includes this recipe; an include of another
// task file's recipe (`tasks_from`) includes it too, or a notification of one of the role's handlers
// names a resource Chef never declared and the run aborts before the converge.
import type { Role, TaskItem } from '../load/ansible/model.js';
import { recipeName } from './context.js';
import { staticString } from './values.js';

/**
 * The name of the role's handlers recipe, or undefined when the role has no handlers. A task file
 * named handlers.yml owns recipe 'handlers'; the handlers then take the next free name.
 */
export function handlersRecipe(role: Role): string | undefined {
  if (![...role.handlerFiles.values()].some((items) => items.length > 0)) return undefined;
  const taken = new Set(['default', ...[...role.taskFiles.keys()].map(recipeName)]);
  let name = 'handlers';
  for (let i = 2; taken.has(name); i++) name = `handlers_${i}`;
  return name;
}

const ROLE_INCLUDES: ReadonlySet<string> = new Set(['ansible.builtin.include_role', 'ansible.builtin.import_role']);

/**
 * The roles some include_role/import_role enters by a task file other than main (`tasks_from`), at
 * any depth of blocks. Such a task file's recipe runs without the role's default recipe, so its
 * notifications cannot be pointed at a service resource only the default recipe declares: the
 * role's handlers stay resources of the handlers recipe, which the include brings along.
 */
export function rolesEnteredByTaskFile(items: readonly TaskItem[]): Set<string> {
  const out = new Set<string>();
  const walk = (list: readonly TaskItem[]): void => {
    for (const item of list) {
      if (item.kind === 'block') {
        walk(item.block);
        walk(item.rescue);
        walk(item.always);
        continue;
      }
      if (!ROLE_INCLUDES.has(item.module)) continue;
      const arg = (key: string) => item.args.find((a) => a.key === key)?.value;
      const name = staticString(arg('name'));
      const from = arg('tasks_from');
      if (name === undefined || from === undefined) continue;
      const file = staticString(from);
      // A templated tasks_from is not converted (includes.ts): nothing to bring along.
      if (file !== undefined && recipeName(file) !== 'default') out.add(name);
    }
  };
  walk(items);
  return out;
}
