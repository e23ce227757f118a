// set_fact tasks that stay TODOs, decided before any task is translated. In Ansible a set_fact
// outranks every other definition of its name from the task on; the cookbook never stores a TODO's
// value, so a later read would silently take the role's, inventory's or default's value instead
// (`run_state.fetch(name) { fallback }`). Readers are translated in no run order (roles, handlers,
// templates, other plays), so the readers ask this list, made first: set_fact tasks are few.
import type { Span } from '../base/diagnostics.js';
import { failed } from '../base/failure.js';
import type { Task, TaskItem } from '../load/ansible/model.js';
import { isMap, keyName } from '../load/ansible/yaccess.js';
import { setFactNames, setFactTasks } from '../resolve/definitions.js';
import type { VarScope } from './jinja-bridge.js';
import { translateConditions, translatesValue } from './values.js';

/** Where a read is made: the reading task, and whether it may run again after a later task of its file. */
export interface ReaderAt {
  span: Span;
  /** A handler (runs after the tasks that notify it), or a task of a file an include loops over. */
  mayRunLate: boolean;
}

/**
 * The set_fact tasks predicted to be TODOs, by the names they set. The prediction translates each
 * value and `when` in the scope every value is probed in, the task's loop variables and vars bound;
 * what it misses (a keyword refused later) project.ts reports as an internal error after the translation.
 */
export function todoSetFacts(tasks: readonly TaskItem[], probe: VarScope): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const task of setFactTasks(tasks)) {
    if (translates(task, probe)) continue;
    for (const name of setFactNames(task.args)) out.set(name, [...(out.get(name) ?? []), task.span]);
  }
  return out;
}

function translates(task: Task, probe: VarScope): boolean {
  if (task.freeForm) return false;
  const locals = new Map(probe.locals);
  for (const n of boundNames(task)) locals.set(n, `a2c_${n}`);
  const scope: VarScope = { ...probe, locals };
  for (const a of task.args) if (a.key !== 'cacheable' && !translatesValue(a.value, scope)) return false;
  const when = task.keywords.get('when');
  return when === undefined || !failed(translateConditions(when, scope));
}

/** The names the task binds for itself: its loop variable, index and vars. */
function boundNames(task: Task): string[] {
  const names = ['item'];
  const control = task.keywords.get('loop_control');
  if (control && isMap(control))
    for (const e of control.entries) {
      const k = keyName(e.key);
      if ((k === 'loop_var' || k === 'index_var') && e.value.kind === 'scalar' && typeof e.value.value === 'string')
        names.push(e.value.value);
    }
  const vars = task.keywords.get('vars');
  if (vars && isMap(vars)) for (const e of vars.entries) names.push(keyName(e.key));
  return names;
}

/**
 * The TODO set_fact tasks setting `name` that a read at `reader` may follow in Ansible's run order:
 * all of them, but those later in the reader's own task file, where the reader runs once and is no
 * handler (no reader known: a template or a play value, all of them).
 */
export function todoSettersBefore(setters: readonly Span[], reader: ReaderAt | undefined): Span[] {
  return setters.filter((s) => !reader || reader.mayRunLate || reader.span.file !== s.file || reader.span.line >= s.line);
}
