// `vars:` on a task, block or include: each value is translated where the name is read, in the
// scope of that read (Ansible merges vars and templates them lazily at each use): a value sees its
// siblings in any order, an inner block's or the task's own var of the same name, the task's loop
// item, and results registered since the definition. A value that reaches itself again is a cycle,
// which Ansible fails on.
import type { YNode } from '../../load/ansible/yaml.js';
import { isMap, keyName } from '../../load/ansible/yaccess.js';
import type { VarScope, VarBinding } from '../jinja-bridge.js';
import { type Result, Untranslatable } from '../../base/failure.js';
import { translateValue } from '../values.js';
import type { RExpr } from '../../ir/ruby-ast.js';
import { ANY, valueType, type VarType } from '../../resolve/types.js';

/** `pin`: the vars are include params (include_tasks), which the included tasks' own vars do not rebind. */
export function withVars(
  scope: VarScope,
  node: YNode | undefined,
  extra: Array<{ key: string; value: YNode }> = [],
  pin = false,
): Result<VarScope> {
  const entries: Array<{ key: string; value: YNode }> = [...extra];
  if (node) {
    if (isMap(node)) for (const e of node.entries) entries.push({ key: keyName(e.key), value: e.value });
    else if (!(node.kind === 'scalar' && node.value === null))
      return new Untranslatable('A2C-SHAPE', 'vars must be a mapping', node.span, 'warning');
  }
  if (!entries.length) return scope;
  const vars = new Map<string, VarBinding>(scope.vars ?? []);
  // Translated at each read: an unread untranslatable value costs nothing, and results registered
  // since the definition (the scope's registered map is live) can be read.
  const own = entries.filter((e) => !scope.pinned?.has(e.key));
  for (const e of own) {
    const type = literalType(e.value);
    vars.set(e.key, { lazy: (at) => expand(e.key, e.value, at), span: e.value.span, ...(type ? { type } : {}) });
  }
  return { ...scope, vars, ...(pin ? { pinned: new Set([...(scope.pinned ?? []), ...own.map((e) => e.key)]) } : {}) };
}

/**
 * The type of a value written without Jinja: Ansible reads it as written wherever the var is read,
 * whatever scope reads it. A value holding Jinja anywhere is typed by nothing here (its names
 * resolve in the reading scope).
 */
function literalType(value: YNode): VarType | undefined {
  let jinja = false;
  const t = valueType(value, () => {
    jinja = true;
    return ANY;
  });
  return jinja || t.t === 'any' ? undefined : t;
}

function expand(name: string, value: YNode, at: VarScope): Result<RExpr> {
  const stack = at.expanding ?? [];
  if (stack.includes(name)) {
    const path = [...stack.slice(stack.indexOf(name)), name].join(' -> ');
    return new Untranslatable(
      'A2C-TODO-JINJA',
      `its value reads itself through ${path} (Ansible fails with a recursive loop in the template)`,
      value.span,
    );
  }
  return translateValue(value, { ...at, expanding: [...stack, name] });
}
