// Ansible booleans given as templates: task keywords (no_log, ignore_errors) and module booleans
// (seboolean's state), which Ansible converts strictly.
import type { YNode } from '../../load/ansible/yaml.js';
import { bool, call, str, typeOf, type RExpr } from '../../ir/ruby-ast.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result } from '../../base/failure.js';
import { staticBool, translateValue } from '../values.js';

/**
 * A static value as is; a templated one through Ansible's strict boolean conversion when the
 * recipe compiles (a value that is neither true nor false fails the run, as it fails in Ansible).
 * Callers that evaluate it when the recipe compiles refuse values read from registered results.
 */
export function strictBool(node: YNode, key: string, scope: VarScope): Result<RExpr> {
  const b = staticBool(node);
  if (b !== undefined) return bool(b);
  const v = translateValue(node, scope);
  if (failed(v)) return v;
  // A read whose value is always a boolean (`no_log: "{{ hide_passwords }}"` of a `false` default): Ansible's
  // text 'True'/'False' reads back as that boolean, which the strict conversion keeps.
  const t = typeOf(v);
  if (t?.t === 'bool' && !t.rendered) return v;
  return call({ k: 'const', path: ['A2C', 'Tasks'] }, 'strict_boolean', [v, str(key)]);
}
