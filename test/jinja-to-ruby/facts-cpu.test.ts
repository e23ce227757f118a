// ansible_processor_cores and ansible_processor_threads_per_core have no Ohai attribute:
// A2C::Facts computes them from /proc/cpuinfo. Compared with Ansible's own Linux hardware
// collector (real ansible-core) on generated hosts: sockets, cores, threads, virtual machines
// that hide the topology, ARM and POWER layouts, Xen paravirtualised guests, odd files.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { convertRole, outputText } from '../helpers/convert-helpers.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIBS = resolve(ROOT, 'src/support-cookbook/ruby/libraries');
const ansible = requireOrSkip('ansible-core (/usr/bin/python3)', hasPythonModule('ansible.module_utils.facts.hardware.linux'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));

/** A host: its machine name (uname -m) and files (null: present but unreadable). */
interface Host {
  machine: string;
  fs: Record<string, string | null>;
}

/** /proc/cpuinfo of an x86 host as Linux writes it: one stanza per logical CPU. */
function x86(sockets: number, cores: number, threads: number, flags = 'fpu vme de pse'): string {
  const out: string[] = [];
  let n = 0;
  for (let s = 0; s < sockets; s++)
    for (let t = 0; t < threads; t++)
      for (let c = 0; c < cores; c++) {
        out.push(
          [
            `processor\t: ${n++}`,
            'vendor_id\t: GenuineIntel',
            'model name\t: Example CPU @ 2.00GHz',
            `physical id\t: ${s}`,
            `siblings\t: ${cores * threads}`,
            `core id\t\t: ${c}`,
            `cpu cores\t: ${cores}`,
            `flags\t\t: ${flags}`,
            '',
          ].join('\n'),
        );
      }
  return out.join('\n');
}

const arm = (n: number) =>
  Array.from({ length: n }, (_, i) => `processor\t: ${i}\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\n`).join('\n');
const power = (n: number) =>
  `${Array.from({ length: n }, (_, i) => `processor\t: ${i}\ncpu\t\t: POWER9\nclock\t\t: 2.2GHz\n`).join('\n')}\ntimebase\t: 512000000\n`;
const vm = (n: number) =>
  Array.from({ length: n }, (_, i) => `processor\t: ${i}\nvendor_id\t: AuthenticAMD\nmodel name\t: Virtual CPU\n`).join('\n');

function hosts(): Host[] {
  const out: Host[] = [];
  for (const machine of ['x86_64', 'i686'])
    for (const sockets of [1, 2])
      for (const cores of [1, 2, 4, 6])
        for (const threads of [1, 2]) out.push({ machine, fs: { '/proc/cpuinfo': x86(sockets, cores, threads) } });
  out.push(
    { machine: 'x86_64', fs: { '/proc/cpuinfo': vm(1) } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': vm(8) } },
    { machine: 'aarch64', fs: { '/proc/cpuinfo': arm(4) } },
    { machine: 'armv7l', fs: { '/proc/cpuinfo': `Processor\t: ARMv7 Processor rev 5 (v7l)\n${arm(2)}\nHardware\t: Board\n` } },
    { machine: 'ppc64le', fs: { '/proc/cpuinfo': power(16) } },
    // Xen: paravirtualised (no vme flag) counts one thread per core; HVM guests look like hardware.
    { machine: 'x86_64', fs: { '/proc/cpuinfo': x86(1, 4, 2, 'fpu de pse'), '/proc/xen': '' } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': x86(2, 2, 2, 'fpu de pse'), '/sys/hypervisor/type': 'xen\n' } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': x86(2, 2, 2), '/sys/hypervisor/type': 'xen\n' } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': x86(1, 2, 2, 'fpu de pse'), '/sys/hypervisor/type': 'kvm\n' } },
    // Odd layouts: core ids without sockets, siblings before the core id, zero cores, SPARC counts.
    { machine: 'x86_64', fs: { '/proc/cpuinfo': 'processor : 0\ncore id : 0\nsiblings : 4\nprocessor : 1\ncore id : 1\nsiblings : 4\n' } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': 'processor : 0\nsiblings : 8\nphysical id : 3\ncore id : 3\ncpu cores : 2\n' } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': 'processor : 0\nphysical id : 0\ncpu cores : 0\nsiblings : 2\n' } },
    // A core id equal to a socket id is not recorded (Ansible looks it up among the sockets).
    { machine: 'x86_64', fs: { '/proc/cpuinfo': 'physical id : 7\ncore id : 7\ncore id : 1\nsiblings : 4\ncpu cores : 2\n' } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': 'ncpus active : 4\n# processors : 8\nphysical id : 1\ncpu cores : 3\n' } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': '  \n\n' } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': 'processor\r\nphysical id: 0\r\ncpu cores : 2\r\nsiblings : 4\r\n' } },
    // No value: s390x, an unreadable or missing /proc/cpuinfo; a count that is no number fails setup.
    { machine: 's390x', fs: { '/proc/cpuinfo': x86(1, 2, 1) } },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': null } },
    { machine: 'x86_64', fs: {} },
    { machine: 'x86_64', fs: { '/proc/cpuinfo': 'processor : 0\ncpu cores : two\n' } },
  );
  return out;
}

type Outcome = { processor_cores: number; processor_threads_per_core: number } | 'undefined' | 'fails';

function ansibleFacts(cases: Host[]): Outcome[] {
  const py = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      [
        'import io, json, os, sys',
        'from ansible.module_utils.facts import utils',
        'from ansible.module_utils.facts.hardware import linux',
        'fs = {}',
        'os.path.exists = lambda p: p in fs',
        'os.access = lambda p, mode: fs.get(p) is not None',
        'utils.open = lambda p, *a, **k: io.StringIO(fs[p])',
        'class Module:',
        '    def get_bin_path(self, *a, **k): return None',
        "    def run_command(self, *a, **k): return (1, '', '')",
        'out = []',
        'for c in json.load(sys.stdin):',
        '    fs.clear(); fs.update(c["fs"])',
        "    arch = 'i386' if c['machine'] == 'i686' else c['machine']",
        '    try:',
        "        f = linux.LinuxHardware(Module()).get_cpu_facts(collected_facts={'ansible_architecture': arch})",
        '    except Exception:',
        "        out.append('fails'); continue",
        "    keys = ('processor_cores', 'processor_threads_per_core')",
        "    out.append({k: f[k] for k in keys} if all(k in f for k in keys) else 'undefined')",
        'print(json.dumps(out))',
      ].join('\n'),
    ],
    { input: JSON.stringify(cases), encoding: 'utf8' },
  );
  expect(py.stderr).toBe('');
  return JSON.parse(py.stdout) as Outcome[];
}

