// An address glued to a port by concatenation inside one expression (`addr ~ ':' ~ port`, `addr +
// ':' + port`), in a `{{ }}` output and in a `{% set %}` (HAProxy's backend `server` entries in
// openstack-ansible's service.j2: `entry.append(__ip_addr + ":" + __backend_port)`), converted whole
// and rendered by Erubis against Ansible's Templar on the original: the same text for IPv4 and names,
// the IPv6 address bracketed, and the audit reports each place with file:line.
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson } from '../helpers/template-compare.js';

const TEMPLATE = [
  "url = {{ 'http://' ~ api_address ~ ':' ~ api_port }}",
  "{% set entry = ['server', 'b1'] %}{% set _ = entry.append(api_address + ':' + api_port | string) %}{{ entry | join(' ') }}",
  "{% set self_url = 'https://' ~ api_address ~ ':9292' %}self = {{ self_url }}",
  "scheme = {{ 'http://' ~ api_address }}",
  '',
].join('\n');
const FILES = {
  'tasks/main.yml': '- name: write\n  ansible.builtin.template:\n    src: c.conf.j2\n    dest: /etc/c.conf\n',
  'defaults/main.yml': "api_address: '192.0.2.1'\napi_port: 5000\n",
  'templates/c.conf.j2': TEMPLATE,
};
const CASES = ['192.0.2.1', '2001:db8::11', 'api.example.com'];

const tools = requireOrSkip('ruby, erubis and ansible-core', hasTool('ruby') && hasPythonModule('ansible'));

describe('addr ~ ":" ~ port: the audit finds the concatenation', () => {
  it('reports each concatenation gluing a port, in outputs and set statements, and rewrites each', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const found = r.findings.report!.findings.filter((f) => f.rule === 'address-port-join');
    expect(found.map((f) => [f.span.file, f.span.line, f.fix.startsWith('emitted through A2C::Net.ipwrap')])).toEqual([
      ['templates/c.conf.j2', 1, true],
      ['templates/c.conf.j2', 2, true],
      ['templates/c.conf.j2', 3, true],
      // `'http://' ~ api_address`: a URL's whole host (the URL-host rule).
      ['templates/c.conf.j2', 4, true],
    ]);
    expect(outputText(r, 'CONVERSION.md')).toContain("addr ~ ':' ~ port: the address -> A2C::Net.ipwrap(...)");
  });
});

describe.skipIf(!tools)('addr ~ ":" ~ port: Ansible vs the converted template', () => {
  it('renders IPv4 and names as Ansible does and brackets an IPv6 address before the port only', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const erb = outputText(r, 'demo/templates/c.conf.erb');
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      CASES.map((a) => ({ template: TEMPLATE, vars: { api_address: a, api_port: 5000 } })),
    );
    const got = runJson(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      CASES.map((a) => ({ erb, vars: { demo: { api_address: a, api_port: 5000 } }, node_name: 'h' })),
    );
    // IPv4 and a host name: the very text Ansible writes.
    expect(got[0]).toEqual(want[0]);
    expect(got[2]).toEqual(want[2]);
    expect(got[0]!.out).toBe(
      'url = http://192.0.2.1:5000\nserver b1 192.0.2.1:5000\nself = https://192.0.2.1:9292\nscheme = http://192.0.2.1\n',
    );
    // IPv6: Ansible glues the port to the bare address; the conversion brackets it where a port follows,
    // and where it is a URL's whole host (RFC 3986; test/audit/url-host-differential.test.ts).
    expect(want[1]!.out).toBe(
      'url = http://2001:db8::11:5000\nserver b1 2001:db8::11:5000\nself = https://2001:db8::11:9292\nscheme = http://2001:db8::11\n',
    );
    expect(got[1]!.out).toBe(
      'url = http://[2001:db8::11]:5000\nserver b1 [2001:db8::11]:5000\nself = https://[2001:db8::11]:9292\nscheme = http://[2001:db8::11]\n',
    );
  });
});
