import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { ansibleShownValues, shownContent } from '../../helpers/shown-values.js';
import { convertProject, convertRole, outputText, type TextTree } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';

const ready = compileReady();
const ansible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
const inputs = compileInputs();

/** What each show task shows (its label: the expression). */
const SHOWN: Record<string, string> = {
  cfg: 'cfg',
  home: 'cfg.home',
  extra: 'extra',
  dirs: 'cfg.dirs',
  later: 'cfg.home',
};

const debug = (label: string): string => `- name: show ${label}\n  debug:\n    msg: "{{ ${SHOWN[label]} | to_json }}"\n`;
const copy = (label: string): string =>
  `- name: show ${label}\n  copy:\n    dest: /tmp/a2c-${label}\n    content: "{{ ${SHOWN[label]} | to_json }}"\n`;

/**
 * The role: a set_fact, the include_vars (under `when`, when given), reads of what it set, then the
 * fact changed and the value read again (Ansible templates it again at that read).
 */
function project(show: (label: string) => string, opts: { when?: string; groupVars?: string } = {}): TextTree {
  const tasks = [
    '- set_fact: { who: svc }',
    '- name: OS settings.',
    '  include_vars: "config-{{ ansible_os_family }}.yml"',
    ...(opts.when ? [`  when: ${opts.when}`] : []),
    ['cfg', 'home', 'extra'].map(show).join(''),
    '- set_fact: { who: other }',
    ['later', 'dirs'].map(show).join(''),
  ].join('\n');
  const file = (os: string) =>
    `cfg:\n  home: "/home/{{ who }}"\n  dirs: ["/srv/${os}", "/home/{{ who }}/${os}"]\n  os: ${os}\nextra: from-${os}\n`;
  return {
    'site.yml': '- hosts: app\n  roles: [app]\n',
    'inventory.ini': '[app]\nh1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n',
    ...(opts.groupVars === undefined ? {} : { 'group_vars/app.yml': opts.groupVars }),
    'roles/app/tasks/main.yml': tasks,
    'roles/app/defaults/main.yml': 'extra: from-defaults\n',
    'roles/app/vars/config-Debian.yml': file('debian'),
    'roles/app/vars/config-RedHat.yml': file('redhat'),
  };
}

async function chefValues(tree: TextTree): Promise<Record<string, unknown>> {
  const runs = compileCheck((await convertProject(tree)).files, inputs);
  const run = runs.find((x) => x.id.endsWith('nodes/h1.json')) ?? runs[0];
  expect(run, JSON.stringify(runs)).toMatchObject({ ok: true });
  return Object.fromEntries(Object.keys(SHOWN).map((n) => [n, shownContent(run!, `/tmp/a2c-${n}`)]));
}

describe('include_vars whose values read a set_fact variable', () => {
  it('converts the include_vars and every read of what it sets, computing the value at the read', async () => {
    for (const when of [undefined, 'cfg is not defined']) {
      const r = await convertProject(project(copy, when ? { when } : {}));
      const main = r.tasks.filter((t) => t.span.file === 'roles/app/tasks/main.yml');
      expect(main.filter((t) => t.outcome !== 'converted').map((t) => `${t.span.line}: ${t.reason}`)).toEqual([]);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // The templated value is no attribute; the plain one still is, under the case on the file.
      const attributes = outputText(r, 'app/attributes/default.rb');
      expect(attributes).not.toMatch(/\['cfg'\] =/);
      expect(attributes).toMatch(/override\['app'\]\['extra'\] = 'from-debian'/);
      expect(outputText(r, 'app/recipes/default.rb')).toMatch(/first_found\(.*\) == 'config-Debian\.yml'\n/);
    }
  });

  it('keeps the TODO where another include_vars task may load a file setting the variable', async () => {
    const base = {
      'vars/Debian.yml': 'cfg: "/home/{{ who }}"\n',
      'vars/other.yml': 'cfg: "/srv/{{ who }}"\n',
      'tasks/main.yml':
        '- set_fact: { who: a }\n- include_vars: "{{ ansible_os_family }}.yml"\n- include_vars: other.yml\n- file: { path: "{{ cfg }}", state: directory }\n',
    };
    const r = await convertRole(base);
    const file = r.tasks.find((t) => t.module === 'ansible.builtin.file');
    expect(file).toMatchObject({ outcome: 'todo' });
    expect(file?.reason).toMatch(/another include_vars task \(or none converted\) loads/);
  });

  it('keeps the TODO where a role default below the include_vars value is computed at each use too', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'cfg: "/opt/{{ who }}"\n',
      'vars/Debian.yml': 'cfg: "/home/{{ who }}"\n',
      'tasks/main.yml':
        '- set_fact: { who: a }\n- include_vars: "{{ ansible_os_family }}.yml"\n- file: { path: "{{ cfg }}", state: directory }\n',
    });
    const file = r.tasks.find((t) => t.module === 'ansible.builtin.file');
    expect(file).toMatchObject({ outcome: 'todo' });
    expect(file?.reason).toMatch(/computed at each use too/);
  });

  it('keeps the TODO where the condition tests a variable its files write as an attribute', async () => {
    const r = await convertRole({
      'vars/Debian.yml': 'flag: 1\ncfg: "/home/{{ who }}"\n',
      'tasks/main.yml':
        '- set_fact: { who: a }\n- include_vars: "{{ ansible_os_family }}.yml"\n  when: flag is not defined\n- file: { path: "{{ cfg }}", state: directory }\n',
    });
    const file = r.tasks.find((t) => t.module === 'ansible.builtin.file');
    expect(file).toMatchObject({ outcome: 'todo' });
    expect(file?.reason).toMatch(/tests flag in its condition/);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.skipIf(!ready || !ansible)('gives the values Ansible gives, before and after the fact changes (no when)', async () => {
    const expected = ansibleShownValues(project(debug), 'a2c-include-vars-at-use-');
    expect(expected).toEqual({
      cfg: { home: '/home/svc', dirs: ['/srv/debian', '/home/svc/debian'], os: 'debian' },
      home: '/home/svc',
      extra: 'from-debian',
      later: '/home/other',
      dirs: ['/srv/debian', '/home/other/debian'],
    });
    expect(await chefValues(project(copy))).toEqual(expected);
  });

  it.skipIf(!ready || !ansible)(
    'gives the values Ansible gives under `cfg is not defined`, without the variable in the inventory',
    async () => {
      const opts = { when: 'cfg is not defined' };
      const expected = ansibleShownValues(project(debug, opts), 'a2c-include-vars-at-use-');
      expect(expected).toMatchObject({ home: '/home/svc', later: '/home/other', extra: 'from-debian' });
      expect(await chefValues(project(copy, opts))).toEqual(expected);
    },
  );

  it.skipIf(!ready || !ansible)(
    "gives the values Ansible gives under `cfg is not defined` when the host's group vars set it (the file is not loaded)",
    async () => {
      const opts = { when: 'cfg is not defined', groupVars: 'cfg: { home: /inv, dirs: [/inv], os: inventory }\n' };
      const expected = ansibleShownValues(project(debug, opts), 'a2c-include-vars-at-use-');
      expect(expected).toEqual({
        cfg: { home: '/inv', dirs: ['/inv'], os: 'inventory' },
        home: '/inv',
        extra: 'from-defaults',
        later: '/inv',
        dirs: ['/inv'],
      });
      expect(await chefValues(project(copy, opts))).toEqual(expected);
    },
  );
});
