// import_tasks is static: Ansible gives the import's keywords (ignore_errors, become_user,
// environment, check_mode...) to every imported task that sets none, as a block does. A recipe shared
// through include_recipe carried none of them, so they were lost without a word; the imported tasks
// are now translated in place (include-inline.ts) with those keywords as their own, and each converts
// them as it would its own (a property, a guard, or a TODO). include_tasks is dynamic: its keywords
// apply to the include alone, and Ansible refuses the ones that would reach the included tasks.
import type { Task, TaskItem } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { DYNAMIC_TASK_INCLUDES, ROLE_INCLUDES } from '../../base/include-modules.js';
import { becomesRoot } from './keyword-policy.js';
import { keywordHasEffect } from './role-keywords.js';

const IMPORT_TASKS = 'ansible.builtin.import_tasks';

/**
 * The import's keywords carried out elsewhere: its name, its `when` (a guard on each imported task,
 * include-inline.ts), vars (the scope), no_log (ansible/no-log.ts). run_once and delegate_to are
 * handed down: Ansible gives them to each imported task, which run-once.ts then places (or refuses,
 * as a set_fact whose result every host gets) as it would its own.
 */
const NOT_HANDED: ReadonlySet<string> = new Set(['name', 'when', 'vars', 'no_log']);

/** The keywords an import_tasks hands to its tasks that change what they do in Chef (none for other tasks). */
export function importedKeywords(task: Task): Map<string, YNode> {
  if (task.module !== IMPORT_TASKS) return new Map();
  return new Map([...task.keywords].filter(([k, n]) => !NOT_HANDED.has(k) && keywordHasEffect(k, n) && !becomesRoot(k, n)));
}

/** The imported task file's items, each task with the import's keywords it does not set itself. */
export function withImportKeywords(task: Task, items: TaskItem[]): Result<TaskItem[]> {
  const keywords = importedKeywords(task);
  if (!keywords.size) return items;
  // A TODO shows the task as written: this line says what else applies to it (names, not values).
  const note = `\n# and, from its import: ${[...keywords].map(([k, n]) => `${k} (${n.span.file}:${n.span.line})`).join(', ')}`;
  return handDown(items, keywords, note, task);
}

function handDown(items: TaskItem[], keywords: Map<string, YNode>, note: string, task: Task): Result<TaskItem[]> {
  const out: TaskItem[] = [];
  for (const item of items) {
    const source = { text: item.source.text + note };
    if (item.kind === 'block') {
      // The block's own value wins over the import's for its tasks.
      const inner = new Map([...keywords].filter(([k]) => !item.keywords.has(k)));
      const parts: Record<'block' | 'rescue' | 'always', TaskItem[]> = { block: [], rescue: [], always: [] };
      for (const part of ['block', 'rescue', 'always'] as const) {
        const r = handDown(item[part], inner, note, task);
        if (failed(r)) return r;
        parts[part] = r;
      }
      out.push({ ...item, ...parts, source });
      continue;
    }
    // Ansible hands them on to the tasks a dynamic include or a role include brings in, which are
    // converted elsewhere (their own recipe or cookbook) without them.
    const missing = [...keywords.keys()].filter((k) => !item.keywords.has(k));
    if (missing.length && (DYNAMIC_TASK_INCLUDES.has(item.module) || ROLE_INCLUDES.has(item.module)))
      return new Untranslatable(
        'A2C-TODO-INCLUDE',
        `import_tasks ${missing.join(', ')}: Ansible applies ${missing.length === 1 ? 'it' : 'them'} also to the tasks of the ${item.moduleAsWritten} at ${item.span.file}:${item.span.line}, which are converted without ${missing.length === 1 ? 'it' : 'them'}`,
        task.span,
      );
    const kw = new Map(item.keywords);
    for (const k of missing) kw.set(k, keywords.get(k)!);
    out.push({ ...item, keywords: kw, source });
  }
  return out;
}
