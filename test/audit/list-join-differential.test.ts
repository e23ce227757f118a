// A list of addresses joined to a port (`addrs | join(':' ~ port ~ ',')`), converted whole (audit,
// fix plan, translation) and rendered by Erubis, against Ansible's Templar on the original: the
// same text for IPv4 addresses, each address bracketed for IPv6, and the audit has reported it.
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson } from '../helpers/template-compare.js';

const TEMPLATE = "[coordination]\nbackend_url = zookeeper://{{ zk_addrs | join(':' ~ zk_port ~ ',') }}:{{ zk_port }}\n";
const FILES = {
  'tasks/main.yml': '- name: write\n  ansible.builtin.template:\n    src: c.conf.j2\n    dest: /etc/c.conf\n',
  'defaults/main.yml': "zk_addrs: ['192.0.2.1']\nzk_port: 2181\n",
  'templates/c.conf.j2': TEMPLATE,
};
const CASES = [
  ['192.0.2.1', '192.0.2.2'],
  ['2001:db8::1', '2001:db8::2', '2001:db8::3'],
  ['2001:db8::1', 'zk1.example.com', '192.0.2.3'],
];

const tools = requireOrSkip('ruby, erubis and ansible-core', hasTool('ruby') && hasPythonModule('ansible'));

describe.skipIf(!tools)('join(":" ~ port ~ ",") over addresses: Ansible vs the converted template', () => {
  it('renders IPv4 as Ansible does and brackets each IPv6 address, with the finding reported', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const found = r.findings.report!.findings.filter((f) => f.rule === 'address-port-join');
    expect(found.map((f) => [f.span.file, f.span.line, f.fix.startsWith('emitted through A2C::Net.ipwrap')])).toEqual([
      ['templates/c.conf.j2', 2, true],
    ]);
    expect(outputText(r, 'CONVERSION.md')).toContain("join(':' ~ port ~ ...): each address -> A2C::Net.ipwrap(...)");
    const erb = outputText(r, 'demo/templates/c.conf.erb');
    expect(erb).toContain('A2C::Net.ipwrap(');

    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      CASES.map((addrs) => ({ template: TEMPLATE, vars: { zk_addrs: addrs, zk_port: 2181 } })),
    );
    const got = runJson(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      CASES.map((addrs) => ({ erb, vars: { demo: { zk_addrs: addrs, zk_port: 2181 } }, node_name: 'h' })),
    );
    // IPv4: the very text Ansible writes.
    expect(got[0]).toEqual(want[0]);
    expect(got[0]!.out).toContain('zookeeper://192.0.2.1:2181,192.0.2.2:2181\n');
    // IPv6: Ansible glues the port to the bare address; the conversion brackets each one.
    expect(want[1]!.out).toContain('zookeeper://2001:db8::1:2181,2001:db8::2:2181,2001:db8::3:2181\n');
    expect(got[1]!.out).toContain('zookeeper://[2001:db8::1]:2181,[2001:db8::2]:2181,[2001:db8::3]:2181\n');
    // Mixed: only the IPv6 address changes; names and IPv4 addresses stay as Ansible writes them.
    expect(got[2]!.out).toBe(want[2]!.out!.replace('2001:db8::1:', '[2001:db8::1]:'));
  });
});
