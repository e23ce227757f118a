// The order a role's task files are translated in: a file after the task files it includes by a
// static name that register results. A result an included file registers is then known where the
// includer reads it after the include (`register` in setup-RedHat.yml, read in main.yml), as Ansible
// has it by then. Other files keep file-name order (which of two templates sharing a source file
// converts follows it); the recipes are still written in file-name order.
import type { Role, TaskItem } from '../load/ansible/model.js';
import { staticIncludeTarget } from '../load/ansible/include-path.js';
import { staticIncludeName } from './values.js';
import { rolePathRest } from '../load/ansible/role-path.js';

const INCLUDE_MODULES: ReadonlySet<string> = new Set([
  'ansible.builtin.include_tasks',
  'ansible.builtin.import_tasks',
  'ansible.builtin.include',
]);

/** The role's task files each include by a static name (files of the role only). */
function includedFiles(items: readonly TaskItem[], role: Role, exists: (p: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (item: TaskItem) => {
    if (item.kind === 'block') {
      for (const c of [...item.block, ...item.rescue, ...item.always]) visit(c);
      return;
    }
    if (!INCLUDE_MODULES.has(item.module)) return;
    const file = staticIncludeName(item.args.find((a) => a.key === 'file')?.value ?? item.freeForm);
    if (file === undefined || ((file.includes('{{') || file.includes('{%')) && rolePathRest(file) === undefined)) return;
    const found = staticIncludeTarget(item, role.dir, file, exists);
    if (found && 'taskFile' in found && role.taskFiles.has(found.taskFile)) out.push(found.taskFile);
  };
  items.forEach(visit);
  return out;
}

function registers(item: TaskItem): boolean {
  if (item.keywords.has('register')) return true;
  return item.kind === 'block' && [...item.block, ...item.rescue, ...item.always].some(registers);
}

/**
 * `files` (sorted) reordered so that each comes after the files it includes that register
 * results, and after what those include; a cycle keeps its first order.
 */
export function includeFirstOrder(files: readonly string[], role: Role, exists: (roleRelative: string) => boolean): string[] {
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const within = new Map<string, boolean>();
  // Does the file, or a file it includes, register a result?
  const registersWithin = (f: string): boolean => {
    const known = within.get(f);
    if (known !== undefined) return known;
    within.set(f, false);
    const items = role.taskFiles.get(f) ?? [];
    const v = items.some(registers) || includedFiles(items, role, exists).some(registersWithin);
    within.set(f, v);
    return v;
  };
  const visit = (f: string) => {
    if (state.has(f)) return;
    state.set(f, 'visiting');
    for (const g of includedFiles(role.taskFiles.get(f) ?? [], role, exists)) if (registersWithin(g)) visit(g);
    state.set(f, 'done');
    out.push(f);
  };
  files.forEach(visit);
  return out;
}
