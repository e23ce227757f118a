// A resource unrolled from a loop over dicts is named by a field that says which item it is for
// (`item['regexp']`), not by the item's Python repr (`A2C::Jinja.out(item)`): only where every item has that
// field as text, and, in a list written in the task, where no two items share it. Names stay unique.
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';
import { convertProject, outputText } from '../../helpers/convert-helpers.js';

const files = (tasks: string[]) => ({
  'site.yml': '- hosts: web\n  roles: [app]\n',
  'inventory.ini': '[web]\nweb1\n',
  'roles/app/defaults/main.yml': [
    'app_lines:',
    '  - { regexp: "^Listen ", line: "Listen 80" }',
    '  - { regexp: "^ServerName ", line: "ServerName web" }',
    'app_sshd:',
    '  - { regexp: "^PermitRootLogin", line: "PermitRootLogin no" }',
    '  - { line: "UseDNS no" }',
    '',
  ].join('\n'),
  'roles/app/tasks/main.yml': `${tasks.join('\n')}\n`,
});

const names = (recipe: string) => [...recipe.matchAll(/^\s*a2c_line (".*") do$/gm)].map((m) => m[1]);

describe('names of resources unrolled from a loop over dicts', () => {
  it("use the item's field every item has, and stay unique in the compile phase", async () => {
    const r = await convertProject(
      files([
        '- name: ports',
        '  lineinfile: { path: /etc/app.conf, regexp: "{{ item.regexp }}", line: "{{ item.line }}" }',
        '  loop: "{{ app_lines }}"',
        '- name: literal',
        '  lineinfile: { path: /etc/app.conf, regexp: "{{ item.regexp }}", line: "{{ item.line }}" }',
        '  loop:',
        '    - { regexp: "^A", line: "A=1" }',
        '    - { regexp: "^B", line: "B=2" }',
      ]),
    );
    const recipe = outputText(r, 'app/recipes/default.rb');
    expect(names(recipe)).toEqual(['"/etc/app.conf #{item[\'regexp\']}"', '"/etc/app.conf #{item[\'regexp\']}"']);
    expect(recipe).not.toContain('A2C::Jinja.out(item)');
    if (!compileReady()) return;
    const runs = compileCheck(r.files, compileInputs());
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
    const ids = runs[0]!.detail!.map((d) => d.id).filter((id) => id.startsWith('a2c_line['));
    expect(ids).toEqual([
      'a2c_line[/etc/app.conf ^Listen ]',
      'a2c_line[/etc/app.conf ^ServerName ]',
      'a2c_line[/etc/app.conf ^A]',
      'a2c_line[/etc/app.conf ^B]',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keep the whole item where a field is missing from an item, or repeats in a written list', async () => {
    const r = await convertProject(
      files([
        '- name: sshd',
        '  lineinfile: { path: /etc/sshd, line: "{{ item.line }}", regexp: "{{ item.regexp | default(omit) }}" }',
        '  loop: "{{ app_sshd }}"',
        '- name: repeated',
        '  lineinfile: { path: /etc/app.conf, regexp: "{{ item.regexp }}", line: "{{ item.line }}" }',
        '  loop:',
        '    - { regexp: "^A", line: "A=1" }',
        '    - { regexp: "^A", line: "A=2" }',
      ]),
    );
    const recipe = outputText(r, 'app/recipes/default.rb');
    const got = names(recipe);
    expect(got).toHaveLength(2);
    // sshd: every item has a line, not every one a regexp.
    expect(got[0]).toBe('"/etc/sshd #{item[\'line\']}"');
    // repeated: the regexps repeat; the lines do not.
    expect(got[1]).toBe('"/etc/app.conf #{item[\'line\']}"');
  });
});
