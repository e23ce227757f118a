// dpkg_selections and yum_versionlock: the guards decide as the real modules decide. dpkg_selections'
// guard is compared with the module run in check mode on this machine's packages (read only);
// yum_versionlock's matching of `yum versionlock list` entries with the module's own match().
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');
const RUBY_LIBS = "require 'json'; require 'a2c_jinja'; require 'a2c_tasks'; require 'a2c_package_locks'";

function ruby(script: string, ...args: string[]): unknown {
  const r = spawnSync('ruby', ['-I', LIBDIR, '-e', `${RUBY_LIBS}\n${script}`, ...args], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

const installed =
  spawnSync('dpkg-query', ['-W', '-f', '${Package}\\n', 'dpkg', 'coreutils'], { encoding: 'utf8' }).stdout?.trim().split('\n') ?? [];
const dpkgReady = requireOrSkip(
  'ansible-playbook+ruby+dpkg',
  hasTool('ansible-playbook') && hasTool('ruby') && hasTool('dpkg') && installed.length === 2,
);

describe.skipIf(!dpkgReady)('dpkg_selections: the guard acts exactly when the real module changes something (check mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-selections-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on installed packages and a name dpkg does not know', () => {
    const cases = [
      { name: 'dpkg', selection: 'install' },
      { name: 'dpkg', selection: 'hold' },
      { name: 'coreutils', selection: 'purge' },
      { name: 'a2c-no-such-package', selection: 'hold' },
      { name: 'a2c-no-such-package', selection: 'deinstall' },
    ];
    const out = join(dir, 'out.json');
    const tasks = cases.map((c, i) => `    - { ansible.builtin.dpkg_selections: ${JSON.stringify(c)}, register: r${i} }\n`).join('');
    writeFileSync(
      join(dir, 'play.yml'),
      `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks}    - copy: { dest: "${out}", content: "{{ [${cases.map((_, i) => `r${i}.changed`).join(', ')}] | to_json }}" }\n      check_mode: false\n`,
    );
    const r = spawnSync('ansible-playbook', ['--check', '-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (r.status !== 0) throw new Error(`ansible-playbook failed: ${r.stdout}${r.stderr}`);
    const changed = JSON.parse(readFileSync(out, 'utf8')) as boolean[];
    // The converted guard: not_if { A2C::Modules.dpkg_selection(name) == selection }.
    const acts = ruby(
      "puts(JSON.parse(ARGV[0]).map { |c| A2C::Modules.dpkg_selection(c['name']) != c['selection'] }.to_json)",
      JSON.stringify(cases),
    );
    expect(acts).toEqual(changed);
    expect(changed).toEqual([false, true, true, true, true]);
  });
});

const pyReady = requireOrSkip(
  'python3 with community.general, and ruby',
  hasTool('ruby') && hasPythonModule('ansible_collections.community.general.plugins.modules.yum_versionlock'),
);

describe.skipIf(!pyReady)("yum_versionlock: entries matched as the module's match() matches them", () => {
  // yum's epoch:name-version-release.arch and dnf's name-epoch:version-release.arch entries, an
  // excluded one, names holding dashes, dots and digits, and lines that are no entry.
  const entries = [
    '0:httpd-2.4.6-97.el7.centos.x86_64',
    '!0:httpd-tools-2.4.6-97.el7.centos.x86_64',
    'nginx-1:1.20.1-10.el9.x86_64',
    'python3-pymongo-0:3.11.4-1.el8.noarch',
    'mongodb-org-server-0:6.0.5-1.el8.x86_64',
    '.hidden-0:1-1.noarch',
    'Loaded',
    'plugins:',
    'versionlock',
    'httpd',
    '0:a-b-c',
  ];
  const patterns = [
    'httpd',
    'httpd*',
    'httpd-tools',
    '*',
    '?ginx',
    'nginx',
    'python3-*',
    'mongodb-org*',
    '*server',
    '.hidden',
    '*hidden',
    'HTTPD',
    'a\\b',
    'mongodb-org',
    '',
  ];

  it('every entry against every pattern, and the pending names', () => {
    const py = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        [
          'import json, sys',
          'from ansible_collections.community.general.plugins.modules.yum_versionlock import match',
          'entries, patterns = json.loads(sys.argv[1])',
          'print(json.dumps([[match(e, p) for p in patterns] for e in entries]))',
        ].join('\n'),
        JSON.stringify([entries, patterns]),
      ],
      { encoding: 'utf8' },
    );
    expect(py.stderr).toBe('');
    const expected = JSON.parse(py.stdout) as boolean[][];
    const got = ruby(
      'entries, patterns = JSON.parse(ARGV[0]); puts(entries.map { |e| patterns.map { |p| A2C::Modules.versionlock_match?(e, p) } }.to_json)',
      JSON.stringify([entries, patterns]),
    );
    expect(got).toEqual(expected);
    // The module's selection of the names it passes to add/delete, over the same list.
    const pending = ruby(
      "list = -> { JSON.parse(ARGV[0]).join(\"\\n\") }; puts([A2C::Modules.versionlock_pending('httpd,nginx,zsh', 'present', list: list), A2C::Modules.versionlock_pending(['httpd*', 'zsh', 7], 'absent', list: list)].to_json)",
      JSON.stringify(entries),
    );
    expect(pending).toEqual([['zsh'], ['httpd*']]);
  });

  it('a [set] pattern, which Python reads otherwise than Ruby, stops the run', () => {
    const r = spawnSync('ruby', ['-I', LIBDIR, '-e', `${RUBY_LIBS}\nA2C::Modules.versionlock_match?('0:httpd-1-1.x86_64', 'http[^x]')`], {
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('holds a [set] pattern, which is not converted');
  });
});
