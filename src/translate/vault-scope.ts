// `!vault` values of inventory groups, hosts and plays. A Policyfile and a node file hold data only
// (`chef install` evaluates a Policyfile on the workstation), so a vaulted value cannot live there:
// it is read from its own chef-vault item by an attribute file of the cookbooks those nodes run,
// guarded so that only the group's hosts, the host or the play's nodes get it.
//
// Every such value is written at force_default (role params: force_override), in Ansible's order
// (groups parents first, then hosts, then play vars), so the later one wins as in Ansible: above
// role defaults and the Policyfile's group_vars, below node files and role vars. Values a
// Policyfile cannot hold because they are computed on the node (policy-data.ts) go the same way. A placeholder in a node file would be a
// `normal` attribute that outranks the real value; it is never written.
import type { Attribute, Cookbook } from '../ir/chef-ir.js';
import type { Inventory, VarFile } from '../load/ansible/model.js';
import { call, nodeRef, str, type RExpr } from '../ir/ruby-ast.js';
import { attributesFrom } from './attributes.js';
import type { VarScope } from './jinja-bridge.js';
import type { TranslateContext } from './context.js';
import { groupHosts } from './hosts.js';
import { holdsVault } from '../resolve/vaulted.js';

/** The entries of files that hold a vault value (vaulted) and the others (plain). */
export function splitVaulted(files: VarFile[]): { plain: VarFile[]; vaulted: VarFile[] } {
  return {
    plain: files.map((f) => ({ ...f, entries: f.entries.filter((e) => !holdsVault(e.value)) })),
    vaulted: files.map((f) => ({ ...f, entries: f.entries.filter((e) => holdsVault(e.value)) })).filter((f) => f.entries.length),
  };
}

/** Who reads a vaulted value. */
export type VaultScope =
  | { kind: 'group'; inv: Inventory; name: string }
  | { kind: 'host'; name: string }
  | { kind: 'play'; policy: string; order: number; group?: { inv: Inventory; name: string } };

const nodeName: RExpr = call(nodeRef, 'name', [], { noParens: true });

function guard(where: VaultScope): RExpr | undefined {
  switch (where.kind) {
    case 'group':
      // Membership is the inventory's, as static as the `groups` attribute written from it.
      return where.name === 'all'
        ? undefined
        : call({ k: 'array', items: groupHosts(where.inv, where.name).map(str) }, 'include?', [nodeName]);
    case 'host':
      return { k: 'binop', op: '==', l: nodeName, r: str(where.name) };
    case 'play':
      return { k: 'binop', op: '==', l: call(nodeRef, 'policy_name', [], { noParens: true }), r: str(where.policy) };
  }
}

function rank(where: VaultScope): string {
  const pad = (n: number) => String(n).padStart(6, '0');
  switch (where.kind) {
    case 'group':
      return `0 ${pad(groupDepth(where.inv, where.name))} ${where.name}`;
    case 'host':
      return `1 ${where.name}`;
    case 'play':
      // A group_vars value read only by the play's nodes keeps its group's place in Ansible's order.
      return where.group ? `0 ${pad(groupDepth(where.group.inv, where.group.name))} ${where.group.name}` : `2 ${pad(where.order)}`;
  }
}

function vaultScopeTag(where: VaultScope): string | undefined {
  if (where.kind === 'group') return where.name === 'all' ? undefined : `group-${where.name}`;
  if (where.kind === 'host') return `host-${where.name}`;
  return undefined;
}

/** A group's depth below `all` (Ansible applies group_vars by depth, then by name). */
function groupDepth(inv: Inventory, group: string, seen = new Set<string>()): number {
  if (group === 'all' || seen.has(group)) return 0;
  seen.add(group);
  const parents = [...inv.groups.values()].filter((g) => g.children.includes(group)).map((g) => g.name);
  return 1 + Math.max(0, ...parents.map((p) => groupDepth(inv, p, seen)));
}

/** Vault-backed attributes collected per cookbook, written first in its attribute file. */
export class VaultPlacement {
  private readonly placed = new Map<string, Array<{ rank: string; attr: Attribute }>>();
  /**
   * What each cookbook's list holds (origin, path and guard, as placeKey says), and the origins of
   * ctx.computedOnNode: whether a value is there already is one lookup, not a pass over every value
   * placed so far (with a JSON text of two guards per value), which grew with plays x values.
   */
  private readonly placedKeys = new Map<string, Set<string>>();
  private readonly computedOrigins = new Set<string>();

  constructor(
    private readonly ctx: TranslateContext,
    private readonly scope: VarScope,
  ) {}

  /** The vaulted entries of files, for the nodes of `where`, into each of the cookbooks. */
  addFiles(files: VarFile[], where: VaultScope, cookbooks: readonly string[]): void {
    if (!files.length) return;
    const attrs = attributesFrom(files, 'force_default', this.scope, this.ctx.sink, this.ctx.text, this.ctx.vaults, {
      ...(vaultScopeTag(where) ? { vaultScope: vaultScopeTag(where)! } : {}),
    });
    this.addAttributes(attrs, where, cookbooks);
  }

  /**
   * Attributes already translated (play vars, role params, group_vars of a play), read only by the
   * play's nodes. `movedLevel`: written here at another level than their kind's because they are
   * computed on the node (the report says so); a role entry's vars are at their own level.
   */
  addAttributes(attrs: readonly Attribute[], where: VaultScope, cookbooks: readonly string[], movedLevel = true): void {
    const onlyIf = guard(where);
    for (const a of attrs) {
      if (movedLevel && cookbooks.length && !a.todo && !this.computedOrigins.has(spanKey(a.origin))) {
        this.computedOrigins.add(spanKey(a.origin));
        this.ctx.computedOnNode.push({ span: a.origin, precedence: a.precedence });
      }
      const attr: Attribute = { ...a, ...(onlyIf && !a.todo ? { onlyIf } : {}) };
      const key = placeKey(attr);
      for (const cb of cookbooks) {
        const list = this.placed.get(cb) ?? [];
        const keys = this.placedKeys.get(cb) ?? new Set<string>();
        // One value met again for the same nodes (a group file read for several plays) is written
        // once; for another play's nodes it is written again under that play's guard.
        if (!keys.has(key)) {
          keys.add(key);
          list.push({ rank: rank(where), attr });
        }
        this.placed.set(cb, list);
        this.placedKeys.set(cb, keys);
      }
    }
  }

  /** First in each cookbook's attributes: a role default may read them while its file is evaluated. */
  apply(cookbooks: readonly Cookbook[]): void {
    for (const cb of cookbooks) {
      const list = this.placed.get(cb.name);
      if (!list?.length) continue;
      const sorted = list.map((x, i) => ({ ...x, i })).sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.i - b.i));
      cb.attributes.unshift(...sorted.map((x) => x.attr));
    }
  }
}

function spanKey(s: { file: string; line: number; col: number }): string {
  return `${s.file}:${s.line}:${s.col}`;
}

/** A placed value's origin, path and guard: two values with the same key are one value for the same nodes. */
function placeKey(a: Attribute): string {
  return `${spanKey(a.origin)}\0${a.path.join('\0')}\0${JSON.stringify(a.onlyIf)}`;
}
