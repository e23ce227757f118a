// `ansible2chef plan`: per-role counts from a conversion, the documented complexity formula, and that
// plan writes nothing. The plan of the bundled example in every format is a golden case
// (test/golden/example/), as is every other golden case's plan.md.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePlan } from '../../src/plan/compute.js';
import { planMarkdown, planTable } from '../../src/plan/format.js';
import { convertProject } from '../helpers/convert-helpers.js';
import { ensureBuilt, removeTempDirs, runCli, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

afterAll(() => removeTempDirs());

describe('plan', () => {
  it('counts tasks, native share, TODOs by cause, templates and Jinja per role; score per the README', async () => {
    const result = await convertProject({
      'site.yml': '---\n- hosts: all\n  roles:\n    - web\n    - db\n',
      'roles/web/tasks/main.yml':
        '---\n- name: pkg\n  ansible.builtin.package:\n    name: nginx\n- name: odd\n  example.ns.frobnicate:\n    x: 1\n- name: conf\n  ansible.builtin.template:\n    src: a.j2\n    dest: /etc/a\n',
      'roles/web/templates/a.j2': 'x = {{ foo | some_unknown_filter }}\n',
      'roles/db/tasks/main.yml': '---\n- name: pkg\n  ansible.builtin.package:\n    name: pg\n',
    });
    const plan = computePlan(result);
    const web = plan.roles.find((r) => r.cookbook === 'web')!;
    // The untranslatable template makes its task a TODO too, and no ERB template is generated.
    expect(web).toMatchObject({ tasks: 3, native: 1, todoTasks: 2, templates: 0 });
    expect(web.nativeShare).toBeCloseTo(1 / 3);
    expect(web.todosByCause['A2C-TODO-MODULE']).toBe(1);
    expect(web.untranslatedJinja).toBe((web.todosByCause['A2C-TODO-JINJA'] ?? 0) + (web.todosByCause['A2C-TODO-TEMPLATE'] ?? 0));
    expect(web.untranslatedJinja).toBe(2);
    const todos = Object.values(web.todosByCause).reduce((a, b) => a + b, 0);
    expect(web.complexity).toBe(3 + 3 * 2 + 2 * todos + 0 + 0);
    const db = plan.roles.find((r) => r.cookbook === 'db')!;
    expect(db).toMatchObject({ tasks: 1, native: 1, nativeShare: 1, complexity: 1 });
    expect(plan.totals.tasks).toBe(plan.roles.reduce((n, r) => n + r.tasks, 0));
    expect(plan.totals.complexity).toBe(plan.roles.reduce((n, r) => n + r.complexity, 0));
    // The two TODO tasks by what converting them needs, in every format.
    expect(Object.values(plan.todoByNeed).reduce((a, b) => a + b, 0)).toBe(2);
    expect(plan.todoByNeed['a construct or argument not converted yet (see its diagnostic)']).toBe(2);
    expect(planTable(plan)).toContain(
      'TODO tasks by what converting them needs:\n     2  a construct or argument not converted yet (see its diagnostic)',
    );
    expect(planMarkdown(plan)).toContain('| a construct or argument not converted yet (see its diagnostic) | 2 |');
  });

  describe('CLI', () => {
    beforeAll(() => ensureBuilt());
    it('prints the plan and writes nothing', () => {
      const dir = tempDir();
      // Three tasks and a handler per role, one template, all native: score 4 + 1.
      writeTree(join(dir, 'playbooks'), syntheticProject(2));
      const r = runCli(['plan', '--format', 'markdown'], dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('| `svc000` | 4 | 100% | 0 | 0 | 1 | 0 | 0 | 5 |');
      expect(existsSync(join(dir, 'cookbooks-out'))).toBe(false);
      expect(JSON.parse(runCli(['plan', '--json'], dir).stdout).totals.tasks).toBe(8);
      expect(runCli(['plan', '--format', 'yaml'], dir).status).toBe(2);
    });
  });
});
