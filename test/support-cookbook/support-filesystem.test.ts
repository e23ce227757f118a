// A2C::Filesystem (behind a2c_filesystem) checked DIFFERENTIALLY against community.general.filesystem
// with the real tools (blkid, mkfs.ext*, tune2fs, resize2fs, wipefs) on image files, which both
// accept as devices (no loop device or root needed). The same steps run once through the module and
// once through the Ruby library from a fresh image: after every step `changed`, `failed` and what
// the image holds (type, label, size, block count) must agree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/support-cookbook/ruby/libraries/a2c_filesystem');
const MODULE = 'ansible_collections.community.general.plugins.modules.filesystem';
const ready = requireOrSkip(
  'ruby, community.general and e2fsprogs/util-linux',
  hasTool('ruby') &&
    hasPythonModule(MODULE) &&
    ['blkid', 'mkfs.ext4', 'mkfs.ext3', 'tune2fs', 'resize2fs', 'wipefs', 'truncate'].every(hasTool),
);

type Outcome = { changed: boolean; failed: boolean; snapshot: string };

describe.skipIf(!ready)('A2C::Filesystem matches community.general.filesystem (image files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-fs-'));
  const img = join(dir, 'disk.img');
  const missing = join(dir, 'missing.img');
  const grow = ['truncate', '-s', '48M', img];
  const steps: Array<{ args: Record<string, unknown>; before?: string[] }> = [
    { args: { dev: img, fstype: 'ext4' } },
    { args: { dev: img, fstype: 'ext4' } },
    { args: { dev: img, fstype: 'ext3' } },
    { args: { dev: img, fstype: 'ext3', force: true } },
    { args: { dev: img, fstype: 'ext3', resizefs: true }, before: grow },
    { args: { dev: img, fstype: 'ext3', resizefs: true } },
    { args: { dev: img, state: 'absent' } },
    { args: { dev: img, state: 'absent' } },
    { args: { dev: img, fstype: 'ext4', opts: '-L data -m 1' } },
    { args: { dev: img, fstype: 'xfs' } },
    { args: { dev: img, fstype: 'ext4dev', resizefs: true, force: true } },
    { args: { dev: missing, fstype: 'ext4' } },
    { args: { dev: missing, state: 'absent' } },
    { args: { dev: img, fstype: 'ext2', force: true, opts: '-b 1024' } },
  ];
  const snapshot = [
    'sh',
    '-c',
    `blkid -c /dev/null -o value -s TYPE -s LABEL ${img}; stat -c %s ${img}; tune2fs -l ${img} 2>/dev/null | grep -E '^Block (count|size)'; true`,
  ];
  const fresh = ['sh', '-c', `rm -f ${img}; truncate -s 32M ${img}`];
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];
  const parse = (out: string): Outcome[] =>
    (JSON.parse(out) as Array<Record<string, unknown>>).map((r) => ({
      changed: r['changed'] === true,
      failed: r['failed'] === true,
      snapshot: String(r['snapshot']),
    }));

  beforeAll(() => {
    const before = steps.map((s, i) => (i === 0 ? fresh : (s.before ?? null)));
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: MODULE, steps: steps.map((s) => s.args), snapshot, before }),
      encoding: 'utf8',
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = parse(py.stdout);
    const script = [
      'require "json"; require "open3"',
      `require ${JSON.stringify(LIB)}`,
      'steps, snap = JSON.parse($stdin.read)',
      'out = steps.map do |s|',
      '  system(*s["before"], exception: true) if s["before"]',
      '  r = begin',
      '    A2C::Filesystem.make(**s["args"].to_h { |k, v| [k.to_sym, v] })',
      '  rescue A2C::Filesystem::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('snapshot' => Open3.capture3(*snap)[0])",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const input = steps.map((s, i) => ({ args: s.args, before: before[i] }));
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify([input, snapshot]), encoding: 'utf8' });
    if (rb.status !== 0) throw new Error(rb.stderr);
    ruby = parse(rb.stdout);
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the steps make, keep, refuse, force, grow, wipe and fail', () => {
    const k = { c: 'changed', k: 'kept', f: 'failed' } as const;
    expect(ansible.map((o) => (o.failed ? k.f : o.changed ? k.c : k.k))).toEqual(
      ['c', 'k', 'f', 'c', 'c', 'k', 'c', 'k', 'c', 'f', 'k', 'f', 'k', 'c'].map((x) => k[x as keyof typeof k]),
    );
    // The grown image is ext3 over 48 MiB; the labelled one ext4 named data (blkid prints the label first); the wiped one empty.
    expect(ansible[4]!.snapshot).toMatch(/^ext3\n50331648\n/);
    expect(ansible[8]!.snapshot).toMatch(/^data\next4\n/);
    expect(ansible[6]!.snapshot).toMatch(/^50331648\n$/);
  });

  it('agrees after every step on changed, failed and what the image holds', () => {
    const diffs = steps.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: i, s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });
});
