// A2C::Lvol.lv (behind a2c_lvol) checked DIFFERENTIALLY against community.general.lvol, as
// support-lvm.test.ts checks a2c_lvg: LVM's commands are stand-ins answering `lvm version`, `vgs`
// and `lvs` from a scene set before each step, failing where the scene says (with the scene's
// error text) and logging every command with its arguments; no block device or lvm2 is needed (none
// is available on the test machines). The same steps run once through the module and once through
// the Ruby library: after every step `changed`, `failed` and the commands run must agree.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/support-cookbook/ruby/libraries/a2c_lvol');
const MODULE = 'ansible_collections.community.general.plugins.modules.lvol';
const ready = requireOrSkip('ruby and community.general', hasTool('ruby') && hasPythonModule(MODULE));

const COMMANDS = ['lvm', 'vgs', 'lvs', 'lvcreate', 'lvremove', 'lvextend', 'lvreduce', 'lvchange'];

type Scene = { vgs?: string; lvs?: string; fail?: string; err?: string };
type Step = { args: Record<string, unknown>; scene: Scene };
type Outcome = { changed: boolean; failed: boolean; snapshot: string };

const VG = 'v;100.00;40.00;4.00';
const ACTIVE = 'data;10.00;-wi-a-----';

const STEPS: Step[] = [
  { args: { lv: 'data', size: '10g' }, scene: { vgs: VG } },
  { args: { lv: 'data', size: '10g' }, scene: { vgs: VG, lvs: ACTIVE } },
  { args: { lv: 'data', size: '10g' }, scene: { vgs: VG, lvs: 'data;10.00;-wi-------' } },
  { args: { lv: 'data', size: '20g' }, scene: { vgs: VG, lvs: ACTIVE } },
  { args: { lv: 'data', size: '5g' }, scene: { vgs: VG, lvs: ACTIVE } },
  { args: { lv: 'data', size: '5g', shrink: false }, scene: { vgs: VG, lvs: ACTIVE } },
  { args: { lv: 'data', size: '5g', force: true, resizefs: true }, scene: { vgs: VG, lvs: ACTIVE } },
  { args: { lv: 'data', size: '+100%FREE' }, scene: { vgs: VG, lvs: 'data;60.00;-wi-a-----' } },
  { args: { lv: 'data', size: '80%VG' }, scene: { vgs: VG, lvs: 'data;60.00;-wi-a-----' } },
  { args: { lv: 'data', size: '100%FREE' }, scene: { vgs: VG, lvs: 'data;60.00;-wi-a-----' } },
  { args: { lv: 'data', state: 'absent' }, scene: { vgs: VG, lvs: ACTIVE } },
  { args: { lv: 'data', state: 'absent', force: true }, scene: { vgs: VG, lvs: ACTIVE } },
  { args: { lv: 'data', state: 'absent' }, scene: { fail: 'vgs', err: 'Volume group "v" not found' } },
  { args: { lv: 'data', size: '1g' }, scene: { fail: 'vgs', err: 'Volume group "v" not found' } },
  { args: { lv: 'data' }, scene: { vgs: VG } },
  { args: { lv: 'data', size: '+5g' }, scene: { vgs: VG } },
  { args: { lv: 'data', size: '20g' }, scene: { vgs: VG, lvs: ACTIVE, fail: 'lvextend', err: 'New size matches existing size' } },
  { args: { lv: 'data', size: '20g' }, scene: { vgs: VG, lvs: ACTIVE, fail: 'lvextend', err: 'Insufficient free space' } },
  { args: { lv: 'raid', size: '512', pvs: '/dev/sdb,/dev/sdc', opts: '--type raid1 -m1' }, scene: { vgs: VG, lvs: ACTIVE } },
  { args: { lv: 'data', size: 'abc' }, scene: { vgs: VG } },
  { args: { lv: 'data', size: '150%VG' }, scene: { vgs: VG } },
  { args: { lv: 'data', active: false }, scene: { vgs: VG, lvs: ACTIVE } },
  { args: { lv: 'data', size: '10g' }, scene: { vgs: VG, lvs: 'other;1.00;-wi-a-----', fail: 'lvcreate', err: 'no space' } },
  { args: { lv: 'v/data', size: '12.5G' }, scene: { vgs: VG, lvs: ACTIVE } },
];

