// community.general.json_query: `{{ data | json_query(expr) }}` rendered by Ansible (its Templar and the
// collection's filter, on variables read as YAML and as unsafe values) and the translated ERB rendered
// by Erubis with the support cookbook's A2C::JsonQuery, on the same generated data: the text must be
// byte for byte the same, and a failure must be a failure on both sides. Then a converted loop over a
// json_query result, evaluated by the compile check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/load/jinja/index.js';
import { printErb } from '../../src/print/print-erb.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { translateTemplate } from '../../src/jinja-to-ruby/template.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';
import { runJson as runJsonOf, rng } from '../helpers/differential.js';

type Outcome = { out?: string; error?: string };

const runJson = (cmd: string, args: string[], input: unknown) => runJsonOf<Outcome>(cmd, args, input);

const rand = rng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const maybe = (p: number) => rand() < p;

/** A user record as roles write them, with fields missing, null, of other types or non-ASCII. */
function user(i: number): Record<string, unknown> {
  const u: Record<string, unknown> = {};
  if (maybe(0.9)) u['name'] = pick(['alice', 'bob', 'carol', 'émile', 'a b', '', 'Zed']) + (maybe(0.5) ? String(i) : '');
  if (maybe(0.8)) u['state'] = pick(['present', 'absent', 'present', true, null]);
  if (maybe(0.8)) u['uid'] = pick([0, 1, 2, 1000, 1001.5, -3, 2.0e3, '1000', null, true]);
  if (maybe(0.7)) u['groups'] = Array.from({ length: Math.floor(rand() * 3) }, () => pick(['wheel', 'adm', 'sudo', 'ü']));
  if (maybe(0.3)) u['extra'] = { k: pick([1, 1.0, 'v', null, [1, 2]]), enable: pick(['true', 'false', true]) };
  return u;
}

function dataset(): Record<string, unknown> {
  return {
    users: Array.from({ length: Math.floor(rand() * 5) }, (_, i) => user(i)),
    chrony: Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => ({
      server: `ntp${i}.example.org`,
      ...(maybe(0.5) ? { options: ['iburst', ...(maybe(0.5) ? ['prefer'] : [])] } : {}),
      ...(maybe(0.5) ? { settings: [{ k: `s${i}` }], package_state: pick(['present', 'latest']) } : {}),
    })),
    nums: Array.from({ length: Math.floor(rand() * 4) }, () => pick([3, 1.5, 2, 0, -1, 10.25, 7])),
    strs: Array.from({ length: Math.floor(rand() * 4) }, () => pick(['b', 'a', 'c', 'é', 'B', ''])),
    nested: [[1, [2, 3]], pick([4, [5], []]), [[6]]],
    n: pick([0, 1, 42, 2.5]),
    f: 1.0,
    s: pick(['abc', 'ünï', '']),
    t: true,
    e: [],
    o: {},
    nul: null,
    bools: [true, false, 1, 0],
  };
}

const FIXED: Record<string, unknown> = {
  users: [
    { name: 'alice', state: 'present', uid: 1001, groups: ['wheel', 'adm'], shell: '/bin/bash' },
    { name: 'bob', state: 'absent', uid: 1002.5, groups: [] },
    { name: 'émile', state: 'present', uid: 10, groups: ['ü'], extra: { k: 1, enable: 'true' } },
    { name: 'zed', state: true, uid: 0 },
  ],
  chrony: [{ server: 's1', options: ['iburst'], settings: [{ k: 'a' }], package_state: 'present' }, { server: 's2' }],
  nums: [3, 1.5, 2],
  strs: ['b', 'a', 'c'],
  nested: [[1, 2], [3, [4]], 5],
  n: 1,
  f: 1.0,
  s: 'abc',
  t: true,
  e: [],
  o: {},
  nul: null,
  bools: [true, false, 1, 0],
};

