// Item-field contracts followed through a template's own names (resolve/use-scan.ts): a field set to
// a local (`{% set port = svc.port %}` in either branch of an if, a local set to that local, read by
// an included template), a field iterated as a dict (`{% for key, rule in svc.rules.items() %}`,
// whose values' fields get contracts of their own), `| int` and `| string` of a field, and fields a
// use says are booleans (`| bool`, `default(false)`). For items inside the contracts, real Ansible
// and Erubis render the converted template byte-identical; an item outside them fails the converted
// run at check_items!, naming the path down to the nested field. A field one of whose uses (through
// a local too) is not neutral keeps the helpers.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { runJson } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { ITEM_CHECK_TAIL, itemCheckOf } from '../helpers/input-check.js';
import { renderErb } from '../helpers/erb-render.js';
import { haveAnsibleAndErubis, outcomes, renderBoth, rendersThenFails } from '../helpers/erb-differential.js';

const SERVICE_J2 = [
  "{% set mode = svc.mode | default('http') -%}",
  '{% if svc.backend_port is not defined %}',
  '{%   set port = svc.port %}',
  '{% else %}',
  '{%   set port = svc.backend_port %}',
  '{% endif -%}',
  '{% set check_port = port -%}',
  'listen {{ svc.name }} port {{ port }} check {{ check_port }}',
  "{% include 'next.j2' %}",
  'mode {{ mode }}',
  "{% if mode == 'tcp' %}",
  'tcp only',
  '{% endif %}',
  '{% if svc.rules is defined %}',
  '{% for key, rule in svc.rules.items() %}',
  'acl {{ key }} {{ rule.expr }} -> {{ rule.target | default(svc.name) }}',
  '{% endfor %}',
  '{% endif %}',
  '{% if svc.tls | default(false) | bool %}',
  'tls on',
  '{% endif %}',
  '{% if not svc.backup_only | default(false) %}',
  'serve {{ svc.name }}',
  '{% endif %}',
  "weight {{ svc.weight | default(1) | int }} label {{ svc.label | default('x') | string }}",
  // A list field through its local's one set: iterated, each element printed (list[str|int]).
  '{% set hosts = svc.hosts | default([]) %}',
  '{% for h in hosts %}host {{ h }}',
  '{% endfor %}',
  // Fields whose local, or whose dict's values, are used otherwise: no contract.
  '{% set level = svc.level %}',
  'level {{ level | length }}',
  '{% if svc.meta is defined %}',
  '{% for k, v in svc.meta.items() %}{{ k }}={{ v }}',
  '{% endfor %}',
  '{% endif %}',
  '{% if svc.pools is defined %}{% for v in svc.pools.values() | default([]) %}{{ v.size }}{% endfor %}{% endif %}',
  '',
].join('\n');
const NEXT_J2 = 'next {{ port | int + 1 }}\n';
// A block of a template rendered itself prints in place: its field reads are printed ones.
const UP_J2 = [
  '{% block upstreams %}',
  '{% for u in lb_upstreams %}',
  'upstream {{ u.name }}{% if u.keepalive is defined %} keepalive {{ u.keepalive }}{% endif %}',
  '',
  '{% endfor %}',
  '{% endblock %}',
  '',
].join('\n');

const FILES = {
  'site.yml': '- hosts: all\n  roles: [lb]\n',
  'roles/lb/defaults/main.yml': 'lb_services: []\nlb_upstreams: []\n',
  'roles/lb/tasks/main.yml': [
    '- name: services',
    '  template:',
    '    src: service.j2',
    '    dest: "/etc/lb/{{ svc.name }}.cfg"',
    '  loop: "{{ lb_services }}"',
    '  loop_control:',
    '    loop_var: svc',
    '- template:',
    '    src: up.j2',
    '    dest: /etc/lb/up.cfg',
  ].join('\n'),
  'roles/lb/templates/service.j2': SERVICE_J2,
  'roles/lb/templates/next.j2': NEXT_J2,
  'roles/lb/templates/up.j2': UP_J2,
};

