// ansible_env and ansible_user_id are the user's the play gathered facts as; the converted run reads
// chef-client's (root). Each read is reported (A2C-FACT-RUN-USER) where a play running it is not
// proven to gather as root. The converted side: which plays warn, at which file:line, once. The
// Ansible side: ansible-playbook 2.14 runs of one playbook, proving each rule the warning relies on.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversionResult } from '../../src/convert.js';
import { convertProject, formatDiagnostic } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROLE = {
  'roles/app/tasks/main.yml': [
    '- name: home',
    "  file: { path: \"{{ ansible_facts['env']['HOME'] }}/app\", state: directory }",
    '- name: conf',
    '  template: { src: c.j2, dest: /etc/c }',
    '',
  ].join('\n'),
  'roles/app/templates/c.j2': 'owner={{ ansible_user_id }}\n',
  hosts: '[web]\nw1\n[db]\nd1\n',
};

const runUser = (r: ConversionResult) => r.diagnostics.filter((d) => d.code === 'A2C-FACT-RUN-USER').map(formatDiagnostic);
const play = (head: string) => convertProject({ ...ROLE, 'site.yml': `- hosts: web\n${head}  roles: [app]\n` });

describe('A2C-FACT-RUN-USER: reads of the facts the play gathered as its user', () => {
  it('a play without become warns at the task string and the template line, naming no user it does not know', async () => {
    const w = runUser(await play(''));
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/^roles\/app\/tasks\/main\.yml:2:\d+: warning A2C-FACT-RUN-USER ansible_env reads the environment/);
    expect(w[0]).toContain("play 'web' (site.yml:1:3) gathers as the connecting user (no remote_user or ansible_user in the input");
    expect(w[0]).toContain("the converted run reads chef-client's environment: root's");
    expect(w[1]).toMatch(/^roles\/app\/templates\/c\.j2:1:10: warning A2C-FACT-RUN-USER ansible_user_id reads the name of the user/);
  });

  it.each([
    ['become: true', '  become: true\n'],
    ['become: yes, become_user: root', '  become: yes\n  become_user: root\n'],
    ['remote_user: root', '  remote_user: root\n'],
    ["user: root (Ansible's alias of remote_user)", '  user: root\n'],
  ])('a play gathering as root (%s) does not warn', async (_, head) => {
    expect(runUser(await play(head))).toEqual([]);
  });

  it.each([
    ['become_user: postgres', '  become: true\n  become_user: postgres\n', "the become user 'postgres' at site.yml:3:16"],
    ['remote_user: deploy', '  remote_user: deploy\n', "the connecting user 'deploy' at site.yml:2:16, without become"],
    [
      'become: false, remote_user: root, connection: local',
      '  remote_user: root\n  connection: local\n',
      'a local connection ignores remote_user',
    ],
    ['templated become', '  become: "{{ use_become }}"\n', 'a templated become at site.yml:2:11'],
    ['gather_facts: false', '  become: true\n  gather_facts: false\n', 'gather_facts: False at site.yml:3:17'],
  ])('a play not proven to gather as root (%s) warns naming what it gathers as', async (_, head, who) => {
    const w = runUser(await play(head));
    expect(w).toHaveLength(2);
    for (const d of w) expect(d).toContain(who);
  });

  it("the user collector's other facts (ansible_user_dir, ansible_user_uid) warn as ansible_user_id does", async () => {
    const files = {
      ...ROLE,
      'roles/app/templates/c.j2': 'home={{ ansible_user_dir }}\nuid={{ ansible_facts.user_uid }}\n',
    };
    const quiet = runUser(await convertProject({ ...files, 'site.yml': '- hosts: web\n  become: true\n  roles: [app]\n' }));
    expect(quiet).toEqual([]);
    const w = runUser(await convertProject({ ...files, 'site.yml': '- hosts: web\n  roles: [app]\n' }));
    expect(w.filter((d) => d.startsWith('roles/app/templates/c.j2'))).toEqual([
      expect.stringMatching(/^roles\/app\/templates\/c\.j2:1:\d+: warning A2C-FACT-RUN-USER ansible_user_dir reads the home directory/),
      expect.stringMatching(/^roles\/app\/templates\/c\.j2:2:\d+: warning A2C-FACT-RUN-USER ansible_user_uid reads a value of the user/),
    ]);
  });

  it('an inventory ansible_user outranks the play remote_user: root', async () => {
    const r = await convertProject({
      ...ROLE,
      'group_vars/web.yml': 'ansible_user: ubuntu\n',
      'site.yml': '- hosts: web\n  remote_user: root\n  roles: [app]\n',
    });
    const w = runUser(r);
    expect(w).toHaveLength(2);
    expect(w[0]).toContain("the connecting user 'ubuntu' (ansible_user at group_vars/web.yml:1:1)");
  });

  it('of two plays running the role, only the one not gathering as root is named', async () => {
    const r = await convertProject({
      ...ROLE,
      'site.yml': '- hosts: db\n  become: true\n  roles: [app]\n- name: as deploy\n  hosts: web\n  remote_user: deploy\n  roles: [app]\n',
    });
    const w = runUser(r);
    expect(w).toHaveLength(2);
    for (const d of w) {
      expect(d).toContain("play 'as deploy' (site.yml:4:3) gathers as the connecting user 'deploy'");
      expect(d).not.toContain('site.yml:1:3');
    }
  });

  it("a playbook's own template follows each play that renders it", async () => {
    const r = await convertProject({
      hosts: '[web]\nw1\n[db]\nd1\n',
      'templates/t.j2': '{{ ansible_env.HOME }}\n',
      'site.yml': [
        '- hosts: db',
        '  become: true',
        '  tasks:',
        '    - template: { src: t.j2, dest: /etc/t }',
        '- hosts: web',
        '  tasks:',
        '    - template: { src: t.j2, dest: /etc/t }',
        '',
      ].join('\n'),
    });
    const w = runUser(r);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^templates\/t\.j2:1:4: .*play 'web' \(site\.yml:5:3\) gathers as the connecting user/);
  });

  it('a role default read by two tasks is reported once, at the default', async () => {
    const r = await convertProject({
      'roles/app/defaults/main.yml': 'app_home: "{{ ansible_env.HOME }}/app"\n',
      'roles/app/tasks/main.yml': '- file: { path: "{{ app_home }}", state: directory }\n- command: "ls {{ app_home }}"\n',
      hosts: '[web]\nw1\n',
      'site.yml': '- hosts: web\n  remote_user: deploy\n  roles: [app]\n',
    });
    const w = runUser(r);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^roles\/app\/defaults\/main\.yml:1:15: /);
  });

  it('a setup task with its own become, in a play gathering as root, warns: it gathers again as that user', async () => {
    const r = await convertProject({
      ...ROLE,
      'roles/app/tasks/main.yml': `- block:\n    - setup:\n  become_user: app\n${ROLE['roles/app/tasks/main.yml']}`,
      'site.yml': '- hosts: web\n  become: true\n  roles: [app]\n',
    });
    const w = runUser(r);
    expect(w).toHaveLength(2);
    for (const d of w) expect(d).toContain('the setup task at roles/app/tasks/main.yml:2:7 gathers them again as its own become user');
  });

  it('a role no play runs warns that the gathering user is not known', async () => {
    const r = await convertProject({ ...ROLE, 'site.yml': '- hosts: web\n  tasks: []\n' });
    const w = runUser(r);
    expect(w).toHaveLength(2);
    expect(w[0]).toContain('no play of the input runs it');
  });

  it('is counted in CONVERSION.md with the other findings', async () => {
    const r = await play('');
    const report = r.files.get('CONVERSION.md');
    expect(typeof report === 'string' ? report : new TextDecoder().decode(report)).toMatch(/\| A2C-FACT-RUN-USER \| 2 \|/);
  });
});

