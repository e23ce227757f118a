// failed_when and changed_when decide whether a task fails and whether it reports a change (its
// notify, a later `is changed`). Of the results a ruby_block computes, only a command's or shell's
// evaluates them (A2C::Tasks.command_result), and a stat's its changed_when (stat_result); slurp,
// find, uri and mysql_query refuse them in their translators. A stat's failed_when, a
// service_facts or package_facts result's conditions are not carried out, and a task
// that converts to nothing (a stat nobody reads) dropped them: `failed_when: not st.stat.exists` let
// the Chef run go on where Ansible stops, and `changed_when: st.stat.exists` never notified.
import type { Task } from '../../load/ansible/model.js';
import { Untranslatable } from '../../base/failure.js';
import type { RunResult } from '../modules/types.js';
import { isFalseCondition } from './changed-state.js';

/**
 * A registered result that does not carry out the task's failed_when or changed_when: the TODO
 * saying so. `changed_when: false` is what these results say already; `failed_when: false` too
 * where the module's run never fails.
 */
export function resultConditionsRefused(task: Task, result: RunResult): Untranslatable | undefined {
  if (result.helper === 'command') return undefined;
  // A stat's result evaluates changed_when (A2C::Tasks.stat_result), not failed_when.
  return refused(task, !result.fails, `a registered ${result.helper} result is computed without it`, result.helper === 'stat');
}

/** A task that converts to nothing (`why`): its failed_when and changed_when would be lost with it. */
export function ignoredConditionsRefused(task: Task, why: string): Untranslatable | undefined {
  return refused(task, true, `the task converts to nothing (${why})`);
}

function refused(task: Task, neverFails: boolean, why: string, carriesChangedWhen = false): Untranslatable | undefined {
  const failedWhen = task.keywords.get('failed_when');
  if (failedWhen && !(neverFails && isFalseCondition(failedWhen)))
    return new Untranslatable('A2C-TODO-KEYWORD', `failed_when on ${task.module}: ${why}`, failedWhen.span);
  const changedWhen = task.keywords.get('changed_when');
  // Without notify or register nothing reads the changed state: applyKeywords notes it as dropped.
  if (
    changedWhen &&
    !carriesChangedWhen &&
    !isFalseCondition(changedWhen) &&
    (task.keywords.has('notify') || task.keywords.has('register'))
  )
    return new Untranslatable('A2C-TODO-KEYWORD', `changed_when on ${task.module}: ${why}`, changedWhen.span);
  return undefined;
}
