// delegate_to a group's first host without run_once, against ansible-playbook: Ansible runs the task
// on the delegate once per play host. Each inventory host (ansible_connection=local) runs modules
// through its own python wrapper, which logs the host's name, so the log says on which host every
// module run happened. The converted guard, evaluated in Ruby for every inventory host with the
// Policyfile's attributes, must hold on exactly the host Ansible ran it on, and the state the
// repeats leave must be the state one run leaves.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../helpers/workflow.js';
import { convertProject, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';
import { guardOf, hostsWhereGuardHolds } from '../../helpers/guard-hosts.js';

const HOSTS = ['web2', 'web1', 'db1'];
const INVENTORY = (dir: string) =>
  ['[web]', 'web2', 'web1', '[db]', 'web1', 'db1', '[all:vars]', 'ansible_connection=local']
    .join('\n')
    .replace(/^(web2|web1|db1)$/gm, (h) => `${h} ansible_python_interpreter=${dir}/py-${h}`) + '\n';

/** The role: one delegated task, its delegate named in place or through a role default. */
function role(delegate: string, dir: string): Record<string, string> {
  return {
    'roles/app/defaults/main.yml': `out: ${dir}\nsetup_host: "{{ groups['db'] | first | default('localhost') }}"\nline: ready\n`,
    'roles/app/tasks/main.yml':
      [
        '- name: mark',
        '  ansible.builtin.lineinfile:',
        '    path: "{{ out }}/state"',
        '    line: "{{ line }}"',
        '    create: true',
        `  delegate_to: "${delegate}"`,
      ].join('\n') + '\n',
  };
}

/** Per ansible-playbook: the host of every module run (in order), and the state file left. */
function ansibleRuns(files: (dir: string) => Record<string, string>): { ran: string[]; state: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-repeat-'));
  try {
    writeTree(dir, files(dir));
    writeFileSync(join(dir, 'inventory.ini'), INVENTORY(dir));
    for (const h of HOSTS) {
      writeFileSync(join(dir, `py-${h}`), `#!/bin/sh\necho ${h} >> ${dir}/ran\nexec /usr/bin/python3 "$@"\n`);
      chmodSync(join(dir, `py-${h}`), 0o755);
    }
    const r = spawnSync('ansible-playbook', ['-i', 'inventory.ini', 'site.yml'], {
      cwd: dir,
      encoding: 'utf8',
      env: ansibleEnv({ ANSIBLE_GATHERING: 'explicit' }),
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
    return { ran: read('ran').split('\n').filter(Boolean), state: read('state'), dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CASES = [
  { name: "groups['web'][0] in place, play on web", delegate: "{{ groups['web'][0] }}", play: 'web', plays: 2 },
  { name: "a role default naming db's first host, play on all", delegate: '{{ setup_host }}', play: 'all', plays: 3 },
];

describe.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
  "delegate_to a group's first host without run_once: the guard picks the host Ansible repeats the task on",
  () => {
    it.each(CASES)('$name', async ({ delegate, play, plays }) => {
      const site = `- hosts: ${play}\n  gather_facts: false\n  roles: [app]\n`;
      const ansible = ansibleRuns((dir) => ({ ...role(delegate, dir), 'site.yml': site }));
      // Once per play host, every time on the same delegate; the repeats leave what one run leaves.
      expect(ansible.ran).toHaveLength(plays);
      expect(new Set(ansible.ran).size).toBe(1);
      expect(ansible.state).toBe('ready\n');
      const files = { ...role(delegate, ansible.dir), 'site.yml': site, 'inventory.ini': INVENTORY(ansible.dir) };
      const r = await convertProject(files);
      const recipe = recipeBody(r, 'app');
      expect(recipe).not.toContain('TODO');
      expect(
        hostsWhereGuardHolds(outputText(r, 'policyfiles/site.rb'), guardOf(recipe, /# roles\/app\/tasks\/main\.yml:1 mark\n\w+ .*/), HOSTS),
      ).toEqual([ansible.ran[0]]);
    });
  },
);
