// The audit rule for address lists joined to a port inside one expression (src/audit/list-join.ts):
// which idioms fire, where (file:line:col of the filter), and which do not.
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';

async function joins(files: Record<string, string>) {
  const r = await convertRole(files, 'demo', { kind: 'role' });
  return r.findings.report!.findings.filter((f) => f.rule === 'address-port-join');
}

const TASK = '- name: write\n  ansible.builtin.template:\n    src: a.conf.j2\n    dest: /etc/a.conf\n';
const role = (defaults: string, template = 'url = {{ url }}\n') => ({
  'tasks/main.yml': TASK,
  'defaults/main.yml': defaults,
  'templates/a.conf.j2': template,
});

describe('address lists joined to a port', () => {
  it("reports join(':' ~ port ~ ',') over hosts' ansible_host at the filter's place", async () => {
    const f = await joins(
      role(
        "port: 2181\nurl: \"zk://{{ groups['zk'] | map('extract', hostvars, 'ansible_host') | list | join(':' ~ port ~ ',') }}:{{ port }}\"\n",
      ),
    );
    expect(f.map((x) => [x.span.file, x.span.line, x.span.col, x.severity])).toEqual([['defaults/main.yml', 2, 15, 'warning']]);
    expect(f[0]!.message).toContain("join(':' ~ port ~ ...)");
    expect(f[0]!.message).toContain('ansible_host');
  });
  it('reports an IPv6 list literal as IPv6, and an IPv4 one as info', async () => {
    const v6 = await joins(role("addrs: ['2001:db8::1', '2001:db8::2']\nurl: \"{{ addrs | join(':2181,') }}:2181\"\n"));
    expect(v6.map((x) => [x.span.line, x.severity])).toEqual([[2, 'warning']]);
    expect(v6[0]!.message).toContain('IPv6');
    const v4 = await joins(role("addrs: ['192.0.2.1']\nurl: \"{{ addrs | join(':2181,') }}:2181\"\n"));
    expect(v4.map((x) => x.severity)).toEqual(['info']);
  });
  it("reports map('regex_replace', '(.+)', '\\1:' ~ port) and map('regex_replace', '$', ':' ~ port)", async () => {
    const a = await joins(
      role(
        "memcached_port: 11211\nurl: \"{{ groups['mc'] | map('extract', hostvars, 'management_address') | map('regex_replace', '(.+)', '\\\\1:' ~ memcached_port) | join(',') }}\"\n",
      ),
    );
    expect(a.map((x) => [x.span.line, x.severity, x.byName])).toEqual([[2, 'warning', true]]);
    const b = await joins(
      role("server_ips: ['2001:db8::1']\nurl: \"{{ server_ips | map('regex_replace', '$', ':' ~ 80) | join(',') }}\"\n"),
    );
    expect(b.map((x) => x.span.line)).toEqual([2]);
    // No faithful rewrite of a regular expression replacement: the warning says it stays as written.
    expect(b[0]!.fix).toMatch(/^not rewritten \(no faithful rewrite of this idiom\)/);
  });
  it("plans the join's fix: the translated join's items go through A2C::Net.ipwrap, a plain join stays", async () => {
    const r = await convertRole(
      role(
        "port: 2181\nzk: ['2001:db8::1']\nnames: ['a']\n",
        "a = {{ zk | join(':' ~ port ~ ',') }}:{{ port }}\nb = {{ names | join(':' ~ port ~ ',') }}\n",
      ),
      'demo',
      { kind: 'role' },
    );
    const f = r.findings.report!.findings.filter((x) => x.rule === 'address-port-join');
    expect(f.map((x) => [x.span.line, x.fix.startsWith('emitted through A2C::Net.ipwrap on each address')])).toEqual([[1, true]]);
    const erb = outputText(r, 'demo/templates/a.conf.erb').split('\n');
    // A list of strings joins natively (Array#join); its receiver is wrapped.
    expect(erb[0]).toContain("A2C::Net.ipwrap(node['demo']['zk']).join(\":#{node['demo']['port']},\")");
    expect(erb[1]).not.toContain('ipwrap');
  });
  it("reports zip(ports) | map('join', ':') and format('%s:%s', addr, port)", async () => {
    const z = await joins(role("vips: ['2001:db8::1']\nports: [80]\nurl: \"{{ vips | zip(ports) | map('join', ':') | join(',') }}\"\n"));
    expect(z.map((x) => x.span.line)).toEqual([3]);
    const f = await joins(role("vip: '2001:db8::1'\nurl: \"{{ '%s:%s' | format(vip, 443) }}\"\n"));
    expect(f.map((x) => [x.span.line, x.severity])).toEqual([[2, 'warning']]);
  });
  it('does not report wrapped elements, other separators, or lists that are not addresses', async () => {
    const none = [
      "addrs: ['2001:db8::1']\nurl: \"{{ addrs | map('ansible.utils.ipwrap') | join(':2181,') }}:2181\"\n",
      "addrs: ['2001:db8::1']\nurl: \"{{ addrs | join(',') }}\"\n",
      "names: ['a', 'b']\nurl: \"{{ names | join(':2181,') }}\"\n",
      "addrs: ['2001:db8::1']\nurl: \"{{ addrs | join('::') }}\"\n",
    ];
    for (const d of none) expect(await joins(role(d)), d).toEqual([]);
  });
});
