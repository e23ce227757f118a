// ansible_local: A2C::Facts.local reads /etc/ansible/facts.d on the node by ansible-core 2.14's
// rules. Compared with the real setup module (fact_path pointing at a generated folder): JSON and
// INI files, generated and hand-picked, and errors Ansible turns into strings; then translated
// expressions over the facts, evaluated by Ansible and by Ruby. What the reader refuses raises.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { rng } from '../helpers/differential.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { exprToRuby } from '../helpers/expr-to-ruby.js';

const LIBS = resolve(new URL('../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries');
const ansible = requireOrSkip('ansible-playbook (/usr/bin/python3)', hasTool('/usr/bin/ansible-playbook'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));
const TMP = mkdtempSync(join(tmpdir(), 'a2c-local-facts-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

// Hand-picked: the corpus's shape, and the rules that decide a value.
const FIXED: Record<string, string | Buffer> = {
  'openstack_ansible.fact': '[cinder]\ninstall_method = source\nneed_online_data_migrations = True\n\n[keystone]\nneed_db_expand = False\n',
  'json.fact':
    '{"a": [1, 2.5, null, true, false], "b": "x\\u00e9\\ud83d\\ude00\\n", "c": 1e400, "d": -0, "e": {"x": {}}, "big": 123456789012345678901234567890, "f": 1.0, "g": 2E-3}',
  'multiline.fact': '[s]\nk: v\n  cont\n\n  more\n[DEFAULT]\nD = %(k)s-x\nP = 100%%\n',
  'no_section.fact': 'x=1\n',
  'empty.fact': '',
  'not_utf8.fact': Buffer.from([0xff, 0xfe, 0x41]),
  'dup_option.fact': '[s]\nK=1\nk=2\n',
  'dup_section.fact': '[s]\na=1\n[t]\n[s]\nb=2\n',
  'crlf.fact': '  [1,2]  \r\n',
  'header_tail.fact': '[a] trailing\n# comment\n; comment\nx : = y\n',
  'no_value.fact': '[s]\nnovalue\n',
  'nan.fact': 'NaN',
  'string.fact': '"str"',
  'leading_zero.fact': '01',
  'dup_key.fact': '{"a":1,"a":2,"b":3}',
  'default_only.fact': '[DEFAULT]\nx=1\n',
  'indented_first.fact': '[s]\n\ta=1\n',
  'empty_name.fact': '[s]\n=1\n',
  'bom.fact': '\ufeff{"a": 1}',
  'trailing_comma.fact': '[1, 2,]',
  'comment_json.fact': '{"a": 1 /* c */}',
  'control.fact': '"a\tb"',
  'ws.fact': '\u00a0{"a": 1}\u3000',
  'multi.dot.fact.fact': '{"name": "dots"}',
  'colon_first.fact': '[s]\na:b=c\nd=e:f\n',
};

const EXPRS = [
  'ansible_local.openstack_ansible.cinder.install_method',
  "'need_online_data_migrations' in ansible_local['openstack_ansible']['cinder']",
  "'need_service_restart' not in ansible_local['openstack_ansible']['cinder']",
  "ansible_local['openstack_ansible']['keystone']['need_db_expand'] | bool",
  'ansible_local.openstack_ansible.glance is defined',
  "ansible_local['openstack_ansible']['galera']['deployed'] | default(false) | bool",
  'ansible_local.json.a | length',
  'ansible_local.multiline.s.d',
  "ansible_local is defined and ansible_local.openstack_ansible is defined and ansible_local.openstack_ansible.cinder.install_method != 'distro'",
];

/** A generated file's text: JSON of nested values, or INI in the forms configparser reads. */
function generated(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  // Option names are ASCII: configparser lower-cases them by Python's Unicode rules, which the reader refuses.
  const word = () => pick(['a', 'B', 'c_d', 'key', 'Name', 'x1', 'sp ace']);
  if (r() < 0.4) {
    const value = (depth: number): unknown => {
      const k = r();
      if (depth > 2 || k < 0.5) return pick([0, -7, 123456789012345, 1.5, -2.25e-3, 'text', 'é\n"q"', '', true, false, null]);
      if (k < 0.75) return Array.from({ length: Math.floor(r() * 3) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 3) }, () => [word(), value(depth + 1)]));
    };
    const text = JSON.stringify(value(0), null, r() < 0.5 ? 2 : undefined);
    return pick(['', ' ', '\n']) + text + pick(['', '\n', ' \n\n']);
  }
  const lines: string[] = [];
  const sections = Math.floor(r() * 3) + (r() < 0.9 ? 1 : 0);
  if (r() < 0.1) lines.push('orphan = 1');
  for (let s = 0; s < sections; s++) {
    lines.push(r() < 0.15 ? '[DEFAULT]' : `[${pick(['ünï', 'Sect', 'a b'])}${s}]`);
    const keys: string[] = [];
    for (let o = Math.floor(r() * 4); o > 0; o--) {
      const k = `${word()}${o}`;
      // A reference names an option of its section read before it, never one an indented line
      // continues (configparser would then see a reference to itself, which the reader refuses).
      const ref = keys.length && r() < 0.2 ? `%(${pick(keys)})s` : r() < 0.1 ? '%%' : '';
      const indent = ref || r() < 0.7 ? '' : ' ';
      lines.push(`${indent}${k}${pick([' = ', '=', ': ', ' :'])}${pick(['v', 'True', '1', 'a b', '', 'x=y'])}${ref}`);
      if (r() < 0.2) lines.push(`  ${pick(['more', 'and: more'])}`);
      if (r() < 0.2) lines.push(pick(['', '# note', '; note']));
      if (!ref && !indent) keys.push(k.toLowerCase());
    }
  }
  if (r() < 0.05) lines.push('bogus line');
  return lines.join(r() < 0.2 ? '\r\n' : '\n');
}

function factDir(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(TMP, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

const toRuby = (src: string): string => exprToRuby(src);

/** JSON text (NaN and Infinity allowed) in one form, through Python's json. */
function normalJson(text: string): string {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import json,sys; print(json.dumps(json.loads(sys.stdin.read())))'], {
    input: text,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function viaAnsible(dir: string, exprs: string[]): { local: string; exprs: string } {
  const out = mkdtempSync(join(TMP, 'out-'));
  const play = [
    '- hosts: localhost',
    '  connection: local',
    '  gather_facts: false',
    '  tasks:',
    `    - setup: { filter: ansible_local, gather_subset: '!all', fact_path: ${JSON.stringify(dir)} }`,
    `    - copy: { content: "{{ ansible_local | to_json }}", dest: ${JSON.stringify(join(out, 'local.json'))} }`,
    `    - copy: { content: ${JSON.stringify(`{{ [${exprs.join(', ')}] | to_json }}`)}, dest: ${JSON.stringify(join(out, 'exprs.json'))} }`,
  ].join('\n');
  writeFileSync(join(out, 'play.yml'), play);
  const r = spawnSync('/usr/bin/ansible-playbook', ['-i', 'localhost,', 'play.yml'], {
    cwd: out,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', ANSIBLE_NOCOLOR: '1', LC_ALL: 'C.UTF-8' },
  });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const read = (f: string) => normalJson(spawnSync('cat', [join(out, f)], { encoding: 'utf8' }).stdout);
  return { local: read('local.json'), exprs: read('exprs.json') };
}

function rubyScript(body: string): string {
  return [
    "require 'json'",
    `require File.join(${JSON.stringify(LIBS)}, 'a2c_jinja')`,
    `require File.join(${JSON.stringify(LIBS)}, 'a2c_facts_local')`,
    "Node = Struct.new(:run_state, :ohai_time) { def [](k) = k == 'ohai_time' ? ohai_time : nil }",
    body,
  ].join('\n');
}

function runRuby(script: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
}

function viaRuby(dir: string, exprs: string[]): { local: string; exprs: string } {
  const r = runRuby(
    rubyScript(
      [
        'node = Node.new({}, 0)',
        `A2C::Facts.refresh_local(node, ${JSON.stringify(dir)})`,
        'print JSON.generate(A2C::Facts.local(node), allow_nan: true)',
        'print "\\0"',
        `print JSON.generate([${exprs.map(toRuby).join(', ')}], allow_nan: true)`,
      ].join('\n'),
    ),
  );
  expect(r.stderr).toBe('');
  const [local, values] = r.stdout.split('\0') as [string, string];
  return { local: normalJson(local), exprs: normalJson(values) };
}

describe.skipIf(!ansible || !ruby)('ansible_local against the setup module', () => {
  it('reads hand-picked JSON and INI files as Ansible does, and the expressions agree', () => {
    const dir = factDir('fixed', FIXED);
    expect(viaRuby(dir, EXPRS)).toEqual(viaAnsible(dir, EXPRS));
  }, 120_000);

  it('reads generated files as Ansible does', () => {
    const r = rng(16);
    const files = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`g${i}.fact`, generated(r)]));
    const dir = factDir('generated', files);
    expect(viaRuby(dir, [])).toEqual(viaAnsible(dir, []));
  }, 120_000);

  it('refuses what it does not read as Ansible would, naming the file', () => {
    const cases: Array<[string, (dir: string) => void, RegExp]> = [
      ['executable', (d) => chmodSync(join(d, 'x.fact'), 0o755), /is executable/],
      [
        'directory',
        (d) => {
          rmSync(join(d, 'x.fact'));
          mkdirSync(join(d, 'x.fact'));
        },
        /not a regular file/,
      ],
      ['bad interpolation', (d) => writeFileSync(join(d, 'x.fact'), '[s]\na = 5%\n'), /interpolation/],
      ['missing reference', (d) => writeFileSync(join(d, 'x.fact'), '[s]\na = %(nope)s\n'), /interpolation/],
      ['lone surrogate', (d) => writeFileSync(join(d, 'x.fact'), '"\\ud800"'), /lone surrogate/],
    ];
    for (const [name, make, message] of cases) {
      const dir = factDir(`refused-${name.replace(/ /g, '-')}`, { 'x.fact': '{}' });
      make(dir);
      const r = runRuby(rubyScript(`A2C::Facts.refresh_local(Node.new({}, 0), ${JSON.stringify(dir)})`));
      expect(r.status, name).not.toBe(0);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).toMatch(/LocalFactRefused/);
    }
  });

  it('takes the first snapshot only from files unchanged since the run began, and keeps it', () => {
    const dir = factDir('snapshot', { 'a.fact': '{"v": 1}' });
    const script = (ohaiTime: string) =>
      rubyScript(
        [
          `node = Node.new({}, ${ohaiTime})`,
          `first = A2C::Facts.local(node, ${JSON.stringify(dir)})`,
          `File.write(${JSON.stringify(join(dir, 'a.fact'))}, '{"v": 2}')`,
          `print JSON.generate([first, A2C::Facts.local(node, ${JSON.stringify(dir)}), A2C::Facts.refresh_local(node, ${JSON.stringify(dir)})])`,
        ].join('\n'),
      );
    const later = runRuby(script('Time.now.to_f + 60'));
    expect(later.stderr).toBe('');
    expect(JSON.parse(later.stdout)).toEqual([{ a: { v: 1 } }, { a: { v: 1 } }, { a: { v: 2 } }]);
    const before = runRuby(script('Time.now.to_f - 60'));
    expect(before.status).not.toBe(0);
    expect(before.stderr).toMatch(/changed during this Chef run/);
  });
});

