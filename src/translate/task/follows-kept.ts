// A read of a registered result no earlier converted task sets (A2C-TODO-UNSET-READ) "converts once
// that task does". Where every task of the cookbook registering it is itself a TODO no converter work
// turns (kept by design: delegate_to, run_once results, the controller's work, rescue; or beyond
// reach: a service API, a role or file the input lacks), it never will: the read is counted with that
// task (need follows-kept, out of the corpus ceiling) and its message names the task, so an operator
// does not wait for a conversion that cannot come. The registering task's outcome is read from the
// ledger, so only one recorded before the read counts (task order); a read of one recorded later, or
// of one that converted, stays follows-todo.
import type { DiagnosticCode } from '../../base/diagnostic-codes.js';
import { needOf } from '../../base/diagnostic-codes.js';
import { formatSpan } from '../../base/diagnostics.js';
import type { Task, TaskItem } from '../../load/ansible/model.js';
import { factVariableSetBy, walkTaskItems } from '../../resolve/definitions.js';
import type { CookbookEnv } from '../env.js';
import { staticString } from '../values.js';

/** The needs no conversion work in this tool turns into a converted task (report/needs.ts), and how they read. */
const KEPT: ReadonlyMap<string, string> = new Map([
  ['push-model', 'kept as a TODO by design'],
  ['controller', 'kept as a TODO by design'],
  ['rescue', 'kept as a TODO by design'],
  ['include-role', "beyond the converter's reach"],
  ['service-api', "beyond the converter's reach"],
  ['missing-role', "beyond the converter's reach"],
  ['input', 'for the input to fix'],
]);

export interface KeptRoot {
  /** The registering task's code (its own root where it is a read that follows one). */
  code: DiagnosticCode;
  /** The text appended to the read's reason. */
  text: string;
}

/** The tasks of the cookbook that set `name`: by `register:`, or as the facts their module sets. */
function settersOf(name: string, items: readonly TaskItem[]): Task[] {
  const out: Task[] = [];
  walkTaskItems(items, (item) => {
    if (item.kind === 'block') return;
    if (staticString(item.keywords.get('register')) === name || factVariableSetBy(item) === name) out.push(item);
  });
  return out;
}

/**
 * The TODO a read follows for good, or undefined: the registered names the reason quotes, each set in
 * this cookbook only by tasks already recorded as TODOs whose need (or root's) is in KEPT.
 */
export function keptRoot(reason: string, env: CookbookEnv): KeptRoot | undefined {
  const names = [...new Set([...reason.matchAll(/'([A-Za-z_][A-Za-z0-9_]*)'/g)].map((m) => m[1]!))].filter((n) =>
    env.project.registerNames.has(n),
  );
  let found: KeptRoot | undefined;
  for (const name of names) {
    const setters = settersOf(name, env.roleItems);
    if (!setters.length) return undefined;
    for (const setter of setters) {
      const e = env.project.accounting.outcomeOf(setter);
      if (e?.outcome !== 'todo' || !e.code) return undefined;
      const code = e.follows ?? e.code;
      if (e.code === 'A2C-TODO-UNSET-READ' && !e.follows) return undefined;
      const need = needOf(code);
      if (!KEPT.has(need)) return undefined;
      found ??= {
        code,
        text: `the task that registers '${name}' (${formatSpan(setter.span)}) is a TODO that stays one (${e.follows ? 'a read that follows ' : ''}${code}: ${KEPT.get(need)}), so this read stays one too`,
      };
    }
  }
  return found;
}
