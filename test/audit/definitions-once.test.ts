// The variables scan reads every definition once: a file the project reaches twice (an inventory
// named twice in ansible.cfg) gives each of its definitions twice, and they are scanned once (by
// name, file, line and column), while the same name defined at another place is a definition of its
// own. The TLS path variables list has no deduplication of its own, so it shows both.
import { describe, expect, it } from 'vitest';
import { auditInput } from '../../src/audit/audit.js';
import { inputTree } from '../helpers/convert-helpers.js';

const PROJECT = {
  'ansible.cfg': '[defaults]\ninventory = hosts.yml,hosts.yml\n',
  'hosts.yml': [
    'all:',
    '  hosts:',
    '    web1:',
    '  vars:',
    '    web_ssl_cert: /etc/ssl/web.pem',
    '    web_node: rabbit@db1.example.com',
    '',
  ].join('\n'),
  'group_vars/all.yml': 'web_ssl_cert: /etc/ssl/other.pem\n',
  'site.yml': '- hosts: all\n  tasks:\n    - ansible.builtin.debug: msg=hi\n',
};

describe('variables scan', () => {
  it('scans a definition reached twice once, and each place a name is defined', () => {
    const r = auditInput(inputTree(PROJECT)).findings.report!;
    expect(r.pathVariables.map((p) => `${p.expr} ${p.span.file}:${p.span.line}:${p.span.col}`)).toEqual([
      '/etc/ssl/other.pem group_vars/all.yml:1:15',
      '/etc/ssl/web.pem hosts.yml:5:19',
    ]);
    // The Erlang node name resolved through DNS: one finding at its one place.
    expect(r.findings.filter((f) => f.rule === 'name-bind').map((f) => `${f.span.file}:${f.span.line}`)).toEqual(['hosts.yml:6']);
  });
});
