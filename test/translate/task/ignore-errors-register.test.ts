// A registered resource task with ignore_errors: when its module fails, Ansible's result says
// failed (and a later `when: r is failed` runs), but Chef's ignore_failure tells the converted
// record nothing, which then said failed: false. Checked with ansible-playbook; the conversion
// refuses every read of such a result beyond `is changed` (a failed resource is no update, as a
// failed task is no change, so the subscription still holds).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../helpers/workflow.js';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const failing = (out: string) =>
  [
    '- name: touch where it cannot',
    '  file: {path: /nonexistent-a2c-dir/x, state: touch}',
    '  ignore_errors: true',
    '  register: r',
    '- name: after failure',
    `  file: {path: "${out}/after", state: touch}`,
    '  when: r is failed',
    '- name: show',
    `  copy: {dest: "${out}/shown", content: "{{ r.failed }}"}`,
  ].join('\n') + '\n';

describe('a registered resource task with ignore_errors', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    "Ansible: the failed task's result says failed, and the task guarded by `is failed` runs",
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-ignore-errors-'));
      try {
        writeTree(dir, {
          'site.yml': '- hosts: localhost\n  gather_facts: false\n  roles: [demo]\n',
          'roles/demo/tasks/main.yml': failing(dir),
        });
        const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
          cwd: dir,
          encoding: 'utf8',
          env: ansibleEnv(),
        });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        expect(existsSync(join(dir, 'after'))).toBe(true);
        expect(readFileSync(join(dir, 'shown'), 'utf8')).toBe('True');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('refuses the reads the record could not answer, and keeps the resource', async () => {
    const r = await convertRole({ 'tasks/main.yml': failing('/tmp/a2c') });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain('ignore_failure true');
    expect(recipe).not.toContain("A2C::Tasks.store(node.run_state, 'r'");
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo', 'todo']);
    const why = r.diagnostics.filter((d) => d.message.includes('ignore_errors, whose failure'));
    expect(why.map((d) => d.span?.line)).toEqual([7, 9]);
  });

  it("refuses a read of the result's own arguments too (a failed template's result has no dest)", async () => {
    const r = await convertRole({
      'templates/t.j2': 'x\n',
      'tasks/main.yml':
        '- template: {src: t.j2, dest: /tmp/x}\n  ignore_errors: true\n  register: r\n- file: {path: /tmp/f, state: touch}\n  when: r.dest is defined\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
    expect(r.tasks[1]!.reason).toContain('ignore_errors, whose failure');
  });

  it('still converts `is changed`: a failed resource is no update', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: touch',
        '  file: {path: /tmp/a2c-x, state: touch}',
        '  ignore_errors: true',
        '  register: r',
        '- name: after a change',
        '  file: {path: /tmp/a2c-y, state: touch}',
        '  when: r is changed',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    expect(outputText(r, 'demo/recipes/default.rb')).toContain("subscribes :touch, 'file[/tmp/a2c-x]', :immediately");
  });
});
