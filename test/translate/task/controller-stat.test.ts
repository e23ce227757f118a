import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { ansibleShownValues, copyShow, debugShow, shownContent } from '../../helpers/shown-values.js';
import { convertProject, convertRole, outputText, type TextTree } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';

const ready = compileReady();
const ansible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
const inputs = compileInputs();

const NAMES = ['shared', 'family', 'release', 'missing', 'only_default'];

const FAMILY = '{{ role_path }}/vars/os_family/{{ ansible_os_family | lower }}.yml';
const RELEASE = '{{ role_path }}/vars/dist/{{ ansible_distribution | lower }}/{{ ansible_distribution_release | lower }}.yml';
// vars/missing/ has a file for another family only: the stat finds nothing on this host.
const MISSING = '{{ role_path }}/vars/missing/{{ ansible_os_family|lower }}.yml';

const TASKS = [
  '- name: Family vars file?',
  '  become: false',
  '  stat:',
  `    path: "${FAMILY}"`,
  '  register: family_vars',
  "  delegate_to: '127.0.0.1'",
  '- name: Release vars file?',
  '  stat:',
  `    path: "${RELEASE}"`,
  '  register: release_vars',
  '  delegate_to: localhost',
  '- name: Missing vars file?',
  `  stat: path="${MISSING}"`,
  '  register: missing_vars',
  '  delegate_to: localhost',
  `- include_vars: "${FAMILY}"`,
  '  when: family_vars.stat.exists',
  // Relative: include_vars looks in the role's vars/ first, where the stat looked.
  `- include_vars: "${RELEASE.replace('| lower', '|lower').replace('{{ role_path }}/vars/', '')}"`,
  '  when:',
  "    - release_vars['stat']['exists']",
  `- include_vars: "${MISSING}"`,
  '  when: missing_vars.stat.exists',
].join('\n');

const ROLE: TextTree = {
  'roles/app/defaults/main.yml': 'shared: from-defaults\nfamily: none\nrelease: none\nmissing: none\nonly_default: kept\n',
  'roles/app/vars/os_family/debian.yml': 'shared: from-family\nfamily: debian\n',
  'roles/app/vars/os_family/redhat.yml': 'shared: from-redhat\nfamily: redhat\n',
  'roles/app/vars/dist/debian/bookworm.yml': 'shared: from-bookworm\nrelease: bookworm\n',
  'roles/app/vars/dist/ubuntu/jammy.yml': 'release: jammy\n',
  'roles/app/vars/missing/redhat.yml': 'missing: redhat\nshared: from-missing\n',
};

/** The project: the role's tasks, then one task per variable showing it (copy for Chef, debug for Ansible). */
function project(show: (n: string) => string, tasks = TASKS): TextTree {
  return {
    'site.yml': '- hosts: app\n  roles: [app]\n',
    'inventory.ini': '[app]\nh1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n',
    'roles/app/tasks/main.yml': `${tasks}\n${NAMES.map(show).join('')}`,
    ...ROLE,
  };
}

const ansibleValues = (): Record<string, unknown> => ansibleShownValues(project(debugShow), 'a2c-controller-stat-');
const content = shownContent;

