// ansible_facts.packages: A2C::Facts.register_packages reads dpkg's database by the rules of
// ansible-core 2.14's apt manager (python-apt's installed packages, apt's names). Compared with the
// real package_facts module on this machine's database and on a generated one holding every dpkg
// state, foreign and Multi-Arch packages (apt pointed at it through APT_CONFIG, dpkg through
// DPKG_ADMINDIR); then translated membership tests, evaluated by Ansible and by Ruby. Ohai's
// packages plugin is read on the generated database too: it is not the module's list.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registeredRef } from '../../src/translate/task/register.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { exprToRuby } from '../helpers/expr-to-ruby.js';

const LIBS = resolve(new URL('../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries');
const ansible = requireOrSkip(
  'ansible-playbook and python3-apt (/usr/bin/python3)',
  hasTool('/usr/bin/ansible-playbook') && hasPythonModule('apt'),
);
const dpkg = requireOrSkip('dpkg-query', hasTool('dpkg-query'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));
const ohai = requireOrSkip('ohai', hasTool('ohai'));
const TMP = mkdtempSync(join(tmpdir(), 'a2c-package-facts-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** One dpkg status stanza. */
function stanza(name: string, status: string, arch: string, version: string | undefined, extra = ''): string {
  const v = version === undefined ? '' : `Version: ${version}\nMaintainer: t <t@example.org>\nDescription: t\n`;
  return `Package: ${name}\nStatus: ${status}\nPriority: optional\nSection: misc\nArchitecture: ${arch}\n${v}${extra}`;
}

// Every state dpkg records, an epoch and a Debian revision, Multi-Arch: same in two architectures,
// a foreign package, an architecture apt is not configured for, Architecture: all.
const STATUS = [
  stanza('p-installed', 'install ok installed', 'amd64', '1:2.3~rc1-4+deb12u1'),
  stanza('p-config-files', 'deinstall ok config-files', 'amd64', '1.0-1', 'Conffiles:\n /etc/p.conf 0123456789abcdef0123456789abcdef\n'),
  stanza('p-not-installed', 'purge ok not-installed', 'amd64', undefined),
  stanza('p-unpacked', 'install ok unpacked', 'all', '2.0'),
  stanza('p-half-configured', 'install ok half-configured', 'amd64', '3.0'),
  stanza('p-half-installed', 'install ok half-installed', 'amd64', '4.0'),
  stanza('p-triggers-awaited', 'install ok triggers-awaited', 'amd64', '5.0', 'Triggers-Awaited: p-installed\n'),
  stanza('p-triggers-pending', 'install ok triggers-pending', 'amd64', '6.0', 'Triggers-Pending: t\n'),
  stanza('p-hold', 'hold ok installed', 'amd64', '7.0'),
  stanza('p-deinstall', 'deinstall ok installed', 'amd64', '7.1'),
  stanza('p-ma', 'install ok installed', 'amd64', '8.0', 'Multi-Arch: same\n'),
  stanza('p-ma', 'install ok installed', 'i386', '8.0', 'Multi-Arch: same\n'),
  stanza('p-foreign', 'install ok installed', 'i386', '9.0'),
  stanza('p-foreign-rc', 'deinstall ok config-files', 'i386', '9.1', 'Conffiles:\n /etc/q.conf 0123456789abcdef0123456789abcdef\n'),
  stanza('p-alien', 'install ok installed', 'arm64', '10.0'),
].join('\n');

const EXPRS = [
  "'p-installed' in ansible_facts.packages",
  "'p-config-files' in ansible_facts.packages",
  "'p-config-files' not in ansible_facts.packages",
  "'p-not-installed' in ansible_facts['packages']",
  "'p-unpacked' in ansible_facts.packages",
  "'p-half-installed' in ansible_facts.packages",
  "'p-ma' in ansible_facts.packages",
  "'p-ma:i386' in ansible_facts.packages",
  "'p-ma:amd64' in ansible_facts.packages",
  "'p-foreign' in ansible_facts.packages",
  "'p-foreign:i386' in ansible_facts.packages",
  "'p-foreign-rc:i386' in ansible_facts.packages",
  "'p-alien:arm64' in ansible_facts.packages",
  "'absent' in ansible_facts.packages",
  '1 in ansible_facts.packages',
  "packages['p-installed'][0].version",
  "packages['p-ma:i386'][0].arch",
  "packages['p-unpacked'] | length",
  // An entry's keys are the module's: category and origin are there (is defined), even unread.
  "packages['p-installed'][0].name",
  "packages['p-ma:i386'][0]['source']",
  "packages['p-installed'][0] | length",
  "packages['p-installed'][0].category is defined",
  "packages['p-installed'][0]['origin'] is defined",
  "packages['p-installed'][0].origin is undefined",
  "'category' in packages['p-installed'][0]",
  "packages['p-installed'][0].nokey is defined",
  "packages['p-installed'][0].nokey | default('none')",
];

/** What the comparison of whole lists puts in place of the values the converted entries do not read. */
const NOT_READ_MARK = '(not read)';

/**
 * Reads of what the converted entries do not hold (the module's category and origin, from apt's
 * archive lists): Ansible gives a value, so a default or a comparison answered in Chef would be
 * silently wrong; each must fail the run instead, naming why.
 */
const NOT_READ = [
  "packages['p-installed'][0].category | default('x')",
  "packages['p-installed'][0].origin | default('x', true)",
  "packages['p-installed'][0].category",
  "packages['p-installed'][0].category == 'misc'",
  "'misc' == packages['p-installed'][0]['category']",
  "packages['p-installed'][0].origin ~ ''",
  "packages['p-installed'][0].category is string",
  "packages['p-installed'][0].category | length",
  "packages['p-installed'][0].category | lower",
  "packages['p-installed'] | map(attribute='origin') | join(',')",
  "packages['p-installed'][0] | to_json",
  "packages['p-installed'][0]",
  "[packages['p-installed'][0].category] | first",
];

/** A dpkg database (DPKG_ADMINDIR) and an apt configuration reading it alone (APT_CONFIG). */
function database(): { env: Record<string, string> } {
  const dir = join(TMP, 'db');
  for (const d of ['admin/info', 'admin/updates', 'lists/partial', 'cache', 'empty']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'admin/status'), `${STATUS}\n`);
  writeFileSync(join(dir, 'admin/arch'), 'amd64\ni386\n');
  writeFileSync(join(dir, 'admin/available'), '');
  const conf = [
    `Dir::State::status "${dir}/admin/status";`,
    `Dir::State::Lists "${dir}/lists";`,
    `Dir::State::extended_states "${dir}/extended_states";`,
    `Dir::Cache "${dir}/cache";`,
    'Dir::Cache::pkgcache "";',
    'Dir::Cache::srcpkgcache "";',
    'Dir::Etc::SourceList "/dev/null";',
    `Dir::Etc::SourceParts "${dir}/empty";`,
    'Dir::Etc::Preferences "/dev/null";',
    `Dir::Etc::PreferencesParts "${dir}/empty";`,
    'APT::Architecture "amd64";',
    'APT::Architectures { "amd64"; "i386"; };',
  ].join('\n');
  writeFileSync(join(dir, 'apt.conf'), conf);
  return { env: { APT_CONFIG: join(dir, 'apt.conf'), DPKG_ADMINDIR: join(dir, 'admin') } };
}

function toRuby(src: string): string {
  // A bare `packages` is the variable package_facts sets: read as a registered result, as the converter reads it.
  const lookupVar = (n: string) => (n === 'packages' ? { kind: 'ruby' as const, expr: registeredRef('packages') } : undefined);
  return exprToRuby(src, lookupVar);
}

const baseEnv = (extra: Record<string, string>) => ({ PATH: '/usr/bin:/bin:/usr/sbin:/sbin', LC_ALL: 'C.UTF-8', ...extra });

/** The module's packages and the expressions' values, through ansible-playbook. */
function viaAnsible(env: Record<string, string>, exprs: string[]): { packages: unknown; exprs: unknown } {
  const out = mkdtempSync(join(TMP, 'out-'));
  const play = [
    '- hosts: localhost',
    '  connection: local',
    '  gather_facts: false',
    '  tasks:',
    '    - package_facts: { manager: auto }',
    `    - copy: { content: "{{ ansible_facts.packages | to_json }}", dest: ${JSON.stringify(join(out, 'packages.json'))} }`,
    `    - copy: { content: ${JSON.stringify(`{{ [${exprs.join(', ')}] | to_json }}`)}, dest: ${JSON.stringify(join(out, 'exprs.json'))} }`,
  ].join('\n');
  writeFileSync(join(out, 'play.yml'), play);
  const r = spawnSync('/usr/bin/ansible-playbook', ['-i', 'localhost,', 'play.yml'], {
    cwd: out,
    encoding: 'utf8',
    env: baseEnv({ ANSIBLE_NOCOLOR: '1', ...env }),
  });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const read = (f: string) => JSON.parse(spawnSync('cat', [join(out, f)], { encoding: 'utf8' }).stdout) as unknown;
  return { packages: read('packages.json'), exprs: read('exprs.json') };
}

function runRuby(body: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const script = [
    "require 'json'",
    ...['a2c_jinja', 'a2c_tasks', 'a2c_facts_packages'].map((l) => `require File.join(${JSON.stringify(LIBS)}, ${JSON.stringify(l)})`),
    'Node = Struct.new(:run_state)',
    body,
  ].join('\n');
  return spawnSync('ruby', ['-e', script], { encoding: 'utf8', env: baseEnv(env) });
}

function viaRuby(env: Record<string, string>, exprs: string[]): { packages: unknown; exprs: unknown } {
  const r = runRuby(
    [
      'node = Node.new({})',
      "A2C::Facts.register_packages(node.run_state, 'packages', true)",
      // The values read as no value (A2C::Facts::NotRead) fail JSON.generate: marked instead.
      `print JSON.generate(A2C::Facts.packages(node).transform_values { |l| l.map { |h| h.to_h { |k, v| [k, A2C::Facts::ARCHIVE_KEYS.include?(k) ? ${JSON.stringify(NOT_READ_MARK)} : v] } } })`,
      'print "\\0"',
      `print JSON.generate([${exprs.map(toRuby).join(', ')}])`,
    ].join('\n'),
    env,
  );
  expect(r.stderr).toBe('');
  const [packages, values] = r.stdout.split('\0') as [string, string];
  return { packages: JSON.parse(packages), exprs: JSON.parse(values) };
}

/** The module's entries with the fields read from apt's archive lists (category, origin), which are not converted, marked. */
function withoutArchiveFields(packages: unknown): unknown {
  return Object.fromEntries(
    Object.entries(packages as Record<string, Array<Record<string, unknown>>>).map(([k, list]) => [
      k,
      list.map((entry) => {
        // Every entry of the module has both: the converted entries have both keys, unread.
        expect(entry).toHaveProperty('category');
        expect(entry).toHaveProperty('origin');
        return { ...entry, category: NOT_READ_MARK, origin: NOT_READ_MARK };
      }),
    ]),
  );
}

describe.skipIf(!ansible || !dpkg || !ruby)('ansible_facts.packages against the package_facts module (ansible)', () => {
  it("lists this machine's packages as the module does (names, versions, architectures)", () => {
    const a = viaAnsible({}, []);
    const r = viaRuby({}, []);
    expect(Object.keys(a.packages as object).length).toBeGreaterThan(100);
    expect(r.packages).toEqual(withoutArchiveFields(a.packages));
  }, 240_000);

  it('lists a generated database as the module does: every dpkg state, foreign and Multi-Arch packages', () => {
    const { env } = database();
    const a = viaAnsible(env, EXPRS);
    const r = viaRuby(env, EXPRS);
    expect(r.packages).toEqual(withoutArchiveFields(a.packages));
    expect(r.exprs).toEqual(a.exprs);
    // What decides the list, so a change in Ansible's rules shows here.
    expect(Object.keys(a.packages as object)).toContain('p-foreign:i386');
    expect(Object.keys(a.packages as object)).not.toContain('p-config-files');
  }, 240_000);

  it("fails every use of an entry's category and origin but `is defined`, where Ansible gives a value", () => {
    const { env } = database();
    // Ansible answers each (a default would not be taken: the key holds a value).
    const a = viaAnsible(env, NOT_READ).exprs as unknown[];
    expect(a[0]).not.toBe('x');
    expect(a).toHaveLength(NOT_READ.length);
    for (const src of NOT_READ) {
      const r = runRuby(
        [
          'node = Node.new({})',
          "A2C::Facts.register_packages(node.run_state, 'packages', true)",
          `print JSON.generate([${toRuby(src)}])`,
        ].join('\n'),
        env,
      );
      expect(r.status, `${src}: ${r.stdout}`).not.toBe(0);
      expect(r.stderr, src).toMatch(
        /package_facts: the (category|origin) of p-installed is read by Ansible from apt's archive lists, .*not converted \(A2C::Facts::PackageFactsRefused\)/,
      );
    }
  }, 240_000);

  it.skipIf(!ohai)(
    "is not Ohai's packages: removed packages and foreign names differ",
    () => {
      const { env } = database();
      const r = spawnSync('ohai', ['packages'], { encoding: 'utf8', env: baseEnv(env) });
      expect(r.status, r.stderr).toBe(0);
      const names = Object.keys(JSON.parse(r.stdout) as object);
      expect(names).toContain('p-config-files');
      expect(names).not.toContain('p-foreign:i386');
    },
    240_000,
  );

  it('refuses what it does not read as the module would, and is undefined before the task', () => {
    const { env } = database();
    const bin = join(TMP, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'rpm'), '#!/bin/sh\n', { mode: 0o755 });
    const rpm = runRuby("A2C::Facts.register_packages({}, 'packages', true)", { ...env, PATH: `${bin}:/usr/bin:/bin` });
    expect(rpm.stderr).toMatch(/rpm exists: manager auto reads the RPM database first/);
    // manager: apt does not try RPM.
    expect(runRuby("A2C::Facts.register_packages({}, 'packages', false)", { ...env, PATH: `${bin}:/usr/bin:/bin` }).status).toBe(0);
    const before = runRuby('A2C::Facts.packages(Node.new({}))', env);
    expect(before.stderr).toMatch(/no package_facts task has run\) \(A2C::Jinja::UndefinedError\)/);
    const reinst = join(TMP, 'reinst');
    mkdirSync(join(reinst, 'info'), { recursive: true });
    writeFileSync(join(reinst, 'status'), `${stanza('p-broken', 'install reinstreq half-installed', 'amd64', '1.0')}\n`);
    const r = runRuby("A2C::Facts.register_packages({}, 'packages', false)", { DPKG_ADMINDIR: reinst });
    expect(r.stderr).toMatch(/p-broken as needing reinstallation/);
  }, 120_000);
});
