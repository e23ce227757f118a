// A2C::Lvm.vg (behind a2c_lvg) checked DIFFERENTIALLY against community.general.lvg. Real volume
// groups need block devices and LVM's daemons, which a test machine lacks (no lvm2, no udev in a
// container): LVM's commands are stand-ins here that answer `pvs`/`vgs`/`dmsetup` from a scene set
// before each step and log every command with its arguments. The devices are files (the module
// checks that they exist and resolves symlinks). The same steps run once through the module
// (test/tools/module-batch-ansible.py) and once through the Ruby library: after every step
// `changed`, `failed` and the commands run, in order and with their arguments, must agree.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/support-cookbook/ruby/libraries/a2c_lvm');
const MODULE = 'ansible_collections.community.general.plugins.modules.lvg';
const ready = requireOrSkip('ruby and community.general', hasTool('ruby') && hasPythonModule(MODULE));

const COMMANDS = ['pvs', 'vgs', 'dmsetup', 'pvcreate', 'vgcreate', 'vgextend', 'vgreduce', 'vgremove'];

type Scene = { pvs?: string; vgs?: string; dmsetup?: string; fail?: string };
type Step = { args: Record<string, unknown>; scene: Scene };
type Outcome = { changed: boolean; failed: boolean; snapshot: string };

describe.skipIf(!ready)('A2C::Lvm.vg matches community.general.lvg (stand-in LVM commands)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-lvm-'));
  const bin = join(dir, 'bin');
  const scene = join(dir, 'scene');
  const log = join(dir, 'log');
  const [d1, d2, d3, l1] = ['d1', 'd2', 'd3', 'l1'].map((n) => join(dir, n)) as [string, string, string, string];
  const steps: Step[] = [
    { args: { vg: 'v', pvs: [d1, d2] }, scene: {} },
    { args: { vg: 'v', pvs: [l1, d2] }, scene: { vgs: 'v;2;0', pvs: `${d1};v\n${d2};v` } },
    { args: { vg: 'v', pvs: [d1, d3] }, scene: { vgs: 'v;2;0', pvs: `${d1};v\n${d2};v` } },
    { args: { vg: 'v', pvs: [d3] }, scene: { vgs: 'v;2;0\nother;1;0', pvs: `${d3};other` } },
    { args: { vg: 'v', pvs: [join(dir, 'nope')] }, scene: {} },
    { args: { vg: 'v', state: 'absent' }, scene: { vgs: 'v;1;1' } },
    { args: { vg: 'v', state: 'absent', force: true }, scene: { vgs: 'v;1;1' } },
    { args: { vg: 'v', state: 'absent' }, scene: { vgs: 'other;1;0' } },
    { args: { vg: 'v' }, scene: {} },
    { args: { vg: 'v', pvs: [d1] }, scene: { fail: 'pvcreate' } },
    { args: { vg: 'v', pvs: [d1], pesize: '32', pv_options: '--dataalignment 1m', vg_options: '--addtag t --yes' }, scene: {} },
    { args: { vg: 'v', pvs: [d1] }, scene: { vgs: 'v;1;1', pvs: '/dev/dm-0;v', dmsetup: 'vgx-lv' } },
    { args: { vg: 'v', pvs: [d2] }, scene: { vgs: 'v;1;0', pvs: `${d1};v`, fail: 'vgextend' } },
    { args: { vg: 'v', pvs: [d1] }, scene: { fail: 'vgs' } },
    { args: { vg: 'w', pvs: `${d2},${l1}` }, scene: { vgs: 'v;1;0' } },
  ];
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];

  /** The command that sets a step's scene: each file written (pvs/vgs padded as LVM pads its columns), the log emptied. */
  const setScene = (s: Scene): string[] => {
    const files = { pvs: s.pvs ?? '', vgs: s.vgs ?? '', dmsetup: s.dmsetup ?? '', fail: s.fail ?? '' };
    const pad = (t: string) =>
      t
        ? `${t
            .split('\n')
            .map((l) => `  ${l}  `)
            .join('\n')}\n`
        : '';
    const writes = Object.entries(files).map(([f, t]) => `printf '%s' '${f === 'pvs' || f === 'vgs' ? pad(t) : t}' > ${join(scene, f)}`);
    return ['sh', '-c', [...writes, `: > ${log}`].join('; ')];
  };

  beforeAll(() => {
    mkdirSync(bin);
    mkdirSync(scene);
    for (const d of [d1, d2, d3]) writeFileSync(d, '');
    symlinkSync(d1, l1);
    for (const c of COMMANDS) {
      const script = [
        '#!/bin/sh',
        `{ printf '%s' ${c}; for a in "$@"; do printf ' [%s]' "$a"; done; echo; } >> ${log}`,
        `[ "$(cat ${join(scene, 'fail')})" = ${c} ] && { echo "${c} failed" >&2; exit 5; }`,
        ['pvs', 'vgs', 'dmsetup'].includes(c) ? `cat ${join(scene, c)}` : '',
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
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({
        module: MODULE,
        steps: steps.map((s) => s.args),
        snapshot: ['cat', log],
        before: steps.map((s) => setScene(s.scene)),
      }),
      encoding: 'utf8',
      env,
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = parse(py.stdout);
    const script = [
      'require "json"; require "open3"',
      `require ${JSON.stringify(LIB)}`,
      'steps, log = JSON.parse($stdin.read)',
      'out = steps.map do |s|',
      '  system(*s["before"], exception: true)',
      '  args = s["args"].to_h { |k, v| [k.to_sym, v] }',
      '  r = begin',
      '    A2C::Lvm.vg(**args)',
      '  rescue A2C::Lvm::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('snapshot' => File.read(log))",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const input = steps.map((s) => ({ args: s.args, before: setScene(s.scene) }));
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify([input, log]), encoding: 'utf8', env });
    if (rb.status !== 0) throw new Error(rb.stderr);
    ruby = parse(rb.stdout);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the steps create, keep, extend and reduce, remove, and fail', () => {
    expect(ansible.map((o) => (o.failed ? 'failed' : o.changed ? 'changed' : 'kept'))).toEqual([
      'changed',
      'kept',
      'changed',
      'failed',
      'failed',
      'failed',
      'changed',
      'kept',
      'failed',
      'failed',
      'changed',
      'changed',
      'failed',
      'failed',
      'changed',
    ]);
    expect(ansible[0]!.snapshot).toContain(`vgcreate [-s] [4] [v] [${d1}] [${d2}]`);
    expect(ansible[2]!.snapshot).toContain(`vgreduce [--force] [v] [${d2}]`);
  });

  it('agrees after every step on changed, failed and the commands run', () => {
    const diffs = steps.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: i, s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });
});
