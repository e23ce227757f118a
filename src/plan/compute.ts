// `ansible2chef plan`: an assessment of a conversion, per role, computed from the in-memory result
// (nothing is written). The complexity score is documented in the README ("Plan"); keep both in step.
import type { ConversionResult } from '../convert.js';
import type { Diagnostic, DiagnosticCode } from '../base/diagnostics.js';
import { isFinding, isTodo, ownsInput } from '../workspace/role-records.js';

export interface RolePlan {
  /** Cookbook name; `(project)` for what belongs to no role (playbook-level tasks, inventory). */
  cookbook: string;
  source: string;
  tasks: number;
  /** Tasks converted to native Chef resources (not TODO, not ignored). */
  native: number;
  /** native / tasks, 0..1; 1 when there are no tasks. */
  nativeShare: number;
  todoTasks: number;
  ignoredTasks: number;
  /** TODO diagnostics (A2C-TODO-*) by code. */
  todosByCause: Record<string, number>;
  templates: number;
  /** Jinja constructs left untranslated (A2C-TODO-JINJA, A2C-TODO-TEMPLATE, and A2C-TODO-UNSET-READ: a read in Jinja). */
  untranslatedJinja: number;
  /** IPv6/TLS findings (A2C-IPV6-*, A2C-TLS-*) by code. */
  findings: Record<string, number>;
  complexity: number;
}

export interface Plan {
  roles: RolePlan[];
  totals: Omit<RolePlan, 'cookbook' | 'source'>;
  /** TODO tasks by what converting them needs (src/report/needs.ts); only needs that occur. */
  todoByNeed: Record<string, number>;
}

const JINJA: ReadonlySet<string> = new Set<DiagnosticCode>(['A2C-TODO-JINJA', 'A2C-TODO-TEMPLATE', 'A2C-TODO-UNSET-READ']);

/**
 * complexity = tasks + 3 × (tasks not converted natively) + 2 × TODO notes (diagnostics) + templates
 *              + 2 × IPv6/TLS findings
 * Native tasks cost 1 (review), everything a person must finish costs more.
 */
export function complexity(p: Pick<RolePlan, 'tasks' | 'native' | 'todosByCause' | 'templates' | 'findings'>): number {
  return p.tasks + 3 * (p.tasks - p.native) + 2 * total(p.todosByCause) + p.templates + 2 * total(p.findings);
}

export function computePlan(result: ConversionResult): Plan {
  const owners = result.cookbooks.map((c) => ({ name: c.name, source: c.source }));
  const ownerOf = (file: string | undefined) => (file === undefined ? undefined : owners.find((o) => ownsInput(o.source, file))?.name);
  const rows = new Map<string, RolePlan>();
  const row = (name: string, source: string) => {
    let r = rows.get(name);
    if (!r) rows.set(name, (r = emptyRow(name, source)));
    return r;
  };
  for (const c of result.cookbooks) row(c.name, c.source).templates = c.templates.length;
  for (const t of result.tasks) {
    const r = row(ownerOf(t.span.file) ?? '(project)', '');
    r.tasks++;
    if (t.outcome === 'converted') r.native++;
    else if (t.outcome === 'todo') r.todoTasks++;
    else r.ignoredTasks++;
  }
  for (const d of result.diagnostics) {
    if (!isTodo(d) && !isFinding(d)) continue;
    const r = row(ownerOf(d.span?.file) ?? '(project)', '');
    count(d, r);
  }
  const roles = [...rows.values()].sort((a, b) =>
    a.cookbook === '(project)' ? 1 : b.cookbook === '(project)' ? -1 : a.cookbook < b.cookbook ? -1 : 1,
  );
  for (const r of roles) finish(r);
  const totals = emptyRow('', '');
  for (const r of roles) {
    for (const k of ['tasks', 'native', 'todoTasks', 'ignoredTasks', 'templates', 'untranslatedJinja'] as const) totals[k] += r[k];
    merge(totals.todosByCause, r.todosByCause);
    merge(totals.findings, r.findings);
  }
  finish(totals);
  const { cookbook: _c, source: _s, ...t } = totals;
  const todoByNeed = Object.fromEntries(Object.entries(result.stats.todoByNeed).filter(([, n]) => n > 0));
  return { roles, totals: t, todoByNeed };
}

function count(d: Diagnostic, r: RolePlan): void {
  if (isFinding(d)) r.findings[d.code] = (r.findings[d.code] ?? 0) + 1;
  else r.todosByCause[d.code] = (r.todosByCause[d.code] ?? 0) + 1;
  if (JINJA.has(d.code)) r.untranslatedJinja++;
}

function finish(r: RolePlan): void {
  r.todosByCause = sortKeys(r.todosByCause);
  r.findings = sortKeys(r.findings);
  r.nativeShare = r.tasks ? r.native / r.tasks : 1;
  r.complexity = complexity(r);
}

function emptyRow(cookbook: string, source: string): RolePlan {
  return {
    cookbook,
    source,
    tasks: 0,
    native: 0,
    nativeShare: 1,
    todoTasks: 0,
    ignoredTasks: 0,
    todosByCause: {},
    templates: 0,
    untranslatedJinja: 0,
    findings: {},
    complexity: 0,
  };
}

function merge(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

function sortKeys(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.keys(r)
      .sort()
      .map((k) => [k, r[k]!]),
  );
}

export function total(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}
