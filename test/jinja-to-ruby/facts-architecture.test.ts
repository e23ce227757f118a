// ansible_architecture is uname -m (Ohai's kernel/machine) renamed by Ansible for 32-bit x86:
// A2C::Facts.architecture compared with Ansible's own platform collector (real ansible-core) on
// generated machine names, and refusing the systems where Ansible asks another command.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { convertRole, outputText } from '../helpers/convert-helpers.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIBS = resolve(ROOT, 'src/support-cookbook/ruby/libraries');
const ansible = requireOrSkip('ansible-core (/usr/bin/python3)', hasPythonModule('ansible.module_utils.facts.system.platform'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));

const MACHINES = [
  'x86_64',
  'i386',
  'i486',
  'i586',
  'i686',
  'i86pc',
  'aarch64',
  'armv7l',
  'ppc64le',
  's390x',
  'riscv64',
  'mips',
  'amd64',
  'x86',
  'i786',
  'I686',
  'xi686y',
  'sun4v',
  'arm64',
  'i86',
  '',
];
const SYSTEMS = ['Linux', 'Darwin', 'SunOS', 'FreeBSD'];

describe.skipIf(!ansible || !ruby)("A2C::Facts.architecture against Ansible's collector", () => {
  it('gives the value Ansible gives for every machine name', () => {
    const cases = SYSTEMS.flatMap((system) => MACHINES.map((machine) => ({ system, machine })));
    const py = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        [
          'import json, platform, sys',
          'from ansible.module_utils.facts.system import platform as mod',
          'out = []',
          'for c in json.load(sys.stdin):',
          "    mod.platform.machine = lambda: c['machine']",
          "    mod.platform.system = lambda: c['system']",
          "    out.append(mod.PlatformFactCollector().collect()['architecture'])",
          'print(json.dumps(out))',
        ].join('\n'),
      ],
      { input: JSON.stringify(cases), encoding: 'utf8' },
    );
    expect(py.stderr).toBe('');
    const rb = spawnSync(
      'ruby',
      [
        '-rjson',
        '-e',
        [
          "require File.join(ARGV[0], 'a2c_facts_architecture')",
          'out = JSON.parse($stdin.read).map do |c|',
          "  node = { 'kernel' => { 'name' => c['system'], 'machine' => c['machine'] } }",
          '  def node.read!(*path) = path.reduce(self) { |h, k| h.fetch(k) }',
          '  A2C::Facts.architecture(node)',
          'end',
          'print JSON.generate(out)',
        ].join('\n'),
        LIBS,
      ],
      { input: JSON.stringify(cases), encoding: 'utf8' },
    );
    expect(rb.stderr).toBe('');
    expect(JSON.parse(rb.stdout)).toEqual(JSON.parse(py.stdout));
    expect(JSON.parse(py.stdout)).toContain('i386');
  });

  it('fails the run on AIX and OpenBSD, where Ansible reads another command', () => {
    for (const system of ['AIX', 'OpenBSD']) {
      const r = spawnSync(
        'ruby',
        [
          '-e',
          `require File.join(ARGV[0], 'a2c_facts_architecture')
        node = { 'kernel' => { 'name' => '${system}', 'machine' => 'amd64' } }
        def node.read!(*path) = path.reduce(self) { |h, k| h.fetch(k) }
        A2C::Facts.architecture(node)`,
          LIBS,
        ],
        { encoding: 'utf8' },
      );
      expect(r.status, system).not.toBe(0);
      expect(r.stderr).toContain('Ohai does not run');
    }
  });

  it('converts a comparison and a printed value', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- name: x86 only\n  debug:\n    msg: "{{ ansible_architecture }}"\n  when: ansible_architecture != \'x86_64\'\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(outputText(r, 'demo/recipes/default.rb')).toContain("A2C::Facts.architecture(node) != 'x86_64'");
  });
});
