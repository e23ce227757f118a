// Item-field contracts of lists every source sets to `[]`, followed where the loop hands the items on
// (resolve/item-uses.ts, use-contracts.ts readBoundIncludes): `with_items` written as a YAML list of
// lists (`- "{{ a + b }}"`, `- "{{ a }}"` and `- "{{ b }}"`: Ansible's items lookup flattens one
// level), a task file included in the loop (its tasks read with `item` bound), a template whose src
// is computed (every template of the role read with `item` bound, as the translator renders each),
// `{% set zone = item %}`, `x | default(y) == 'lit'`, `x | default()` printed, and a truth test of
// `a | selectattr('f', 'defined') | list | default()`. Items inside the contracts render
// byte-identical with real Ansible and Erubis, a missing printed field fails in both; an item outside
// fails the converted run at check_items!. A use through an include the scan cannot follow keeps the
// fields without contracts.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { haveAnsibleAndErubis } from '../helpers/erb-differential.js';
import { runJson } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { itemCheckOf } from '../helpers/input-check.js';
import { renderErb } from '../helpers/erb-render.js';

const ZONES_J2 = [
  '{% for z in (dns_static + dns_dynamic) | sort %}',
  "{% set kind = z.kind | default(dns_kind | default('primary')) %}",
  'zone {{ z.name }} {{ kind }}',
  "{% if kind == 'primary' %}",
  'file db.{{ z.name }}',
  '{% endif %}',
  '{% endfor %}',
  "{% if dns_static | selectattr('keyfile', 'defined') | list | default() %}",
  "{% for z in dns_static | selectattr('keyfile', 'defined') | list | default([]) %}",
  'key {{ z.name }} {{ z.algo | default(\'sha256\') }} "{{ z.secret | default() }}"',
  '{% endfor %}',
  '{% endif %}',
  'end',
  '',
].join('\n');
const ZONE_J2 = ['{% set zone = item %}', '$ORIGIN {{ zone.name }}.', "refresh {{ zone.refresh | d('1D') }} ;", ''].join('\n');
const KEYS_YML = [
  '- name: make key',
  '  command: "keygen {{ item.name }} {{ item.algo | default(\'sha256\') }}"',
  '  when: item.keyfile is defined',
].join('\n');

const TASKS = [
  '- name: keys',
  '  include_tasks: keys.yml',
  '  with_items:',
  '    - "{{ dns_static + dns_dynamic }}"',
  '- name: zone files',
  '  template:',
  '    src: "{{ dns_tpl | default(\'\') }}zone.j2"',
  '    dest: "/etc/dns/db.{{ item.name }}"',
  '  with_items: "{{ dns_dynamic }}"',
  "  when: item.kind | default(dns_kind) == 'primary'",
  '- name: conf',
  '  template:',
  '    src: zones.conf.j2',
  '    dest: /etc/dns/zones.conf',
  '- name: check',
  '  command: "check {{ item.name }}"',
  '  with_items:',
  '    - "{{ dns_dynamic }}"',
  '    - "{{ dns_static }}"',
].join('\n');

const FILES = {
  'site.yml': '- hosts: all\n  roles: [dns]\n',
  'roles/dns/defaults/main.yml': 'dns_kind: primary\ndns_static: []\ndns_dynamic: []\n',
  'roles/dns/tasks/main.yml': TASKS,
  'roles/dns/tasks/keys.yml': KEYS_YML,
  'roles/dns/templates/zones.conf.j2': ZONES_J2,
  'roles/dns/templates/zone.j2': ZONE_J2,
};

