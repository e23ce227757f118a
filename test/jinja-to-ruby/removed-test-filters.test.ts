// `result | failed` (a test used as a filter) was removed in Ansible 2.9: the task is input to fix,
// reported as such with the form to write, not a translation gap. Checked against ansible-playbook.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const tasks = (form: string): string =>
  ['- command: "true"', '  register: r', '- name: reads the result', '  debug:', '    msg: x', `  when: ${form}`, ''].join('\n');

describe('a task result test written as a filter', () => {
  it.each(['r | failed', 'r | success', 'r|changed', 'not (r | skipped)'])(
    '%s is input to fix, at its line:col, and the task a TODO',
    async (form) => {
      const r = await convertRole({ 'tasks/main.yml': tasks(form) });
      const removed = r.diagnostics.filter((d) => d.code === 'A2C-JINJA-REMOVED');
      expect(removed).toHaveLength(1);
      const test = /\|\s*(\w+)/.exec(form)![1]!;
      expect(removed[0]!.message).toContain(`write 'is ${test}'`);
      expect(removed[0]!.span?.line).toBe(6);
      expect(removed[0]!.span?.col).toBeGreaterThanOrEqual(9);
      expect(r.diagnostics.some((d) => d.code === 'A2C-TODO-JINJA')).toBe(false);
      expect(recipeBody(r, 'demo')).toMatch(/TODO[\s\S]*reads the result/);
    },
  );

  it('the test form itself converts', async () => {
    const r = await convertRole({ 'tasks/main.yml': tasks('r is failed') });
    expect(r.diagnostics.filter((d) => d.code === 'A2C-JINJA-REMOVED')).toHaveLength(0);
  });

  it.each(['s | search("b")', 's | match("a")', 's | regex("b")', '"/etc" | is_dir', '[1] | issubset([1, 2])'])(
    '%s, a string/path/set test of 2.8, is reported the same way',
    async (form) => {
      const r = await convertRole({ 'tasks/main.yml': tasks(`'${form}'`) });
      const removed = r.diagnostics.filter((d) => d.code === 'A2C-JINJA-REMOVED');
      expect(removed).toHaveLength(1);
      expect(removed[0]!.message).toContain(`write 'is ${/\|\s*(\w+)/.exec(form)![1]}'`);
    },
  );

  it('version_compare, a test only in 2.14, is reported the same way', async () => {
    const r = await convertRole({ 'tasks/main.yml': tasks(`"'1.0' | version_compare('2.0', '<')"`) });
    expect(r.diagnostics.filter((d) => d.code === 'A2C-JINJA-REMOVED')).toHaveLength(1);
  });
});

describe.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))('Ansible 2.14 on the same forms', () => {
  it.each([
    'r | failed',
    'r | success',
    'r|changed',
    `"'1.0' | version_compare('2.0', '<')"`,
    `'"abc" | search("b")'`,
    `"'/etc' | is_dir"`,
  ])('fails on %s and accepts the test form', (form) => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-removed-filter-'));
    const play = (when: string): string =>
      [
        '- hosts: localhost',
        '  gather_facts: false',
        '  tasks:',
        ...tasks(when)
          .split('\n')
          .map((l) => (l ? `    ${l}` : l)),
      ].join('\n');
    const run = (when: string) => {
      writeFileSync(join(dir, 'play.yml'), play(when));
      return spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
        encoding: 'utf8',
        env: ansibleEnv(),
      });
    };
    const bad = run(form);
    expect(bad.status).not.toBe(0);
    const test = /\|\s*(\w+)/.exec(form)![1]!;
    expect(bad.stdout).toContain(`Could not load \\"${test}\\"`);
    const good = run(form.replace(/\s*\|\s*(\w+)/, ' is $1'));
    expect(good.status, good.stdout).toBe(0);
  });
});

// `until: r | success` on a task whose translation cannot evaluate a condition per attempt (a
// package): the removed form is the cause to report, not the until shape.
const untilTask = (form: string): string =>
  ['- name: installs it', '  package:', '    name: ntp', '  register: r', `  until: ${form}`, '  retries: 2', '  delay: 0', ''].join('\n');

describe('an until condition with a test written as a filter', () => {
  it.each(['r | success', 'r|succeeded', 'not (r | failed)'])('%s is input to fix, at the until', async (form) => {
    const r = await convertRole({ 'tasks/main.yml': untilTask(form) });
    const removed = r.diagnostics.filter((d) => d.code === 'A2C-JINJA-REMOVED');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.message).toContain(`write 'is ${/\|\s*(\w+)/.exec(form)![1]}'`);
    expect(removed[0]!.span?.line).toBe(5);
    expect(r.diagnostics.some((d) => d.code === 'A2C-TODO-KEYWORD')).toBe(false);
    expect(recipeBody(r, 'demo')).toMatch(/TODO[\s\S]*installs it/);
  });

  it('the test form converts to Chef retries', async () => {
    const r = await convertRole({ 'tasks/main.yml': untilTask('r is success') });
    expect(r.diagnostics.filter((d) => d.code === 'A2C-JINJA-REMOVED')).toHaveLength(0);
    expect(recipeBody(r, 'demo')).toMatch(/retries 2/);
  });
});

describe.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))('Ansible 2.14 on until', () => {
  it('fails on until: r | success and accepts until: r is success', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-removed-until-'));
    const run = (until: string) => {
      writeFileSync(
        join(dir, 'play.yml'),
        [
          '- hosts: localhost',
          '  gather_facts: false',
          '  tasks:',
          '    - command: "true"',
          '      register: r',
          `      until: ${until}`,
          '      retries: 2',
          '      delay: 0',
          '',
        ].join('\n'),
      );
      return spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
        encoding: 'utf8',
        env: ansibleEnv(),
      });
    };
    const bad = run('r | success');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toContain('Could not load \\"success\\"');
    const good = run('r is success');
    expect(good.status, good.stdout).toBe(0);
  });
});
