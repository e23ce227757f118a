// The support cookbook's task helpers (A2C::Tasks in a2c_tasks.rb), checked DIFFERENTIALLY against the
// real thing: Python's shlex.split, Ansible's boolean(), the subelements / nested / first_found lookups
// (through the Ansible Python API), and the stat and command modules (through one ansible-playbook run
// on localhost). Each side answers a whole batch in one process. The TypeScript shlexSplit that the
// translator uses at conversion time is held to the same reference.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shlexSplit } from '../../src/load/ansible/shlex.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const PYTHON = '/usr/bin/python3';

type Answer = { ok: unknown } | { error: string };
interface Answers {
  shlex: Answer[];
  boolean: Answer[];
  subelements: Answer[];
  nested: Answer[];
  first_found: Answer[];
}

const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
const haveAnsible = requireOrSkip('ansible (Python API under /usr/bin/python3)', hasPythonModule('ansible'));
const havePlaybook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
const haveShellOut =
  haveRuby &&
  requireOrSkip('ruby mixlib-shellout', spawnSync('ruby', ['-e', 'require "mixlib/shellout"'], { stdio: 'ignore' }).status === 0);

function run(cmd: string, args: string[], input: string): string {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** Only whether a side failed is compared for errors: the exception classes differ by language. */
const outcome = (a: Answer): unknown => ('ok' in a ? { ok: a.ok } : 'error');

/** Inputs where the two sides disagree, reported whole so a failure names the input. */
function disagreements<T>(inputs: readonly T[], reference: Answer[], converted: Answer[]) {
  return inputs.flatMap((input, i) => {
    const want = outcome(reference[i]!);
    const got = outcome(converted[i]!);
    return JSON.stringify(want) === JSON.stringify(got) ? [] : [{ input, ansible: want, a2c: got }];
  });
}

// --- the batch ------------------------------------------------------------------------------------

/** Pieces a command line is built from: quoting, escapes, shell-special and non-ASCII characters. */
const SHLEX_PIECES = [
  'a',
  'b',
  'foo',
  '-x',
  '--opt=1',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  "'",
  '"',
  '\\',
  '$',
  '`',
  '#',
  '*',
  '=',
  ';',
  '|',
  '&&',
  '>',
  'é',
  '日本',
  '🙂',
  '\u00a0',
  "'it'",
  '"two words"',
  '"a\\"b"',
  '\\ ',
  '\\\\',
  '"\\$HOME"',
  '"\\`x\\`"',
  '"a\\\nb"',
  '"\\n"',
  "'\\'",
  '""',
  "''",
];

const SHLEX_FIXED = [
  '',
  ' ',
  'echo hello',
  'echo "hello world"',
  "echo 'single quoted'",
  'a\\ b c',
  'printf "%s\\n" x',
  'echo "$HOME"',
  'echo "\\$HOME"',
  'echo "\\`date\\`"',
  'grep -E "^a|b$" /etc/hosts',
  "sh -c 'exit 3'",
  'echo # not a comment',
  'echo "unclosed',
  "echo 'unclosed",
  'trailing\\',
  'x"y z"w',
  'a\\\nb',
  '"line\\\ncontinued"',
  'café "naïve résumé"',
];

const shlexInputs = [
  ...SHLEX_FIXED,
  ...fc.sample(
    fc.array(fc.constantFrom(...SHLEX_PIECES), { maxLength: 12 }).map((p) => p.join('')),
    { seed: 4242, numRuns: 300 },
  ),
];

/** Raw JSON, so 1.0 stays a float on both sides (JSON.stringify would write 1). */
const BOOLEAN_JSON = [
  '"yes"',
  '"YES"',
  '"Yes"',
  '"on"',
  '"1"',
  '"true"',
  '"True"',
  '"y"',
  '"t"',
  '"no"',
  '"Off"',
  '"0"',
  '"false"',
  '"FALSE"',
  '"n"',
  '"f"',
  '" yes "',
  '"no\\n"',
  '"\\ttrue"',
  '""',
  '"maybe"',
  '"2"',
  '"1.0"',
  '"enabled"',
  'true',
  'false',
  '1',
  '0',
  '2',
  '-1',
  '1.0',
  '0.0',
  '0.5',
  'null',
];

const users = () => [
  { name: 'alice', groups: ['wheel', 'docker'], auth: { keys: ['ssh-ed25519 AAAA1'] } },
  { name: 'bob', groups: [], auth: { keys: ['ssh-rsa B1', 'ssh-rsa B2'] } },
];
const SUBELEMENTS: unknown[][] = [
  [users(), 'groups'],
  [users(), 'auth.keys'],
  [{ alice: users()[0], bob: users()[1] }, 'groups'],
  [[...users(), { name: 'carol' }], 'groups', { skip_missing: true }],
  [[...users(), { name: 'carol' }], 'groups', { skip_missing: 'yes' }],
  [[...users(), { name: 'carol' }], 'groups'],
  [[...users(), { name: 'carol' }], 'groups', { skip_missing: false }],
  [[{ name: 'dave', groups: 'wheel' }], 'groups'],
  [[{ name: 'erin', groups: ['adm'] }, { skipped: true }], 'groups'],
  [['not-a-dict'], 'groups'],
  [[{ name: 'frank', auth: 'none' }], 'auth.keys'],
  [[], 'groups'],
];

const NESTED: unknown[][][] = [
  [
    ['alice', 'bob'],
    ['clientdb', 'employeedb', 'providerdb'],
  ],
  [
    [1, 2],
    ['a', 'b'],
    [true, false],
  ],
  [['only']],
  [['x', 'y'], []],
  [[[1, 2], [3]], ['a']],
  [[{ k: 1 }, { k: 2 }], ['z']],
  [],
];

const VARS_FILES = ['Debian.yml', 'RedHat.yml', 'Ubuntu-22.yml', 'default.yml', 'main.yml'];
const FIRST_FOUND = [
  { candidates: ['Ubuntu-22.yml', 'Ubuntu.yml', 'Debian.yml', 'default.yml'], skip: false },
  { candidates: ['Rocky-9.yml', 'Rocky.yml', 'RedHat.yml', 'default.yml'], skip: false },
  { candidates: ['Archlinux.yml', 'default.yml'], skip: false },
  { candidates: ['vars/Debian.yml'], skip: false },
  { candidates: ['./vars/RedHat.yml'], skip: false },
  // From the role's vars folder, where the lookup looks first, '../vars/' leads back to it.
  { candidates: ['../vars/Archlinux.yml', '../vars/Debian.yml'], skip: false },
  { candidates: ['../vars/Gentoo.yml'], skip: false },
  { candidates: ['Archlinux.yml', 'Gentoo.yml'], skip: false },
  { candidates: ['Archlinux.yml', 'Gentoo.yml'], skip: true },
  { candidates: ['Archlinux.yml,Debian.yml'], skip: false },
  { candidates: ['Debian.yml;RedHat.yml'], skip: false },
];

// --- lookups, shlex and boolean -------------------------------------------------------------------

describe.skipIf(!(haveRuby && haveAnsible))('A2C::Tasks against Python and Ansible', () => {
  let dir = '';
  let ansible: Answers;
  let ruby: Answers;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-tasks-'));
    mkdirSync(join(dir, 'vars'));
    for (const f of VARS_FILES) writeFileSync(join(dir, 'vars', f), '---\n');
    const batch =
      `{"role_dir":${JSON.stringify(dir)},"shlex":${JSON.stringify(shlexInputs)},` +
      `"boolean":[${BOOLEAN_JSON.join(',')}],"subelements":${JSON.stringify(SUBELEMENTS)},` +
      `"nested":${JSON.stringify(NESTED)},"first_found":${JSON.stringify(FIRST_FOUND)}}`;
    ansible = JSON.parse(run(PYTHON, [join(ROOT, 'test/tools/support-tasks-ansible.py')], batch)) as Answers;
    ruby = JSON.parse(run('ruby', [join(ROOT, 'test/tools/support-tasks-ruby.rb'), LIBDIR], batch)) as Answers;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the batch covers success and failure on the reference side', () => {
    for (const group of ['shlex', 'boolean', 'subelements', 'nested', 'first_found'] as const) {
      expect(
        ansible[group].some((a) => 'ok' in a),
        group,
      ).toBe(true);
      expect(
        ansible[group].some((a) => 'error' in a),
        group,
      ).toBe(true);
    }
  });

  it('shlex_split splits like Python shlex.split', () => {
    expect(disagreements(shlexInputs, ansible.shlex, ruby.shlex)).toEqual([]);
  });

  it("the translator's shlexSplit splits like Python shlex.split", () => {
    const ts: Answer[] = shlexInputs.map((s) => {
      const words = shlexSplit(s);
      return Array.isArray(words) ? { ok: words } : words;
    });
    expect(disagreements(shlexInputs, ansible.shlex, ts)).toEqual([]);
  });

  it("boolean agrees with Ansible's boolean() (nil where strict boolean() raises)", () => {
    expect(disagreements(BOOLEAN_JSON, ansible.boolean, ruby.boolean)).toEqual([]);
  });

  it('subelements agrees with the subelements lookup, errors included', () => {
    expect(disagreements(SUBELEMENTS, ansible.subelements, ruby.subelements)).toEqual([]);
  });

  it('nested agrees with the nested lookup, errors included', () => {
    expect(disagreements(NESTED, ansible.nested, ruby.nested)).toEqual([]);
  });

  it('first_found picks the same vars file as include_vars with_first_found', () => {
    expect(disagreements(FIRST_FOUND, ansible.first_found, ruby.first_found)).toEqual([]);
  });
});

