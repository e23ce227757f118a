// Contracts inferred from use (resolve/use-contracts.ts): a variable no input source sets and nothing
// declares, whose every use means the same for a str and an int, is read as "text or integer". For
// values inside the contract (text, an integer, text ending in a newline, 'yes', '', 0) the templates
// reading it render byte-identical with real Ansible and with Erubis, and each definition built on it
// computes what Ansible computes; a value outside it (a list, a boolean, text Ansible reads back as a
// list) fails the converted run at the default recipe's check, naming the variable. Any other use
// leaves the variable unknown, and the config switch turns inference off.
import { describe, expect, it } from 'vitest';
import { STRINT } from '../../src/resolve/types.js';
import { validateConfig } from '../../src/config/schema.js';
import { hasTool } from '../helpers/real-tools.js';
import { haveAnsibleAndErubis } from '../helpers/erb-differential.js';
import { erbOf, renderBoth, runStringValues, stringValueMismatches } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { CHECK_TAIL, checkOf } from '../helpers/input-check.js';
import { typedDefaults } from '../helpers/typed-defaults.js';

// The definitions a role builds on the outside variables x and n (as os_glance's galera_port).
const DEFAULTS = [
  'port: "{{ x | default(\'3306\') }}"',
  'num: "{{ n | default(5) }}"',
  'url: "http://db:{{ x }}/x"',
  'joined: "{{ \'p\' ~ x ~ n }}"',
  'same: "{{ x == \'yes\' }}"',
  'alias: "{{ x }}"',
  'lit: 7',
  'fallback: "{{ x | default(lit) }}"',
  // A `~` fallback: text whatever its operands. (Not `'h-' ~ n`: Jinja evaluates default()'s argument
  // first, so Ansible fails on an undefined n even where x is defined; the translation does not.)
  'tfb: "{{ x | default(\'h-\' ~ lit) }}"',
].join('\n');
const {
  written: WRITTEN,
  symbols,
  scope,
} = typedDefaults(DEFAULTS, [
  ['x', STRINT],
  ['n', STRINT],
]);
// The templated definitions (lit is a plain value the others read).
const NAMES = Object.keys(WRITTEN).filter((n) => typeof WRITTEN[n] === 'string');
const LITERALS = { lit: 7 };

const TEMPLATES = [
  '{{ x }}',
  'a{{ x }}b\n',
  '{{ x }}',
  "{{ x | default('d') }}|{{ n | default(7) }}",
  '{% if x is defined %}def{% endif %}{% if x is not defined %}undef{% endif %}',
  "{% if x == 'yes' %}Y{% elif x != 3306 %}N{% else %}P{% endif %}",
  "{{ 'p' ~ x }}",
  'last {{ x }}\n',
];
// Each definition printed: compared where Ansible computes it (unset, `url` fails in both).
const READS = NAMES.flatMap((n) => [`{{ ${n} }}`, `a{{ ${n} }}b\n`]);

