// user expires (A2C::Modules.user_expire_date behind the lazy expire_date) checked DIFFERENTIALLY
// against ansible.builtin.user on a throwaway user, in a zone west of UTC and one east of it: the same
// steps run once through the module and once through the value the converted resource computes with
// Chef's linux user provider around it (its comparison and its usermod -e, replayed here); after every
// step `changed` and the shadow entry's expiry day must agree. The bare date, which the conversion
// wrote before, is replayed too: west of UTC Chef's comparison re-applies it, and misses an entry one
// day later.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { utcDate } from '../../src/translate/modules/user.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/support-cookbook/ruby/libraries/a2c_modules');
const MODULE = 'ansible.modules.user';
const isRoot = process.getuid?.() === 0;
const ready = requireOrSkip(
  'ruby, ansible-core, root and useradd/usermod/userdel/getent',
  hasTool('ruby') && hasPythonModule(MODULE) && isRoot && ['useradd', 'usermod', 'userdel', 'getent'].every(hasTool),
);

/** 2015-01-28 03:03 UTC (the evening before in New York), then the next day at noon UTC. */
const DAY = 1422403387;
const NEXT = 1422532800;
/** Set, kept, moved a day later, moved back (from one day later: the case Chef's own comparison misses west of UTC), kept. */
const STEPS = [DAY, DAY, NEXT, DAY, DAY];

type Outcome = { changed: boolean; day: number | null };

/** The expiry day of `getent shadow` output, null when the field is empty. */
const dayOf = (entry: string): number | null => {
  const field = entry.trim().split(':')[7] ?? '';
  return field === '' ? null : Number(field);
};

const user = `a2c${process.pid % 100000}x`;
const sh = (argv: string[], tz: string) => {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env: { ...process.env, TZ: tz } });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

function ansible(tz: string): Outcome[] {
  sh(['usermod', '-e', '', user], tz);
  const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
    input: JSON.stringify({
      module: MODULE,
      steps: STEPS.map((expires) => ({ name: user, expires })),
      snapshot: ['getent', 'shadow', user],
    }),
    encoding: 'utf8',
    env: { ...process.env, TZ: tz },
  });
  if (py.status !== 0) throw new Error(py.stderr);
  return (JSON.parse(py.stdout) as Array<{ changed: boolean; failed?: boolean; msg?: string; snapshot: string }>).map((r) => {
    if (r.failed) throw new Error(r.msg);
    return { changed: r.changed, day: dayOf(r.snapshot) };
  });
}

// Chef's linux user provider around the property (chef/chef lib/chef/provider/user.rb
// load_shadow_options and compare_user, lib/chef/provider/user/linux.rb compare_user and
// universal_options): the entry's day printed in local time, a change when the property is set and
// its text differs, then `usermod -e <property>`.
const CHEF = `
require 'json'
require ${JSON.stringify(LIB)}
user, steps, lazy = JSON.parse($stdin.read)
day = ->() { f = \`getent shadow #{user}\`.chomp.split(':', -1)[7].to_s; f.empty? ? nil : Integer(f, 10) }
out = steps.map do |date|
  want = lazy ? A2C::Modules.user_expire_date(user, date) : date
  current = day.call.nil? ? nil : Time.at(day.call * 60 * 60 * 24).strftime('%Y-%m-%d')
  changed = !want.nil? && want.to_s != current.to_s
  system('usermod', '-e', want, user, out: File::NULL, exception: true) if changed
  { 'changed' => changed, 'day' => day.call }
end
print JSON.generate(out)
`;

function chef(tz: string, lazy: boolean): Outcome[] {
  sh(['usermod', '-e', '', user], tz);
  const dates = STEPS.map((s) => utcDate(s)!);
  const rb = spawnSync('ruby', ['-e', CHEF], {
    input: JSON.stringify([user, dates, lazy]),
    encoding: 'utf8',
    env: { ...process.env, TZ: tz },
  });
  if (rb.status !== 0) throw new Error(rb.stderr);
  return JSON.parse(rb.stdout) as Outcome[];
}

describe.skipIf(!ready)('user expires on a node west and east of UTC, against ansible.builtin.user', () => {
  afterAll(() => {
    spawnSync('userdel', [user]);
  });

  const day = Math.floor(DAY / 86400);
  const expected: Outcome[] = [
    { changed: true, day },
    { changed: false, day },
    { changed: true, day: day + 1 },
    { changed: true, day },
    { changed: false, day },
  ];

  for (const tz of ['America/New_York', 'Asia/Tokyo']) {
    it(`the converted expire_date changes what the module changes, and only that, with TZ=${tz}`, () => {
      if (spawnSync('getent', ['passwd', user]).status !== 0) sh(['useradd', '-M', user], tz);
      const want = ansible(tz);
      expect(want).toEqual(expected);
      expect(chef(tz, true)).toEqual(want);
    });
  }

  it('creates a user with the expiry day the module gives it, in both zones', () => {
    const created = `${user}n`;
    try {
      for (const tz of ['America/New_York', 'Asia/Tokyo']) {
        spawnSync('userdel', [created]);
        const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
          input: JSON.stringify({
            module: MODULE,
            steps: [{ name: created, expires: DAY, create_home: false }],
            snapshot: ['getent', 'shadow', created],
          }),
          encoding: 'utf8',
          env: { ...process.env, TZ: tz },
        });
        expect(py.status, py.stderr).toBe(0);
        const [made] = JSON.parse(py.stdout) as Array<{ changed: boolean; snapshot: string }>;
        expect(made!.changed).toBe(true);
        spawnSync('userdel', [created]);
        // Chef's create action with no user yet: `useradd -e <expire_date> -M <name>` (linux.rb create_user).
        const value = spawnSync(
          'ruby',
          ['-e', `require ${JSON.stringify(LIB)}; print A2C::Modules.user_expire_date(ARGV[0], ARGV[1])`, created, utcDate(DAY)!],
          {
            encoding: 'utf8',
            env: { ...process.env, TZ: tz },
          },
        );
        expect(value.status, value.stderr).toBe(0);
        sh(['useradd', '-e', value.stdout, '-M', created], tz);
        expect(dayOf(sh(['getent', 'shadow', created], tz))).toBe(dayOf(made!.snapshot));
        expect(dayOf(made!.snapshot)).toBe(Math.floor(DAY / 86400));
      }
    } finally {
      spawnSync('userdel', [created]);
    }
  });

  it("shows why the bare date is not enough: west of UTC Chef's comparison re-applies it and misses a day later", () => {
    if (spawnSync('getent', ['passwd', user]).status !== 0) sh(['useradd', '-M', user], 'UTC');
    expect(chef('Asia/Tokyo', false)).toEqual(expected);
    expect(chef('America/New_York', false)).toEqual([
      { changed: true, day },
      { changed: true, day },
      { changed: true, day: day + 1 },
      { changed: false, day: day + 1 },
      { changed: false, day: day + 1 },
    ]);
  });
});