// --- registered stat and command results ----------------------------------------------------------

/** Shell strings (the shell module) and argv arrays (the command module's argv). */
const COMMANDS: Array<string | string[]> = [
  'printf "one\\ntwo\\n"',
  'printf "trailing\\n\\n\\n"',
  'echo oops >&2; exit 3',
  'printf "out"; printf "err\\n\\n" >&2',
  'printf "crlf\\r\\nline\\r\\n"',
  'printf "a\\n\\nb\\n"',
  'printf "h\\303\\251llo\\n"',
  'true',
  ['printf', '%s|%s\\n', 'a b', 'c'],
  ['sh', '-c', 'echo argv-fails >&2; exit 2'],
];

interface Registered {
  stats: Array<Record<string, unknown>>;
  /** stat with follow: true. */
  followed: Array<Record<string, unknown>>;
  /** slurp of each path (ignore_errors, so failures are registered). */
  slurps: Array<Record<string, unknown>>;
  /** shell with executable: /bin/bash. */
  bashes: Array<Record<string, unknown>>;
  /** Looped stat registrations: some items skipped by when, an empty loop, every item skipped. */
  loops: Array<Record<string, unknown>>;
  commands: Array<Record<string, unknown>>;
}

/** Commands only bash runs as written (the shell module's executable). */
const BASH_COMMANDS = ['[[ -n "$BASH_VERSION" ]] && echo "bash ${BASH_VERSINFO[0]}"', 'echo {a,b}c; exit 4'];

