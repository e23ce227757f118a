// community.general.alternatives -> Chef's alternatives resource, one resource per step of the
// module (install, select, auto), with the module's conditions: without priority a registered path
// is not installed again, without link the group's link is used, auto only leaves manual mode,
// absent removes only a registered path. The helpers that read the group are checked against the
// real module run in check mode on this machine's awk group (read only).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');

async function body(task: string): Promise<string> {
  const r = await convertRole({ 'tasks/main.yml': `- ${task}\n` });
  expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
  return recipeBody(r, 'demo');
}

describe('alternatives', () => {
  it('selected (default): install when the path is not registered, with the group link, then set', async () => {
    const b = await body('community.general.alternatives: name=java path=/usr/lib/jvm/j17/bin/java');
    expect(b).toContain(
      [
        "alternatives 'java (install)' do",
        "  link_name 'java'",
        "  path '/usr/lib/jvm/j17/bin/java'",
        "  link lazy { A2C::Modules.alternatives_link('java') }",
        '  priority 50',
        "  not_if { A2C::Modules.alternative?('java', '/usr/lib/jvm/j17/bin/java') }",
        'end',
      ].join('\n'),
    );
    expect(b).toContain("alternatives 'java (select)' do\n  link_name 'java'\n  path '/usr/lib/jvm/j17/bin/java'\n  action :set\nend");
  });

  it('priority and link given: installed whenever the priority differs (Chef :install compares it, as the module does)', async () => {
    const b = await body('alternatives: name=editor path=/usr/bin/vim.basic link=/usr/bin/editor priority=60 state=present');
    expect(b).toContain("  link '/usr/bin/editor'\n  priority 60\nend");
    expect(b).not.toContain('not_if');
    expect(b).not.toContain(':set');
  });

  it('auto leaves manual mode only; absent removes a registered path even when the file is gone', async () => {
    expect(await body('alternatives: name=editor path=/usr/bin/vim.basic state=auto')).toContain(
      "  action :auto\n  only_if { A2C::Modules.alternatives_manual?('editor') }\nend",
    );
    expect(await body('alternatives: name=editor path=/usr/bin/vim.basic state=absent')).toContain(
      "execute 'editor (remove)' do\n  command ['update-alternatives', '--remove', 'editor', '/usr/bin/vim.basic']\n  only_if { A2C::Modules.alternative?('editor', '/usr/bin/vim.basic') }\nend",
    );
  });

  it('subcommands and a templated state are TODOs', async () => {
    for (const task of [
      'alternatives: { name: x, path: /p, subcommands: [{ name: y, path: /q, link: /r }] }',
      'alternatives: { name: x, path: /p, state: "{{ s }}" }',
    ]) {
      const r = await convertRole({ 'tasks/main.yml': `- ${task}\n`, 'defaults/main.yml': 's: auto\n' });
      expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    }
  });
});

const awk = spawnSync('update-alternatives', ['--display', 'awk'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
const mawk = /^(\S+) - priority (\d+)/m.exec(awk.stdout ?? '');
const ready = requireOrSkip(
  'ansible-playbook+ruby and an awk alternatives group',
  hasTool('ansible-playbook') && hasTool('ruby') && awk.status === 0 && mawk !== null,
);

describe.skipIf(!ready)('the group as the real module reads it (check mode, awk group)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-alt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('install needed, the link, auto mode and a missing link agree', () => {
    const [, path, prio] = mawk!;
    const cases: Array<{ name: string; path: string; state: string; priority?: number }> = [
      { name: 'awk', path: path!, state: 'present' },
      { name: 'awk', path: '/bin/sh', state: 'present' },
      { name: 'awk', path: path!, state: 'auto' },
      { name: 'awk', path: path!, state: 'present', priority: Number(prio) },
      { name: 'awk', path: path!, state: 'present', priority: Number(prio) + 2 },
      { name: 'a2c-no-such-group', path: '/bin/sh', state: 'present' },
    ];
    const tasks = cases
      .map((c, i) => `    - { community.general.alternatives: ${JSON.stringify(c)}, register: r${i}, ignore_errors: true }\n`)
      .join('');
    const out = join(dir, 'out.json');
    writeFileSync(
      join(dir, 'play.yml'),
      `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks}    - copy: { dest: "${out}", content: "{{ [${cases.map((_, i) => `r${i}`).join(', ')}] | to_json }}" }\n      check_mode: false\n`,
    );
    const r = spawnSync('ansible-playbook', ['--check', '--diff', '-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (r.status !== 0) throw new Error(`ansible-playbook failed: ${r.stdout}${r.stderr}`);
    const results = JSON.parse(spawnSync('cat', [out], { encoding: 'utf8' }).stdout) as Array<{
      changed: boolean;
      failed?: boolean;
      diff?: { after?: { link?: string } };
    }>;
    // What the converted resources do: install unless registered (without priority) or unless the
    // registered priority is the same (Chef's :install, read as provider code reads it); auto only
    // from manual mode; the link when installing.
    const script = `
      require 'json'; require 'a2c_modules'
      cases = JSON.parse(ARGV[0])
      puts(cases.map do |c|
        m = A2C::Modules
        shown = m.alternatives_display(c['name'])
        current = shown[/#{Regexp.escape(c['path'] + ' - priority ')}(.*)/, 1]&.to_i
        install = c['priority'] ? current != c['priority'] : !m.alternative?(c['name'], c['path'])
        begin
          link = install ? m.alternatives_link(c['name']) : nil
          { 'changed' => install || (c['state'] == 'auto' && m.alternatives_manual?(c['name'])), 'link' => link }
        rescue RuntimeError => e
          { 'failed' => e.message }
        end
      end.to_json)`;
    const rb = spawnSync('ruby', ['-I', LIBDIR, '-e', script, JSON.stringify(cases)], { encoding: 'utf8' });
    expect(rb.stderr).toBe('');
    const ours = JSON.parse(rb.stdout) as Array<{ changed?: boolean; link?: string | null; failed?: string }>;
    cases.forEach((c, i) => {
      const theirs = results[i]!;
      if (theirs.failed) expect({ c, failed: ours[i]!.failed !== undefined }).toEqual({ c, failed: true });
      else {
        expect({ c, changed: ours[i]!.changed }).toEqual({ c, changed: theirs.changed });
        if (ours[i]!.link) expect(ours[i]!.link).toBe(theirs.diff?.after?.link);
      }
    });
    expect(results.map((x) => x.changed || x.failed === true)).toEqual([false, true, false, false, true, true]);
  });
});
