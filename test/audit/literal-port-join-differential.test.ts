// An address glued to a port written as a literal (`addr ~ ':' ~ 80`, `addr ~ ':' ~ '80'`,
// `addr + ':' + '80'`, beside the already handled `addr ~ ':80'` and `{{ addr }}:80`): the audit
// reports each with file:line and the conversion brackets an IPv6 address before the port, rendered
// by Erubis against Ansible's Templar on the original (the same text for IPv4 and names).
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson } from '../helpers/template-compare.js';

const TEMPLATE = [
  "a = {{ api_address ~ ':' ~ 80 }}",
  "b = {{ api_address ~ ':' ~ '80' }}",
  "c = {{ api_address + ':' + '80' }}",
  "d = {{ 'http://' ~ api_address ~ ':' ~ 80 ~ '/v3' }}",
  "{% set e = api_address ~ ':' ~ 3306 %}e = {{ e }}",
  "f = {{ api_address ~ ':80' }}",
  'g = {{ api_address }}:80',
  // Not ports: a path after the colon, an IPv6 literal's own colons.
  "h = {{ api_address ~ ':' ~ '/srv' }}",
  '',
].join('\n');
const FILES = {
  'tasks/main.yml': '- name: write\n  ansible.builtin.template:\n    src: c.conf.j2\n    dest: /etc/c.conf\n',
  'defaults/main.yml': "api_address: '192.0.2.1'\n",
  'templates/c.conf.j2': TEMPLATE,
};
const CASES = ['192.0.2.1', '2001:db8::11', 'api.example.com'];

const tools = requireOrSkip('ruby, erubis and ansible-core', hasTool('ruby') && hasPythonModule('ansible'));

describe('address joined to a literal port: the audit finds each', () => {
  it('reports every literal-port concatenation at its line, and each is rewritten', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const found = r.findings.report!.findings.filter((f) => f.rule === 'address-port-join');
    expect(found.map((f) => [f.span.file, f.span.line, f.fix.startsWith('emitted through A2C::Net.ipwrap')])).toEqual([
      ['templates/c.conf.j2', 1, true],
      ['templates/c.conf.j2', 2, true],
      ['templates/c.conf.j2', 3, true],
      ['templates/c.conf.j2', 4, true],
      ['templates/c.conf.j2', 5, true],
      ['templates/c.conf.j2', 6, true],
      ['templates/c.conf.j2', 7, true],
    ]);
  });

  it('a variable holding the concatenation is reported as rewritten where its attribute is', async () => {
    const r = await convertRole(
      {
        'tasks/main.yml': '- name: show\n  ansible.builtin.debug:\n    msg: "{{ a_port }} {{ b_port }}"\n',
        'defaults/main.yml':
          "api_address: '2001:db8::1'\na_port: \"{{ api_address ~ ':' ~ 80 }}\"\nb_port: \"{{ api_address ~ ':' ~ p }}\"\np: 5\n",
      },
      'demo',
      { kind: 'role' },
    );
    const found = r.findings.report!.findings.filter((f) => f.rule === 'address-port-join');
    expect(found.map((f) => [f.span.line, f.fix.slice(0, 40)])).toEqual([
      [2, 'emitted through A2C::Net.ipwrap on the a'],
      [3, 'emitted through A2C::Net.ipwrap on the a'],
    ]);
    const attrs = outputText(r, 'demo/attributes/default.rb');
    expect(attrs).toContain(`default['demo']['a_port'] = "#{A2C::Net.ipwrap(node['demo']['api_address'])}:80"`);
  });
});

describe.skipIf(!tools)('address joined to a literal port: Ansible vs the converted template', () => {
  it('renders IPv4 and names as Ansible does and brackets an IPv6 address before the port only', async () => {
    const r = await convertRole(FILES, 'demo', { kind: 'role' });
    const erb = outputText(r, 'demo/templates/c.conf.erb');
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      CASES.map((a) => ({ template: TEMPLATE, vars: { api_address: a } })),
    );
    const got = runJson(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      CASES.map((a) => ({ erb, vars: { demo: { api_address: a } }, node_name: 'h' })),
    );
    expect(got[0]).toEqual(want[0]);
    expect(got[2]).toEqual(want[2]);
    expect(want[1]!.out).toBe(
      [
        'a = 2001:db8::11:80',
        'b = 2001:db8::11:80',
        'c = 2001:db8::11:80',
        'd = http://2001:db8::11:80/v3',
        'e = 2001:db8::11:3306',
        'f = 2001:db8::11:80',
        'g = 2001:db8::11:80',
        'h = 2001:db8::11:/srv',
        '',
      ].join('\n'),
    );
    expect(got[1]!.out).toBe(
      [
        'a = [2001:db8::11]:80',
        'b = [2001:db8::11]:80',
        'c = [2001:db8::11]:80',
        'd = http://[2001:db8::11]:80/v3',
        'e = [2001:db8::11]:3306',
        'f = [2001:db8::11]:80',
        'g = [2001:db8::11]:80',
        'h = 2001:db8::11:/srv',
        '',
      ].join('\n'),
    );
  });
});
