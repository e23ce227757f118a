// A command or shell looped over a registered result runs its items at converge time, inside the
// ruby_block that computes its loop result (per-item `when`, a failed item failing the task once
// all have run); other modules' loops over a result stay TODOs. Compared with real
// ansible-playbook: the file the items write.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';

const REPO_ROOT = resolve(new URL('../../..', import.meta.url).pathname);

const tasks = (out: string) =>
  [
    '- name: list',
    "  command: printf 'a\\nb\\nc\\n'",
    '  register: names',
    '  changed_when: false',
    '- name: write each',
    `  shell: echo "{{ item }}-{{ item | upper }}" >> ${out}`,
    '  loop: "{{ names.stdout_lines }}"',
    "  when: item != 'b'",
    '',
  ].join('\n');

describe('a loop over a registered result', () => {
  it('runs a shell item by item in a ruby_block at converge time', async () => {
    const r = await convertRole({ 'tasks/main.yml': tasks('/tmp/items.txt') });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("A2C::Tasks.register_each(node.run_state, 'a2c loop at tasks/main.yml:5', ");
    expect(body).toContain('its loop reads a registered result: the items run here, at converge time');
    expect(body).not.toContain('execute');
  });

  it('stays a TODO for a module whose resources are declared when the recipe compiles', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- command: ls /srv\n  register: found\n- file: {path: "/srv/{{ item }}", state: absent}\n  loop: "{{ found.stdout_lines }}"\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
  });

  it.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
    'writes what Ansible writes',
    async () => {
      const want = withLocalPlay(
        (dir) => ({
          'roles/demo/tasks/main.yml': tasks(join(dir, 'items.txt')),
          'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
        }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          return readFileSync(join(run.dir, 'items.txt'), 'utf8');
        },
      );
      expect(want).toBe('a-A\nc-C\n');
      const out = mkdtempSync(join(tmpdir(), 'a2c-loopreg-'));
      try {
        const written = join(out, 'items.txt');
        const r = await convertProject({
          'roles/demo/tasks/main.yml': tasks(written),
          'site.yml': '- hosts: localhost\n  roles: [demo]\n',
        });
        for (const [p, content] of r.files) {
          mkdirSync(dirname(join(out, p)), { recursive: true });
          writeFileSync(join(out, p), content);
        }
        const chef = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/template-vars-chef.rb'), out, 'demo'], { encoding: 'utf8' });
        expect(chef.stderr).toBe('');
        expect(existsSync(written)).toBe(true);
        expect(readFileSync(written, 'utf8')).toBe(want);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});
