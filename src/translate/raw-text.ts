// `{% raw %}...{% endraw %}` in a variable's value (Prometheus alert rules: `"{% raw %}{{ $labels.instance }}
// down{% endraw %}"`): Ansible templates the value where it is read and gets the text of the block, `{{`
// included. That text is the value as long as nothing templates it again — but a set_fact stores the
// rendered string as a fact, and Ansible templates a fact's string again when it is read (checked with
// ansible-playbook 2.14: `set_fact: y: "{{ a }}"` then `{{ y }}` gives x's value, not `{{ x }}`). So a raw
// block converts to its text only in the values of variables no set_fact value reads, directly or
// through other variables' values; elsewhere it stays a TODO.
import type { TaskItem } from '../load/ansible/model.js';
import { setFactTasks } from '../resolve/definitions.js';
import type { SymbolTable } from '../resolve/symbols.js';
import { valueNames } from './deferred.js';

const STORED = new WeakMap<SymbolTable, ReadonlySet<string>>();

/**
 * Records, for this conversion's symbol table, the variables whose rendered value some set_fact of
 * `tasks` stores (and Ansible would template once more when the fact is read).
 */
export function recordSetFactReads(symbols: SymbolTable, tasks: readonly TaskItem[]): void {
  const reached = new Set<string>();
  const todo: string[] = [];
  for (const task of setFactTasks(tasks)) {
    for (const a of task.args) todo.push(...valueNames(a.value));
    if (task.freeForm) todo.push(...valueNames(task.freeForm));
  }
  while (todo.length) {
    const name = todo.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const d of symbols.get(name)?.definitions ?? []) if (d.value) todo.push(...valueNames(d.value));
  }
  STORED.set(symbols, reached);
}

/** Whether a raw block in the value of `name` renders its text: recorded, and no set_fact stores that value. */
export function rawRendersText(name: string, symbols: SymbolTable): boolean {
  const stored = STORED.get(symbols);
  return stored !== undefined && !stored.has(name);
}