describe.skipIf(!ready)('A2C::Lvol.lv matches community.general.lvol (stand-in LVM commands)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-lvol-'));
  const bin = join(dir, 'bin');
  const scene = join(dir, 'scene');
  const log = join(dir, 'log');
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];

  /** The command that sets a step's scene: each file written (vgs/lvs padded as LVM pads its columns), the log emptied. */
  const setScene = (s: Scene): string[] => {
    const files = { vgs: s.vgs ?? '', lvs: s.lvs ?? '', fail: s.fail ?? '', err: s.err ?? '' };
    const pad = (t: string) =>
      t
        ? `${t
            .split('\n')
            .map((l) => `  ${l}  `)
            .join('\n')}\n`
        : '';
    const writes = Object.entries(files).map(([f, t]) => `printf '%s' '${f === 'vgs' || f === 'lvs' ? pad(t) : t}' > ${join(scene, f)}`);
    return ['sh', '-c', [...writes, `: > ${log}`].join('; ')];
  };

  beforeAll(() => {
    mkdirSync(bin);
    mkdirSync(scene);
    for (const c of COMMANDS) {
      const answer =
        c === 'lvm' ? "echo '  LVM version:     2.03.16(2) (2022-05-18)'" : ['vgs', 'lvs'].includes(c) ? `cat ${join(scene, c)}` : '';
      const script = [
        '#!/bin/sh',
        `{ printf '%s' ${c}; for a in "$@"; do printf ' [%s]' "$a"; done; printf ' LC_ALL=%s' "$LC_ALL"; echo; } >> ${log}`,
        `[ "$(cat ${join(scene, 'fail')})" = ${c} ] && { cat ${join(scene, 'err')} >&2; exit 5; }`,
        answer,
        'exit 0',
      ].join('\n');
      writeFileSync(join(bin, c), script);
      chmodSync(join(bin, c), 0o755);
    }
    const env = { ...process.env, PATH: `${bin}:${process.env['PATH']}` };
    const parse = (out: string): Outcome[] =>
      (JSON.parse(out) as Array<Record<string, unknown>>).map((r) => ({
        changed: r['changed'] === true,
        failed: r['failed'] === true,
        snapshot: String(r['snapshot']),
      }));
    const args = STEPS.map((s) => ({ vg: 'v', ...s.args }));
    const before = STEPS.map((s) => setScene(s.scene));
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: MODULE, steps: args, snapshot: ['cat', log], before }),
      encoding: 'utf8',
      env,
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = parse(py.stdout);
    const script = [
      'require "json"',
      `require ${JSON.stringify(LIB)}`,
      'steps, log = JSON.parse($stdin.read)',
      'out = steps.map do |s|',
      '  system(*s["before"], exception: true)',
      '  r = begin',
      '    A2C::Lvol.lv(**s["args"].to_h { |k, v| [k.to_sym, v] })',
      '  rescue A2C::Lvol::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('snapshot' => File.read(log))",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const input = args.map((a, i) => ({ args: a, before: before[i] }));
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify([input, log]), encoding: 'utf8', env });
    if (rb.status !== 0) throw new Error(rb.stderr);
    ruby = parse(rb.stdout);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the steps create, keep, resize, activate, remove, and fail', () => {
    const kinds = ansible.map((o) => (o.failed ? 'failed' : o.changed ? 'changed' : 'kept'));
    expect(kinds.filter((k) => k === 'changed').length).toBeGreaterThanOrEqual(8);
    expect(kinds.filter((k) => k === 'kept').length).toBeGreaterThanOrEqual(4);
    expect(kinds.filter((k) => k === 'failed').length).toBeGreaterThanOrEqual(7);
    expect(ansible[0]!.snapshot).toContain('lvcreate [--yes] [-n] [data] [-L] [10g] [v] LC_ALL=C');
    expect(ansible[6]!.snapshot).toContain('lvreduce [--force] [--resizefs] [-L] [5g] [v/data]');
  });

  it('agrees after every step on changed, failed and the commands run', () => {
    const diffs = STEPS.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: i, s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });
});
