// A block's notify, ignore_errors, environment and timeout reach each of its tasks in Ansible. They
// were reported as not applied (A2C-BLOCK-KEYWORD, a warning) while the tasks converted without them:
// a failing command stopped the Chef run where Ansible went on, and a changed task notified nothing.
// Checked with ansible-playbook (the failure is ignored, the handler runs), then the conversion: each
// task carries them as its own, a nested block's own value wins, and a push-model keyword of a block
// makes its tasks TODOs as on a task.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const TASKS = (out: string) =>
  [
    '- block:',
    `    - file: {path: "${out}/touched", state: touch}`,
    '    - block:',
    '        - command: /bin/false',
    `        - file: {path: "${out}/after-false", state: touch}`,
    '      environment: {A2C_X: "1"}',
    '  notify: h',
    '  ignore_errors: true',
    '',
  ].join('\n');

describe("a block's keywords", () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'Ansible gives them to every task of the block',
    () => {
      withLocalPlay(
        (dir) => ({
          'site.yml': `- hosts: all\n  gather_facts: false\n  connection: local\n  tasks:\n${TASKS(dir)
            .split('\n')
            .map((l) => `    ${l}`)
            .join('\n')}\n  handlers:\n    - name: h\n      file: {path: "${dir}/handler-ran", state: touch}\n`,
        }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          expect(run.log).toContain('...ignoring');
          expect(['touched', 'after-false', 'handler-ran'].filter((f) => existsSync(join(run.dir, f)))).toEqual([
            'touched',
            'after-false',
            'handler-ran',
          ]);
        },
      );
    },
    120_000,
  );

  it('converts each task with them as its own', async () => {
    const r = await convertRole({
      'tasks/main.yml': `${TASKS('/srv')}- block:\n    - file: {path: /srv/b, state: touch}\n  throttle: 1\n`,
      'handlers/main.yml': '- name: h\n  file: {path: /srv/h, state: touch}\n',
    });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain("file '/srv/touched' do\n  ignore_failure true\n  action :touch\n  notifies :touch, 'file[h]', :delayed\nend");
    expect(recipe).toContain(
      "execute '/bin/false' do\n  command ['/bin/false']\n  ignore_failure true\n  environment({ 'A2C_X' => '1' })\n  notifies :touch, 'file[h]', :delayed\nend",
    );
    const pushed = r.diagnostics.find((d) => d.code === 'A2C-TODO-PUSH-MODEL');
    expect(`${pushed?.span?.line} ${pushed?.message}`).toBe(
      '11 throttle: Ansible runs this on at most that many hosts at a time (e.g. one by one against a shared service); Chef nodes converge independently, so nothing limits how many run it at once: stagger the runs or serialise the work on a lock the nodes share',
    );
    expect(r.tasks.find((t) => t.span.line === 10)?.outcome).toBe('todo');
  });

  const INCLUDING = '- block:\n    - include_tasks: fails.yml\n  ignore_errors: true\n';

  it.skipIf(!playbook)(
    'Ansible gives them also to the tasks a dynamic include inside the block brings in',
    () => {
      withLocalPlay(
        (dir) => ({
          'site.yml': `- hosts: all\n  gather_facts: false\n  connection: local\n  tasks:\n${INCLUDING.split('\n')
            .map((l) => `    ${l}`)
            .join('\n')}\n    - file: {path: "${dir}/after", state: touch}\n`,
          'fails.yml': '- command: /bin/false\n',
        }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          expect(run.log).toContain('...ignoring');
          expect(existsSync(join(run.dir, 'after'))).toBe(true);
        },
      );
    },
    120_000,
  );

  it('makes an include inside the block a TODO: its tasks are converted elsewhere without them', async () => {
    const r = await convertRole({
      'tasks/main.yml': `${INCLUDING}- block:\n    - import_role: {name: other}\n  environment: {A: b}\n`,
      'tasks/fails.yml': '- command: /bin/false\n',
    });
    const todos = r.diagnostics.filter((d) => d.code === 'A2C-TODO-INCLUDE').map((d) => `${d.span?.line} ${d.message}`);
    expect(todos).toEqual([
      '3 block ignore_errors: Ansible applies it also to the tasks this include_tasks brings in, which are converted without it',
      '6 block environment: Ansible applies it also to the tasks this import_role brings in, which are converted without it',
    ]);
    expect(outputText(r, 'demo/recipes/default.rb')).not.toContain('include_recipe');
  });
});

// A task keyword next to `block:` (loop, with_*, register, changed_when, until...) was kept and
// reported as not applied (A2C-BLOCK-KEYWORD, a warning) while the block's tasks converted; Ansible
// refuses the playbook. The block is now a TODO holding it, with an error at the key.
describe('a task keyword on a block', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
  const KEYS = ['loop: [1, 2]', 'with_items: [1]', 'register: r', 'changed_when: false'];
  const blockWith = (key: string, out: string) =>
    ['- block:', `    - file: {path: "${out}/touched", state: touch}`, `  ${key}`, ''].join('\n');

  it.skipIf(!playbook).each(KEYS)(
    'Ansible refuses the playbook: %s',
    (key) => {
      withLocalPlay(
        (dir) => ({
          'site.yml': `- hosts: all\n  gather_facts: false\n  connection: local\n  tasks:\n${blockWith(key, dir)
            .split('\n')
            .map((l) => `    ${l}`)
            .join('\n')}\n`,
        }),
        (run) => {
          expect(run.status, run.log).not.toBe(0);
          expect(run.log).toContain(`'${key.split(':')[0]}' is not a valid attribute for a Block`);
          expect(existsSync(join(run.dir, 'touched'))).toBe(false);
        },
      );
    },
    120_000,
  );

  it.each(KEYS)('the block is a TODO with an error at the key, its tasks not converted: %s', async (key) => {
    const r = await convertRole({ 'tasks/main.yml': `- file: {path: /srv/before, state: touch}\n${blockWith(key, '/srv')}` });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain("file '/srv/before'");
    expect(recipe).not.toContain("file '/srv/touched'");
    expect(recipe).toContain(`# TODO(ansible2chef): A2C-SHAPE '${key.split(':')[0]}' is not a valid attribute for a block`);
    const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.span?.line}:${d.span?.col}`);
    expect(errors).toEqual(['A2C-SHAPE 4:3']);
    expect(r.tasks.find((t) => t.span.line === 2)?.outcome).toBe('todo');
  });
});