describe('ansible_local in the converted recipe', () => {
  it('is read where the task runs, never when the recipe compiles', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'method: "{{ ansible_local.app.main.method | default(\'none\') }}"\nwhole: "{{ ansible_facts[\'local\'] }}"\n',
      'tasks/main.yml': [
        '- name: Refresh local facts',
        '  setup: { filter: ansible_local }',
        '- name: guarded',
        '  debug: { msg: hello }',
        '  when: ansible_local.app is defined',
        '- name: property',
        '  copy: { content: "{{ method }}", dest: /tmp/m }',
        '- name: through ansible_facts',
        '  copy: { content: "{{ whole }}", dest: /tmp/w }',
        '- name: include',
        '  include_tasks: other.yml',
        '  when: ansible_local.app is defined',
      ].join('\n'),
      'tasks/other.yml': '- debug: { msg: other }\n',
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain("ruby_block 'Refresh local facts' do\n  block do\n    A2C::Facts.refresh_local(node)");
    expect(body).toMatch(/only_if \{ A2C::Jinja\.is_defined\(A2C::Jinja\.try \{ A2C::Jinja\.item\(A2C::Facts\.local\(node\), 'app'\)/);
    // A variable reading it is computed at use, lazily in a property.
    expect(body).toMatch(/content lazy \{ .*A2C::Facts\.local\(node\)/);
    // The include is decided where it stands, at converge time, after the setup task refreshed the facts
    // (include-decided.ts): its tasks are inlined behind that decision, never decided when the recipe compiles.
    expect(body).toMatch(
      /ruby_block 'include \(decided here\)' do\n  block do\n    A2C::Tasks\.store\(node\.run_state, '(__a2c_include_[a-z_0-9]+)', A2C::Jinja\.is_defined\(A2C::Jinja\.try \{ A2C::Jinja\.item\(A2C::Facts\.local\(node\), 'app'\)/,
    );
    expect(body).toMatch(
      /log 'debug' do\n  message 'other'\n  level :info\n  only_if \{ A2C::Tasks\.registered\(node\.run_state, '__a2c_include_/,
    );
    const messages = r.diagnostics.map((d) => `${d.code} ${d.message}`);
    // Read through ansible_facts too, a variable is computed at use: attribute files load before the setup task runs.
    expect(messages.filter((m) => m.startsWith('A2C-TODO-REGISTER') || m.startsWith('A2C-TODO-DEFERRED'))).toEqual([]);
    expect(body).toMatch(/file '\/tmp\/w' do\n {2}content lazy \{ .*A2C::Facts\.local\(node\)/);
  });
});
