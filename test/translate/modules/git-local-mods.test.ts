// git with update (the default) and force: no: the real module fails on an existing checkout with
// local modifications, and not for untracked files; A2C::Modules.git_unmodified! (run before the
// converted git :sync) must fail in exactly the same cases. Both run on the same clone.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');
const ready = requireOrSkip('ansible-playbook+git+ruby', hasTool('ansible-playbook') && hasTool('git') && hasTool('ruby'));

describe.skipIf(!ready)('local modifications: the real git module vs git_unmodified!', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-git-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, 'src');
  const dest = join(dir, 'dest');
  const env = ansibleEnv({
    GIT_AUTHOR_NAME: 'a',
    GIT_AUTHOR_EMAIL: 'a@b',
    GIT_COMMITTER_NAME: 'a',
    GIT_COMMITTER_EMAIL: 'a@b',
  });
  const git = (...args: string[]) => spawnSync('git', args, { cwd: src, env, encoding: 'utf8' });

  /** The module's verdict: did `git: repo dest` (update yes, force no) succeed? */
  function ansibleOk(): boolean {
    writeFileSync(
      join(dir, 'play.yml'),
      `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ansible.builtin.git: { repo: "file://${src}", dest: "${dest}" }\n`,
    );
    const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], { env, encoding: 'utf8' });
    if (r.status !== 0 && !r.stdout.includes('Local modifications exist'))
      throw new Error(`ansible-playbook failed otherwise: ${r.stdout}${r.stderr}`);
    return r.status === 0;
  }

  function helperOk(): boolean {
    const r = spawnSync('ruby', ['-I', LIBDIR, '-e', 'require "a2c_modules"; A2C::Modules.git_unmodified!(ARGV[0])', dest], {
      encoding: 'utf8',
    });
    if (r.status !== 0 && !r.stderr.includes('Local modifications exist')) throw new Error(r.stderr);
    return r.status === 0;
  }

  it('agree on a missing, clean, untracked-only, modified and staged checkout', () => {
    mkdirSync(src);
    git('init', '-q');
    writeFileSync(join(src, 'a.txt'), 'one\n');
    git('add', 'a.txt');
    git('commit', '-qm', 'c1');
    const verdicts: Array<[string, boolean, boolean]> = [];
    verdicts.push(['missing', helperOk(), ansibleOk()]); // the module clones
    verdicts.push(['clean', helperOk(), ansibleOk()]);
    writeFileSync(join(dest, 'new.txt'), 'untracked\n');
    verdicts.push(['untracked', helperOk(), ansibleOk()]);
    appendFileSync(join(dest, 'a.txt'), 'local\n');
    verdicts.push(['modified', helperOk(), ansibleOk()]);
    spawnSync('git', ['checkout', '-q', 'a.txt'], { cwd: dest });
    spawnSync('git', ['add', 'new.txt'], { cwd: dest });
    verdicts.push(['staged', helperOk(), ansibleOk()]);
    for (const [state, helper, ansible] of verdicts) expect({ state, helper }).toEqual({ state, helper: ansible });
    expect(verdicts.map((v) => v[2])).toEqual([true, true, true, false, false]);
  });
});
