// include_tasks whose own `when` reads a registered result: decided once, at converge time, where it
// stands (a ruby_block keeps the decision), its file inlined behind it. Compared with the real
// ansible-playbook: the included file re-registers what the condition read, which stops neither its
// own next task (Ansible evaluates an include's when once) nor decides the next include before its
// turn; a block's when around an include is evaluated again for each included task (with the
// include's own when or without one).
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

const project = (dir: string): Record<string, string> => ({
  'roles/demo/tasks/main.yml': [
    '- name: Probe',
    `  ansible.builtin.command: cat ${dir}/present`,
    '  register: st',
    '  failed_when: false',
    '  changed_when: false',
    '- name: First include',
    '  ansible.builtin.include_tasks: first.yml',
    '  when: st.rc == 0',
    '- name: Second include',
    '  ansible.builtin.include_tasks: second.yml',
    '  when: st.rc != 0',
    '- name: Guarded by a block',
    '  when: st.rc != 0',
    '  block:',
    '    - name: Third include',
    '      ansible.builtin.include_tasks: third.yml',
    '      when: "\'x\' not in st.stdout"',
    '- name: Block only',
    '  when: st.rc == 0',
    '  block:',
    '    - name: Fourth include',
    '      ansible.builtin.include_tasks: fourth.yml',
    '',
  ].join('\n'),
  'roles/demo/tasks/first.yml': [
    `- ansible.builtin.shell: echo first-a >> ${dir}/log`,
    '- name: Probe again, failing now',
    `  ansible.builtin.command: cat ${dir}/absent`,
    '  register: st',
    '  failed_when: false',
    '  changed_when: false',
    `- ansible.builtin.shell: echo first-b >> ${dir}/log`,
    '',
  ].join('\n'),
  'roles/demo/tasks/second.yml': `- ansible.builtin.shell: echo second >> ${dir}/log\n`,
  'roles/demo/tasks/third.yml': [
    `- ansible.builtin.shell: echo third-a >> ${dir}/log`,
    '- name: Probe a third time, succeeding',
    `  ansible.builtin.command: cat ${dir}/present`,
    '  register: st',
    '  changed_when: false',
    `- ansible.builtin.shell: echo third-b >> ${dir}/log`,
    '',
  ].join('\n'),
  'roles/demo/tasks/fourth.yml': [
    `- ansible.builtin.shell: echo fourth-a >> ${dir}/log`,
    '- name: Probe a fourth time, failing',
    `  ansible.builtin.command: cat ${dir}/absent`,
    '  register: st',
    '  failed_when: false',
    '  changed_when: false',
    `- ansible.builtin.shell: echo fourth-b >> ${dir}/log`,
    '',
  ].join('\n'),
  'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
});

describe('an include_tasks conditioned on a registered result', () => {
  it('converts: a ruby_block decides it where it stands, its tasks inlined behind the decision', async () => {
    const r = await convertProject(project('/srv'));
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => [t.span.file, t.span.line, t.reason])).toEqual([]);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("ruby_block 'First include (decided here)' do");
    expect(body).toContain(
      "A2C::Tasks.store(node.run_state, '__a2c_include_roles_demo_tasks_main_yml_6', A2C::Jinja.eq(A2C::Jinja.attr(A2C::Tasks.registered(node.run_state, 'st'), 'rc'), 0))",
    );
    expect(body).toContain("only_if { A2C::Tasks.registered(node.run_state, '__a2c_include_roles_demo_tasks_main_yml_6') }");
  });

  it.skipIf(!haveBoth)('runs the commands ansible-playbook runs, in its order', async () => {
    const want = withLocalPlay(
      (dir) => {
        writeFileSync(join(dir, 'present'), 'ok\n');
        return project(dir);
      },
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readFileSync(join(run.dir, 'log'), 'utf8');
      },
    );
    // The first include's second task still runs; the blocks' when stops the third and fourth
    // includes' last tasks.
    expect(want).toBe('first-a\nfirst-b\nsecond\nthird-a\nfourth-a\n');
    const dir = mkdtempSync(join(tmpdir(), 'a2c-incdec-'));
    const out = join(dir, 'out');
    try {
      writeFileSync(join(dir, 'present'), 'ok\n');
      const r = await convertProject(project(dir));
      for (const [p, content] of r.files) {
        mkdirSync(dirname(join(out, p)), { recursive: true });
        writeFileSync(join(out, p), content);
      }
      const chef = spawnSync('ruby', [join(ROOT, 'test/tools/converge-linear.rb'), out, 'demo'], { encoding: 'utf8' });
      expect(chef.stderr).toBe('');
      expect(chef.status).toBe(0);
      expect(readFileSync(join(dir, 'log'), 'utf8')).toBe(want);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
