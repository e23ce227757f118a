// A2C::AuthorizedKey (behind a2c_authorized_key) checked DIFFERENTIALLY against ansible.posix's
// authorized_key module: the same steps on the same temp files, from the same seeded state, once through
// the module (test/tools/module-batch-ansible.py) and once through the Ruby library; after every step
// `changed`, `failed` and a snapshot of the tree (every path's type, mode and owner, every file's bytes)
// must agree. The steps cover the module's parsing (options, type anywhere on the line, comments, `\#`,
// repeated lines), key identity, exclusive, ordering, modes and owner, links, check mode and failures.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const MODULE = 'ansible_collections.ansible.posix.plugins.modules.authorized_key';
const isRoot = process.getuid?.() === 0;
const ready = requireOrSkip(
  'ruby, ansible.posix and root (to give files to another user)',
  hasTool('ruby') && hasPythonModule(MODULE) && isRoot,
);

const K1 = 'AAAAC3NzaC1lZDI1NTE5AAAAIK1';
const K2 = 'AAAAB3NzaC1yc2EAAAADAQABAAABAQK2';
const K3 = 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYK3';
const K4 = 'AAAAC3NzaC1lZDI1NTE5AAAAIK4';

type Outcome = { changed: boolean; failed: boolean; snapshot: string };

