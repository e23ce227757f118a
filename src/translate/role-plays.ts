// Which plays run a role: the plays that list it under `roles:`, that include or import it from
// their tasks, and, transitively, the plays of the roles that depend on it (meta dependencies) or
// include it. run_once needs this: Ansible runs such a task on the first host of the play.
import { argOf } from '../load/ansible/task-args.js';
import type { Play, Project, TaskItem } from '../load/ansible/model.js';
import { scalarString } from '../load/ansible/yaccess.js';
import { ROLE_INCLUDES } from '../base/include-modules.js';

/** Names of the roles a list of tasks includes or imports by a static name. */
export function includedRoles(items: readonly TaskItem[]): string[] {
  const out: string[] = [];
  const walk = (item: TaskItem): void => {
    if (item.kind === 'block') return [...item.block, ...item.rescue, ...item.always].forEach(walk);
    if (!ROLE_INCLUDES.has(item.module)) return;
    const name = scalarString(argOf(item, 'name'));
    if (name !== undefined && !name.includes('{{')) out.push(name);
  };
  items.forEach(walk);
  return out;
}

/** Role name -> the plays that run it, in playbook order (a role no play reaches has none). */
export function playsByRole(project: Project): Map<string, Play[]> {
  const out = new Map<string, Play[]>();
  const queue: Array<[string, Play]> = [];
  const add = (role: string, play: Play): void => {
    if (!project.roles.has(role)) return;
    const plays = out.get(role) ?? [];
    if (plays.includes(play)) return;
    plays.push(play);
    out.set(role, plays);
    queue.push([role, play]);
  };
  for (const book of project.playbooks) {
    for (const play of book.plays) {
      for (const ref of play.roles) add(ref.name, play);
      for (const name of includedRoles([...play.preTasks, ...play.tasks, ...play.postTasks, ...play.handlers])) add(name, play);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const [name, play] = queue[i]!;
    const role = project.roles.get(name)!;
    for (const dep of role.dependencies) add(dep.name, play);
    for (const inc of includedRoles([...role.taskFiles.values(), ...role.handlerFiles.values()].flat())) add(inc, play);
  }
  return out;
}

/**
 * Roles another role of the input depends on or includes: with no play to run them, their recipe
 * may still run from that role's, so the run lists that carry their own recipe are not all of
 * the nodes that run them.
 */
export function rolesReachedByRoles(project: Project): Set<string> {
  const out = new Set<string>();
  for (const role of project.roles.values()) {
    for (const dep of role.dependencies) if (dep.name !== role.name) out.add(dep.name);
    for (const inc of includedRoles([...role.taskFiles.values(), ...role.handlerFiles.values()].flat()))
      if (inc !== role.name) out.add(inc);
  }
  return out;
}
