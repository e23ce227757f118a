// List contracts inferred from use (resolve/use-contracts.ts scalarLists, issue 14): a list set only
// outside the input (a role default `[]`, or set nowhere), or a field of such a list's items, whose
// every use is a loop using each element as text or an integer (printed, interpolated, compared
// with a literal, `~`), a join with a literal separator, `is defined`, `is iterable` or a truth test,
// gets the contract `list[str|int]` and is read as plain Ruby (`.each`, `.join(', ')`). Lists of items
// reached through `a + b`, `| sort`, `| unique` keep their items' field contracts. Inside the
// contracts, the converted templates render byte-identical with real Ansible and with Erubis (sorting
// two dicts fails in both); outside (an element that is a dict, a boolean, None or a float; text where
// a list is contracted), the converted run fails at the default recipe's check, naming the list.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { CHECK_TAIL, ITEM_CHECK_TAIL, runInputCheck } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';

const LISTS_J2 = [
  '{% for s in web_sites + web_extra_sites %}',
  'server {{ s.name }}',
  '{% for o in s.options %}',
  '  option {{ o }}',
  '{% endfor %}',
  "  allow {{ s.allow | join(' ') }}",
  '{% for t in s.tags | default([]) %}[{{ t }}]{% endfor %}',
  '{% endfor %}',
  '{% for s in web_sites | unique %}{{ s.name }};{% endfor %}',
  '',
  "names {{ web_names | join(', ') }}",
  '{% for a in web_aliases %}',
  "alias {{ a }}{% if a == 'www' %} (default){% endif %} {{ 'x' ~ a }}",
  '{% endfor %}',
  "hosts {{ (web_hosts + web_names) | join(',') }}",
  "more {{ web_more | default([]) | join(' ') }}",
  '{% if web_names %}some names{% endif %}',
  '',
].join('\n');
const SORTED_J2 = ['{% for s in (web_sites + web_extra_sites) | sort %}', 'sorted {{ s.name }}', '{% endfor %}', ''].join('\n');
// Uses a list of text or integers does not fit: no contract for these.
const OTHER_J2 = [
  '{% for f in web_flags %}{% if f %}on{% endif %}{% endfor %}',
  '{% for b in web_bools %}{{ b | bool }}{% endfor %}',
  'raw {{ web_raw }}{% for r in web_raw %}{{ r }}{% endfor %}',
  '{% for d in web_dicts %}{{ d.name }}{{ d }}{% endfor %}',
  '{{ web_counted | length }}{% for c in web_counted %}{{ c }}{% endfor %}',
  '{% for n in web_nested %}{% for m in n %}{{ m }}{% endfor %}{% endfor %}',
  '',
].join('\n');
const FILES = {
  'site.yml': '- hosts: all\n  roles: [web]\n',
  'roles/web/defaults/main.yml': [
    'web_sites: []',
    'web_extra_sites: []',
    'web_names: []',
    'web_flags: []',
    'web_bools: []',
    'web_raw: []',
    'web_dicts: []',
    'web_counted: []',
    'web_nested: []',
  ].join('\n'),
  'roles/web/tasks/main.yml': [
    '- name: sites',
    '  debug:',
    '    msg: "site {{ item.name }}"',
    '  loop: "{{ web_sites + web_extra_sites }}"',
    '- template:',
    '    src: lists.conf.j2',
    '    dest: /etc/web/lists.conf',
    '- template:',
    '    src: sorted.conf.j2',
    '    dest: /etc/web/sorted.conf',
    '- template:',
    '    src: other.conf.j2',
    '    dest: /etc/web/other.conf',
  ].join('\n'),
  'roles/web/templates/lists.conf.j2': LISTS_J2,
  'roles/web/templates/sorted.conf.j2': SORTED_J2,
  'roles/web/templates/other.conf.j2': OTHER_J2,
};

