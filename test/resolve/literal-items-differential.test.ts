// Item-field contracts for a list the input sets to literal dicts (resolve/literal-items.ts): a role
// default `ap_vhosts: [{servername: local.dev, documentroot: /var/www/html}]` is an example the
// inventory replaces, so the fields its items lack (`serveralias`) get contracts from their uses as a
// `[]` list's do, read as plain Ruby, where every literal item is inside the contracts and each key
// they all hold has one. For items inside, real Ansible and Erubis render the converted template
// byte-identical (the default's own items too); a missing printed field fails in both; an item
// outside fails the converted run at check_items!, the default passing it. A list whose literal
// items are outside (a templated value, text Ansible reads back) or whose shared key has no contract
// keeps the reads its items' own type gives.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { itemCheckOf } from '../helpers/input-check.js';

const VHOSTS_J2 = [
  '{% for vhost in ap_vhosts %}',
  '<VirtualHost *:80>',
  '  ServerName {{ vhost.servername }}',
  '{% if vhost.serveralias is defined %}',
  '  ServerAlias {{ vhost.serveralias }}',
  '{% endif %}',
  '{% if vhost.documentroot is defined %}',
  '  DocumentRoot "{{ vhost.documentroot }}"',
  '  Options {{ vhost.options | default(ap_options) }}',
  '{% endif %}',
  '{% if vhost.extra is defined %}',
  '{{ vhost.extra | indent(width=2, first=True) }}',
  '{% endif %}',
  '</VirtualHost>',
  '{% endfor %}',
  '{% for o in ap_odd %}',
  "odd {{ o.name }} {{ o.port }} {{ o.tags | default([]) | join(',') }}",
  '{% endfor %}',
  '',
].join('\n');
const DEFAULTS_YML = [
  'ap_options: "-Indexes"',
  'ap_port: 8443',
  'ap_vhosts:',
  '  - servername: local.dev',
  '    documentroot: /var/www/html',
  // A templated value and text Ansible reads back ('[b'): outside the contracts, so none for this list.
  'ap_odd:',
  '  - name: a',
  '    port: "{{ ap_port }}"',
  '  - name: "[b"',
  '    port: 1',
  '    tags: [x, 2]',
  '',
].join('\n');
const FILES = {
  'site.yml': '- hosts: all\n  roles: [ap]\n',
  'roles/ap/defaults/main.yml': DEFAULTS_YML,
  'roles/ap/tasks/main.yml': '- name: vhosts\n  template:\n    src: vhosts.conf.j2\n    dest: /etc/ap/vhosts.conf\n',
  'roles/ap/templates/vhosts.conf.j2': VHOSTS_J2,
};

describe('item-field contracts of a list of literal dicts', () => {
  it('read the fields the literal items lack as plain Ruby, where every item is inside the contracts', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'ap/templates/vhosts.conf.erb');
    expect(erb).toContain("  ServerName <%= vhost.fetch('servername') %>\n<% if vhost.key?('serveralias') %>");
    expect(erb).toContain("  ServerAlias <%= vhost.fetch('serveralias') %>");
    expect(erb).toContain("  Options <%= vhost.fetch('options', node['ap']['options']) %>");
    // indent(): no contract, the helpers stay.
    expect(erb).toContain("A2C::Jinja.indent(A2C::Jinja.attr(vhost, 'extra'), 2, true)");
    // ap_odd's items are outside: read as their own type reads them, as before the rule.
    expect(erb).toContain("odd <%= o['name'] %> <%= o['port'] %> <%= A2C::Jinja.join(");
    const recipe = outputText(r, 'ap/recipes/default.rb');
    expect(recipe).toContain('A2C::Inputs.check_items!(node, ApCookbook::ITEM_CONTRACTS)');
    const lib = outputText(r, 'ap/libraries/input_contracts.rb').split('ITEM_CONTRACTS = {')[1]!;
    for (const f of ['documentroot', 'options', 'serveralias', 'servername'])
      expect(lib).toMatch(new RegExp(`'${f}' => \\{\\s+type: :str_or_int,`));
    expect(lib).not.toMatch(/'(extra|ap_odd|tags)' =>/);
    const md = outputText(r, 'CONVERSION.md');
    expect(md).toContain('as has one the\ninput sets only to literal dicts');
    expect(md).toMatch(/\| `ap_vhosts` \| `serveralias` \| text or integer/);
    expect(md).not.toMatch(/\| `ap_odd` \| `\w+` \|/);
  });

  it('leave the list as its items type it where a key they all hold has no contract', async () => {
    const j2 = VHOSTS_J2.replace('ServerName {{ vhost.servername }}', "ServerName {{ vhost.servername.split('.')[0] }}");
    const r = await convertProject({ ...FILES, 'roles/ap/templates/vhosts.conf.j2': j2 });
    const erb = outputText(r, 'ap/templates/vhosts.conf.erb');
    expect(erb).toContain('DocumentRoot "<%= vhost[\'documentroot\'] %>"');
    expect(erb).toContain("A2C::Jinja.out(A2C::Jinja.attr(vhost, 'serveralias'))");
    expect(outputText(r, 'ap/recipes/default.rb')).not.toContain('check_items!');
    // A key Ansible templates (here to serveralias, holding a list): the item's keys are known only once rendered.
    const keyed = DEFAULTS_YML.replace(
      '    documentroot: /var/www/html',
      '    documentroot: /var/www/html\n  - servername: b\n    "{{ ap_key }}": [x]',
    );
    const k = await convertProject({ ...FILES, 'roles/ap/defaults/main.yml': `ap_key: serveralias\n${keyed}` });
    expect(outputText(k, 'ap/recipes/default.rb')).not.toContain('check_items!');
    expect(outputText(k, 'ap/templates/vhosts.conf.erb')).toContain("A2C::Jinja.out(A2C::Jinja.attr(vhost, 'serveralias'))");
  });
});

