// ansible.builtin.file state: directory gives the owner, group and mode to every directory it creates
// (the missing parents too), where Chef's `directory` with `recursive true` gives them to the last one
// only. The conversion emits the support resource a2c_directory when attributes are given; its action
// is run here (with a directory resource that does what Chef's does: mkdir, then chown/chmod) next to
// the real module on the same folder layouts, and every directory's mode and owner must agree.
// `recurse: true` (attributes on everything beneath) stays a TODO.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertRole, formatDiagnostic, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SUPPORT = join(ROOT, 'src/support-cookbook/ruby');

describe('file state: directory translation', () => {
  it('with owner/group/mode: a2c_directory, which gives them to each directory it creates', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- file:\n    path: /opt/app/logs\n    state: directory\n    owner: app\n    group: app\n    mode: "0750"\n',
    });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(recipeBody(r, 'demo')).toBe(
      ['# tasks/main.yml:1', "a2c_directory '/opt/app/logs' do", "  owner 'app'", "  group 'app'", "  mode '0750'", 'end'].join('\n'),
    );
  });

  it('without attributes: a recursive directory (parents get the default mode in both)', async () => {
    const r = await convertRole({ 'tasks/main.yml': '- file: path=/opt/app/logs state=directory\n' });
    expect(recipeBody(r, 'demo')).toBe(['# tasks/main.yml:1', "directory '/opt/app/logs' do", '  recursive true', 'end'].join('\n'));
  });

  // recurse converts (test/translate/modules/file-recurse.test.ts), but `u=rwX` keeps the directory's group and other bits.
  it('recurse: true with a mode that leaves the directory partly as it was applies it at converge time', async () => {
    const r = await convertRole({ 'tasks/main.yml': '- file: path=/srv/www state=directory recurse=yes owner=www-data mode=u=rwX\n' });
    // The directory's mode is computed from its own mode when a2c_directory acts (symbolic-mode-of.test.ts).
    expect(recipeBody(r, 'demo')).toContain(
      "a2c_directory '/srv/www' do\n  owner 'www-data'\n  mode 'u=rwX'\n  recurse true\n  recurse_mode 'u=rwX'\nend",
    );
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});

const ruby = requireOrSkip('ruby', hasTool('ruby'));
const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

// Paths relative to a case folder holding `existing/` (mode 0755); each is created with these attributes.
const CASES = [
  { path: 'a/b/c', mode: '0701', owner: 'nobody' },
  { path: 'existing/p/q', mode: '0750' },
  { path: 'existing', mode: '0711' },
  { path: 'x//y/', mode: '0700', owner: 'nobody' },
  { path: 'one', mode: '0705' },
];

/** Every directory under `dir` with its mode and owner uid. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const p = rel ? `${rel}/${name}` : name;
      const st = statSync(join(dir, p));
      if (!st.isDirectory()) continue;
      out[p] = `${(st.mode & 0o7777).toString(8)} uid=${st.uid}`;
      walk(p);
    }
  };
  walk('');
  return out;
}

function layout(base: string): string[] {
  return CASES.map((_, i) => {
    const dir = join(base, `case-${i}`);
    mkdirSync(join(dir, 'existing'), { recursive: true, mode: 0o755 });
    return dir;
  });
}

describe.skipIf(!(ruby && playbook))('a2c_directory against the file module', () => {
  let work = '';
  let ansible: Array<Record<string, string>> = [];
  let a2c: Array<Record<string, string>> = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'a2c-directory-'));
    const aDirs = layout(join(work, 'ansible'));
    const tasks = CASES.map((c, i) => ({
      'ansible.builtin.file': { path: `${aDirs[i]}/${c.path}`, state: 'directory', mode: c.mode, ...(c.owner ? { owner: c.owner } : {}) },
    }));
    writeFileSync(join(work, 'play.json'), JSON.stringify([{ hosts: 'localhost', connection: 'local', gather_facts: false, tasks }]));
    const run = spawnSync('ansible-playbook', ['-i', 'localhost,', join(work, 'play.json')], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (run.status !== 0) throw new Error(`ansible-playbook failed:\n${run.stdout}\n${run.stderr}`);
    ansible = aDirs.map(tree);

    const rDirs = layout(join(work, 'ruby'));
    const cases = CASES.map((c, i) => ({ path: `${rDirs[i]}/${c.path}`, mode: c.mode, owner: c.owner ?? null }));
    // The resource file evaluated with a stand-in for Chef's custom-resource DSL; `directory` does what
    // Chef's directory resource does without `recursive`: create the folder, then set owner and mode.
    const script = `
      require 'json'
      require 'fileutils'
      require '${join(SUPPORT, 'libraries/a2c_file_state.rb')}'
      class Props
        attr_reader :set
        def initialize; @set = {}; end
        %w[owner group mode].each { |m| define_method(m) { |v| @set[m] = v } }
      end
      class Definition
        attr_reader :actions
        def initialize; @actions = {}; end
        def unified_mode(*); end
        def provides(*); end
        def description(*); end
        def property(*, **); end
        def action(name, &blk); @actions[name] = blk; end
      end
      definition = Definition.new
      definition.instance_eval(File.read('${join(SUPPORT, 'resources/directory.rb')}'))
      Want = Struct.new(:path, :owner, :group, :mode, :recurse, :recurse_mode)
      JSON.parse(ARGV[0]).each do |c|
        run = Object.new
        run.define_singleton_method(:description) { |*| }
        run.define_singleton_method(:new_resource) { Want.new(c['path'], c['owner'], nil, c['mode']) }
        run.define_singleton_method(:directory) do |name, &blk|
          props = Props.new
          props.instance_eval(&blk)
          Dir.mkdir(name) unless File.directory?(name)
          FileUtils.chown(props.set['owner'], props.set['group'], name) if props.set['owner'] || props.set['group']
          File.chmod(props.set['mode'].to_i(8), name) if props.set['mode']
        end
        run.instance_eval(&definition.actions.fetch(:create))
      end`;
    const r = spawnSync('ruby', ['-e', script, JSON.stringify(cases)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ruby failed:\n${r.stderr}`);
    a2c = rDirs.map(tree);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the module really created folders with the mode', () => {
    expect(ansible[0]).toMatchObject({
      a: expect.stringMatching(/^701 /),
      'a/b': expect.stringMatching(/^701 /),
      'a/b/c': expect.stringMatching(/^701 /),
    });
  });

  it.each(CASES.map((c, i) => [c.path, i] as const))('%s: every directory has the same mode and owner', (_path, i) => {
    expect(a2c[i]).toEqual(ansible[i]);
  });
});
