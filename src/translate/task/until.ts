// `until` retries a task until a condition holds. Chef's `retries` repeat a resource only when
// it fails, which is the same thing exactly when the condition is the task's own success
// (`until: r is success`, `r is succeeded`, `r is not failed`) — by far the common case.
import type { Task } from '../../load/ansible/model.js';
import { parseExpression } from '../../load/jinja/index.js';
import { type Result, Untranslatable } from '../../base/failure.js';
import { staticString } from '../values.js';

export function untilIsRetryOnFailure(task: Task): Result<void> {
  const node = task.keywords.get('until');
  if (!node) return undefined;
  const reg = staticString(task.keywords.get('register'));
  const text = staticString(node);
  const parsed = text !== undefined ? parseExpression(text) : undefined;
  if (reg && parsed?.ok) {
    const e = parsed.value;
    if (e.kind === 'test' && e.node.kind === 'name' && e.node.name === reg && e.args.length === 0) {
      const success = ['success', 'succeeded'].includes(e.name) && !e.negated;
      const notFailed = e.name === 'failed' && e.negated;
      if (success || notFailed) return undefined;
    }
  }
  return new Untranslatable(
    'A2C-TODO-KEYWORD',
    "until: only 'until: <this task's register> is success' converts (Chef retries only on failure)",
    node.span,
  );
}