// Projections, filters (==, !=, <, >=, on numbers, floats, strings and mixed), [*], [] flatten,
// functions, multiselect hash and list, pipes, backtick literals, raw strings, missing keys (null),
// empty results and errors.
const EXPRS = [
  'users[*].name',
  'users[].name',
  "users[?state=='present'].name",
  "users[?state!='present'].name",
  'users[?state==`true`].name',
  'users[?uid < `1000`].name',
  'users[?uid > `1`].uid',
  'users[?uid >= `1001`].name',
  'users[?uid == `2000`].name',
  'users[?uid == `1000.0`].name',
  'users[?uid == `0`].name',
  'users[?uid == `false`].name',
  "users[?name < 'b'].name",
  'users[?groups].name',
  'users[?!groups].name',
  'users[?extra.enable].name',
  "users[?contains(groups || `[]`, 'wheel')].name",
  "users[?state=='present' && uid > `1`].name",
  "users[?starts_with(name || '', 'a') || uid == `0`].name",
  'users[*].{n: name, u: uid, g: groups}',
  'users[*].[name, uid]',
  'users[0]',
  'users[-1].name',
  'users[1:3].name',
  'users[::-1].uid',
  'users[*].missing',
  'users[*].extra.k',
  'users[].groups[]',
  "users[?state=='present'] | [0].name",
  'users | length(@)',
  'length(users)',
  'length(s)',
  "join(', ', users[*].name)",
  "join('-', strs)",
  'chrony[*].server',
  'chrony[].options[]',
  '[].settings[]',
  'chrony[].settings[]',
  'chrony[].package_state | [0]',
  "chrony[] | map(&package_state || 'none', @)",
  'nested[]',
  'nested[][]',
  'nums[?@ > `1`]',
  'nums[?@ < `2.5`]',
  'sort(nums)',
  'sort(strs)',
  'max(nums)',
  'min(strs)',
  'sum(nums)',
  'avg(nums)',
  'reverse(strs)',
  'keys(users[0])',
  'values(o)',
  'merge(users[0], `{"name": "q"}`)',
  'not_null(missing, nul, n)',
  'type(n)',
  'type(f)',
  'type(users)',
  'type(s)',
  'type(users[0].name)',
  'to_string(users[0])',
  'to_string(f)',
  "to_number('1.0')",
  "to_number('0x10')",
  "to_number('1e3')",
  'to_array(s)',
  'contains(bools, `1`)',
  "contains(s, 'b')",
  'ends_with(s, `"c"`)',
  's[0:2]',
  'strs[0:2]',
  '`[null, false, 0, ""]`[?@]',
  '`[[null], [false], []]`[?@]',
  '!`[null]`',
  '`[null]` || n',
  '{a: n, b: s, c: missing}',
  '[n, f, s, nul]',
  '*.name',
  'o.*',
  '@',
  'missing',
  'missing.deeper',
  'e[*].x',
  'f',
  '`1.0`',
  '`{"b": 1, "a": [true, null]}`',
  "'raw'",
  // Number types (a whole float prints as 1.0 in Python, an int as 1), key order and null.
  'sum(`[1.5, 0.5]`)',
  'avg(`[1, 3]`)',
  '`[1.0, 2]`[?@ == `1`]',
  'max(`[1.0, 1]`)',
  'min(`[2, 2.0]`)',
  'abs(`-2.0`)',
  'ceil(`2.0`)',
  'floor(`-0.5`)',
  "to_number('2')",
  'to_number(`3.0`)',
  'merge(`{"b": 1}`, `{"a": 2.0, "b": null}`)',
  '{z: n, a: s, m: nul}',
  'keys(`{"z": 1, "a": 2}`)',
  'values(`{"z": 1.0, "a": null}`)',
  'to_string(`{"z": [1.0, null, true], "a": "\u00e9"}`)',
  '"users"[0].name',
  'bogus(',
  'unknownfn(n)',
  'length(n)',
  "users[?uid < 'b'].name",
];

function jinjaString(s: string): string {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  throw new Error(`expression with both quotes: ${s}`);
}

interface Case {
  label: string;
  template: string;
  vars: Record<string, unknown>;
}

const DATASETS = [FIXED, ...Array.from({ length: 4 }, dataset)];
const CASES: Case[] = [];
for (const [di, d] of DATASETS.entries()) {
  for (const expr of EXPRS) {
    CASES.push({ label: `#${di} ${expr}`, template: `{{ d | community.general.json_query(${jinjaString(expr)}) }}`, vars: { d } });
  }
}
// The result used further on: looped over, joined, counted, tested, in a loop variable.
const USES = [
  '{% for u in d | json_query("users[?state==\'present\']") %}{{ u.name }}:{{ u.uid }}\n{% endfor %}',
  "{{ d.users | json_query('[*].name') | join(', ') }}",
  "{{ d | json_query('users[?uid > `1`]') | length }}",
  "{% if d | json_query('users[?state==`absent`]') %}some absent{% else %}none absent{% endif %}",
  "{{ d.chrony | community.general.json_query('[*].server') | first }}",
  "{{ (d | json_query('missing')) is none }}",
  "{% for s in d | json_query('chrony[*].server') %}server {{ s }} iburst\n{% endfor %}",
  '{{ d | json_query(q) }}',
  "{{ d | json_query('sort_by(users, &uid)[*].name') }}",
  "{{ d | json_query('max_by(users, &name).name') }}",
  "{{ d | json_query('users[?name == `min_by(`]') }}",
];
for (const [di, d] of DATASETS.slice(0, 2).entries()) {
  for (const template of USES) CASES.push({ label: `#${di} ${template}`, template, vars: { d, q: 'users[0].name' } });
}

const haveAnsible = requireOrSkip(
  'ansible + community.general + ruby',
  hasPythonModule('ansible_collections.community.general.plugins.filter.json_query') && hasPythonModule('jmespath') && hasTool('ruby'),
);
const haveErubis =
  haveAnsible &&
  requireOrSkip(
    'erubis + jmespath gem',
    spawnSync('ruby', ['-e', 'require "erubis"; require "jmespath"'], { stdio: 'ignore' }).status === 0,
  );

