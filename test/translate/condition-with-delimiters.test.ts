// A condition holding `{{ }}` among other text (mongodb-install's assert
// `that: "{{ req_var }} is defined and {{ req_var }} | length > 0"`) is no syntax error to Ansible
// 2.14: it renders the text, then evaluates what it rendered. The converter says so and keeps the task
// a TODO instead of reporting input Ansible would refuse. Checked with ansible-playbook.
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ready = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

const project = (head: string): Record<string, string> => ({
  'site.yml': `- hosts: all\n  gather_facts: false\n${head}  roles: [db]\n`,
  'roles/db/defaults/main.yml': 'db_version: "7.0"\n',
  'roles/db/tasks/main.yml':
    [
      '- name: required strings are set',
      '  assert:',
      '    that: "{{ req_var }} is defined and {{ req_var }} | length > 0"',
      '  loop: [db_version]',
      '  loop_control:',
      '    loop_var: req_var',
    ].join('\n') + '\n',
});

describe('a condition with {{ }} among other text', () => {
  it('is a TODO that says Ansible renders it first, not a syntax error', async () => {
    const diags = (await convertProject(project(''))).diagnostics.map(formatDiagnostic).join('\n');
    expect(diags).not.toMatch(/A2C-JINJA-SYNTAX/);
    expect(diags).toMatch(
      /A2C-TODO-JINJA condition not translated: a condition holding \{\{ \}\} or \{% %\} among other text is rendered by Ansible first/,
    );
  });

  it.skipIf(!ready)('is accepted by ansible-playbook', () => {
    withLocalPlay(
      () => project('  connection: local\n'),
      (run) => {
        expect(run.status, run.log).toBe(0);
        expect(run.log).toContain('All assertions passed');
      },
    );
  });
});
