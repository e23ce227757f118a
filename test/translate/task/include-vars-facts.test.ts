import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { ansibleShownValues, copyShow, debugShow, shownContent } from '../../helpers/shown-values.js';
import { convertProject, convertRole, outputText, type TextTree } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';

const ready = compileReady();
const ansible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
const inputs = compileInputs();

const NAMES = ['svc_name', 'pkgs', 'shared', 'port', 'only_default'];

const TASKS = [
  /* 1 */ '- name: OS vars (Debian family).',
  /* 2 */ '  include_vars: "{{ ansible_facts.distribution }}-{{ ansible_facts.distribution_version.split(\'.\')[0] }}.yml"',
  /* 3 */ "  when: ansible_facts.os_family == 'Debian'",
  /* 4 */ '- name: OS vars (RedHat family), a file this host has none of.',
  /* 5 */ '  include_vars: "{{ ansible_os_family }}-{{ ansible_distribution_version.split(\'.\')[0] }}.yml"',
  /* 6 */ '  when:',
  /* 7 */ "    - ansible_os_family == 'RedHat'",
  /* 8 */ "    - ansible_distribution != 'Fedora'",
  /* 9 */ '- name: Extra vars for Debian.',
  /* 10 */ '  include_vars: extra.yml',
  /* 11 */ "  when: ansible_distribution == 'Debian'",
  /* 12 */ '- name: Vars for Amazon.',
  /* 13 */ '  include_vars: amazon.yml',
  /* 14 */ "  when: ansible_distribution == 'Amazon'",
  /* 15 */ '- set_fact:',
  /* 16 */ '    svc_name: "{{ __svc_name }}"',
  /* 17 */ '  when: svc_name is not defined',
  /* 18 */ '- set_fact:',
  /* 19 */ '    pkgs: "{{ __pkgs | list }}"',
  /* 20 */ '  when: pkgs is not defined',
  /* 21 */ '- set_fact:',
  /* 22 */ '    port: "{{ __port }}"',
  /* 23 */ '  when: port is not defined',
].join('\n');

const ROLE: TextTree = {
  'roles/app/defaults/main.yml': 'shared: from-defaults\nport: 8080\nonly_default: kept\n',
  'roles/app/vars/Debian-12.yml': '__svc_name: app-deb12\n__pkgs: [app, app-doc]\n__port: 9090\nshared: from-debian-12\n',
  'roles/app/vars/RedHat-9.yml': '__svc_name: app-el9\n__pkgs: [app]\n__port: 7070\nshared: from-redhat-9\n',
  'roles/app/vars/extra.yml': 'shared: from-extra\n',
  'roles/app/vars/amazon.yml': 'shared: from-amazon\n__svc_name: app-amazon\n',
};

/** The project: the role's tasks, then one task per variable showing it (copy for Chef, debug for Ansible). */
function project(show: (n: string) => string): TextTree {
  return {
    'site.yml': '- hosts: app\n  roles: [app]\n',
    'inventory.ini': '[app]\nh1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n',
    'roles/app/tasks/main.yml': `${TASKS}\n${NAMES.map(show).join('')}`,
    ...ROLE,
  };
}

const ansibleValues = (): Record<string, unknown> => ansibleShownValues(project(debugShow), 'a2c-include-vars-facts-');
const content = shownContent;

