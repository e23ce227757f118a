// Built-in and community modules that were missing from the mapping table (issue 16), each
// converted with the module's own semantics (read from its source in ansible-core 2.14 and
// community.general 6) or kept as a TODO where Chef cannot do the same.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../../helpers/shared.js';

const compileReady =
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(join(SHARED, 'chef/resources.json')));

async function converted(tasks: string, defaults = ''): Promise<{ body: string; outcomes: string[]; codes: string[] }> {
  const r = await convertRole({ 'tasks/main.yml': tasks, ...(defaults ? { 'defaults/main.yml': defaults } : {}) });
  return { body: recipeBody(r, 'demo'), outcomes: r.tasks.map((t) => t.outcome), codes: r.diagnostics.map((d) => d.code) };
}

describe('apt purge', () => {
  it('state absent with purge: yes is :purge (the module passes purge to its removal)', async () => {
    const r = await converted('- apt: name=x state=absent purge=yes\n');
    expect(r.outcomes).toEqual(['converted']);
    expect(r.body).toContain("apt_package 'x' do\n  action :purge\nend");
  });

  it('other states do not read purge; purge: no is a removal', async () => {
    // No block: the default action, :install.
    expect((await converted('- apt: { name: x, purge: true }\n')).body).toMatch(/^apt_package 'x'$/m);
    expect((await converted('- apt: { name: x, state: absent, purge: no }\n')).body).toContain("apt_package 'x' do\n  action :remove\nend");
  });

  it('a templated purge, or purge with a templated state, is a TODO', async () => {
    expect((await converted('- apt: { name: x, state: absent, purge: "{{ p }}" }\n', 'p: true\n')).codes).toContain('A2C-TODO-PARAM');
    expect((await converted('- apt: { name: x, state: "{{ s }}", purge: true }\n', 's: absent\n')).codes).toContain('A2C-TODO-PARAM');
  });
});

describe('git', () => {
  it('update (default) with force: no checks for local modifications before git :sync; submodules as the module does', async () => {
    const r = await converted('- git: repo=https://example.com/r.git dest=/srv/app version=v1\n');
    expect(r.outcomes).toEqual(['converted']);
    expect(r.body).toContain(
      "ruby_block 'git local modifications in /srv/app' do\n  block do\n    A2C::Modules.git_unmodified!('/srv/app')\n  end\nend",
    );
    expect(r.body).toContain("git '/srv/app' do\n  repository 'https://example.com/r.git'\n  revision 'v1'\n  enable_submodules true\nend");
  });

  it('force: yes discards modifications as :sync does; update: no is :checkout (an existing checkout is left alone)', async () => {
    const forced = await converted('- git: repo=r dest=/srv/app force=yes recursive=no depth=1\n');
    expect(forced.body).not.toContain('ruby_block');
    expect(forced.body).toContain("git '/srv/app' do\n  repository 'r'\n  depth 1\n  enable_submodules false\nend");
    const pinned = await converted('- git: { repo: r, dest: /srv/app, update: no }\n');
    expect(pinned.body).not.toContain('ruby_block');
    expect(pinned.body).toContain('  action :checkout\n');
  });

  it('arguments with no Chef counterpart, and a templated force, are TODOs', async () => {
    for (const args of ['bare=yes', 'single_branch=yes', 'clone=no', 'force={{ f }}', 'key_file=/k']) {
      const r = await converted(`- git: repo=r dest=/d ${args}\n`, 'f: true\n');
      expect({ args, outcomes: r.outcomes }).toEqual({ args, outcomes: ['todo'] });
    }
  });
});

describe.skipIf(!compileReady)('the new conversions compile in Chef (properties validated, guards deferred)', () => {
  it('apt purge, masked, git, alternatives, dpkg_divert', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- apt: name=x state=absent purge=yes',
        '- systemd: name=u masked=no enabled=yes state=started',
        '- git: repo=https://example.com/r.git dest=/srv/app version=v1 depth=1 recursive=no',
        '- alternatives: name=java path=/usr/lib/jvm/j17/bin/java',
        '- alternatives: name=editor path=/usr/bin/vim.basic link=/usr/bin/editor priority=60 state=auto',
        '- alternatives: name=editor path=/usr/bin/vim.basic state=absent',
        '- dpkg_divert: { path: /usr/bin/x, holder: pkg, rename: yes }',
        '- dpkg_divert: path=/usr/bin/y state=absent',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(Array(8).fill('converted'));
    const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile: join(SHARED, 'chef/resources.json'), detail: true });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
    const ids = runs[0]!.detail!.map((d) => d.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'apt_package[x]',
        'service[u]',
        'git[/srv/app]',
        'alternatives[java (install)]',
        'alternatives[java (select)]',
        'alternatives[editor (auto)]',
        'execute[editor (remove)]',
        'execute[dpkg-divert add /usr/bin/x]',
      ]),
    );
    expect(runs[0]!.detail!.find((d) => d.id === 'git[/srv/app]')!.properties).toMatchObject({
      depth: 1,
      enable_submodules: false,
      revision: 'v1',
    });
  });
});
