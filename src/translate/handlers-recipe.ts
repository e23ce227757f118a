// The recipe a role's handlers become. Ansible loads a role's handlers wherever the role runs:
// through `roles:`, import_role and include_role alike, with or without `tasks_from` (checked with
// ansible-playbook 2.14). The role's default recipe includes this recipe; an include of another
// task file's recipe (`tasks_from`) includes it too, or a notification of one of the role's handlers
// names a resource Chef never declared and the run aborts before the converge.
import type { Role } from '../load/ansible/model.js';
import { recipeName } from './context.js';

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