/** The stat module through ansible-playbook: one run registers every path and every command. */
function runPlaybook(dir: string, paths: string[]): Registered {
  const out = join(dir, 'registered.json');
  const shell = COMMANDS.filter((c) => typeof c === 'string');
  const argv = COMMANDS.filter((c) => typeof c !== 'string');
  const play = [
    {
      hosts: 'localhost',
      connection: 'local',
      gather_facts: false,
      vars: { paths, shell_cmds: shell, argv_cmds: argv, bash_cmds: BASH_COMMANDS },
      tasks: [
        { 'ansible.builtin.stat': { path: '{{ item }}' }, loop: '{{ paths }}', register: 'stats' },
        { 'ansible.builtin.stat': { path: '{{ item }}', follow: true }, loop: '{{ paths }}', register: 'followed' },
        { 'ansible.builtin.stat': { path: '{{ item }}' }, loop: '{{ paths }}', when: "'missing' not in item", register: 'looped' },
        { 'ansible.builtin.stat': { path: '{{ item }}' }, loop: [], register: 'looped_empty' },
        { 'ansible.builtin.stat': { path: '{{ item }}' }, loop: '{{ paths }}', when: false, register: 'looped_skipped' },
        {
          'ansible.builtin.shell': '{{ item }}',
          loop: ['echo a', 'echo oops >&2; exit 3', 'printf b'],
          register: 'looped_shell',
          ignore_errors: true,
        },
        { 'ansible.builtin.slurp': { src: '{{ item }}' }, loop: '{{ paths }}', register: 'slurps', ignore_errors: true },
        { 'ansible.builtin.shell': '{{ item }}', loop: '{{ shell_cmds }}', register: 'shells', ignore_errors: true },
        { 'ansible.builtin.command': { argv: '{{ item }}' }, loop: '{{ argv_cmds }}', register: 'argvs', ignore_errors: true },
        {
          'ansible.builtin.shell': '{{ item }}',
          args: { executable: '/bin/bash' },
          loop: '{{ bash_cmds }}',
          register: 'bashes',
          ignore_errors: true,
        },
        {
          'ansible.builtin.copy': {
            dest: out,
            content:
              "{{ {'stats': stats.results | map(attribute='stat') | list, 'followed': followed.results | map(attribute='stat') | list, 'slurps': slurps.results, 'shells': shells.results, 'argvs': argvs.results, 'bashes': bashes.results, 'loops': [looped, looped_empty, looped_skipped, looped_shell]} | to_json }}",
          },
        },
      ],
    },
  ];
  const playbook = join(dir, 'play.json');
  writeFileSync(playbook, JSON.stringify(play));
  const r = spawnSync('ansible-playbook', ['-i', 'localhost,', playbook], {
    encoding: 'utf8',
    env: ansibleEnv(),
  });
  if (r.status !== 0) throw new Error(`ansible-playbook failed:\n${r.stdout}${r.stderr}`);
  const got = JSON.parse(readFileSync(out, 'utf8')) as {
    stats: Registered['stats'];
    followed: Registered['stats'];
    slurps: Registered['slurps'];
    shells: Registered['commands'];
    argvs: Registered['commands'];
    bashes: Registered['commands'];
    loops: Registered['loops'];
  };
  let s = 0;
  let a = 0;
  // Back into COMMANDS order.
  return {
    stats: got.stats,
    followed: got.followed,
    slurps: got.slurps,
    bashes: got.bashes,
    loops: got.loops,
    commands: COMMANDS.map((c) => (typeof c === 'string' ? got.shells[s++]! : got.argvs[a++]!)),
  };
}

