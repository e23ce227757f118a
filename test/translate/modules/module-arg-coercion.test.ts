// Module arguments reach Chef as AnsibleModule converts them to their argument_spec type (the
// `type` of each parameter in mappings/modules.toml). Checked differentially against Ansible's
// own validator and symbolic mode arithmetic (test/tools/arg-coercion-ansible.py): the literal
// conversion at conversion time (coerce.ts), the run-time helpers for templated values
// (A2C::Tasks.to_bool/to_int/to_str), and symbolic modes (symbolic-mode.ts). Then converted roles
// shaped like the corpus cases go through the compile-phase check.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArgType } from '../../../src/mapping/modules.js';
import { builtinTableOnly } from '../../../src/mapping/builtin.js';
import type { RExpr } from '../../../src/ir/ruby-ast.js';
import { compileCheck, type CompileRun } from '../../../src/scripts/chef-compile.js';
import { failed } from '../../../src/base/failure.js';
import { coerceArg } from '../../../src/translate/modules/coerce.js';
import { absoluteSymbolicMode, applySymbolicMode, BadSymbolicMode } from '../../../src/translate/modules/symbolic-mode.js';
import type { YNode } from '../../../src/load/ansible/yaml.js';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';
import { builtinTables } from '../../../src/mapping/tables.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const PYTHON = '/usr/bin/python3';
const haveAnsible = requireOrSkip('ansible (Python API under /usr/bin/python3)', hasPythonModule('ansible'));
const haveRuby = requireOrSkip('ruby', hasTool('ruby'));

type Tagged = string | number | boolean | null | { float: string } | Tagged[];
type Answer = { ok: Tagged } | { error: string };

