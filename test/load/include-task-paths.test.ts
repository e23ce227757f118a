// include_tasks / import_tasks with a relative name, looked up where Ansible looks: the folder of
// the including file (a task file in a subdirectory), the role's tasks/ and the role's root
// (`include_tasks: tasks/restart.yml` in handlers/). Compared with real ansible-playbook on the same
// roles; then the converted recipes include the recipe made from that file instead of reporting
// A2C-MISSING-FILE and leaving it dead code.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveInclude, type IncludeKind } from '../../src/load/ansible/include-path.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

const marker = (p: string) => `- ansible.builtin.debug: msg=found-${p}\n`;

/** Each role: what includes what, and every file that could be the target (each prints its own path). */
interface Case {
  role: string;
  kind: IncludeKind;
  from: string;
  target: string;
  files: Record<string, string>;
}

const CASES: Case[] = [
  {
    role: 'sub_only',
    kind: 'include',
    from: 'tasks/sub/a.yml',
    target: 'x.yml',
    files: {
      'tasks/main.yml': '- ansible.builtin.include_tasks: sub/a.yml\n',
      'tasks/sub/a.yml': '- ansible.builtin.include_tasks: x.yml\n',
      'tasks/sub/x.yml': marker('tasks/sub/x.yml'),
    },
  },
  {
    role: 'include_both',
    kind: 'include',
    from: 'tasks/sub/a.yml',
    target: 'x.yml',
    files: {
      'tasks/main.yml': '- ansible.builtin.include_tasks: sub/a.yml\n',
      'tasks/sub/a.yml': '- ansible.builtin.include_tasks: x.yml\n',
      'tasks/sub/x.yml': marker('tasks/sub/x.yml'),
      'tasks/x.yml': marker('tasks/x.yml'),
    },
  },
  {
    role: 'import_both',
    kind: 'import',
    from: 'tasks/sub/b.yml',
    target: 'y.yml',
    files: {
      'tasks/main.yml': '- ansible.builtin.import_tasks: sub/b.yml\n',
      'tasks/sub/b.yml': '- ansible.builtin.import_tasks: y.yml\n',
      'tasks/sub/y.yml': marker('tasks/sub/y.yml'),
      'tasks/y.yml': marker('tasks/y.yml'),
    },
  },
  {
    role: 'import_sub',
    kind: 'import',
    from: 'tasks/sub/b.yml',
    target: 'y.yml',
    files: {
      'tasks/main.yml': '- ansible.builtin.import_tasks: sub/b.yml\n',
      'tasks/sub/b.yml': '- ansible.builtin.import_tasks: y.yml\n',
      'tasks/sub/y.yml': marker('tasks/sub/y.yml'),
    },
  },
  {
    role: 'handler_tasks',
    kind: 'include',
    from: 'handlers/main.yml',
    target: 'tasks/restart.yml',
    files: {
      'tasks/main.yml': '- ansible.builtin.command: /bin/true\n  changed_when: true\n  notify: restart\n',
      'handlers/main.yml': '- name: restart\n  ansible.builtin.include_tasks: tasks/restart.yml\n',
      'tasks/restart.yml': marker('tasks/restart.yml'),
    },
  },
  {
    role: 'handler_plain',
    kind: 'include',
    from: 'handlers/main.yml',
    target: 'restart.yml',
    files: {
      'tasks/main.yml': '- ansible.builtin.command: /bin/true\n  changed_when: true\n  notify: restart plain\n',
      'handlers/main.yml': '- name: restart plain\n  ansible.builtin.include_tasks: restart.yml\n',
      'handlers/restart.yml': marker('handlers/restart.yml'),
      'tasks/restart.yml': marker('tasks/restart.yml'),
    },
  },
];

const resolved = (c: Case) => {
  const found = resolveInclude(c.kind, c.from, c.target, (p) => p in c.files);
  return found === undefined ? 'missing' : 'taskFile' in found ? `tasks/${found.taskFile}` : found.elsewhere;
};

describe.skipIf(!playbook)('include paths against ansible-playbook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-include-paths-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the file Ansible runs, in every case', () => {
    for (const c of CASES) {
      for (const [p, text] of Object.entries(c.files)) {
        mkdirSync(dirname(join(dir, 'roles', c.role, p)), { recursive: true });
        writeFileSync(join(dir, 'roles', c.role, p), text);
      }
    }
    writeFileSync(join(dir, 'site.yml'), `- hosts: localhost\n  gather_facts: false\n  roles: [${CASES.map((c) => c.role).join(', ')}]\n`);
    const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
      cwd: dir,
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (r.status !== 0) throw new Error(`ansible-playbook failed:\n${r.stdout}${r.stderr}`);
    // Each role prints one marker; roles run in play order, handlers at the end of the play.
    const found = [...r.stdout.matchAll(/"msg": "found-([^"]+)"/g)].map((m) => m[1]!);
    const roleTasks = CASES.filter((c) => !c.from.startsWith('handlers/'));
    const handlers = CASES.filter((c) => c.from.startsWith('handlers/'));
    expect(found).toEqual([...roleTasks, ...handlers].map(resolved));
  });
});

describe('converted includes from subdirectories and handlers', () => {
  it('include_tasks in tasks/sub/a.yml includes the recipe of tasks/sub/x.yml', async () => {
    const result = await convertRole(CASES[0]!.files, 'r');
    expect(result.diagnostics.filter((d) => d.code === 'A2C-MISSING-FILE')).toEqual([]);
    expect(recipeBody(result, 'r', 'sub_a')).toContain("include_recipe 'r::sub_x'");
  });

  it('import_tasks prefers the including folder, include_tasks the role tasks/, as Ansible does', async () => {
    expect(recipeBody(await convertRole(CASES[1]!.files, 'r'), 'r', 'sub_a')).toContain("include_recipe 'r::x'");
    expect(recipeBody(await convertRole(CASES[2]!.files, 'r'), 'r', 'sub_b')).toContain("include_recipe 'r::sub_y'");
  });

  it('a handler including tasks/restart.yml finds it, and is a TODO rather than code run on every Chef run', async () => {
    const result = await convertRole(CASES[4]!.files, 'r');
    expect(result.diagnostics.filter((d) => d.code === 'A2C-MISSING-FILE')).toEqual([]);
    expect(result.diagnostics.some((d) => d.code === 'A2C-TODO-HANDLER')).toBe(true);
    const handlers = recipeBody(result, 'r', 'handlers');
    expect(handlers).not.toMatch(/^include_recipe/m);
    expect(handlers).toContain('TODO(ansible2chef): A2C-TODO-HANDLER');
  });
});
