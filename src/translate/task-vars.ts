// `vars:` on a task, block or include: each value is translated where the name is read, in the
// scope that defines it (Ansible templates vars lazily at each use): a value that reads a result
// registered inside the block translates once that result exists.
import type { YNode } from '../ansible/yaml.js';
import { isMap, keyName } from '../ansible/yaccess.js';
import type { Scope, VarBinding } from './jinja-bridge.js';
import { type Result, Untranslatable } from './failure.js';
import { translateValue } from './values.js';

export function withVars(scope: Scope, node: YNode | undefined, extra: Array<{ key: string; value: YNode }> = []): Result<Scope> {
  const entries: Array<{ key: string; value: YNode }> = [...extra];
  if (node) {
    if (isMap(node)) for (const e of node.entries) entries.push({ key: keyName(e.key), value: e.value });
    else if (!(node.kind === 'scalar' && node.value === null)) return new Untranslatable('A2C-SHAPE', 'vars must be a mapping', node.span, 'warning');
  }
  if (!entries.length) return scope;
  const vars = new Map<string, VarBinding>(scope.vars ?? []);
  // Translated at each read: an unread untranslatable value costs nothing, and results registered
  // since the definition (the scope's registered map is live) can be read.
  for (const e of entries) vars.set(e.key, { lazy: () => translateValue(e.value, scope), span: e.value.span });
  return { ...scope, vars };
}