function run(cmd: string, args: string[], input: string): string {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

const f = (s: string): Tagged => ({ float: s });
const LITERALS: Tagged[] = [
  'yes',
  'no',
  'Yes',
  ' TRUE ',
  'off',
  'on',
  'y',
  'n',
  't',
  'f',
  '1',
  '0',
  'maybe',
  '',
  '2',
  1,
  0,
  2,
  -1,
  f('1.0'),
  f('0.0'),
  f('1.5'),
  f('1e+20'),
  f('1e-05'),
  f('123456789.0'),
  f('0.0001'),
  true,
  false,
  '42',
  ' 42 ',
  '+7',
  '-3',
  '1_000',
  '0010',
  '4.0',
  '0x10',
  'abc',
  ['a'],
];
const TYPES: ArgType[] = ['bool', 'int', 'str', 'path', 'list'];

function rexpr(v: Tagged): RExpr {
  if (v === null) return { k: 'nil' };
  if (typeof v === 'string') return { k: 'str', v };
  if (typeof v === 'boolean') return { k: 'bool', v };
  if (typeof v === 'number') return { k: 'int', v };
  if (Array.isArray(v)) return { k: 'array', items: v.map(rexpr) };
  return { k: 'float', v: Number(v.float) };
}

function tagged(e: RExpr): Tagged {
  switch (e.k) {
    case 'str':
    case 'int':
    case 'bool':
      return e.v;
    case 'nil':
      return null;
    case 'array':
      return e.items.map(tagged);
    default:
      throw new Error(`not a literal: ${e.k}`);
  }
}

const NODE = { kind: 'scalar', value: null, span: { file: 'tasks/main.yml', line: 1, col: 1 } } as unknown as YNode;

/** What the converter makes of a literal: the value, or the module's error it reports. */
function converted(type: ArgType, v: Tagged): Answer | 'todo' {
  const r = coerceArg(type, 'arg', rexpr(v), NODE, { tables: builtinTables() });
  if (failed(r)) {
    const m = /the module rejects this value: (.*)$/.exec(r.reason);
    return m ? { error: m[1]! } : 'todo';
  }
  return { ok: tagged(r) };
}

/** Ansible lists its valid booleans from a frozenset, in an order that changes per process. */
const comparable = (a: Answer): Answer => ('error' in a ? { error: a.error.replace(/  Valid booleans include: .*$/, '') } : a);

describe.skipIf(!haveAnsible)('literal module arguments are converted as AnsibleModule converts them', () => {
  const cases = TYPES.flatMap((t) => LITERALS.map((v) => [t, v] as [ArgType, Tagged]));
  const ansible = (): Answer[] =>
    (
      JSON.parse(run(PYTHON, [join(ROOT, 'test/tools/arg-coercion-ansible.py')], JSON.stringify({ coerce: cases, symbolic: [] }))) as {
        coerce: Answer[];
      }
    ).coerce;

  it("every literal: the same value, or the module's own error (a TODO)", () => {
    const want = ansible();
    const diffs = cases.flatMap(([t, v], i) => {
      const got = converted(t, v);
      const exp = comparable(want[i]!);
      // The converter refuses (plain TODO) what Ansible would pass on as an unintended Python
      // text or a boolean where a number belongs: str(['a']) for a str, True for an int.
      if (got === 'todo')
        return (t === 'str' || t === 'path') && Array.isArray(v)
          ? []
          : t === 'int' && typeof v === 'boolean'
            ? []
            : [{ t, v: JSON.stringify(v), got, exp: JSON.stringify(exp) }];
      // A one-item list is kept as its string: Chef's String-or-Array properties take it as that list.
      const same =
        JSON.stringify(comparable(got)) === JSON.stringify(exp) ||
        (t === 'list' && 'ok' in got && typeof got.ok === 'string' && JSON.stringify({ ok: [got.ok] }) === JSON.stringify(exp));
      return same ? [] : [{ t, v: JSON.stringify(v), got: JSON.stringify(got), exp: JSON.stringify(exp) }];
    });
    expect(diffs).toEqual([]);
  });

  it.skipIf(!haveRuby)(
    'templated values: A2C::Tasks.to_bool/to_int/to_str give the same value or the same error when the recipe compiles',
    () => {
      const rubyCases = (['bool', 'int', 'str'] as const).flatMap((t) =>
        LITERALS.filter((v) => !Array.isArray(v) || t !== 'str').map((v) => [t, v] as [string, Tagged]),
      );
      const want = (
        JSON.parse(
          run(PYTHON, [join(ROOT, 'test/tools/arg-coercion-ansible.py')], JSON.stringify({ coerce: rubyCases, symbolic: [] })),
        ) as { coerce: Answer[] }
      ).coerce;
      const got = (
        JSON.parse(run('ruby', [join(ROOT, 'test/tools/arg-coercion-ruby.rb'), LIBDIR], JSON.stringify({ coerce: rubyCases }))) as {
          coerce: Answer[];
        }
      ).coerce;
      const diffs = rubyCases.flatMap(([t, v], i) => {
        // A boolean for an int: the module receives True; Chef has no Integer for it, so the run fails.
        if (t === 'int' && typeof v === 'boolean') return 'error' in got[i]! ? [] : [{ t, v, got: got[i], exp: want[i] }];
        return JSON.stringify(comparable(got[i]!)) === JSON.stringify(comparable(want[i]!)) ? [] : [{ t, v, got: got[i], exp: want[i] }];
      });
      expect(diffs).toEqual([]);
    },
  );
});

describe('a str argument from convert_data of rendered text', () => {
  it('is converted when the recipe compiles: convert_data re-reads text that looks like a list, dict or boolean', () => {
    const x: RExpr = { k: 'var', name: 'x' };
    const jinja = (name: string, args: RExpr[]): RExpr => ({ k: 'call', recv: { k: 'const', path: ['A2C', 'Jinja'] }, name, args });
    const reread = coerceArg('str', 'content', jinja('convert_data', [jinja('out', [x])]), NODE, { tables: builtinTables() });
    expect(reread).toMatchObject({ k: 'call', name: 'to_str' });
    // Text that is never re-read needs no conversion.
    expect(coerceArg('str', 'content', jinja('out', [x]), NODE, { tables: builtinTables() })).toMatchObject({ k: 'call', name: 'out' });
  });
});

describe("the mapping records each mapped argument's argument_spec type", () => {
  it('group system is bool, gid int; copy content str; file path path', () => {
    const table = builtinTableOnly();
    const type = (m: string, p: string): unknown => {
      const s = table.modules.get(m)!.params.get(p)!;
      return s.kind === 'property' ? s.type : undefined;
    };
    expect([
      type('ansible.builtin.group', 'system'),
      type('ansible.builtin.group', 'gid'),
      type('ansible.builtin.copy', 'content'),
      type('ansible.builtin.file', 'path'),
    ]).toEqual(['bool', 'int', 'str', 'path']);
  });
});

// Symbolic modes: every clause shape the module's grammar has, on files and directories.
const SYMBOLIC = [
  'u=rwx,g=rx,o=rx',
  'u=rw,g=r,o=r',
  'a=rx',
  'ugo=rwx',
  'u=rwxs,g=rxs,o=rxt',
  'u=rw,g=,o=',
  'a=r,u+w',
  'u=rwX,g=rX,o=rX',
  'u+x',
  'g-w',
  'o=r',
  'u=rw-x+X',
  'a+X',
  'u=g',
  'g=u,u=rwx,o=',
  'u=rwx,g=u,o=u',
  '=rw',
  '+x',
  'a-rwx',
  'u=rwx,go=',
  'u=rwx,g=rx,o=rx,u+s',
  'x=r',
  'u=q',
  'u=rwx,g',
  'u=rwx,g=rx,o=rx,+t',
];
const PREVS = [0, 0o644, 0o755, 0o4751, 0o7777, 0o600, 0o111, 0o2070];

describe.skipIf(!haveAnsible)('symbolic modes are applied as Ansible applies them', () => {
  const batch = SYMBOLIC.flatMap((m) => PREVS.flatMap((p) => [false, true].map((d) => [m, p, d] as [string, number, boolean])));
  const answers = (): Answer[] =>
    (
      JSON.parse(run(PYTHON, [join(ROOT, 'test/tools/arg-coercion-ansible.py')], JSON.stringify({ coerce: [], symbolic: batch }))) as {
        symbolic: Answer[];
      }
    ).symbolic;

  it('applySymbolicMode agrees with _symbolic_mode_to_octal on every mode, current mode and file type', () => {
    const want = answers();
    const diffs = batch.flatMap(([m, p, d], i) => {
      let got: Answer;
      try {
        got = { ok: applySymbolicMode(p, d, m, 0o022) };
      } catch (e) {
        if (!(e instanceof BadSymbolicMode)) throw e;
        got = { error: e.message };
      }
      return JSON.stringify(got) === JSON.stringify(want[i]) ? [] : [{ m, p: p.toString(8), d, got, exp: want[i] }];
    });
    expect(diffs).toEqual([]);
  });

  it('a mode converts only when Ansible gives the same bits whatever the file was', () => {
    const want = answers();
    for (const m of SYMBOLIC) {
      const results = batch.flatMap(([bm], i) => (bm === m ? [want[i]!] : []));
      if (results.some((r) => 'error' in r)) {
        expect(() => absoluteSymbolicMode(m), m).toThrow(BadSymbolicMode);
        continue;
      }
      const distinct = new Set(results.map((r) => (r as { ok: number }).ok));
      const abs = absoluteSymbolicMode(m);
      if (distinct.size > 1) expect(abs, m).toBeUndefined();
      else if (abs !== undefined) expect(abs, m).toBe([...distinct][0]);
    }
    expect(absoluteSymbolicMode('u=rwx,g=rx,o=rx')).toBe(0o755);
    expect(absoluteSymbolicMode('u+x')).toBeUndefined();
    // No user letters: the node's umask decides.
    expect(absoluteSymbolicMode('=rw')).toBeUndefined();
  });
});

describe('conversions in converted recipes', () => {
  it('relative symbolic modes and modes the module rejects are TODOs naming why', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- file: { path: /opt/a, state: directory, mode: "u+x" }',
        '- file: { path: /opt/b, state: directory, mode: "u=q" }',
        '- file: { path: /opt/c, state: directory, mode: "u=rwx,g=rx,o=rx" }',
      ].join('\n'),
    });
    const msgs = r.diagnostics.filter((d) => d.code === 'A2C-TODO-MODE').map((d) => d.message);
    expect(msgs).toEqual(['the module rejects mode "u=q": mode must be in octal or symbolic form (bad symbolic permission for mode: u=q)']);
    // A directory's symbolic mode is one octal mode when it gives one whatever the directory was, else
    // a2c_directory applies it to the directory's mode at converge time.
    expect(recipeBody(r, 'demo')).toContain("a2c_directory '/opt/c' do\n  mode '0755'\nend");
    expect(recipeBody(r, 'demo')).toContain("a2c_directory '/opt/a' do\n  mode 'u+x'\nend");
  });

  it('a literal the module rejects is a TODO with its message', async () => {
    const r = await convertRole({ 'tasks/main.yml': '- group: { name: g, system: maybe }\n' });
    expect(r.diagnostics.map((d) => d.message)).toContain(
      "the module rejects this value: argument 'system' is of type <class 'str'> and we were unable to convert to bool: The value 'maybe' is not a valid boolean.",
    );
  });

  it('a literal path Ansible expands on the node (~, $HOME) is a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- file: { path: ~/.ssh, state: directory }\n- copy: { dest: "$HOME/x", content: x }\n- copy: { dest: "/opt/$5", content: x }\n',
    });
    expect(r.diagnostics.filter((d) => d.code === 'A2C-TODO-PARAM').map((d) => d.span?.line)).toEqual([1, 2]);
    expect(recipeBody(r, 'demo')).toContain("file '/opt/$5' do");
  });

  // With url and dest alone it converts to a2c_get_url_directory (get-url-directory.test.ts).
  it('get_url to a directory with a mode is a TODO naming the file Ansible writes without Content-Disposition', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- get_url: { url: "https://repo.example.org/m/memcached-session-manager-2.3.2.jar", dest: /usr/share/tomcat/lib/, mode: "0644" }\n',
    });
    const todo = r.diagnostics.find((d) => d.code === 'A2C-TODO-PARAM');
    expect(todo?.message).toContain('"/usr/share/tomcat/lib/memcached-session-manager-2.3.2.jar"');
    expect(recipeBody(r, 'demo')).not.toContain('remote_file');
  });
});

