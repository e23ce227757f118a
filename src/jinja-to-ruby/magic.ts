// Ansible's magic variables on a Chef node: the `lookupMagic` hook of a JinjaScope.
//
// The inventory is known at conversion time, so `groups` is a static attribute the
// Policyfiles carry (node[<namespace>]['groups'] = { group => [hosts] }, 'all' and
// 'ungrouped' included, as Ansible's `groups` has them), and `group_names` is computed
// from it for the node at run time (the node is named after its inventory host).
// `ansible_play_hosts` depends on the play: the caller passes the play's hosts.
// `omit` is A2C::Jinja::OMIT, a placeholder string shaped like Ansible's: printed in a
// template it renders like Ansible's placeholder; as a resource property value the
// caller drops the property. `hostvars` of other hosts would need a Chef search and
// stays untranslatable; so do names whose value only exists on the Ansible controller
// when the caller does not supply them.
import { nodeRef, str, type RExpr } from '../ir/ruby-ast.js';
import { J } from './rb.js';
import type { VarType } from '../resolve/types.js';

export interface MagicContext {
  /** The project namespace: static inventory data lives under node[namespace]. */
  namespace: string;
  /** Inventory groups and their hosts (the caller includes 'all' and 'ungrouped'). */
  groups: Record<string, string[]>;
  /** Groups the inventory declares with no host: `[]` in Ansible, so an empty Chef search reads as `[]` for them. */
  declaredEmpty?: readonly string[];
  /** The role's path on the controller, when the code comes from a role. */
  rolePath?: string;
  /** The directory of the playbook being converted. */
  playbookDir?: string;
  /** Hosts of the current play (its `hosts:` pattern resolved against the inventory). */
  playHosts?: string[];
  /** `groups` from the inventory written as attributes (static, the default), or Chef search at run time. */
  groupsMode?: 'static' | 'search';
  /** False when the input has no inventory: Ansible's `groups` then holds only an empty 'all' and 'ungrouped'. */
  inventory?: boolean;
  /** Ansible's `ansible_managed` setting (ansible.cfg `ansible_managed`); default 'Ansible managed'. */
  ansibleManaged?: string;
}

/** `groups` of an inventory: group name -> host names. */
const GROUPS_TYPE: VarType = { t: 'dict', values: { t: 'list', item: { t: 'str' } } };

/** The Ruby constant that stands for `omit`. */
export const OMIT: RExpr = { k: 'const', path: ['A2C', 'Jinja', 'OMIT'] };

/** Node attribute paths the Policyfile generator fills from the inventory. */
export function magicAttributePaths(namespace: string): { groups: string[]; playHosts: string[] } {
  // playHosts: the hosts of the play whose Policyfile runs the node (ansible_play_hosts and its
  // kin, play-hosts.ts), set by each generated Policyfile whose cookbooks read them.
  return { groups: [namespace, 'groups'], playHosts: [namespace, 'ansible_play_hosts'] };
}

export function magicLookup(ctx: MagicContext): (name: string) => RExpr | undefined {
  // Without an inventory no Policyfile carries `groups`: the attribute if an operator sets it,
  // else what Ansible has without an inventory (os_cinder `(g in groups) | ternary(..., 'localhost')`).
  // From the inventory (Policyfile data or Chef search), every group lists host names; without
  // one, an operator's attribute may hold anything.
  const groups = (): RExpr =>
    ctx.inventory === false
      ? J('groups', [nodeRef, str(ctx.namespace)])
      : J('var', [nodeRef, ...magicAttributePaths(ctx.namespace).groups.map(str)], { vt: GROUPS_TYPE });
  const nodeName: RExpr = { k: 'call', recv: nodeRef, name: 'name', args: [], noParens: true };
  return (name) => {
    switch (name) {
      case 'groups':
        // A group the inventory declares empty is [] there, where no node found is otherwise undefined.
        return ctx.groupsMode === 'search'
          ? J(
              'search_groups',
              [str(ctx.namespace), ...(ctx.declaredEmpty?.length ? [{ k: 'array' as const, items: ctx.declaredEmpty.map(str) }] : [])],
              {
                vt: GROUPS_TYPE,
              },
            )
          : groups();
      case 'group_names':
        // With search, each node publishes its own group names (nodes/<host>.json).
        if (ctx.groupsMode === 'search') return J('var', [nodeRef, str(ctx.namespace), str('group_names')]);
        // The sorted names of the groups holding this host: a list of text.
        return J('group_names', [groups(), nodeName], { vt: { t: 'list', item: { t: 'str' } } });
      case 'ansible_play_hosts':
      case 'ansible_play_hosts_all':
      case 'ansible_play_batch':
      case 'play_hosts':
        return ctx.playHosts ? { k: 'array', items: ctx.playHosts.map(str) } : undefined;
      case 'omit':
        return OMIT;
      case 'ansible_managed':
        return str(ctx.ansibleManaged ?? 'Ansible managed');
      case 'role_path':
        return ctx.rolePath === undefined ? undefined : str(ctx.rolePath);
      case 'playbook_dir':
        return ctx.playbookDir === undefined ? undefined : str(ctx.playbookDir);
      case 'ansible_check_mode':
        // Chef's why-run setting compared with true: a boolean always.
        return J('check_mode', [], { vt: { t: 'bool' } });
      default:
        return undefined;
    }
  };
}
