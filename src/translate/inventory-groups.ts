// Ansible's `groups` from the inventories the input gives: every group an inventory declares, with
// its hosts (children included) in inventory order. A declared group with no host is `[]` in
// Ansible (`is defined` is true, `default()` does not apply), so it is `[]` here too.
//
// One case is not Ansible's answer on this inventory: a skeleton that another inventory (a dynamic
// one, as OpenStack-Ansible's) fills. When a play of the input runs on a group an inventory leaves
// empty, Ansible would run that play on no host, so the inventory is read as one filled elsewhere:
// its empty groups are left out of `groups` (a read stops the run naming the group, RequiredInput,
// and a play's hosts are an input, play-hosts.ts), and a warning at the group's line says so.
// Either answer could be wrong there; the loud one is chosen.
import type { DiagnosticSink } from '../base/diagnostics.js';
import type { Play, Project } from '../load/ansible/model.js';
import { groupHosts } from './hosts.js';

export interface InventoryGroups {
  /** Group -> hosts, as the converted `groups` holds them ('all' and 'ungrouped' always). */
  groups: Record<string, string[]>;
  /** Declared groups with no host, kept as `[]` (Chef search finds no node for them either). */
  declaredEmpty: string[];
}

/** The names a host pattern's terms give (`a:&b:!c`, `a,b`, `g[0]`), without operators or slices. */
function patternNames(pattern: string): string[] {
  return pattern
    .split(/[:,]/)
    .map((t) =>
      t
        .trim()
        .replace(/^[!&]/, '')
        .replace(/\[.*\]$/, ''),
    )
    .filter((t) => t && !t.includes('{{') && !/[*~]/.test(t));
}

export function inventoryGroups(project: Project, patternOf: (play: Play) => string, sink: DiagnosticSink): InventoryGroups {
  const out: Record<string, Set<string>> = {};
  for (const inv of project.inventories) {
    for (const g of inv.groups.keys()) {
      const hosts = (out[g] ??= new Set());
      for (const h of groupHosts(inv, g)) hosts.add(h);
    }
  }
  out.all ??= new Set();
  out.ungrouped ??= new Set();
  const empty = (g: string) => g !== 'all' && g !== 'ungrouped' && out[g]?.size === 0;
  const plays = project.playbooks.flatMap((b) => b.plays);
  for (const inv of project.inventories) {
    const ran = plays.flatMap((play) =>
      patternNames(patternOf(play))
        .filter((g) => inv.groups.has(g) && empty(g))
        .map((group) => ({ play, group })),
    );
    if (!ran.length) continue;
    const left = [...inv.groups.keys()].filter(empty);
    const first = ran[0]!;
    const also = [...new Set(ran.map((r) => r.group))].filter((g) => g !== first.group);
    const shown = left.filter((g) => g !== first.group).slice(0, 8);
    const more = left.length - 1 - shown.length;
    sink.warning(
      'A2C-GROUP-FILLED-ELSEWHERE',
      `group '${first.group}' is declared in ${inv.file} with no host, yet the play at ${first.play.file}:${first.play.span.line} runs on it${also.length ? ` (as other plays run on ${also.map((g) => `'${g}'`).join(', ')})` : ''}: Ansible would run that play on no host, so this inventory reads as one that another (dynamic) inventory fills. Its ${left.length} empty group(s) ('${first.group}'${shown.map((g) => `, '${g}'`).join('')}${more > 0 ? ` and ${more} more` : ''}) are left out of the converted groups, where Ansible on this inventory alone reads []: reading one stops the run naming the group (RequiredInput); set groups from the inventory that fills them, or give these groups their hosts`,
      inv.groups.get(first.group)?.span ?? first.play.span,
    );
    for (const g of left) delete out[g];
  }
  // Host order is inventory order, as in Ansible (`groups[g][0]` is often "the first host").
  const groups = Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((g) => [g, [...out[g]!]]),
  );
  return { groups, declaredEmpty: Object.keys(groups).filter((g) => g !== 'all' && g !== 'ungrouped' && !groups[g]!.length) };
}
