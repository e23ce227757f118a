// The human summary printed after a conversion.
import type { Stats } from '../report/stats.js';
import type { ApplyResult } from '../workspace/apply.js';
import type { OutputScope } from '../workspace/scope.js';

/** `selection`: the cookbooks of a --role/--playbook run, which `s` counts (not the whole project). */
export function summaryText(s: Stats, out: string, applied: ApplyResult, scope: OutputScope, selection?: string[]): string {
  const what = selection ? ` (the selected cookbooks only: ${selection.join(', ')})` : '';
  const lines = [
    `Converted ${s.tasks} tasks into ${s.cookbooks} cookbooks in ${out}/${what}: ${s.converted} converted, ${s.todo} TODO, ${s.ignored} ignored.`,
    `Diagnostics: ${s.diagnostics.error} errors, ${s.diagnostics.warning} warnings, ${s.diagnostics.info} notes. Files: ${applied.written.length} written, ${applied.unchanged.length} unchanged, ${applied.removed.length} removed.`,
  ];
  const list = (what: string, names: string[]) => {
    if (names.length) lines.push(`${what} (${names.length}): ${names.join(', ')}`);
  };
  list('Skipped, inputs unchanged since the last run (--force re-renders)', scope.skipped);
  list('Frozen in the config, not touched', scope.frozen);
  list('Excluded in the config, not touched', scope.excluded);
  list('Hand-edited files kept (their conversion did not change)', applied.kept);
  list('Hand-edited files NOT overwritten', applied.conflicts);
  list('New versions written beside edited files', applied.sidecars);
  const mods = Object.entries(s.modules);
  if (mods.length) {
    lines.push('', 'module                                    converted   TODO ignored');
    for (const [m, c] of mods)
      lines.push(`${m.padEnd(40)} ${String(c.converted).padStart(10)} ${String(c.todo).padStart(6)} ${String(c.ignored).padStart(7)}`);
  }
  lines.push('', `Details: ${out}/CONVERSION.md`);
  return lines.join('\n') + '\n';
}
