// An include_tasks inlined in place (vars, or a file included from several places) whose file sets
// what the include's own `when` reads: Ansible evaluates that `when` once, at the include, so the
// tasks after the set_fact still run. Copied onto every inlined task, the condition was evaluated
// again after the set_fact and skipped them. Compared with the real ansible-playbook, and converged
// in Ruby (test/tools/converge-linear.rb).
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

const project = (dir: string, include: string): Record<string, string> => ({
  'roles/demo/tasks/main.yml': [
    '- name: Decide the action',
    include,
    '  when: action_type is not defined',
    `- ansible.builtin.shell: echo "main {{ action_type }}" >> ${dir}/log`,
    '',
  ].join('\n'),
  'roles/demo/tasks/decide.yml': [
    `- ansible.builtin.shell: echo decide-a >> ${dir}/log`,
    '- name: Set the action',
    '  ansible.builtin.set_fact:',
    '    action_type: start',
    `- ansible.builtin.shell: echo "decide-b {{ tag }}" >> ${dir}/log`,
    '',
  ].join('\n'),
  'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
});

// With vars (inlined); and without vars, where the non-inlined include_recipe under an `if` was
// already right: both must run decide-b.
const WITH_VARS = '  ansible.builtin.include_tasks: decide.yml\n  vars:\n    tag: t1';
const WITHOUT_VARS = '  ansible.builtin.include_tasks: decide.yml';

async function chefLog(include: string, defaults: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-incwhen-'));
  const out = join(dir, 'out');
  try {
    const files = { ...project(dir, include), 'roles/demo/defaults/main.yml': defaults };
    const r = await convertProject(files);
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => [t.span.file, t.span.line, t.reason])).toEqual([]);
    for (const [p, content] of r.files) {
      mkdirSync(dirname(join(out, p)), { recursive: true });
      writeFileSync(join(out, p), content);
    }
    const chef = spawnSync('ruby', [join(ROOT, 'test/tools/converge-linear.rb'), out, 'demo'], { encoding: 'utf8' });
    expect(chef.stderr).toBe('');
    expect(chef.status).toBe(0);
    return readFileSync(join(dir, 'log'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('an inlined include_tasks whose file sets what its own when reads', () => {
  it('is decided once, in an `if` around its tasks, not guarded again on each', async () => {
    const r = await convertProject({ ...project('/srv', WITH_VARS), 'roles/demo/defaults/main.yml': 'tag: t0\n' });
    const body = recipeBody(r, 'demo');
    expect(body).toMatch(/^unless node\.run_state\.key\?\('action_type'\)/m);
    expect(body).not.toContain('not_if');
  });

  it.skipIf(!haveBoth)('runs the commands ansible-playbook runs, with vars and without', async () => {
    for (const include of [WITH_VARS, WITHOUT_VARS]) {
      const want = withLocalPlay(
        (dir) => ({ ...project(dir, include), 'roles/demo/defaults/main.yml': 'tag: t0\n' }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          return readFileSync(join(run.dir, 'log'), 'utf8');
        },
      );
      expect(want).toBe(`decide-a\ndecide-b ${include === WITH_VARS ? 't1' : 't0'}\nmain start\n`);
      expect(await chefLog(include, 'tag: t0\n'), include).toBe(want);
    }
  });
});