describe('text-or-integer reads', () => {
  it('type the definitions built on them', () => {
    expect(symbols.get('port')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    expect(symbols.get('num')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    expect(symbols.get('url')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    expect(symbols.get('same')!.type).toEqual({ t: 'bool', rendered: true });
    // `~` is interpolation: 'p' first, or the fallback 'h-' ~ lit.
    expect(symbols.get('joined')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    expect(symbols.get('tfb')!.type).toEqual({ t: 'str', plain: true, rendered: true });
  });
  it('print as plain Chef', () => {
    const erb = [...TEMPLATES, ...READS].map((t) => erbOf(t, scope)).join('\n');
    expect(erb).not.toContain('A2C::Jinja');
    expect(erbOf("{{ x }}|{{ x | default('d') }}|{% if x == 'yes' %}Y{% endif %}", scope)).toBe(
      "<%= node.read!('x') %>|<%= node.exist?('x') ? node['x'] : 'd' %>|<% if node.read!('x') == 'yes' %>Y<% end %>",
    );
  });
});

const haveTools = haveAnsibleAndErubis();

// Values inside the contract, at its edges, and unset.
const INSIDE: Array<Record<string, unknown>> = [
  { x: 'abc', n: 3306 },
  { x: 3306, n: '8' },
  { x: 'ends\n', n: 0 },
  { x: 'yes', n: -1 },
  { x: '', n: '' },
  { x: 0 },
  {},
];

describe.skipIf(!haveTools)('text-or-integer reads vs real Ansible', () => {
  for (const [i, extra] of INSIDE.entries()) {
    it(`render and compute as Ansible does (values ${i + 1}: ${JSON.stringify(extra)})`, () => {
      const defs = NAMES.map((n) => WRITTEN[n] as string);
      const run = runStringValues(defs, { ...LITERALS, ...extra }, scope);
      expect(stringValueMismatches(defs, run)).toEqual([]);
      const node: Record<string, unknown> = { ...LITERALS, ...extra };
      NAMES.forEach((n, k) => {
        if (run.got[k]!.error === undefined) node[n] = run.got[k]!.out;
      });
      const templates = [...TEMPLATES, ...READS.filter((_, k) => run.want[Math.floor(k / 2)]!.error === undefined)];
      const { diffs } = renderBoth(templates, { ...WRITTEN, ...extra }, scope, node);
      expect(diffs).toEqual([]);
    });
  }
});

describe('a conversion inferring contracts from use', () => {
  const files = {
    'site.yml': '- hosts: all\n  roles: [web]\n',
    'roles/web/defaults/main.yml': [
      'web_port: "{{ galera_port | default(\'3306\') }}"',
      'web_items: "{{ listed | default([]) }}"',
      'web_flag: "{{ flag | bool }}"',
      'web_alias: "{{ aliased }}"',
      'web_mode: "{{ mode | default(\'0644\') }}"',
      'web_quorum: true',
      'web_queue: "{{ queue_mgr | default(web_quorum) }}"',
      'web_fallback_addr: 127.0.0.1',
      'web_addr: "{{ mgmt_addr | default(web_fallback_addr) }}"',
      'web_pw: "{{ svc_password }}"',
      "web_url: \"{{ base_url | default('http://' ~ web_addr ~ ':' ~ web_port) }}\"",
    ].join('\n'),
    'roles/web/tasks/main.yml': [
      '- name: conf',
      '  template:',
      '    src: web.conf.j2',
      '    dest: /etc/web.conf',
      '    mode: "{{ web_mode }}"',
      '  when: region is defined and region == "east"',
      '- name: dirs',
      '  file:',
      '    path: "/srv/{{ item }}"',
      '    state: directory',
      '  loop: "{{ looped }}"',
      '- name: owner',
      '  file:',
      '    path: /srv/x',
      '    owner: "{{ lone_arg }}"',
      '- name: omitted',
      '  file:',
      '    path: /srv/y',
      '    group: "{{ omitted_arg | default(omit) }}"',
      '- name: only tested',
      '  debug:',
      '    msg: hi',
      '  when: probe is defined',
      '- name: by name',
      '  debug:',
      "    msg: \"{{ lookup('vars', 'by_name') }}\"",
      '- name: local',
      '  debug:',
      '    msg: "{{ task_local }}"',
      '  vars:',
      '    task_local: 1',
    ].join('\n'),
    'roles/web/templates/web.conf.j2': [
      'host = {{ db_host }}',
      'port = {{ web_port }}',
      'sum = {{ counted + 1 }}',
      'name = {{ record.name }}',
      '{% for s in servers %}{{ s }}{% endfor %}',
      '{% if enabled %}on{% endif %}',
      'region = {{ region }}',
      "also = {{ mode | default('0644') }}",
      'n = {{ counted }}',
      'x = {{ record }}{{ servers }}{{ enabled }}',
      'q = {{ web_queue }} {{ web_addr }} {{ web_pw }}',
      'url = {{ web_url }}',
    ].join('\n'),
  };
  it('gives the contract only where every use means the same for text and an integer', async () => {
    const r = await convertProject(files);
    const md = outputText(r, 'CONVERSION.md');
    const row = (n: string) => md.split('\n').find((l) => l.startsWith(`| \`${n}\` |`)) ?? '';
    for (const n of ['galera_port', 'db_host', 'region', 'mode', 'mgmt_addr', 'svc_password', 'base_url', 'enabled'])
      expect(row(n), n).toMatch(/^\| `\w+` \| text or integer \(`str\\\|int`\), inferred from use: /);
    expect(row('db_host')).toContain('printed at roles/web/templates/web.conf.j2:1');
    expect(row('region')).toContain('compared at roles/web/tasks/main.yml:6');
    // Read whole by web_pw, which is printed: web_pw's uses are svc_password's.
    expect(row('svc_password')).toContain('aliased at roles/web/defaults/main.yml:10, printed at roles/web/templates/web.conf.j2:11');
    // A truth test reads text and an integer as Python does (printed through A2C::Jinja.truthy): neutral.
    expect(row('enabled')).toContain('truth-tested at roles/web/templates/web.conf.j2:6, printed at roles/web/templates/web.conf.j2:10');
    // Arithmetic, attribute access, a loop, a lone argument (`default(omit)` too: the
    // module reads the value, a boolean for a boolean argument) or alias, a list default, only
    // `is defined`, a name written as text: unknown.
    for (const n of ['counted', 'record', 'servers', 'lone_arg', 'omitted_arg', 'aliased', 'listed', 'probe', 'by_name'])
      expect(row(n), n).toContain('not declared: unknown');
    // A task's loop whose variable is only interpolated: a list of text or integers
    // (task-loop-elements-differential.test.ts compares it with ansible-playbook).
    expect(row('looped')).toMatch(
      /^\| `looped` \| a list of text or integers \(`list\[str\\\|int\]`\), inferred from use: iterated at roles\/web\/tasks\/main.yml:11/,
    );
    // `| bool`, and a default() whose fallback is set only to a boolean: a boolean (bool-contracts-differential.test.ts).
    for (const n of ['flag', 'queue_mgr']) expect(row(n), n).toMatch(/^\| `\w+` \| a boolean \(`bool`\), inferred from use: /);
    expect(row('task_local')).toBe('');
    const erb = outputText(r, 'web/templates/web.conf.erb');
    expect(erb).toContain("host = <%= node.read!('ansible', 'db_host') %>");
    expect(erb).toContain("port = <%= node['web']['port'] %>");
    expect(erb).toContain("region = <%= node.read!('ansible', 'region') %>");
    expect(outputText(r, 'web/attributes/default.rb')).toContain(
      "default['web']['port'] = (node.exist?('ansible', 'galera_port') ? node['ansible']['galera_port'] : '3306').to_s",
    );
    const recipe = outputText(r, 'web/recipes/default.rb');
    expect(recipe.match(/A2C::Inputs\.check!/g)).toHaveLength(1);
    expect(recipe).toContain("\nA2C::Inputs.check!(node, 'ansible', WebCookbook::INPUT_CONTRACTS)\n");
    const library = outputText(r, 'web/libraries/input_contracts.rb');
    expect(library).toContain('\nmodule WebCookbook\n  INPUT_CONTRACTS = {\n');
    expect(library).toContain(
      [
        "    'db_host' => {",
        '      type: :str_or_int,',
        "      from: 'inferred from its use at roles/web/templates/web.conf.j2:1',",
        '    },',
      ].join('\n'),
    );
    expect(library).not.toMatch(/'(counted|record|probe|listed)' =>/);
  });

  it('is turned off by infer-input-types = false (validated in the config)', async () => {
    const r = await convertProject(files, { inferInputTypes: false });
    expect(outputText(r, 'web/templates/web.conf.erb')).toContain(
      "host = <%= A2C::Jinja.out(A2C::Jinja.input(node, 'ansible', 'db_host')) %>",
    );
    expect(outputText(r, 'web/recipes/default.rb')).not.toContain('A2C::Inputs');
    expect(r.files.has('web/libraries/input_contracts.rb')).toBe(false);
    expect(validateConfig({ 'infer-input-types': false }, 'ansible2chef.toml').config.inferInputTypes).toBe(false);
    expect(validateConfig({ 'infer-input-types': 'no' }, 'ansible2chef.toml').diagnostics.map((d) => d.message)).toEqual([
      'infer-input-types: must be true or false',
    ]);
  });

  it.skipIf(!hasTool('ruby'))('fails the converted run on a value outside the contract, naming the variable', async () => {
    const check = checkOf(await convertProject(files), 'web');
    const run = (values: Record<string, unknown>) => check({ ansible: values });
    expect(run({})).toBe('ok');
    expect(run({ db_host: 'db1', galera_port: 3306, region: 'east', mode: '0644' })).toBe('ok');
    expect(run({ db_host: 'ends\n', galera_port: 'yes', region: 0, mode: '' })).toBe('ok');
    expect(run({ db_host: ['a'] })).toBe(
      `'db_host' (node['ansible']['db_host']) is a list, not str|int (inferred from its use at roles/web/templates/web.conf.j2:1)${CHECK_TAIL}`,
    );
    expect(run({ galera_port: true })).toMatch(
      /^'galera_port' \(node\['ansible'\]\['galera_port'\]\) is a boolean, not str\|int \(inferred from its use at roles\/web\/defaults\/main\.yml:1\)/,
    );
    expect(run({ region: '[x' })).toMatch(/^'region' .* is text Ansible reads back as a list, dict or boolean, not str\|int/);
  });
});
