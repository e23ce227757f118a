// A URL naming an address without a port (`'https://' + external_lb_vip_address`, glance's CORS
// allowed_origin; `http://{{ addr }}/path`): RFC 3986 wants an IPv6 literal in brackets there too. The
// audit reports each place with file:line (A2C-IPV6-JOIN, "URL host") and the conversion emits the
// address through A2C::Net.ipwrap; rendered by Erubis against Ansible's Templar on the original: the same
// text for IPv4 and names, the IPv6 address bracketed.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson } from '../helpers/template-compare.js';

const TEMPLATE = [
  'a = http://{{ api_address }}/v3',
  "b = {{ 'https://' ~ api_address }}",
  "c = {{ proto | default('http') + '://' + api_address + '/v3' }}",
  "{% set u = 'https://user@' ~ api_address %}d = {{ u }}",
  // Not a URL's whole host, or bracketed already: left alone.
  "e = {{ 'http://' ~ api_address ~ '.example.com' }} f = http://[{{ api_address }}]/ g = {{ 'http://' ~ api_address ~ ':' ~ api_port }}",
  '',
].join('\n');
const ORIGIN = "{{ proto | default('http') + '://' + api_address }}";
const FILES = {
  'tasks/main.yml': '- name: write\n  ansible.builtin.template:\n    src: c.conf.j2\n    dest: /etc/c.conf\n',
  'defaults/main.yml': `api_address: '192.0.2.1'\napi_port: 80\nproto: https\norigin: "${ORIGIN}"\n`,
  'templates/c.conf.j2': TEMPLATE,
};
const CASES = ['192.0.2.1', '2001:db8:30::10', 'api.example.com'];

const tools = requireOrSkip('ruby, erubis and ansible-core', hasTool('ruby') && hasPythonModule('ansible'));

describe('URL host without a port: the audit finds it', () => {
  it('reports each URL host at file:line, in templates and variables, and rewrites each', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const found = r.findings.report!.findings.filter((f) => f.rule === 'address-port-join');
    expect(
      found.map((f) => [f.span.file, f.span.line, /URL host/.test(f.message), f.fix.startsWith('emitted through A2C::Net.ipwrap')]),
    ).toEqual([
      ['defaults/main.yml', 4, true, true],
      ['templates/c.conf.j2', 1, true, true],
      ['templates/c.conf.j2', 2, true, true],
      ['templates/c.conf.j2', 3, true, true],
      ['templates/c.conf.j2', 4, true, true],
      // g: the address before a port, the concatenation rule's finding.
      ['templates/c.conf.j2', 5, false, true],
    ]);
    expect(outputText(r, 'demo/attributes/default.rb')).toContain("'://' + A2C::Net.ipwrap(node['demo']['api_address'])");
  });
});

describe.skipIf(!tools)('URL host without a port: Ansible vs the converted template', () => {
  it('renders IPv4 and names as Ansible does and brackets an IPv6 URL host', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const erb = outputText(r, 'demo/templates/c.conf.erb');
    const vars = (a: string) => ({ api_address: a, api_port: 80, proto: 'https' });
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      CASES.map((a) => ({ template: TEMPLATE, vars: vars(a) })),
    );
    const got = runJson(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      CASES.map((a) => ({ erb, vars: { demo: vars(a) }, node_name: 'h' })),
    );
    expect(got[0]).toEqual(want[0]);
    expect(got[2]).toEqual(want[2]);
    expect(want[1]!.out).toBe(
      [
        'a = http://2001:db8:30::10/v3',
        'b = https://2001:db8:30::10',
        'c = https://2001:db8:30::10/v3',
        'd = https://user@2001:db8:30::10',
        'e = http://2001:db8:30::10.example.com f = http://[2001:db8:30::10]/ g = http://2001:db8:30::10:80',
        '',
      ].join('\n'),
    );
    expect(got[1]!.out).toBe(
      [
        'a = http://[2001:db8:30::10]/v3',
        'b = https://[2001:db8:30::10]',
        'c = https://[2001:db8:30::10]/v3',
        'd = https://user@[2001:db8:30::10]',
        'e = http://2001:db8:30::10.example.com f = http://[2001:db8:30::10]/ g = http://[2001:db8:30::10]:80',
        '',
      ].join('\n'),
    );
  });

  it("evaluates the variable's converted value as Ansible templates the original", async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const line = outputText(r, 'demo/attributes/default.rb')
      .split('\n')
      .find((l) => l.startsWith("default['demo']['origin'] = "))!;
    const rhs = line.slice("default['demo']['origin'] = ".length);
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      CASES.map((a) => ({ template: ORIGIN, vars: { api_address: a, proto: 'https' } })),
    ).map((x) => x.out);
    const script = [
      "require 'json'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_jinja'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_net'",
      'out = JSON.parse($stdin.read).map do |a|',
      "  node = { 'demo' => { 'api_address' => a, 'proto' => 'https' } }",
      `  ${rhs}`,
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const got = JSON.parse(execFileSync('ruby', ['-e', script], { input: JSON.stringify(CASES), encoding: 'utf8', timeout: 120_000 }));
    expect(got[0]).toBe(want[0]);
    expect(got[2]).toBe(want[2]);
    expect(want[1]).toBe('https://2001:db8:30::10');
    expect(got[1]).toBe('https://[2001:db8:30::10]');
  });
});
