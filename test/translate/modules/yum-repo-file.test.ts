// yum_repository `file`: Chef's yum_repository writes <reposdir>/<repositoryid>.repo (its provider's
// template path), so a task converts only where the real module (ansible-core 2.14, run here on a
// private reposdir) writes the repository to <name>.repo too. A2C::Modules.yum_repo_file, which
// checks a templated file name when the recipe compiles, must accept exactly those cases and fail
// on the others.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const ready = requireOrSkip('ruby and ansible-core', hasTool('ruby') && hasPythonModule('ansible.modules.yum_repository'));

/** name, and file (undefined: not given; null: omitted by `default(omit)`). */
const CASES: Array<{ name: string; file?: string | null }> = [
  { name: 'epel' },
  { name: 'epel', file: null },
  { name: 'epel', file: 'epel' },
  { name: 'epel', file: 'external' },
  { name: 'epel', file: 'epel.repo' },
  { name: 'epel', file: 'EPEL' },
];

describe.skipIf(!ready)('yum_repository file: the converted resource writes the file the module writes, or fails', () => {
  it('agrees with ansible.builtin.yum_repository on which file holds the repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-yumrepo-'));
    try {
      const files = CASES.map((c, i) => {
        const reposdir = join(dir, `case-${i}`);
        spawnSync('mkdir', ['-p', reposdir]);
        const params: Record<string, unknown> = { name: c.name, description: 'd', baseurl: 'http://mirror.example.com/', reposdir };
        if (typeof c.file === 'string') params['file'] = c.file;
        const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
          input: JSON.stringify({ module: 'ansible.modules.yum_repository', steps: [params], snapshot: ['ls', reposdir] }),
          encoding: 'utf8',
        });
        if (py.status !== 0) throw new Error(py.stderr);
        const [r] = JSON.parse(py.stdout) as Array<{ failed?: boolean; snapshot: string }>;
        expect(r!.failed ?? false).toBe(false);
        return r!.snapshot.trim();
      });
      expect(files).toEqual(['epel.repo', 'epel.repo', 'epel.repo', 'external.repo', 'epel.repo.repo', 'EPEL.repo']);

      const script = [
        'require "json"',
        `require ${JSON.stringify(join(LIBDIR, 'a2c_jinja'))}`,
        `require ${JSON.stringify(join(LIBDIR, 'a2c_tasks'))}`,
        `require ${JSON.stringify(join(LIBDIR, 'a2c_modules'))}`,
        'out = JSON.parse($stdin.read).map do |c|',
        "  file = c.key?('file') ? (c['file'].nil? ? A2C::Jinja::OMIT : c['file']) : nil",
        '  "#{A2C::Modules.yum_repo_file(c[\'name\'], file)}.repo"',
        'rescue A2C::Tasks::UnknownValue',
        '  nil',
        'end',
        'print JSON.generate(out)',
      ].join('\n');
      const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify(CASES), encoding: 'utf8' });
      expect(rb.stderr).toBe('');
      const chef = JSON.parse(rb.stdout) as Array<string | null>;
      // Where the helper accepts, Chef writes the module's file; everywhere else it fails.
      expect(chef).toEqual(files.map((f, i) => (f === `${CASES[i]!.name}.repo` ? f : null)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
