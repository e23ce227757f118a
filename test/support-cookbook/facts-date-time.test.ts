// ansible_date_time: A2C::Facts.date_time_at formats a clock reading (nanoseconds) as ansible-core's
// date_time collector does when time.time() returns that reading, compared field by field with the
// real collector in several time zones: DST folds (the epoch of the repeated hour), half-even
// microsecond rounding and its carry into the next second, a 30-minute DST zone. tz and tz_offset
// are read by the collector from the clock again (time.strftime without a time), which the mock
// does not reach; they are compared with the collector's own formats at the mocked instant.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const LIB = resolve(new URL('../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries/a2c_facts_date_time.rb');
const ansible = requireOrSkip('ansible-core (/usr/bin/python3)', hasPythonModule('ansible.module_utils.facts.system.date_time'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));

// Clock readings in nanoseconds, as strings (beyond JavaScript's safe integers).
const READINGS = [
  '1636263000000000000', // 01:30 EDT, America/New_York's repeated hour
  '1636266600000000000', // 01:30 EST, the same wall time an hour later
  '1636264800500000000',
  '1700000000123456789',
  '1700000000999999900', // rounds up into the next second
  '1609459199999999500', // ... and into the next year in UTC
  '1609459200007812500', // an exact half microsecond (1/128 s): half-even
  '1000000000000000000',
  '1710000000000000001',
  '1711846800000000000', // Europe/Berlin's switch to summer time, 2024-03-31 01:00 UTC
];
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];

const PY = `
import json, sys, time
from unittest import mock
from ansible.module_utils.facts.system.date_time import DateTimeFactCollector
out = []
for reading in json.loads(sys.argv[1]):
    ns = int(reading)
    # CPython's time.time(): the nanosecond clock as a double.
    t = float(ns // 10**9) if ns % 10**9 == 0 else float(ns) / 1e9
    with mock.patch('time.time', return_value=t):
        facts = DateTimeFactCollector().collect()['date_time']
    local = time.localtime(int(t // 1))
    facts['tz'] = time.strftime('%Z', local)
    facts['tz_offset'] = time.strftime('%z', local)
    out.append(facts)
print(json.dumps(out))
`;

const RB = `
require 'json'
require ARGV[0]
puts JSON.generate(JSON.parse(ARGV[1]).map { |ns| A2C::Facts.date_time_at(Integer(ns)) })
`;

function run(cmd: string, args: string[], tz: string): Array<Record<string, string>> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', TZ: tz, LC_ALL: 'C' } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Array<Record<string, string>>;
}

describe.skipIf(!ansible || !ruby)('ansible_date_time against the real collector', () => {
  it.each(ZONES)('gives every field the collector gives with TZ=%s', (tz) => {
    const expected = run('/usr/bin/python3', ['-c', PY, JSON.stringify(READINGS)], tz);
    const actual = run('ruby', ['-e', RB, LIB, JSON.stringify(READINGS)], tz);
    expect(Object.keys(actual[0]!).sort()).toEqual(Object.keys(expected[0]!).sort());
    expect(actual).toEqual(expected);
  });

  it('reads the clock once, when the library loads', () => {
    const script = `require ARGV[0]; a = A2C::Facts.date_time(nil); sleep 1.1; b = A2C::Facts.date_time(nil); puts a.equal?(b) && a['epoch'] == b['epoch']`;
    const r = spawnSync('ruby', ['-e', script, LIB], { encoding: 'utf8' });
    expect(r.stdout.trim(), r.stderr).toBe('true');
  });
});
