// A2C::Facts.services (service_facts' `services` fact) checked DIFFERENTIALLY against the module's
// own scan classes (ansible-core 2.14), both fed the same canned command output: systemd's units
// (running, exited, failed and not-found ones, with the marker systemctl prints before a bad unit),
// its unit files (a unit only listed there asks `systemctl show`), and the sysv listing.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SC = '/usr/bin/systemctl';
const UNITS = [
  '  UNIT                       LOAD      ACTIVE   SUB     DESCRIPTION',
  '  cron.service               loaded    active   running Regular background program processing daemon',
  '  networking.service         loaded    active   exited  Raise network interfaces',
  '● ntp.service                loaded    failed   failed  Network Time Service',
  '● systemd-timesyncd.service  not-found inactive dead    systemd-timesyncd.service',
  '  ssh.service                loaded    inactive dead    OpenBSD Secure Shell server',
  '',
  'LOAD   = Reflects whether the unit definition was properly loaded.',
  '5 loaded units listed.',
].join('\n');
const FILES = [
  'UNIT FILE                  STATE           VENDOR PRESET',
  'cron.service               enabled         enabled',
  'networking.service         enabled         enabled',
  'ntp.service                enabled         enabled',
  'ssh.service                disabled        enabled',
  'rsync.service              masked          enabled',
  'getty@.service             enabled         enabled',
  '',
  '6 unit files listed.',
].join('\n');
const SYSV = ' [ + ]  cron\n [ - ]  rsync\n [ ? ]  hwclock.sh\n [ + ]  ssh\n';
const systemd = {
  bins: { service: '/usr/sbin/service', systemctl: SC },
  systemd: true,
  outputs: {
    '/usr/sbin/service --status-all': [0, SYSV],
    [`${SC} list-units --no-pager --type service --all`]: [0, UNITS],
    [`${SC} list-unit-files --no-pager --type service --all`]: [0, FILES],
    [`${SC} show rsync.service --property=ActiveState`]: [0, 'ActiveState=inactive\n'],
    [`${SC} show getty@.service --property=ActiveState`]: [1, ''],
  },
};
const CASES = [
  systemd,
  // No systemd as PID 1: the sysv listing alone.
  { ...systemd, systemd: false },
  // systemctl failing: what the sysv listing gives.
  { ...systemd, outputs: { '/usr/sbin/service --status-all': [0, SYSV] } },
  // Nothing found: no fact.
  { bins: {}, systemd: false, outputs: {} },
];

const ready = requireOrSkip('ruby', hasTool('ruby')) && requireOrSkip('ansible (Python)', hasPythonModule('ansible.modules.service_facts'));

it.skipIf(!ready)('gives the services fact service_facts gives from the same command output', () => {
  const input = JSON.stringify(CASES);
  const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/service-facts-ansible.py')], { input, encoding: 'utf8' });
  expect(py.stderr).toBe('');
  const rb = spawnSync('ruby', [join(ROOT, 'test/tools/service-facts-ruby.rb'), join(ROOT, 'src/support-cookbook/ruby/libraries')], {
    input,
    encoding: 'utf8',
  });
  expect(rb.stderr).toBe('');
  const want = JSON.parse(py.stdout) as Array<Record<string, Record<string, string>> | null>;
  // The cases reach every rule: a failed and a not-found unit, one known from its unit file alone.
  expect(want[0]?.['ntp.service']?.status).toBe('failed');
  expect(want[0]?.['systemd-timesyncd.service']?.status).toBe('not-found');
  expect(want[0]?.['rsync.service']).toEqual({ name: 'rsync.service', state: 'inactive', status: 'masked', source: 'systemd' });
  expect(want[3]).toBeNull();
  expect(JSON.parse(rb.stdout)).toEqual(want);
});
