// ansible_virtualization_type is detected differently by Ohai (ground truth: "detection logic
// differs"); its container part is decided by files before any hypervisor check, and
// A2C::Facts.container_virtualization_type reproduces that part. Compared with Ansible's own Linux
// collector (real ansible-core) on generated hosts: where the helper answers, Ansible gives that
// value; where it answers nil, Ansible gives no value a comparison may be converted against.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { builtinTables } from '../../src/mapping/tables.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIBS = resolve(ROOT, 'src/support-cookbook/ruby/libraries');
const ansible = requireOrSkip('ansible-core (/usr/bin/python3)', hasPythonModule('ansible.module_utils.facts.virtual.linux'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));

const CGROUP_LINES = [
  '12:pids:/docker/0123abcd',
  '0::/system.slice/docker-0123abcdef.scope',
  '0::/system.slice/docker-XYZ.scope',
  '0::/dockerfoo',
  '1:name=systemd:/lxc/c1',
  '0::/machine.slice/machine-lxc\\x2dweb.scope',
  '0::/machineXslice/machine-lxc',
  '0::/system.slice/containerd.service',
  '0::/systemXslice/containerdYservice',
  '0::/',
  '0::/user.slice/user-1000.slice',
  '  ',
  '0::/init.scope',
];
const LINE_BREAKS = ['\n', '\n', '\r\n', '\r', '\u0085', '\u2028', '\v', '\x1d'];
const ENVIRON = [
  'container=lxc',
  'container=podman',
  'container=oci',
  'container=',
  'container=\nx',
  'PATH=/usr/bin',
  'xcontainer=lxc',
  'HOME=/',
  ' container=docker',
];
// Python's strip removes Unicode spaces and keeps NUL, unlike Ruby's.
const SYSTEMD_CONTAINER = ['', '  \n', 'systemd-nspawn\n', 'docker', 'wsl', 'lxc', ' podman \n', ' \u3000\n', '\u2003wsl\u0085', '\0lxc\0'];
// Hypervisor evidence Ansible looks at after the container checks.
const HYPERVISOR_FILES: Array<[string, string]> = [
  ['/sys/devices/virtual/dmi/id/product_name', 'KVM'],
  ['/sys/devices/virtual/dmi/id/product_name', 'VMware Virtual Platform'],
  ['/sys/devices/virtual/dmi/id/product_name', 'VirtualBox'],
  ['/sys/devices/virtual/dmi/id/sys_vendor', 'QEMU'],
  ['/proc/cpuinfo', 'model name\t: QEMU Virtual CPU version 2.5+'],
  ['/proc/modules', 'kvm 1032192 1 kvm_intel, Live 0x0'],
  ['/proc/self/status', 'VxID:\t0'],
  ['/proc/xen/capabilities', 'control_d'],
];
const DIRS = ['/proc/vz', '/proc/lve', '/proc/bc', '/.dockerenv', '/.dockerinit', '/dev/kvm', '/proc/xen'];

interface Case {
  files: Record<string, string | null>;
  dirs: string[];
}

/** Deterministic cases (a fixed-seed LCG): the run compares the same hosts every time. */
function cases(n: number): Case[] {
  let seed = 20261205;
  const next = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % k;
  };
  const pick = <T>(xs: T[]): T => xs[next(xs.length)]!;
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const files: Record<string, string | null> = {};
    // Each source is present on about a third of the hosts, so most hosts are decided by one.
    if (next(3) === 0) {
      const lines = Array.from({ length: 1 + next(4) }, () => pick(CGROUP_LINES));
      files['/proc/1/cgroup'] = b64(lines.map((l) => l + pick(LINE_BREAKS)).join(''));
    }
    if (next(3) === 0) {
      const entries = Array.from({ length: 1 + next(3) }, () => pick(ENVIRON));
      files['/proc/1/environ'] = b64(entries.join('\0') + '\0'.repeat(next(3)));
    }
    if (next(4) === 0) files['/run/systemd/container'] = b64(pick(SYSTEMD_CONTAINER));
    for (const [path, text] of HYPERVISOR_FILES) if (next(8) === 0) files[path] = b64(text);
    // A file Python cannot decode, and one it may not read: both read as absent.
    if (next(20) === 0)
      files['/proc/1/cgroup'] = b64(Buffer.from([0x30, 0x3a, 0x3a, 0x2f, 0x64, 0x6f, 0x63, 0x6b, 0x65, 0x72, 0x2f, 0xff]));
    if (next(20) === 0) files['/proc/1/environ'] = null;
    const dirs = DIRS.filter(() => next(7) === 0);
    out.push({ files, dirs });
  }
  return out;
}

