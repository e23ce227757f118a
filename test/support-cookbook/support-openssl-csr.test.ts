// A2C::Csr (behind a2c_openssl_csr) against community.crypto.openssl_csr run by ansible-playbook on the
// same keys: the request Ruby writes holds what the module's holds (subject, alternative names with
// their criticality, public key, signature algorithm: `openssl req -text` up to the signature value,
// which differs per signing), the module leaves Ruby's request unchanged, Ruby keeps the module's,
// and, for other arguments on an existing request, Ruby rewrites it exactly where the module does.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const LIB = join(resolve(import.meta.dirname, '../..'), 'src/support-cookbook/ruby/libraries/a2c_csr');
const ready = requireOrSkip('ansible-playbook+ruby', hasTool('ansible-playbook') && hasTool('ruby'));

type Params = Record<string, unknown>;
/** Arguments of a request, and other arguments given on the existing request afterwards. */
const CASES: Array<{ what: string; p: Params; q: Params }> = [
  {
    what: 'common name alone (its DNS name as SAN); another CN',
    p: { common_name: 'www.example.com' },
    q: { common_name: 'ww2.example.com' },
  },
  {
    what: 'every name field; another OU',
    p: {
      common_name: 'a.example.com',
      organization_name: 'Example',
      country_name: 'DE',
      email_address: 'x@example.com',
      organizational_unit_name: 'Ops',
      locality_name: 'Berlin',
      state_or_province_name: 'BE',
    },
    q: {
      common_name: 'a.example.com',
      organization_name: 'Example',
      country_name: 'DE',
      email_address: 'x@example.com',
      organizational_unit_name: 'Dev',
      locality_name: 'Berlin',
      state_or_province_name: 'BE',
    },
  },
  {
    what: 'DNS, IPv4, IPv6, email and URI names; the same set reordered',
    p: {
      common_name: 'b',
      subject_alt_name: ['DNS:b.example.com', 'IP:192.0.2.1', 'IP:2001:db8::1', 'email:a@example.com', 'URI:https://example.com/x'],
    },
    q: {
      common_name: 'b',
      subject_alt_name: ['URI:https://example.com/x', 'IP:2001:db8::1', 'email:a@example.com', 'IP:192.0.2.1', 'DNS:b.example.com'],
    },
  },
  {
    what: 'no SAN (use_common_name_for_san false); the default again',
    p: { common_name: 'c', use_common_name_for_san: false },
    q: { common_name: 'c' },
  },
  {
    what: 'a critical SAN signed with sha512; the same with sha256 (the digest is not compared)',
    p: { common_name: 'd', subject_alt_name: ['DNS:d'], subject_alt_name_critical: true, digest: 'sha512' },
    q: { common_name: 'd', subject_alt_name: ['DNS:d'], subject_alt_name_critical: true },
  },
  {
    what: 'a non-critical SAN; the same made critical',
    p: { common_name: 'e', subject_alt_name: ['DNS:e'] },
    q: { common_name: 'e', subject_alt_name: ['DNS:e'], subject_alt_name_critical: true },
  },
  { what: 'another private key', p: { common_name: 'f' }, q: { common_name: 'f', privatekey_path: 'KEY2' } },
];

function ruby(script: string, input: unknown): unknown {
  const r = spawnSync('ruby', ['-rjson', '-e', `require ${JSON.stringify(LIB)}\nargs = JSON.parse($stdin.read)\n${script}`], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe.skipIf(!ready)('A2C::Csr against community.crypto.openssl_csr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-csr-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const key = join(dir, 'key.pem');
  const key2 = join(dir, 'key2.pem');
  for (const k of [key, key2])
    spawnSync('ruby', ['-ropenssl', '-e', 'File.write(ARGV[0], OpenSSL::PKey::RSA.generate(2048).to_pem)', k], { timeout: 120_000 });
  const withKey = (p: Params): Params => ({
    privatekey_path: key,
    ...p,
    ...(p.privatekey_path === 'KEY2' ? { privatekey_path: key2 } : {}),
  });
  const at = (kind: string, i: number) => join(dir, `${kind}${i}.csr`);

  // Ruby's requests first (b), each copied (d) for the module to test other arguments on.
  ruby(
    "args.each { |c| File.write(c['path'], A2C::Csr.generate(c['p'])) }\nputs '[]'",
    CASES.map((c, i) => ({ path: at('b', i), p: withKey(c.p) })),
  );
  CASES.forEach((_, i) => copyFileSync(at('b', i), at('d', i)));
  // One playbook: the module's own request (a), the module on Ruby's (b), the other arguments on the copy (d).
  const tasks = CASES.flatMap((c, i) => [
    { 'community.crypto.openssl_csr': { path: at('a', i), ...withKey(c.p) } },
    { 'community.crypto.openssl_csr': { path: at('b', i), ...withKey(c.p) }, register: `b${i}` },
    { 'community.crypto.openssl_csr': { path: at('d', i), ...withKey(c.q) }, register: `d${i}` },
  ]);
  const out = join(dir, 'changed.json');
  const expr = `{{ {'b': [${CASES.map((_, i) => `b${i}.changed`).join(', ')}], 'd': [${CASES.map((_, i) => `d${i}.changed`).join(', ')}]} | to_json }}`;
  tasks.push({ 'ansible.builtin.copy': { dest: out, content: expr } } as never);
  writeFileSync(join(dir, 'pb.yml'), JSON.stringify([{ hosts: 'localhost', connection: 'local', gather_facts: false, tasks }]));
  const run = spawnSync('ansible-playbook', [join(dir, 'pb.yml')], { encoding: 'utf8', timeout: 600_000 });

  it('the playbook ran, and the other arguments both keep and rewrite requests', () => {
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // The cases cover both answers: a comparison that always agreed on one would prove little.
    expect((JSON.parse(readFileSync(out, 'utf8')) as { d: boolean[] }).d).toEqual([true, true, false, true, false, true, true]);
  });

  it.each(CASES.map((c, i) => [c.what, i] as const))('%s', (_, i) => {
    const changed = JSON.parse(readFileSync(out, 'utf8')) as { b: boolean[]; d: boolean[] };
    const c = CASES[i]!;
    const r = ruby(
      [
        "text = ->(path) { OpenSSL::X509::Request.new(File.read(path)).to_text.sub(/\\s*Signature Value:.*\\z/m, '') }",
        'puts JSON.generate({',
        "  'same' => text.(args['a']) == text.(args['b']),",
        "  'a_current' => A2C::Csr.current?(args['a'], args['p']),",
        "  'q_current' => A2C::Csr.current?(args['b'], args['q']),",
        '})',
      ].join('\n'),
      { a: at('a', i), b: at('b', i), p: withKey(c.p), q: withKey(c.q) },
    ) as { same: boolean; a_current: boolean; q_current: boolean };
    expect(r.same, 'the same request text').toBe(true);
    expect(changed.b[i], "the module keeps Ruby's request").toBe(false);
    expect(r.a_current, "Ruby keeps the module's request").toBe(true);
    expect(r.q_current, 'Ruby rewrites for the other arguments exactly where the module does').toBe(!changed.d[i]);
  });
});
