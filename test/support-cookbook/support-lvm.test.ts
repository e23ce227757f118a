// A2C::Lvm.vg (behind a2c_lvg) checked DIFFERENTIALLY against community.general.lvg. Real volume
// groups need block devices and LVM's daemons, which a test machine lacks (no lvm2, no udev in a
// container): LVM's commands are stand-ins here that answer `pvs`/`vgs`/`dmsetup` from a scene set
// before each step and log every command with its arguments. The devices are files (the module
// checks that they exist and resolves symlinks). The same steps run once through the module
// (test/tools/module-batch-ansible.py) and once through the Ruby library: after every step
// `changed`, `failed` and the commands run, in order and with their arguments, must agree.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { type Outcome, runBoth, sceneCommand, standInWorld } from '../helpers/stand-in-steps.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/support-cookbook/ruby/libraries/a2c_lvm');
const MODULE = 'ansible_collections.community.general.plugins.modules.lvg';
const ready = requireOrSkip('ruby and community.general', hasTool('ruby') && hasPythonModule(MODULE));

const COMMANDS = ['pvs', 'vgs', 'dmsetup', 'pvcreate', 'vgcreate', 'vgextend', 'vgreduce', 'vgremove'];

type Scene = { pvs?: string; vgs?: string; dmsetup?: string; fail?: string };
type Step = { args: Record<string, unknown>; scene: Scene };

describe.skipIf(!ready)('A2C::Lvm.vg matches community.general.lvg (stand-in LVM commands)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-lvm-'));
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

  beforeAll(() => {
    const world = standInWorld(dir, COMMANDS, (c, w) => [
      `{ printf '%s' ${c}; for a in "$@"; do printf ' [%s]' "$a"; done; echo; } >> ${w.log}`,
      `[ "$(cat ${join(w.scene, 'fail')})" = ${c} ] && { echo "${c} failed" >&2; exit 5; }`,
      ['pvs', 'vgs', 'dmsetup'].includes(c) ? `cat ${join(w.scene, c)}` : '',
    ]);
    for (const d of [d1, d2, d3]) writeFileSync(d, '');
    symlinkSync(d1, l1);
    const scene = (sc: Scene) =>
      sceneCommand(world, { pvs: sc.pvs ?? '', vgs: sc.vgs ?? '', dmsetup: sc.dmsetup ?? '', fail: sc.fail ?? '' }, ['pvs', 'vgs']);
    ({ ansible, ruby } = runBoth({
      world,
      module: MODULE,
      lib: LIB,
      rubyCall: 'A2C::Lvm.vg(**args)',
      rubyError: 'A2C::Lvm::Error',
      steps: steps.map((st) => st.args),
      before: steps.map((st) => scene(st.scene)),
    }));
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
