// Item-field contracts through a template task whose src is templated (`src: "{{ item.template |
// default(vh_template) }}"`, resolve/item-uses.ts anyTemplate): the translator picks among the role's
// own templates at run time, so every one of them is read with the loop variable bound, and the
// fields of a list the input sets only to `[]` get contracts from all their uses (a `{% block %}` at
// a template's top level sees the task's `item` as the template's own variables). with_items over
// items that are dicts by contract is a plain `.each`. For items inside the contract, real Ansible and
// Erubis render the converted templates byte-identical; a missing printed field fails in both; an
// item outside it fails the converted run at check_items!. A field used otherwise (`split`, `indent`)
// keeps the helpers; a role template reading `item` whole leaves the list no contract.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { itemCheckOf } from '../helpers/input-check.js';

const SITE_J2 = [
  '{% block redirect %}',
  '{% if item.redirect is defined %}',
  "server {{ item.redirect }} -> {{ item.name.split(' ')[0] }};",
  '{% endif %}',
  '{% endblock %}',
  'server {',
  '    {% block basic -%}',
  "    listen {{ item.listen | default('80') }};",
  '{% if vh_ipv6 %}',
  "    listen [::]:{{ item.listen | default('80') }};",
  '{% endif %}',
  '{% if item.root is defined %}',
  '    root {{ item.root }};',
  '{% endif %}',
  "    index {{ item.index | default('index.html') }};",
  '    {% endblock %}',
  '{% if item.extra is defined %}',
  '    {{ item.extra | indent(4) }}',
  '{% endif %}',
  '}',
  '',
].join('\n');
// Rendered only where an item names it: its uses are item fields' uses all the same.
const ALT_J2 = "alt {{ item.label }} {{ item.owner | default('www') }}{% if item.root is defined %} {{ item.root }}{% endif %}\n";

const FILES = {
  'site.yml': '- hosts: all\n  roles: [vh]\n',
  'roles/vh/defaults/main.yml': 'vh_sites: []\nvh_template: site.j2\nvh_ipv6: true\n',
  'roles/vh/tasks/main.yml': [
    '- name: sites',
    '  template:',
    '    src: "{{ item.template | default(vh_template) }}"',
    '    dest: "/etc/vh/{{ item.file | default(item.name ~ \'.conf\') }}"',
    "  when: item.state | default('present') != 'absent'",
    '  with_items: "{{ vh_sites }}"',
  ].join('\n'),
  'roles/vh/templates/site.j2': SITE_J2,
  'roles/vh/templates/alt.j2': ALT_J2,
};

describe('item-field contracts through a templated template src', () => {
  it("read the fields every one of the role's templates uses as plain Ruby, the loop a plain .each", async () => {
    const r = await convertProject(FILES);
    const recipe = outputText(r, 'vh/recipes/default.rb');
    expect(recipe).toContain('A2C::Inputs.check_items!(node, VhCookbook::ITEM_CONTRACTS)');
    // with_items' flattening does nothing to items that are dicts by contract.
    expect(recipe).toContain("node['vh']['sites'].each do |item|");
    expect(recipe).toContain("next unless item.fetch('state', 'present') != 'absent'");
    expect(recipe).toContain("source A2C::Tasks.template_source(item.fetch('template', node['vh']['template']).to_s)");
    const site = outputText(r, 'vh/templates/site.erb');
    // Inside the blocks: the task's item is the template's variable there.
    expect(site).toContain("<% if item.key?('redirect') %>\nserver <%= item.fetch('redirect') %> -> ");
    expect(site).toContain("    listen <%= item.fetch('listen', '80') %>;\n");
    expect(site).toContain("<% if item.key?('root') %>\n    root <%= item.fetch('root') %>;");
    expect(site).toContain("index <%= item.fetch('index', 'index.html') %>;");
    // split() and indent(): uses no contract allows; the helpers stay there.
    expect(site).toContain("A2C::Jinja.call_method(A2C::Jinja.attr(item, 'name'), 'split', ' ')");
    expect(site).toContain("A2C::Jinja.indent(A2C::Jinja.attr(item, 'extra'), 4)");
    const alt = outputText(r, 'vh/templates/alt.erb');
    expect(alt).toContain(
      "alt <%= item.fetch('label') %> <%= item.fetch('owner', 'www') %><% if item.key?('root') %> <%= item.fetch('root') %><% end %>",
    );
    const lib = outputText(r, 'vh/libraries/input_contracts.rb').split('ITEM_CONTRACTS = {')[1]!;
    for (const f of ['file', 'index', 'label', 'listen', 'owner', 'redirect', 'root', 'state', 'template'])
      expect(lib).toMatch(new RegExp(`'${f}' => \\{\\s+type: :str_or_int,`));
    expect(lib).not.toMatch(/'(name|extra)' =>/);
  });

  it("give no contract where one of the role's templates reads the item whole", async () => {
    const r = await convertProject({ ...FILES, 'roles/vh/templates/raw.j2': 'raw {{ item }}\n' });
    expect(outputText(r, 'vh/recipes/default.rb')).not.toContain('check_items!');
    expect(outputText(r, 'vh/templates/site.erb')).toContain("A2C::Jinja.attr(item, 'listen')");
  });
});

