// A loop over a literal list of dicts (`loop: [{src: a, dest: b}, {src: c, dest: d, mode: '0644'}]`)
// types its variable by the items' keys (jinja-to-ruby/literal-type.ts): a key every item has is read
// as it is, one only some have is Hash#fetch with default()'s fallback (`item.fetch('mode', '0640')`),
// and one no item has is undefined in each, so `item.owner | default(x)` is x. Each translation is
// evaluated in Ruby with the loop variable bound to every item, against Ansible's Templar with the
// same `item`: same value, or a failure where Ansible fails.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { literalType } from '../../src/jinja-to-ruby/literal-type.js';
import { fromData } from '../../src/ir/ruby-ast.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson, typedDefaults } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const ITEMS = [
  { src: 'a.j2', dest: '/etc/a', flag: true },
  { src: 'b.j2', dest: '/etc/b', mode: '0644', flag: false, n: null },
  { src: 'c.j2', dest: '/etc/c', mode: 420, n: 3 },
];
const typed = typedDefaults('owner_name: root\n');
const SCOPE: JinjaScope = {
  ...typed.scope,
  locals: new Map([['item', 'item']]),
  localTypes: new Map([['item', literalType(fromData(ITEMS)).item!]]),
};

/** Each value, and whether its Ruby keeps an A2C::Jinja helper. */
const CASES: Array<[string, boolean]> = [
  ['{{ item.dest }}', false],
  ["{{ item.mode | default('0640') }}", true],
  ["{{ item['mode'] | default('0640') }}", true],
  ['{{ item.owner | default(owner_name) }}', false],
  ["{{ item.owner | default('x') }}", false],
  ["{{ item['owner'] | default('x') }}", false],
  ["{{ item.owner | default('y', true) }}", false],
  ["{{ item.n | default('none') }}", true],
  ["{{ item.flag | default('unset') }}", true],
  ['{{ item.mode is defined }}', false],
];

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, SCOPE);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('the items of a literal list of dicts', () => {
  it('are typed by the keys they hold', () => {
    const t = literalType(fromData(ITEMS)).item!;
    expect(Object.keys(t.fields ?? {}).sort()).toEqual(['dest', 'src']);
    expect(Object.keys(t.optional ?? {}).sort()).toEqual(['flag', 'mode', 'n']);
    expect(t.closed).toBe(true);
    expect(ruby("{{ item.owner | default('x') }}")).toBe("'x'");
    expect(ruby('{{ item.owner | default(owner_name) }}')).toBe("node['owner_name']");
    expect(ruby("{{ item.mode | default('0640') }}")).toContain("item.fetch('mode', '0640')");
    // A dict method's name: Jinja finds the method, not a key (refused, as before).
    expect(translateStringValue("{{ item.items | default('x') }}", SCOPE).ok).toBe(false);
    // A literal item of another kind leaves the items untyped by keys.
    expect(literalType(fromData([{ a: 1 }, 'text'])).item).toBeUndefined();
  });
});

describe.skipIf(!haveTools)('the items of a literal list of dicts vs real Ansible', () => {
  it('give the value Ansible gives for every item', () => {
    const values = CASES.map(([v]) => v);
    const exprs = values.map(ruby);
    for (const [v, helper] of CASES) expect(/A2C::Jinja\.[a-z]/.test(ruby(v)), `${v}: ${ruby(v)}`).toBe(helper);
    for (const item of ITEMS) {
      const want = runJson('/usr/bin/python3', ['test/tools/string-value-ansible.py'], { vars: { ...typed.vars, item }, values });
      const script = [
        "require 'json'",
        ...['a2c_jinja', 'a2c_jinja_filters', 'a2c_jinja_magic'].map((l) => `require_relative 'src/support-cookbook/ruby/libraries/${l}'`),
        `node = JSON.parse(${JSON.stringify(JSON.stringify(typed.vars))})`,
        `item = JSON.parse(${JSON.stringify(JSON.stringify(item))})`,
        'out = []',
        ...exprs.map((e) => `out << (begin; { 'out' => (${e}) }; rescue StandardError => ex; { 'error' => ex.message }; end)`),
        'print JSON.generate(out)',
      ].join('\n');
      const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout) as Array<{ out?: unknown; error?: string }>;
      values.forEach((v, i) => {
        const [a, b] = [want[i]!, got[i]!];
        if (a.error !== undefined) expect(b.error, `${v} ${JSON.stringify(item)}: ${exprs[i]}`).toBeDefined();
        else expect(b.out, `${v} ${JSON.stringify(item)}: ${exprs[i]}`).toEqual(a.out);
      });
    }
  });
});

describe('a task loop over a literal list of dicts', () => {
  it("reads a key no item has as default()'s fallback, and one some have with fetch", async () => {
    const files = {
      'site.yml': '- hosts: all\n  roles: [web]\n',
      'roles/web/defaults/main.yml': 'web_user: www\n',
      'roles/web/tasks/main.yml': [
        '- name: dirs',
        '  file:',
        '    path: "{{ item.path }}"',
        '    state: directory',
        '    owner: "{{ item.owner | default(web_user) }}"',
        '    mode: "{{ item.mode | default(\'0755\') }}"',
        '  loop:',
        '    - { path: /srv/a }',
        "    - { path: /srv/b, mode: '0700' }",
      ].join('\n'),
    };
    const recipe = outputText(await convertProject(files), 'web/recipes/default.rb');
    expect(recipe).toContain("owner node['web']['user']");
    expect(recipe).toContain("mode item.fetch('mode', '0755')");
    expect(recipe).not.toMatch(/A2C::Jinja\./);
  });
});
