// A play's templated host pattern -> the pattern Ansible runs it on, where the input decides it.
//
// Ansible 2.14 (executor/playbook_executor.py) templates a play's `hosts` before the play runs,
// with the variables of the play alone (vars/manager.py get_vars(play=play), no host): play vars
// and vars_files, the defaults and exported vars of the play's roles, extra vars. Inventory
// variables, facts and include_vars are per host and are not seen. So `hosts: "{{ x |
// default('g') }}"` runs on g when the input sets x only in the inventory or nowhere: that is the
// pattern of the play's Policyfile, its group_vars and the play's hosts (run-once.ts); so it does
// where a role's defaults or vars set x to the same plain 'g' (seen or not, the pattern is g). Any
// other shape, or an x the input sets otherwise, stays templated (a TODO where read).
import type { Play, Project } from '../load/ansible/model.js';
import { staticString } from './values.js';
import type { DiagnosticSink, Span } from '../base/diagnostics.js';
import type { DefinitionKind, SymbolTable } from '../resolve/symbols.js';

/** Definitions Ansible does not see when it templates a play's pattern (per host, or none). */
const UNSEEN: ReadonlySet<DefinitionKind> = new Set(['group_vars', 'host_vars', 'inventory-group', 'inventory-host', 'undeclared']);

/** `{{ name | default('literal') }}`, the whole pattern. */
const DEFAULTED = /^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\|\s*default\(\s*(['"])([^'"\\{}]*)\2\s*\)\s*\}\}\s*$/;

/** Each play's pattern as Ansible resolves it (the written one where it is not templated or not decided by the input). */
export function playPatterns(project: Project, symbols: SymbolTable, sink: DiagnosticSink): (play: Play) => string {
  const resolved = new Map<Play, string>();
  for (const play of project.playbooks.flatMap((b) => b.plays)) {
    const m = DEFAULTED.exec(play.hosts);
    if (!m) continue;
    const name = m[1]!;
    const pattern = m[3]!.trim();
    const defs = symbols.get(name)?.definitions ?? [];
    const seen = defs.filter((d) => !UNSEEN.has(d.kind));
    if (!pattern || seen.some((d) => !sameInRole(project, name, d.kind, d.owner, d.span, pattern))) continue;
    resolved.set(play, pattern);
    const inventory = defs.some((d) => UNSEEN.has(d.kind) && d.kind !== 'undeclared');
    const where = seen.length
      ? `sets ${name} to '${pattern}' in role defaults or vars${inventory ? ' (and otherwise only in the inventory, which Ansible does not read there)' : ''}`
      : inventory
        ? `sets ${name} only in the inventory, which Ansible does not read there`
        : `sets ${name} nowhere`;
    sink.info(
      'A2C-PLAY-PATTERN',
      `the play's host pattern '${play.hosts.trim()}' reads as '${pattern}': Ansible templates it with the play's own variables (play vars, vars_files, its roles' defaults, extra vars) and the input ${where} (an extra var -e ${name}=... would change it)`,
      play.span,
    );
  }
  return (play) => resolved.get(play) ?? play.hosts;
}

/** Whether a role's defaults or vars define `name` at `span` as the plain string `value`. */
function sameInRole(project: Project, name: string, kind: DefinitionKind, owner: string, span: Span, value: string): boolean {
  if (kind !== 'role-default' && kind !== 'role-vars') return false;
  const role = project.roles.get(owner);
  const files = role ? (kind === 'role-default' ? role.defaults : role.vars) : [];
  const entry = files.flatMap((f) => f.entries).find((e) => e.name === name && e.span.file === span.file && e.span.line === span.line);
  return entry !== undefined && staticString(entry.value) === value;
}