const ready = haveRuby && compileReady();
const inputs = compileInputs();

async function compiledRole(files: Record<string, string>): Promise<CompileRun> {
  const r = await convertRole(files, 'rabbitmq');
  const runs = compileCheck(r.files, inputs);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

function props(run: CompileRun, id: string): Record<string, unknown> {
  const r = run.detail?.find((d) => d.id === id);
  if (!r) throw new Error(`${id} not declared; declared: ${run.detail?.map((d) => d.id).join(', ')}`);
  return r.properties;
}

describe.skipIf(!ready)('converted roles compile with the values Ansible gives the module', () => {
  it('group system "yes", a templated boolean, an integer for content, a symbolic mode, ansible_role_name (rabbitmq_server, tomcat)', async () => {
    const run = await compiledRole({
      'defaults/main.yml': 'port: 1\nsystem_group: "no"\nratio: 0.5\nrole_name: not-the-role\n',
      'tasks/main.yml': [
        '- group: { name: rabbitmq, system: "yes" }',
        '- group: { name: other, system: "{{ system_group }}" }',
        '- copy: { dest: /etc/port, content: "{{ port }}" }',
        '- copy: { dest: /etc/ratio, content: "{{ ratio }}" }',
        '- copy: { dest: /etc/role, content: "{{ ansible_role_name }}" }',
        '- copy: { dest: /etc/role2, content: "{{ role_name }}" }',
        '- file: { path: /var/lib/rabbitmq, state: directory, mode: "u=rwx,g=rx,o=rx" }',
      ].join('\n'),
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'group[rabbitmq]')['system']).toBe(true);
    expect(props(run, 'group[other]')['system']).toBe(false);
    expect(props(run, 'file[/etc/port]')['content']).toBe('1');
    expect(props(run, 'file[/etc/ratio]')['content']).toBe('0.5');
    expect(props(run, 'file[/etc/role]')['content']).toBe('rabbitmq');
    // A role default of the same name does not hide it (Ansible's magic variables come last).
    expect(props(run, 'file[/etc/role2]')['content']).toBe('rabbitmq');
    expect(props(run, 'a2c_directory[/var/lib/rabbitmq]')['mode']).toBe('0755');
  });

  it('int and bool arguments of other modules: user uid "1001", git depth from a string, lineinfile create "yes" and an int line', async () => {
    const run = await compiledRole({
      'defaults/main.yml': 'depth: "3"\nn: 7\n',
      'tasks/main.yml': [
        '- user: { name: rabbitmq, uid: "1001", system: "yes" }',
        '- git: { repo: "https://example.org/y.git", dest: /opt/y, depth: "{{ depth }}" }',
        '- lineinfile: { path: /etc/x, line: "{{ n }}", create: "yes" }',
      ].join('\n'),
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'user[rabbitmq]')).toMatchObject({ uid: 1001, system: true });
    expect(props(run, 'git[/opt/y]')['depth']).toBe(3);
    expect(props(run, 'a2c_line[/etc/x]')).toMatchObject({ line: '7', create: true });
  });

  it("a lone expression of unknown type gives a str argument Ansible's text: None is '', 'True' stays the text True", async () => {
    const run = await compiledRole({
      'tasks/main.yml': [
        '- copy: { dest: "/etc/{{ item.n }}", content: "{{ item.v }}" }',
        '  loop: [{ n: none, v: ~ }, { n: word, v: "True" }, { n: num, v: 2 }]',
      ].join('\n'),
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'file[/etc/none]')['content']).toBe('');
    expect(props(run, 'file[/etc/word]')['content']).toBe('True');
    expect(props(run, 'file[/etc/num]')['content']).toBe('2');
  });

  it("apt cache_valid_time from an expression is an int argument: its text '600' gives the apt_update frequency 600", async () => {
    const run = await compiledRole({
      'defaults/main.yml': 'cache_timeout: 600\n',
      'tasks/main.yml': '- apt: { name: curl, update_cache: true, cache_valid_time: "{{ true | ternary(cache_timeout, omit) }}" }\n',
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'apt_update[apt cache]')['frequency']).toBe(600);
  });

  it('likewise the cache_valid_time of a2c_apt_update, when the refresh is the whole task', async () => {
    const run = await compiledRole({
      'defaults/main.yml': 'cache_timeout: 600\n',
      'tasks/main.yml': '- apt: { update_cache: true, cache_valid_time: "{{ true | ternary(cache_timeout, omit) }}" }\n',
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'a2c_apt_update[apt cache]')['cache_valid_time']).toBe(600);
  });

  it("a templated value the module rejects fails the compile with the module's message", async () => {
    const run = await compiledRole({
      'defaults/main.yml': 'system_group: maybe\n',
      'tasks/main.yml': '- group: { name: other, system: "{{ system_group }}" }\n',
    });
    expect(run.ok).toBe(false);
    expect(JSON.stringify(run)).toContain(
      "argument 'system' is of type <class 'str'> and we were unable to convert to bool: The value 'maybe' is not a valid boolean.",
    );
  });
});

describe.skipIf(!requireOrSkip('ansible', hasTool('ansible')))('the real copy module writes the text of an integer', () => {
  it('copy content "{{ port }}" with port 1 writes "1" (Chef gets the same text)', () => {
    const dir = run('mktemp', ['-d'], '').trim();
    const dest = join(dir, 'port');
    const r = spawnSync(
      'ansible',
      ['localhost', '-c', 'local', '-i', 'localhost,', '-m', 'copy', '-a', `content={{ port }} dest=${dest}`, '-e', '{"port": 1}'],
      {
        encoding: 'utf8',
        env: ansibleEnv({ ANSIBLE_INVENTORY_UNPARSED_WARNING: 'false' }),
      },
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(dest, 'utf8')).toBe('1');
    spawnSync('rm', ['-rf', dir]);
  });
});
