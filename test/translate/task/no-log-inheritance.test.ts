// no_log is inherited as Ansible inherits it (play -> role -> dependencies -> block -> nested blocks
// -> imported/included task files -> task; a task's own no_log: false wins): every resource made from
// a task whose output Ansible hides is `sensitive true`, and no other. The reference is real Ansible:
// one ansible-playbook run on localhost prints each task's result with -v, hidden or not.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText, type TextTree } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const cmd = (marker: string, extra = '') => `- name: run ${marker.toLowerCase()}\n  ansible.builtin.command: echo ${marker}\n${extra}`;

/** Each marker is echoed by exactly one task; the comment says how no_log reaches it. */
const PROJECT: TextTree = {
  'site.yml': [
    '- hosts: localhost',
    '  connection: local',
    '  gather_facts: false',
    '  no_log: true',
    '  roles: [in_nolog_play]',
    '  tasks:',
    '    - name: play task',
    '      ansible.builtin.command: echo MARK_PLAY',
    '    - name: play task shown again',
    '      ansible.builtin.command: echo MARK_PLAY_SHOWN',
    '      no_log: false',
    '- hosts: localhost',
    '  connection: local',
    '  gather_facts: false',
    '  roles:',
    '    - role: by_ref',
    '      no_log: true',
    '    - blocks',
    '  tasks:',
    '    - name: plain play task',
    '      ansible.builtin.command: echo MARK_PLAIN',
    '    - name: imported role',
    '      ansible.builtin.import_role:',
    '        name: imp',
    '      no_log: true',
    '    - name: included role',
    '      ansible.builtin.include_role:',
    '        name: inc',
    '      no_log: true',
    '',
  ].join('\n'),
  'roles/in_nolog_play/tasks/main.yml': cmd('MARK_ROLE_IN_PLAY'),
  'roles/by_ref/meta/main.yml': 'dependencies: [dep_of_ref]\n',
  'roles/by_ref/tasks/main.yml': cmd('MARK_ROLE_REF'),
  'roles/dep_of_ref/tasks/main.yml': cmd('MARK_DEPENDENCY'),
  'roles/blocks/tasks/main.yml': [
    '- name: outer',
    '  no_log: true',
    '  block:',
    '    - name: in block',
    '      ansible.builtin.command: echo MARK_BLOCK',
    '    - name: nested',
    '      block:',
    '        - name: in nested block',
    '          ansible.builtin.command: echo MARK_NESTED',
    '    - name: nested shown',
    '      no_log: false',
    '      block:',
    '        - name: in nested block shown',
    '          ansible.builtin.command: echo MARK_NESTED_SHOWN',
    '    - name: task shown',
    '      ansible.builtin.command: echo MARK_TASK_SHOWN',
    '      no_log: false',
    '- name: imported',
    '  ansible.builtin.import_tasks: imported.yml',
    '  no_log: true',
    '- name: included',
    '  ansible.builtin.include_tasks: included.yml',
    '  no_log: true',
    '- name: included with apply',
    '  ansible.builtin.include_tasks:',
    '    file: applied.yml',
    '    apply:',
    '      no_log: true',
    '- name: plain role task',
    '  ansible.builtin.command: echo MARK_ROLE_PLAIN',
    '',
  ].join('\n'),
  'roles/blocks/tasks/imported.yml': cmd('MARK_IMPORTED'),
  'roles/imp/tasks/main.yml': cmd('MARK_IMPORT_ROLE'),
  'roles/inc/tasks/main.yml': cmd('MARK_INCLUDE_ROLE'),
  'roles/blocks/tasks/included.yml': cmd('MARK_INCLUDED'),
  'roles/blocks/tasks/applied.yml': cmd('MARK_APPLIED'),
};

