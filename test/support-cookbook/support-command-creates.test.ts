// A registered command or shell with creates/removes (A2C::Tasks.command_skip), checked DIFFERENTIALLY
// against the command and shell modules run by ansible-playbook on localhost: the same cases, the same
// files, every key both sides register compared. A skipped run must keep rc 0, the module's texts and
// no change, and changed_when/failed_when still judge it (the swap roles' `changed_when: r.rc != 0`).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');

const haveTools =
  requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) &&
  requireOrSkip('ruby mixlib-shellout', spawnSync('ruby', ['-e', 'require "mixlib/shellout"'], { stdio: 'ignore' }).status === 0);

interface Case {
  shell: boolean;
  cmd: string;
  creates?: string;
  removes?: string;
  chdir?: string;
  /** changed_when: rc != 0 (as the swap roles write it). */
  changedWhenRc?: boolean;
}

/** The cases, with {D} standing for the test's directory. */
const CASES: Case[] = [
  { shell: false, cmd: 'echo ran', creates: '{D}/present' },
  { shell: false, cmd: 'echo ran', creates: '{D}/absent' },
  { shell: true, cmd: 'echo ran; exit 3', creates: '{D}/present' },
  { shell: true, cmd: 'echo ran >&2', creates: '{D}/absent' },
  { shell: false, cmd: 'echo ran', removes: '{D}/present' },
  { shell: false, cmd: 'echo ran', removes: '{D}/absent' },
  { shell: false, cmd: 'echo ran', creates: '{D}/absent', removes: '{D}/absent' },
  { shell: false, cmd: 'echo ran', creates: '{D}/present', removes: '{D}/absent' },
  // Globs: Python's glob, where a leading * skips dot files and { } are plain characters.
  { shell: false, cmd: 'echo ran', creates: '{D}/pre*' },
  { shell: false, cmd: 'echo ran', creates: '{D}/*.none' },
  { shell: false, cmd: 'echo ran', creates: '{D}/sub/?ile' },
  { shell: false, cmd: 'echo ran', creates: '{D}/[pq]resent' },
  { shell: false, cmd: 'echo ran', creates: '{D}/*hidden' },
  { shell: false, cmd: 'echo ran', creates: '{D}/{present,absent}' },
  { shell: false, cmd: 'echo ran', creates: '{D}/br{ace}' },
  // A dangling link exists for glob (lexists).
  { shell: false, cmd: 'echo ran', creates: '{D}/dangling' },
  // Relative to chdir.
  { shell: false, cmd: 'echo ran', creates: 'sub/file', chdir: '{D}' },
  { shell: true, cmd: 'pwd', removes: 'sub', chdir: '{D}' },
  // $VAR expansion of a 'path' argument.
  { shell: false, cmd: 'echo ran', creates: '$A2C_CREATES_DIR/present' },
  // The keyword judges the skipped result too.
  { shell: true, cmd: 'exit 0', creates: '{D}/present', changedWhenRc: true },
  { shell: true, cmd: 'exit 0', creates: '{D}/absent', changedWhenRc: true },
];