describe('item-field contracts through includes, computed template sources and with_items lists', () => {
  it('read the fields as plain Ruby where every use, in the included tasks and every template too, allows it', async () => {
    const r = await convertProject(FILES);
    const zones = outputText(r, 'dns/templates/zones.conf.erb');
    expect(zones).toContain("<% kind = z.fetch('kind', node['dns']['kind']) %>");
    expect(zones).toContain("zone <%= z.fetch('name') %> <%= kind %>");
    expect(zones).toContain("<% if kind == 'primary' %>");
    // default() of a list filter's result is that list (never undefined): its items keep their type.
    expect(zones).toContain(
      "<% items1_2 = A2C::Jinja.list(A2C::Jinja.selectattr(node['dns']['static'], 'keyfile') { |v| A2C::Jinja.is_defined(v) }) %>",
    );
    expect(zones).toContain("key <%= z_2.fetch('name') %> <%= z_2.fetch('algo', 'sha256') %> \"<%= z_2.fetch('secret', '') %>\"");
    const zone = outputText(r, 'dns/templates/zone.erb');
    expect(zone).toContain("$ORIGIN <%= zone.fetch('name') %>.");
    expect(zone).toContain("refresh <%= zone.fetch('refresh', '1D') %> ;");
    const recipe = outputText(r, 'dns/recipes/default.rb');
    expect(recipe).toContain("next unless item.fetch('kind', node['dns']['kind']) == 'primary'");
    const lib = outputText(r, 'dns/libraries/input_contracts.rb');
    for (const list of ['dns_static', 'dns_dynamic']) {
      const table = lib.slice(lib.indexOf(`'${list}' => {`));
      for (const f of ['name', 'kind', 'algo']) expect(table, `${list}.${f}`).toMatch(new RegExp(`'${f}' => \\{\\s+type: :str_or_int,`));
      // keyfile is only asked `is defined` (through selectattr and a when): no plain read relies on
      // it, so it has no entry (the item checks keep only fields a printed read relies on).
      expect(table.slice(0, table.indexOf('\n    },\n'))).not.toContain("'keyfile'");
    }
    // Read only by the template the computed src may name (dns_dynamic's loop), and by the static-only loop.
    expect(lib).toMatch(/'refresh' => \{\s+type: :str_or_int,\s+from: 'inferred from its use at roles\/dns\/templates\/zone.j2:3'/);
    expect(lib).toMatch(/'secret' => \{\s+type: :str_or_int,/);
    const md = outputText(r, 'CONVERSION.md');
    // The included file's use is named (the static list's, the template's first).
    expect(md).toContain(
      '| `dns_dynamic` | `algo` | text or integer (`str\\|int`) where present, inferred from use: default at roles/dns/tasks/keys.yml:2 |',
    );
    expect(md).toContain('default at roles/dns/templates/zones.conf.j2:10, default at roles/dns/tasks/keys.yml:2 |');
  });

  it('give no contract where the included tasks or a template use the items otherwise, or the include is not followed', async () => {
    const variants: Array<[string, Record<string, string>]> = [
      // The included file reads the item whole.
      ['item whole', { 'roles/dns/tasks/keys.yml': '- debug:\n    msg: "{{ item }}"\n' }],
      // The included file includes another without a loop: not followed.
      ['nested include', { 'roles/dns/tasks/keys.yml': '- include_tasks: "{{ other }}.yml"\n' }],
      // The included file renders a template that reads a field as a sequence (`| length` is followed: counted-field-differential.test.ts).
      [
        'template of the include',
        {
          'roles/dns/tasks/keys.yml': '- template:\n    src: k.j2\n    dest: /k\n',
          'roles/dns/templates/k.j2': '{{ item.name | first }}\n',
        },
      ],
      // Another template of the role (which the computed src may name) reads a field as a list.
      ['other template', { 'roles/dns/templates/other.j2': '{% for c in item.name %}{{ c }}{% endfor %}\n' }],
      // A loop of the included file over no list variable: its `item` is not the list's item.
      ['inner loop', { 'roles/dns/tasks/keys.yml': '- debug:\n    msg: "{{ item.name }}"\n  loop: [1, 2]\n' }],
      // A file the role does not hold.
      ['missing file', { 'roles/dns/tasks/main.yml': TASKS.replace('keys.yml', 'nokeys.yml') }],
    ];
    for (const [what, files] of variants) {
      const r = await convertProject({ ...FILES, ...files });
      const lib = r.files.has('dns/libraries/input_contracts.rb') ? outputText(r, 'dns/libraries/input_contracts.rb') : '';
      // dns_dynamic's items reach every use; dns_static's are not rendered by the computed src's templates.
      const dynamic = lib.slice(lib.indexOf("'dns_dynamic' => {"), lib.indexOf("'dns_static' => {"));
      expect(dynamic, what).not.toMatch(/'name' => \{\s+type: :str_or_int,/);
      if (what !== 'other template') expect(lib, what).not.toMatch(/'name' => \{\s+type: :str_or_int,/);
      else expect(lib, what).toMatch(/'dns_static' => \{[\s\S]*'name' => \{\s+type: :str_or_int,/);
    }
  });
});

const haveTools = haveAnsibleAndErubis();

// Zones inside the contracts: str and int fields, '' and 0, text ending in a newline, the kind
// missing (the default's fallback), the optional fields absent. One zone at most: Python's sort of
// two dicts raises, as the converted sort does (the last failing case).
const INSIDE: Array<{ st: Array<Record<string, unknown>>; dy: Array<Record<string, unknown>> }> = [
  { st: [], dy: [] },
  { st: [{ name: 'a.org', keyfile: 'k', algo: 'hmac', secret: 's3' }], dy: [] },
  { st: [{ name: 'b.org', kind: 'secondary', keyfile: 1 }], dy: [] },
  { st: [], dy: [{ name: 7, kind: 0, refresh: '2D' }] },
  { st: [{ name: 'c\n', secret: 0, keyfile: '' }], dy: [] },
  { st: [], dy: [{ name: 'd.org', refresh: 3600, kind: 'primary' }] },
  { st: [], dy: [{ name: '', refresh: '' }] },
];
// A printed field missing, two zones to sort: both fail.
const FAILING: Array<{ st: Array<Record<string, unknown>>; dy: Array<Record<string, unknown>> }> = [
  { st: [{ kind: 'primary' }], dy: [] },
  { st: [], dy: [{ refresh: '1D' }] },
  { st: [{ name: 'a' }], dy: [{ name: 'b' }] },
];

describe.skipIf(!haveTools)('item-field contracts through includes vs real Ansible', () => {
  it('render items inside the contracts byte-identical, and fail where Ansible fails', async () => {
    const r = await convertProject(FILES);
    const zones = outputText(r, 'dns/templates/zones.conf.erb');
    const zone = outputText(r, 'dns/templates/zone.erb');
    const cases = [...INSIDE, ...FAILING];
    const vars = (c: (typeof cases)[number]) => ({ dns_static: c.st, dns_dynamic: c.dy, dns_kind: 'primary' });
    const node = (c: (typeof cases)[number]) => ({ dns: { static: c.st, dynamic: c.dy, kind: 'primary' } });
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      cases.map((c) => ({ template: ZONES_J2, vars: vars(c) })),
    );
    const got = renderErb(cases.map((c) => ({ erb: zones, node: node(c), assigns: {} })));
    expect(got.map((g) => g.out ?? 'error')).toEqual(want.map((w) => w.out ?? 'error'));
    expect(want.slice(0, INSIDE.length).every((w) => w.out !== undefined)).toBe(true);
    expect(want.slice(INSIDE.length).every((w) => w.error !== undefined)).toBe(true);
    expect(want[2]!.out).toBe('zone b.org secondary\nkey b.org sha256 ""\nend\n');
    expect(want[3]!.out).toBe('zone 7 0\nend\n');
    expect(want[4]!.out).toBe('zone c\n primary\nfile db.c\n\nkey c\n sha256 "0"\nend\n');
    // The zone file, once per dynamic zone (and the one missing its name).
    const items = [...INSIDE.flatMap((c) => c.dy), { refresh: 1 }];
    const zw = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      items.map((item) => ({ template: ZONE_J2, vars: { dns_dynamic: [item], item } })),
    );
    const zg = renderErb(items.map((item) => ({ erb: zone, node: node({ st: [], dy: [item] }), assigns: { item } })));
    expect(zg.map((g) => g.out ?? 'error')).toEqual(zw.map((w) => w.out ?? 'error'));
    expect(zw[0]!.out).toBe('$ORIGIN 7.\nrefresh 2D ;\n');
    expect(zw.at(-1)!.error).toBeDefined();
  });
});

describe.skipIf(!hasTool('ruby'))('the item-field check of lists followed through includes', () => {
  it('fails the converted run on an item outside the contracts, naming the field and its use', async () => {
    const check = itemCheckOf(await convertProject(FILES), 'dns');
    const run = (st: unknown[], dy: unknown[]) => check({ dns: { static: st, dynamic: dy, kind: 'primary' } });
    for (const c of INSIDE) expect(run(c.st, c.dy), JSON.stringify(c)).toBe('ok');
    expect(run([], [{ name: 'a', algo: ['x'] }])).toMatch(
      /^dns_dynamic\[0\]\['algo'\] \(node\['dns'\]\['dynamic'\]\) is a list, not str\|int \(inferred from its use at roles\/dns\/tasks\/keys.yml:2\)/,
    );
    expect(run([{ name: 'a', kind: true }], [])).toMatch(/^dns_static\[0\]\['kind'\] .* is a boolean, not str\|int/);
    expect(run(['a.org'], [])).toMatch(/^dns_static\[0\] .* is text, not a dict/);
  });
});
