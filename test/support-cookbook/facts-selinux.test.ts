// ansible_selinux.status and ansible_selinux_python_present: A2C::Facts.selinux_status and
// selinux_python_present load libselinux.so.1 as ansible-core 2.14's collector does (through ctypes
// there, Fiddle here). Compared with the real collector on this machine (SELinux disabled), and on
// stub libraries found first through LD_LIBRARY_PATH: is_selinux_enabled answering 1, 0 and -1,
// one lacking a function the collector binds, and a file that is no library. Then a translated
// condition, evaluated by Ruby on each stub. The collector sets ansible_selinux in every case, so
// `ansible_selinux is defined` converts to true (facts.toml always_defined).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { exprToRuby } from '../helpers/expr-to-ruby.js';

const LIB = resolve(new URL('../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries/a2c_facts_selinux.rb');
const ansible = requireOrSkip('ansible-core (/usr/bin/python3)', hasPythonModule('ansible.module_utils.facts.system.selinux'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));
const gcc = requireOrSkip('gcc (builds the stand-in libselinux)', hasTool('gcc'));
const TMP = mkdtempSync(join(tmpdir(), 'a2c-selinux-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

// The functions ansible-core's wrapper binds, with answers an enabled host could give.
const STUB = (enabled: number, missing: boolean) =>
  [
    `int is_selinux_enabled(void) { return ${enabled}; }`,
    'int is_selinux_mls_enabled(void) { return 0; }',
    'int lgetfilecon_raw(const char *p, char **c) { return -1; }',
    'int matchpathcon(const char *p, unsigned m, char **c) { return -1; }',
    'int security_policyvers(void) { return 33; }',
    'int selinux_getenforcemode(int *m) { *m = 1; return 0; }',
    'int security_getenforce(void) { return 1; }',
    'int lsetfilecon(const char *p, const char *c) { return -1; }',
    missing ? '' : 'int selinux_getpolicytype(char **t) { return -1; }',
  ].join('\n');

/** A folder holding a libselinux.so.1 stub (`undefined`: a file that is no library). */
function stubDir(name: string, enabled?: number, missing = false): string {
  const dir = join(TMP, name);
  mkdirSync(dir, { recursive: true });
  if (enabled === undefined) {
    writeFileSync(join(dir, 'libselinux.so.1'), '');
    return dir;
  }
  writeFileSync(join(dir, 'stub.c'), STUB(enabled, missing));
  const r = spawnSync('gcc', ['-shared', '-fPIC', '-o', join(dir, 'libselinux.so.1'), join(dir, 'stub.c')], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return dir;
}

const env = (dir?: string) => ({ PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8', ...(dir ? { LD_LIBRARY_PATH: dir } : {}) });

/** The collector's facts: [status, python_present, whether it set ansible_selinux]. */
function viaCollector(dir?: string): [string, boolean, boolean] {
  const r = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      'import json; from ansible.module_utils.facts.system.selinux import SelinuxFactCollector as C; f = C().collect(); print(json.dumps([f["selinux"]["status"], f["selinux_python_present"], "selinux" in f]))',
    ],
    { encoding: 'utf8', env: env(dir) },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as [string, boolean, boolean];
}

const toRuby = (src: string): string => exprToRuby(src);

const EXPRS = [
  "ansible_facts['selinux']['status'] == 'enabled'",
  'ansible_selinux.status',
  'ansible_selinux_python_present',
  "ansible_facts.selinux_python_present and ansible_selinux.status != 'disabled'",
  "ansible_selinux is defined and ansible_selinux.status == 'enabled'",
  'ansible_facts.selinux is not defined',
];

/** What Ruby gives: [status, python_present, ...EXPRS]. */
function viaRuby(dir?: string): unknown[] {
  const script = [
    "require 'json'",
    `require ${JSON.stringify(LIB)}`,
    'node = nil',
    `print JSON.generate([A2C::Facts.selinux_status(node), A2C::Facts.selinux_python_present(node), ${EXPRS.map(toRuby).join(', ')}])`,
  ].join('\n');
  const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8', env: env(dir) });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as unknown[];
}

describe.skipIf(!ansible || !ruby)("ansible_selinux against ansible-core's collector", () => {
  it('agrees on this machine', () => {
    const [status, present, defined] = viaCollector();
    expect(defined).toBe(true);
    expect(viaRuby().slice(0, 2)).toEqual([status, present]);
  }, 60_000);

  it.skipIf(!gcc)(
    'agrees on stub libraries: enabled, disabled, an error, a missing function, no library',
    () => {
      const cases: Array<[string, number | undefined, boolean]> = [
        ['enabled', 1, false],
        ['disabled', 0, false],
        ['error', -1, false],
        ['missing-function', 1, true],
        ['not-a-library', undefined, false],
      ];
      const seen = new Set<string>();
      for (const [name, enabled, missing] of cases) {
        const dir = stubDir(name, enabled, missing);
        const [status, present, defined] = viaCollector(dir);
        seen.add(status);
        const got = viaRuby(dir);
        expect(got.slice(0, 2), name).toEqual([status, present]);
        // The translated expressions read the same answers.
        expect(got.slice(2), name).toEqual([
          status === 'enabled',
          status,
          present,
          present && status !== 'disabled',
          defined && status === 'enabled',
          !defined,
        ]);
      }
      expect([...seen].sort()).toEqual(['Missing selinux Python library', 'disabled', 'enabled']);
    },
    120_000,
  );
});
