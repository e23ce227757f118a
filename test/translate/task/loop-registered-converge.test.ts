// A command or shell looped over a registered result runs its items at converge time, inside the
// ruby_block that computes its loop result (per-item `when`, a failed item failing the task once
// all have run); other modules' resources are declared inside an a2c_converge_loop, whose action
// runs the loop when its turn comes. Compared with real ansible-playbook: the files the items write.
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

  it("declares other modules' resources inside an a2c_converge_loop, which runs the loop at converge time", async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- command: ls /srv\n  register: found\n- name: drop\n  file: {path: "/srv/{{ item }}", state: absent}\n  loop: "{{ found.stdout_lines }}"\n  notify: done\n',
      'handlers/main.yml': '- name: done\n  debug: {msg: done}\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted']);
    const body = recipeBody(r, 'demo');
    const start = body.indexOf("a2c_converge_loop 'drop' do\n  declare do\n    A2C::");
    expect(start).toBeGreaterThan(0);
    const wrapper = body.slice(start);
    // The task's notification is the wrapper's (updated when a resource the loop declared was), not the items'.
    expect(wrapper).toMatch(/\n {2}end\n {2}notifies :[a-z_]+, '[a-z_]+\[done\]', :delayed\nend/);
    expect(wrapper.slice(0, wrapper.indexOf('\n  end\n'))).not.toContain('notifies');
  });

  it('stays a TODO where the loop registers a result of its own', async () => {
    const reg = 'tasks/main.yml';
    const registered = await convertRole({
      [reg]:
        '- command: ls /srv\n  register: found\n- file: {path: "/srv/{{ item }}", state: absent}\n  loop: "{{ found.stdout_lines }}"\n  register: dropped\n',
    });
    expect(registered.tasks.map((t) => t.code ?? t.outcome)).toEqual(['converted', 'A2C-TODO-REGISTER']);
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

  const templated = (dir: string) =>
    [
      '- name: list',
      "  command: printf 'a\\nb\\nc\\n'",
      '  register: names',
      '  changed_when: false',
      '- name: render each',
      '  template:',
      '    src: t.j2',
      `    dest: "${dir}/{{ item }}.txt"`,
      '  loop: "{{ names.stdout_lines }}"',
      "  when: item != 'b'",
      // Skipped: Ansible neither fails on the skipped result's missing stdout_lines nor renders.
      '- name: list more',
      "  command: printf 'd\\n'",
      '  register: more',
      '  when: extra | bool',
      '- name: render more',
      '  template:',
      '    src: t.j2',
      `    dest: "${dir}/{{ item }}.txt"`,
      '  loop: "{{ more.stdout_lines }}"',
      '  when: extra | bool',
      '',
    ].join('\n');
  const T_J2 = '{{ item }}-{{ item | upper }} of {{ names.stdout_lines | length }}\n';

  it.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
    'renders, at converge time, the templates Ansible renders for the registered items',
    async () => {
      const want = withLocalPlay(
        (dir) => ({
          'roles/demo/tasks/main.yml': templated(dir),
          'roles/demo/templates/t.j2': T_J2,
          'roles/demo/defaults/main.yml': 'extra: false\n',
          'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
        }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          return Object.fromEntries(
            ['a', 'b', 'c']
              .filter((n) => existsSync(join(run.dir, `${n}.txt`)))
              .map((n) => [n, readFileSync(join(run.dir, `${n}.txt`), 'utf8')]),
          );
        },
      );
      expect(want).toEqual({ a: 'a-A of 3\n', c: 'c-C of 3\n' });
      const out = mkdtempSync(join(tmpdir(), 'a2c-loopreg-'));
      try {
        const r = await convertProject({
          'roles/demo/tasks/main.yml': templated('/srv/x'),
          'roles/demo/templates/t.j2': T_J2,
          'roles/demo/defaults/main.yml': 'extra: false\n',
          'site.yml': '- hosts: localhost\n  roles: [demo]\n',
        });
        expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted', 'converted']);
        for (const [p, content] of r.files) {
          mkdirSync(dirname(join(out, p)), { recursive: true });
          writeFileSync(join(out, p), content);
        }
        expect(readFileSync(join(out, 'demo/recipes/default.rb'), 'utf8')).toContain("a2c_converge_loop 'render each' do");
        const chef = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/template-vars-chef.rb'), out, 'demo'], { encoding: 'utf8' });
        expect(chef.stderr).toBe('');
        const got = JSON.parse(chef.stdout) as Record<string, string>;
        expect(got).toEqual({ '/srv/x/a.txt': want.a, '/srv/x/c.txt': want.c });
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});
