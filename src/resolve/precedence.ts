// Where each kind of variable definition ranks in Ansible (the 22 levels of "Understanding
// variable precedence", ansible-core 2.14) and where its converted attribute ranks in Chef, so
// the report can flag every variable whose winner changes.
import type { Definition, DefinitionKind } from './symbols.js';

export interface Rank {
  ansible: number;
  ansibleLabel: string;
  /**
   * Chef: 1 cookbook default, 2 Policyfile default, 3 normal (node file), 4 cookbook override, 5 Policyfile override, 6 run_state.
   * A value a Policyfile or node file cannot hold (vaulted, or computed on the node: policy-data.ts) is
   * written by an attribute file at force_default (between 2 and 3) or force_override (above 5): the
   * same order against every other kind, so the conflicts below still hold.
   */
  chef: number;
  chefLabel: string;
}

export const PRECEDENCE: Readonly<Record<DefinitionKind, Rank | undefined>> = {
  'role-default': { ansible: 2, ansibleLabel: 'role defaults', chef: 1, chefLabel: 'cookbook default' },
  'inventory-group': { ansible: 3, ansibleLabel: 'inventory group vars', chef: 2, chefLabel: 'Policyfile default' },
  group_vars: { ansible: 6, ansibleLabel: 'group_vars/*', chef: 2, chefLabel: 'Policyfile default' },
  'inventory-host': { ansible: 8, ansibleLabel: 'inventory host vars', chef: 3, chefLabel: 'normal (nodes/<host>.json)' },
  host_vars: { ansible: 9, ansibleLabel: 'host_vars/*', chef: 3, chefLabel: 'normal (nodes/<host>.json)' },
  'play-vars': { ansible: 12, ansibleLabel: 'play vars', chef: 2, chefLabel: 'Policyfile default' },
  'play-vars-file': { ansible: 14, ansibleLabel: 'play vars_files', chef: 2, chefLabel: 'Policyfile default' },
  // A role entry's `vars:` (`- role: x` + `vars:`): Role.get_vars merges them just before the
  // role's vars/main.yml, so they share its level and lose to it; written first in the role's
  // attribute file (play.ts), at override too, they keep that order.
  'role-entry-vars': { ansible: 14.5, ansibleLabel: "role vars (the role entry's vars:)", chef: 4, chefLabel: 'cookbook override' },
  'role-vars': { ansible: 15, ansibleLabel: 'role vars', chef: 4, chefLabel: 'cookbook override' },
  include_vars: { ansible: 18, ansibleLabel: 'include_vars', chef: 4, chefLabel: 'cookbook override' },
  set_fact: { ansible: 19, ansibleLabel: 'set_fact', chef: 6, chefLabel: 'node.run_state' },
  'role-param': { ansible: 20, ansibleLabel: 'role params', chef: 5, chefLabel: 'Policyfile override' },
  undeclared: undefined,
};

/** Pairs of definition kinds of one variable whose order differs between Ansible and Chef. */
export function precedenceConflicts(kinds: readonly DefinitionKind[]): Array<[DefinitionKind, DefinitionKind]> {
  const out: Array<[DefinitionKind, DefinitionKind]> = [];
  const uniq = [...new Set(kinds)];
  for (let i = 0; i < uniq.length; i++) {
    for (let j = i + 1; j < uniq.length; j++) {
      const a = PRECEDENCE[uniq[i]!];
      const b = PRECEDENCE[uniq[j]!];
      // At one Chef level the later assignment wins, and values are written in Ansible's order.
      if (!a || !b || a.chef === b.chef) continue;
      if (Math.sign(a.ansible - b.ansible) !== Math.sign(a.chef - b.chef)) out.push([uniq[i]!, uniq[j]!]);
    }
  }
  return out;
}

/** Chef attribute components a converted definition is written to (chef/chef lib/chef/node/attribute.rb). */
export type ChefComponent = 'default' | 'role_default' | 'force_default' | 'normal' | 'override' | 'role_override';

const COMPONENT: Readonly<Partial<Record<DefinitionKind, ChefComponent>>> = {
  'role-default': 'default',
  'inventory-group': 'role_default',
  group_vars: 'role_default',
  'play-vars': 'role_default',
  'play-vars-file': 'role_default',
  'inventory-host': 'normal',
  host_vars: 'normal',
  'role-entry-vars': 'override',
  'role-vars': 'override',
  include_vars: 'override',
  'role-param': 'role_override',
};

/** Vaulted group, host and play values are read at force_default by an attribute file (vault-scope.ts). */
const VAULTED_AT_FORCE_DEFAULT: ReadonlySet<DefinitionKind> = new Set([
  'inventory-group',
  'group_vars',
  'play-vars',
  'play-vars-file',
  'inventory-host',
  'host_vars',
]);

export function chefComponent(d: Definition): ChefComponent | undefined {
  if (d.vaulted && VAULTED_AT_FORCE_DEFAULT.has(d.kind)) return 'force_default';
  if (d.vaulted && d.kind === 'role-param') return 'override';
  return COMPONENT[d.kind];
}

const MERGE_GROUP: Readonly<Record<ChefComponent, 'default' | 'override' | undefined>> = {
  default: 'default',
  role_default: 'default',
  force_default: 'default',
  normal: undefined,
  override: 'override',
  role_override: 'override',
};

/**
 * Two definitions of one variable that a saved Chef node holds merged: a node found by search
 * carries its default components as one `default` (combined_default) and its override ones as
 * one `override`, where Chef has already unioned their lists and merged their dicts. Reading the
 * variable there (`hostvars[host].x`) cannot give the value Ansible takes whole from the higher
 * source. Only values that may be lists or dicts count.
 */
export function mergedOnSavedNode(defs: readonly Definition[]): [Definition, Definition] | undefined {
  const first = new Map<ChefComponent, Definition>();
  for (const d of defs) {
    const c = d.collection ? chefComponent(d) : undefined;
    if (c && !first.has(c)) first.set(c, d);
  }
  const held = [...first.entries()];
  for (let i = 0; i < held.length; i++) {
    for (let j = i + 1; j < held.length; j++) {
      const [a, da] = held[i]!;
      const [b, db] = held[j]!;
      if (MERGE_GROUP[a] && MERGE_GROUP[a] === MERGE_GROUP[b]) return [da, db];
    }
  }
  return undefined;
}

/**
 * Whether Chef's merged `node[...]` view can differ from the value Ansible takes whole from the
 * highest source: two Chef components hold the variable and one of them may hold a list or dict
 * (attribute.rb deep-merges hashes everywhere and unions arrays within the default and within the
 * override components), or may hold None (a nil above a value is not a replacement in every merge).
 * Scalars replace one another across components, as Ansible's precedence does.
 */
export function mergedViewDiffers(defs: readonly Definition[]): boolean {
  const components = new Set(defs.map((d) => chefComponent(d) ?? d.kind));
  if (components.size < 2) return false;
  return defs.some(
    (d) =>
      d.collection || d.vtype === undefined || d.vtype.t === 'any' || d.vtype.t === 'none' || d.vtype.t === 'list' || d.vtype.t === 'dict',
  );
}
