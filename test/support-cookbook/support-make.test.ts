// A2C::Make (behind a2c_make) checked DIFFERENTIALLY against community.general's make module: the same
// steps in the same temp project, from the same start, once through the module
// (test/tools/module-batch-ansible.py) and once through the Ruby library; after every step `changed`,
// `failed`, the command line and what the Makefile's recipes wrote must agree. Also: the dry run (why-run
// and the resource's question) runs nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const MODULE = 'ansible_collections.community.general.plugins.modules.make';
const ready = requireOrSkip('ruby, make and community.general', hasTool('ruby') && hasTool('make') && hasPythonModule(MODULE));

const MAKEFILE = [
  'all: out.txt',
  'out.txt: in.txt',
  '\tcp in.txt out.txt',
  '\techo built >> log',
  'install:',
  '\techo install $(PREFIX) $(DEBUG) $(HOMEISH) >> log',
  'broken:',
  '\techo trying >> log; false',
  '.PHONY: install broken',
  '',
].join('\n');
const ALT = ['alt:', '\techo alt $(N) >> log', '.PHONY: alt', ''].join('\n');

type Outcome = { changed: boolean; failed: boolean; command?: string; log: string };

describe.skipIf(!ready)('A2C::Make matches community.general.make', () => {
  let dir = '';
  let steps: Array<Record<string, unknown>> = [];
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];
  const reset = () => {
    writeFileSync(join(dir, 'Makefile'), MAKEFILE);
    writeFileSync(join(dir, 'Other.mk'), ALT);
    writeFileSync(join(dir, 'in.txt'), 'input\n');
    writeFileSync(join(dir, 'log'), '');
    rmSync(join(dir, 'out.txt'), { force: true });
  };
  const env = { ...process.env, A2C_MAKE_WORD: 'expanded' };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-make-'));
    steps = [
      // Builds out.txt, then finds it up to date; the default target is `all`.
      { chdir: dir, target: 'all' },
      { chdir: dir, target: 'all' },
      { chdir: dir },
      // A phony target is never up to date; params in order, Python's str of each value, $VAR expanded.
      { chdir: dir, target: 'install', params: { PREFIX: '/usr/local', DEBUG: true, HOMEISH: '$A2C_MAKE_WORD' } },
      { chdir: dir, target: 'alt', file: join(dir, 'Other.mk'), jobs: 2, params: { N: 3 } },
      // A failing recipe fails the task; a target make cannot build (make -q exits 2) is run and fails.
      { chdir: dir, target: 'broken' },
      { chdir: dir, target: 'nosuch' },
    ];
    reset();
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: MODULE, steps, snapshot: ['cat', join(dir, 'log')] }),
      encoding: 'utf8',
      env,
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = (JSON.parse(py.stdout) as Array<Record<string, unknown>>).map((r) => ({
      changed: r['changed'] === true,
      failed: r['failed'] === true,
      ...(r['failed'] === true ? {} : { command: String(r['command']) }),
      log: String(r['snapshot']),
    }));
    reset();
    const script = [
      'require "json"',
      ...['a2c_jinja', 'a2c_jinja_filters', 'a2c_tasks', 'a2c_bin_path', 'a2c_make'].map(
        (f) => `require ${JSON.stringify(join(LIBDIR, f))}`,
      ),
      'steps, log = JSON.parse($stdin.read)',
      'out = steps.map do |s|',
      '  r = begin',
      '    A2C::Make.run(**s.transform_keys(&:to_sym))',
      '  rescue A2C::Make::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('log' => File.read(log))",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify([steps, join(dir, 'log')]), encoding: 'utf8', env });
    if (rb.status !== 0) throw new Error(rb.stderr);
    ruby = (JSON.parse(rb.stdout) as Array<Record<string, unknown>>).map((r) => ({
      changed: r['changed'] === true,
      failed: r['failed'] === true,
      ...(r['failed'] === true ? {} : { command: String(r['command']) }),
      log: String(r['log']),
    }));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the steps change, keep and fail', () => {
    expect(ansible.map((o) => (o.failed ? 'failed' : o.changed ? 'changed' : 'ok'))).toEqual([
      'changed',
      'ok',
      'ok',
      'changed',
      'changed',
      'failed',
      'failed',
    ]);
    expect(ansible[3]!.log).toContain('install /usr/local True expanded');
  });

  it('agrees after every step on changed, failed, the command line and what make wrote', () => {
    // The module names the make it found by its path; so does the library (the same PATH lookup).
    const diffs = steps.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: i, s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });

  it('dry_run asks make -q only', () => {
    reset();
    const rb = spawnSync(
      'ruby',
      [
        '-e',
        [
          ...['a2c_jinja', 'a2c_jinja_filters', 'a2c_tasks', 'a2c_bin_path', 'a2c_make'].map(
            (f) => `require ${JSON.stringify(join(LIBDIR, f))}`,
          ),
          `p A2C::Make.run(chdir: ${JSON.stringify(dir)}, target: 'install', dry_run: true)['changed']`,
        ].join('; '),
      ],
      { encoding: 'utf8' },
    );
    expect(rb.stdout.trim()).toBe('true');
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe('');
  });
});

describe('community.general.make', () => {
  it('converts every spelling to a2c_make with its arguments', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: Build',
        '  community.general.make:',
        '    chdir: /opt/app',
        '    target: install',
        '    params: { PREFIX: /usr/local }',
        '    jobs: 4',
        '- name: Default',
        '  make: chdir=/srv/app file=/srv/app/GNUmakefile',
        '- name: Builtin spelling',
        '  ansible.builtin.make:',
        '    chdir: /x',
        '',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => [t.module, t.outcome])).toEqual([
      ['community.general.make', 'converted'],
      ['community.general.make', 'converted'],
      ['community.general.make', 'converted'],
    ]);
    expect(recipeBody(r, 'demo')).toContain(
      [
        "a2c_make 'Build' do",
        "  chdir '/opt/app'",
        "  target 'install'",
        "  make_params({ 'PREFIX' => '/usr/local' })",
        '  jobs 4',
        'end',
      ].join('\n'),
    );
    expect(recipeBody(r, 'demo')).toContain("a2c_make 'Default' do\n  chdir '/srv/app'\n  file '/srv/app/GNUmakefile'\nend");
  });
});
