// set_fact in a loop over registered results: the loop runs at converge time in a ruby_block
// (A2C::Tasks.set_fact_each), each item whose `when` holds setting the fact in turn. Compared with the
// real ansible-playbook through the template that reads the facts, byte for byte.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const haveBoth = requireOrSkip('ansible-playbook and ruby', hasTool('ansible-playbook') && hasTool('ruby'));

const project = (dest: string, flavour: string): Record<string, string> => ({
  'roles/demo/defaults/main.yml': `flavour: ${flavour}\n`,
  'roles/demo/tasks/main.yml': [
    '- name: Installed as a deb',
    '  ansible.builtin.command: printf deb',
    '  register: deb_v',
    "  when: flavour == 'deb'",
    '- name: Installed as an rpm',
    '  ansible.builtin.command: printf rpm',
    '  register: rpm_v',
    "  when: flavour == 'rpm'",
    '- name: Always',
    '  ansible.builtin.command: printf always',
    '  register: always_v',
    '- name: The one that ran',
    '  ansible.builtin.set_fact:',
    '    installed: "{{ item }}"',
    '  when: item is not skipped',
    '  with_items:',
    '    - "{{ deb_v }}"',
    '    - "{{ rpm_v }}"',
    '- name: The last that ran',
    '  ansible.builtin.set_fact:',
    '    last: "{{ item.stdout }}"',
    '  when: item.skipped is not defined',
    '  loop: "{{ [always_v, deb_v, rpm_v] }}"',
    '- name: Write',
    `  ansible.builtin.template: { src: out.j2, dest: ${dest} }`,
    '',
  ].join('\n'),
  'roles/demo/templates/out.j2': 'installed={{ installed.stdout }}\nlast={{ last }}\n',
  'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
});

describe('set_fact in a loop over registered results', () => {
  it('converts to a ruby_block running the loop at converge time', async () => {
    const r = await convertProject(project('/etc/out', 'deb'));
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => [t.span.line, t.reason])).toEqual([]);
    expect(recipeBody(r, 'demo')).toContain(
      // Results of known shape (translate/task/register-types.ts): a list of dicts, as it is.
      "A2C::Tasks.set_fact_each(node.run_state, 'installed', [A2C::Tasks.registered(node.run_state, 'deb_v'), A2C::Tasks.registered(node.run_state, 'rpm_v')], ->(item) { !A2C::Tasks.result?(item, 'skipped') }) { |item|",
    );
  });

  it('a fact another task also sets stays a TODO that says why', async () => {
    const files = project('/etc/out', 'deb');
    files['roles/demo/defaults/main.yml'] += 'installed: none\n';
    const r = await convertProject(files);
    const todo = r.tasks.filter((t) => t.outcome === 'todo');
    expect(todo.map((t) => [t.span.line, t.code])).toEqual([[12, 'A2C-TODO-REGISTER']]);
    expect(todo[0]!.reason).toMatch(/'installed' is also set elsewhere/);
  });

  for (const flavour of ['deb', 'rpm']) {
    it.skipIf(!haveBoth)(`renders what ansible-playbook renders (${flavour})`, async () => {
      let dest = '';
      const want = withLocalPlay(
        (dir) => {
          dest = join(dir, 'out');
          return project(dest, flavour);
        },
        (run) => {
          expect(run.status, run.log).toBe(0);
          return readFileSync(dest, 'utf8');
        },
      );
      expect(want).toBe(`installed=${flavour}\nlast=${flavour}\n`);
      const r = await convertProject(project(dest, flavour));
      const out = mkdtempSync(join(tmpdir(), 'a2c-sfl-'));
      try {
        for (const [p, content] of r.files) {
          mkdirSync(dirname(join(out, p)), { recursive: true });
          writeFileSync(join(out, p), content);
        }
        const chef = spawnSync('ruby', [join(ROOT, 'test/tools/template-vars-chef.rb'), out, 'demo'], { encoding: 'utf8' });
        expect(chef.stderr).toBe('');
        expect(JSON.parse(chef.stdout)).toEqual({ [dest]: want });
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }
});