const haveTools = haveAnsibleAndErubis();

// Items inside the contract, at its edges: text, integers, text ending in a newline, 'yes', '', fields absent.
const INSIDE: Array<Record<string, unknown>> = [
  { name: 'a.example b.example', label: 'a', listen: 8080, root: '/srv/a', index: 'i.html', redirect: 'www.a', extra: 'x;\ny;' },
  { name: 'b', label: 7, listen: '443 ssl', owner: 0 },
  { name: 'c', label: 'ends\n', root: '', index: 3, owner: 'yes' },
  { name: 'd', label: '', redirect: 'yes' },
];

describe.skipIf(!haveTools)('item-field contracts through a templated src vs real Ansible', () => {
  it('render items inside the contract byte-identical, and fail on a missing printed field in both', async () => {
    const r = await convertProject(FILES);
    const erbs = { site: outputText(r, 'vh/templates/site.erb'), alt: outputText(r, 'vh/templates/alt.erb') };
    const cases = [...INSIDE, { name: 'e' }].flatMap((item) =>
      [true, false].flatMap((ipv6) => [
        { template: SITE_J2, erb: erbs.site, item, ipv6 },
        { template: ALT_J2, erb: erbs.alt, item, ipv6 },
      ]),
    );
    const { want, got, diffs } = renderBoth(
      cases.map((c) => ({
        template: c.template,
        vars: { vh_sites: [c.item], vh_template: 'site.j2', vh_ipv6: c.ipv6, item: c.item },
        erb: c.erb,
        node: { vh: { sites: [c.item], template: 'site.j2', ipv6: c.ipv6 } },
        assigns: { item: c.item },
      })),
    );
    expect(diffs).toEqual([]);
    expect(want[0]!.out).toContain('server www.a -> a.example;\n');
    expect(want[0]!.out).toContain('    listen [::]:8080;\n');
    // The item without a label: alt.j2 prints it, and fails in both.
    expect(want.at(-1)!.error).toMatch(/has no attribute 'label'/);
    expect(got.at(-1)!.error).toMatch(/KeyError.*label/);
    expect(want.at(-2)!.out).toContain('listen 80;\n');
  });
});

describe.skipIf(!hasTool('ruby'))('the item-field check through a templated src', () => {
  it('fails the converted run on an item outside the contract, naming the list, the item, the field and the use', async () => {
    const check = itemCheckOf(await convertProject(FILES), 'vh');
    const run = (sites: unknown) => check({ vh: { sites } });
    expect(run([])).toBe('ok');
    expect(run(INSIDE)).toBe('ok');
    // Fields no contract covers hold anything.
    expect(run([{ name: ['x'], extra: { a: 1 } }])).toBe('ok');
    expect(run([{ label: 'a' }, { listen: [80, 443] }])).toMatch(
      /^vh_sites\[1\]\['listen'\] \(node\['vh'\]\['sites'\]\) is a list, not str\|int \(inferred from its use at roles\/vh\/templates\/site\.j2:8\)/,
    );
    expect(run([{ root: true }])).toMatch(
      /^vh_sites\[0\]\['root'\] .* is a boolean, not str\|int \(inferred from its use at roles\/vh\/templates\/alt\.j2:1\)/,
    );
    // with_items would flatten a nested list; the contract says each item is a dict, so the run fails instead.
    expect(run([[{ label: 'a' }]])).toMatch(/^vh_sites\[0\] \(node\['vh'\]\['sites'\]\) is a list, not a dict/);
  });
});
