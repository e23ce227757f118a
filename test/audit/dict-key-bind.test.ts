// An IPv4 bind held as a dict key (openstack-ansible's rabbitmq_server: `rabbitmq_port_bindings:
// {ssl_listeners: {'0.0.0.0': 5671}}`, written by a template loop over `.items()` as
// `listeners.ssl.1 = 0.0.0.0:5671`): reported as A2C-IPV6-IPV4-BIND at the key's definition, and under
// --ipv6-only the key becomes '::'. RabbitMQ's listener lines take the address unbracketed (its parser
// splits at the last colon), so the join is not bracketed: Ansible and the converted ERB write the same.
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson } from '../helpers/template-compare.js';

const TEMPLATE = [
  '{% for key, value in rabbitmq_port_bindings.items() %}',
  "{%   if 'tcp' in key %}",
  "{%     set _opt = 'tcp' %}",
  '{%   else %}',
  "{%     set _opt = 'ssl' %}",
  '{%   endif %}',
  '{%   for _key, _value in value.items() %}',
  'listeners.{{ _opt }}.{{ loop.index }} = {{ _key }}:{{ _value }}',
  '{%   endfor %}',
  '{% endfor %}',
  '',
].join('\n');
const FILES = {
  'tasks/main.yml': '- name: write\n  ansible.builtin.template:\n    src: rabbitmq.conf.j2\n    dest: /etc/rabbitmq/rabbitmq.conf\n',
  'defaults/main.yml': [
    'rabbitmq_port_bindings:',
    '  ssl_listeners:',
    '    "0.0.0.0": 5671',
    '  tcp_listeners:',
    '    "127.0.0.1": 5672',
    '',
  ].join('\n'),
  'templates/rabbitmq.conf.j2': TEMPLATE,
};

const tools = requireOrSkip('ruby, erubis and ansible-core', hasTool('ruby') && hasPythonModule('ansible'));

describe('an IPv4 bind held as a dict key', () => {
  it("is reported at the key's definition, and rewritten only under --ipv6-only", async () => {
    for (const ipv6Only of [false, true]) {
      const r = await convertRole(FILES, 'demo', { kind: 'role', ipv6Only });
      const binds = r.findings.report!.findings.filter((f) => f.rule === 'ipv4-bind');
      expect(binds.map((f) => [f.span.file, f.span.line, f.fix])).toEqual([
        ['defaults/main.yml', 3, ipv6Only ? 'rewritten to :: (--ipv6-only)' : 'bind to :: (--ipv6-only rewrites it)'],
        ['defaults/main.yml', 5, ipv6Only ? 'rewritten to ::1 (--ipv6-only)' : 'bind to ::1 (--ipv6-only rewrites it)'],
      ]);
      // RabbitMQ's listener lines are exempt from brackets: no join finding, no ipwrap.
      expect(r.findings.report!.findings.filter((f) => f.rule === 'address-port-join')).toEqual([]);
      const attrs = outputText(r, 'demo/attributes/default.rb');
      expect(attrs).toContain(ipv6Only ? "'ssl_listeners' => { '::' => 5671 }," : "'ssl_listeners' => { '0.0.0.0' => 5671 },");
      expect(attrs).toContain(ipv6Only ? "'tcp_listeners' => { '::1' => 5672 }," : "'tcp_listeners' => { '127.0.0.1' => 5672 },");
    }
  });
});

describe.skipIf(!tools)('an IPv4 bind held as a dict key: Ansible vs the converted template', () => {
  it('writes the same listener lines, IPv4 and the rewritten IPv6 keys alike', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role', ipv6Only: true });
    const erb = outputText(r, 'demo/templates/rabbitmq.conf.erb');
    expect(erb).not.toContain('ipwrap');
    const cases = [
      { ssl_listeners: { '0.0.0.0': 5671 }, tcp_listeners: { '127.0.0.1': 5672 } },
      { ssl_listeners: { '::': 5671 }, tcp_listeners: { '::1': 5672 } },
    ];
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      cases.map((b) => ({ template: TEMPLATE, vars: { rabbitmq_port_bindings: b } })),
    );
    const got = runJson(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      cases.map((b) => ({ erb, vars: { demo: { rabbitmq_port_bindings: b } }, node_name: 'h' })),
    );
    expect(got).toEqual(want);
    expect(want[1]!.out).toBe('listeners.ssl.1 = :::5671\nlisteners.tcp.1 = ::1:5672\n');
  });
});
