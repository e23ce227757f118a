// Conversion statistics: what the summary, --json and CONVERSION.md report.
import type { Diagnostic } from '../base/diagnostics.js';
import type { Accounting, Entry } from '../translate/accounting.js';
import { NEEDS, todoNeed } from './needs.js';

export interface ModuleStats {
  converted: number;
  todo: number;
  ignored: number;
}

export interface Stats {
  cookbooks: number;
  tasks: number;
  converted: number;
  todo: number;
  ignored: number;
  modules: Record<string, ModuleStats>;
  /** TODO tasks by what converting them would need (src/report/needs.ts), in a fixed order. */
  todoByNeed: Record<string, number>;
  diagnostics: { error: number; warning: number; info: number; byCode: Record<string, number> };
}

export function computeStats(accounting: Pick<Accounting, 'all'>, cookbooks: number, diagnostics: Diagnostic[]): Stats {
  const s: Stats = {
    cookbooks,
    tasks: 0,
    converted: 0,
    todo: 0,
    ignored: 0,
    modules: {},
    todoByNeed: Object.fromEntries(Object.values(NEEDS).map((n) => [n, 0])),
    diagnostics: { error: 0, warning: 0, info: 0, byCode: {} },
  };
  const modules = new Map<string, ModuleStats>();
  for (const e of accounting.all()) {
    s.tasks++;
    s[e.outcome]++;
    const m = modules.get(e.module) ?? { converted: 0, todo: 0, ignored: 0 };
    m[e.outcome]++;
    modules.set(e.module, m);
    // Every TODO is recorded with its code; one without is the tool's bug.
    if (e.outcome === 'todo') s.todoByNeed[e.code ? (e.follows ? NEEDS['follows-kept'] : todoNeed(e.code)) : NEEDS.bug]!++;
  }
  for (const k of [...modules.keys()].sort()) s.modules[k] = modules.get(k)!;
  const codes = new Map<string, number>();
  for (const d of diagnostics) {
    s.diagnostics[d.severity]++;
    codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  }
  for (const k of [...codes.keys()].sort()) s.diagnostics.byCode[k] = codes.get(k)!;
  return s;
}

/**
 * The statistics of some cookbooks only (a `--role`/`--playbook` run): their tasks and the diagnostics
 * in their input files, by each cookbook's source (a role directory or a playbook file).
 */
export function selectionStats(tasks: Entry[], diagnostics: Diagnostic[], sources: string[]): Stats {
  const owned = (file: string | undefined) => file !== undefined && sources.some((s) => file === s || file.startsWith(s + '/'));
  const mine = tasks.filter((t) => owned(t.span.file));
  return computeStats(
    { all: () => mine },
    sources.length,
    diagnostics.filter((d) => owned(d.span?.file)),
  );
}
