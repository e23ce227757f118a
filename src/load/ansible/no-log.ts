// `no_log` as Ansible inherits it: play -> role (and the roles it depends on) -> block -> nested
// blocks -> imported or included task files -> task. The nearest value set wins, so a task's own
// `no_log: false` shows its values again. Every item under a no_log that can hide values gets it as
// `noLog`, and the text a TODO would show is redacted: the translator marks its resources
// `sensitive true` and the audit quotes none of its values.
//
// A role or task file runs from several places, but Chef makes one recipe of it: it is hidden when
// any place runs it under no_log (hiding a value Ansible would print is safe; printing one it hides
// is the leak this exists to prevent).
import { argOf } from './task-args.js';
import type { Project, Role, TaskItem } from './model.js';
import type { YNode } from './yaml.js';
import { basename, join } from './input.js';
import { keyName, scalarString } from './yaccess.js';
import { rolePathRest } from './role-path.js';
import { hidesValues, redactedSource } from './redact.js';

// Static imports pass their keywords on to the tasks they bring in; dynamic includes keep them for
// themselves and pass on only what `apply:` names (Ansible's "Re-using files and roles").
// The old `include` counts as an import here: hiding more is the safe side.
const IMPORT_TASKS = new Set(['ansible.builtin.import_tasks', 'ansible.builtin.include']);
const INCLUDE_TASKS = new Set(['ansible.builtin.include_tasks']);
const IMPORT_ROLE = new Set(['ansible.builtin.import_role']);
const INCLUDE_ROLE = new Set(['ansible.builtin.include_role']);

export function inheritNoLog(project: Project): void {
  const roleOf = (name: string): Role | undefined => project.roles.get(name) ?? project.roles.get(basename(name));
  /** Task files (`role\0file`) and roles already walked under a hiding no_log: each once. */
  const done = new Set<string>();

  const walk = (items: readonly TaskItem[], inherited: YNode | undefined, role: Role | undefined): void => {
    for (const item of items) {
      const own = item.keywords.get('no_log');
      const inEffect = own ?? inherited;
      const hides = inEffect !== undefined && hidesValues(inEffect);
      if (hides) mark(item, inEffect);
      if (item.kind === 'block') {
        walk([...item.block, ...item.rescue, ...item.always], inEffect, role);
        continue;
      }
      const passed = IMPORT_TASKS.has(item.module) || IMPORT_ROLE.has(item.module) ? inEffect : applied(argOf(item, 'apply'));
      if (passed === undefined || !hidesValues(passed)) continue;
      if ((IMPORT_TASKS.has(item.module) || INCLUDE_TASKS.has(item.module)) && role) {
        for (const file of includedFiles(argOf(item, 'file') ?? item.freeForm, role)) taskFile(role, file, passed);
      } else if (IMPORT_ROLE.has(item.module) || INCLUDE_ROLE.has(item.module)) {
        const target = scalarString(argOf(item, 'name'));
        const r = target === undefined ? undefined : roleOf(target);
        if (r) enterRole(r, passed);
      }
    }
  };
  const taskFile = (role: Role, file: string, noLog: YNode): void => {
    const key = `${role.name}\0${file}`;
    if (done.has(key)) return;
    done.add(key);
    walk(role.taskFiles.get(file) ?? [], noLog, role);
  };
  const enterRole = (role: Role, noLog: YNode | undefined): void => {
    if (noLog === undefined || !hidesValues(noLog) || done.has(role.name)) return;
    done.add(role.name);
    // Any of the role's task files may run (tasks_from, includes): all of them inherit.
    for (const file of [...role.taskFiles.keys()].sort()) taskFile(role, file, noLog);
    for (const items of role.handlerFiles.values()) walk(items, noLog, role);
    for (const dep of role.dependencies) {
      const r = roleOf(dep.name);
      if (r) enterRole(r, dep.keywords.get('no_log') ?? noLog);
    }
  };

  // Each role on its own: blocks and includes inside it.
  for (const role of project.roles.values()) {
    for (const items of [...role.taskFiles.values(), ...role.handlerFiles.values()]) walk(items, undefined, role);
    for (const dep of role.dependencies) {
      const r = roleOf(dep.name);
      if (r) enterRole(r, dep.keywords.get('no_log'));
    }
  }
  for (const book of project.playbooks) {
    for (const play of book.plays) {
      const playNoLog = play.keywords.get('no_log');
      for (const items of [play.preTasks, play.tasks, play.postTasks, play.handlers]) walk(items, playNoLog, undefined);
      for (const ref of play.roles) {
        const r = roleOf(ref.name);
        if (r) enterRole(r, ref.keywords.get('no_log') ?? playNoLog);
      }
    }
  }
}

/** `apply: { no_log: ... }` of a dynamic include. */
function applied(apply: YNode | undefined): YNode | undefined {
  return apply?.kind === 'map' ? apply.entries.findLast((e) => keyName(e.key) === 'no_log')?.value : undefined;
}

function mark(item: TaskItem, noLog: YNode): void {
  if (item.noLog) return;
  item.noLog = noLog;
  item.source = { text: redactedSource(item.node) };
}

/** The role's task files an include names: the file itself, or every file a templated name can fit. */
function includedFiles(node: YNode | undefined, role: Role): string[] {
  const name = scalarString(node);
  if (name === undefined) return [];
  // `{{ role_path }}/tasks/x.yml`: that task file of the role (role-path.ts).
  const absolute = rolePathRest(name);
  if (absolute !== undefined) return absolute.startsWith('tasks/') && role.taskFiles.has(absolute.slice(6)) ? [absolute.slice(6)] : [];
  if (!name.includes('{{')) return role.taskFiles.has(join(name)) ? [join(name)] : [];
  const fits = new RegExp(
    `^${name
      .split(/\{\{[\s\S]*?\}\}/)
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return [...role.taskFiles.keys()].filter((f) => fits.test(f));
}
