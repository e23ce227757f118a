// Policyfiles and node files hold data only: `chef install` evaluates it on the workstation, where there is no
// node, so a value that reads facts, other variables or run-time state (or calls a helper) fails
// there with NameError `node`. Such a value is computed on the node instead, by an attribute file
// of the play's cookbooks (VaultPlacement, guarded by the policy name); what is pure data stays.
//
// Every value of a variable moves together once one of them must: at two Chef levels the higher
// one wins whatever Ansible's order says, so a literal group_vars/webservers value left in the
// Policyfile would lose to a computed group_vars/all value moved above it.
import type { Attribute } from '../ir/chef-ir.js';
import type { Inventory, VarFile } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import { isLiteral } from './defer.js';
import { hasJinja } from './jinja-bridge.js';

/** An attribute of a play and the inventory group whose vars it comes from (none: play vars, role params). */
export interface PlayAttribute {
  attr: Attribute;
  group?: { inv: Inventory; name: string };
}

/**
 * The attributes that stay in the Policyfile (literal data) and those computed on the node, both
 * in input order. `pinned`: paths that are computed on the node anyway (vault values of the play's
 * groups), so that a literal value of the same variable keeps its order with them.
 */
export function splitPolicyData(
  attrs: readonly PlayAttribute[],
  pinned: readonly (readonly string[])[] = [],
): { data: PlayAttribute[]; onNode: PlayAttribute[] } {
  const live = attrs.filter((x) => !x.attr.todo);
  const moving = [...pinned, ...live.filter((x) => !isLiteral(x.attr.value)).map((x) => x.attr.path)];
  const moves = (path: readonly string[]) => moving.some((p) => related(p, path));
  return { data: live.filter((x) => !moves(x.attr.path)), onNode: live.filter((x) => moves(x.attr.path)) };
}

/** One path is the other or inside it: Chef merges such values across levels. */
function related(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A YAML value Ansible templates (a string with Jinja not marked `!unsafe`, or a collection holding one). */
export function holdsJinja(node: YNode): boolean {
  if (node.kind === 'scalar') return typeof node.value === 'string' && !node.unsafe && hasJinja(node.value);
  if (node.kind === 'seq') return node.items.some(holdsJinja);
  return node.entries.some((e) => holdsJinja(e.key) || holdsJinja(e.value));
}

/**
 * The entries of host or group vars files a node file can hold as they are (data) and those
 * Ansible templates (computed): a node file is JSON, so `"{{ ... }}"` there would be the text
 * itself, never its value.
 */
export function splitNodeData(files: VarFile[]): { data: VarFile[]; computed: VarFile[] } {
  return {
    data: files.map((f) => ({ ...f, entries: f.entries.filter((e) => !holdsJinja(e.value)) })),
    computed: files.map((f) => ({ ...f, entries: f.entries.filter((e) => holdsJinja(e.value)) })).filter((f) => f.entries.length),
  };
}
