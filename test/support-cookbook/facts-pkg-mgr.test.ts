// ansible_pkg_mgr has no Ohai attribute: A2C::Facts.pkg_mgr computes it on the node. Compared
// with Ansible's own collector (real ansible-core) on generated hosts: which package manager
// binaries exist, OS family, distribution, major version, what the RPM database says.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { convertRole, outputText } from '../helpers/convert-helpers.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIBS = resolve(ROOT, 'src/support-cookbook/ruby/libraries');
const ansible = requireOrSkip('ansible-core (/usr/bin/python3)', hasPythonModule('ansible.module_utils.facts.system.pkg_mgr'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));

const BINARIES = [
  '/usr/bin/rpm-ostree',
  '/usr/bin/yum',
  '/usr/bin/dnf',
  '/usr/bin/apt-get',
  '/usr/bin/zypper',
  '/usr/sbin/urpmi',
  '/usr/bin/pacman',
  '/bin/opkg',
  '/usr/pkg/bin/pkgin',
  '/opt/local/bin/pkgin',
  '/opt/tools/bin/pkgin',
  '/opt/local/bin/port',
  '/usr/local/bin/brew',
  '/opt/homebrew/bin/brew',
  '/sbin/apk',
  '/usr/sbin/pkg',
  '/usr/sbin/swlist',
  '/usr/bin/emerge',
  '/usr/sbin/pkgadd',
  '/usr/bin/pkg',
  '/usr/bin/xbps-install',
  '/usr/local/sbin/pkg',
  '/usr/bin/swupd',
  '/usr/sbin/sorcery',
  '/usr/bin/installp',
  '/QOpenSys/pkgs/bin/yum',
  // Not package managers, but looked at: an ostree host, an RPM database.
  '/run/ostree-booted',
  '/usr/bin/rpm',
  '/usr/bin/rpm',
  '/usr/bin/apt-get',
  '/usr/bin/dnf',
  '/usr/bin/yum',
];
const FAMILIES = ['Debian', 'RedHat', 'Altlinux', 'Suse', 'Archlinux', 'OpenBSD', 'FreeBSD', 'Darwin', 'Gentoo', 'Alpine', 'Solaris'];
const DISTRIBUTIONS = ['Fedora', 'Amazon', 'CentOS', 'RedHat', 'Rocky', 'Debian', 'Ubuntu', 'ALT'];
const MAJORS = [
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '22',
  '23',
  '24',
  '2',
  '2018',
  '2022',
  '2023',
  'rawhide',
  ' 8 ',
  '08',
  '1_0',
  '',
  '-1',
  '+9',
  '8.1',
];

interface Case {
  os_family: string;
  distribution: string;
  major: string;
  paths: string[];
  rpm_provides_apt_get: boolean;
}

/** Deterministic cases (a fixed-seed LCG): the run compares the same hosts every time. */
function cases(n: number): Case[] {
  let seed = 20261126;
  const next = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    // The high bits: an LCG's low bits cycle with a short period.
    return Math.floor(seed / 65536) % k;
  };
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    // Some hosts have many binaries, some none (Ansible then says 'unknown').
    const density = [2, 5, 20][next(3)]!;
    const paths = BINARIES.filter(() => next(density) === 0);
    out.push({
      os_family: FAMILIES[next(FAMILIES.length)]!,
      distribution: DISTRIBUTIONS[next(DISTRIBUTIONS.length)]!,
      major: MAJORS[next(MAJORS.length)]!,
      paths: [...new Set(paths)],
      rpm_provides_apt_get: next(2) === 0,
    });
  }
  return out;
}

function run(cmd: string, args: string[], input: unknown): string[] {
  const r = spawnSync(cmd, args, { input: JSON.stringify(input), encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

describe.skipIf(!ansible || !ruby)("A2C::Facts.pkg_mgr against Ansible's collector", () => {
  it('gives the value Ansible gives on 1500 generated hosts (or fails where Ansible fails)', () => {
    const all = cases(1500);
    const want = run('/usr/bin/python3', ['test/tools/pkg-mgr-ansible.py'], all);
    const got = run('ruby', ['test/tools/pkg-mgr-ruby.rb', LIBS], all);
    const norm = (v: string) => (v.startsWith('error: ') ? 'error' : v);
    const diffs = all.map((c, i) => ({ c, want: want[i]!, got: got[i]! })).filter((x) => norm(x.want) !== norm(x.got));
    expect(diffs.slice(0, 5)).toEqual([]);
    // The generator reaches every branch: each outcome below occurs.
    const seen = new Set(want);
    for (const v of ['apt', 'apt_rpm', 'yum', 'dnf', 'atomic_container', 'openbsd_pkg', 'unknown', 'zypper', 'error: ValueError'])
      expect(seen, v).toContain(v);
  });

  it('reads this machine: the converted condition holds where Ansible says apt', async () => {
    const r = await convertRole({
      'tasks/main.yml': "- name: only with apt\n  command: /bin/true\n  when: ansible_facts['pkg_mgr'] == 'apt'\n",
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain('A2C::Facts.pkg_mgr(node)');
    const want = run(
      '/usr/bin/python3',
      [
        '-c',
        [
          'import json, sys',
          'from ansible.module_utils.facts.system.pkg_mgr import PkgMgrFactCollector',
          "print(json.dumps([PkgMgrFactCollector().collect(collected_facts={'ansible_os_family': 'Debian', 'ansible_distribution': 'Debian', 'ansible_distribution_major_version': '12'})['pkg_mgr']]))",
        ].join('\n'),
      ],
      null,
    );
    const script = `%w[a2c_jinja a2c_facts a2c_facts_pkg_mgr].each { |f| require File.join(ARGV[0], f) }
      print [A2C::Facts.pkg_mgr({ 'platform_family' => 'debian', 'platform' => 'debian', 'platform_version' => '12' })].to_s`;
    const got = spawnSync('ruby', ['-e', script, LIBS], { encoding: 'utf8' });
    expect(got.stderr).toBe('');
    expect(JSON.parse(got.stdout)).toEqual(want);
  });
});
