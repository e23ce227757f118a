// The use scan folds the uses of a template's `{% set %}` locals into the names they were set to,
// and drops the locals' own defaults, looking only at the defaults that template's reading made
// (use-scan.ts defaultsFrom). Each role's template here comes after other templates and after
// task defaults: a local read in any of them gives its field a contract, an unread one none.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const role = (name: string, j2: string) => ({
  [`roles/${name}/defaults/main.yml`]: `${name}_users: []\n`,
  [`roles/${name}/tasks/main.yml`]: [
    '- debug:',
    `    msg: "{{ ${name}_note | default('none') }}"`,
    '- template:',
    `    src: user.j2`,
    `    dest: "/etc/${name}/{{ u.name }}"`,
    `  loop: "{{ ${name}_users }}"`,
    '  loop_control:',
    '    loop_var: u',
    '',
  ].join('\n'),
  [`roles/${name}/templates/user.j2`]: j2,
});

const USED = "{% set used = u.m | default('d') %}{{ u.name }} {{ used }}\n";
const UNUSED = "{% set unused = u.k | default('d') %}{{ u.name }}\n";

describe('template locals folded per template', () => {
  it('gives a read local default its field contract and an unread one none, in every role', async () => {
    const r = await convertProject({
      'site.yml': '- hosts: all\n  roles: [a1, a2, a3, a4]\n',
      ...role('a1', USED),
      ...role('a2', UNUSED),
      ...role('a3', USED),
      ...role('a4', UNUSED),
    });
    for (const used of ['a1', 'a3']) {
      const lib = outputText(r, `${used}/libraries/input_contracts.rb`);
      expect(lib).toMatch(/'m' => \{ type: :str_or_int,/);
      expect(lib).toMatch(/'name' => \{ type: :str_or_int,/);
    }
    for (const unused of ['a2', 'a4']) {
      const lib = outputText(r, `${unused}/libraries/input_contracts.rb`);
      expect(lib).toMatch(/'name' => \{ type: :str_or_int,/);
      expect(lib).not.toMatch(/'k' =>/);
    }
  });
});