describe('include_vars under a when that reads only facts', () => {
  it('converts every include_vars and set_fact task; the conditions guard the attribute file', async () => {
    const r = await convertProject(project(copyShow));
    const main = r.tasks.filter((t) => t.span.file === 'roles/app/tasks/main.yml');
    expect(main.filter((t) => t.outcome !== 'converted').map((t) => `${t.span.line}: ${t.reason}`)).toEqual([]);
    const attrs = outputText(r, 'app/attributes/default.rb');
    // The RedHat file name is built only where the RedHat condition holds (else it names no file and would raise).
    expect(attrs).toMatch(/case platform_family\?\('amazon', 'fedora', 'rhel'\) && !platform\?\('fedora'\) \? A2C::Tasks\.first_found\(/);
    expect(attrs).toContain("node.read!('platform_version').split('.')[0]");
    expect(attrs).toMatch(/if platform\?\('debian'\)\n\s+override\['app'\]\['shared'\] = 'from-extra'/);
  });

  it('keeps a condition that reads a role variable a TODO naming it', async () => {
    const r = await convertRole({
      'vars/Debian.yml': 'x: 1\n',
      'defaults/main.yml': 'use_os_vars: true\n',
      'tasks/main.yml': '- include_vars: "{{ ansible_os_family }}.yml"\n  when: use_os_vars and ansible_os_family == "Debian"\n',
    });
    expect(r.tasks[0]).toMatchObject({
      outcome: 'todo',
      code: 'A2C-TODO-INCLUDE-VARS',
      reason: "conditional include_vars whose condition reads 'use_os_vars' (not only facts) is not converted",
    });
  });

  it('keeps include_vars inside a block with a when a TODO (the attribute file would set its values on every run), and so the reads of what it sets', async () => {
    const r = await convertRole({
      'vars/Debian.yml': 'x: 1\n',
      'defaults/main.yml': 'flag: false\n',
      'tasks/main.yml':
        '- block:\n    - include_vars: "{{ ansible_os_family }}.yml"\n      when: ansible_os_family == "Debian"\n  when: flag | bool\n- copy: { dest: /tmp/x, content: "{{ x }}" }\n',
    });
    expect(r.tasks.map((t) => [t.span.line, t.outcome, t.reason])).toEqual([
      [2, 'todo', "include_vars under a block's or an include's when is not converted"],
      [5, 'todo', expect.stringContaining('variable x is set only by the vars file vars/Debian.yml')],
    ]);
    expect(r.files.has('demo/attributes/default.rb') ? outputText(r, 'demo/attributes/default.rb') : '').not.toContain("['x']");
  });

  it('keeps include_vars in a task file included under a when a TODO, also two includes down', async () => {
    const r = await convertRole({
      'vars/Debian.yml': 'x: 1\n',
      'defaults/main.yml': 'flag: false\n',
      'tasks/main.yml': '- include_tasks: os.yml\n  when: flag | bool\n- include_tasks: plain.yml\n',
      'tasks/os.yml': '- import_tasks: vars.yml\n',
      'tasks/vars.yml': '- include_vars: Debian.yml\n',
      'tasks/plain.yml': '- copy: { dest: /tmp/x, content: "{{ x }}" }\n',
    });
    const vars = r.tasks.find((t) => t.span.file === 'tasks/vars.yml')!;
    expect(vars).toMatchObject({ outcome: 'todo', reason: "include_vars under a block's or an include's when is not converted" });
    expect(r.tasks.find((t) => t.span.file === 'tasks/plain.yml')!.reason).toContain(
      'variable x is set only by the vars file vars/Debian.yml',
    );
    // The pre-pass agrees with the translator (else an internal error reports the include_vars task).
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps a condition on a fact Ohai lacks a TODO', async () => {
    const r = await convertRole({
      'vars/Debian.yml': 'x: 1\n',
      'tasks/main.yml': '- include_vars: Debian.yml\n  when: ansible_python_version is version("3", ">=")\n',
    });
    expect(r.tasks[0]!.outcome).toBe('todo');
  });

  it.skipIf(!ready || !ansible)(
    'gives the values Ansible gives on this host (include_vars over defaults, later include_vars over earlier, set_fact only where undefined)',
    async () => {
      const expected = ansibleValues();
      expect(expected).toEqual({ svc_name: 'app-deb12', pkgs: ['app', 'app-doc'], shared: 'from-extra', port: 8080, only_default: 'kept' });
      const runs = compileCheck((await convertProject(project(copyShow))).files, inputs);
      const run = runs.find((x) => x.id.endsWith('nodes/h1.json')) ?? runs[0];
      expect(run, JSON.stringify(runs)).toMatchObject({ ok: true });
      expect(Object.fromEntries(NAMES.map((n) => [n, content(run!, `/tmp/a2c-${n}`)]))).toEqual(expected);
    },
  );

  it.skipIf(!ready)(
    'fails the Chef run where the condition holds and the file named from facts does not exist, as Ansible fails',
    async () => {
      const files = project(copyShow);
      delete files['roles/app/vars/Debian-12.yml'];
      files['roles/app/vars/Debian-11.yml'] = '__svc_name: old\n__pkgs: []\n__port: 1\n';
      const runs = compileCheck((await convertProject(files)).files, inputs);
      expect(runs.map((x) => x.outcome)).toEqual(runs.map(() => 'failed'));
      expect(runs[0]!.message).toContain('no vars file found among ["Debian-12.yml"]');
    },
  );
});
