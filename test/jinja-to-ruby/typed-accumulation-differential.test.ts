// A list built by statements in a variable string (string-accumulate.ts) whose type is certain: set
// once to a list of known item type, then only appended or extended with values of known type that
// no loop binds. Ansible renders `{{ packages }}` to the list's repr and reads it back (convert_data),
// which gives the same list where its items are text, ints, booleans or None (re-read.ts): the value
// is the list itself, without A2C::Jinja.out and convert_data (OpenStack-Ansible's package lists).
// A loop's item, an extend by text (its characters), or items of two types keep the re-reading.
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues, stringValueMismatches, typedDefaults } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const { vars: VARS, scope } = typedDefaults(
  ['base: [a, b]', 'more: [c, a]', 'nums: [1, 2]', 'flag: true', 'nope: false', 'word: x', "odd: ['[1]', 'True']"].join('\n') + '\n',
);

/** Each value, and whether its Ruby keeps A2C::Jinja.convert_data. */
const CASES: Array<[string, boolean]> = [
  ['{% set p = base %}{% if flag %}{% set _ = p.extend(more) %}{% endif %}{{ p }}', false],
  ['{% set p = base %}{% if nope %}{% set _ = p.extend(more) %}{% endif %}{{ p }}', false],
  ['{% set p = base %}{% set _ = p.append(word) %}{{ p | unique }}', false],
  ['{% set p = [] %}{% set _ = p.extend(base) %}{% set _ = p.extend(odd) %}{{ p }}', false],
  ['{% set p = nums %}{% set _ = p.append(3) %}{{ p }}', false],
  ['{% set p = base %}{% set _ = p.extend(more) %}\n{{ p }}\n', false],
  // Kept: items of two types, a loop's item, an extend by text, a list of unknown items.
  ['{% set p = base %}{% set _ = p.extend(nums) %}{{ p }}', true],
  ['{% set p = base %}{% for x in more %}{% set _ = p.append(x) %}{% endfor %}{{ p }}', true],
  ['{% set p = base %}{% set _ = p.extend(word) %}{{ p }}', true],
];

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, scope);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('a list of known type built by statements', () => {
  it('is the list itself, not its text read back', () => {
    for (const [v, kept] of CASES) expect(ruby(v).includes('A2C::Jinja.convert_data'), `${v}: ${ruby(v)}`).toBe(kept);
    expect(ruby(CASES[0]![0])).toBe("node['base'].then { |list| node['flag'] ? A2C::Jinja.extended(list, node['more']) : list }");
  });
});

describe.skipIf(!haveTools)('a list of known type built by statements vs real Ansible', () => {
  it('is the list Ansible builds', () => {
    const values = CASES.map(([v]) => v);
    const run = runStringValues(values, VARS, scope);
    expect(stringValueMismatches(values, run)).toEqual([]);
    expect(run.want[3]!.out).toEqual(['a', 'b', '[1]', 'True']);
    expect(run.want[8]!.out).toEqual(['a', 'b', 'x']);
  });
});

// The resolve step types the same strings (resolve/built-list-type.ts) in their narrow form: the
// list set first, then only appended or extended at the top or inside ifs, then printed alone. Its
// readers read it as the list it is, where the items are text (Chef's package takes the list).
describe('a package list built by statements', () => {
  const files = (list: string) => ({
    'site.yml': '- hosts: all\n  roles: [web]\n',
    'roles/web/vars/main.yml': [
      'web_distro_packages: [git, openssh-server]',
      'web_idp_packages: [xmlsec1]',
      'web_idp: {}',
      'web_package_list: |-',
      ...list.split('\n').map((l) => `  ${l}`),
    ].join('\n'),
    'roles/web/tasks/main.yml': '- name: install\n  package:\n    name: "{{ web_package_list }}"\n',
  });
  const BUILT = [
    '{% set packages = web_distro_packages %}',
    '{% if web_idp != {} %}',
    '{%   set _ = packages.extend(web_idp_packages) %}',
    '{% endif %}',
    '{{ packages }}',
  ].join('\n');

  it('is read as the list by its readers', async () => {
    const r = await convertProject(files(BUILT));
    expect(outputText(r, 'web/recipes/default.rb')).toContain("\npackage node['web']['package_list']\n");
    expect(outputText(r, 'web/attributes/default.rb')).toContain(
      "override['web']['package_list'] = node['web']['distro_packages'].then { |list| node['web']['idp'] != {} ? A2C::Jinja.extended(list, node['web']['idp_packages']) : list }",
    );
  });

  it('is read back by convert_data where a loop changes it', async () => {
    const looped = BUILT.replace('{% if web_idp != {} %}', '{% for p in web_idp_packages %}')
      .replace('packages.extend(web_idp_packages)', 'packages.append(p)')
      .replace('{% endif %}', '{% endfor %}');
    const r = await convertProject(files(looped));
    expect(outputText(r, 'web/recipes/default.rb')).toContain("\npackage A2C::Jinja.convert_data(node['web']['package_list'])\n");
  });
});
