// A task file included from two places runs twice in Ansible; Chef's include_recipe would run its
// recipe only once per run, silently dropping the second run. Checked against real ansible-playbook,
// then on the converted recipe (the tasks sit at each include, in Ansible's order).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody, type TextTree } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';

const role = (includeWord: string): TextTree => ({
  'tasks/main.yml':
    [
      `- ${includeWord}: mark.yml`,
      '- name: Between',
      '  command: /bin/sh -c "echo between >> {{ out }}"',
      `- ${includeWord}: mark.yml`,
      '- import_tasks: once.yml',
    ].join('\n') + '\n',
  'tasks/mark.yml': '- name: Mark\n  command: /bin/sh -c "echo mark >> {{ out }}"\n',
  'tasks/once.yml': '- name: Once\n  command: /bin/sh -c "echo once >> {{ out }}"\n',
});

describe.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))('Ansible runs a task file at every include', () => {
  it.each(['import_tasks', 'include_tasks', 'include'])(
    '%s twice: the tasks run twice, in place',
    (word) => {
      withLocalPlay(
        (dir) => ({
          ...Object.fromEntries(Object.entries(role(word)).map(([path, text]) => [`roles/r/${path}`, text as string])),
          'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars:\n    out: ${join(dir, 'out.txt')}\n  roles: [r]\n`,
        }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          expect(readFileSync(join(run.dir, 'out.txt'), 'utf8')).toBe('mark\nbetween\nmark\nonce\n');
        },
      );
    },
    120_000,
  );
});

describe('a task file included from more than one place', () => {
  it.each(['import_tasks', 'include_tasks', 'include'])(
    '%s: inlined at each include; a file included once stays include_recipe',
    async (word) => {
      const r = await convertRole(role(word));
      const body = recipeBody(r, 'demo');
      expect(body).not.toContain("include_recipe 'demo::mark'");
      expect(body.match(/echo mark/g)?.length).toBe(2);
      // Ansible's order: mark, between, mark.
      expect(body.indexOf('echo between')).toBeGreaterThan(body.indexOf('echo mark'));
      expect(body.lastIndexOf('echo mark')).toBeGreaterThan(body.indexOf('echo between'));
      expect(body).toContain("include_recipe 'demo::once'");
      expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    },
  );

  it('a templated include that may pick the file counts as one more include of it', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- import_tasks: setup-Debian.yml\n- include_tasks: "setup-{{ ansible_facts.os_family }}.yml"\n',
      'tasks/setup-Debian.yml': '- command: /bin/true\n',
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain('tasks of tasks/setup-Debian.yml inlined');
    expect(body).toContain('A2C::Tasks.included_recipe(');
  });
});

describe('the bare include of ansible-core 2.14', () => {
  it('is a TODO where the static and the dynamic lookups find different files', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- import_tasks: sub/a.yml\n',
      'tasks/sub/a.yml': '- include: b.yml\n',
      'tasks/b.yml': '- command: /bin/echo top\n',
      'tasks/sub/b.yml': '- command: /bin/echo sub\n',
    });
    const todo = r.diagnostics.filter((d) => d.code === 'A2C-TODO-INCLUDE').map((d) => d.message);
    expect(todo).toEqual([
      'include b.yml: as a static include (import_tasks) and as a dynamic one (include_tasks) Ansible would load different files; write import_tasks or include_tasks',
    ]);
  });
});
