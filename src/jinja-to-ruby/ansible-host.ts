// `ansible_host` read in a task, a template or a variable: Ansible's address of the current host.
//
// A task sees the variable where some source sets it (inventory, group_vars/host_vars, play or
// role vars); otherwise TaskExecutor adds it from the connection's address (PlayContext.update_vars),
// which is the host's `ansible_ssh_host` or, without one, its inventory name. Converted nodes are
// named after their inventory host (nodes/<host>.json) and carry the inventory's variables at one
// attribute path, so the same value is `A2C::Jinja.var_or(node, <path>) { node.name }`: the
// attribute where a source sets it, else the node's name. Where that rule is not provably
// Ansible's, a TODO says why: the input sets `ansible_ssh_host` (Ansible's address would come from
// it), a set_fact or a computed value sets `ansible_host`, or the caller refuses the name here
// (loop lists: Ansible templates them before it adds the variable, so there it is undefined).
import type { Pos } from '../load/jinja/ast.js';
import { call, nodeRef, str } from '../ir/ruby-ast.js';
import { J, typed, type Typed } from './rb.js';
import { isRefusal, untranslatable, type JinjaScope } from './scope.js';

export function translateAnsibleHost(scope: JinjaScope, pos: Pos): Typed {
  const hooked = scope.lookupMagic?.('ansible_host');
  if (hooked && isRefusal(hooked)) return untranslatable('magic:ansible_host', `magic variable 'ansible_host': ${hooked.why}`, pos);
  if (scope.lookupVar('ansible_ssh_host'))
    return untranslatable(
      'magic:ansible_host',
      "ansible_host where the input sets ansible_ssh_host: Ansible's connection address then comes from it, which is not converted",
      pos,
    );
  const ref = scope.lookupVar('ansible_host') ?? scope.lookupUndeclared?.('ansible_host');
  if (ref?.kind === 'failed') return untranslatable(ref.construct, ref.reason, pos, ref.followsTodo, ref.code);
  if (ref?.kind !== 'attribute')
    return untranslatable(
      'magic:ansible_host',
      'ansible_host is set by a set_fact or computed where it is used here: the inventory-name fallback is not converted for it',
      pos,
    );
  const nodeName = call(nodeRef, 'name', [], { noParens: true });
  return typed(J('var_or', [nodeRef, ...ref.path.map(str)], { block: { params: [], body: nodeName } }), 'any');
}