describe('item-field contracts through aliases and dict loops', () => {
  it('read the fields as plain Ruby through locals, dict loops, | int and booleans', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/service.erb');
    expect(erb).toContain("<% mode = svc.fetch('mode', 'http') %>");
    expect(erb).toContain("<% port = svc.fetch('port') %>");
    expect(erb).toContain("<% port = svc.fetch('backend_port') %>");
    expect(erb).toContain("listen <%= svc.fetch('name') %> port <%= port %> check <%= check_port %>");
    expect(erb).toContain('next <%= A2C::Jinja.int(port) + 1 %>');
    expect(erb).toContain('mode <%= mode %>');
    expect(erb).toContain("acl <%= key %> <%= rule.fetch('expr') %> -> <%= rule.fetch('target') { svc.fetch('name') } %>");
    expect(erb).toContain("<% if svc.fetch('tls', false) %>");
    expect(erb).toContain("<% if !svc.fetch('backup_only', false) %>");
    expect(erb).toContain("weight <%= A2C::Jinja.int(svc.fetch('weight', 1)) %>");
    expect(erb).toContain("<% hosts = svc.fetch('hosts', []) %>\n<% items1_2 = hosts %>\n<% items1_2.each do |h| %>\nhost <%= h %>");
    // Not neutral: `| length` (through a local), a dict value printed whole, a view defaulted.
    for (const f of ['level', 'meta', 'pools']) expect(erb).toContain(`A2C::Jinja.attr(svc, '${f}')`);
    const lib = outputText(r, 'lb/libraries/input_contracts.rb');
    expect(lib).toMatch(
      /'rules' => \{\s+type: nil,\s+from: 'inferred from its use at roles\/lb\/templates\/service.j2:15',\s+dict: \{\s+'expr' => \{/,
    );
    for (const f of ['tls', 'backup_only']) expect(lib).toMatch(new RegExp(`'${f}' => \\{\\s+type: :bool,`));
    expect(lib).toMatch(/'hosts' => \{\s+type: \{ list: :str_or_int \},/);
    expect(lib).not.toMatch(/'(level|meta|pools|size)' =>/);
    const md = outputText(r, 'CONVERSION.md');
    expect(md).toContain('| `lb_services` | `rules` | a dict with text keys, iterated, where present, inferred from use: iterated at');
    expect(md).toContain('| `lb_services` | `rules.*.expr` | text or integer (`str\\|int`) where present');
    expect(md).toContain('| `lb_services` | `tls` | a boolean (`bool`) where present');
    // A use through a local names it; a field without a contract has its row, with the first use none fits.
    expect(md).toContain(
      '| `lb_services` | `port` | text or integer (`str\\|int`) where present, inferred from use: printed (as port) at roles/lb/templates/service.j2:8, printed (as check_port) at roles/lb/templates/service.j2:8, converted (as port) at roles/lb/templates/next.j2:1 |',
    );
    expect(md).toContain('| `lb_services` | `pools` | passed at roles/lb/templates/service.j2:35 |');
    expect(md).toContain(
      '| `lb_services` | `hosts` | a list of text or integers (`list[str\\|int]`) where present, inferred from use: iterated at roles/lb/templates/service.j2:27, printed at roles/lb/templates/service.j2:27 |',
    );
    expect(md).toMatch(/\| `lb_services` \| `level` \| read as a list or where the scan does not follow it/);
    expect(md).toMatch(/\| `lb_services` \| `meta` \| its values are read as a list/);
  });
});

describe('item-field contracts through aliases: uses not followed', () => {
  it('give a field no contract where a local set to it is used otherwise, wherever the use is', async () => {
    const variants = [
      // Iterated in an included template.
      ["{% set p = svc.port %}{% include 'inc.j2' %}", '{% for c in p %}{{ c }}{% endfor %}'],
      // Counted in a macro written before the set (Jinja's macro sees it when called).
      ['{% macro m() %}{{ p | length }}{% endmacro %}{% set p = svc.port %}{{ p }}{{ m() }}', ''],
      // Through a cycle of locals, then a list filter.
      ['{% set p = svc.port %}{% set q = p %}{% set p = q %}{{ q | first }}', ''],
      // Set to a list in the other branch, then iterated.
      ['{% if svc.x is defined %}{% set p = svc.port %}{% else %}{% set p = [1] %}{% endif %}{% for i in p %}{{ i }}{% endfor %}', ''],
      // An include the scan cannot read.
      ['{% set p = svc.port %}{{ p }}{% include lb_inc %}', ''],
    ];
    // The control: printed through the local alone, port gets its contract.
    const control = await convertProject({ ...FILES, 'roles/lb/templates/service.j2': '{{ svc.name }}\n{% set p = svc.port %}{{ p }}\n' });
    expect(outputText(control, 'lb/libraries/input_contracts.rb')).toMatch(/'port' => \{\s+type: :str_or_int,/);
    for (const [body, inc] of variants) {
      const r = await convertProject({
        ...FILES,
        'roles/lb/templates/service.j2': `{{ svc.name }}\n${body}\n`,
        'roles/lb/templates/inc.j2': inc!,
      });
      const lib = outputText(r, 'lb/libraries/input_contracts.rb');
      expect(lib, body).toMatch(/'name' => \{/);
      expect(lib, body).not.toMatch(/'port' =>/);
    }
  });
});

const haveTools = haveAnsibleAndErubis();

// Items inside the contracts, at their edges: '80' and 80 (`| int`), '08' and 'abc' (int gives 8 and
// 0), text ending in a newline, '' and 0, an integer dict key as text, booleans both ways.
const INSIDE: Array<Record<string, unknown>> = [
  {
    name: 'a',
    port: 80,
    mode: 'tcp',
    rules: { r1: { expr: 'path_beg /x', target: 'b' }, r2: { expr: 'hdr y' } },
    tls: true,
    backup_only: false,
    weight: '3',
    label: 7,
    level: 'abc',
  },
  { name: 7, port: '8080', backend_port: 9000, tls: false, level: [1, 2], meta: { a: 1 } },
  { name: 'n', port: '80', rules: {}, mode: 'http', backup_only: true, level: 'x', hosts: ['h1', 'h2'] },
  { name: 'ends\n', port: 0, weight: 0, label: '', level: '' },
  { name: 'yes', port: 'abc', level: 'l', pools: { p: { size: 2 } } },
  { name: 'q', port: '08', level: 'l', rules: { '80': { expr: 1, target: 2 } } },
];
// Missing a printed field: both fail.
const FAILING: Array<Record<string, unknown>> = [
  { name: 'm', level: 'l' },
  { name: 'r', port: 1, level: 'l', rules: { x: { target: 't' } } },
];

describe.skipIf(!haveTools)('item-field contracts through aliases vs real Ansible', () => {
  it('render items inside the contracts byte-identical, and fail where Ansible fails', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/service.erb');
    const items = [...INSIDE, ...FAILING];
    const { want, diffs } = renderBoth(
      items.map((svc) => ({
        template: SERVICE_J2,
        vars: { lb_services: [svc], svc },
        files: { 'next.j2': NEXT_J2 },
        erb,
        node: { lb: { services: [svc] } },
        assigns: { svc },
      })),
    );
    expect(diffs).toEqual([]);
    // The block's loop, for lists of upstreams inside the contract (and one missing a name: both fail).
    const ups = [[], [{ name: 'a', keepalive: 8 }, { name: 7 }], [{ name: 'x\n', keepalive: '' }], [{ keepalive: 1 }]];
    const upErb = outputText(r, 'lb/templates/up.erb');
    expect(upErb).toContain("upstream <%= u.fetch('name') %><% if u.key?('keepalive') %> keepalive <%= u.fetch('keepalive') %>");
    const upWant = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      ups.map((l) => ({ template: UP_J2, vars: { lb_upstreams: l } })),
    );
    const upGot = renderErb(ups.map((l) => ({ erb: upErb, node: { lb: { upstreams: l } }, assigns: {} })));
    expect(upGot.map((g) => g.out ?? 'error')).toEqual(upWant.map((w) => w.out ?? 'error'));
    expect(upWant[1]!.out).toContain('upstream a keepalive 8\nupstream 7\n');
    // The cases say what they are meant to: each inside one renders, each failing one fails.
    expect(outcomes(want)).toEqual(rendersThenFails(INSIDE.length, want.length));
    // The included template's trailing newline is dropped (Jinja's include), in both.
    expect(want[0]!.out).toContain('next 81mode tcp\n');
    expect(want[0]!.out).toContain('acl r1 path_beg /x -> b\nacl r2 hdr y -> a\n');
    expect(want[1]!.out).toContain('port 9000 check 9000\nnext 9001');
    expect(want[4]!.out).toContain('next 1mode');
    expect(want[5]!.out).toContain('next 9mode');
    expect(want[5]!.out).toContain('acl 80 1 -> 2\n');
  });
});

describe.skipIf(!hasTool('ruby'))('the nested item-field check', () => {
  it('fails the converted run on a value outside the contracts, naming the path down to the nested field', async () => {
    const check = itemCheckOf(await convertProject(FILES), 'lb');
    const run = (svc: Record<string, unknown>) => check({ lb: { services: [svc] } });
    for (const svc of INSIDE) expect(run(svc), JSON.stringify(svc)).toBe('ok');
    const at = "(node['lb']['services'])";
    const use = (line: number) => `inferred from its use at roles/lb/templates/service.j2:${line}`;
    expect(run({ name: 'a', rules: { r: { expr: ['x'] } } })).toBe(
      `lb_services[0]['rules']['r']['expr'] ${at} is a list, not str|int (${use(16)})${ITEM_CHECK_TAIL}`,
    );
    expect(run({ name: 'a', rules: { r: 'x' } })).toBe(
      `lb_services[0]['rules']['r'] ${at} is text, not a dict (its fields are read: ${use(15)})${ITEM_CHECK_TAIL}`,
    );
    expect(run({ name: 'a', rules: ['r'] })).toBe(
      `lb_services[0]['rules'] ${at} is a list, not a dict (it is iterated: ${use(15)})${ITEM_CHECK_TAIL}`,
    );
    expect(run({ name: 'a', port: true })).toBe(`lb_services[0]['port'] ${at} is a boolean, not str|int (${use(8)})${ITEM_CHECK_TAIL}`);
    expect(run({ name: 'a', tls: 'yes' })).toBe(`lb_services[0]['tls'] ${at} is text, not bool (${use(19)})${ITEM_CHECK_TAIL}`);
    expect(run({ name: 'a', backup_only: 1 })).toBe(
      `lb_services[0]['backup_only'] ${at} is an integer, not bool (${use(22)})${ITEM_CHECK_TAIL}`,
    );
  });
});
