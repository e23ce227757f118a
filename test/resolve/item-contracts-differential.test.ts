// Item-field contracts (resolve/item-contracts.ts): a list no input source fills (a role default `[]`)
// whose items' fields are only printed, interpolated, defaulted to text or an int, tested with `is
// defined` or compared with a literal gets "field f, when present, is text or an integer", read as
// plain Ruby (`site.fetch('f')`, `site.fetch('f', d)`, `site.key?('f')`). For items inside the
// contract, the converted templates render byte-identical with real Ansible and with Erubis (a task
// loop's template with its loop variable, and nested `for` loops of a template); a missing printed
// field fails in both. An item outside it (a field holding a list or a boolean, an item that is not a
// dict) fails the converted run at the default recipe's check_items!, naming the list, the item, the
// field and the use. A list read whole, and a field used otherwise, get no contract.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { ITEM_CHECK_TAIL, itemCheckOf } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';

const SITE_J2 = [
  'server {{ site.name }}',
  'listen {{ site.port | default(web_default_port) }}',
  '{% if site.alias is defined %}',
  'alias {{ site.alias }}',
  '{% endif %}',
  "{% if site.mode is defined and site.mode == 'fast' %}",
  'fast',
  '{% elif site.mode is defined %}',
  'mode {{ site.mode }}',
  '{% endif %}',
  "label {{ 'site-' ~ site.name }} {{ site.owner | default('www') }}",
  "tags {{ site.tags | default([]) | join(',') }}",
  // A contracted field as a default()'s fallback is read only where it is used (Jinja passes it on undefined).
  '{% if site.backup is defined %}',
  'backup {{ site.backup }}',
  '{% endif %}',
  'via {{ site.primary | default(site.backup) }}',
  '',
].join('\n');
const ALL_J2 = [
  '{% for group in web_groups %}',
  '{% for s in web_sites %}',
  "{{ group }}/{{ s.name }}:{{ s.port | default('80') }}{% if s.alias is defined %} {{ s.alias }}{% endif %}",
  '',
  '{% endfor %}',
  '{% endfor %}',
  '{% for r in web_raw %}{{ r.name }}{% endfor %}',
  'raw={{ web_raw }}',
  '{% for o in web_other %}{{ o.name }}{{ o.flag | bool }}{% endfor %}',
  '{% for u in upstreams %}',
  'up {{ u.host }} {{ u.port | default(80) }}',
  '{% endfor %}',
].join('\n');
const DEFAULTS = {
  web_groups: ['front', 'back'],
  web_default_port: 80,
  web_raw: [],
  web_other: [],
  upstreams: [{ host: 'h1' }, { host: 'h2', port: '81' }],
};
const FILES = {
  'site.yml': '- hosts: all\n  roles: [web]\n',
  'roles/web/defaults/main.yml': [
    'web_sites: []',
    'web_groups: [front, back]',
    'web_raw: []',
    'web_other: []',
    'web_default_port: 80',
    'web_shaped: [{name: a}]',
  ].join('\n'),
  'roles/web/tasks/main.yml': [
    '- name: sites',
    '  template:',
    '    src: site.conf.j2',
    '    dest: "/etc/web/{{ site.name }}.conf"',
    '  loop: "{{ web_sites }}"',
    '  loop_control:',
    '    loop_var: site',
    "  when: site.state is not defined or site.state != 'absent'",
    '- name: all',
    '  template:',
    '    src: all.conf.j2',
    '    dest: /etc/web/all.conf',
    '- name: shaped',
    '  debug:',
    '    msg: "{{ item.name }} {{ item.extra }}"',
    '  loop: "{{ web_shaped }}"',
  ].join('\n'),
  'roles/web/templates/site.conf.j2': SITE_J2,
  'roles/web/templates/all.conf.j2': ALL_J2,
};

