// IPv6/TLS findings on a no_log task (its own no_log or one it inherits) say what and where, never
// the values: not on stderr, not in CONVERSION.md, the cookbook README, the manifest, `--report
// markdown` or `audit --json`. Only the recipe holds the values, in resources marked sensitive.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs, runCli, tempDir, writeTree } from '../helpers/workflow.js';

const PROJECT: Record<string, string> = {
  'site.yml': [
    '- hosts: all',
    '  roles: [sec]',
    '- hosts: all',
    '  no_log: true',
    '  tasks:',
    '    - name: play hides it',
    '      ansible.builtin.lineinfile:',
    '        path: /etc/play.conf',
    '        line: "bind 0.0.0.0:8443 token=SECRET_PLAY_31"',
    '',
  ].join('\n'),
  'roles/sec/defaults/main.yml': 'db_host: "2001:db8::5"\n',
  'roles/sec/tasks/main.yml': [
    '- name: db url',
    '  ansible.builtin.lineinfile:',
    '    path: /etc/app.conf',
    '    line: "connection = mysql://root:SECRET_PW_21@{{ db_host }}:3306/db"',
    '  no_log: true',
    '- name: block hides it',
    '  no_log: true',
    '  block:',
    '    - name: listener',
    '      ansible.builtin.lineinfile:',
    '        path: /etc/app.conf',
    '        line: "listen = 0.0.0.0:443 key=SECRET_KEY_22"',
    '    - name: iscsi',
    '      community.general.ini_file:',
    '        path: /etc/cinder/cinder.conf',
    '        section: DEFAULT',
    '        option: iscsi_ip_address',
    '        value: "2001:db8::SECRET"',
    '      vars:',
    '        cert_path: "/etc/ssl/SECRET_VAR_41/{{ db_host }}.pem"',
    '- name: hidden fact',
    '  ansible.builtin.set_fact:',
    '    backend_ip: "10.9.8.7"',
    '  no_log: true',
    '- name: reads the hidden fact',
    '  ansible.builtin.lineinfile:',
    '    path: /etc/app.conf',
    '    line: "backend {{ backend_ip }}:8080"',
    '- name: shown',
    '  ansible.builtin.lineinfile:',
    '    path: /etc/app.conf',
    '    line: "listen = 0.0.0.0:80 VISIBLE_51"',
    '',
  ].join('\n'),
};

const SECRET = /SECRET/;

function files(root: string): string[] {
  return readdirSync(root).flatMap((n) => {
    const full = join(root, n);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe('findings on no_log tasks quote no values', () => {
  let dir = '';
  let stderr = '';
  let report = '';
  let audit = '';
  beforeAll(() => {
    ensureBuilt();
    dir = tempDir('a2c-nolog-');
    writeTree(join(dir, 'in'), PROJECT);
    const conv = runCli(['convert', 'in', '-o', 'out', '--report', 'markdown'], dir);
    expect(conv.status, conv.stderr).toBe(0);
    stderr = conv.stderr;
    report = conv.stdout;
    const a = runCli(['audit', 'in', '--json'], dir);
    audit = a.stdout;
    expect(a.stderr).not.toMatch(SECRET);
  });
  afterAll(removeTempDirs);

  it('the findings are reported, by rule and place', () => {
    for (const text of [stderr, report]) {
      expect(text).toMatch(/roles\/sec\/tasks\/main\.yml:4:\d+: warning A2C-IPV6-JOIN|A2C-IPV6-JOIN` roles\/sec\/tasks\/main\.yml:4:/);
      expect(text).toMatch(
        /roles\/sec\/tasks\/main\.yml:12:\d+: warning A2C-IPV6-IPV4-BIND|A2C-IPV6-IPV4-BIND` roles\/sec\/tasks\/main\.yml:12:/,
      );
    }
    const json = JSON.parse(audit) as { findings: Array<{ code: string; file: string; line: number }> };
    const at = json.findings.map((f) => `${f.code} ${f.file}:${f.line}`);
    expect(at).toEqual(
      expect.arrayContaining([
        'A2C-IPV6-JOIN roles/sec/tasks/main.yml:4',
        'A2C-IPV6-IPV4-BIND roles/sec/tasks/main.yml:12',
        'A2C-IPV6-IPV4-BIND site.yml:9',
      ]),
    );
    const conversion = readFileSync(join(dir, 'out', 'CONVERSION.md'), 'utf8');
    expect(conversion).toContain('A2C-IPV6-JOIN');
    expect(conversion).toContain('A2C-IPV6-BRACKET-KEY');
    // The task without no_log is still quoted word for word.
    expect(stderr).toContain('VISIBLE_51');
  });

  it('stderr, --report markdown and audit --json hold none of the values', () => {
    expect(stderr).not.toMatch(SECRET);
    expect(report).not.toMatch(SECRET);
    expect(audit).not.toMatch(SECRET);
    expect(audit).not.toContain('0.0.0.0:443');
  });

  it('a finding elsewhere does not quote a value a no_log task set', () => {
    const json = JSON.parse(audit) as { findings: Array<{ code: string; file: string; line: number; message: string }> };
    const join = json.findings.find((f) => f.code === 'A2C-IPV6-JOIN' && f.file === 'roles/sec/tasks/main.yml' && f.line === 28);
    expect(join?.message).toContain('<redacted: no_log>');
    for (const text of [stderr, report, audit]) expect(text).not.toContain('10.9.8.7');
  });

  it('only the recipes hold the values, each in a sensitive resource', () => {
    const out = join(dir, 'out');
    const leaking = files(out)
      .filter((f) => SECRET.test(readFileSync(f, 'utf8')))
      .map((f) => relative(out, f))
      .sort();
    expect(leaking).toEqual(['sec/recipes/default.rb', 'site_playbook/recipes/play2_all_tasks.rb']);
    for (const f of leaking) {
      const text = readFileSync(join(out, f), 'utf8');
      for (const block of text.matchAll(/^\w+ [^\n]* do\n([\s\S]*?)^end$/gm)) {
        if (SECRET.test(block[1]!)) expect(block[1], f).toMatch(/^\s*sensitive true$/m);
      }
    }
  });
});
