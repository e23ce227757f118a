// Every place where the input sets a variable, walked once for the stages that need them all: the
// places outside tasks (walkDefinitions) and the set_fact tasks (setFactTasks), for the symbol
// table (symbols.ts, project-symbols.ts), the values computed at use (translate/deferred.ts) and the
// audit's value flow (audit/values.ts, which adds task vars).
import type { Span } from '../base/diagnostics.js';
import type { Project, Role, Task, TaskItem, VarEntry } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import type { DefinitionKind } from './symbols.js';

/** One variable definition as written: its kind, the role, play or group that owns it, its value. */
export interface DefinitionSite {
  name: string;
  kind: DefinitionKind;
  owner: string;
  span: Span;
  value: YNode;
  /** An include_vars definition: the role and its vars file (the key of role.varsFiles). */
  varsFile?: { role: Role; key: string };
}

/**
 * Role files and dependency params, play vars and role params, inventory group and host vars,
 * group_vars/ and host_vars/ (project.groupVars holds those beside every inventory and beside the
 * playbooks, each group's files in Ansible's order), in that order.
 */
export function walkDefinitions(project: Project, visit: (d: DefinitionSite) => void): void {
  for (const d of definitionSites(project)) visit(d);
}

/**
 * The sites of a project, collected by the first walk and read by the others: the audit's value
 * flow, the symbol table, the use-contract inference (its scan, and its walk for names read as text)
 * and the deferred-value classification each walk them, and each walk made every site's record
 * again. A loaded project is never changed after loading.
 */
const SITES = new WeakMap<Project, readonly DefinitionSite[]>();

function definitionSites(project: Project): readonly DefinitionSite[] {
  const known = SITES.get(project);
  if (known !== undefined) return known;
  const sites: DefinitionSite[] = [];
  const each = (entries: VarEntry[], kind: DefinitionKind, owner: string, varsFile?: DefinitionSite['varsFile']) => {
    for (const e of entries) sites.push({ name: e.name, kind, owner, span: e.span, value: e.value, ...(varsFile ? { varsFile } : {}) });
  };
  for (const role of project.roles.values()) {
    for (const f of role.defaults) each(f.entries, 'role-default', role.name);
    for (const f of role.vars) each(f.entries, 'role-vars', role.name);
    for (const [key, f] of role.varsFiles) each(f.entries, 'include_vars', role.name, { role, key });
    for (const dep of role.dependencies) each(dep.params, 'role-param', dep.name);
    for (const dep of role.dependencies) each(dep.entryVars, 'role-entry-vars', dep.name);
  }
  for (const book of project.playbooks) {
    for (const play of book.plays) {
      each(play.vars, 'play-vars', play.hosts);
      for (const f of play.varsFiles) each(f.entries, 'play-vars-file', play.hosts);
      for (const r of play.roles) each(r.params, 'role-param', r.name);
      for (const r of play.roles) each(r.entryVars, 'role-entry-vars', r.name);
    }
  }
  for (const inv of project.inventories) {
    for (const g of inv.groups.values()) each(g.vars, 'inventory-group', g.name);
    for (const h of inv.hosts.values()) each(h.vars, 'inventory-host', h.name);
  }
  for (const [group, files] of project.groupVars) for (const f of files) each(f.entries, 'group_vars', group);
  for (const [host, files] of project.hostVars) for (const f of files) each(f.entries, 'host_vars', host);
  SITES.set(project, sites);
  return sites;
}

/** Every task item, blocks first and then what they hold (block, rescue, always), in task order. */
export function walkTaskItems(items: readonly TaskItem[], visit: (item: TaskItem) => void): void {
  const walk = (item: TaskItem): void => {
    visit(item);
    if (item.kind === 'block') [...item.block, ...item.rescue, ...item.always].forEach(walk);
  };
  items.forEach(walk);
}

/**
 * Modules whose facts Ansible also sets as variables of their own name (TaskExecutor injects a
 * module's ansible_facts, cleaned, into the host's variables): `services` from service_facts,
 * `packages` from package_facts. No such module converts: a read of the name is a read of what a
 * TODO task would set, like a registered result, never an input the user is asked for.
 */
const FACT_SETTING_MODULES: Readonly<Record<string, string>> = { service_facts: 'services', package_facts: 'packages' };

/** The variable a task's module sets as facts (see FACT_SETTING_MODULES), if any. */
export function factVariableSetBy(item: TaskItem): string | undefined {
  return item.kind === 'block' ? undefined : FACT_SETTING_MODULES[item.module.replace(/^ansible\.builtin\./, '')];
}

/** The module that sets the variable `name` as facts (see FACT_SETTING_MODULES), if any. */
export function moduleSettingFactVariable(name: string): string | undefined {
  return Object.entries(FACT_SETTING_MODULES).find(([, v]) => v === name)?.[0];
}

/** The set_fact tasks of these items, in task order: each defines the variables setFactNames names. */
export function setFactTasks(items: readonly TaskItem[]): Task[] {
  const out: Task[] = [];
  walkTaskItems(items, (item) => {
    if (item.kind !== 'block' && item.module === 'ansible.builtin.set_fact') out.push(item);
  });
  return out;
}

/** Names of the variables a set_fact task defines: its arguments but the module's own `cacheable`. */
export function setFactNames(args: Array<{ key: string }>): string[] {
  return args.map((a) => a.key).filter((k) => k !== 'cacheable');
}

/**
 * Names some task or block of these items binds for itself: its `vars` (an include's too), its
 * loop variable (`item`, loop_control's loop_var, index_var). A set_fact value reading one of them
 * is templated with that binding, which the project's variables do not give (set-fact-types.ts).
 */
export function taskBoundNames(items: readonly TaskItem[]): Set<string> {
  const out = new Set(['item']);
  walkTaskItems(items, (item) => {
    const vars = item.keywords.get('vars');
    if (vars?.kind === 'map')
      for (const e of vars.entries) if (e.key.kind === 'scalar' && typeof e.key.value === 'string') out.add(e.key.value);
    const control = item.keywords.get('loop_control');
    if (control?.kind === 'map')
      for (const e of control.entries)
        if (
          e.key.kind === 'scalar' &&
          (e.key.value === 'loop_var' || e.key.value === 'index_var') &&
          e.value.kind === 'scalar' &&
          typeof e.value.value === 'string'
        )
          out.add(e.value.value);
  });
  return out;
}