describe('item-field contracts', () => {
  it('read the fields of a list only the outside fills as plain Ruby, where every use allows it', async () => {
    const r = await convertProject(FILES);
    const site = outputText(r, 'web/templates/site.conf.erb');
    expect(site).toContain("server <%= site.fetch('name') %>");
    expect(site).toContain("listen <%= site.fetch('port', node['web']['default_port']) %>");
    expect(site).toContain("<% if site.key?('alias') %>");
    expect(site).toContain("<% if site.key?('mode') && site.fetch('mode') == 'fast' %>");
    expect(site).toContain("label <%= \"site-#{site.fetch('name')}\" %> <%= site.fetch('owner', 'www') %>");
    // A field only joined, a list default given: a list of text or integers (list-contracts-differential.test.ts).
    expect(site).toContain("tags <%= site.fetch('tags', []).join(',') %>");
    expect(site).toContain("backup <%= site.fetch('backup') %>");
    // Read in fetch's block: only where primary is missing, as Jinja's undefined site.backup fails only where printed.
    expect(site).toContain("site.fetch('primary') { site.fetch('backup') }");
    const all = outputText(r, 'web/templates/all.conf.erb');
    expect(all).toContain(
      "<%= group %>/<%= s.fetch('name') %>:<%= s.fetch('port', '80') %><% if s.key?('alias') %> <%= s.fetch('alias') %>",
    );
    // A list printed whole stays as it was; a field that goes through `| bool` is a boolean, printed as Python prints one.
    expect(all).toContain("A2C::Jinja.attr(r, 'name')");
    expect(all).toContain("<%= o.fetch('name') %><%= o.fetch('flag') ? 'True' : 'False' %>");
    const recipe = outputText(r, 'web/recipes/default.rb');
    expect(recipe).toContain("next unless !site.key?('state') || site.fetch('state') != 'absent'");
    expect(recipe).toContain('template "/etc/web/#{site.fetch(\'name\')}.conf" do');
    expect(recipe.match(/A2C::Inputs\.check_items!/g)).toHaveLength(1);
    expect(recipe).toContain('A2C::Inputs.check_items!(node, WebCookbook::ITEM_CONTRACTS)');
    // The table is a constant of the cookbook's library, beside INPUT_CONTRACTS.
    const lib = outputText(r, 'web/libraries/input_contracts.rb');
    expect(lib).toContain("'name' => { type: :str_or_int, from: 'inferred from its use at roles/web/tasks/main.yml:4' },");
    expect(lib).toContain(
      "'state' => {\n          type: :str_or_int,\n          from: 'inferred from its use at roles/web/tasks/main.yml:8',",
    );
    // A literal list of dicts (web_shaped: [{name: a}]) every item of which is inside the contracts
    // its uses give gets them as well (literal-items-differential.test.ts).
    expect(lib).toMatch(/'web_shaped' => \{\n\s+path: %w\(web shaped\),\n\s+fields: \{\n\s+'extra' => \{\n\s+type: :str_or_int,/);
    expect(lib).toMatch(
      /'web_shaped' => [\s\S]*'name' => \{\n\s+type: :str_or_int,\n\s+from: 'inferred from its use at roles\/web\/tasks\/main.yml:15'/,
    );
    expect(lib).toMatch(/'tags' => \{\n\s+type: \{ list: :str_or_int \},/);
    expect(lib).toMatch(/'flag' => \{\s+type: :bool,/);
    expect(lib).not.toMatch(/'web_raw' =>/);
    expect(lib).toContain("'web_other' => {");
    // A list set nowhere in the input: read strictly, its items' fields the same way.
    expect(all).toContain("<% items1_4 = node.read!('ansible', 'upstreams') %>");
    expect(all).toContain("up <%= u.fetch('host') %> <%= u.fetch('port', 80) %>");
    expect(lib).toContain("'upstreams' => {\n      path: %w(ansible upstreams),");
    const md = outputText(r, 'CONVERSION.md');
    expect(md).toContain(
      "| `upstreams` | a list of dicts, some fields of which are inferred from use (below) | `node['ansible']['upstreams']` |",
    );
    const rows = md.split('\n').filter((l) => l.startsWith('| `web_'));
    const fieldRows = rows
      .filter((l) => /^\| `\w+` \| `\w+` \|/.test(l) && l.includes('inferred from use'))
      .map((l) => l.split(' | ').slice(0, 2).join(' '));
    // A field only joined, its fallback `[]`: a list contract, so no row saying why it keeps the helpers.
    expect(rows.filter((l) => l.startsWith('| `web_sites` | `tags` |') && !l.includes('inferred from use'))).toEqual([]);
    expect(fieldRows).toEqual([
      '| `web_other` `flag`',
      '| `web_other` `name`',
      '| `web_shaped` `extra`',
      '| `web_shaped` `name`',
      '| `web_sites` `alias`',
      '| `web_sites` `backup`',
      '| `web_sites` `mode`',
      '| `web_sites` `name`',
      '| `web_sites` `owner`',
      '| `web_sites` `port`',
      // default(site.backup): text or integer as backup is.
      '| `web_sites` `primary`',
      '| `web_sites` `state`',
      '| `web_sites` `tags`',
    ]);
    expect(md).toContain(
      "| `web_sites` | `name` | text or integer (`str\\|int`) where present, inferred from use: interpolated at roles/web/tasks/main.yml:4, printed at roles/web/templates/all.conf.j2:3, printed at roles/web/templates/site.conf.j2:1, and 1 more | `node['web']['sites']` |",
    );
  });

  it('is turned off by infer-input-types = false', async () => {
    const r = await convertProject(FILES, { inferInputTypes: false });
    expect(outputText(r, 'web/templates/site.conf.erb')).toContain("server <%= A2C::Jinja.out(A2C::Jinja.attr(site, 'name')) %>");
    expect(outputText(r, 'web/recipes/default.rb')).not.toContain('A2C::Inputs');
  });

  it('give a field a boolean contract where a use says it is one, as a variable gets one; a truth test alone gives none', async () => {
    const r = await convertProject({
      ...FILES,
      'roles/web/defaults/main.yml': 'web_sites: []\nweb_flag: "{{ flag | default(False) }}"\n',
      'roles/web/tasks/main.yml': [
        '- template:',
        '    src: site.conf.j2',
        '    dest: /etc/web/site.conf',
        '  loop: "{{ web_sites }}"',
        '  loop_control:',
        '    loop_var: s',
      ].join('\n'),
      'roles/web/templates/site.conf.j2': [
        '{{ s.name }}',
        '{% if s.on %}on{% endif %}',
        '{{ s.quorum | default(True) }}',
        '{{ s.fanout | default(web_flag) }}',
        '{{ s.insecure | bool }}',
        '',
      ].join('\n'),
      'roles/web/templates/all.conf.j2': 'x\n',
    });
    const lib = outputText(r, 'web/libraries/input_contracts.rb');
    // flag is a boolean (default(False)); web_sites' fields: name text or integer; quorum, fanout
    // (default(web_flag), a boolean) and insecure (| bool) booleans; on, only truth-tested, none.
    expect(lib).toContain("'flag' => { type: :bool, from: 'inferred from its use at roles/web/defaults/main.yml:2' },");
    const items = lib.slice(lib.indexOf('ITEM_CONTRACTS = {'));
    expect(items).toMatch(/'name' => \{\s+type: :str_or_int,/);
    for (const f of ['quorum', 'fanout', 'insecure']) expect(items).toMatch(new RegExp(`'${f}' => \\{\\s+type: :bool,`));
    expect(items).not.toMatch(/'on' =>/);
    expect(outputText(r, 'web/templates/site.conf.erb')).toContain("<%= s.fetch('name') %>");
  });

  it('give no contract where a loop variable is read whole, handed to an include, or names a dict method', async () => {
    const tasks = (body: string) => ({
      ...FILES,
      'roles/web/tasks/main.yml': body,
      'roles/web/tasks/inner.yml': '- debug: msg="{{ s.name }}"\n',
    });
    const loop = '  loop: "{{ web_sites }}"\n  loop_control:\n    loop_var: s\n';
    for (const body of [
      `- debug:\n    msg: "{{ s.name }} {{ s }}"\n${loop}`,
      `- include_tasks: inner.yml\n${loop}- debug:\n    msg: "{{ s.name }}"\n${loop}`,
      `- debug:\n    msg: "{{ s.name }} {{ s.items() | list }}"\n${loop}`,
      `- debug:\n    msg: "{{ s.name }} {{ web_sites[0].name }}"\n${loop}`,
      `- debug:\n    msg: "{{ s.name }} {{ lookup('template', 'site.conf.j2') }}"\n${loop}`,
    ]) {
      const r = await convertProject({ ...tasks(body), 'roles/web/templates/all.conf.j2': 'x\n' });
      expect(outputText(r, 'web/recipes/default.rb'), body).not.toContain('check_items!');
    }
  });
});

const haveTools = haveAnsibleAndErubis();

// Items inside the contract, at its edges: text, integers, text ending in a newline, 'yes', '', fields absent.
const INSIDE: Array<Record<string, unknown>> = [
  { name: 'a', port: 8080, alias: 'www.a', mode: 'fast', owner: 'root', tags: ['x', 'y'], state: 'present' },
  { name: 7, port: '8080', mode: 'slow' },
  { name: 'ends\n', mode: 0, owner: 3 },
  { name: 'yes', alias: '', port: 0 },
  { name: '' },
  { name: 'p', primary: 'x' },
  { name: 'b', backup: 'y', primary: 3 },
];

describe.skipIf(!haveTools)('item-field contracts vs real Ansible', () => {
  it('render items inside the contract byte-identical, and fail on a missing printed field in both', async () => {
    const r = await convertProject(FILES);
    const siteErb = outputText(r, 'web/templates/site.conf.erb');
    const allErb = outputText(r, 'web/templates/all.conf.erb');
    const sets = [...INSIDE.map((i) => [i]), INSIDE, [{ port: 1 }]];
    const cases = sets.flatMap((sites) => [
      ...sites.map((site) => ({ template: SITE_J2, erb: siteErb, vars: { ...DEFAULTS, web_sites: sites, site }, assigns: { site } })),
      { template: ALL_J2, erb: allErb, vars: { ...DEFAULTS, web_sites: sites }, assigns: {} },
    ]);
    const node = (sites: unknown) => ({
      web: { sites, groups: DEFAULTS.web_groups, default_port: 80, raw: [], other: [] },
      ansible: { upstreams: DEFAULTS.upstreams },
    });
    const { want, got, diffs } = renderBoth(cases.map((c) => ({ ...c, node: node(c.vars.web_sites) })));
    expect(diffs).toEqual([]);
    // The items with a primary render (the unused fallback site.backup missing or not), in both; an
    // item with neither fails in both (Ansible's undefined printed), as the one without a name does.
    const rendered = (site: Record<string, unknown>) => want[cases.findIndex((c) => 'site' in c.assigns && c.assigns.site === site)]!;
    expect(rendered(INSIDE.at(-2)!).out).toContain('via x\n');
    expect(rendered(INSIDE.at(-1)!).out).toContain('backup y\nvia 3\n');
    expect(rendered(INSIDE[0]!).error).toMatch(/has no attribute/);
    expect(got.at(-1)!.error).toMatch(/KeyError.*name/);
  });
});

describe.skipIf(!hasTool('ruby'))('the item-field check', () => {
  it('fails the converted run on an item outside the contract, naming the list, the item, the field and the use', async () => {
    const run = itemCheckOf(await convertProject(FILES), 'web');
    expect(run({})).toBe('ok');
    expect(run({ web: { sites: [] } })).toBe('ok');
    expect(run({ web: { sites: INSIDE } })).toBe('ok');
    expect(run({ web: { sites: [{ name: 'a' }, { name: 'b', port: [80, 443] }] } })).toBe(
      `web_sites[1]['port'] (node['web']['sites']) is a list, not str|int (inferred from its use at roles/web/templates/all.conf.j2:3)${ITEM_CHECK_TAIL}`,
    );
    expect(run({ web: { sites: [{ name: true }] } })).toBe(
      `web_sites[0]['name'] (node['web']['sites']) is a boolean, not str|int (inferred from its use at roles/web/tasks/main.yml:4)${ITEM_CHECK_TAIL}`,
    );
    expect(run({ web: { sites: ['a.example'] } })).toBe(
      `web_sites[0] (node['web']['sites']) is text, not a dict (its fields are read: inferred from its use at roles/web/templates/all.conf.j2:3)${ITEM_CHECK_TAIL}`,
    );
    expect(run({ web: { sites: { name: 'a' } } })).toMatch(/^'web_sites' \(node\['web'\]\['sites'\]\) is a dict, not a list of dicts/);
    expect(run({ web: { sites: [{ mode: '[x' }] } })).toMatch(
      /^web_sites\[0\]\['mode'\] .* is text Ansible reads back as a list, dict or boolean, not str\|int/,
    );
  });
});
