// A2C::SshKey (behind a2c_ssh_key, ansible.builtin.user's generate_ssh_key) checked DIFFERENTIALLY
// against the module: throwaway users, the same steps run once through the module
// (test/tools/module-batch-ansible.py, a scene set before some steps) and once through the Ruby
// library from the same start; after every step `changed`, `failed` and a snapshot must agree: each
// key file and directory with its owner, group and mode, and each public key's type, size, comment
// and which key it is (fingerprints numbered by first appearance, as keys are random).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/support-cookbook/ruby/libraries/a2c_ssh_key');
const MODULE = 'ansible.modules.user';
const isRoot = process.getuid?.() === 0;
const ready = requireOrSkip(
  'ruby, ansible-core, root, useradd/userdel and ssh-keygen',
  hasTool('ruby') && hasPythonModule(MODULE) && isRoot && ['useradd', 'userdel', 'ssh-keygen'].every(hasTool),
);

type Outcome = { changed: boolean; failed: boolean; snapshot: string };

const tag = `a2c${process.pid % 100000}k`;
const user = `${tag}u`;
const homeless = `${tag}n`;
const home = `/home/${user}`;
const outside = `/tmp/${tag}dir`;

/**
 * The module's arguments per step (name and generate_ssh_key added), and a scene set before it.
 * `own`: arguments of the user module's other effects, given to the module only (create_home: false
 * keeps it from making the missing home, which its user resource does, not the key).
 */
const STEPS: Array<{ args: Record<string, unknown>; before?: string[]; user?: string; own?: Record<string, unknown> }> = [
  { args: {} },
  { args: {} },
  { args: { ssh_key_type: 'ed25519', ssh_key_comment: 'c one' } },
  { args: { ssh_key_type: 'rsa', ssh_key_bits: 2048, force: true } },
  { args: { ssh_key_type: 'ed25519' }, before: ['rm', '-f', `${home}/.ssh/id_ed25519`] },
  { args: { ssh_key_type: 'ed25519', force: true } },
  { args: { ssh_key_type: 'ed25519' }, before: ['rm', '-f', `${home}/.ssh/id_ed25519.pub`] },
  { args: { ssh_key_file: `${outside}/key`, ssh_key_type: 'ecdsa', ssh_key_bits: 384, ssh_key_comment: '' } },
  { args: { ssh_key_file: 'sub/deeper/key' } },
  { args: { ssh_key_file: 'plain', ssh_key_type: 'nosuchtype' } },
  { args: {}, user: homeless, own: { create_home: false } },
];

// Each key-related path with owner, group and mode; each public key's size, fingerprint, comment and type.
const SNAPSHOT = [
  'sh',
  '-c',
  `for f in ${home}/.ssh ${home}/.ssh/* ${home}/sub ${home}/plain* ${outside} ${outside}/*; do ` +
    `[ -e "$f" ] && stat -c '%n %U %G %a' "$f"; case "$f" in *.pub) ssh-keygen -l -f "$f";; esac; done; true`,
];

/** Fingerprints (random) replaced by their order of first appearance across the whole run. */
function numbered(outcomes: Outcome[]): Outcome[] {
  const seen = new Map<string, number>();
  return outcomes.map((o) => ({
    ...o,
    snapshot: o.snapshot.replace(/SHA256:\S+/g, (fp) => {
      if (!seen.has(fp)) seen.set(fp, seen.size + 1);
      return `key#${seen.get(fp)}`;
    }),
  }));
}

const sh = (...argv: string[]) => {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const reset = () => {
  spawnSync('rm', ['-rf', `${home}/.ssh`, `${home}/sub`, `${home}/plain`, `${home}/plain.pub`, outside]);
};

describe.skipIf(!ready)('A2C::SshKey matches ansible.builtin.user generate_ssh_key', () => {
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];

  beforeAll(() => {
    sh('useradd', '-m', '-U', user);
    sh('useradd', '-M', '-U', homeless);
    reset();
    const steps = STEPS.map((s) => ({ name: s.user ?? user, generate_ssh_key: true, ...s.args, ...s.own }));
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: MODULE, steps, snapshot: SNAPSHOT, before: STEPS.map((s) => s.before ?? null) }),
      encoding: 'utf8',
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = numbered(
      (JSON.parse(py.stdout) as Array<Record<string, unknown>>).map((r) => ({
        changed: r['changed'] === true,
        failed: r['failed'] === true,
        snapshot: String(r['snapshot']),
      })),
    );
    reset();
    const script = [
      'require "json"; require "open3"',
      `require ${JSON.stringify(LIB)}`,
      'steps, snap = JSON.parse($stdin.read)',
      'keys = { "ssh_key_type" => :type, "ssh_key_bits" => :bits, "ssh_key_file" => :file, "ssh_key_comment" => :comment, "force" => :force }',
      'out = steps.map do |s|',
      '  system(*s["before"]) if s["before"]',
      '  args = s["args"].to_h { |k, v| [keys.fetch(k), v] }',
      '  r = begin',
      '    A2C::SshKey.generate(user: s["user"], **args)',
      '  rescue A2C::SshKey::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('snapshot' => Open3.capture3(*snap)[0])",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const input = STEPS.map((s) => ({ args: s.args, before: s.before ?? null, user: s.user ?? user }));
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify([input, SNAPSHOT]), encoding: 'utf8' });
    if (rb.status !== 0) throw new Error(rb.stderr);
    ruby = numbered(
      (JSON.parse(rb.stdout) as Array<Record<string, unknown>>).map((r) => ({
        changed: r['changed'] === true,
        failed: r['failed'] === true,
        snapshot: String(r['snapshot']),
      })),
    );
  }, 120_000);

  afterAll(() => {
    reset();
    spawnSync('userdel', ['-r', user]);
    spawnSync('userdel', [homeless]);
    spawnSync('groupdel', [user]);
    spawnSync('groupdel', [homeless]);
  });

  it('the steps generate, keep, overwrite and fail', () => {
    expect(ansible.map((o) => (o.failed ? 'failed' : o.changed ? 'changed' : 'kept'))).toEqual([
      'changed',
      'kept',
      'changed',
      'changed',
      'kept',
      'changed',
      'kept',
      'changed',
      'failed',
      'failed',
      'failed',
    ]);
    // The key directory is the user's, mode 0700; the keys are the user's.
    expect(ansible[0]!.snapshot).toContain(`${home}/.ssh ${user} ${user} 700`);
    expect(ansible[0]!.snapshot).toMatch(new RegExp(`${home}/.ssh/id_rsa ${user} ${user} 600`));
    expect(ansible[7]!.snapshot).toContain(`${outside} ${user} ${user} 700`);
  });

  it('agrees after every step on changed, failed, the files and the keys', () => {
    const diffs = STEPS.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: i, s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });
});
