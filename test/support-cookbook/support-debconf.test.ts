// A2C::Debconf (behind a2c_debconf) checked DIFFERENTIALLY against ansible.builtin.debconf: the same
// steps from the same empty debconf database, once through the module (test/tools/module-batch-ansible.py)
// and once through the Ruby library, both running the real debconf-show and debconf-set-selections
// on a private database (DEBCONF_SYSTEMRC names it; the machine's stays untouched). After every step
// `changed`, `failed` and the package's answers (debconf-show) must agree; a dry run writes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const MODULE = 'ansible.modules.debconf';
const ready = requireOrSkip(
  'ruby, ansible-core and debconf',
  hasTool('ruby') && hasPythonModule(MODULE) && hasTool('debconf-show') && hasTool('debconf-set-selections'),
);

type Outcome = { changed: boolean; failed: boolean; snapshot: string };

const PKG = 'a2c-demo';
const STEPS: Array<Record<string, unknown>> = [
  { name: PKG },
  { name: PKG, question: `${PKG}/mailname`, vtype: 'string', value: 'mail.example.org' },
  { name: PKG, question: `${PKG}/mailname`, vtype: 'string', value: 'mail.example.org' },
  { name: PKG, question: `${PKG}/mailname`, vtype: 'string', value: 'other.example.org' },
  { name: PKG, question: `${PKG}/type`, vtype: 'select', value: 'Internet Site', unseen: true },
  { name: PKG, question: `${PKG}/type`, vtype: 'select', value: 'Internet Site' },
  { name: PKG, question: `${PKG}/enabled`, vtype: 'boolean', value: 'True' },
  { name: PKG, question: `${PKG}/enabled`, vtype: 'boolean', value: 'true' },
  { name: PKG, question: `${PKG}/enabled`, vtype: 'boolean', value: 'FALSE' },
  { name: PKG, question: `${PKG}/list`, vtype: 'multiselect', value: 'a, b' },
  { name: PKG, question: `${PKG}/list`, vtype: 'multiselect', value: 'a, b' },
  { name: PKG, question: `${PKG}/spaced`, vtype: 'string', value: '  padded  ' },
  { name: PKG, question: `${PKG}/spaced`, vtype: 'string', value: '  padded  ' },
  { name: PKG, question: `${PKG}/missing-vtype`, value: 'x' },
  { name: PKG, question: `${PKG}/bad`, vtype: 'integer', value: '1' },
  { name: 'a2c-other', question: 'a2c-other/q', vtype: 'string', value: 'v' },
  { name: PKG },
];

describe.skipIf(!ready)('A2C::Debconf matches ansible.builtin.debconf', () => {
  let dir = '';
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];

  /** A private debconf database in `sub`: the environment that points debconf at it. */
  const database = (sub: string) => {
    const d = join(dir, sub);
    spawnSync('mkdir', ['-p', d]);
    const conf = join(d, 'debconf.conf');
    writeFileSync(
      conf,
      `Config: configdb\nTemplates: templatedb\n\nName: configdb\nDriver: File\nFilename: ${d}/config.dat\n\nName: templatedb\nDriver: File\nFilename: ${d}/templates.dat\n`,
    );
    return { ...process.env, DEBCONF_SYSTEMRC: conf };
  };
  const outcomes = (out: string): Outcome[] =>
    (JSON.parse(out) as Array<Record<string, unknown>>).map((r) => ({
      changed: r['changed'] === true,
      failed: r['failed'] === true,
      // debconf-show lists a package's questions in Perl's hash order, which varies from run to run.
      snapshot: String(r['snapshot']).split('\n').sort().join('\n'),
    }));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-debconf-'));
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: MODULE, steps: STEPS, snapshot: ['debconf-show', PKG] }),
      encoding: 'utf8',
      env: database('ansible'),
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = outcomes(py.stdout);
    const script = [
      'require "json"; require "open3"',
      `require ${JSON.stringify(join(LIBDIR, 'a2c_debconf'))}`,
      'steps, pkg = JSON.parse($stdin.read)',
      'out = steps.map do |s|',
      '  r = begin',
      '    A2C::Debconf.manage(**s.transform_keys(&:to_sym))',
      '  rescue A2C::Debconf::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('snapshot' => Open3.capture3('debconf-show', pkg)[0])",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify([STEPS, PKG]), encoding: 'utf8', env: database('ruby') });
    if (rb.status !== 0) throw new Error(rb.stderr);
    ruby = outcomes(rb.stdout);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the steps change, keep and fail', () => {
    expect(ansible.filter((o) => o.changed).length).toBeGreaterThanOrEqual(6);
    expect(ansible.filter((o) => o.failed).length).toBeGreaterThanOrEqual(2);
    expect(ansible.filter((o) => !o.changed && !o.failed).length).toBeGreaterThanOrEqual(5);
    expect(ansible[1]!.snapshot).toMatch(/a2c-demo\/mailname: mail\.example\.org/);
  });

  it('agrees after every step on changed, failed and the answers', () => {
    const diffs = STEPS.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: i, s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });

  it('dry_run reports the change and writes nothing', () => {
    const env = database('dry');
    const rb = spawnSync(
      'ruby',
      [
        '-e',
        `require ${JSON.stringify(join(LIBDIR, 'a2c_debconf'))}; p A2C::Debconf.manage(name: 'a2c-demo', question: 'a2c-demo/q', vtype: 'string', value: 'v', dry_run: true)['changed']`,
      ],
      { encoding: 'utf8', env },
    );
    expect(rb.stdout.trim()).toBe('true');
    expect(spawnSync('debconf-show', [PKG], { encoding: 'utf8', env }).stdout).toBe('');
  });
});
