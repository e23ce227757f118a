// Truth tests as neutral uses (issue 14): `{% if x %}`, `x and ...`, `not x` of a variable no source
// sets, or of a field of a dict the input sets only to {}, read a str or an int as Python does where
// the translator prints the test with Python's truth (A2C::Jinja.truthy: '' and 0 false, '0' true).
// So a name whose other uses are prints gets the text-or-integer contract and prints plain (`fetch`,
// `node.read!`), checked at run time; a field only truth-tested gets none (it relies on nothing) and
// keeps the helpers. For values inside the contract real Ansible and Erubis render the converted
// template byte-identical; a list, a boolean or None fails the converted run's check.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { checkOf, itemCheckOf } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';

const WEB_J2 = [
  '{% if web_tls.dest and web_tls.content %}',
  'cert={{ web_tls.dest }}',
  '{% endif %}',
  '{% if web_user is defined and web_user %}',
  'User={{ web_user }}',
  '{% endif %}',
  '{% if not web_group %}no group{% else %}group={{ web_group }}{% endif %}',
  "flag {{ 'on' if web_tls.dest else 'off' }}",
  // Only truth-tested: no contract, whatever its value.
  '{% if web_probe %}probe{% endif %}',
  '',
].join('\n');

const FILES = {
  'site.yml': '- hosts: all\n  roles: [web]\n',
  'roles/web/defaults/main.yml': 'web_tls: {}\n',
  'roles/web/tasks/main.yml': '- name: conf\n  template:\n    src: web.j2\n    dest: /etc/web.conf\n',
  'roles/web/templates/web.j2': WEB_J2,
};

describe('truth tests beside prints', () => {
  it('give text-or-integer contracts, and print the tested names plain', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'web/templates/web.erb');
    expect(erb).toContain("cert=<%= node['web']['tls'].fetch('dest') %>");
    expect(erb).toContain("User=<%= node.read!('ansible', 'web_user') %>");
    expect(erb).toContain("group=<%= node.read!('ansible', 'web_group') %>");
    // The tests keep Python's truth ('' and 0 false): the shim inside `<% if %>`.
    expect(erb).toContain("<% if !A2C::Jinja.truthy(node.read!('ansible', 'web_group')) %>");
    expect(erb).toContain("A2C::Jinja.truthy(node['web']['tls'].fetch('dest')) ? 'on' : 'off'");
    // Only truth-tested: no contract, read through the helpers.
    expect(erb).toContain("A2C::Jinja.attr(node['web']['tls'], 'content')");
    expect(erb).toContain("A2C::Jinja.input(node, 'ansible', 'web_probe')");
    const lib = outputText(r, 'web/libraries/input_contracts.rb');
    expect(lib).toMatch(/'web_group' => \{\s+type: :str_or_int,\s+from: 'inferred from its use at roles\/web\/templates\/web.j2:7',/);
    // Inferred from the print, not the test on the line before.
    expect(lib).toMatch(/'web_user' => \{\s+type: :str_or_int,\s+from: 'inferred from its use at roles\/web\/templates\/web.j2:5',/);
    expect(lib).toMatch(/'dest' => \{\s+type: :str_or_int,\s+from: 'inferred from its use at roles\/web\/templates\/web.j2:2',/);
    expect(lib).not.toMatch(/'(content|web_probe)' =>/);
    const md = outputText(r, 'CONVERSION.md');
    expect(md).toContain(
      "| `web_tls` | `content` | only tested (`is defined`, a truth test): any value, inferred from use: truth-tested at roles/web/templates/web.j2:1 | `node['web']['tls']` |",
    );
    expect(md).toMatch(/^\| `web_probe` \| not declared: unknown \|/m);
  });
});

// Inside the contract, at its edges: Python's false values '' and 0, '0' (true in Python, as any
// non-empty text), text ending in a newline. content and web_probe have no contract: any value.
const INSIDE: unknown[] = ['', 0, '0', 'x', 7, 'ends\n'];
const OUTSIDE: unknown[] = [['a'], [], true, false, null];

const haveTools = haveAnsibleAndErubis();

describe.skipIf(!haveTools)('truth-tested names vs real Ansible', () => {
  it('render values inside the contract byte-identical', async () => {
    const erb = outputText(await convertProject(FILES), 'web/templates/web.erb');
    const cases = INSIDE.flatMap((v) =>
      [
        { tls: { dest: v, content: 'c' }, user: v, group: v, probe: v },
        { tls: { dest: v, content: '' }, group: v, probe: [] },
        { tls: { dest: v, content: [1] }, user: v, group: v, probe: { a: 1 } },
      ].map((c) => ({
        vars: { web_tls: c.tls, web_group: c.group, web_probe: c.probe, ...('user' in c ? { web_user: c.user } : {}) },
        node: { web: { tls: c.tls }, ansible: { web_group: c.group, web_probe: c.probe, ...('user' in c ? { web_user: c.user } : {}) } },
      })),
    );
    const { want, diffs } = renderBoth(cases.map((c) => ({ template: WEB_J2, vars: c.vars, erb, node: c.node, assigns: {} })));
    expect(diffs).toEqual([]);
    // The cases say what they are meant to: every one renders, '' and 0 are false, '0' true.
    expect(want.every((w) => w.out !== undefined)).toBe(true);
    // '' (case 0) and 0 (case 3) false; '0' (case 6) true, as any non-empty text; a trailing newline kept.
    expect(want[0]!.out).toBe('no groupflag off\n');
    expect(want[3]!.out).toBe('no groupflag off\n');
    expect(want[6]!.out).toBe('cert=0\nUser=0\ngroup=0flag on\nprobe\n');
    expect(want[15]!.out).toBe('cert=ends\n\nUser=ends\n\ngroup=ends\nflag on\nprobe\n');
  });
});

describe.skipIf(!hasTool('ruby'))('the truth-tested names check', () => {
  it('fails the converted run on a list, a boolean or None', async () => {
    const r = await convertProject(FILES);
    const [check, items] = [checkOf(r, 'web'), itemCheckOf(r, 'web')];
    const vars = (values: Record<string, unknown>) => check({ ansible: values });
    const dest = (v: unknown) => items({ web: { tls: { dest: v, content: 'c' } } });
    for (const v of INSIDE) {
      expect(vars({ web_user: v, web_group: v, web_probe: [] }), JSON.stringify(v)).toBe('ok');
      expect(dest(v), JSON.stringify(v)).toBe('ok');
    }
    for (const v of OUTSIDE) {
      expect(vars({ web_user: v }), JSON.stringify(v)).toMatch(/^'web_user' \(node\['ansible'\]\['web_user'\]\) is .*, not str\|int/);
      expect(vars({ web_group: v }), JSON.stringify(v)).toMatch(/^'web_group' .* not str\|int/);
      expect(dest(v), JSON.stringify(v)).toMatch(/^web_tls\['dest'\] \(node\['web'\]\['tls'\]\) is .*, not str\|int/);
    }
  });
});