describe('list contracts', () => {
  it('read lists of text or integers, and item lists through + / sort / unique, as plain Ruby', async () => {
    const r = await convertProject(FILES);
    const lists = outputText(r, 'web/templates/lists.conf.erb');
    expect(lists).toContain("<% items1 = node['web']['sites'] + node['web']['extra_sites'] %>");
    expect(lists).toContain("server <%= s.fetch('name') %>");
    expect(lists).toContain("<% items2 = s.fetch('options') %>\n<% items2.each do |o| %>\n  option <%= o %>");
    expect(lists).toContain("  allow <%= s.fetch('allow').join(' ') %>");
    expect(lists).toContain("<% items2_2 = s.fetch('tags', []) %>\n<% items2_2.each do |t| %>\n[<%= t %>]<% end %>");
    expect(lists).toContain("more <%= (node.exist?('ansible', 'web_more') ? node['ansible']['web_more'] : []).join(' ') %>");
    expect(lists).toContain("<%= s_2.fetch('name') %>;");
    expect(lists).toContain("names <%= node['web']['names'].join(', ') %>");
    // Set nowhere: read strictly, iterated natively.
    expect(lists).toContain("<% items1_3 = node.read!('ansible', 'web_aliases') %>");
    expect(lists).toContain('alias <%= a %><% if a == \'www\' %> (default)<% end %> <%= "x#{a}" %>');
    expect(lists).toContain("hosts <%= (node.read!('ansible', 'web_hosts') + node['web']['names']).join(',') %>");
    expect(lists).not.toContain('A2C::Jinja.out');
    expect(lists).not.toContain('A2C::Jinja.join');
    expect(outputText(r, 'web/templates/sorted.conf.erb')).toContain("sorted <%= s.fetch('name') %>");
    const recipe = outputText(r, 'web/recipes/default.rb');
    expect(recipe).toContain('message "site #{item.fetch(\'name\')}"');
    const lib = outputText(r, 'web/libraries/input_contracts.rb');
    expect(lib).toContain(
      "'web_aliases' => {\n      type: { list: :str_or_int },\n      from: 'inferred from its use at roles/web/templates/lists.conf.j2:12',",
    );
    expect(lib).toContain("'web_hosts' => {\n      type: { list: :str_or_int },");
    // A role default `[]`: checked at its attribute path, as item lists are.
    expect(lib).toContain(
      "'web_names' => {\n      path: %w(web names),\n      type: { list: :str_or_int },\n      from: 'inferred from its use at roles/web/templates/lists.conf.j2:11',",
    );
    for (const list of ['web_sites', 'web_extra_sites']) {
      const entry = lib.slice(lib.indexOf(`'${list}' => {`));
      expect(entry).toMatch(/^'\w+' => \{\n\s+path: %w\(web \w+\),\n\s+fields: \{\n\s+'allow' => \{\n\s+type: \{ list: :str_or_int \},/);
      expect(entry).toMatch(/'options' => \{\n\s+type: \{ list: :str_or_int \},/);
    }
    // None of the uses of the others fits: no contract, the helpers stay.
    expect(lib).not.toMatch(/'web_(flags|bools|raw|dicts|counted|nested)' =>/);
    const other = outputText(r, 'web/templates/other.conf.erb');
    expect(other).toContain('A2C::Jinja.truthy(f)');
    expect(other).toContain('A2C::Jinja.out(c)');
    expect(other).toContain('A2C::Jinja.out(m)');
    const md = outputText(r, 'CONVERSION.md');
    expect(md).toContain(
      "| `web_aliases` | a list of text or integers (`list[str\\|int]`), inferred from use: iterated at roles/web/templates/lists.conf.j2:12, printed at roles/web/templates/lists.conf.j2:13, compared at roles/web/templates/lists.conf.j2:13, and 1 more | `node['ansible']['web_aliases']` |",
    );
    expect(md).toMatch(
      /\| `web_sites` \| `options` \| a list of text or integers \(`list\[str\\\|int\]`\) where present, inferred from use: iterated at/,
    );
  });

  it('give no list contract where an element is handed to an include or a lookup, or the list is used otherwise', async () => {
    for (const body of [
      '{% for a in web_aliases %}{% include "inner.j2" %}{% endfor %}',
      "{% for a in web_aliases %}{{ a }}{{ lookup('vars', 'x') }}{% endfor %}",
      '{% for a in web_aliases %}{{ a }}{% endfor %}{{ web_aliases }}',
      '{% for a in web_aliases %}{{ a }}{% endfor %}{{ web_aliases | first }}',
      '{% for a in web_aliases %}{{ a | default(1.5) }}{% endfor %}',
      "{{ web_aliases | join(sep) }}{{ web_aliases | join(',') }}",
      '{% for a in web_aliases %}{{ a.x }}{% endfor %}',
    ]) {
      const r = await convertProject({ ...FILES, 'roles/web/templates/other.conf.j2': body, 'roles/web/templates/inner.j2': '{{ a }}' });
      const lib = outputText(r, 'web/libraries/input_contracts.rb');
      expect(lib.slice(lib.indexOf("'web_aliases' =>"), lib.indexOf("'web_hosts' =>")), body).not.toContain('list: :str_or_int');
    }
  });

  it('is turned off by infer-input-types = false', async () => {
    const r = await convertProject(FILES, { inferInputTypes: false });
    expect(outputText(r, 'web/templates/lists.conf.erb')).toContain("A2C::Jinja.join(node['web']['names'], ', ')");
  });
});

const haveTools = haveAnsibleAndErubis();

// Values inside the contracts, at their edges: text, integers (negative, large), '', 'yes', text
// ending in a newline, non-ASCII text, empty lists.
const TEXTS: unknown[][] = [[], ['a'], ['a', 7, '', 'yes', 'ends\n', 'é', -3, 12345678901234], [0, 'www']];
const SITES: Array<Array<Record<string, unknown>>> = [
  [],
  [{ name: 'a', options: ['o1', 2], allow: ['10.0.0.0/8', 22], tags: ['t', 1] }],
  [{ name: 7, options: [], allow: [] }],
  [
    { name: 'b', options: ['x y', ''], allow: ['::1'] },
    { name: 'c', options: [0], allow: ['h', 'i'] },
  ],
  // Two equal items: unique keeps one, sort keeps both (equal dicts compare without '<').
  [
    { name: 'd', options: ['x'], allow: [] },
    { name: 'd', options: ['x'], allow: [] },
  ],
];

describe.skipIf(!haveTools)('list contracts vs real Ansible', () => {
  it('render values inside the contracts byte-identical, and fail where Python sorts two dicts', async () => {
    const r = await convertProject(FILES);
    const erb = { lists: outputText(r, 'web/templates/lists.conf.erb'), sorted: outputText(r, 'web/templates/sorted.conf.erb') };
    const cases = SITES.flatMap((sites, i) =>
      SITES.flatMap((extra, j) =>
        (['lists', 'sorted'] as const).map((t) => {
          const texts = TEXTS[(i + j) % TEXTS.length]!;
          const vars = {
            web_sites: sites,
            web_extra_sites: extra,
            web_names: texts,
            web_aliases: [...texts].reverse(),
            web_hosts: TEXTS[(i + 2 * j + 1) % TEXTS.length]!,
            // Set in some cases only: default([]) gives none.
            ...(j % 2 === 0 ? { web_more: TEXTS[i]! } : {}),
          };
          const node = {
            web: { sites, extra_sites: extra, names: vars.web_names },
            ansible: { web_aliases: vars.web_aliases, web_hosts: vars.web_hosts, ...(j % 2 === 0 ? { web_more: TEXTS[i]! } : {}) },
          };
          return { template: t === 'lists' ? LISTS_J2 : SORTED_J2, erb: erb[t], vars, node };
        }),
      ),
    );
    const { want, diffs } = renderBoth(cases.map((c) => ({ ...c, assigns: {} })));
    expect(diffs).toEqual([]);
    // Sorting two sites fails in both (Python compares dicts with '<'); one or none sorts.
    const sorted = (sites: number, extra: number) => want[(sites * SITES.length + extra) * 2 + 1]!;
    expect(sorted(1, 2).error).toMatch(/'<' not supported/);
    expect(sorted(1, 0).out).toBe('sorted a\n');
    // Two equal sites sort (Python compares their one-item key lists with == first).
    expect(sorted(1, 1).out).toBe('sorted a\nsorted a\n');
    expect(sorted(4, 0).out).toBe('sorted d\nsorted d\n');
    expect(want[(4 * SITES.length + 0) * 2]!.out).toContain('\nd;\n');
    // Lists printed as Python prints them: text and integers, joined.
    const lists = want[(1 * SITES.length + 1) * 2]!.out!;
    expect(lists).toContain('server a\n  option o1\n  option 2\n  allow 10.0.0.0/8 22\n[t][1]server a\n');
    expect(lists).toContain('names a, 7, , yes, ends\n, é, -3, 12345678901234\n');
  });
});

describe.skipIf(!hasTool('ruby'))('the list check', () => {
  it('fails the converted run on a list outside the contract, naming the list and the use', async () => {
    const r = await convertProject(FILES);
    const recipe = outputText(r, 'web/recipes/default.rb');
    const library = outputText(r, 'web/libraries/input_contracts.rb');
    const calls = recipe.split('\n').filter((l) => l.startsWith('A2C::Inputs.check'));
    expect(calls).toEqual([
      "A2C::Inputs.check!(node, 'ansible', WebCookbook::INPUT_CONTRACTS)",
      'A2C::Inputs.check_items!(node, WebCookbook::ITEM_CONTRACTS)',
    ]);
    const run = (attrs: Record<string, unknown>) => {
      for (const call of calls) {
        const out = runInputCheck(library, call, attrs);
        if (out !== 'ok') return out;
      }
      return 'ok';
    };
    const inside = {
      web: { sites: SITES[3], extra_sites: SITES[1], names: TEXTS[2] },
      ansible: { web_aliases: TEXTS[3], web_hosts: [] },
    };
    expect(run({})).toBe('ok');
    expect(run(inside)).toBe('ok');
    const from = (line: number) => `(inferred from its use at roles/web/templates/lists.conf.j2:${line})`;
    expect(run({ ...inside, ansible: { web_aliases: 'www', web_hosts: [] } })).toBe(
      `'web_aliases' (node['ansible']['web_aliases']) is text, not list[str|int] ${from(12)}${CHECK_TAIL}`,
    );
    for (const [element, kind] of [
      [{ a: 1 }, 'a dict'],
      [true, 'a boolean'],
      [null, 'None'],
      [1.5, 'a float'],
      [['x'], 'a list'],
    ] as const) {
      expect(run({ ...inside, ansible: { web_aliases: [], web_hosts: ['h', element] } })).toBe(
        `'web_hosts' (node['ansible']['web_hosts']) is a list whose item 1 is ${kind}, not list[str|int] ${from(15)}${CHECK_TAIL}`,
      );
      expect(run({ ...inside, web: { ...inside.web, names: ['a', element] } })).toBe(
        `'web_names' (node['web']['names']) is a list whose item 1 is ${kind}, not list[str|int] ${from(11)}${ITEM_CHECK_TAIL}`,
      );
    }
    expect(run({ ...inside, web: { ...inside.web, sites: [{ name: 'a', options: 'o1 o2' }] } })).toBe(
      `web_sites[0]['options'] (node['web']['sites']) is text, not list[str|int] ${from(3)}${ITEM_CHECK_TAIL}`,
    );
    expect(run({ ...inside, web: { ...inside.web, extra_sites: [{ name: 'a', allow: [false] }] } })).toBe(
      `web_extra_sites[0]['allow'] (node['web']['extra_sites']) is a list whose item 0 is a boolean, not list[str|int] ${from(6)}${ITEM_CHECK_TAIL}`,
    );
  });
});
