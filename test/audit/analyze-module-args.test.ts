// IPv4-only binds given through literal module arguments (ini_file option/value, lineinfile line,
// config_template overrides, copy content) are audited by the same bind rules as templates
// (mappings/ipv6.toml), reported at the value's line:col, and rewritten by --ipv6-only.
import { describe, expect, it } from 'vitest';
import { convertRole, formatDiagnostic, outputText, recipeBody } from '../helpers/convert-helpers.js';

const TASKS = [
  '- name: ini',
  '  community.general.ini_file:',
  '    path: /etc/svc.conf',
  '    section: DEFAULT',
  '    option: bind_host',
  '    value: 0.0.0.0',
  '- name: ini, not a bind option',
  '  community.general.ini_file: path=/etc/svc.conf section=DEFAULT option=peer value=0.0.0.0',
  '- name: line',
  '  ansible.builtin.lineinfile:',
  '    path: /etc/svc.conf',
  '    line: "bind_host = 127.0.0.1"',
  '- name: overrides',
  '  openstack.config_template.config_template:',
  '    dest: /etc/svc2.conf',
  '    config_type: ini',
  '    content: ""',
  '    config_overrides:',
  '      DEFAULT:',
  '        bind_host: 0.0.0.0',
  '        peer: 0.0.0.0',
  '- name: content',
  '  ansible.builtin.copy:',
  '    dest: /etc/svc3.conf',
  '    content: |',
  '      [DEFAULT]',
  '      bind_host = 0.0.0.0',
  '      peer = 0.0.0.0',
  '',
].join('\n');

const binds = (r: Awaited<ReturnType<typeof convertRole>>) =>
  r.diagnostics.filter((d) => d.code === 'A2C-IPV6-IPV4-BIND').map(formatDiagnostic);

describe('IPv4-only binds in literal module arguments', () => {
  it('are reported at the value, with the bind rules of templates', async () => {
    const r = await convertRole({ 'tasks/main.yml': TASKS });
    expect(binds(r)).toEqual([
      'tasks/main.yml:6:12: warning A2C-IPV6-IPV4-BIND `bind_host = 0.0.0.0` binds to the IPv4-only address 0.0.0.0',
      'tasks/main.yml:12:11: warning A2C-IPV6-IPV4-BIND `bind_host = 127.0.0.1` binds to the IPv4-only address 127.0.0.1',
      'tasks/main.yml:20:20: warning A2C-IPV6-IPV4-BIND `bind_host = 0.0.0.0` binds to the IPv4-only address 0.0.0.0',
      'tasks/main.yml:27:1: warning A2C-IPV6-IPV4-BIND `bind_host = 0.0.0.0` binds to the IPv4-only address 0.0.0.0',
    ]);
    // Without --ipv6-only nothing changes.
    const body = recipeBody(r, 'demo');
    expect(body).not.toContain("'::'");
    expect(body).not.toContain('::1');
  });

  it('are rewritten by --ipv6-only, and only on the bind option or line', async () => {
    const r = await convertRole({ 'tasks/main.yml': TASKS }, 'demo', { ipv6Only: true });
    expect(binds(r)).toHaveLength(4);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("  option 'bind_host'\n  value '::'\nend");
    expect(body).toContain("  option 'peer'\n  value '0.0.0.0'\nend");
    expect(body).toContain("  line 'bind_host = ::1'\n");
    expect(body).toContain("  option 'bind_host'\n  value '::'\nend\n\n# tasks/main.yml:13 overrides");
    expect(body).toContain('  content "[DEFAULT]\\nbind_host = ::\\npeer = 0.0.0.0\\n"\n');
    expect(body.match(/0\.0\.0\.0/g)).toHaveLength(3);
    expect(r.diagnostics.filter((d) => d.code === 'A2C-IPV6-IPV4-BIND').flatMap((d) => d.notes ?? [])).toEqual([
      'fix: rewritten to :: (--ipv6-only)',
      'fix: rewritten to ::1 (--ipv6-only)',
      'fix: rewritten to :: (--ipv6-only)',
      'fix: rewritten to :: (--ipv6-only)',
    ]);
  });

  it('a templated ini_file value on a bind option is traced to the variable, which --ipv6-only rewrites', async () => {
    const r = await convertRole(
      {
        'tasks/main.yml':
          '- community.general.ini_file: {path: /etc/s.conf, section: DEFAULT, option: bind_host, value: "{{ svc_addr }}"}\n',
        'defaults/main.yml': 'svc_addr: 0.0.0.0\n',
      },
      'demo',
      { ipv6Only: true },
    );
    expect(binds(r)).toEqual([
      "defaults/main.yml:1:11: warning A2C-IPV6-IPV4-BIND IPv4-only bind address '0.0.0.0' (svc_addr): bind_host is a bind address",
    ]);
    expect(outputText(r, 'demo/attributes/default.rb')).toContain("default['demo']['svc_addr'] = '::'");
  });
});
