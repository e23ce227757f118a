// A reference to a role: `- name`, `- role: name`, `- { role: name, var: value }`.
import type { YNode } from './yaml.js';
import type { RoleRef } from './model.js';
import type { LoadContext } from './load-context.js';
import { isMap, keyName, scalarString } from './yaccess.js';
import { keywordsOn } from './keyword-table.js';

/**
 * Keys of a role reference that are keywords, not role parameters (mappings/keywords.toml, `on`
 * holding role): Ansible 2.14's RoleDefinition attributes, plus delegate_to/delegate_facts, which
 * Ansible applies to the role's tasks too, and the galaxy keys of a meta dependency. Any other key
 * is a parameter.
 */
export const ROLE_REF_KEYWORDS: ReadonlySet<string> = keywordsOn(['role']);

export function loadRoleRef(ctx: LoadContext, node: YNode): RoleRef | null {
  const plainName = scalarString(node);
  if (plainName !== undefined) return { name: plainName, params: [], entryVars: [], span: node.span, keywords: new Map() };
  if (!isMap(node)) {
    ctx.sink.error('A2C-SHAPE', 'a role reference must be a name or a mapping', node.span);
    return null;
  }
  let name: string | undefined;
  const params: RoleRef['params'] = [];
  const entryVars: RoleRef['entryVars'] = [];
  const keywords = new Map<string, YNode>();
  for (const e of node.entries) {
    const k = keyName(e.key);
    if (k === 'role' || (k === 'name' && name === undefined)) name = scalarString(e.value);
    else if (k === 'vars' && isMap(e.value)) {
      // Role.get_vars (ansible-core 2.14) merges the entry's `vars` before vars/main.yml, while
      // RoleDefinition's other keys are role params, merged last: two different levels.
      for (const v of e.value.entries) entryVars.push({ name: keyName(v.key), value: v.value, span: v.key.span });
    } else if (ROLE_REF_KEYWORDS.has(k)) keywords.set(k, e.value);
    else params.push({ name: k, value: e.value, span: e.key.span });
  }
  if (!name) {
    ctx.sink.error('A2C-SHAPE', "a role reference needs 'role' or 'name'", node.span);
    return null;
  }
  return { name, params, entryVars, span: node.span, keywords };
}
