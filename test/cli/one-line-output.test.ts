// Issue 15 item 20, the smaller output defects: a progress line on a terminal that reports 0 columns,
// line breaks quoted from the input inside a diagnostic, "(by name)" said twice in A2C-IPV6-JOIN, and
// `plan` calling TODO diagnostics what `convert` calls TODO tasks.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/base/diagnostics.js';
import { progress } from '../../src/cli/terminal.js';
import { auditInput } from '../../src/audit/audit.js';
import { computePlan } from '../../src/plan/compute.js';
import { planMarkdown, planTable } from '../../src/plan/format.js';
import { convertRole, inputTree } from '../helpers/convert-helpers.js';

describe('progress', () => {
  const written = (columns: number | undefined) => {
    const out: string[] = [];
    const bar = progress({ isTTY: true, ...(columns === undefined ? {} : { columns }), write: (s: string) => out.push(s) }, true);
    bar.phase('converting…');
    return out.join('');
  };
  it('keeps the whole line when the terminal reports 0 columns (unknown width)', () => {
    expect(written(0)).toBe('\r\x1b[Kconverting…');
    expect(written(undefined)).toBe('\r\x1b[Kconverting…');
  });
  it('still stops short of the last column of a narrow terminal', () => {
    expect(written(6)).toBe('\r\x1b[Kconve');
  });
});

describe('formatDiagnostic', () => {
  it('escapes line breaks quoted from the input: one diagnostic, one line', () => {
    const line = formatDiagnostic({
      code: 'A2C-TODO-MODULE',
      severity: 'warning',
      message: "task 'a\nb.yml:1:1: error A2C-FAKE' \r\tx",
      span: { file: 'r/t\n.yml', line: 2, col: 3 },
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe("r/t\\n.yml:2:3: warning A2C-TODO-MODULE task 'a\\nb.yml:1:1: error A2C-FAKE' \\r\\tx");
  });
  it('puts notes on their own indented lines', () => {
    expect(formatDiagnostic({ code: 'A2C-TODO-MODULE', severity: 'error', message: 'm', notes: ['n1', 'n\n2'] })).toBe(
      '<project>: error A2C-TODO-MODULE m\n    note: n1\n    note: n\\n2',
    );
  });
  it('a converted input with a line break in a module name gives one-line diagnostics', async () => {
    const result = await convertRole({ 'tasks/main.yml': '- name: t\n  "odd\\nmodule":\n    x: 1\n' });
    const shown = result.diagnostics.filter((d) => d.message.includes('\n')).map(formatDiagnostic);
    expect(shown).toEqual(['tasks/main.yml:1:3: warning A2C-TODO-MODULE module odd\\nmodule is not in the mapping table']);
  });
});

describe('A2C-IPV6-JOIN by name', () => {
  it('says "by name" once', () => {
    const files = {
      'tasks/main.yml': '- name: conf\n  ansible.builtin.template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n',
      'templates/app.conf.j2': 'server = {{ backend_host }}:8080\n',
    };
    const result = auditInput(inputTree(files), { kind: 'role', rootName: 'demo' });
    const joins = result.diagnostics.filter((d) => d.code === 'A2C-IPV6-JOIN');
    expect(joins.length).toBe(1);
    expect(joins[0]!.message).toContain('can hold an address (by name)');
    expect(joins[0]!.message).not.toContain('(by name) (by name)');
    expect(result.findings.markdown).not.toContain('(by name) (by name)');
  });
});

describe('plan names TODO tasks and TODO notes apart', () => {
  it('its TODO tasks are what convert counts as TODO', async () => {
    const result = await convertRole({
      'tasks/main.yml':
        '- name: a\n  example.unknown.thing: {}\n- name: b\n  ansible.builtin.command: echo {{ x | unknown_filter }}\n  delegate_to: other\n',
    });
    const plan = computePlan(result);
    expect(plan.totals.todoTasks).toBe(result.stats.todo);
    const table = planTable(plan);
    expect(table.split('\n')[0]).toMatch(/^role +tasks +native +TODO tasks +TODO notes +templates/);
    expect(table).toContain('TODO notes and findings by cause:');
    expect(planMarkdown(plan)).toContain('| role | tasks | native | TODO tasks | TODO notes |');
  });
});
