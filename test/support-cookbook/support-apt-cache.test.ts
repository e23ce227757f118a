// a2c_apt_update (resources/apt_update.rb, libraries/a2c_apt_cache.rb) checked DIFFERENTIALLY
// against ansible-core 2.14's apt module with update_cache (and cache_valid_time) alone: its own
// main(), run with a stand-in for python-apt whose Cache.update() does what each case's update does
// (touch the success stamp, add a file to the lists folder, nothing, fail). Chef's apt_update
// counted every update as a change, so a handler it notified ran on every Chef run; the module
// reports changed only when the cache time it reads (the stamp's mtime, else the lists folder's)
// moved. Both sides read the fixed /var/lib/apt, so each runs in a private mount namespace where it
// is a scratch folder: the machine's own apt state is never touched. For every case, whether the
// update ran (how often) and what the module reports agree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const LIB = resolve(import.meta.dirname, '../../src/support-cookbook/ruby/libraries/a2c_apt_cache.rb');

function isolated(dir: string, argv: string[], input: string) {
  const script = 'mount --bind "$0" /var/lib/apt && exec "$@"';
  return spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, dir, ...argv], {
    input,
    encoding: 'utf8',
  });
}

/** Can this machine give a process its own /var/lib/apt (root, unshare allowed)? */
function canIsolate(): boolean {
  if (!hasTool('unshare')) return false;
  const dir = mkdtempSync(join(tmpdir(), 'a2c-ns-probe-'));
  try {
    return isolated(dir, ['sh', '-c', 'test -z "$(ls /var/lib/apt)"'], '').status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ready = requireOrSkip(
  'ruby, ansible-core and a private mount namespace (unshare as root)',
  hasTool('ruby') && hasPythonModule('ansible.modules.apt') && canIsolate(),
);

/** The same setup and update actions on both sides, written twice (Python, Ruby) in the same words. */
const PYTHON = `
import contextlib, io, json, os, shutil, sys, time, types
A = '/var/lib/apt'
STAMP = A + '/periodic/update-success-stamp'
LISTS = A + '/lists'
state = {'action': None, 'calls': 0}
class FetchFailed(Exception):
    pass
def act(action, n):
    if action == 'fail' or (action == 'fail-twice' and n <= 2):
        raise FetchFailed('fetch failed')
    if action in ('touch-stamp', 'fail-twice'):
        os.makedirs(os.path.dirname(STAMP), exist_ok=True)
        open(STAMP, 'a').close()
        os.utime(STAMP)
    elif action == 'touch-lists':
        os.makedirs(LISTS, exist_ok=True)
        open(os.path.join(LISTS, 'new-%d' % n), 'w').close()
class Cache:
    def __init__(self, *a, **k):
        pass
    def update(self, *a, **k):
        state['calls'] += 1
        act(state['action'], state['calls'])
    def open(self, *a, **k):
        pass
apt = types.ModuleType('apt'); apt.Cache = Cache
cache = types.ModuleType('apt.cache'); cache.FetchFailedException = FetchFailed
cache.LockFailedException = type('LockFailed', (Exception,), {})
apt.cache = cache
debfile = types.ModuleType('apt.debfile'); apt.debfile = debfile
sys.modules.update({'apt': apt, 'apt.cache': cache, 'apt.debfile': debfile, 'apt_pkg': types.ModuleType('apt_pkg')})
time.sleep = lambda s: None
from ansible.module_utils import basic
import ansible.modules.apt as module
def setup(c):
    for e in os.listdir(A):
        p = os.path.join(A, e)
        shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    now = time.time()
    if c['stamp']:
        os.makedirs(os.path.dirname(STAMP))
        open(STAMP, 'w').close()
        t = now - (7200 if c['stamp'] == 'old' else 60)
        os.utime(STAMP, (t, t))
    if c['lists']:
        os.makedirs(LISTS)
        os.utime(LISTS, (now - 7200, now - 7200))
out = []
for c in json.load(sys.stdin):
    setup(c)
    state.update(action=c['action'], calls=0)
    args = {'update_cache': True}
    if c['valid'] is not None:
        args['cache_valid_time'] = c['valid']
    basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            module.main()
        except SystemExit:
            pass
    r = json.loads(buf.getvalue())
    out.append({'failed': True, 'calls': state['calls']} if r.get('failed') else {'changed': r['changed'], 'calls': state['calls']})
print(json.dumps(out))
`;

const RUBY = `
require 'json'
require 'fileutils'
require ARGV[0]
A = '/var/lib/apt'
STAMP = "#{A}/periodic/update-success-stamp"
LISTS = "#{A}/lists"
def act(action, n)
  raise 'fetch failed' if action == 'fail' || (action == 'fail-twice' && n <= 2)

  if %w[touch-stamp fail-twice].include?(action)
    FileUtils.mkdir_p(File.dirname(STAMP))
    FileUtils.touch(STAMP)
  elsif action == 'touch-lists'
    FileUtils.mkdir_p(LISTS)
    File.write("#{LISTS}/new-#{n}", '')
  end
end
def setup(c)
  Dir.children(A).each { |e| FileUtils.rm_rf(File.join(A, e)) }
  now = Time.now
  if c['stamp']
    FileUtils.mkdir_p(File.dirname(STAMP))
    File.write(STAMP, '')
    t = now - (c['stamp'] == 'old' ? 7200 : 60)
    File.utime(t, t, STAMP)
  end
  return unless c['lists']

  FileUtils.mkdir_p(LISTS)
  File.utime(now - 7200, now - 7200, LISTS)
end
out = JSON.parse($stdin.read).map do |c|
  setup(c)
  calls = 0
  next { 'changed' => false, 'calls' => 0 } unless A2C::AptCache.stale?(c['valid'] || 0)

  begin
    changed = A2C::AptCache.update(sleeper: ->(_s) {}) do
      calls += 1
      act(c['action'], calls)
    end
    { 'changed' => changed, 'calls' => calls }
  rescue RuntimeError
    { 'failed' => true, 'calls' => calls }
  end
end
puts JSON.generate(out)
`;

const CASES = ['old', 'fresh', null].flatMap((stamp) =>
  ['old', null].flatMap((lists) =>
    [null, 0, 3600].flatMap((valid) =>
      ['touch-stamp', 'touch-lists', 'nothing', 'fail-twice', 'fail'].map((action) => ({ stamp, lists, valid, action })),
    ),
  ),
);

describe.skipIf(!ready)('a2c_apt_update matches ansible.builtin.apt update_cache', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-apt-cache-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (argv: string[]) => {
    const r = isolated(dir, argv, JSON.stringify(CASES));
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as Array<{ changed?: boolean; calls: number; failed?: true }>;
  };

  it('updates when the module does, and reports changed only when the module does', () => {
    const ansible = run(['/usr/bin/python3', '-c', PYTHON]);
    const ruby = run(['ruby', '-e', RUBY, LIB]);
    expect(ruby.map((o, i) => ({ ...CASES[i], ...o }))).toEqual(ansible.map((o, i) => ({ ...CASES[i], ...o })));
    const at = (stamp: string | null, lists: string | null, valid: number | null, action: string) =>
      ansible[CASES.findIndex((c) => c.stamp === stamp && c.lists === lists && c.valid === valid && c.action === action)];
    // The cases reach every branch: an update that moves nothing is no change (what apt_update got
    // wrong), a moved stamp is one, the lists folder counts only without a stamp, a fresh cache is
    // not updated, a failing fetch is retried and then fails the task.
    expect(at('old', 'old', null, 'nothing')).toEqual({ changed: false, calls: 1 });
    expect(at('old', 'old', null, 'touch-stamp')).toEqual({ changed: true, calls: 1 });
    expect(at('old', 'old', null, 'touch-lists')).toEqual({ changed: false, calls: 1 });
    expect(at(null, 'old', null, 'touch-lists')).toEqual({ changed: true, calls: 1 });
    expect(at('fresh', null, 3600, 'touch-stamp')).toEqual({ changed: false, calls: 0 });
    expect(at('fresh', null, 0, 'touch-stamp')).toEqual({ changed: true, calls: 1 });
    expect(at('old', null, null, 'fail-twice')).toEqual({ changed: true, calls: 3 });
    expect(at('old', null, null, 'fail')).toEqual({ failed: true, calls: 5 });
  });
});
