// A2C::PolicyRcD (behind a2c_apt_package's policy_rc_d) checked DIFFERENTIALLY against the context
// manager ansible.builtin.apt runs its package steps in (PolicyRcD of ansible-core's apt module).
// Both write the fixed path /usr/sbin/policy-rc.d, so each side runs in a private mount namespace
// where /usr/sbin is a scratch folder: the machine's own /usr/sbin is never touched. For each
// starting state, code and outcome of the step, the file seen during the step and after it agree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const LIB = resolve(import.meta.dirname, '../../src/support-cookbook/ruby/libraries/a2c_policy_rc_d.rb');

/** Can this machine give a process its own /usr/sbin (root, unshare allowed)? */
function canIsolate(): boolean {
  if (!hasTool('unshare')) return false;
  const dir = mkdtempSync(join(tmpdir(), 'a2c-ns-probe-'));
  try {
    return isolated(dir, ['sh', '-c', 'test -z "$(ls /usr/sbin)"'], '').status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function isolated(dir: string, argv: string[], input: string) {
  const script = 'mount --bind "$0" /usr/sbin && exec "$@"';
  return spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, dir, ...argv], {
    input,
    encoding: 'utf8',
  });
}

const ready = requireOrSkip(
  'ruby, ansible-core and a private mount namespace (unshare as root)',
  hasTool('ruby') && hasPythonModule('ansible.modules.apt') && canIsolate(),
);

const PYTHON = `
import json, os, stat, sys
from ansible.modules.apt import PolicyRcD
P = '/usr/sbin/policy-rc.d'
class Module:
    def __init__(self, code):
        self.params = {'policy_rc_d': code}
    def fail_json(self, **kw):
        raise RuntimeError(kw['msg'])
def snap():
    if not os.path.exists(P):
        return None
    with open(P) as f:
        return [f.read(), oct(stat.S_IMODE(os.stat(P).st_mode))]
out = []
for case in json.load(sys.stdin):
    if os.path.exists(P):
        os.remove(P)
    if case['start'] is not None:
        with open(P, 'w') as f:
            f.write(case['start'])
        os.chmod(P, 0o700)
    inside, err = None, None
    try:
        with PolicyRcD(Module(case['code'])):
            inside = snap()
            if case['fail']:
                raise ValueError('the package step failed')
    except ValueError:
        err = 'failed'
    out.append({'inside': inside, 'after': snap(), 'err': err})
print(json.dumps(out))
`;

const RUBY = `
require 'json'
require ARGV[0]
P = '/usr/sbin/policy-rc.d'
def snap
  return nil unless File.exist?(P)
  [File.read(P), format('0o%o', File.stat(P).mode & 0o7777)]
end
out = JSON.parse($stdin.read).map do |c|
  File.delete(P) if File.exist?(P)
  unless c['start'].nil?
    File.write(P, c['start'])
    File.chmod(0o700, P)
  end
  inside = nil
  err = nil
  begin
    A2C::PolicyRcD.around(c['code']) do
      inside = snap
      raise ArgumentError, 'the package step failed' if c['fail']
    end
  rescue ArgumentError
    err = 'failed'
  end
  { 'inside' => inside, 'after' => snap, 'err' => err }
end
puts JSON.generate(out)
`;

const CASES = [null, '#!/bin/sh\nexit 0\n'].flatMap((start) =>
  [101, 0, null].flatMap((code) => [false, true].map((fail) => ({ start, code, fail }))),
);

describe.skipIf(!ready)('A2C::PolicyRcD matches ansible.builtin.apt’s PolicyRcD', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-policy-rc-d-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (argv: string[]) => {
    const r = isolated(dir, argv, JSON.stringify(CASES));
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as Array<{ inside: [string, string] | null; after: [string, string] | null; err: string | null }>;
  };

  it('writes, backs up and restores the file as the module does, also when the step fails', () => {
    const ansible = run(['/usr/bin/python3', '-c', PYTHON]);
    const ruby = run(['ruby', '-e', RUBY, LIB]);
    expect(ruby).toEqual(ansible);
    // The cases reach every branch: the file written during the step, an earlier one put back, none left.
    expect(ansible[0]).toEqual({ inside: ['#!/bin/sh\nexit 101\n', '0o755'], after: null, err: null });
    expect(ansible.some((o, i) => CASES[i]?.start !== null && o.after?.[1] === '0o700' && o.inside?.[0].includes('exit 101'))).toBe(true);
    expect(ansible.some((o) => o.err === 'failed')).toBe(true);
  });
});
