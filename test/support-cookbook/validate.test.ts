// A templated `validate` (copy, template, lineinfile...) is known only when the task runs: the
// support library formats and runs it (A2C::Tasks.validate for a verify block, verify_command for the
// String verify of the support resources). Checked DIFFERENTIALLY: the formatting against Python's
// own %-operator as the modules apply it (`"%s" in validate`, then `validate % path`), and the
// commands against the real copy module run by ansible-playbook on the same content.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const PYTHON = '/usr/bin/python3';
const PATH = '/tmp/.ansible_tmp 50%/src';

const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
const havePython = requireOrSkip('/usr/bin/python3', hasTool(PYTHON));
const havePlaybook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

type Answer = { ok: string | null } | { error: true };

function run(cmd: string, args: string[], input: string): string {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** Commands whose formatting both sides agree on, or on whose failure they agree. */
const FORMATS = [
  'visudo -cf %s',
  '/usr/sbin/sshd -t -f %s',
  'logrotate -d -s /var/lib/logrotate/status %s',
  'check --ratio 100%% %s',
  'check %%s %s',
  'check %s %%',
  '',
  'no placeholder',
  'check %s %s',
  'check %%s',
  'check 50% %s',
  'check %s %',
  'check %(path)s',
  'check %d %s',
];
/**
 * Python formats these (the '%s' the modules look for is in '%%s'; the one argument goes to another
 * conversion); the helpers refuse them, loudly, when the resource converges: not converted.
 */
const NOT_CONVERTED = ['check %%s %r', 'check %%s %-40s', 'check %%s % s'];

describe.skipIf(!(haveRuby && havePython))('validate formatting against Python %-formatting', () => {
  let python: Answer[];
  let ruby: { ansible: Answer; chef: Answer }[];
  const inputs = [...FORMATS, ...NOT_CONVERTED];

  beforeAll(() => {
    const batch = JSON.stringify({ path: PATH, inputs });
    // The modules' own two steps (copy.py, lineinfile.py): refuse a command without '%s', format it.
    const py = [
      'import json, sys',
      'b = json.load(sys.stdin)',
      'def f(v):',
      '    if not v: return {"ok": None}',
      '    try:',
      '        if "%s" not in v: raise ValueError(v)',
      '        return {"ok": v % b["path"]}',
      '    except Exception:',
      '        return {"error": True}',
      'json.dump([f(v) for v in b["inputs"]], sys.stdout)',
    ].join('\n');
    python = JSON.parse(run(PYTHON, ['-c', py], batch)) as Answer[];
    // The formatted command as validate runs it, and as Chef formats verify_command's String.
    const rb = [
      'require "json"',
      `require File.join(${JSON.stringify(LIBDIR)}, "a2c_jinja")`,
      `require File.join(${JSON.stringify(LIBDIR)}, "a2c_tasks")`,
      'b = JSON.parse($stdin.read); p = b["path"]',
      'def a; { "ok" => yield }; rescue StandardError; { "error" => true }; end',
      'out = b["inputs"].map do |v|',
      '  { "ansible" => a { c = A2C::Tasks.validate_text(v); c && A2C::Tasks.validate_format(c, p, "%") },',
      '    "chef" => a { c = A2C::Tasks.verify_command(v); c && format(c, path: p, file: p) } }',
      'end',
      '$stdout.write(JSON.generate(out))',
    ].join('\n');
    ruby = JSON.parse(run('ruby', ['-e', rb], batch)) as { ansible: Answer; chef: Answer }[];
  });

  it('covers success, an empty command and failure on the Python side', () => {
    const answers = python.slice(0, FORMATS.length);
    expect(answers.some((a) => 'ok' in a && a.ok !== null)).toBe(true);
    expect(answers.some((a) => 'ok' in a && a.ok === null)).toBe(true);
    expect(answers.some((a) => 'error' in a)).toBe(true);
  });

  it('formats as Python does, or fails where Python fails, both as run and as Chef formats verify', () => {
    const off = FORMATS.flatMap((v, i) =>
      JSON.stringify(ruby[i]!.ansible) === JSON.stringify(python[i]) && JSON.stringify(ruby[i]!.chef) === JSON.stringify(python[i])
        ? []
        : [{ v, python: python[i], ruby: ruby[i] }],
    );
    expect(off).toEqual([]);
  });

  it('refuses the conversions it does not convert, which Python formats', () => {
    const got = NOT_CONVERTED.map((v, k) => ({ v, python: 'ok' in python[FORMATS.length + k]!, ruby: ruby[FORMATS.length + k] }));
    expect(got).toEqual(NOT_CONVERTED.map((v) => ({ v, python: true, ruby: { ansible: { error: true }, chef: { error: true } } })));
  });
});

/** Run on a copy holding CONTENT; each passes, fails validation or fails otherwise in the module. */
const CONTENT = 'hello world\n';
const COMMANDS = [
  'test -s %s',
  'test ! -s %s',
  "grep -q 'hello world' %s",
  'grep -q "hello  world" %s',
  // No shell: '||' is an argument of test, which then fails; a shell would have passed.
  'test -s %s || true',
  // $VARS are expanded (run_command's expandvars), unknown ones kept; quotes are shlex's.
  'sh -c \'test -s "$1" && test "$2" = "$3"\' sh %s $A2C_VALIDATE_VAR set',
  'sh -c \'test "$1" = "$"A2C_NOT_SET\' sh %s $A2C_NOT_SET',
  'test -s %s -a 100%% = 100%%',
  'check-it',
  'test -s %s %s',
  '',
];

describe.skipIf(!(haveRuby && havePlaybook))('validate against the copy module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, A2C_VALIDATE_VAR: 'set' };
  let ansible: string[];
  let ruby: string[];

  beforeAll(() => {
    const out = join(dir, 'results.json');
    const play = [
      {
        hosts: 'localhost',
        connection: 'local',
        gather_facts: false,
        vars: { cmds: COMMANDS },
        tasks: [
          {
            'ansible.builtin.copy': { content: CONTENT, dest: `${dir}/out-{{ idx }}`, validate: '{{ item }}' },
            loop: '{{ cmds }}',
            loop_control: { index_var: 'idx' },
            register: 'copies',
            ignore_errors: true,
          },
          { 'ansible.builtin.copy': { dest: out, content: "{{ copies.results | map(attribute='msg', default='') | list | to_json }}" } },
        ],
      },
    ];
    writeFileSync(join(dir, 'play.json'), JSON.stringify(play));
    const r = spawnSync('ansible-playbook', ['-i', 'localhost,', join(dir, 'play.json')], {
      encoding: 'utf8',
      env: { ...env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_PYTHON_INTERPRETER: PYTHON },
    });
    if (r.status !== 0) throw new Error(`ansible-playbook failed:\n${r.stdout}${r.stderr}`);
    const msgs = JSON.parse(readFileSync(out, 'utf8')) as string[];
    ansible = msgs.map((m) => (m === '' ? 'ok' : m === 'failed to validate' ? 'invalid' : 'error'));
    const rb = [
      'require "json"; require "tempfile"',
      `require File.join(${JSON.stringify(LIBDIR)}, "a2c_jinja")`,
      `require File.join(${JSON.stringify(LIBDIR)}, "a2c_tasks")`,
      'b = JSON.parse($stdin.read)',
      'f = Tempfile.new("a2c"); f.write(b["content"]); f.close',
      'out = b["cmds"].map do |c|',
      '  A2C::Tasks.validate(c, f.path) ? "ok" : "invalid"',
      'rescue StandardError',
      '  "error"',
      'end',
      '$stdout.write(JSON.generate(out))',
    ].join('\n');
    const rr = spawnSync('ruby', ['-e', rb], { input: JSON.stringify({ content: CONTENT, cmds: COMMANDS }), encoding: 'utf8', env });
    if (rr.status !== 0) throw new Error(rr.stderr);
    ruby = JSON.parse(rr.stdout) as string[];
  });

  it('covers a pass, a failed validation and a refused command on the module side', () => {
    expect(new Set(ansible)).toEqual(new Set(['ok', 'invalid', 'error']));
  });

  it('passes, fails validation or fails as the module does, for each command', () => {
    expect(COMMANDS.map((c, i) => [c, ruby[i]])).toEqual(COMMANDS.map((c, i) => [c, ansible[i]]));
  });
});