function chefFacts(cases: Host[]): Outcome[] {
  const rb = spawnSync(
    'ruby',
    [
      '-rjson',
      '-e',
      [
        '%w[a2c_facts_pkg_mgr a2c_facts_architecture a2c_facts_cpu].each { |f| require File.join(ARGV[0], f) }',
        'out = JSON.parse($stdin.read).map do |c|',
        "  node = { 'kernel' => { 'name' => 'Linux', 'machine' => c['machine'] } }",
        '  def node.read!(*path) = path.reduce(self) { |h, k| h.fetch(k) }',
        '  fs = c["fs"]',
        '  host = Object.new',
        '  host.define_singleton_method(:exist?) { |p| fs.key?(p) }',
        '  host.define_singleton_method(:readable?) { |p| !fs[p].nil? }',
        '  host.define_singleton_method(:content) { |p| fs[p] }',
        '  begin',
        "    { 'processor_cores' => A2C::Facts.processor_cores(node, host),",
        "      'processor_threads_per_core' => A2C::Facts.processor_threads_per_core(node, host) }",
        '  rescue ArgumentError => e',
        "    e.message.include?('is undefined in Ansible') ? 'undefined' : 'fails'",
        '  end',
        'end',
        'print JSON.generate(out)',
      ].join('\n'),
      LIBS,
    ],
    { input: JSON.stringify(cases), encoding: 'utf8' },
  );
  expect(rb.stderr).toBe('');
  return JSON.parse(rb.stdout) as Outcome[];
}

describe.skipIf(!ansible || !ruby)("A2C::Facts CPU topology against Ansible's Linux collector", () => {
  it('gives the values Ansible gives on every generated host, and fails where Ansible has none', () => {
    const cases = hosts();
    const expected = ansibleFacts(cases);
    expect(chefFacts(cases)).toEqual(expected);
    // The generated hosts reach every branch: hyperthreads, Xen paravirt, undefined, failure.
    expect(expected).toContainEqual({ processor_cores: 6, processor_threads_per_core: 2 });
    expect(expected).toContainEqual({ processor_cores: 8, processor_threads_per_core: 1 });
    expect(expected).toContain('undefined');
    expect(expected).toContain('fails');
  });

  it('fails on another system than Linux, whose collector is not translated', () => {
    const r = spawnSync(
      'ruby',
      [
        '-e',
        `%w[a2c_facts_pkg_mgr a2c_facts_architecture a2c_facts_cpu].each { |f| require File.join(ARGV[0], f) }
        node = { 'kernel' => { 'name' => 'FreeBSD', 'machine' => 'amd64' } }
        def node.read!(*path) = path.reduce(self) { |h, k| h.fetch(k) }
        A2C::Facts.processor_cores(node)`,
        LIBS,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('ansible_processor_cores is undefined in Ansible on FreeBSD');
  });

  it('converts a worker count computed from the facts', async () => {
    const r = await convertRole({
      'defaults/main.yml':
        "workers: \"{{ [ansible_facts['processor_vcpus'] // ansible_facts['processor_threads_per_core'], 1] | max }}\"\n",
      'tasks/main.yml': '- name: Show\n  debug:\n    msg: "{{ workers }} {{ ansible_processor_cores }}"\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    const recipe = outputText(r, 'demo/recipes/default.rb') + outputText(r, 'demo/attributes/default.rb');
    expect(recipe).toContain('A2C::Facts.processor_threads_per_core(node)');
    expect(recipe).toContain('A2C::Facts.processor_cores(node)');
  });
});