function translate(c: Case): { erb: string } | { refused: string } {
  const scope: JinjaScope = {
    tables: builtinTables(),
    lookupVar: (name) => (name in c.vars ? { kind: 'attribute', path: [name] } : undefined),
    locals: new Map(),
  };
  const p = parseTemplate(c.template);
  if (!p.ok) throw new Error(p.error.message);
  const t = translateTemplate(p.value.nodes, p.value.settings, scope, { sourceText: c.template });
  return t.ok ? { erb: printErb(t.value) } : { refused: `${t.construct}: ${t.reason}` };
}

describe.skipIf(!haveErubis)('json_query translated vs Ansible with community.general', () => {
  const translated = CASES.map(translate);
  const ok = CASES.flatMap((c, i) => {
    const t = translated[i]!;
    return 'erb' in t ? [{ c, erb: t.erb }] : [];
  });
  const expected = runJson(
    '/usr/bin/python3',
    ['test/tools/json-query-ansible.py'],
    ok.map((x) => ({ template: x.c.template, vars: x.c.vars })),
  );
  const actual = runJson(
    'ruby',
    ['test/tools/jinja-diff-render.rb'],
    ok.map((x) => ({ erb: x.erb, vars: x.c.vars, node_name: 'web1' })),
  );

  const refusedCase = (c: Case) => c.template.includes('json_query(q)') || /_by\(users/.test(c.template);
  it.each(CASES.filter((c) => !refusedCase(c)).map((c) => [c.label, c] as const))('%s', (_label, c) => {
    const i = ok.findIndex((x) => x.c === c);
    expect(i, `refused: ${JSON.stringify(translated[CASES.indexOf(c)])}`).toBeGreaterThanOrEqual(0);
    const exp = expected[i]!;
    const act = actual[i]!;
    expect(exp.error ?? '', 'Ansible read the YAML and the unsafe variables alike').not.toContain('YAML and unsafe variables differ');
    if (exp.error !== undefined)
      expect(act.error, `Ansible failed (${exp.error}); Ruby gave ${JSON.stringify(act.out)}\n${ok[i]!.erb}`).toBeDefined();
    else expect(act, ok[i]!.erb).toEqual(exp);
  });

  it('compares results, not only failures', () => {
    const results = expected.filter((e) => e.error === undefined).length;
    const failures = expected.length - results;
    // Most cases give a result; the few written to fail (syntax, unknown function, types) fail in Ansible.
    expect(results).toBeGreaterThan(expected.length * 0.85);
    expect(failures).toBeGreaterThanOrEqual(DATASETS.length * 3);
  });

  it('refuses an expression known only at run time', () => {
    const refused = CASES.filter((c) => c.template.includes('json_query(q)')).map((c) => translated[CASES.indexOf(c)]!);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r).toEqual({ refused: expect.stringContaining('the JMESPath expression is not a literal string') });
  });

  // Ansible itself answers these by where the strings came from: the unsafe run fails, the YAML one may not.
  it('refuses sort_by, max_by and min_by, whose key check depends on the value origin', () => {
    const keyed = CASES.filter((c) => /_by\(users/.test(c.template));
    expect(keyed.length).toBeGreaterThan(0);
    for (const c of keyed)
      expect(translated[CASES.indexOf(c)]).toEqual({ refused: expect.stringContaining('checks its keys by Python class name') });
    const named = expected.filter((_, i) => ok[i]!.c.template.includes('`min_by(`'));
    expect(named.length).toBeGreaterThan(0);
  });
});

// ---- a loop over a json_query result: converted, evaluated by the compile check ----
const schemaFile = join(SHARED, 'chef/resources.json');
const haveCompile = haveErubis && requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

describe.skipIf(!haveCompile)('loop over json_query converted and compiled', () => {
  it('creates the users Ansible would loop over', async () => {
    const r = await convertRole({
      'defaults/main.yml':
        'users:\n  - {name: alice, state: present, uid: 1001}\n  - {name: bob, state: absent}\n  - {name: carol, state: present, uid: 7.5}\n',
      'tasks/main.yml': [
        '- name: present users',
        '  file:',
        '    path: "/home/{{ item.n }}-{{ item.u }}"',
        '    state: directory',
        '  loop: "{{ users | community.general.json_query(query) }}"',
        '  vars:',
        `    query: "[?state=='present'].{n: name, u: uid}"`,
        '',
      ].join('\n'),
    });
    expect(recipeBody(r, 'demo')).toContain("A2C::JsonQuery.search(node['demo']['users'], '[?state==\\'present\\'].{n: name, u: uid}')");
    const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true });
    expect(runs[0]).toMatchObject({ ok: true });
    const ids = runs[0]!.detail!.map((d) => d.id).filter((id) => id.startsWith('directory['));
    expect(ids).toEqual(['directory[/home/alice-1001]', 'directory[/home/carol-7.5]']);
  });
});
