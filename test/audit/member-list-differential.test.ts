// A list of addresses joined into one text where one address goes: galera's `wsrep_cluster_address =
// gcomm://{{ galera_wsrep_cluster_address }}` (OSA galera_server, whose default joins each member's
// address with ','). A2C::Net.ipwrap of the whole text, as Ansible's ipwrap, leaves `a,b,c` alone
// (no one address), so the IPv6 members stayed bare while the report said the value was bracketed.
// Each member is bracketed instead; the audit names the output and the join, rendered by Erubis
// against Ansible's Templar on the original (IPv4 and names: the same text).
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson } from '../helpers/template-compare.js';

const TEMPLATE = [
  'a = gcomm://{{ galera_wsrep_cluster_address }}',
  "b = gcomm://{{ galera_addresses | join(',') }}",
  'c = {{ galera_wsrep_cluster_address }}:4567',
  'd = gcomm://{{ galera_loop_address }}',
  '',
].join('\n');
const DEFAULTS = [
  "galera_addresses: ['192.0.2.1', '192.0.2.2']",
  'galera_wsrep_cluster_address: "{{ galera_addresses | join(\',\') }}"',
  // galera_server's own shape: members appended in a loop, joined unless there is only one.
  'galera_loop_address: >-',
  '  {% set _var = [] -%}',
  '  {% for h in galera_addresses -%}',
  '  {% if _var.append(h) %}{% endif -%}',
  '  {% endfor -%}',
  "  {{ _var | join(',') if galera_addresses | length > 1 else '' }}",
  '',
].join('\n');
const FILES = {
  'tasks/main.yml': '- name: write\n  ansible.builtin.template:\n    src: c.conf.j2\n    dest: /etc/c.conf\n',
  'defaults/main.yml': DEFAULTS,
  'templates/c.conf.j2': TEMPLATE,
};
const CASES = [
  ['192.0.2.1', '192.0.2.2', '192.0.2.3'],
  ['2001:db8::11', '2001:db8::12', '192.0.2.3'],
  ['db1.example.com', 'db2.example.com'],
];

const tools = requireOrSkip('ruby, erubis and ansible-core', hasTool('ruby') && hasPythonModule('ansible'));

describe('a joined list of addresses as a URL host: the audit finds it', () => {
  it('reports each output with the place of the join, and rewrites each member', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const found = r.findings.report!.findings.filter((f) => f.rule === 'address-port-join');
    expect(
      found.map((f) => [
        f.span.line,
        /\(in the value of (\w+) at ([\w/.]+:\d+)|\(at ([\w/.]+:\d+)/.exec(f.message)?.slice(1).filter(Boolean),
      ]),
    ).toEqual([
      [1, ['galera_wsrep_cluster_address', 'defaults/main.yml:2']],
      [2, ['templates/c.conf.j2:2']],
      [3, ['galera_wsrep_cluster_address', 'defaults/main.yml:2']],
      [4, ['galera_loop_address', 'defaults/main.yml:3']],
    ]);
    expect(found.every((f) => f.fix.startsWith('emitted through A2C::Net.ipwrap_members'))).toBe(true);
  });

  it('leaves members already mapped through ipwrap alone', async () => {
    const r = await convertRole(
      { ...FILES, 'templates/c.conf.j2': "e = gcomm://{{ galera_addresses | map('ansible.utils.ipwrap') | join(',') }}\n" },
      'demo',
      { kind: 'role' },
    );
    expect(r.findings.report!.findings.filter((f) => f.rule === 'address-port-join')).toEqual([]);
  });
});

describe.skipIf(!tools)('a joined list of addresses as a URL host: Ansible vs the converted template', () => {
  it('renders IPv4 and names as Ansible does and brackets each IPv6 member', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const erb = outputText(r, 'demo/templates/c.conf.erb');
    const attributes = outputText(r, 'demo/attributes/default.rb');
    // The joins stay in the attributes, as Ansible's value; the members are bracketed where written.
    expect(attributes).not.toContain('ipwrap');
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      CASES.map((a) => ({ template: TEMPLATE, vars: { galera_addresses: a, ...rendered(a) } })),
    );
    const got = runJson(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      CASES.map((a) => ({ erb, vars: { demo: { galera_addresses: a, ...rendered(a) } }, node_name: 'h' })),
    );
    expect(got[0]).toEqual(want[0]);
    expect(got[2]).toEqual(want[2]);
    expect(want[1]!.out).toBe(
      [
        'a = gcomm://2001:db8::11,2001:db8::12,192.0.2.3',
        'b = gcomm://2001:db8::11,2001:db8::12,192.0.2.3',
        'c = 2001:db8::11,2001:db8::12,192.0.2.3:4567',
        'd = gcomm://2001:db8::11,2001:db8::12,192.0.2.3',
        '',
      ].join('\n'),
    );
    expect(got[1]!.out).toBe(
      [
        'a = gcomm://[2001:db8::11],[2001:db8::12],192.0.2.3',
        'b = gcomm://[2001:db8::11],[2001:db8::12],192.0.2.3',
        'c = [2001:db8::11],[2001:db8::12],192.0.2.3:4567',
        'd = gcomm://[2001:db8::11],[2001:db8::12],192.0.2.3',
        '',
      ].join('\n'),
    );
  });
});

/** The joined values as the attributes hold them once computed (what Ansible templates them to). */
function rendered(a: string[]): Record<string, string> {
  return { galera_wsrep_cluster_address: a.join(','), galera_loop_address: a.length > 1 ? a.join(',') : '' };
}
