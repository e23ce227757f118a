// An include_vars of a role's own static vars file under a `when` that reads a fact set_fact
// stores at converge time (geerlingguy apache's `apache_version.split('.')[1] == '4'`, the version
// a command printed). Ansible evaluates the condition once, at the task; the converter evaluates it
// again at each read of the file's variables (deferred.ts), which gives the same answer wherever
// every name it reads is fixed before the task runs and never changes after: facts, and variables
// set by one set_fact task alone, earlier in the same task file, reading a registered result (so
// stored where it runs, in the registered results a converge-time read takes it from).
import type { Task } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import type { Expr } from '../load/jinja/ast.js';
import { parseExpression } from '../load/jinja/index.js';
import { asList } from '../load/ansible/yaccess.js';
import { isFactRoot } from '../jinja-to-ruby/facts.js';
import { failed } from '../base/failure.js';
import { setFactTasks } from '../resolve/definitions.js';
import { jinjaNames, valueNames } from './deferred.js';
import { namesIn } from './facts-condition.js';
import type { VarScope } from './jinja-bridge.js';
import { translateConditions } from './values.js';
import type { TaskItem } from '../load/ansible/model.js';

/** The names a `when` reads, or undefined where an item is no string or does not parse. */
function whenNames(when: YNode): Set<string> | undefined {
  const out = new Set<string>();
  for (const c of asList(when)) {
    if (c.kind !== 'scalar' || typeof c.value !== 'string') return undefined;
    const parsed = parseExpression(/^\s*\{\{([\s\S]*)\}\}\s*$/.exec(c.value)?.[1] ?? c.value);
    if (!parsed.ok) return undefined;
    namesIn(parsed.value as Expr, out);
  }
  return out;
}

/**
 * The names of the condition that converge-time set_facts store (empty: none), when the condition
 * can be evaluated again at each read of the file's values; undefined when it cannot.
 * `items`: the task file's items, `ownNames`: the names the vars file sets.
 */
export function convergeConditionNames(
  task: Task,
  when: YNode,
  items: readonly TaskItem[],
  ownNames: ReadonlySet<string>,
  scope: VarScope,
): string[] | undefined {
  const names = whenNames(when);
  if (!names) return undefined;
  const facts: string[] = [];
  const stored: string[] = [];
  for (const n of names) {
    if (ownNames.has(n) || scope.locals.has(n) || scope.vars?.has(n)) return undefined;
    const sym = scope.symbols.get(n);
    const defs = sym?.definitions ?? [];
    if (!defs.length && isFactRoot(n, scope.tables)) {
      facts.push(n);
      continue;
    }
    if (defs.length !== 1 || defs[0]!.kind !== 'set_fact') return undefined;
    const at = defs[0]!.span;
    const setter = setFactTasks(items).find((t) => t.span.file === at.file && t.span.line === at.line && t.span.col === at.col);
    if (!setter || setter.span.file !== task.span.file || setter.span.line >= task.span.line) return undefined;
    // Stored at converge time (control.ts convergeSetFact): it reads a registered result.
    if ([...setter.keywords.keys()].some((k) => k === 'loop' || k.startsWith('with_'))) return undefined;
    const reads = [
      ...setter.args.flatMap((a) => valueNames(a.value)),
      ...asList(setter.keywords.get('when')).flatMap((c) =>
        c.kind === 'scalar' && typeof c.value === 'string' ? jinjaNames(`{{ ${c.value} }}`) : [],
      ),
    ];
    if (!reads.some((r) => scope.registerNames?.has(r))) return undefined;
    stored.push(n);
  }
  if (!stored.length) return undefined;
  const conds = translateConditions(when, scope);
  return failed(conds) ? undefined : stored.sort();
}
