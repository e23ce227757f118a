// Keywords on a role reference (play `roles:` entries, meta dependencies) apply to every task and
// handler of the role and of its dependencies, as in Ansible; they never become variables; uses of
// one role that disagree on them are reported instead of applied to the shared cookbook.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../helpers/workflow.js';
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, outputText, recipeBody } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ROLE_REF_KEYWORDS } from '../../src/load/ansible/role-ref.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const DEBIAN = "platform_family?('debian')";
const loud = (r: Awaited<ReturnType<typeof convertProject>>) => r.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic);

const ROLES = {
  'roles/r/tasks/main.yml': '- name: cmd\n  command: /bin/r\n  notify: h\n- name: own\n  command: /bin/own\n  when: other\n',
  'roles/r/handlers/main.yml': '- name: h\n  command: /bin/h\n',
  'roles/r/meta/main.yml': 'dependencies:\n  - role: o\n    when: flag_b\n',
  'roles/o/tasks/main.yml': '- command: /bin/o\n',
};
const site = (keywords: string) => `- hosts: all\n  roles:\n    - role: r\n${keywords.replace(/^/gm, '      ')}\n`;

describe('keywords on a role reference', () => {
  it('when guards every resource of the role, its handlers and its dependencies (ANDed, outermost first)', async () => {
    const r = await convertProject({ ...ROLES, 'site.yml': site('when: ansible_os_family == "Debian"') });
    expect(loud(r)).toEqual([]);
    const main = recipeBody(r, 'r');
    expect(main).toContain(`execute 'cmd' do\n  command ['/bin/r']\n  notifies :run, 'execute[h]', :delayed\n  only_if { ${DEBIAN} }\nend`);
    expect(main).toContain(`only_if { ${DEBIAN} && A2C::Jinja.truthy(A2C::Jinja.input(node, 'ansible', 'other')) }`);
    expect(recipeBody(r, 'r', 'handlers')).toContain(`  action :nothing\n  only_if { ${DEBIAN} }`);
    expect(recipeBody(r, 'o')).toContain(`only_if { ${DEBIAN} && A2C::Jinja.truthy(A2C::Jinja.input(node, 'ansible', 'flag_b')) }`);
  });

  it("a meta dependency's when guards the dependency alone", async () => {
    const r = await convertProject({ ...ROLES, 'site.yml': site('tags: [web]') });
    expect(recipeBody(r, 'r')).toContain("execute 'cmd' do\n  command ['/bin/r']\n  notifies :run, 'execute[h]', :delayed\nend");
    expect(recipeBody(r, 'o')).toContain("only_if { A2C::Jinja.truthy(A2C::Jinja.input(node, 'ansible', 'flag_b')) }");
  });

  it('no_log, become_user and environment are handed down like the task keywords; none becomes a variable', async () => {
    const r = await convertProject({ ...ROLES, 'site.yml': site('no_log: true\nbecome_user: bob\nenvironment: {LANG: C}') });
    expect(loud(r)).toEqual([]);
    const cmd = recipeBody(r, 'r');
    expect(cmd).toContain("execute 'cmd' do\n  command ['/bin/r']\n  sensitive true\n  user 'bob'\n  environment({ 'LANG' => 'C' })");
    const policy = outputText(r, 'policyfiles/site.rb');
    for (const k of ['no_log', 'become_user', 'environment', 'LANG']) expect(policy).not.toContain(k);
  });

  it('a keyword a resource cannot carry makes each task a TODO pointing at the reference', async () => {
    const r = await convertProject({
      'roles/f/tasks/main.yml': '- file: path=/x state=touch\n',
      'site.yml': '- hosts: all\n  roles:\n    - role: f\n      delegate_to: db1\n',
    });
    expect(loud(r)).toEqual([
      "site.yml:4:20: warning A2C-TODO-PUSH-MODEL delegate_to: Ansible runs this once per play host, on db1, with each play host's variables; a Chef run converges only its own node: the run list of node 'db1' should carry it",
    ]);
    expect(recipeBody(r, 'f')).toMatch(/^# TODO\(ansible2chef\): A2C-TODO-PUSH-MODEL delegate_to/);
    expect(r.stats.todo).toBe(1);
  });

  it("a TODO under a role's no_log shows no value, and names the keywords it was handed", async () => {
    const r = await convertProject({
      'roles/f/tasks/main.yml': '- name: set pw\n  some.unknown.module: password=hunter2\n',
      'site.yml': '- hosts: all\n  roles:\n    - role: f\n      no_log: true\n      when: a\n',
    });
    const body = recipeBody(r, 'f');
    expect(body).toContain('# TODO(ansible2chef): A2C-TODO-MODULE');
    expect(body).toContain('#   # and, from the uses of role f: no_log (site.yml:4), when (site.yml:5)');
    for (const f of r.files.values()) expect(String(f)).not.toContain('hunter2');
  });

  it('when: <register> is changed under a role condition still subscribes, with the role condition as a guard', async () => {
    const r = await convertProject({
      'roles/f/tasks/main.yml':
        '- name: conf\n  template: src=a.j2 dest=/etc/a\n  register: conf\n- name: restart\n  service: name=x state=restarted\n  when: conf is changed\n',
      'roles/f/templates/a.j2': 'hi\n',
      'site.yml': '- hosts: all\n  roles:\n    - role: f\n      when: a\n',
    });
    expect(loud(r)).toEqual([]);
    expect(recipeBody(r, 'f')).toContain(
      "service 'x' do\n  action :nothing\n  subscribes :restart, 'template[/etc/a]', :immediately\n  only_if { A2C::Jinja.truthy(A2C::Jinja.input(node, 'ansible', 'a')) }\nend",
    );
  });

  it("the task's own value wins over the role's", async () => {
    const r = await convertProject({
      'roles/f/tasks/main.yml': '- command: /bin/x\n  no_log: false\n',
      'site.yml': '- hosts: all\n  roles:\n    - role: f\n      no_log: true\n',
    });
    expect(recipeBody(r, 'f')).not.toContain('sensitive');
  });

  it('a role used with different keywords is reported at each keyword and gets none', async () => {
    const r = await convertProject({
      'roles/f/tasks/main.yml': '- command: /bin/x\n',
      'site.yml': '- hosts: web\n  roles:\n    - role: f\n      when: a\n- hosts: db\n  roles: [f]\n',
    });
    expect(loud(r)).toEqual([
      'site.yml:4:13: warning A2C-TODO-ROLE-KEYWORD when is not applied to role f: the role is also used with other keywords or none, and its one cookbook cannot carry both; guard or configure its tasks by hand',
    ]);
    expect(recipeBody(r, 'f')).not.toContain('only_if');
    expect(outputText(r, 'f/README.md')).toContain(
      "- TODO: when at site.yml:4 is not applied to this cookbook's tasks: the role is used with different keywords elsewhere",
    );
  });

  it('include_role of the role elsewhere is a use without keywords', async () => {
    const r = await convertProject({
      'roles/f/tasks/main.yml': '- command: /bin/x\n',
      'roles/g/tasks/main.yml': '- include_role: name=f\n',
      'site.yml': '- hosts: web\n  roles:\n    - role: f\n      when: a\n    - g\n',
    });
    expect(loud(r).map((l) => l.split(' ')[2])).toEqual(['A2C-TODO-ROLE-KEYWORD']);
    expect(recipeBody(r, 'f')).not.toContain('only_if');
  });

  it('keywords that change nothing in Chef (tags, become: true) are no disagreement', async () => {
    const r = await convertProject({
      'roles/f/tasks/main.yml': '- command: /bin/x\n',
      'site.yml': '- hosts: web\n  roles:\n    - { role: f, tags: [x], become: true }\n- hosts: db\n  roles: [f]\n',
    });
    expect(loud(r)).toEqual([]);
  });

  it("tags are listed in the cookbook README as a task's are; tags: never is a warning (Ansible skips the role by default)", async () => {
    const r = await convertProject({
      'roles/f/tasks/main.yml': '- command: /bin/x\n',
      'site.yml': '- hosts: web\n  roles:\n    - { role: f, tags: [never, debug] }\n',
    });
    expect(outputText(r, 'f/README.md')).toContain('- tags: Chef has no task tags; run lists select recipes');
    expect(loud(r)).toEqual([
      'site.yml:3:24: warning A2C-TODO-ROLE-KEYWORD tags: never: Ansible runs role f here only when --tags names it; Chef runs every recipe of the run list',
    ]);
    expect(recipeBody(r, 'f')).toBe("# roles/f/tasks/main.yml:1\nexecute '/bin/x' do\n  command ['/bin/x']\nend");
  });

  it('the included task file gets the guard once; the include itself is not guarded at compile time', async () => {
    const r = await convertProject({
      'roles/f/tasks/main.yml': '- import_tasks: more.yml\n',
      'roles/f/tasks/more.yml': '- command: /bin/x\n',
      'site.yml': site('when: a').replace('role: r', 'role: f'),
    });
    expect(recipeBody(r, 'f')).toBe("# roles/f/tasks/main.yml:1\ninclude_recipe 'f::more'");
    expect(recipeBody(r, 'f', 'more')).toContain("only_if { A2C::Jinja.truthy(A2C::Jinja.input(node, 'ansible', 'a')) }");
  });
});

/** Which tasks (by input path:line) ansible-playbook skipped, run on localhost with the json callback. */
function ansibleSkipped(files: Record<string, string>): Map<string, boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-roleref-'));
  try {
    writeTree(dir, files);
    const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
      cwd: dir,
      encoding: 'utf8',
      env: ansibleEnv({ ANSIBLE_STDOUT_CALLBACK: 'json' }),
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      plays: Array<{ tasks: Array<{ task: { path: string }; hosts: Record<string, { skipped?: boolean }> }> }>;
    };
    return new Map(
      out.plays.flatMap((p) => p.tasks).map((t) => [t.task.path.slice(dir.length + 1), t.hosts['localhost']?.skipped === true]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))('role keywords against ansible-playbook', () => {
  it('the tasks and handlers Ansible skips for a false role or dependency condition are the ones guarded by it', async () => {
    const files = {
      'roles/r/tasks/main.yml': '- name: r task\n  debug: msg=r\n  changed_when: true\n  notify: h\n',
      'roles/r/handlers/main.yml': '- name: h\n  debug: msg=h\n',
      'roles/r/meta/main.yml': 'dependencies:\n  - role: o\n    when: flag_b\n',
      'roles/o/tasks/main.yml': '- name: o task\n  debug: msg=o\n',
      // flag_a turns false after the role ran and before its handler runs.
      'site.yml':
        '- hosts: localhost\n  gather_facts: false\n  vars: {flag_a: true, flag_b: false}\n  roles:\n    - role: r\n      when: flag_a\n  tasks:\n    - set_fact: {flag_a: false}\n',
    };
    const skipped = ansibleSkipped(files);
    expect(Object.fromEntries(skipped)).toEqual({
      'roles/o/tasks/main.yml:1': true,
      'roles/r/tasks/main.yml:1': false,
      'site.yml:8': false,
      'roles/r/handlers/main.yml:1': true,
    });
    const r = await convertProject(files);
    const guardOf = (cookbook: string, recipe: string) => /only_if \{ (.*) \}/.exec(recipeBody(r, cookbook, recipe))?.[1] ?? '';
    // flag_a (a set_fact changes it) is read where the set_fact stored it first, then as the play var; flag_b, a
    // play var, strictly.
    const flag = (v: string) =>
      v === 'flag_a' ? `node.run_state.fetch('${v}') { node.read!('ansible', '${v}') }` : `node.read!('ansible', '${v}')`;
    // Skipped because flag_b was false: the dependency's guard reads it; the role's own task's does not.
    expect(guardOf('o', 'default')).toContain(flag('flag_b'));
    expect(guardOf('r', 'default')).not.toContain(flag('flag_b'));
    // Skipped because flag_a was false when the handler ran: the handler's guard reads flag_a.
    expect(guardOf('r', 'handlers')).toContain(flag('flag_a'));
    expect(guardOf('o', 'default')).toContain(flag('flag_a'));
  });
});

describe.skipIf(!requireOrSkip('ansible', hasPythonModule('ansible')))('against ansible-core', () => {
  it('every key Ansible reads as a role keyword (not a role parameter) is a keyword here', () => {
    const py = 'from ansible.playbook.role.definition import RoleDefinition as R; print("\\n".join(sorted(R.fattributes)))';
    const r = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const ansible = r.stdout.trim().split('\n');
    expect(ansible.length).toBeGreaterThan(20);
    expect(ansible.filter((k) => !ROLE_REF_KEYWORDS.has(k))).toEqual([]);
  });
});
