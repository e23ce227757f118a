// A task file Ansible cannot use (a YAML syntax error, a mapping instead of a list) must not look
// converted: the recipe holds one TODO with the file's text, the report counts it, and the
// cookbook README lists it instead of "every task of this role converted".
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../helpers/convert-helpers.js';

const README_ALL_DONE = 'Nothing: every task of this role converted.';

describe('task files that cannot be read', () => {
  it('a mapping becomes one TODO, counted and listed in the README', async () => {
    const result = await convertRole({ 'tasks/main.yml': 'name: not a list\nansible.builtin.file: path=/x state=touch\n' });
    const readme = outputText(result, 'demo/README.md');
    expect(readme).not.toContain(README_ALL_DONE);
    expect(readme).toContain('A2C-SHAPE tasks/main.yml must be a list of tasks, found a mapping (tasks/main.yml:1:1)');
    const recipe = recipeBody(result, 'demo');
    expect(recipe).toContain('TODO(ansible2chef): A2C-SHAPE');
    expect(recipe).toContain('#   ansible.builtin.file: path=/x state=touch');
    expect(result.stats.todo).toBe(1);
    expect(result.diagnostics.filter((d) => d.severity === 'error').length).toBe(1);
  });

  it('a YAML syntax error in another task file becomes one TODO in that recipe', async () => {
    const result = await convertRole({
      'tasks/main.yml': '- ansible.builtin.debug: msg=ok\n',
      'tasks/broken.yml': '- name: a\n  ansible.builtin.file: path=/x\n   state: touch\n',
    });
    expect(outputText(result, 'demo/README.md')).not.toContain(README_ALL_DONE);
    const recipe = recipeBody(result, 'demo', 'broken');
    expect(recipe).toContain('TODO(ansible2chef): A2C-YAML-SYNTAX');
    expect(recipe).toContain('state: touch');
    expect(result.stats.todo).toBe(1);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['A2C-YAML-SYNTAX']);
  });

  it('never copies the text of a broken file that uses no_log', async () => {
    const result = await convertRole({ 'tasks/main.yml': '- name: a\n  ansible.builtin.user: name=x password=s3cret\n   no_log: true\n' });
    const recipe = recipeBody(result, 'demo');
    expect(recipe).toContain('TODO(ansible2chef): A2C-YAML-SYNTAX');
    expect(recipe).not.toContain('s3cret');
  });

  it('a play section that is a mapping is a TODO too', async () => {
    const { convertProject } = await import('../helpers/convert-helpers.js');
    const result = await convertProject({
      'site.yml': '- hosts: all\n  tasks:\n    name: one\n    ansible.builtin.file: path=/x state=touch\n',
    });
    expect(result.stats.todo).toBe(1);
    expect([...result.files.keys()].some((p) => /\.rb$/.test(p) && outputText(result, p).includes('TODO(ansible2chef): A2C-SHAPE'))).toBe(
      true,
    );
  });
});
