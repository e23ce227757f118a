// A template's local that its one `{% set %}` gives a list whole (`{% set opts = svc.options |
// default([]) %}`, resolve/use-scan.ts listLocals): a loop over the local, or its join, is a use of
// the list's elements, so the list (here an item's field, as in the haproxy role's service template)
// gets the contract `list[str|int]` where every such use allows it, and the local is iterated and
// printed as plain Ruby. Inside the contract the converted template renders byte-identical with real
// Ansible; a local set twice, printed whole, or read outside the body that set it gives no contract.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { haveAnsibleAndErubis } from '../helpers/erb-differential.js';
import { runJson } from '../helpers/template-compare.js';
import { renderErb } from '../helpers/erb-render.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { itemCheckOf } from '../helpers/input-check.js';
import { lbRole } from '../helpers/lb-role.js';

const SVC_J2 = [
  '{% set opts = svc.options | default([]) %}',
  'backend {{ svc.name }}',
  '{% for o in opts %}',
  '    option {{ o }}',
  '{% endfor %}',
  '{% if not svc.frontend_only | default(false) %}',
  '{%   set args = svc.arguments|default([]) %}',
  '{%   for a in args %}',
  '    {{ a }}',
  '{%   endfor %}',
  '{% endif %}',
  "all {{ opts | join(',') }}",
  '',
].join('\n');
const FILES = lbRole({
  loopVar: 'svc',
  src: 'svc.j2',
  dest: '/etc/lb/{{ svc.name }}.cfg',
  name: 'services',
  templates: { 'svc.j2': SVC_J2 },
});

describe('a local set to a list', () => {
  it('iterates and prints the list of text or integers as plain Ruby', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/svc.erb');
    expect(erb).toContain("<% opts = svc.fetch('options', []) %>");
    expect(erb).toContain('<% items1 = opts %>\n<% items1.each do |o| %>\n    option <%= o %>');
    expect(erb).toContain("<% args = svc.fetch('arguments', []) %>");
    expect(erb).toContain('<% items1_2 = args %>\n<% items1_2.each do |a| %>\n    <%= a %>');
    // The joined text may end in a newline (an element may): Jinja's trailing-newline rule stays visible.
    expect(erb).toContain("all <%= A2C::Jinja.end_with_newlines(opts.join(','), 1) %>");
    expect(erb).not.toMatch(/A2C::Jinja\.(out|iter|default|attr|join)\b/);
    const lib = outputText(r, 'lb/libraries/input_contracts.rb');
    expect(lib).toMatch(
      /'arguments' => \{\n\s+type: \{ list: :str_or_int \},\n\s+from: 'inferred from its use at roles\/lb\/templates\/svc.j2:8',/,
    );
    expect(lib).toMatch(
      /'options' => \{\n\s+type: \{ list: :str_or_int \},\n\s+from: 'inferred from its use at roles\/lb\/templates\/svc.j2:3',/,
    );
  });

  it('gives no list contract where the local is set twice, printed whole, or read outside the body that set it', async () => {
    for (const body of [
      "{% set opts = svc.options | default([]) %}{% for o in opts %}{{ o }}{% endfor %}{% set opts = 'ab' %}{% for o in opts %}{{ o }}{% endfor %}",
      // Either branch's value may reach the loop.
      '{% if svc.name %}{% set opts = svc.other %}{% else %}{% set opts = svc.options | default([]) %}{% endif %}{% for o in opts %}{{ o }}{% endfor %}',
      // The else branch does not see the then branch's set.
      '{% if svc.name %}{% set opts = svc.options | default([]) %}{% else %}{% for o in opts %}{{ o }}{% endfor %}{% endif %}',
      '{% set opts = svc.options | default([]) %}{% for o in opts %}{{ o }}{% endfor %}{{ opts }}',
      '{% set opts = svc.options | default([]) %}{% for o in opts %}{{ o.x }}{% endfor %}',
      '{% for x in [1] %}{% set opts = svc.options | default([]) %}{% endfor %}{% for o in opts %}{{ o }}{% endfor %}',
      '{% macro m() %}{% set opts = svc.options | default([]) %}{% endmacro %}{% for o in opts %}{{ o }}{% endfor %}',
      '{% set opts = svc.options | default([]) %}{% for opts in [[1]] %}{% for o in opts %}{{ o }}{% endfor %}{% endfor %}{{ opts | first }}',
    ]) {
      const r = await convertProject({ ...FILES, 'roles/lb/templates/svc.j2': body });
      // No contract at all: the library is not written.
      let lib = '';
      try {
        lib = outputText(r, 'lb/libraries/input_contracts.rb');
      } catch {}
      expect(lib, body).not.toMatch(/'options' => \{\n\s+type: \{ list:/);
    }
  });
});

const haveTools = haveAnsibleAndErubis();

// Items inside the contract, at its edges: fields absent, empty lists, text and integers ('', 'yes',
// negative, large, non-ASCII, a trailing newline), frontend_only set either way.
const SERVICES: Array<Record<string, unknown>> = [
  { name: 'a' },
  { name: 'b', options: [], arguments: [] },
  { name: 'c', options: ['httpchk', 7, '', 'yes'], arguments: ['balance source', -3] },
  { name: 7, options: ['é', 12345678901234, 'ends\n'], frontend_only: true, arguments: ['never'] },
  { name: 'd', arguments: [0, 'x y'], frontend_only: false },
];

describe.skipIf(!haveTools)('a local set to a list vs real Ansible', () => {
  it('renders items inside the contract byte-identical', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/svc.erb');
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      SERVICES.map((svc) => ({ template: SVC_J2, vars: { svc } })),
    );
    const got = renderErb(SERVICES.map((svc) => ({ erb, node: {}, assigns: { svc } })));
    expect(got).toEqual(want);
    expect(want[2]!.out).toBe(
      'backend c\n    option httpchk\n    option 7\n    option \n    option yes\n    balance source\n    -3\nall httpchk,7,,yes\n',
    );
  });
});

describe.skipIf(!hasTool('ruby'))('the list check of a local set to a list', () => {
  it('fails the converted run on an item whose field is outside the contract', async () => {
    const check = itemCheckOf(await convertProject(FILES), 'lb');
    expect(check({ lb: { services: SERVICES } })).toBe('ok');
    expect(check({ lb: { services: [{ name: 'a', options: 'httpchk' }] } })).toMatch(
      /^lb_services\[0\]\['options'\] \(node\['lb'\]\['services'\]\) is text, not list\[str\|int\]/,
    );
    expect(check({ lb: { services: [{ name: 'a', arguments: [true] }] } })).toMatch(
      /^lb_services\[0\]\['arguments'\] \(node\['lb'\]\['services'\]\) is a list whose item 0 is a boolean/,
    );
  });
});
