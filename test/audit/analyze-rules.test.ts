// The IPv6/TLS audit, one rule at a time, on small inline roles: what fires, where, and what the
// translated template or recipe looks like afterwards. The audit runs before translation (its fixes
// are applied where the translator emits each node); `ansible2chef audit` runs it alone and must
// find the same.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditInput, type AuditOptions } from '../../src/audit/audit.js';
import { printErb } from '../../src/print/print-erb.js';
import type { RuleId } from '../../src/audit/index.js';
import { convertRole } from '../helpers/convert-helpers.js';
import { inputTree } from '../helpers/convert-helpers.js';
import { convert } from '../../src/convert.js';
import { RULES } from '../../src/audit/findings.js';
import { readLikeCli } from '../helpers/golden.js';

async function audit(files: Record<string, string>, opts: AuditOptions = {}) {
  const r = await convertRole(files, 'demo', {
    kind: 'role',
    ...(opts.ipv6Only ? { ipv6Only: true } : {}),
    ...(opts.tlsPolicy ? { tlsPolicy: opts.tlsPolicy } : {}),
  });
  const findings = r.findings.report!.findings;
  const alone = auditInput(inputTree(files), { kind: 'role', rootName: 'demo', ...opts });
  // Nothing in these cases lacks a translated counterpart: the audit alone reports the same, its
  // rewrites marked as planned.
  const { planned, ...same } = alone.findings.json as Record<string, unknown>;
  expect(planned).toBe(true);
  expect(same).toEqual(r.findings.json);
  const rules = (id: RuleId) => findings.filter((f) => f.rule === id);
  const erb = (name: string) => {
    const t = r.cookbooks.flatMap((c) => c.templates).find((x) => x.path === name);
    if (!t) throw new Error(`${name} not translated`);
    return printErb(t.body);
  };
  return { r, findings, rules, erb, alone };
}

const TASK = (src: string) => `- name: write\n  ansible.builtin.template:\n    src: ${src}\n    dest: /etc/${src}\n`;

