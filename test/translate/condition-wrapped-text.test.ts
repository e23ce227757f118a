// A whole condition of one `{{ }}` (`when: "{{ flag }}"`): Ansible 2.14 renders it and evaluates the
// text it rendered as an expression, so a text value decides as that expression ("false" is false),
// where the bare form (`when: flag`) tests the string's truth. Kept a TODO where the value may be
// text; converted where its type renders back to an equal value (bool, number, list) or the
// expression is a test or comparison. The premise is checked with ansible-playbook.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ready = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

const project = (connection = '') => ({
  'site.yml': `- hosts: all\n${connection}  gather_facts: false\n  roles: [r]\n`,
  'roles/r/defaults/main.yml': 'flag_s: "false"\nflag_b: false\nitems_l: [1]\n',
  'roles/r/tasks/main.yml': [
    '- name: text',
    '  debug: { msg: "TEXT RAN" }',
    '  when: "{{ flag_s }}"',
    '- name: bool',
    '  debug: { msg: "BOOL RAN" }',
    '  when: "{{ flag_b }}"',
    '- name: list',
    '  debug: { msg: "LIST RAN" }',
    '  when: "{{ items_l }}"',
    '- name: test',
    '  debug: { msg: "TEST RAN" }',
    '  when: "{{ flag_s is defined }}"',
    '- name: bare',
    '  debug: { msg: "BARE RAN" }',
    '  when: flag_s',
    '',
  ].join('\n'),
});

describe('a condition of one {{ }} around a value', () => {
  it('is a TODO where the value may be text, converted where its truth is the same either way', async () => {
    const r = await convertProject(project());
    const recipe = outputText(r, 'r/recipes/default.rb');
    expect(recipe).toMatch(/TODO\(ansible2chef\): A2C-TODO-JINJA condition not translated: one \{\{ \}\} around a value that may be text/);
    expect(recipe).toContain("log 'bool' do");
    expect(recipe).toContain("log 'list' do");
    expect(recipe).toContain("log 'test' do");
    expect(recipe).toContain("log 'bare' do");
    expect(recipe).not.toContain("log 'text' do");
  });

  it.skipIf(!ready)('ansible-playbook skips the text "false" in {{ }} and runs it bare', () => {
    withLocalPlay(
      () => project('  connection: local\n'),
      (run) => {
        expect(run.status, run.log).toBe(0);
        expect(run.log).not.toContain('TEXT RAN');
        expect(run.log).not.toContain('BOOL RAN');
        expect(run.log).toContain('LIST RAN');
        expect(run.log).toContain('TEST RAN');
        expect(run.log).toContain('BARE RAN');
      },
    );
  });
});