describe.skipIf(!(haveRuby && havePlaybook))('registered results against the stat and command modules', () => {
  let dir = '';
  let paths: string[] = [];
  let ansible: Registered;
  let ruby: Registered;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-register-'));
    const file = join(dir, 'app.conf');
    writeFileSync(file, 'listen 8080\n');
    chmodSync(file, 0o640);
    mkdirSync(join(dir, 'conf.d'));
    symlinkSync(file, join(dir, 'current.conf'));
    symlinkSync(join(dir, 'gone.conf'), join(dir, 'dangling.conf'));
    // Module paths are expanded like AnsibleModule's 'path' type: $VAR, ${VAR}, then ~.
    process.env['A2C_REGISTER_DIR'] = dir;
    delete process.env['A2C_UNSET_VAR'];
    paths = [
      file,
      join(dir, 'conf.d'),
      join(dir, 'current.conf'),
      join(dir, 'missing.conf'),
      join(dir, 'dangling.conf'),
      '$A2C_REGISTER_DIR/app.conf',
      '${A2C_REGISTER_DIR}/current.conf',
      '$A2C_UNSET_VAR/app.conf',
      '~/.a2c-surely-missing',
    ];
    ansible = runPlaybook(dir, paths);
    const rubyArgs = [join(ROOT, 'test/tools/support-tasks-results.rb'), LIBDIR];
    // Without mixlib-shellout only the stat half can run on the Ruby side.
    ruby = JSON.parse(
      run('ruby', rubyArgs, JSON.stringify({ paths, commands: haveShellOut ? COMMANDS : [], bashes: haveShellOut ? BASH_COMMANDS : [] })),
    ) as Registered;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['stats', 'followed'] as const)("register_stat gives the stat module's values for every key it sets (%s)", (which) => {
    const diffs = paths.flatMap((path, i) => {
      const want = ansible[which][i]!;
      const got = (ruby[which][i] as { stat: Record<string, unknown> }).stat;
      return Object.entries(got).flatMap(([key, value]) => {
        const ref = want[key];
        // The module and Ruby read the same clock to different float precision.
        const same = key === 'mtime' ? Math.abs(Number(ref) - Number(value)) < 1e-5 : JSON.stringify(ref) === JSON.stringify(value);
        return same ? [] : [{ path, key, ansible: ref, a2c: value }];
      });
    });
    expect(diffs).toEqual([]);
  });

  it('register_stat sets every key the stat module sets that conditions commonly test', () => {
    const COMMON = ['exists', 'isdir', 'isreg', 'islnk', 'mode', 'size', 'uid', 'gid', 'lnk_source', 'path'];
    const missing = paths.flatMap((path, i) => {
      const got = (ruby.stats[i] as { stat: Record<string, unknown> }).stat;
      return COMMON.filter((k) => k in ansible.stats[i]! && !(k in got)).map((key) => ({ path, key, ansible: ansible.stats[i]![key] }));
    });
    expect(missing).toEqual([]);
  });

  it('register_each stores a looped stat as Ansible registers it (results, items, skips)', () => {
    const TOP = ['changed', 'skipped', 'msg', 'skipped_reason', 'failed'];
    const ITEM = ['item', 'ansible_loop_var', 'skipped', 'changed', 'skip_reason', 'rc', 'stdout', 'stderr', 'failed'];
    const diffs = ansible.loops.flatMap((want, n) => {
      const got = ruby.loops[n]!;
      const top = TOP.filter((k) => JSON.stringify(want[k]) !== JSON.stringify(got[k])).map((key) => ({
        loop: n,
        key,
        ansible: want[key],
        a2c: got[key],
      }));
      const wr = (want['results'] ?? []) as Array<Record<string, unknown>>;
      const gr = (got['results'] ?? []) as Array<Record<string, unknown>>;
      if (wr.length !== gr.length) return [...top, { loop: n, key: 'results.length', ansible: wr.length, a2c: gr.length }];
      const items = wr.flatMap((w, i) => {
        const g = gr[i]!;
        const keys = ITEM.filter((k) => JSON.stringify(w[k]) !== JSON.stringify(g[k])).map((key) => ({
          loop: n,
          i,
          key,
          ansible: w[key],
          a2c: g[key],
        }));
        const stat = (g['stat'] ?? {}) as Record<string, unknown>;
        const statDiffs = Object.entries(stat)
          .filter(([k, v]) => k !== 'mtime' && JSON.stringify((w['stat'] as Record<string, unknown>)?.[k]) !== JSON.stringify(v))
          .map(([key, v]) => ({ loop: n, i, key: `stat.${key}`, ansible: (w['stat'] as Record<string, unknown>)?.[key], a2c: v }));
        return [...keys, ...statDiffs];
      });
      return [...top, ...items];
    });
    expect(diffs).toEqual([]);
    expect(ansible.loops.length).toBe(4);
    expect(ansible.loops[3]!['msg']).toBe('One or more items failed');
  });

  it("register_slurp gives the slurp module's content, source and failures", () => {
    const KEYS = ['content', 'source', 'encoding', 'msg'];
    const diffs = paths.flatMap((path, i) => {
      const want = ansible.slurps[i]!;
      const got = ruby.slurps[i]!;
      const keyDiffs = KEYS.filter((k) => JSON.stringify(want[k]) !== JSON.stringify(got[k])).map((key) => ({
        path,
        key,
        ansible: want[key],
        a2c: got[key],
      }));
      const failed =
        Boolean(want['failed']) === Boolean(got['failed']) ? [] : [{ path, key: 'failed', ansible: want['failed'], a2c: got['failed'] }];
      return [...keyDiffs, ...failed];
    });
    expect(diffs).toEqual([]);
    // The paths include a readable file and a missing one: both outcomes are compared.
    expect(ansible.slurps.map((r) => Boolean(r['failed']))).toContain(true);
    expect(ansible.slurps.map((r) => Boolean(r['failed']))).toContain(false);
  });

  it.skipIf(!haveShellOut)('register_command with executable gives what the shell module gives with it', () => {
    const KEYS = ['rc', 'stdout', 'stderr', 'failed', 'changed', 'cmd'];
    const diffs = BASH_COMMANDS.flatMap((command, i) =>
      KEYS.flatMap((key) =>
        JSON.stringify(ansible.bashes[i]![key]) === JSON.stringify(ruby.bashes[i]![key])
          ? []
          : [{ command, key, ansible: ansible.bashes[i]![key], a2c: ruby.bashes[i]![key] }],
      ),
    );
    expect(diffs).toEqual([]);
    expect(ansible.bashes[0]!['stdout']).toMatch(/^bash \d+$/);
  });

  it.skipIf(!haveShellOut)("register_command gives the command module's rc, stdout, stderr and lines", () => {
    const KEYS = ['rc', 'stdout', 'stderr', 'stdout_lines', 'stderr_lines', 'failed', 'changed', 'cmd', 'skipped'];
    const diffs = COMMANDS.flatMap((command, i) =>
      KEYS.flatMap((key) => {
        const want = ansible.commands[i]![key];
        const got = ruby.commands[i]![key];
        return JSON.stringify(want) === JSON.stringify(got) ? [] : [{ command, key, ansible: want, a2c: got }];
      }),
    );
    expect(diffs).toEqual([]);
  });
});