function ansibleSide(dir: string, cases: Case[]): Array<Record<string, unknown>> {
  const out = join(dir, 'registered.json');
  const task = (c: Case, i: number) => ({
    name: `case ${i}`,
    [c.shell ? 'ansible.builtin.shell' : 'ansible.builtin.command']: {
      cmd: c.cmd,
      ...(c.creates !== undefined ? { creates: c.creates } : {}),
      ...(c.removes !== undefined ? { removes: c.removes } : {}),
      ...(c.chdir !== undefined ? { chdir: c.chdir } : {}),
    },
    register: `r${i}`,
    ignore_errors: true,
    ...(c.changedWhenRc ? { changed_when: `r${i}.rc != 0` } : {}),
  });
  const collect = `{{ [${cases.map((_, i) => `r${i}`).join(', ')}] | to_json }}`;
  const play = [
    {
      hosts: 'localhost',
      connection: 'local',
      gather_facts: false,
      tasks: [...cases.map(task), { 'ansible.builtin.copy': { dest: out, content: collect } }],
    },
  ];
  const playbook = join(dir, 'play.json');
  writeFileSync(playbook, JSON.stringify(play));
  const r = spawnSync('ansible-playbook', ['-i', 'localhost,', playbook], { encoding: 'utf8', env: ansibleEnv() });
  if (r.status !== 0) throw new Error(`ansible-playbook failed:\n${r.stdout}${r.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as Array<Record<string, unknown>>;
}

const RUBY = `
require 'json'
require File.join(ARGV.fetch(0), 'a2c_jinja')
require File.join(ARGV.fetch(0), 'a2c_tasks')
run_state = {}
out = JSON.parse($stdin.read).each_with_index.map do |c, i|
  options = { creates: c['creates'], removes: c['removes'], cwd: c['chdir'] }.compact
  options[:changed_when] = ->(result) { result['rc'] != 0 } if c['changedWhenRc']
  command = c['shell'] ? c['cmd'] : A2C::Tasks.shlex_split(c['cmd'])
  A2C::Tasks.register_command(run_state, "r#{i}", command, ignore_errors: true, **options)
end
$stdout.write(JSON.generate(out))
`;

function rubySide(cases: Case[]): Array<Record<string, unknown>> {
  const r = spawnSync('ruby', ['-e', RUBY, LIBDIR], { input: JSON.stringify(cases), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ruby failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Array<Record<string, unknown>>;
}

describe.skipIf(!haveTools)('registered command with creates/removes against the command and shell modules', () => {
  let dir = '';
  let cases: Case[] = [];
  let ansible: Array<Record<string, unknown>> = [];
  let ruby: Array<Record<string, unknown>> = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-creates-'));
    writeFileSync(join(dir, 'present'), '');
    writeFileSync(join(dir, '.hidden'), '');
    writeFileSync(join(dir, 'br{ace}'), '');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'file'), '');
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    process.env['A2C_CREATES_DIR'] = dir;
    const fill = (s: string | undefined) => s?.replaceAll('{D}', dir);
    cases = CASES.map((c) => ({
      ...c,
      ...(c.creates !== undefined ? { creates: fill(c.creates) } : {}),
      ...(c.removes !== undefined ? { removes: fill(c.removes) } : {}),
      ...(c.chdir !== undefined ? { chdir: fill(c.chdir) } : {}),
    }));
    ansible = ansibleSide(dir, cases);
    ruby = rubySide(cases);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every case the keys and values the modules register', () => {
    const KEYS = ['rc', 'stdout', 'stderr', 'stdout_lines', 'stderr_lines', 'changed', 'failed'];
    const diffs = cases.flatMap((c, i) => {
      const want = ansible[i]!;
      const got = ruby[i]!;
      // The module's msg and cmd are compared where it skipped (a run's cmd and msg are out of scope here).
      const keys = typeof want['msg'] === 'string' && String(want['msg']).startsWith('Did not run') ? [...KEYS, 'msg', 'cmd'] : KEYS;
      return keys.flatMap((k) =>
        JSON.stringify(want[k] ?? null) === JSON.stringify(got[k] ?? null) ? [] : [{ case: c, key: k, ansible: want[k], a2c: got[k] }],
      );
    });
    expect(diffs).toEqual([]);
  });

  it('skips as often as the modules do (the cases cover both outcomes)', () => {
    const skipped = ansible.map((r) => String(r['stdout']).startsWith('skipped, since'));
    expect(skipped).toContain(true);
    expect(skipped).toContain(false);
    expect(ruby.map((r) => String(r['stdout']).startsWith('skipped, since'))).toEqual(skipped);
  });

  it('refuses a relative path without chdir at run time, as no working directory is known', () => {
    const r = spawnSync('ruby', ['-e', RUBY, LIBDIR], {
      input: JSON.stringify([{ shell: false, cmd: 'echo ran', creates: 'relative/path' }]),
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/relative and the task has no chdir/);
  });
});
