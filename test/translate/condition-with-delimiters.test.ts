// A condition holding `{{ }}` among other text (mongodb-install's assert
// `that: "{{ req_var }} is defined and {{ req_var }} | length > 0"`) is no syntax error to Ansible
// 2.14: it renders the text, then evaluates what it rendered. Over a literal list (the loop unrolled,
// each item literal text) the converter renders it the same way and translates the rendered
// expression; over a list only known when the play runs it keeps the task a TODO that says so instead
// of reporting input Ansible would refuse. Checked with ansible-playbook.
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, outputText } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ready = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

const project = (head: string, loop = '[db_version]'): Record<string, string> => ({
  'site.yml': `- hosts: all\n  gather_facts: false\n${head}  roles: [db]\n`,
  'roles/db/defaults/main.yml': 'db_version: "7.0"\nrequired: [db_version]\n',
  'roles/db/tasks/main.yml':
    [
      '- name: required strings are set',
      '  assert:',
      '    that: "{{ req_var }} is defined and {{ req_var }} | length > 0"',
      `  loop: ${loop}`,
      '  loop_control:',
      '    loop_var: req_var',
    ].join('\n') + '\n',
});

describe('a condition with {{ }} among other text', () => {
  it('over literal items is rendered with each item and the expression it renders translated', async () => {
    const r = await convertProject(project(''));
    expect(r.diagnostics.map(formatDiagnostic).join('\n')).not.toMatch(/A2C-TODO|A2C-JINJA-SYNTAX/);
    // `db_version is defined and db_version | length > 0`: the variable the item names, not the item's text.
    expect(outputText(r, 'db/recipes/default.rb')).toMatch(/A2C::Jinja\.length\(node\['db'\]\['version'\]\) > 0|node\['db'\]\['version'\]/);
    expect(outputText(r, 'db/recipes/default.rb')).not.toContain("'db_version'");
  });

  it('over a list known only when the play runs is a TODO that says Ansible renders it first, not a syntax error', async () => {
    const diags = (await convertProject(project('', '"{{ required }}"'))).diagnostics.map(formatDiagnostic).join('\n');
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

  it.skipIf(!ready)('evaluates the variable an item names: an item naming an unset variable fails the assertion', () => {
    withLocalPlay(
      () => project('  connection: local\n', '[db_version, db_unset]'),
      (run) => {
        expect(run.status, run.log).not.toBe(0);
        // The text is rendered with the item, then evaluated: the unset variable fails, not the item's text.
        expect(run.log).toContain('"assertion": "db_unset is defined and db_unset | length > 0"');
        expect(run.log).toContain('"evaluated_to": false');
      },
    );
  });
});
