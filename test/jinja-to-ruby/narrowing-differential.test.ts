// Narrowing by Jinja tests inside an if (src/jinja-to-ruby/narrowing.ts, issue 14): where a branch's
// test proves a local is text (`x is string`, the else of `x is not string`, a true `and`, a false
// `or`, an elif after a failed `is not string`), the local prints and concatenates as plain Ruby
// there, and a local every branch sets to text is text after the if. Nothing is proved where the test
// does not prove it: the else of `b is not string and b is mapping` holds text, lists, ints and None.
// Real Ansible and Erubis render the converted template byte-identical for text, dict, int, None and
// list items.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson } from '../helpers/template-compare.js';
import { renderErb } from '../helpers/erb-render.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const BINDS_J2 = [
  '{% for b in lb_binds %}',
  '{%   if b is not string and b is mapping %}',
  "{%     set addr = b['address'] %}",
  "{%     set itf = b['interface'] | default('') %}",
  '{%   else %}',
  'plain {{ b }}',
  '{%     set addr = b %}',
  "{%     set itf = '' %}",
  '{%   endif %}',
  "bind {{ addr }}{{ (itf is truthy) | ternary(' interface ' ~ itf, '') }}",
  '{%   if b is string %}',
  "text {{ b }} {{ b ~ '-x' }}",
  '{%     set s = b %}',
  '{%   elif b is not mapping %}',
  'other {{ b }}',
  "{%     set s = 'o' %}",
  '{%   else %}',
  "{%     set s = 'd' %}",
  '{%   endif %}',
  's {{ s }}',
  '{%   if not (b is not string) %}neg {{ b }}{% endif %}',
  '{%   if b is not string %}not text{% else %}else {{ b }}{% endif %}',
  "{%   if b is not string or b == 'x' %}{% else %}or {{ b }}{% endif %}",
  '{%   if b is mapping %}{% elif b is string %}elif {{ b }}{% endif %}',
  '',
  '{% endfor %}',
].join('\n');

const FILES = {
  'site.yml': '- hosts: all\n  roles: [lb]\n',
  'roles/lb/defaults/main.yml': 'lb_binds: []\n',
  'roles/lb/tasks/main.yml': '- template:\n    src: binds.j2\n    dest: /etc/lb/binds\n',
  'roles/lb/templates/binds.j2': BINDS_J2,
};

describe('narrowing by a Jinja test', () => {
  it('prints a local the test proves is text as plain Ruby, and only there', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/binds.erb');
    expect(erb).toContain('text <%= b %> <%= "#{b}-x" %>');
    // Each branch sets s to text: s is text after the if.
    expect(erb).toContain('s <%= s %>');
    expect(erb).toContain('neg <%= b %>');
    expect(erb).toContain('else <%= b %>');
    expect(erb).toContain('or <%= b %>');
    expect(erb).toContain('elif <%= b %>');
    // Not proved: the else of a not-string-and-mapping test, nor a not-mapping elif.
    expect(erb).toContain('plain <%= A2C::Jinja.out(b) %>');
    expect(erb).toContain('bind <%= A2C::Jinja.out(addr) %>');
    expect(erb).toContain('other <%= A2C::Jinja.out(b) %>');
  });
});

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

// Text (empty, 'x', 'True', non-ASCII, a trailing newline), dicts (interface absent, None, text), an
// int, None, a list, a boolean.
const BINDS: unknown[][] = [
  [],
  ['10.0.0.1', '', 'x', 'True', 'é\n'],
  [{ address: '10.0.0.2' }, { address: 'h', interface: null }, { address: 7, interface: 'eth0' }],
  [7, null, ['a', 1], true, '::1', { address: '*', interface: '' }],
];

describe.skipIf(!haveTools)('narrowing vs real Ansible', () => {
  it('renders text, dict, int, None and list items byte-identical', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/binds.erb');
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      BINDS.map((lb_binds) => ({ template: BINDS_J2, vars: { lb_binds } })),
    );
    const got = renderErb(BINDS.map((binds) => ({ erb, node: { lb: { binds } }, assigns: {} })));
    expect(got).toEqual(want);
    expect(want.every((w) => w.out !== undefined)).toBe(true);
    expect(want[1]!.out).toContain(
      'bind 10.0.0.1\ntext 10.0.0.1 10.0.0.1-x\ns 10.0.0.1\nneg 10.0.0.1else 10.0.0.1or 10.0.0.1elif 10.0.0.1\n',
    );
    expect(want[3]!.out).toContain("plain ['a', 1]\nbind ['a', 1]\n");
    expect(want[3]!.out).toContain('plain 7\nbind 7\nother 7\ns o\nnot text');
    // None prints as '' (Ansible's finalize).
    expect(want[3]!.out).toContain('plain \nbind \nother \ns o\n');
  });
});