describe.skipIf(!ready)('A2C::AuthorizedKey matches ansible.posix.authorized_key', () => {
  let dir = '';
  let steps: Array<Record<string, unknown>> = [];
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];
  const at = (...p: string[]) => join(dir, ...p);
  const snapshot = () => [
    'sh',
    '-c',
    'cd "$1" && find . | LC_ALL=C sort | while read -r f; do stat -c "%n %F %a %U" "$f"; if [ -f "$f" ] && [ ! -L "$f" ]; then od -An -c "$f"; fi; done',
    'snap',
    dir,
  ];
  const reset = () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(at('home'), { recursive: true });
    mkdirSync(at('seeded'));
    writeFileSync(
      at('seeded', 'mixed'),
      [
        '# managed by hand',
        '',
        `no-pty,command="echo a, b"   ssh-rsa ${K2} two  words`,
        `ssh-ed25519 ${K1}`,
        'not a key at all',
        `ssh-ed25519 ${K1} again later`,
        '# managed by hand',
        `#x ssh-ed25519 ${K3} hashed options \\# kept`,
        `environment="A=1",from='a,b' ecdsa-sha2-nistp256 ${K3} c`,
      ].join('\n'),
    );
    chmodSync(at('seeded', 'mixed'), 0o644);
    writeFileSync(at('seeded', 'target'), `ssh-ed25519 ${K1} x\n`);
    chmodSync(at('seeded', 'target'), 0o640);
    symlinkSync('target', at('seeded', 'link'));
    symlinkSync('target', at('seeded', 'followed'));
    writeFileSync(at('seeded', 'check'), `ssh-rsa ${K2} c\r\nssh-rsa ${K4}\r\n`);
  };
  const runRuby = (input: unknown): Outcome[] => {
    const script = [
      'require "json"; require "open3"',
      `require ${JSON.stringify(join(LIBDIR, 'a2c_authorized_key'))}`,
      'steps, snap = JSON.parse($stdin.read)',
      'out = steps.map do |s|',
      '  args = s.transform_keys(&:to_sym)',
      '  args[:dry_run] = args.delete(:_ansible_check_mode) if args.key?(:_ansible_check_mode)',
      '  r = begin',
      '    A2C::AuthorizedKey.manage(**args)',
      '  rescue A2C::AuthorizedKey::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('snapshot' => Open3.capture3(*snap)[0])",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify(input), encoding: 'utf8' });
    if (rb.status !== 0) throw new Error(rb.stderr);
    return parse(rb.stdout);
  };
  const parse = (out: string): Outcome[] =>
    (JSON.parse(out) as Array<Record<string, unknown>>).map((r) => ({
      changed: r['changed'] === true,
      failed: r['failed'] === true,
      snapshot: String(r['snapshot']),
    }));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-authkey-'));
    const keys = at('home', '.ssh', 'authorized_keys');
    const u = { user: 'nobody', path: keys };
    steps = [
      { ...u, key: `ssh-ed25519 ${K1} alice@example` },
      { ...u, key: `ssh-ed25519 ${K1} alice@example` },
      { ...u, key: `ssh-ed25519 ${K1} alice@example`, key_options: 'no-port-forwarding,from="10.0.0.1"' },
      { ...u, key: `ssh-ed25519 ${K1} alice@example`, key_options: 'from="10.0.0.1",no-port-forwarding' },
      { ...u, key: `# the team\n\nssh-rsa ${K2} bob\necdsa-sha2-nistp256 ${K3}\n` },
      { ...u, key: `ssh-rsa ${K2}`, comment: 'bob at work' },
      { ...u, key: `ssh-rsa ${K2} bob at work\nssh-ed25519 ${K4} carol` },
      { ...u, key: `ecdsa-sha2-nistp256 ${K3}`, exclusive: true },
      { ...u, key: `ssh-ed25519 ${K4}\necdsa-sha2-nistp256 ${K3}`, exclusive: true },
      { ...u, key: `ecdsa-sha2-nistp256 ${K3} other comment`, state: 'absent' },
      { ...u, key: `ecdsa-sha2-nistp256 ${K3}`, state: 'absent' },
      { ...u, key: 'this is not a key' },
      { ...u, key: 'ssh-rsa' },
      { ...u, key: `cert-authority,command="do  it" ssh-ed25519   ${K1}   a  b `, state: 'present' },
      { user: 'nobody', path: at('seeded', 'mixed'), key: `ssh-ed25519 ${K4} new` },
      { user: 'nobody', path: at('seeded', 'mixed'), key: `ssh-ed25519 ${K1} again later`, state: 'absent' },
      { user: 'nobody', path: at('seeded', 'mixed'), key: `ssh-ed25519 ${K4} new`, exclusive: true },
      { user: 'nobody', path: at('seeded', 'link'), key: `ssh-rsa ${K2}`, manage_dir: false },
      { user: 'nobody', path: at('seeded', 'followed'), key: `ssh-rsa ${K2}`, follow: true, manage_dir: false },
      { user: 'nobody', path: at('seeded', 'check'), key: `ssh-rsa ${K2} c`, _ansible_check_mode: true },
      { user: 'nobody', path: at('seeded', 'check'), key: `ssh-rsa ${K4}`, exclusive: true, _ansible_check_mode: true },
      { user: 'nobody', path: at('seeded', 'check'), key: `ssh-rsa ${K4}`, exclusive: true },
      { user: 'a2c-no-such-user', path: at('seeded', 'check'), key: `ssh-rsa ${K4}` },
      { user: 'nobody', path: at('deep', 'er', 'keys'), key: `ssh-rsa ${K4}`, manage_dir: false },
      { user: 'nobody', path: at('missing', 'parent', 'keys'), key: `ssh-rsa ${K4}` },
    ];
    reset();
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: MODULE, steps, snapshot: snapshot() }),
      encoding: 'utf8',
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = parse(py.stdout);
    reset();
    ruby = runRuby([steps, snapshot()]);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the steps change, keep and fail', () => {
    expect(ansible.filter((o) => o.changed).length).toBeGreaterThanOrEqual(10);
    expect(ansible.filter((o) => o.failed).length).toBeGreaterThanOrEqual(3);
    expect(ansible.filter((o) => !o.changed && !o.failed).length).toBeGreaterThanOrEqual(3);
    expect(ansible[0]!.snapshot).toMatch(/\.\/home\/\.ssh directory 700 nobody/);
    expect(ansible[0]!.snapshot).toMatch(/authorized_keys regular (empty )?file 600 nobody\n +s +s +h +- +e +d/);
  });

  it('agrees after every step on changed, failed and the files (bytes, type, mode, owner)', () => {
    const diffs = steps.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: i, s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });
});
