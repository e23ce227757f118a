// A task's loop over a list variable (`with_items: "{{ L }}"`, `loop: "{{ L }}"`) by a task that
// hands its loop variable to nothing else (no template, include or register): each use of the
// variable whole is a use of L's elements (`L[]`), as in a template's `{% for v in L %}`, so a list
// set only outside the input (or only to `[]`) whose elements are only used as text or integers gets
// the contract `list[str|int]`: the loop is L's own `.each` (with_items' flattening changes nothing of
// such a list) and `{{ item }}` prints plain. ansible-playbook and the converted run write the same
// files for lists of text and integers; a nested list, a boolean or a dict fail the converted run
// naming the variable. A task that registers its results, or renders a template, gives no contract.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { requireOrSkip } from '../helpers/real-tools.js';
import { ansibleRun, haveRunTools, withConverted, type OutsideVar } from '../helpers/outside-var-runs.js';

function project(out: string, task = ''): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [svc]\n',
    'inventory.ini': 'localhost\n',
    'roles/svc/tasks/main.yml': [
      '- name: mark',
      '  copy:',
      '    content: "mod {{ item }}\\n"',
      `    dest: "${out}/{{ item }}.txt"`,
      '  with_items: "{{ svc_mods }}"',
      task,
      '',
    ].join('\n'),
  };
}

const MODS: OutsideVar = { project: (out) => project(out), name: 'svc_mods', files: ['a.txt', '7.txt'] };
const row = (md: string, n: string) => md.split('\n').find((l) => l.startsWith(`| \`${n}\` |`)) ?? '';

describe("a task loop's variable used whole", () => {
  it('makes the list a list of text or integers, looped and printed plain', async () => {
    const r = await convertProject(project('/etc/test'));
    expect(row(outputText(r, 'CONVERSION.md'), 'svc_mods')).toMatch(
      /^\| `svc_mods` \| a list of text or integers \(`list\[str\\\|int\]`\), inferred from use: iterated at roles\/svc\/tasks\/main.yml:5/,
    );
    const recipe = outputText(r, 'svc/recipes/default.rb');
    expect(recipe).toContain("node.read!('ansible', 'svc_mods').each do |item|");
    expect(recipe).toContain('"/etc/test/#{item}.txt"');
    expect(recipe).not.toMatch(/A2C::Jinja\./);
  });

  it('gives no contract where the task registers its results or renders a template', async () => {
    for (const extra of ['  register: marks\n- debug: { var: marks }', '']) {
      const files = project('/etc/test');
      const tasks = extra
        ? files['roles/svc/tasks/main.yml']!.replace('  with_items:', `${extra.split('\n')[0]}\n  with_items:`) +
          `${extra.split('\n')[1]}\n`
        : files['roles/svc/tasks/main.yml']!.replace('  copy:\n    content: "mod {{ item }}\\n"', '  template:\n    src: m.j2');
      const md = outputText(
        await convertProject({ ...files, 'roles/svc/tasks/main.yml': tasks, 'roles/svc/templates/m.j2': '{{ item }}\n' }),
        'CONVERSION.md',
      );
      expect(row(md, 'svc_mods'), tasks).not.toContain('list[str');
    }
  });
});

const tools = requireOrSkip('ansible-playbook, ruby and shared/chef', haveRunTools());

describe.skipIf(!tools)("a task loop's variable used whole vs real Ansible", () => {
  it('writes the same files for text and integers, and refuses what would print otherwise', async () => {
    await withConverted(MODS, (chefRun) => {
      for (const v of [
        ['a', 7],
        ['a', '7', 'a'],
      ]) {
        const want = ansibleRun(MODS, v);
        expect(want, JSON.stringify(v)).toHaveProperty('files');
        expect(chefRun(v), JSON.stringify(v)).toEqual(want);
      }
      expect(ansibleRun(MODS, ['a', 7])).toEqual({ files: { 'a.txt': 'mod a\n', '7.txt': 'mod 7\n' } });
      // with_items flattens a nested list; True prints as Python's: the contract refuses both.
      for (const v of [
        [['a'], 7],
        ['a', 7, true],
      ]) {
        expect(ansibleRun(MODS, v), JSON.stringify(v)).toHaveProperty('files');
        expect(chefRun(v), JSON.stringify(v)).toMatchObject({ error: expect.stringContaining('svc_mods') });
      }
    });
  }, 240_000);
});
