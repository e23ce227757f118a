// ansible.builtin.file without `state` (and without src/recurse) keeps the path's current type: the
// module's default state is what the path already is (file, hard link, directory, link), and a
// missing path fails. The conversion chooses at converge time by the path's type; here the printed
// guards and failure message are evaluated in Ruby on real paths next to the real module's results.
// With `src` and no state the module accepts only an existing link or hard link.
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertRole, formatDiagnostic, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIB = join(ROOT, 'src/support-cookbook/ruby/libraries/a2c_file_state.rb');

async function body(task: string): Promise<string> {
  const r = await convertRole({ 'tasks/main.yml': task });
  expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
  return recipeBody(r, 'demo');
}

describe('file without state: translation', () => {
  it('chooses by the path type at converge time, never a file resource alone', async () => {
    const b = await body('- name: perms\n  file:\n    path: /srv/data\n    owner: app\n    mode: "0750"\n');
    expect(b).toContain(
      "file '/srv/data' do\n  owner 'app'\n  mode '0750'\n  only_if { %w(file hard).include?(A2C::FileState.path_state('/srv/data')) }\nend",
    );
    expect(b).toContain(
      "directory '/srv/data' do\n  owner 'app'\n  mode '0750'\n  only_if { A2C::FileState.path_state('/srv/data') == 'directory' }\nend",
    );
    expect(b).toContain("ruby_block 'perms' do");
    expect(b).toContain("only_if { %w(absent link).include?(A2C::FileState.path_state('/srv/data')) }");
  });

  it('src without state: a link only where the path already is one', async () => {
    const b = await body('- file: path=/usr/local/bin/tool src=/opt/tool/bin/tool\n');
    expect(b).toContain(
      "link '/usr/local/bin/tool' do\n  to '/opt/tool/bin/tool'\n  only_if { A2C::FileState.path_state('/usr/local/bin/tool') == 'link' }\nend",
    );
    expect(b).toContain("only_if { %w(absent file directory).include?(A2C::FileState.path_state('/usr/local/bin/tool')) }");
  });

  it('explicit states are unchanged', async () => {
    expect(await body('- file: path=/etc/x state=directory\n')).toContain("directory '/etc/x' do\n  recursive true\nend");
    expect(await body('- file: path=/etc/x state=touch\n')).toContain("file '/etc/x' do\n  action :touch\nend");
  });
});

const ruby = requireOrSkip('ruby', hasTool('ruby'));
const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

const KINDS = ['file', 'hard', 'dir', 'link', 'absent'] as const;
// The same paths again with `src` and no state (the module accepts src only for a link or a hard link).
const WITH_SRC = ['link', 'file', 'absent'] as const;

function layout(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'file'), 'x\n');
  writeFileSync(join(dir, 'target'), 'y\n');
  linkSync(join(dir, 'target'), join(dir, 'hard'));
  mkdirSync(join(dir, 'dir'));
  symlinkSync('file', join(dir, 'link'));
}

describe.skipIf(!(ruby && playbook))('file without state against the file module', () => {
  let work = '';
  let ansible: Array<{ state?: string; failed?: boolean; msg?: string }> = [];
  let a2c: Array<{ runs: string[]; message?: string }> = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'a2c-file-nostate-'));
    layout(join(work, 'ansible'));
    const args = (side: string) => [
      ...KINDS.map((k) => ({ path: join(work, side, k), mode: '0640' })),
      ...WITH_SRC.map((k) => ({ path: join(work, side, k), src: join(work, side, 'target') })),
    ];
    const tasks = args('ansible').map((a, i) => ({ 'ansible.builtin.file': a, register: `r${i}`, ignore_errors: true }));
    const out = join(work, 'results.json');
    tasks.push({ copy: { content: `{{ [${tasks.map((_, i) => `r${i}`).join(', ')}] | to_json }}`, dest: out } } as never);
    writeFileSync(join(work, 'play.json'), JSON.stringify([{ hosts: 'localhost', connection: 'local', gather_facts: false, tasks }]));
    const run = spawnSync('ansible-playbook', ['-i', 'localhost,', join(work, 'play.json')], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (run.status !== 0) throw new Error(`ansible-playbook failed:\n${run.stdout}\n${run.stderr}`);
    ansible = JSON.parse(readFileSync(out, 'utf8'));

    // The converted task per path: which of its resources' guards hold, and the failure message.
    layout(join(work, 'ruby'));
    const checks: string[] = [];
    for (const a of args('ruby')) {
      const recipe = await body(
        `- name: perms\n  file:\n${Object.entries(a)
          .map(([k, v]) => `    ${k}: "${v}"\n`)
          .join('')}`,
      );
      const resources = [...recipe.matchAll(/^(\w+) '[^']*' do\n([\s\S]*?)^end$/gm)].map((m) => ({
        type: m[1]!,
        guard: /only_if \{ (.*) \}/.exec(m[2]!)?.[1] ?? 'true',
        raise: /^\s+raise\((.*)\)$/m.exec(m[2]!)?.[1],
      }));
      checks.push(`runs = []; message = nil`);
      for (const r of resources) {
        checks.push(`if (${r.guard}) then runs << ${JSON.stringify(r.type)}; ${r.raise ? `message = (${r.raise})` : ''} end`);
      }
      checks.push('out << { runs: runs, message: message }');
    }
    const script = ["require 'json'", `require '${LIB}'`, 'out = []', ...checks, 'print JSON.generate(out)'].join('\n');
    const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ruby failed:\n${r.stderr}`);
    a2c = JSON.parse(r.stdout);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('a file or hard link gets the file resource, a directory the directory resource', () => {
    const resourceFor: Record<string, string> = { file: 'file', hard: 'file', directory: 'directory' };
    for (const k of ['file', 'hard', 'dir'] as const) {
      const i = KINDS.indexOf(k);
      expect(ansible[i]?.failed, k).toBeFalsy();
      expect(a2c[i], k).toEqual({ runs: [resourceFor[ansible[i]!.state!]], message: null });
    }
  });

  it('a missing path fails with the module message', () => {
    const i = KINDS.indexOf('absent');
    expect(ansible[i]?.failed).toBe(true);
    const msg = ansible[i]!.msg!.replace(join(work, 'ansible'), join(work, 'ruby'));
    expect(a2c[i]).toEqual({ runs: ['ruby_block'], message: msg });
  });

  it('src without state: a link is re-pointed, a file or a missing path fails with the module message', () => {
    const at = (k: (typeof WITH_SRC)[number]) => KINDS.length + WITH_SRC.indexOf(k);
    expect(ansible[at('link')]?.failed).toBeFalsy();
    expect(a2c[at('link')]).toEqual({ runs: ['link'], message: null });
    for (const k of ['file', 'absent'] as const) {
      expect(ansible[at(k)]?.failed, k).toBe(true);
      expect(a2c[at(k)], k).toEqual({ runs: ['ruby_block'], message: ansible[at(k)]!.msg });
    }
  });

  it('a link with attributes fails the run loudly (Ansible sets them on the target; not converted)', () => {
    const i = KINDS.indexOf('link');
    expect(ansible[i]?.state).toBe('link');
    expect(a2c[i]?.runs).toEqual(['ruby_block']);
    expect(a2c[i]?.message).toMatch(/is a link; owner, group and mode of a link's target \(file without state\) are not converted/);
  });
});
