// A2C::Lvol.lv (behind a2c_lvol) checked DIFFERENTIALLY against community.general.lvol, as
// support-lvm.test.ts checks a2c_lvg: LVM's commands are stand-ins answering `lvm version`, `vgs`
// and `lvs` from a scene set before each step, failing where the scene says (with the scene's
// error text) and logging every command with its arguments; no block device or lvm2 is needed (none
// is available on the test machines). The same steps run once through the module and once through
// the Ruby library: after every step `changed`, `failed` and the commands run must agree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { type Outcome, runBoth, sceneCommand, standInWorld } from '../helpers/stand-in-steps.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/support-cookbook/ruby/libraries/a2c_lvol');
const MODULE = 'ansible_collections.community.general.plugins.modules.lvol';
const ready = requireOrSkip('ruby and community.general', hasTool('ruby') && hasPythonModule(MODULE));

const COMMANDS = ['lvm', 'vgs', 'lvs', 'lvcreate', 'lvremove', 'lvextend', 'lvreduce', 'lvchange'];

type Scene = { vgs?: string; lvs?: string; fail?: string; err?: string };
type Step = { args: Record<string, unknown>; scene: Scene };

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
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];

  beforeAll(() => {
    const world = standInWorld(dir, COMMANDS, (c, w) => [
      `{ printf '%s' ${c}; for a in "$@"; do printf ' [%s]' "$a"; done; printf ' LC_ALL=%s' "$LC_ALL"; echo; } >> ${w.log}`,
      `[ "$(cat ${join(w.scene, 'fail')})" = ${c} ] && { cat ${join(w.scene, 'err')} >&2; exit 5; }`,
      c === 'lvm' ? "echo '  LVM version:     2.03.16(2) (2022-05-18)'" : ['vgs', 'lvs'].includes(c) ? `cat ${join(w.scene, c)}` : '',
    ]);
    const scene = (sc: Scene) =>
      sceneCommand(world, { vgs: sc.vgs ?? '', lvs: sc.lvs ?? '', fail: sc.fail ?? '', err: sc.err ?? '' }, ['vgs', 'lvs']);
    ({ ansible, ruby } = runBoth({
      world,
      module: MODULE,
      lib: LIB,
      rubyCall: 'A2C::Lvol.lv(**args)',
      rubyError: 'A2C::Lvol::Error',
      steps: STEPS.map((st) => ({ vg: 'v', ...st.args })),
      before: STEPS.map((st) => scene(st.scene)),
    }));
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
