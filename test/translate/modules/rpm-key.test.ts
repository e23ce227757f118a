// rpm_key state present -> `rpm --import` guarded by A2C::Modules.rpm_key_imported?, which reads
// the key id with gpg and the imported gpg-pubkey packages as the module does. Differential: the
// real rpm_key module and the guard run against the same fake rpm database and a real gpg key.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');

describe('rpm_key conversion', () => {
  it('present imports unless the key id is imported; absent and a fingerprint run the module change where it is pending', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: Add the key',
        '  rpm_key: { key: "https://packages.example.org/GPG-KEY", state: present }',
        '- name: Drop the key',
        '  rpm_key: { key: DEADBEEF, state: absent }',
        '- name: Checked key',
        '  rpm_key: { key: /etc/pki/k.asc, fingerprint: "AAAA BBBB" }',
        '- name: Unknown state',
        '  rpm_key: { key: /etc/pki/k.asc, state: latest }',
        '',
      ].join('\n'),
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain(
      [
        "execute 'rpm --import https://packages.example.org/GPG-KEY' do",
        "  command ['rpm', '--import', 'https://packages.example.org/GPG-KEY']",
        "  not_if { A2C::Modules.rpm_key_imported?('https://packages.example.org/GPG-KEY') }",
        'end',
      ].join('\n'),
    );
    expect(body).toContain("  block do\n    A2C::Modules.rpm_key_apply('DEADBEEF', 'absent', nil)\n  end");
    expect(body).toContain("only_if { A2C::Modules.rpm_key_pending?('DEADBEEF', 'absent') }");
    expect(body).toContain("  block do\n    A2C::Modules.rpm_key_apply('/etc/pki/k.asc', 'present', 'AAAA BBBB')\n  end");
    expect(r.diagnostics.filter((d) => d.code === 'A2C-TODO-PARAM').map((d) => d.span?.line)).toEqual([8]);
  });
});

const ready = requireOrSkip('ansible, ruby and gpg', hasTool('ansible') && hasTool('ruby') && hasTool('gpg'));

describe.skipIf(!ready)('A2C::Modules.rpm_key_imported? against the rpm_key module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-rpm-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = join(dir, 'bin');
  const db = join(dir, 'db');
  const gnupg = join(dir, 'gnupg');
  mkdirSync(bin);
  mkdirSync(db);
  mkdirSync(gnupg, { mode: 0o700 });
  // A fake rpm holding imported keys as files: just what rpm_key runs.
  writeFileSync(
    join(bin, 'rpm'),
    [
      '#!/bin/sh',
      `D='${db}'`,
      'case "$*" in',
      '  "-q gpg-pubkey") ls "$D"/*.asc >/dev/null 2>&1 || { echo "package gpg-pubkey is not installed"; exit 1; }; echo gpg-pubkey ;;',
      '  "-q gpg-pubkey --qf %{description}") cat "$D"/*.asc ;;',
      '  "--import "*) n=$(ls "$D" | wc -l); cp "$2" "$D/k$n.asc"; echo "$2" >> "$D/../imports.log" ;;',
      '  *) echo "fake rpm: unexpected $*" >&2; exit 2 ;;',
      'esac',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'rpm'), 0o755);
  const env = ansibleEnv({ PATH: `${bin}:${process.env['PATH']}`, GNUPGHOME: gnupg });
  const key = join(dir, 'key.asc');
  const other = join(dir, 'other.asc');
  const gen = (uid: string, file: string): string => {
    const g = spawnSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', uid, 'ed25519', 'sign', 'never'], {
      env,
      encoding: 'utf8',
    });
    if (g.status !== 0) throw new Error(g.stderr);
    writeFileSync(file, spawnSync('gpg', ['--armor', '--export', uid], { env, encoding: 'utf8' }).stdout);
    const listed = spawnSync('gpg', ['--with-colons', '--fixed-list-mode', file], { env, encoding: 'utf8' }).stdout;
    return listed
      .split('\n')
      .find((l) => l.startsWith('pub:'))!
      .split(':')[4]!;
  };
  const keyId = gen('A2C Test <a2c@example.org>', key);
  gen('A2C Other <other@example.org>', other);
  const ansible = (k: string): { changed: boolean; failed: boolean } => {
    const r = spawnSync(
      'ansible',
      ['localhost', '-c', 'local', '-i', 'localhost,', '-m', 'rpm_key', '-a', `key=${k} state=present`, '-o'],
      { env, encoding: 'utf8' },
    );
    return { changed: /"changed": true/.test(r.stdout), failed: r.status !== 0 };
  };
  const guard = (k: string): string => {
    const r = spawnSync(
      'ruby',
      [
        '-I',
        LIBDIR,
        '-e',
        'require \'a2c_modules\'; begin; p A2C::Modules.rpm_key_imported?(ARGV[0]); rescue => e; puts "error #{e.message}"; end',
        k,
      ],
      { env, encoding: 'utf8' },
    );
    return r.stdout.trim();
  };

  it('no key imported: the guard says not imported and the module imports', () => {
    expect(guard(key)).toBe('false');
    expect(ansible(key)).toEqual({ changed: true, failed: false });
    expect(readFileSync(join(dir, 'imports.log'), 'utf8').trim()).toBe(key);
  });

  it('once imported: the guard holds for the file, its key id (any case, 0x) and not for another key, as the module', () => {
    expect(guard(key)).toBe('true');
    expect(ansible(key)).toEqual({ changed: false, failed: false });
    for (const id of [keyId, `0x${keyId.toLowerCase()}`, keyId.slice(-8)]) {
      expect(guard(id)).toBe('true');
      expect(ansible(id)).toEqual({ changed: false, failed: false });
    }
    expect(guard(other)).toBe('false');
  });

  it('a path that is no file and no key id fails both', () => {
    expect(guard('/nonexistent/key')).toMatch(/^error rpm_key: Not a valid key/);
    expect(ansible('/nonexistent/key').failed).toBe(true);
  });
});

