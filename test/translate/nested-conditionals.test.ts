// Values that nest one conditional in another (Jinja's inline if in a branch or in the test of another,
// Python's and/or, which return an operand), written by the printer as if/elsif/else: the whole value, or a
// local computed first. Compared with real ansible-playbook: the rendered template, byte for byte, for
// inputs that take every branch.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { REPO_ROOT } from '../helpers/shared.js';

const role = (dest: string, size: number, flavour: string): Record<string, string> => ({
  'roles/demo/defaults/main.yml': [
    `size: ${size}`,
    `flavour: ${flavour}`,
    "level_attr: \"{{ 'big' if size > 5 else ('mid' if size > 2 else 'small') }}\"",
    "upper_attr: \"{{ ('x' if flavour == 'a' else ('y' if flavour == 'b' else 'z')) | upper }}\"",
    // Strings holding {% if %} blocks whose output nests an inline if: one branch, several (their tests are
    // computed once, `then`), and one if inside another.
    "one_if: \"{% if size > 2 %}size={{ 'x' if flavour == 'a' else 'y' }}{% endif %}\"",
    "multi_if: \"{% if flavour == 'a' %}A{{ 'big' if size > 5 else 'small' }}{% elif flavour == 'b' %}B{{ 'p' if size > 2 else ('q' if size > 1 else 'r') }}{% else %}C{% endif %}\"",
    "nested_if: \"{% if size > 1 %}{% if flavour == 'b' %}{{ 'bb' if size > 2 else 'b' }}{% else %}o{% endif %}{% endif %}\"",
    '',
  ].join('\n'),
  'roles/demo/tasks/main.yml': [
    '- name: In the false branch',
    '  set_fact:',
    "    level: \"{{ 'big' if size > 5 else ('mid' if size > 2 else 'small') }}\"",
    '- name: In both branches',
    '  set_fact:',
    "    both: \"{{ ('x' if flavour == 'a' else 'y') if size > 2 else ('z' if flavour == 'b' else 'w') }}\"",
    '- name: In the test',
    '  set_fact:',
    "    in_test: \"{{ 'p' if ('q' if flavour == 'b' else '') else 'r' }}\"",
    '- name: In an argument',
    '  set_fact:',
    "    joined: \"{{ 'n=' ~ ('big' if size > 5 else ('mid' if size > 2 else 'small')) }}\"",
    '- name: And and or',
    '  set_fact:',
    "    either: \"{{ (size > 2 and flavour) or (flavour == 'c' and 'cee') or 'none' }}\"",
    '- name: From a statement string',
    '  set_fact:',
    "    fact_if: \"{% if size > 2 %}{{ 'x' if flavour == 'a' else ('y' if flavour == 'b' else 'z') }}{% else %}none{% endif %}\"",
    '- name: Run',
    '  command: printf a',
    '  register: res',
    '- name: Late',
    '  set_fact:',
    "    late: \"{{ (res is defined and res.changed and flavour) or (flavour == 'a' and 'aa') or 'no' }}\"",
    '- name: Write',
    `  template: { src: out.j2, dest: ${dest} }`,
    '',
  ].join('\n'),
  'roles/demo/templates/out.j2':
    '{{ level_attr }} {{ upper_attr }} {{ level }} {{ both }} {{ in_test }} {{ joined }} {{ either }} {{ late }}\n' +
    '{{ one_if }}|{{ multi_if }}|{{ nested_if }}|{{ fact_if }}\n',
  'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
});

const tools = requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'));

describe('nested conditionals', () => {
  it('convert, and no line of the recipe holds a conditional expression inside another', async () => {
    const r = await convertProject(role('/etc/out', 3, 'b'));
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => [t.span.line, t.code, t.reason])).toEqual([]);
    const recipe = `${r.files.get('demo/recipes/default.rb') as string}${r.files.get('demo/attributes/default.rb') as string}`;
    expect(recipe).toContain('elsif ');
    // `?` ... `:` twice on a line would be a ternary in a ternary (no `?` method or `::` in these lines).
    const ternaries = recipe
      .split('\n')
      .filter((l) => !l.startsWith('#') && (l.replace(/::|\w\?|'[^']*'/g, '').match(/ \? /g) ?? []).length > 1);
    expect(ternaries).toEqual([]);
  });

  it.skipIf(!tools).each([
    [3, 'b'],
    [9, 'a'],
    [1, 'c'],
  ])('render the template Ansible renders (size %i, flavour %s)', { timeout: 120_000 }, async (size, flavour) => {
    let dest = '';
    const want = withLocalPlay(
      (dir) => {
        dest = join(dir, 'out');
        return role(dest, size, flavour);
      },
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readFileSync(dest, 'utf8');
      },
    );
    const r = await convertProject(role(dest, size, flavour));
    const out = mkdtempSync(join(tmpdir(), 'a2c-nested-'));
    try {
      for (const [p, content] of r.files) {
        mkdirSync(dirname(join(out, p)), { recursive: true });
        writeFileSync(join(out, p), content);
      }
      const chef = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/template-vars-chef.rb'), out, 'demo'], { encoding: 'utf8' });
      expect(chef.stderr).toBe('');
      expect(JSON.parse(chef.stdout)).toEqual({ [dest]: want });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