// The Ansible side, one playbook run with `-c local`. Each play prints ansible_user_id, env HOME,
// USER and the SUDO_ keys it sees. As root, a throwaway user stands for "another user" (su needs no
// password from root); the run as that user is the connection without become.
const isRoot = process.getuid?.() === 0;
const ansible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
const canSwitch = isRoot && ['useradd', 'userdel', 'runuser', 'su'].every(hasTool);

const SHOW = `debug: msg="{{ ansible_user_id }}|{{ ansible_env.HOME }}|{{ ansible_env.USER | default('-') }}|{{ ansible_env | dict2items | map(attribute='key') | select('match', 'SUDO_') | list | join(',') }}"`;
function playbook(other: string): string {
  return [
    '- name: plain',
    '  hosts: all',
    '  tasks:',
    `    - ${SHOW}`,
    '    - name: a task become does not gather again',
    `      become: true\n      become_method: su\n      become_user: ${other}`,
    `      ${SHOW}`,
    '- name: become_other',
    '  hosts: all',
    `  become: true\n  become_method: su\n  become_user: ${other}`,
    '  tasks:',
    `    - ${SHOW}`,
    '- name: remote_user_local',
    '  hosts: all',
    `  remote_user: ${other}`,
    '  tasks:',
    `    - ${SHOW}`,
    '- name: no_gathering',
    '  hosts: all',
    '  gather_facts: false',
    `  become: true\n  become_method: su\n  become_user: ${other}`,
    '  tasks:',
    `    - ${SHOW}`,
    '- name: setup_task_become',
    '  hosts: all',
    '  gather_facts: false',
    '  tasks:',
    `    - setup:\n      become: true\n      become_method: su\n      become_user: ${other}`,
    `    - ${SHOW}`,
    '',
  ].join('\n');
}