function run(cmd: string, args: string[], input: unknown): Array<string | null> {
  const r = spawnSync(cmd, args, { input: JSON.stringify(input), encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Array<string | null>;
}

describe.skipIf(!ansible || !ruby)("A2C::Facts.container_virtualization_type against Ansible's collector", () => {
  const compared = builtinTables().facts['virtualization_type']?.compare_only ?? [];

  it('answers what Ansible answers wherever the container checks decide, on 3000 generated hosts', () => {
    const all = cases(3000);
    const want = run('/usr/bin/python3', ['test/tools/container-type-ansible.py'], all);
    const got = run('ruby', ['test/tools/container-type-ruby.rb', LIBS], all);
    const diffs = all
      .map((c, i) => ({ c, want: want[i], got: got[i] }))
      // nil: Ansible went on to checks that never give a name a comparison is converted against.
      .filter((x) => (x.got === null ? compared.includes(x.want as string) : x.got !== x.want));
    expect(diffs.slice(0, 5)).toEqual([]);
    // The generator reaches each container name and the hypervisor checks.
    const seen = new Set(want);
    for (const v of ['docker', 'lxc', 'podman', 'containerd', 'container', 'openvz', 'systemd-nspawn', 'kvm', 'VMware', 'NA'])
      expect(seen, v).toContain(v);
    expect(got).toContain(null);
  });

  it('converts a comparison with a container name and nothing else of the fact', async () => {
    expect(compared).toContain('docker');
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: not in docker',
        '  command: /bin/true',
        '  when: ansible_virtualization_type != "docker"',
        '- name: in lxc',
        '  command: /bin/true',
        "  when: ansible_facts['virtualization_type'] == 'lxc'",
        '- name: on kvm',
        '  command: /bin/true',
        "  when: ansible_virtualization_type == 'kvm'",
        '- name: printed',
        '  debug:',
        '    msg: "{{ ansible_virtualization_type }}"',
        '',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'todo', 'todo']);
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain("A2C::Facts.container_virtualization_type(node) != 'docker'");
    expect(recipe).toContain("A2C::Facts.container_virtualization_type(node) == 'lxc'");
    expect(recipe).toMatch(/only a comparison with a container name/);
  });

  it("converts `| default('none')` on the fact before the comparison: the setup module always sets the fact", async () => {
    // The default never applies where facts are gathered: ansible-core sets the fact ('NA' where nothing is detected).
    const setup = spawnSync('ansible', ['localhost', '-c', 'local', '-m', 'setup', '-a', 'filter=ansible_virtualization_type'], {
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'False' },
    });
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    expect(JSON.parse(setup.stdout.slice(setup.stdout.indexOf('{'))).ansible_facts).toHaveProperty('ansible_virtualization_type');
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: docker guest (postfix)',
        '  command: /bin/true',
        "  when: ansible_virtualization_role | default('host') == 'guest' and ansible_virtualization_type | default('none') == 'docker'",
        '- name: a default that is the compared name',
        '  command: /bin/true',
        "  when: ansible_virtualization_type | default('docker') == 'docker'",
        '',
      ].join('\n'),
    });
    // The second would be true wherever the check finds no container: it stays a TODO.
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
    expect(outputText(r, 'demo/recipes/default.rb')).toContain("A2C::Facts.container_virtualization_type(node) == 'docker'");
  });

  it('reads this machine as Ansible does', () => {
    const want = run(
      '/usr/bin/python3',
      [
        '-c',
        [
          'import json',
          'from ansible.module_utils.facts.virtual.linux import LinuxVirtual',
          'class M:',
          '    def get_bin_path(self, *a, **k): return None',
          "print(json.dumps([LinuxVirtual(M()).get_virtual_facts()['virtualization_type']]))",
        ].join('\n'),
      ],
      null,
    );
    const got = spawnSync(
      'ruby',
      ['-e', `require File.join(ARGV[0], 'a2c_facts_container'); print [A2C::Facts.container_virtualization_type({})].inspect`, LIBS],
      { encoding: 'utf8' },
    );
    expect(got.stderr).toBe('');
    const value = JSON.parse(got.stdout.replace('nil', 'null')) as Array<string | null>;
    if (value[0] === null) expect(compared).not.toContain(want[0]);
    else expect(value).toEqual(want);
  });
});
