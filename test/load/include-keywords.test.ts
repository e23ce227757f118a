// include_tasks and include_role with a keyword Ansible 2.14 does not take there (check_mode,
// become_user, environment, notify...: anything outside TaskInclude's VALID_INCLUDE_KEYWORDS) were
// converted as if the keyword were not there; ansible-playbook refuses the task file. The include is
// now a TODO with an A2C-SHAPE error at the key. The accepted set is Ansible's own, read from
// ansible-core; import_tasks and import_role take every task keyword and are left alone.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { HANDLER_INCLUDE_KEYWORDS, INCLUDE_KEYWORDS } from '../../src/load/ansible/keywords.js';

const INCLUDES = ['include_tasks: t.yml', 'include_role: {name: other}'];
const REFUSED = ['check_mode: true', 'become_user: nobody', 'become: false', 'environment: {A: b}', 'notify: h', 'changed_when: false'];
const ACCEPTED = ['ignore_errors: true', 'no_log: true', 'timeout: 5', 'when: true', 'with_items: [1]', 'tags: [x]'];

describe('keywords on include_tasks and include_role', () => {
  it.skipIf(!requireOrSkip('ansible-core under /usr/bin/python3', hasPythonModule('ansible')))("the accepted set is ansible-core's", () => {
    const py = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        'import json\nfrom ansible.playbook.task_include import TaskInclude\nfrom ansible.playbook.handler_task_include import HandlerTaskInclude\n' +
          'print(json.dumps([sorted(TaskInclude.VALID_INCLUDE_KEYWORDS), sorted(HandlerTaskInclude.VALID_INCLUDE_KEYWORDS)]))',
      ],
      { encoding: 'utf8' },
    );
    expect(py.status, py.stderr).toBe(0);
    const [tasks, handlers] = JSON.parse(py.stdout) as [string[], string[]];
    // loop_with is how Ansible stores a with_* loop, which the loader keeps under its own name.
    expect([...INCLUDE_KEYWORDS, 'loop_with'].sort()).toEqual(tasks);
    expect([...HANDLER_INCLUDE_KEYWORDS, 'loop_with'].sort()).toEqual(handlers);
  });

  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
  const site = (include: string, key: string) =>
    `- hosts: all\n  gather_facts: false\n  connection: local\n  tasks:\n    - ${include}\n      ${key}\n  handlers:\n    - {name: h, debug: {msg: h}}\n`;
  const files = (include: string, key: string) => ({
    'site.yml': site(include, key),
    't.yml': '- debug: {msg: inner}\n',
    'roles/other/tasks/main.yml': '- debug: {msg: inner}\n',
  });

  it.skipIf(!playbook)(
    'Ansible refuses the refused ones and runs the accepted ones',
    () => {
      for (const include of INCLUDES) {
        for (const key of REFUSED)
          withLocalPlay(
            () => files(include, key),
            (run) => {
              expect(run.status, run.log).not.toBe(0);
              expect(run.log).toMatch(new RegExp(`'${key.split(':')[0]}' is not a valid attribute for a (TaskInclude|IncludeRole)`));
            },
          );
        for (const key of ACCEPTED)
          withLocalPlay(
            () => files(include, key),
            (run) => expect(run.status, run.log).toBe(0),
          );
      }
    },
    600_000,
  );

  it.each(INCLUDES.flatMap((i) => REFUSED.map((k) => [i, k])))('%s with %s is a TODO with an error at the key', async (include, key) => {
    const r = await convertRole({
      'tasks/main.yml': `- command: /bin/true\n- ${include}\n  ${key}\n`,
      'tasks/t.yml': '- command: /bin/false\n',
      'handlers/main.yml': '- name: h\n  command: /bin/true\n',
    });
    const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.span?.line} ${d.message}`);
    const cls = include.startsWith('include_role') ? 'IncludeRole' : 'TaskInclude';
    expect(errors).toEqual([`A2C-SHAPE 3 '${key.split(':')[0]}' is not a valid attribute for a ${cls}`]);
    expect(r.tasks.find((t) => t.span.line === 2)?.outcome).toBe('todo');
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).not.toContain('/bin/false');
    expect(recipe).not.toMatch(/include_recipe '(demo::t|other::default)'/);
  });

  it.each(INCLUDES.flatMap((i) => ACCEPTED.map((k) => [i, k])))('%s with %s is not refused', async (include, key) => {
    const r = await convertRole({ 'tasks/main.yml': `- ${include}\n  ${key}\n`, 'tasks/t.yml': '- command: /bin/false\n' });
    expect(r.diagnostics.filter((d) => d.code === 'A2C-SHAPE')).toEqual([]);
  });

  it('a handler include takes listen; import_tasks and import_role take every task keyword', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- import_tasks: t.yml\n  check_mode: false\n- import_role: {name: other}\n  become_user: root\n',
      'tasks/t.yml': '- command: /bin/true\n',
      'handlers/main.yml': '- name: h\n  include_tasks: t.yml\n  listen: restart\n',
    });
    expect(r.diagnostics.filter((d) => d.code === 'A2C-SHAPE')).toEqual([]);
  });
});
