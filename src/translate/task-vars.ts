// `vars:` on a task, block or include: each value is translated once, in the enclosing scope, and
// substituted where the name is used (Ansible evaluates them lazily at each use).
import type { YNode } from '../ansible/yaml.js';
import type { RExpr } from '../ruby/ast.js';
import { isMap, keyName } from '../ansible/yaccess.js';
import type { Scope } from './jinja-bridge.js';
import { type Result, Untranslatable } from './failure.js';
import { translateValue } from './values.js';

export function withVars(scope: Scope, node: YNode | undefined, extra: Array<{ key: string; value: YNode }> = []): Result<Scope> {
  const entries: Array<{ key: string; value: YNode }> = [...extra];
  if (node) {
    if (isMap(node)) for (const e of node.entries) entries.push({ key: keyName(e.key), value: e.value });
    else if (!(node.kind === 'scalar' && node.value === null)) return new Untranslatable('A2C-SHAPE', 'vars must be a mapping', node.span);
  }
  if (!entries.length) return scope;
  const vars = new Map<string, RExpr | Untranslatable>(scope.vars ?? []);
  // A value without a translation is kept as its failure: Ansible templates vars only when they
  // are read, so an unread one (or one read only where the reader drops it) costs nothing.
  for (const e of entries) vars.set(e.key, translateValue(e.value, scope));
  return { ...scope, vars };
}
