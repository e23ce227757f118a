// A lone `{{ c | ternary(a, b) }}` (OpenStack-Ansible's `cache_valid_time: "{{ (ansible_facts['pkg_mgr']
// == 'apt') | ternary(cache_timeout, omit) }}"`) is Ruby's `c ? a' : b'` of the values as `{{ a }}` and
// `{{ b }}` render, where the condition's truth is plain Ruby and each value is a literal, `omit` or a
// variable read: Ansible renders the chosen value and reads the text back. Jinja evaluates both
// values, but an undefined one fails only where it is chosen and printed, as the chosen branch's
// read fails in Ruby. Compared with Ansible's Templar, edge cases included: None, booleans printed
// back, ints as text, undefined values chosen and not chosen, the omit placeholder.
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { OMIT } from '../../src/jinja-to-ruby/magic.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues, stringValueMismatches, typedDefaults } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const typed = typedDefaults(
  ['i: 7', 'zero: 0', 's: apt', 'empty: ""', 'b: true', 'f: false', 'n: null', 'fl: 1.5', 'l: [1, two]', 'd: {k: v}'].join('\n') + '\n',
);
// Ansible's omit placeholder is random per run: the test gives it the support library's.
const PLACEHOLDER = `__omit_place_holder__${'a2c0'.repeat(10)}`;
const VARS = { ...typed.vars, omit: PLACEHOLDER };
// `missing` (A2C::Jinja.var) and `gone` (node.read!) are attributes no source sets.
const SCOPE: JinjaScope = {
  ...typed.scope,
  lookupVar: (n) =>
    typed.scope.lookupVar(n) ??
    (n === 'missing'
      ? { kind: 'attribute', path: [n] }
      : n === 'gone'
        ? { kind: 'attribute', path: [n], read: 'strict', type: { t: 'int' } }
        : undefined),
  lookupMagic: (n) => (n === 'omit' ? OMIT : undefined),
};

/** Each value, and whether its Ruby keeps an A2C::Jinja helper (besides the OMIT constant). */
const CASES: Array<[string, boolean]> = [
  ["{{ (s == 'apt') | ternary(i, omit) }}", false],
  ["{{ (s == 'yum') | ternary(i, omit) }}", false],
  ["{{ (s == 'apt') | ternary(gone, omit) }}", false],
  ["{{ (s == 'yum') | ternary(gone, omit) }}", false],
  ["{{ (s == 'yum') | ternary(missing, 'd') }}", true],
  ["{{ (s == 'apt') | ternary(missing, 'd') }}", true],
  ['{{ b | ternary(s, omit) }}', false],
  ['{{ f | ternary(s, omit) }}', false],
  ['{{ b | ternary(b, omit) }}', false],
  ['{{ b | ternary(f, 1) }}', false],
  ["{{ b | ternary('True', 'x') }}", false],
  ["{{ b | ternary('yes', omit) }}", false],
  ["{{ b | ternary(n, 'x') }}", true],
  ["{{ f | ternary(n, 'x') }}", true],
  ['{{ b | ternary(fl, 2) }}', true],
  ['{{ b | ternary(l, omit) }}', false],
  ['{{ b | ternary(d, omit) }}', false],
  ["{{ i | ternary('a', 'b') }}", false],
  ["{{ zero | ternary('a', 'b') }}", false],
  ["{{ s | ternary('a', 'b') }}", false],
  ["{{ empty | ternary('a', 'b') }}", false],
  ["{{ l | ternary('[1]', '{}') }}", true],
];

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, SCOPE);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('a lone ternary of literals, omit and variable reads', () => {
  it("is Ruby's ?: of the rendered values", () => {
    for (const [v, helper] of CASES) expect(/A2C::Jinja\.[a-z]/.test(ruby(v)), `${v}: ${ruby(v)}`).toBe(helper);
    expect(ruby("{{ (s == 'apt') | ternary(gone, omit) }}")).toBe("node['s'] == 'apt' ? node.read!('gone').to_s : A2C::Jinja::OMIT");
    expect(ruby("{{ s | ternary('a', 'b') }}")).toBe("!node['s'].empty? ? 'a' : 'b'");
  });

  it('keeps the helper where the condition or a value is not plain', () => {
    // An unknown condition (Python truth of None, of an undefined), a value that computes.
    expect(ruby("{{ missing | ternary('a', 'b') }}")).toMatch(/A2C::Jinja\.ternary/);
    expect(ruby('{{ b | ternary(i + 1, omit) }}')).toMatch(/A2C::Jinja\.ternary/);
    expect(ruby("{{ b | ternary('a', 'b', 'c') }}")).toMatch(/A2C::Jinja\.ternary/);
  });
});

describe.skipIf(!haveTools)('a lone ternary vs real Ansible', () => {
  it('gives the value Ansible gives, and fails where it fails', () => {
    const values = CASES.map(([v]) => v);
    const run = runStringValues(values, VARS, SCOPE, ['a2c_jinja_magic', 'a2c_jinja_filters'], typed.vars);
    expect(stringValueMismatches(values, run)).toEqual([]);
    // The chosen undefined values fail (gone, missing); the ones not chosen do not.
    expect(run.want.map((w, i) => (w.error !== undefined ? i : -1)).filter((i) => i >= 0)).toEqual([2, 5]);
    expect(run.want[0]!.out).toBe('7');
    expect(run.want[1]!.out).toBe(PLACEHOLDER);
    expect(run.want[8]!.out).toBe(true);
    expect(run.want[12]!.out).toBe('');
  });
});

describe('an apt cache_valid_time chosen by the package manager', () => {
  it('is the frequency where the condition holds, else nil', async () => {
    const files = {
      'site.yml': '- hosts: all\n  roles: [web]\n',
      'roles/web/defaults/main.yml': 'web_cache_timeout: 600\nweb_mirror: ""\n',
      'roles/web/tasks/main.yml': [
        '- name: pkgs',
        '  apt:',
        '    name: curl',
        '    update_cache: true',
        "    cache_valid_time: \"{{ (ansible_facts['pkg_mgr'] == 'apt') | ternary(web_cache_timeout, omit) }}\"",
        '- name: conf',
        '  file:',
        '    path: /etc/web',
        '    state: directory',
        '    owner: "{{ (web_mirror | length > 0) | ternary(\'root\', omit) }}"',
      ].join('\n'),
    };
    const r = await convertProject(files);
    const recipe = outputText(r, 'web/recipes/default.rb');
    expect(recipe).toContain("frequency A2C::Facts.pkg_mgr(node) == 'apt' ? node['web']['cache_timeout'] : nil");
    expect(recipe).toContain("owner !node['web']['mirror'].empty? ? 'root' : nil");
  });
});