/** Each debug message, in order, from a run of `file` as `user` (undefined: this process's user). */
function run(dir: string, file: string, user?: string): string[] {
  const env = {
    PATH: '/usr/bin:/bin:/usr/sbin:/sbin',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_LOCALHOST_WARNING: 'False',
    ANSIBLE_LOCAL_TEMP: join(dir, `tmp-${user ?? 'self'}`),
  };
  const argv = ['ansible-playbook', '-i', 'localhost,', '-c', 'local', join(dir, file)];
  const r = user
    ? spawnSync(
        'runuser',
        ['-u', user, '--', 'env', '-i', `HOME=/home/${user}`, ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv],
        {
          encoding: 'utf8',
          cwd: dir,
          timeout: 300_000,
        },
      )
    : spawnSync(argv[0]!, argv.slice(1), {
        encoding: 'utf8',
        cwd: dir,
        env: { ...env, HOME: process.env.HOME ?? '/root' },
        timeout: 300_000,
      });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  return [...r.stdout.matchAll(/"msg": "([^"]*)"/g)].map((m) => m[1]!);
}

describe.skipIf(!ansible)('the rules, as ansible-playbook 2.14 gathers facts', () => {
  it("become_user's default is root (the user a play with become and no become_user gathers as)", () => {
    const r = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        "from ansible.plugins.loader import become_loader as b\nfor m in ('sudo', 'su'):\n  p = b.get(m); print(p.get_option('become_user'))",
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['root', 'root']);
  });

  describe.skipIf(!canSwitch)('another user (a throwaway one; needs root to create it and to su to it without a password)', () => {
    const user = `a2cru${process.pid % 100000}`;
    let dir = '';
    beforeAll(() => {
      const r = spawnSync('useradd', ['-m', '-s', '/bin/sh', user], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      dir = mkdtempSync(join(tmpdir(), 'a2c-run-user-'));
      chmodSync(dir, 0o777);
      writeFileSync(join(dir, 'site.yml'), playbook(user), { mode: 0o644 });
    });
    afterAll(() => {
      spawnSync('userdel', ['-r', user]);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("as root: no become reads root; play become and a setup task's become read the become user; a task become or remote_user on a local connection changes nothing", () => {
      const [plain, taskBecome, becomeOther, remoteLocal, noGathering, setupBecome] = run(dir, 'site.yml');
      expect(plain).toBe('root|/root|-|');
      // Facts were gathered when the play started, as the play's user.
      expect(taskBecome).toBe(plain);
      expect(becomeOther).toBe(`${user}|/home/${user}|${user}|`);
      expect(remoteLocal).toBe(plain);
      // A play that does not gather reads what the last gathering (here: the play before) saw,
      // whatever its own become.
      expect(noGathering).toBe(plain);
      // A setup task with its own become gathers again as that user.
      expect(setupBecome).toBe(becomeOther);
    }, 600_000);

    it('connecting as another user without become reads that user and its HOME', () => {
      writeFileSync(join(dir, 'plain.yml'), `- hosts: all\n  tasks:\n    - ${SHOW}\n`, { mode: 0o644 });
      expect(run(dir, 'plain.yml', user)).toEqual([`${user}|/home/${user}|-|`]);
    }, 600_000);
  });
});
