// A2C::UserGroups (behind a2c_user_groups) checked DIFFERENTIALLY against ansible.builtin.user with
// `groups`, without `append` and with `append: true`: a throwaway user and groups are created, the
// same steps run once through the module (test/tools/module-batch-ansible.py) and once through the
// Ruby library from the same starting membership; after every step `changed`, `failed` and the
// groups' member lists must agree.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const MODULE = 'ansible.modules.user';
const isRoot = process.getuid?.() === 0;
const ready = requireOrSkip(
  'ruby, ansible-core, root and useradd/groupadd/usermod',
  hasTool('ruby') && hasPythonModule(MODULE) && isRoot && ['useradd', 'groupadd', 'usermod', 'userdel', 'groupdel'].every(hasTool),
);

type Outcome = { changed: boolean; failed: boolean; snapshot: string };
const parse = (out: string): Outcome[] =>
  (JSON.parse(out) as Array<Record<string, unknown>>).map((r) => ({
    changed: r['changed'] === true,
    failed: r['failed'] === true,
    snapshot: String(r['snapshot']),
  }));

describe.skipIf(!ready).each([false, true])('A2C::UserGroups matches ansible.builtin.user groups (append: %s)', (append) => {
  const tag = `a2c${process.pid % 100000}${append ? 'a' : ''}`;
  const user = `${tag}u`;
  const [g1, g2, g3] = [`${tag}g1`, `${tag}g2`, `${tag}g3`];
  const snapshot = ['getent', 'group', g1, g2, g3, user];
  let steps: Array<{ groups: string[] | string; note?: string }> = [];
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];
  const sh = (...argv: string[]) => {
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const reset = () => sh('usermod', '-G', g3, user);

  beforeAll(() => {
    for (const g of [g1, g2, g3]) sh('groupadd', g);
    sh('useradd', '-M', '-U', user);
    const gid2 = sh('getent', 'group', g2).split(':')[2]!;
    steps = [
      { groups: [g1, g2] },
      { groups: [g1, g2] },
      { groups: `${g2} , ${g1}` },
      { groups: [g3, `${g1},${g1}`] },
      { groups: [g3, g1, `${tag}missing`] },
      { groups: [] },
      { groups: [] },
      { groups: [g1, gid2] },
      { groups: [g1, gid2] },
      { groups: [user] },
      { groups: [`${g1},,`] },
      { groups: [' '] },
      { groups: [','] },
    ];
    reset();
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: MODULE, steps: steps.map((s) => ({ name: user, groups: s.groups, append })), snapshot }),
      encoding: 'utf8',
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = parse(py.stdout);
    reset();
    const script = [
      'require "json"; require "open3"',
      `require ${JSON.stringify(join(LIBDIR, 'a2c_user_groups'))}`,
      'user, steps, snap = JSON.parse($stdin.read)',
      'out = steps.map do |s|',
      '  r = begin',
      `    A2C::UserGroups.manage(user: user, groups: s["groups"].is_a?(Array) ? s["groups"] : [s["groups"]], append: ${append})`,
      '  rescue A2C::UserGroups::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('snapshot' => Open3.capture3(*snap)[0])",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify([user, steps, snapshot]), encoding: 'utf8' });
    if (rb.status !== 0) throw new Error(rb.stderr);
    ruby = parse(rb.stdout);
  });

  afterAll(() => {
    spawnSync('userdel', [user]);
    for (const g of [g1, g2, g3, user]) spawnSync('groupdel', [g]);
  });

  it('the steps change, keep and fail', () => {
    expect(ansible.filter((o) => o.changed).length).toBeGreaterThanOrEqual(append ? 3 : 5);
    expect(ansible.filter((o) => o.failed).length).toBeGreaterThanOrEqual(2);
    expect(ansible.filter((o) => !o.changed && !o.failed).length).toBeGreaterThanOrEqual(3);
    // The first step removes the user from g3 without append, keeps it there with append.
    expect(ansible[0]!.snapshot).toContain(`${g3}:x:`);
    if (append) expect(ansible[0]!.snapshot).toMatch(new RegExp(`${g3}:x:\\d+:${user}`));
    else expect(ansible[0]!.snapshot).not.toMatch(new RegExp(`${g3}:x:\\d+:${user}`));
  });

  it('agrees after every step on changed, failed and the member lists', () => {
    const diffs = steps.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: i, s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });
});
