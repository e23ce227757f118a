// Plan output: an aligned text table for the terminal, Markdown for issues and PRs, JSON for tools.
import { type Plan, type RolePlan, total } from './compute.js';

type Row = Omit<RolePlan, 'cookbook' | 'source'> & { cookbook?: string };

// TODO tasks count as convert counts them (one per task); TODO notes are the A2C-TODO-* diagnostics
// (a task can hold several, a template or an attribute holds some too). Named apart so the two never read as one.
const HEAD = ['role', 'tasks', 'native', 'TODO tasks', 'TODO notes', 'templates', 'Jinja', 'IPv6/TLS', 'score'];

function cells(name: string, r: Row): string[] {
  // No task, no share: "100%" would say everything converted when nothing was there to convert.
  return [
    name,
    String(r.tasks),
    r.tasks ? `${(100 * r.nativeShare).toFixed(0)}%` : '—',
    String(r.todoTasks),
    String(total(r.todosByCause)),
    String(r.templates),
    String(r.untranslatedJinja),
    String(total(r.findings)),
    String(r.complexity),
  ];
}

function causes(r: Row): string {
  const list = Object.entries(r.todosByCause).map(([c, n]) => `${c} ×${n}`);
  const found = Object.entries(r.findings).map(([c, n]) => `${c} ×${n}`);
  return [...list, ...found].join(', ');
}

export function planTable(plan: Plan): string {
  const rows = [HEAD, ...plan.roles.map((r) => cells(r.cookbook, r)), cells('total', plan.totals)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1, -1).map(line),
    widths.map((w) => '-'.repeat(w)).join('  '),
    line(rows[rows.length - 1]!),
  ];
  const detail = plan.roles.filter((r) => causes(r));
  if (detail.length) {
    out.push('', 'TODO notes and findings by cause:');
    for (const r of detail) out.push(`  ${r.cookbook}: ${causes(r)}`);
  }
  const needs = Object.entries(plan.todoByNeed);
  if (needs.length) {
    out.push('', 'TODO tasks by what converting them needs:');
    for (const [need, n] of needs) out.push(`  ${String(n).padStart(4)}  ${need}`);
  }
  return out.join('\n') + '\n';
}

export function planMarkdown(plan: Plan): string {
  const row = (r: string[]) => `| ${r.join(' | ')} |`;
  const out = [
    '# Conversion plan',
    '',
    row(HEAD),
    `|---|${HEAD.slice(1)
      .map(() => '---:')
      .join('|')}|`,
  ];
  for (const r of plan.roles) out.push(row(cells(`\`${r.cookbook}\``, r)));
  out.push(row(cells('**total**', plan.totals)));
  const detail = plan.roles.filter((r) => causes(r));
  if (detail.length) {
    out.push('', '## TODO notes and findings by cause', '');
    for (const r of detail) out.push(`- \`${r.cookbook}\`: ${causes(r)}`);
  }
  const needs = Object.entries(plan.todoByNeed);
  if (needs.length) {
    out.push('', '## TODO tasks by what converting them needs', '', '| need | tasks |', '|---|---:|');
    for (const [need, n] of needs) out.push(`| ${need} | ${n} |`);
  }
  out.push('', 'score = tasks + 3 × tasks not converted natively + 2 × TODO notes + templates + 2 × IPv6/TLS findings');
  return out.join('\n') + '\n';
}

export function planJson(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}
