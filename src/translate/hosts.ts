// Ansible host patterns against the inventory: `all`, groups, hosts, `a:b` / `a,b` unions,
// `&g` intersections, `!g` exclusions, `*` wildcards.
import type { Inventory } from '../load/ansible/model.js';

export function groupHosts(inv: Inventory, group: string, seen = new Set<string>()): string[] {
  if (seen.has(group)) return [];
  seen.add(group);
  const g = inv.groups.get(group);
  if (!g) return [];
  if (group === 'all') return [...inv.hosts.keys()];
  return [...new Set([...g.hosts, ...g.children.flatMap((c) => groupHosts(inv, c, seen))])];
}

export function matchHosts(pattern: string, inventories: Inventory[]): string[] {
  const all = new Set(inventories.flatMap((inv) => [...inv.hosts.keys()]));
  const resolve = (term: string): Set<string> => {
    const out = new Set<string>();
    const re = term.includes('*')
      ? new RegExp(
          '^' +
            term
              .split('*')
              .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
              .join('.*') +
            '$',
        )
      : null;
    for (const inv of inventories) {
      for (const [name] of inv.groups) if (re ? re.test(name) : name === term) for (const h of groupHosts(inv, name)) out.add(h);
      for (const h of inv.hosts.keys()) if (re ? re.test(h) : h === term) out.add(h);
    }
    return out;
  };
  let result = new Set<string>();
  const terms = pattern
    .split(/[,:](?![^[]*\])/)
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of terms.filter((x) => !x.startsWith('!') && !x.startsWith('&'))) for (const h of resolve(t)) result.add(h);
  for (const t of terms.filter((x) => x.startsWith('&'))) {
    const keep = resolve(t.slice(1));
    result = new Set([...result].filter((h) => keep.has(h)));
  }
  for (const t of terms.filter((x) => x.startsWith('!'))) for (const h of resolve(t.slice(1))) result.delete(h);
  return [...result].filter((h) => all.has(h)).sort();
}

/**
 * What groupsOf reads of an inventory, made once per inventory rather than once per host: each
 * group's parents, and each group's hosts as a set, made when first asked. Per host, every group's
 * host list was built again to be searched for that one host (hosts x groups lists, 17 MB of garbage
 * at 1000 roles). The inventory is not changed once loaded.
 */
interface InventoryShape {
  parents: Map<string, string[]>;
  members: Map<string, ReadonlySet<string>>;
}
const shapes = new WeakMap<Inventory, InventoryShape>();

function shapeOf(inv: Inventory): InventoryShape {
  let shape = shapes.get(inv);
  if (!shape) {
    const parents = new Map<string, string[]>();
    for (const g of inv.groups.values()) for (const c of g.children) parents.set(c, [...(parents.get(c) ?? []), g.name]);
    shape = { parents, members: new Map() };
    shapes.set(inv, shape);
  }
  return shape;
}

/** Groups a host belongs to, parents first (the order Ansible applies group_vars in). */
export function groupsOf(inv: Inventory, host: string): string[] {
  const { parents, members } = shapeOf(inv);
  const depth = new Map<string, number>();
  const d = (g: string, seen = new Set<string>()): number => {
    if (depth.has(g)) return depth.get(g)!;
    if (seen.has(g)) return 0;
    seen.add(g);
    const v = g === 'all' ? 0 : 1 + Math.max(0, ...(parents.get(g) ?? ['all']).map((p) => d(p, seen)));
    depth.set(g, v);
    return v;
  };
  const hasHost = (g: string): boolean => {
    let hosts = members.get(g);
    if (!hosts) {
      hosts = new Set(groupHosts(inv, g));
      members.set(g, hosts);
    }
    return hosts.has(host);
  };
  const member = [...inv.groups.keys()].filter(hasHost);
  return member.sort((a, b) => d(a) - d(b) || (a < b ? -1 : a > b ? 1 : 0));
}
