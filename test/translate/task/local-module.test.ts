// A module the input ships in a `library/` folder runs in place of Ansible's module of that name
// (a bare name or ansible.legacy.<name>: the role's library, then the playbook's), so its task is a
// TODO naming the file; `ansible.builtin.<name>` still names Ansible's own module and converts.
// ansible-playbook is asked which module each spelling runs, so the rule follows Ansible, not us.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const haveAnsible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

// A module of the role's own that answers with its name, so a play shows which code ran.
const OWN_MODULE = ['#!/usr/bin/python3', 'import json', 'print(json.dumps({"changed": False, "ran": "own"}))'].join('\n');

const files = (spelling: string, where: 'role' | 'playbook'): Record<string, string> => ({
  'site.yml': ['- hosts: all', '  gather_facts: false', '  roles: [demo]', ''].join('\n'),
  'roles/demo/tasks/main.yml': [
    '- name: Edit a setting',
    `  ${spelling}:`,
    '    path: /tmp/a2c-local-module.ini',
    '    section: s',
    '    option: o',
    '    value: v',
    '  register: r',
    '- name: Show',
    '  ansible.builtin.debug:',
    '    msg: "RAN={{ r.ran | default(\'ansible\') }}"',
    '',
  ].join('\n'),
  [where === 'role' ? 'roles/demo/library/ini_file.py' : 'library/ini_file.py']: OWN_MODULE,
});

describe('a module the input ships itself', () => {
  for (const where of ['role', 'playbook'] as const) {
    for (const spelling of ['ini_file', 'ansible.legacy.ini_file']) {
      it(`${spelling} with ${where === 'role' ? "the role's" : "the playbook's"} library/ini_file.py is a TODO naming that file`, async () => {
        const r = await convertProject(files(spelling, where));
        const body = recipeBody(r, 'demo');
        expect(body).toContain('TODO(ansible2chef)');
        const d = r.diagnostics.find((x) => x.code === 'A2C-TODO-MODULE');
        expect(d?.message).toContain(where === 'role' ? 'roles/demo/library/ini_file.py' : 'library/ini_file.py');
      });
    }
  }

  it("ansible.builtin.ini_file names Ansible's own module and converts", async () => {
    const r = await convertProject(files('ansible.builtin.ini_file', 'role'));
    expect(r.diagnostics.filter((x) => x.code === 'A2C-TODO-MODULE')).toEqual([]);
    // The ini_file task converts; the debug reading the result's `ran` (a key Ansible's ini_file does not
    // return, but the converter does not know each module's keys) is a TODO: the record keeps only
    // changed, failed, skipped and skip_reason (register-recorded-keys.test.ts).
    expect(r.tasks.map((t) => [t.outcome, t.code])).toEqual([
      ['converted', undefined],
      ['todo', 'A2C-TODO-REGISTER'],
    ]);
  });

  it.skipIf(!haveAnsible)('Ansible runs the library file for the bare and legacy names, its own module for ansible.builtin', () => {
    const ran = (spelling: string, where: 'role' | 'playbook'): string => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-localmod-'));
      try {
        for (const [p, c] of Object.entries(files(spelling, where))) {
          mkdirSync(dirname(join(dir, p)), { recursive: true });
          writeFileSync(join(dir, p), c);
        }
        writeFileSync(join(dir, 'inventory'), 'localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
        const out = spawnSync('ansible-playbook', ['-i', 'inventory', 'site.yml', '--check'], {
          cwd: dir,
          encoding: 'utf8',
          env: ansibleEnv(),
        });
        return /RAN=(\w+)/.exec(out.stdout)?.[1] ?? `no answer: ${out.stdout}${out.stderr}`;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    expect(ran('ini_file', 'role')).toBe('own');
    expect(ran('ansible.legacy.ini_file', 'role')).toBe('own');
    expect(ran('ini_file', 'playbook')).toBe('own');
    expect(ran('ansible.builtin.ini_file', 'role')).toBe('ansible');
  });
});