describe('address:port joins', () => {
  it('brackets an IPv6 variable joined to a port, through ipwrap, once', async () => {
    const a = await audit({
      'tasks/main.yml': TASK('a.conf.j2'),
      'defaults/main.yml': 'vip: "2001:db8::10"\nport: 443\n',
      'templates/a.conf.j2': 'bind {{ vip }}:{{ port }}\n',
    });
    expect(a.rules('address-port-join').map((f) => [f.span.line, f.span.col, f.severity])).toEqual([[1, 6, 'warning']]);
    expect(a.erb('a.conf.erb')).toContain("bind <%= A2C::Net.ipwrap(node['demo']['vip']) %>:");
    expect(a.erb('a.conf.erb').match(/ipwrap/g)).toHaveLength(1);
  });
  it('reports an IPv4 literal as info and still leaves it unbracketed at run time', async () => {
    const a = await audit({
      'tasks/main.yml': TASK('a.conf.j2'),
      'defaults/main.yml': 'db_host: 192.0.2.5\n',
      'templates/a.conf.j2': 'url = {{ db_host }}:5432\n',
    });
    expect(a.rules('address-port-join').map((f) => f.severity)).toEqual(['info']);
  });
  it('does not flag an already bracketed join, ipwrap, or a host name', async () => {
    const a = await audit({
      'tasks/main.yml': TASK('a.conf.j2'),
      'defaults/main.yml': 'vip: "2001:db8::10"\nsrv: db1.example.com\n',
      'templates/a.conf.j2': 'bind [{{ vip }}]:80\nb = {{ vip | ansible.utils.ipwrap }}:80\nc = {{ srv }}:80\nlisten [::]:80\n',
    });
    expect(a.rules('address-port-join')).toEqual([]);
    expect(a.findings).toEqual([]);
  });
  it('follows value flow through variables and facts, and falls back to the name', async () => {
    const a = await audit({
      'tasks/main.yml': TASK('a.conf.j2'),
      'defaults/main.yml': 'bind_ip: "{{ ansible_default_ipv6.address }}"\nmy_vip: "{{ lookup_vip }}"\n',
      'templates/a.conf.j2': 'x = {{ bind_ip }}:1\ny = {{ some_address }}:2\nz = {{ item_count }}:3\n',
    });
    const joins = a.rules('address-port-join');
    expect(joins.map((f) => [f.span.line, !!f.byName])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
  it('finds joins in YAML values and rewrites the attribute', async () => {
    const a = await audit({
      'tasks/main.yml': '- ansible.builtin.debug: msg=hi\n',
      'defaults/main.yml': 'galera_address: "2001:db8::5"\ngalera_port_address: "{{ galera_address }}:3306"\n',
    });
    expect(a.rules('address-port-join').map((f) => f.span)).toEqual([{ file: 'defaults/main.yml', line: 2, col: 23 }]);
    const attr = a.r.cookbooks[0]!.attributes.find((x) => x.path[1] === 'galera_port_address')!;
    expect(JSON.stringify(attr.value)).toContain('"ipwrap"');
  });
  it('leaves RabbitMQ listeners alone (they take ::1:5672)', async () => {
    const a = await audit({
      'tasks/main.yml': TASK('r.conf.j2'),
      'defaults/main.yml': 'addr: "::"\n',
      'templates/r.conf.j2': 'listeners.ssl.default = {{ addr }}:5671\n',
    });
    expect(a.rules('address-port-join')).toEqual([]);
  });
});

describe('bracket-required keys', () => {
  it('wraps iscsi_ip_address in a template and reports it', async () => {
    const a = await audit({
      'tasks/main.yml': TASK('c.conf.j2'),
      'defaults/main.yml': 'addr: "2001:db8::31"\n',
      'templates/c.conf.j2': 'iscsi_ip_address = {{ addr }}\nmy_ip = {{ addr }}\n',
    });
    expect(a.rules('bracket-key').map((f) => f.span.line)).toEqual([1]);
    expect(a.erb('c.conf.erb')).toMatch(/^iscsi_ip_address = <%= A2C::Net\.ipwrap\(/);
    const myIp = a.erb('c.conf.erb').split('\n')[1]!;
    expect(myIp).toBe(`my_ip = <%= node['demo']['addr'] %><%= node['demo']['addr'].end_with?("\\n") ? '' : "\\n" %>`);
    expect(myIp).not.toContain('ipwrap');
  });
  it('wraps an ini_file value and leaves a bracketed one alone', async () => {
    const ini = (v: string) =>
      `- community.general.ini_file:\n    path: /etc/c.conf\n    section: DEFAULT\n    option: target_ip_address\n    value: "${v}"\n`;
    const bad = await audit({ 'tasks/main.yml': ini('{{ addr }}'), 'defaults/main.yml': 'addr: "::1"\n' });
    expect(bad.rules('bracket-key')).toHaveLength(1);
    const res = JSON.stringify(bad.r.cookbooks[0]!.recipes[0]!.stmts);
    expect(res).toContain('"ipwrap"');
    const good = await audit({ 'tasks/main.yml': ini('[{{ addr }}]'), 'defaults/main.yml': 'addr: "::1"\n' });
    expect(good.rules('bracket-key')).toEqual([]);
  });
});

describe('IPv4-only binds', () => {
  const files = {
    'tasks/main.yml': TASK('s.conf.j2'),
    'defaults/main.yml': 'svc_bind_address: "{{ openstack_bind | default(\'0.0.0.0\') }}"\nlocal_ip: 127.0.0.1\n',
    'templates/s.conf.j2': 'bind_host = {{ svc_bind_address }}\nlisten {{ local_ip }}:8080\nbind 127.0.0.1:9000\nlisten [::]:80\n',
  };
  it('reports 0.0.0.0, 127.0.0.1 and literal binds where they are written', async () => {
    const a = await audit(files);
    expect(a.rules('ipv4-bind').map((f) => `${f.span.file}:${f.span.line}`)).toEqual([
      'defaults/main.yml:1',
      'defaults/main.yml:2',
      'templates/s.conf.j2:3',
    ]);
    expect(a.erb('s.conf.erb')).toContain('bind 127.0.0.1:9000');
  });
  it('rewrites them with --ipv6-only and lists every rewrite', async () => {
    const a = await audit(files, { ipv6Only: true });
    expect(a.erb('s.conf.erb')).toContain('bind [::1]:9000');
    expect(a.erb('s.conf.erb')).toContain('listen [::]:80');
    const attrs = a.r.cookbooks[0]!.attributes;
    expect(JSON.stringify(attrs.find((x) => x.path[1] === 'svc_bind_address')!.value)).toContain('"v":"::"');
    expect(JSON.stringify(attrs.find((x) => x.path[1] === 'local_ip')!.value)).toBe('{"k":"str","v":"::1"}');
    expect(a.r.findings.report!.rewrites.map((x) => x.change)).toEqual(
      expect.arrayContaining(["'0.0.0.0' -> ::", "'127.0.0.1' -> ::1", "'127.0.0.1' -> '[::1]'"]),
    );
  });
  it('reports ansible_default_ipv4 and the ipv4 filter in bind contexts, not elsewhere', async () => {
    const a = await audit({
      'tasks/main.yml': TASK('f.conf.j2'),
      'templates/f.conf.j2':
        'listen_address = {{ ansible_default_ipv4.address }}\nbind_address = {{ addrs | ansible.utils.ipv4 | first }}\nmy_ip = {{ ansible_default_ipv4.address }}\n',
    });
    expect(a.rules('ipv4-bind').map((f) => f.span.line)).toEqual([1, 2]);
  });
});

describe('binds that depend on name resolution', () => {
  it('reports a service bound to its host name and an Erlang node name', async () => {
    const a = await audit({
      'tasks/main.yml': TASK('m.conf.j2'),
      'defaults/main.yml': 'mgmt_listen: "{{ ansible_hostname }}"\nrabbitmq_nodename: rabbit@mq1.example.com\n',
      'templates/m.conf.j2': 'management.tcp.ip = {{ mgmt_listen }}\nNODENAME=rabbit@{{ inventory_hostname }}\n',
    });
    expect(a.rules('name-bind').map((f) => `${f.span.file}:${f.span.line}`)).toEqual([
      'defaults/main.yml:1',
      'defaults/main.yml:2',
      'templates/m.conf.j2:2',
    ]);
  });
  it('does not report localhost', async () => {
    const a = await audit({
      'tasks/main.yml': '- ansible.builtin.debug: msg=hi\n',
      'defaults/main.yml': 'rabbitmq_nodename: rabbit@localhost\nsvc_bind_host: localhost\n',
    });
    expect(a.rules('name-bind')).toEqual([]);
  });
});

describe('TLS', () => {
  const files = {
    'tasks/main.yml': TASK('h.cfg.j2'),
    'defaults/main.yml': 'vip: "2001:db8::1"\nhaproxy_ssl_cert: /etc/pki/h.pem\nper_vip_cert: "/etc/pki/{{ vip }}.pem"\n',
    'templates/h.cfg.j2':
      'bind [{{ vip }}]:443 ssl crt {{ haproxy_ssl_cert }} ca-file /etc/pki/ca.pem\nbind [{{ vip }}]:8443 ssl crt {{ per_vip_cert }}\nauth_url = http://{{ vip }}:5000\n',
  };
  it('ties certificate and CA paths to their endpoint, with attribute paths', async () => {
    const a = await audit(files);
    const eps = a.r.findings.report!.endpoints;
    expect(eps[0]).toMatchObject({ address: 'vip', port: '443', tls: true });
    expect(eps[0]!.paths.map((p) => [p.kind, p.expr, p.attributes])).toEqual([
      ['cert', '{{ haproxy_ssl_cert }}', ["node['demo']['haproxy_ssl_cert']"]],
      ['ca', '/etc/pki/ca.pem', []],
    ]);
    expect(a.r.findings.report!.pathVariables.map((p) => p.attributes[0])).toEqual(["node['demo']['haproxy_ssl_cert']"]);
  });
  it('flags a certificate named after an IPv6 address and plain http beside TLS', async () => {
    const a = await audit(files);
    expect(a.rules('cert-from-address').map((f) => f.span.line)).toEqual([2]);
    expect(a.rules('plain-http').map((f) => f.span.line)).toEqual([3]);
  });
  it('does not report plain http when no endpoint is TLS', async () => {
    const a = await audit({
      'tasks/main.yml': TASK('p.j2'),
      'defaults/main.yml': 'vip: "2001:db8::1"\n',
      'templates/p.j2': 'url = http://[{{ vip }}]:80/\n',
    });
    expect(a.rules('plain-http')).toEqual([]);
  });
});

describe('self-signed material', () => {
  const files = {
    'tasks/main.yml': [
      '- community.crypto.x509_certificate:',
      '    path: /etc/ssl/c.pem',
      '    privatekey_path: /etc/ssl/k.pem',
      '    provider: selfsigned',
      '- ansible.builtin.command: openssl req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem',
      '- ansible.builtin.command: make-ssl-cert generate-default-snakeoil',
      '- ansible.builtin.debug: msg=hi',
      '',
    ].join('\n'),
    'defaults/main.yml': 'web_ssl_cert: /etc/ssl/certs/ssl-cert-snakeoil.pem\nweb_ssl_key: /etc/pki/web.key\n',
  };
  it('is one diagnostic per place, a warning by default', async () => {
    const a = await audit(files);
    expect(a.rules('self-signed').map((f) => `${f.span.file}:${f.span.line}`)).toEqual([
      'defaults/main.yml:1',
      'tasks/main.yml:4',
      'tasks/main.yml:5',
      'tasks/main.yml:6',
    ]);
    const diags = a.r.diagnostics.filter((d) => d.code === 'A2C-TLS-SELFSIGNED');
    expect(diags.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning', 'warning']);
    expect(a.alone.diagnostics.filter((d) => d.code === 'A2C-TLS-SELFSIGNED').map((d) => d.span)).toEqual(diags.map((d) => d.span));
    expect(a.r.findings.violations).toBe(0);
  });
  it('is an error under the strict policy', async () => {
    const a = await audit(files, { tlsPolicy: 'strict' });
    expect(a.r.diagnostics.filter((d) => d.code === 'A2C-TLS-SELFSIGNED').map((d) => d.severity)).toEqual([
      'error',
      'error',
      'error',
      'error',
    ]);
    expect(a.alone.diagnostics.filter((d) => d.code === 'A2C-TLS-SELFSIGNED').map((d) => d.severity)).toEqual([
      'error',
      'error',
      'error',
      'error',
    ]);
    expect(a.r.findings.violations).toBe(4);
  });
});

// The bundled example's audit is a golden case (test/golden/example/); these are the properties the
// example exists to show.
describe('the bundled example', () => {
  const example = () => readLikeCli(resolve(import.meta.dirname, '../../playbooks'));

  it('fires every rule', () => {
    const { tree, options } = example();
    const counts = (auditInput(tree, options).findings.json as { counts: Record<string, number> }).counts;
    expect(Object.keys(counts)).toEqual(Object.keys(RULES));
    for (const [rule, n] of Object.entries(counts)) expect(n, rule).toBeGreaterThan(0);
  });

  it('reports the audit the `audit` command prints, and brackets iscsi_ip_address in cinder.conf', async () => {
    const { tree, options } = example();
    const converted = await convert(tree, options);
    // No fix lacked a counterpart: the conversion's report is the audit's, its rewrites made rather
    // than planned.
    expect(converted.findings.markdown).toBe(
      auditInput(tree, options).findings.markdown.replace(
        '### What the conversion changes\n\nPlanned: a fix whose template or task is not converted is listed as not rewritten in CONVERSION.md.\n',
        '### What the conversion changed\n',
      ),
    );
    expect(converted.findings.report!.notRewritten).toEqual([]);
    const t = converted.cookbooks.find((c) => c.name === 'cinder')!.templates.find((x) => x.path === 'cinder.conf.erb')!;
    expect(printErb(t.body)).toMatch(/^iscsi_ip_address = <%= A2C::Net\.ipwrap\(node\['cinder'\]\['storage_address'\]\) %>$/m);
  });
});
