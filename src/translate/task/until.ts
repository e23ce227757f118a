// `until` retries a task until a condition holds. Chef's `retries` repeat a resource only when
// it fails, which is the same thing exactly when the condition is the task's own success
// (`until: r is success`, `r is succeeded`, `r is not failed`) — by far the common case. Any other
// condition (`r.rc == 0`, `'ok' in r.stdout`, `r.status == 200`, `st.stat.exists`) is evaluated on
// each attempt's result, as Ansible's task executor does, by the ruby_block that computes a
// registered command, shell, stat or uri result (A2C::Tasks.register_until, register.ts).
import type { Task } from '../../load/ansible/model.js';
import { parseExpression } from '../../load/jinja/index.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { staticString } from '../values.js';
import { isRemovedTestFilter, removedFilterMessage } from '../../jinja-to-ruby/filters.js';
import type { JinjaTables } from '../../mapping/jinja-tables.js';

/** How a task's `until` converts: none; Chef's retries (retry on failure); the attempt loop of a registered result. */
export type UntilKind = 'none' | 'on-failure' | 'condition';

export function untilKind(task: Task): UntilKind {
  const node = task.keywords.get('until');
  if (!node) return 'none';
  const reg = staticString(task.keywords.get('register'));
  const text = staticString(node);
  const parsed = text !== undefined ? parseExpression(text) : undefined;
  if (reg && parsed?.ok) {
    const e = parsed.value;
    if (e.kind === 'test' && e.node.kind === 'name' && e.node.name === reg && e.args.length === 0) {
      const success = ['success', 'succeeded'].includes(e.name) && !e.negated;
      const notFailed = e.name === 'failed' && e.negated;
      if (success || notFailed) return 'on-failure';
    }
  }
  return 'condition';
}

/**
 * An until condition holding a test written as a filter (`until: r | success`, the form of
 * Ansible before 2.9): Ansible 2.14 fails the task on it, so it is input to fix, whatever the
 * condition would otherwise need (A2C-JINJA-REMOVED, as in any other condition).
 */
export function untilRemovedFilter(task: Task, tables: JinjaTables): Untranslatable | undefined {
  const node = task.keywords.get('until');
  const text = node ? staticString(node) : undefined;
  const parsed = text !== undefined ? parseExpression(text) : undefined;
  if (!node || !parsed?.ok) return undefined;
  const found = removedFilterIn(parsed.value, tables);
  if (!found) return undefined;
  return new Untranslatable('A2C-JINJA-REMOVED', `until: ${removedFilterMessage(found)}`, node.span);
}

/** The first filter of an expression that is a removed test-as-filter, walking every sub-expression. */
function removedFilterIn(e: unknown, tables: JinjaTables): string | undefined {
  if (Array.isArray(e)) {
    for (const x of e) {
      const f = removedFilterIn(x, tables);
      if (f) return f;
    }
    return undefined;
  }
  if (!e || typeof e !== 'object') return undefined;
  const o = e as { kind?: unknown; name?: unknown };
  if (o.kind === 'filter' && typeof o.name === 'string' && isRemovedTestFilter(o.name, tables)) return o.name;
  for (const [k, v] of Object.entries(e)) {
    if (k === 'pos') continue;
    const f = removedFilterIn(v, tables);
    if (f) return f;
  }
  return undefined;
}

/** Refused before the module is translated: a condition other than success on a task that registers nothing. */
export function untilIsRetryOnFailure(task: Task): Result<void> {
  if (untilKind(task) !== 'condition' || staticString(task.keywords.get('register'))) return undefined;
  return new Untranslatable(
    'A2C-TODO-KEYWORD',
    "until: a condition other than 'until: <this task's register> is success' converts only on a registered command, shell, stat or uri (Chef retries only on failure)",
    task.keywords.get('until')!.span,
  );
}

/** Why an `until` condition the task's translation cannot evaluate per attempt stays a TODO. */
export function untilNotEvaluated(task: Task, why: string): Untranslatable {
  return new Untranslatable(
    'A2C-TODO-KEYWORD',
    `until: a condition other than the task's success is evaluated on each attempt's result only for a registered command, shell, stat or uri without a loop; ${why} (Chef retries only on failure)`,
    task.keywords.get('until')!.span,
  );
}

/**
 * retries and delay as Ansible reads them for `until` (task.py's defaults 3 and 5): static
 * non-negative numbers, or a TODO.
 */
export function untilAttempts(task: Task): Result<{ retries: number; delay: number }> {
  const num = (key: string, dflt: number): Result<number> => {
    const n = task.keywords.get(key);
    if (!n) return dflt;
    const v = staticString(n);
    if (v === undefined || !/^\d+$/.test(v)) return new Untranslatable('A2C-TODO-KEYWORD', `${key} must be a static number`, n.span);
    return Number(v);
  };
  const retries = num('retries', 3);
  if (failed(retries)) return retries;
  const delay = num('delay', 5);
  if (failed(delay)) return delay;
  return { retries, delay };
}