const MARKERS = [
  'MARK_PLAY',
  'MARK_PLAY_SHOWN',
  'MARK_PLAIN',
  'MARK_ROLE_IN_PLAY',
  'MARK_ROLE_REF',
  'MARK_DEPENDENCY',
  'MARK_BLOCK',
  'MARK_NESTED',
  'MARK_NESTED_SHOWN',
  'MARK_TASK_SHOWN',
  'MARK_IMPORTED',
  'MARK_INCLUDED',
  'MARK_APPLIED',
  'MARK_ROLE_PLAIN',
  'MARK_IMPORT_ROLE',
  'MARK_INCLUDE_ROLE',
];

/** What the conversion says about each marker's resource: sensitive or not. */
async function converted(): Promise<Record<string, boolean>> {
  const result = await convertProject(PROJECT);
  const recipes = [...result.files.keys()].filter((p) => /\/recipes\/[^/]+\.rb$/.test(p)).map((p) => outputText(result, p));
  const out: Record<string, boolean> = {};
  for (const m of MARKERS) {
    // An execute with a block (its properties), or one with nothing to say (no block: not sensitive).
    const blocks = recipes
      .flatMap((text) => [...text.matchAll(/^execute ([^\n]*?)(?: do\n([\s\S]*?)^end|(?<! do))$/gm)].map((x) => `${x[1]!}\n${x[2] ?? ''}`))
      // The marker is a word of the command (`%w(echo MARK)`): MARK_PLAY is not MARK_PLAY_SHOWN.
      .filter((b) => new RegExp(`\\b${m}\\b`).test(b));
    expect(blocks, m).toHaveLength(1);
    out[m] = /^\s*sensitive true$/m.test(blocks[0]!);
  }
  return out;
}

/** A dynamic include keeps its own no_log (the included tasks do not inherit it); `apply:` passes it on. */
const EXPECTED_HIDDEN = new Set([
  'MARK_PLAY',
  'MARK_ROLE_IN_PLAY',
  'MARK_ROLE_REF',
  'MARK_DEPENDENCY',
  'MARK_BLOCK',
  'MARK_NESTED',
  'MARK_IMPORTED',
  'MARK_APPLIED',
  'MARK_IMPORT_ROLE',
]);

describe('no_log inheritance -> sensitive true', () => {
  it('marks every resource of a task under an inherited no_log, and no other', async () => {
    const got = await converted();
    expect(got).toEqual(Object.fromEntries(MARKERS.map((m) => [m, EXPECTED_HIDDEN.has(m)])));
  });

  it('a no_log block is applied, not reported as a block keyword left out', async () => {
    const result = await convertProject(PROJECT);
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it('a TODO reached only through an inherited no_log (import) is redacted', async () => {
    const result = await convertProject({
      'site.yml': '- hosts: all\n  roles: [r]\n',
      'roles/r/tasks/main.yml': '- ansible.builtin.import_tasks: secret.yml\n  no_log: true\n',
      'roles/r/tasks/secret.yml': '- name: odd\n  ansible.builtin.command: "echo {{ SECRET_TODO | nosuchfilter }}"\n',
    });
    const text = outputText(result, 'r/recipes/secret.rb');
    expect(text).toContain('TODO');
    expect(text).not.toContain('SECRET_TODO');
    expect(text).toContain('<redacted: no_log>');
  });
});

const havePlaybook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

describe.skipIf(!havePlaybook)('no_log inheritance against real Ansible', () => {
  it('hides in Ansible exactly the markers the conversion marks sensitive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-nolog-'));
    try {
      for (const [p, t] of Object.entries(PROJECT)) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        writeFileSync(join(dir, p), t);
      }
      const r = spawnSync('ansible-playbook', ['-v', '-i', 'localhost,', 'site.yml'], {
        cwd: dir,
        encoding: 'utf8',
        env: ansibleEnv({ ANSIBLE_ROLES_PATH: join(dir, 'roles') }),
      });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      // A task's marker shows up in its -v result (cmd and stdout) unless no_log hides the result.
      const ansible = Object.fromEntries(MARKERS.map((m) => [m, !new RegExp(`"${m}"`).test(r.stdout)]));
      expect(Object.values(ansible).some(Boolean)).toBe(true);
      expect(await converted()).toEqual(ansible);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
