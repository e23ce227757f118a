// A2C::Ufw (behind a2c_ufw) checked DIFFERENTIALLY against community.general's ufw module: the same
// steps from the same starting state, once through the module (test/tools/module-batch-ansible.py)
// and once through the Ruby library, both driving test/tools/fake-ufw.py as `ufw` (the machine's
// firewall stays untouched). After every step `changed`, `failed`, the command lines run and the
// fake's state must agree; and a dry run (why-run) changes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const MODULE = 'ansible_collections.community.general.plugins.modules.ufw';
const ready = requireOrSkip('ruby and community.general (ufw module)', hasTool('ruby') && hasPythonModule(MODULE));

type Outcome = { changed: boolean; failed: boolean; commands: string[]; snapshot: string };

// The role shapes seen in public roles: state with logging, policies, rules by port, by app, with
// comments and interfaces, deletes, inserts, reload/reset, and arguments the module refuses.
const STEPS: Array<Record<string, unknown>> = [
  { state: 'enabled', logging: 'off' },
  { state: 'enabled', logging: 'off' },
  { logging: 'medium' },
  { logging: 'on' },
  { policy: 'deny', direction: 'incoming' },
  { policy: 'allow', direction: 'outgoing' },
  { policy: 'reject' },
  { rule: 'allow', port: '22', proto: 'tcp' },
  { rule: 'allow', port: '22', proto: 'tcp' },
  { rule: 'allow', name: 'OpenSSH', from_ip: '10.0.0.0/8' },
  { rule: 'allow', name: 'NoSuchApp' },
  { rule: 'limit', to_port: '2222', proto: 'tcp', comment: 'ssh limit' },
  { rule: 'deny', direction: 'in', interface: 'eth0', from_ip: '192.168.1.5', log: true },
  { rule: 'allow', route: true, interface_in: 'eth1', interface_out: 'eth2' },
  { rule: 'allow', interface_in: 'eth1', interface_out: 'eth2' },
  { rule: 'allow', port: '80', insert: 1 },
  { rule: 'allow', port: '443', insert: 1, insert_relative_to: 'last-ipv4' },
  { rule: 'allow', port: '22', proto: 'tcp', delete: true },
  { rule: 'allow', port: '22', proto: 'tcp', delete: true },
  { rule: 'allow', port: 'http-ish' },
  { rule: 'allow', direction: 'incoming', port: '8080' },
  { policy: 'allow', direction: 'in' },
  { name: 'OpenSSH', proto: 'tcp', rule: 'allow' },
  { interface: 'eth0', rule: 'allow' },
  { comment: 'nothing to do' },
  { state: 'reloaded' },
  { state: 'disabled' },
  { state: 'reloaded' },
  { state: 'reset' },
];
// The module's aliases, as the mapping table passes them to the resource under one name.
const ALIASES: Record<string, string> = { policy: 'default', port: 'to_port' };

describe.skipIf(!ready)('A2C::Ufw matches community.general.ufw', () => {
  let dir = '';
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];

  const env = (state: string) => ({ PATH: `${dir}:/usr/bin:/bin`, A2C_UFW_STATE: state, HOME: dir });
  const outcomes = (out: string, state: string): Outcome[] =>
    (JSON.parse(out) as Array<Record<string, unknown>>).map((r) => ({
      changed: r['changed'] === true,
      failed: r['failed'] === true,
      commands: ((r['commands'] as string[] | undefined) ?? []).map((c) => c.replaceAll(dir, '<bin>')),
      snapshot: String(r['snapshot']).replaceAll(state, '<state>'),
    }));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-ufw-'));
    symlinkSync(join(ROOT, 'test/tools/fake-ufw.py'), join(dir, 'ufw'));
    const ansibleState = join(dir, 'ansible.json');
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: MODULE, steps: STEPS, snapshot: ['cat', ansibleState] }),
      encoding: 'utf8',
      env: env(ansibleState),
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = outcomes(py.stdout, ansibleState);
    const rubyState = join(dir, 'ruby.json');
    const script = [
      'require "json"',
      `require ${JSON.stringify(join(LIBDIR, 'a2c_ufw'))}`,
      'steps, aliases, state = JSON.parse($stdin.read)',
      'out = steps.map do |s|',
      '  params = s.to_h { |k, v| [(aliases[k] || k).to_sym, v] }',
      '  r = begin',
      '    A2C::Ufw.manage(params)',
      '  rescue A2C::Ufw::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('snapshot' => File.read(state))",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const rb = spawnSync('ruby', ['-e', script], {
      input: JSON.stringify([STEPS, ALIASES, rubyState]),
      encoding: 'utf8',
      env: env(rubyState),
    });
    if (rb.status !== 0) throw new Error(rb.stderr);
    ruby = outcomes(rb.stdout, rubyState);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the steps change, keep and fail', () => {
    expect(ansible.filter((o) => o.changed).length).toBeGreaterThanOrEqual(8);
    expect(ansible.filter((o) => o.failed).length).toBeGreaterThanOrEqual(4);
    expect(ansible.filter((o) => !o.changed && !o.failed).length).toBeGreaterThanOrEqual(3);
    expect(ansible[7]!.commands).toContain('<bin>/ufw allow from any to any port 22 proto tcp');
  });

  it('agrees after every step on changed, failed, the commands and the firewall state', () => {
    const diffs = STEPS.flatMap((s, i) => {
      const a = ansible[i]!;
      const r = ruby[i]!;
      // A refused argument set fails before any command in both; the module lists none then.
      const same = a.failed && r.failed ? a.snapshot === r.snapshot : JSON.stringify(a) === JSON.stringify(r);
      return same ? [] : [{ step: i, s, ansible: a, ruby: r }];
    });
    expect(diffs).toEqual([]);
  });

  it('dry_run reports the change and writes nothing', () => {
    const state = join(dir, 'dry.json');
    const rb = spawnSync(
      'ruby',
      [
        '-e',
        `require ${JSON.stringify(join(LIBDIR, 'a2c_ufw'))}; p [A2C::Ufw.manage({ state: 'enabled' }, dry_run: true)['changed'], A2C::Ufw.manage({ rule: 'allow', to_port: '22' }, dry_run: true)['changed']]`,
      ],
      { encoding: 'utf8', env: env(state) },
    );
    expect(rb.stderr).toBe('');
    expect(rb.stdout.trim()).toBe('[true, true]');
    const log = readFileSync(`${state}.log`, 'utf8');
    expect(log).not.toMatch(/"-f"|"enable"|^\["allow/m);
    expect(log).toMatch(/\["--dry-run", "allow"/);
  });
});