const haveTools = haveAnsibleAndErubis();

const LITERAL = [{ servername: 'local.dev', documentroot: '/var/www/html' }];
// Lists inside the contracts, at their edges: the default, integers, text ending in a newline, 'yes', '', fields absent.
const INSIDE: Array<Array<Record<string, unknown>>> = [
  LITERAL,
  [
    { servername: 'a', serveralias: 'www.a', documentroot: 8, options: 0, extra: 'x\ny' },
    { servername: 7, documentroot: '', options: 'yes' },
    { servername: 'ends\n', serveralias: '' },
  ],
  [],
  // No servername: printed, so both fail.
  [{ documentroot: '/srv' }],
];

describe.skipIf(!haveTools)('item-field contracts of a list of literal dicts vs real Ansible', () => {
  it('render lists inside the contracts byte-identical, the default among them, and fail on a missing printed field in both', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'ap/templates/vhosts.conf.erb');
    const odd = [
      { name: 'a', port: '{{ ap_port }}' },
      { name: '[b', port: 1, tags: ['x', 2] },
    ];
    // The attribute file's values: ap_odd's templated port computed from ap_port.
    const nodeOdd = [{ name: 'a', port: 8443 }, odd[1]];
    const { want, got, diffs } = renderBoth(
      INSIDE.map((vhosts) => ({
        template: VHOSTS_J2,
        vars: { ap_options: '-Indexes', ap_port: 8443, ap_vhosts: vhosts, ap_odd: odd },
        erb,
        node: { ap: { options: '-Indexes', port: 8443, vhosts, odd: nodeOdd } },
        assigns: {},
      })),
    );
    expect(diffs).toEqual([]);
    expect(want[0]!.out).toContain('  ServerName local.dev\n  DocumentRoot "/var/www/html"\n  Options -Indexes\n');
    expect(want[0]!.out).toContain('odd a 8443 \nodd [b 1 x,2\n');
    expect(want[1]!.out).toContain('  ServerAlias www.a\n');
    expect(want.at(-1)!.error).toMatch(/has no attribute 'servername'/);
    expect(got.at(-1)!.error).toMatch(/KeyError.*servername/);
  });
});

describe.skipIf(!hasTool('ruby'))('the item-field check of a list of literal dicts', () => {
  it("passes the input's own default and fails the run on an item outside the contracts", async () => {
    const check = itemCheckOf(await convertProject(FILES), 'ap');
    const run = (vhosts: unknown) => check({ ap: { vhosts } });
    for (const list of INSIDE) expect(run(list)).toBe('ok');
    expect(run([{ servername: 'a', extra: ['any'] }])).toBe('ok');
    expect(run([{ servername: ['a', 'b'] }])).toMatch(
      /^ap_vhosts\[0\]\['servername'\] \(node\['ap'\]\['vhosts'\]\) is a list, not str\|int \(inferred from its use at roles\/ap\/templates\/vhosts\.conf\.j2:3\)/,
    );
    expect(run([{ servername: 'a', options: true }])).toMatch(/^ap_vhosts\[0\]\['options'\] .* is a boolean, not str\|int/);
    expect(run(['local.dev'])).toMatch(/^ap_vhosts\[0\] \(node\['ap'\]\['vhosts'\]\) is text, not a dict/);
  });
});
