// A result registered in a task file included by a static name is known where the includer reads it
// after the include (the included files are translated first), and read at converge time: where
// the include is skipped the name is undefined, as in Ansible. Compared with real ansible-playbook:
// the rendered template, byte for byte.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';

const REPO_ROOT = resolve(new URL('../../..', import.meta.url).pathname);

const role = (dest: string): Record<string, string> => ({
  'roles/demo/defaults/main.yml': 'flavour: a\n',
  'roles/demo/tasks/main.yml': [
    '- name: Before the includes',
    '  set_fact:',
    '    early: "{{ a_res is defined }}/{{ b_res is defined }}"',
    '- include_tasks: setup-a.yml',
    "  when: flavour == 'a'",
    '- include_tasks: setup-b.yml',
    "  when: flavour == 'b'",
    '- name: After the includes',
    '  set_fact:',
    '    late: "{{ a_res is defined }}/{{ b_res is defined }}/{{ a_res.stdout | default(\'none\') }}/{{ b_res is defined and b_res.changed }}/{{ a_res is defined and a_res.changed }}"',
    '- name: Write',
    `  template: { src: out.j2, dest: ${dest} }`,
    '',
  ].join('\n'),
  'roles/demo/tasks/setup-a.yml': '- command: printf a\n  register: a_res\n',
  'roles/demo/tasks/setup-b.yml': '- command: printf b\n  register: b_res\n',
  'roles/demo/templates/out.j2': 'early={{ early }}\nlate={{ late }}\n',
});
/** The same role, the late fact's last two parts joined by `or`: Python's and/or return an operand, so the
 * translation is a conditional whose test and branches are conditionals again. `cmd`, whose type no
 * result type gives (`changed` is a boolean: register-types.ts), keeps the operands of unknown type. */
const nestedRole = (dest: string): Record<string, string> => {
  const nested = role(dest);
  nested['roles/demo/tasks/main.yml'] = nested['roles/demo/tasks/main.yml']!.replace(
    '{{ b_res is defined and b_res.changed }}/{{ a_res is defined and a_res.changed }}',
    '{{ (b_res is defined and b_res.cmd) or (a_res is defined and a_res.cmd) }}',
  );
  return nested;
};
const SITE = '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n';

describe('a result registered in an included task file', () => {
  it('is read after the include, at converge time, by a set_fact of the includer', async () => {
    const r = await convertProject({ ...role('/etc/out'), 'site.yml': SITE });
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => [t.span.line, t.code, t.reason])).toEqual([]);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("A2C::Tasks.set_fact(node.run_state, 'late', ");
    expect(body).toContain("A2C::Tasks.registered(node.run_state, 'b_res')");
    // The recipes are still written in file-name order.
    expect(r.cookbooks.find((c) => c.name === 'demo')!.recipes.map((x) => x.name)).toEqual(['default', 'setup_a', 'setup_b']);
  });

  it('a value whose translation nests one conditional in another converts, the conditional written if/elsif/else', async () => {
    const r = await convertProject({ ...nestedRole('/etc/out'), 'site.yml': SITE });
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => [t.span.line, t.code, t.reason])).toEqual([]);
    const body = recipeBody(r, 'demo');
    expect(body).toMatch(/\n {4}value = if .*\n {14}.*\n {12}elsif .*\n {14}.*\n {12}else\n {14}.*\n {12}end\n/);
    expect(body).toContain("A2C::Tasks.set_fact(node.run_state, 'late', ");
  });

  it.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby')))).each([
    ['', role, 'early=False/False\nlate=True/False/a/False/True\n'],
    [' (nested conditionals)', nestedRole, "early=False/False\nlate=True/False/a/['printf', 'a']\n"],
  ] as const)('renders the template Ansible renders (the skipped include leaves its name undefined)%s', async (_label, role, rendered) => {
    let dest = '';
    const want = withLocalPlay(
      (dir) => {
        dest = join(dir, 'out');
        return { ...role(dest), 'site.yml': SITE };
      },
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readFileSync(dest, 'utf8');
      },
    );
    expect(want).toBe(rendered);
    const r = await convertProject({ ...role(dest), 'site.yml': SITE });
    const out = mkdtempSync(join(tmpdir(), 'a2c-rio-'));
    try {
      for (const [p, content] of r.files) {
        mkdirSync(dirname(join(out, p)), { recursive: true });
        writeFileSync(join(out, p), content);
      }
      const chef = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/template-vars-chef.rb'), out, 'demo', 'follow-includes'], {
        encoding: 'utf8',
      });
      expect(chef.stderr).toBe('');
      expect(JSON.parse(chef.stdout)).toEqual({ [dest]: want });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