describe("a stat on the controller of the role's own vars file, and the include_vars under its stat.exists", () => {
  it('converts the stats and the include_vars tasks; the attribute file loads only files the role has', async () => {
    const r = await convertProject(project(copyShow));
    const main = r.tasks.filter((t) => t.span.file === 'roles/app/tasks/main.yml');
    expect(main.filter((t) => t.outcome !== 'converted').map((t) => `${t.span.line}: ${t.reason}`)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const attrs = outputText(r, 'app/attributes/default.rb');
    // skip: true, as the stat's false skips the include_vars.
    expect(attrs).toMatch(/A2C::Tasks\.first_found\(\["vars\/missing\/#\{[^\n]*\], \[[^\n]*\], true\)/);
    // The stat runs nowhere: no ruby_block, no run_state.
    expect(outputText(r, 'app/recipes/default.rb')).not.toMatch(/ruby_block|run_state/);
  });

  it.skipIf(!ready || !ansible)('gives the values Ansible gives on this host', async () => {
    const expected = ansibleValues();
    expect(expected).toEqual({ shared: 'from-bookworm', family: 'debian', release: 'bookworm', missing: 'none', only_default: 'kept' });
    const runs = compileCheck((await convertProject(project(copyShow))).files, inputs);
    const run = runs.find((x) => x.id.endsWith('nodes/h1.json')) ?? runs[0];
    expect(run, JSON.stringify(runs)).toMatchObject({ ok: true });
    expect(Object.fromEntries(NAMES.map((n) => [n, content(run!, `/tmp/a2c-${n}`)]))).toEqual(expected);
  });

  it('keeps any other read of the result a TODO saying why', async () => {
    const r = await convertRole({
      'vars/os/debian.yml': 'x: 1\n',
      'tasks/main.yml': [
        `- stat: { path: "{{ role_path }}/vars/os/{{ ansible_os_family | lower }}.yml" }`,
        '  register: st',
        '  delegate_to: localhost',
        '- debug: { msg: "{{ st.stat.mode }}" }',
        '- include_vars: "{{ role_path }}/vars/os/{{ ansible_os_family | lower }}.yml"',
        '  when: st.stat.exists and ansible_os_family == "Debian"',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => [t.span.line, t.outcome])).toEqual([
      [1, 'converted'],
      [4, 'todo'],
      [5, 'todo'],
    ]);
    expect(r.tasks[1]!.reason).toContain("'st' is the result of a stat on the Ansible controller of the role's own vars file");
    // Only the whole condition `st.stat.exists` is the controller's answer for this very file.
    expect(r.tasks[2]!.reason).toBe("conditional include_vars whose condition reads 'st' (not only facts) is not converted");
  });

  it('keeps the include_vars a TODO when the stat looks at another file, comes later or sits in a block', async () => {
    const stat = (file: string) => `- stat: { path: "{{ role_path }}/vars/${file}" }\n  register: st\n  delegate_to: localhost\n`;
    const load = '- include_vars: "{{ role_path }}/vars/os/{{ ansible_os_family }}.yml"\n  when: st.stat.exists\n';
    const reasons = async (tasks: string) =>
      (await convertRole({ 'vars/os/Debian.yml': 'x: 1\n', 'tasks/main.yml': tasks })).tasks
        .filter((t) => t.outcome === 'todo')
        .map((t) => t.reason);
    expect(await reasons(stat('os/{{ ansible_distribution }}.yml') + load)).toEqual([
      expect.stringContaining('looks at {{ role_path }}/vars/os/{{ ansible_distribution }}.yml, not at the file this task loads'),
    ]);
    expect(await reasons(load + stat('os/{{ ansible_os_family }}.yml'))).toEqual([
      expect.stringContaining('is not an earlier top-level task of the same file'),
    ]);
    const inBlock = `- block:\n    - stat: { path: "{{ role_path }}/vars/os/{{ ansible_os_family }}.yml" }\n      register: st\n      delegate_to: localhost\n  when: ansible_os_family == "Debian"\n${load}`;
    expect(await reasons(inBlock)).toEqual([expect.stringContaining('is not an earlier top-level task of the same file')]);
  });

  it('keeps the include_vars a TODO when the name may be a folder of vars/, which include_vars loads whole', async () => {
    const r = await convertRole({
      'vars/os/Debian.yml/a.yml': 'x: 1\n',
      'vars/os/RedHat.yml': 'x: 2\n',
      'tasks/main.yml':
        '- stat: { path: "{{ role_path }}/vars/os/{{ ansible_os_family }}.yml" }\n  register: st\n  delegate_to: localhost\n- include_vars: "{{ role_path }}/vars/os/{{ ansible_os_family }}.yml"\n  when: st.stat.exists\n',
    });
    expect(r.tasks[1]).toMatchObject({ outcome: 'todo', reason: expect.stringContaining('may be vars/main.yml, a folder') });
  });

  it('keeps the include_vars a TODO when the name reads more than distribution facts', async () => {
    const r = await convertRole({
      'vars/os/web1.yml': 'x: 1\n',
      'tasks/main.yml':
        '- stat: { path: "{{ role_path }}/vars/os/{{ inventory_hostname }}.yml" }\n  register: st\n  delegate_to: localhost\n- include_vars: "{{ role_path }}/vars/os/{{ inventory_hostname }}.yml"\n  when: st.stat.exists\n',
    });
    expect(r.tasks[1]).toMatchObject({ outcome: 'todo', reason: expect.stringContaining('its name reads more than the facts') });
  });

  it('keeps a controller stat with a when or become a TODO', async () => {
    const r = await convertRole({
      'vars/os/Debian.yml': 'x: 1\n',
      'tasks/main.yml':
        '- stat: { path: "{{ role_path }}/vars/os/{{ ansible_os_family }}.yml" }\n  register: a\n  delegate_to: localhost\n  when: ansible_os_family == "Debian"\n' +
        '- stat: { path: "{{ role_path }}/vars/os/{{ ansible_os_family }}.yml" }\n  register: b\n  delegate_to: localhost\n  become: true\n',
    });
    expect(r.tasks.map((t) => [t.outcome, t.code, t.reason])).toEqual([
      [
        'todo',
        'A2C-TODO-PUSH-MODEL',
        "delegate_to: a stat of the role's own file on the Ansible controller: with when it is not converted",
      ],
      [
        'todo',
        'A2C-TODO-PUSH-MODEL',
        "delegate_to: a stat of the role's own file on the Ansible controller: become on the controller is not converted",
      ],
    ]);
  });
});
