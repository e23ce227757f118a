import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { ansibleShownValues, copyShow, debugShow, shownContent } from '../../helpers/shown-values.js';
import { convertProject, convertRole, outputText, type TextTree } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';

const ready = compileReady();
const ansible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
const inputs = compileInputs();

const NAMES = ['cfg', 'extra'];

const TASKS = [
  '- name: OS settings unless the inventory gives them.',
  '  include_vars: "config-{{ ansible_os_family }}.yml"',
  '  when: cfg is not defined',
].join('\n');

/** The project: group vars of the host's group (none when `groupVars` is undefined), the role, one show task per variable. */
function project(show: (n: string) => string, groupVars?: string): TextTree {
  return {
    'site.yml': '- hosts: app\n  roles: [app]\n',
    'inventory.ini': '[app]\nh1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n',
    ...(groupVars === undefined ? {} : { 'group_vars/app.yml': groupVars }),
    'roles/app/tasks/main.yml': `${TASKS}\n${NAMES.map(show).join('')}`,
    'roles/app/defaults/main.yml': 'extra: from-defaults\n',
    'roles/app/vars/config-Debian.yml': 'cfg: { dir: /srv/deb, user: app }\nextra: from-debian\n',
    'roles/app/vars/config-RedHat.yml': 'cfg: { dir: /srv/rh, user: app }\nextra: from-redhat\n',
  };
}

async function chefValues(tree: TextTree): Promise<Record<string, unknown>> {
  const runs = compileCheck((await convertProject(tree)).files, inputs);
  const run = runs.find((x) => x.id.endsWith('nodes/h1.json')) ?? runs[0];
  expect(run, JSON.stringify(runs)).toMatchObject({ ok: true });
  return Object.fromEntries(NAMES.map((n) => [n, shownContent(run!, `/tmp/a2c-${n}`)]));
}

describe('include_vars guarded by `is not defined` of a variable its own files set', () => {
  it('converts the include_vars and the reads of what it sets; the attribute file tests the variable before its case', async () => {
    const r = await convertProject(project(copyShow));
    const main = r.tasks.filter((t) => t.span.file === 'roles/app/tasks/main.yml');
    expect(main.filter((t) => t.outcome !== 'converted').map((t) => `${t.span.line}: ${t.reason}`)).toEqual([]);
    expect(outputText(r, 'app/attributes/default.rb')).toMatch(/case !node\.exist\?\('app', 'cfg'\) \? A2C::Tasks\.first_found\(/);
  });

  it('keeps the TODO where a role default or role vars set the variable, another include_vars task may load a file setting it, or a task sets it', async () => {
    const base = {
      'vars/Debian.yml': 'cfg: 1\n',
      'tasks/main.yml': '- include_vars: "{{ ansible_os_family }}.yml"\n  when: cfg is not defined\n',
    };
    const cases: TextTree[] = [
      { ...base, 'defaults/main.yml': 'cfg: 0\n' },
      { ...base, 'vars/main.yml': 'cfg: 0\n' },
      { ...base, 'vars/other.yml': 'cfg: 2\n', 'tasks/more.yml': '- include_vars: other.yml\n' },
      { ...base, 'tasks/main.yml': `- set_fact: { cfg: 3 }\n  when: false\n${base['tasks/main.yml']}` },
    ];
    for (const files of cases) {
      const r = await convertRole(files);
      const task = r.tasks.find((t) => t.module === 'ansible.builtin.include_vars');
      expect(task, JSON.stringify(files)).toMatchObject({
        outcome: 'todo',
        reason: "conditional include_vars whose condition reads 'cfg' (not only facts) is not converted",
      });
    }
  });

  it('converts, without an internal error, where a value in the files reads what only tasks set: each read computes it (include-vars-at-use.test.ts compares the values with Ansible)', async () => {
    const r = await convertRole({
      'vars/Debian.yml': 'cfg: { home: "/home/{{ who }}" }\n',
      'tasks/main.yml':
        '- set_fact: { who: "{{ ansible_hostname }}" }\n- include_vars: "{{ ansible_os_family }}.yml"\n  when: cfg is not defined\n- file: { path: "{{ cfg.home }}", state: directory }\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted']);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps the TODO where the condition reads the variable beyond testing whether it is defined', async () => {
    const r = await convertRole({
      'vars/Debian.yml': 'cfg: 1\n',
      'tasks/main.yml': '- include_vars: "{{ ansible_os_family }}.yml"\n  when: cfg is not defined or cfg == 0\n',
    });
    expect(r.tasks[0]).toMatchObject({ outcome: 'todo', code: 'A2C-TODO-INCLUDE-VARS' });
  });

  it.skipIf(!ready || !ansible)('gives the values Ansible gives without the variable in the inventory', async () => {
    const expected = ansibleShownValues(project(debugShow), 'a2c-include-vars-guard-');
    expect(expected).toEqual({ cfg: { dir: '/srv/deb', user: 'app' }, extra: 'from-debian' });
    expect(await chefValues(project(copyShow))).toEqual(expected);
  });

  it.skipIf(!ready || !ansible)(
    "gives the values Ansible gives when the host's group vars set it (the file, and its other variables, are not loaded)",
    async () => {
      const groupVars = 'cfg: { dir: /srv/inventory, user: inv }\n';
      const expected = ansibleShownValues(project(debugShow, groupVars), 'a2c-include-vars-guard-');
      expect(expected).toEqual({ cfg: { dir: '/srv/inventory', user: 'inv' }, extra: 'from-defaults' });
      expect(await chefValues(project(copyShow, groupVars))).toEqual(expected);
    },
  );
});