/**
 * Fingerprint, absent and a run-time state: rpm_key_pending? and rpm_key_apply against the module,
 * each side on its own fake rpm database, step by step: the same changed/failed and the same keys
 * imported after every step.
 */
describe.skipIf(!ready)('A2C::Modules.rpm_key_apply against the rpm_key module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-rpm-key-apply-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = join(dir, 'bin');
  const gnupg = join(dir, 'gnupg');
  mkdirSync(bin);
  mkdirSync(gnupg, { mode: 0o700 });
  // The database folder comes from FAKE_RPM_DB; --erase drops the files whose key id ends in the id.
  writeFileSync(
    join(bin, 'rpm'),
    [
      '#!/bin/sh',
      'D="$FAKE_RPM_DB"',
      'case "$*" in',
      '  "-q gpg-pubkey") ls "$D"/*.asc >/dev/null 2>&1 || { echo "package gpg-pubkey is not installed"; exit 1; }; echo gpg-pubkey ;;',
      '  "-q gpg-pubkey --qf %{description}") cat "$D"/*.asc ;;',
      '  "--import "*) cp "$2" "$(mktemp "$D/kXXXXXX.asc")" ;;',
      '  "--erase --allmatches gpg-pubkey-"*) id=${3#gpg-pubkey-}; for f in "$D"/*.asc; do',
      '      gpg --with-colons --fixed-list-mode "$f" 2>/dev/null | grep -qi "^pub:[^:]*:[^:]*:[^:]*:[^:]*$id:" && rm "$f"; done ;;',
      '  *) echo "fake rpm: unexpected $*" >&2; exit 2 ;;',
      'esac',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'rpm'), 0o755);
  const base = { ...process.env, PATH: `${bin}:${process.env['PATH']}`, GNUPGHOME: gnupg, ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3' };
  const key = join(dir, 'key.asc');
  const uid = 'A2C Fingerprint <fpr@example.org>';
  const g = spawnSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', uid, 'ed25519', 'sign', 'never'], { env: base });
  if (g.status !== 0) throw new Error(String(g.stderr));
  writeFileSync(key, spawnSync('gpg', ['--armor', '--export', uid], { env: base, encoding: 'utf8' }).stdout);
  const colons = spawnSync('gpg', ['--with-colons', '--fixed-list-mode', '--with-fingerprint', key], {
    env: base,
    encoding: 'utf8',
  }).stdout.split('\n');
  const fpr = colons.find((l) => l.startsWith('fpr:'))!.split(':')[9]!;
  const keyId = colons.find((l) => l.startsWith('pub:'))!.split(':')[4]!;
  const spaced = fpr
    .toLowerCase()
    .replace(/(.{4})/g, '$1 ')
    .trim();

  const steps: Array<{ key: string; state?: string; fingerprint?: string }> = [
    { key, fingerprint: 'AAAA BBBB CCCC' },
    { key, fingerprint: spaced },
    { key, fingerprint: fpr },
    { key, state: 'absent' },
    { key, state: 'absent' },
    { key },
    { key: keyId, state: 'absent' },
    { key: keyId, fingerprint: fpr },
    { key, state: 'latest' },
  ];
  type Step = { changed: boolean; failed: boolean; keys: number };
  const keys = (db: string) => spawnSync('sh', ['-c', `ls "${db}" | wc -l`], { encoding: 'utf8' }).stdout.trim();
  const run = (side: 'ansible' | 'ruby'): Step[] => {
    const db = join(dir, `db-${side}`);
    mkdirSync(db);
    const env = { ...base, FAKE_RPM_DB: db };
    return steps.map((s) => {
      if (side === 'ansible') {
        const r = spawnSync('ansible', ['localhost', '-c', 'local', '-i', 'localhost,', '-m', 'rpm_key', '-a', JSON.stringify(s), '-o'], {
          env,
          encoding: 'utf8',
        });
        return { changed: /"changed": true/.test(r.stdout), failed: r.status !== 0, keys: Number(keys(db)) };
      }
      const script = [
        "require 'a2c_modules'",
        'k, st, fp = ARGV[0], (ARGV[1].empty? ? nil : ARGV[1]), (ARGV[2].empty? ? nil : ARGV[2])',
        'begin',
        '  pending = A2C::Modules.rpm_key_pending?(k, st)',
        '  A2C::Modules.rpm_key_apply(k, st, fp) if pending',
        '  puts(pending ? "changed" : "ok")',
        'rescue StandardError => e',
        '  puts "failed #{e.message}"',
        'end',
      ].join('\n');
      const r = spawnSync('ruby', ['-I', LIBDIR, '-e', script, s.key, s.state ?? '', s.fingerprint ?? ''], { env, encoding: 'utf8' });
      const out = r.stdout.trim();
      return { changed: out === 'changed', failed: out.startsWith('failed'), keys: Number(keys(db)) };
    });
  };

  it('checks the fingerprint, erases and refuses as the module does', () => {
    const ansible = run('ansible');
    expect(run('ruby')).toEqual(ansible);
    // The steps reach each outcome: a refused fingerprint, an import, an erase, nothing to do.
    expect(ansible.map((s) => s.failed)).toEqual([true, false, false, false, false, false, false, true, true]);
    expect(ansible.map((s) => s.keys)).toEqual([0, 1, 1, 0, 0, 1, 0, 0, 0]);
  });
});
