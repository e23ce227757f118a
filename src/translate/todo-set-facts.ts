// set_fact tasks that stay TODOs, decided before any task is translated. In Ansible a set_fact
// outranks every other definition of its name from the task on; the cookbook never stores a TODO's
// value, so a later read would silently take the role's, inventory's or default's value instead
// (`run_state.fetch(name) { fallback }`). Readers are translated in no run order (roles, handlers,
// templates, other plays), so the readers ask this list, made first: set_fact tasks are few.
import type { Span } from '../base/diagnostics.js';
import { failed } from '../base/failure.js';
import type { Task, TaskItem } from '../load/ansible/model.js';
import { isMap, keyName } from '../load/ansible/yaccess.js';
import { setFactNames } from '../resolve/definitions.js';
import type { VarScope } from './jinja-bridge.js';
import { staticBool, translateConditions, translateValue } from './values.js';
import { readsRegistered } from './task/register.js';
import type { YNode } from '../load/ansible/yaml.js';

/** Where a read is made: the reading task, and whether it may run again after a later task of its file. */
export interface ReaderAt {
  span: Span;
  /** A handler (runs after the tasks that notify it), or a task of a file an include loops over. */
  mayRunLate: boolean;
}

/**
 * The set_fact tasks predicted to be TODOs, by the names they set. The prediction translates each
 * value and `when` in the scope every value is probed in, the task's loop variables and vars bound,
 * and refuses what the set_fact translator and the run_once policy refuse whatever the scope (a
 * shared result under run_once, a value read at converge time where the name has other setters);
 * what it misses project.ts reports as an internal error after the translation.
 */
export function todoSetFacts(tasks: readonly TaskItem[], probe: VarScope): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  const walk = (items: readonly TaskItem[], inherited: Inherited): void => {
    for (const item of items) {
      const here = inheritedBy(item, inherited);
      if (item.kind === 'block') walk([...item.block, ...item.rescue, ...item.always], here);
      else if (item.module === 'ansible.builtin.set_fact' && !translates(item, here, probe))
        for (const name of setFactNames(item.args)) out.set(name, [...(out.get(name) ?? []), item.span]);
    }
  };
  walk(tasks, { runOnce: false, when: [] });
  return out;
}

/** What enclosing blocks hand a task: run_once (a shared result) and their conditions. */
interface Inherited {
  runOnce: boolean;
  when: readonly YNode[];
}

function inheritedBy(item: TaskItem, outer: Inherited): Inherited {
  const ro = item.keywords.get('run_once');
  const when = item.keywords.get('when');
  return {
    // Only a literal false keeps it off: a templated run_once is a TODO too (run-once.ts).
    runOnce: outer.runOnce || (ro !== undefined && staticBool(ro) !== false),
    when: when ? [...outer.when, when] : outer.when,
  };
}

function translates(task: Task, inherited: Inherited, probe: VarScope): boolean {
  // run_once: Ansible gives set_fact's result to every host of the play (run-once.ts SHARED_RESULT).
  if (task.freeForm || inherited.runOnce) return false;
  const locals = new Map(probe.locals);
  for (const n of boundNames(task)) locals.set(n, `a2c_${n}`);
  const scope: VarScope = { ...probe, locals };
  let atConverge = false;
  for (const a of task.args) {
    if (a.key === 'cacheable') continue;
    const v = translateValue(a.value, scope);
    if (failed(v)) return false;
    atConverge ||= readsRegistered(v);
  }
  for (const when of inherited.when) {
    const conds = translateConditions(when, scope);
    if (failed(conds)) return false;
    if (when === task.keywords.get('when')) atConverge ||= conds.some(readsRegistered);
  }
  // Stored at converge time only where this task alone sets each name, outside a loop (control.ts convergeSetFact).
  if (!atConverge) return true;
  if ([...task.keywords.keys()].some((k) => k === 'loop' || k.startsWith('with_'))) return false;
  return setFactNames(task.args).every((n) => {
    const defs = probe.symbols.get(n)?.definitions ?? [];
    return defs.length === 1 && defs[0]!.kind === 'set_fact';
  });
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
