// `{% set _ = l.append(x) %}` (and `{% if l.append(x) %}{% endif %}`) of a list the template set to
// a list literal is `l.push(x)` in the ERB (template.ts listPush): Python's list.append mutates the list and gives None, which `_`
// holds where something reads it. A list so grown holds items of any type wherever it is read
// (an append in a loop or a branch), so `| join` and printing keep the helpers that print Python's
// True and None. Compared with real Ansible on values of every kind; a list from a variable (a frozen
// node attribute in Chef) keeps the helper.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';

const T_J2 = [
  '{% set l = [] %}',
  '{% for x in r_xs %}{% set _ = l.append(x) %}{% endfor %}',
  "{{ l | join(',') }} {{ l | length }} {{ l }}",
  "{% set m = ['a'] %}{% set _ = m.append(r_flag) %}",
  "{% if r_c %}{% set _ = m.append('c') %}{% else %}{% set _ = m.append(r_xs | length) %}{% endif %}",
  "m {{ m | join(' ') }} {{ 'a' in m }} {{ m | length }}",
  // The `{% if l.append(x) %}{% endif %}` idiom: append gives None, the body never renders.
  '{% set n = [] %}{% for x in r_xs %}{% if n.append(x) %}never{% set n = 0 %}{% endif %}{% endfor %}n {{ n | length }}',
  '',
].join('\n');
// `_` read after the appends: it holds None.
const READ_J2 = "{% set l = ['x'] %}{% set _ = l.append(1) %}[{{ _ }}] {{ _ is none }} {{ l | join('-') }}\n";
// A list from a variable, or one a branch may have set to it: the helper stays.
const VAR_J2 =
  '{% set v = r_xs %}{% set _ = v.append(1) %}{{ v | length }}\n{% set w = [] %}{% if r_c %}{% set w = r_xs %}{% else %}{% set w = [] %}{% endif %}{% set _ = w.append(2) %}\n';

const FILES = {
  'site.yml': '- hosts: all\n  roles: [r]\n',
  'roles/r/defaults/main.yml': 'r_xs: []\nr_flag: false\nr_c: false\n',
  'roles/r/tasks/main.yml': ['t', 'read', 'var'].map((t) => `- template:\n    src: ${t}.j2\n    dest: /etc/${t}\n`).join(''),
  'roles/r/templates/t.j2': T_J2,
  'roles/r/templates/read.j2': READ_J2,
  'roles/r/templates/var.j2': VAR_J2,
};

describe('append to a list the template built', () => {
  it('is a push on the Ruby list; its items are of any type where read; `_` is set only where read', async () => {
    const r = await convertProject(FILES);
    const t = outputText(r, 'r/templates/t.erb');
    expect(t).toContain('<% l.push(x) %>');
    expect(t).toContain("<% m.push(node['r']['flag']) %>");
    expect(t).toContain("<% m.push('c') %>");
    expect(t).toContain('<% n.push(x_2) %>');
    expect(t).not.toContain('never');
    expect(t).not.toContain('call_method');
    expect(t).not.toMatch(/<% _ =/);
    // Grown by appends: joined and printed through the helpers (True, None), as before any append.
    expect(t).toContain("A2C::Jinja.join(m, ' ')");
    const read = outputText(r, 'r/templates/read.erb');
    expect(read).toContain('<% l.push(1) %>\n<% _ = nil %>');
    const v = outputText(r, 'r/templates/var.erb');
    expect(v).toContain("A2C::Jinja.call_method(v, 'append', 1)");
    expect(v).toContain("A2C::Jinja.call_method(w, 'append', 2)");
  });
});

const haveTools = haveAnsibleAndErubis();

describe.skipIf(!haveTools)('append to a list the template built vs real Ansible', () => {
  it('renders byte-identical for items of every kind', async () => {
    const r = await convertProject(FILES);
    const cases = [
      { r_xs: [], r_flag: false, r_c: false },
      { r_xs: [1, 'b'], r_flag: true, r_c: true },
      { r_xs: [true, null, 'z', 0], r_flag: false, r_c: false },
      { r_xs: ['a,b', ''], r_flag: true, r_c: false },
    ].flatMap((vars) =>
      [
        ['t', T_J2],
        ['read', READ_J2],
      ].map(([name, template]) => ({
        template: template!,
        vars,
        erb: outputText(r, `r/templates/${name}.erb`),
        node: { r: { xs: vars.r_xs, flag: vars.r_flag, c: vars.r_c } },
        assigns: {},
      })),
    );
    const { want, diffs } = renderBoth(cases);
    expect(diffs).toEqual([]);
    // The cases say what they are meant to: Python's printing of what was appended.
    expect(want[2]!.out).toBe("1,b 2 [1, 'b']\nm a True c True 3\nn 2\n");
    expect(want[4]!.out).toContain("True,None,z,0 4 [True, None, 'z', 0]");
    expect(want[4]!.out).toContain('m a False 4 True 3');
    expect(want[1]!.out).toBe('[] True x-1\n');
  });
});
