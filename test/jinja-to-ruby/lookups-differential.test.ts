// Pure lookup plugins and with_<lookup> loops: the support cookbook's A2C::Lookup against Ansible's
// own plugins (ansible-core and community.general) on generated and edge-case terms — the list
// query() returns, what plain lookup() makes of it, and the items of a with_<lookup> loop; errors
// must be errors on both sides. Then the translation: lookup()/query() in templates rendered by
// Ansible and by Erubis, and with_<lookup> tasks converted and evaluated by the compile check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/load/jinja/index.js';
import { printErb } from '../../src/print/print-erb.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { translateTemplate } from '../../src/jinja-to-ruby/template.js';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { runJson as runJsonOf, rng } from '../helpers/differential.js';

interface PluginCase {
  plugin: string;
  terms?: unknown[];
  loop?: unknown;
}
type Outcome = { list?: unknown; value?: unknown; rendered?: string[]; error?: string };

const runJson = (cmd: string, args: string[], input: unknown) => runJsonOf<Outcome>(cmd, args, input);

const rand = rng(16);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
function scalar(): unknown {
  return pick<() => unknown>([
    () => Math.floor(rand() * 20) - 5,
    () => pick(['a', 'b', 'None', 'null', '', 'x y', 'é']),
    () => null,
    () => rand() < 0.5,
    () => 1.5,
  ])();
}
function value(depth: number): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.45) return scalar();
  if (r < 0.85) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth - 1));
  return Object.fromEntries(Array.from({ length: Math.floor(rand() * 3) }, (_, i) => [`k${i}`, value(depth - 1)]));
}
const list = (depth: number): unknown[] => Array.from({ length: Math.floor(rand() * 4) }, () => value(depth));

const CASES: PluginCase[] = [];
// items, list, indexed_items, flattened, together, nested: random terms, a few of each arity
for (const plugin of ['items', 'list', 'indexed_items', 'community.general.flattened', 'flattened', 'together', 'nested']) {
  for (let n = 0; n < 25; n++)
    CASES.push({ plugin, terms: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => (rand() < 0.8 ? list(2) : value(2))) });
  // as a with_<plugin> value: a list, a string, a number, a dict, null
  for (const loop of [list(2), list(3), 'one', 7, { a: 1, b: [2] }, null, [], [[]]]) CASES.push({ plugin, loop });
}
// uneven and empty lists for together / nested
for (const terms of [[[1, 2, 3], [4]], [[], [1]], [[1], []], [[1, 2], 'ab', 5], [{ a: 1, b: 2 }, [3]], [], [[[1, 2]], [[3]]], ['ab']]) {
  CASES.push({ plugin: 'together', terms }, { plugin: 'nested', terms });
}
// flattened: a list of one list unwraps, 'None' and 'null' end the list they are in
for (const terms of [[[['a']]], [['x', 'None', 'y'], 'z'], ['null', 'a'], [[1, [2, ['None', 3]], 4]], [[[[]]]], [{ a: [1] }]]) {
  CASES.push({ plugin: 'community.general.flattened', terms });
}
// dict: mappings, lists of them, and not-mappings
for (const terms of [[{ b: 1, a: [2] }], [{}], [{ a: 1 }, { b: 2 }], ['x'], [[{ a: 1 }]], [1]]) CASES.push({ plugin: 'dict', terms });
for (const loop of [{ b: 1, a: 2 }, [{ a: 1 }, { b: { c: 3 } }], 'x', [1]]) CASES.push({ plugin: 'dict', loop });
// subelements: skip_missing, nested keys, skipped results, wrong shapes
const users = [
  { name: 'a', groups: ['g1', 'g2'], h: { keys: ['k'] } },
  { name: 'b', groups: [] },
  { name: 'c', h: { keys: [] } },
];
for (const terms of [
  [users, 'groups'],
  [users, 'groups', { skip_missing: true }],
  [users, 'h.keys', { skip_missing: true }],
  [users, 'h.keys'],
  [{ x: users[0], y: users[1] }, 'groups'],
  [{ skipped: true }, 'groups'],
  [[{ skipped: true, groups: [1] }, users[0]], 'groups'],
  [users, 'name'],
  [users, 5],
  [users],
  [users, 'groups', { skip_missing: 'yes' }],
  [users, 'groups', ['skip_missing']],
  ['s', 'groups'],
  [[1], 'groups'],
  [users, 'groups', { other: 1 }],
]) {
  CASES.push({ plugin: 'subelements', terms });
}
// sequence: the shortcut and k=v forms, count, stride, format, hex/octal, and their errors
const SEQ = [
  '5',
  '5-8',
  '2-10/2',
  '4:host%02d',
  '0x10-0x14',
  '1-3:%x',
  '10-0',
  '10-0/-2',
  '0',
  '0-0',
  '1-10/0',
  '08',
  '1-ff',
  '3:%s-x',
  'start=5 end=11 stride=2 format=0x%02x',
  'count=5',
  'start=0x0f00 count=4 format=%04x',
  'start=0 count=5 stride=2',
  'start=1 count=5 stride=2',
  'count=0',
  'start=5 count=3 stride=-1',
  'start=10 end=1 stride=-3',
  'start=-5 end=5 stride=4 format=%x',
  'start=-20 end=-10 stride=5 format=%o',
  'start=1 end=3 format=%5.1f',
  'start=1 end=3 format=%e',
  'start=1 end=3 format=%-4d|',
  'start=1 end=3 format=% d',
  'start=1 end=3 format=%+i',
  'start=1 end=3 format=[%u]',
  'start=1 end=3 format=%03X',
  'start=1 end=3 format=%.3s',
  'start=1 end=3 format=%g',
  'start=0b101 end=0o17',
  'start=1_0 end=1_2',
  'start=1 end=5 stride=2 count=2',
  'start=1',
  'end=x',
  'start=1 end=2 bogus=3',
  'start=1 end=2 format=%d%d',
  'start=1 end=2 format=plain',
  'start=-2 end=2 format=%05s',
  'start=-2 end=2 format=%+s',
  'start=-2 end=2 format=% 5d',
  'start=-2 end=2 format=%-05d',
  'start=-2 end=2 format=%.0f',
  'start=-2 end=2 format=%10.3e',
  'start=99999 end=100001 format=%G',
  'start=-9 end=-8 format=%+05X',
  'start=-9 end=-8 format=% o',
  'start=5 end=1',
  'start=1 end=5 stride=-1',
  'start=010 end=12',
  'end=3 junk',
  'count=3 stride=0',
  'start= end=3',
  ' 3 ',
  '3\n',
];
for (const t of SEQ) CASES.push({ plugin: 'sequence', terms: [t] });
CASES.push({ plugin: 'sequence', terms: ['1-2', '5-6:x%d'] }, { plugin: 'sequence', terms: [3] }, { plugin: 'sequence', terms: [] });
for (let n = 0; n < 30; n++) {
  const start = Math.floor(rand() * 40) - 10;
  const stride = pick([1, 2, 3, -1, -2, 0]);
  const end = rand() < 0.5 ? `end=${start + stride * Math.floor(rand() * 6)}` : `count=${Math.floor(rand() * 5)}`;
  CASES.push({
    plugin: 'sequence',
    terms: [`start=${start} ${end} stride=${stride} format=${pick(['%d', 'n%03d', '%x', '%o', '%5s', '%-3d.'])}`],
  });
}
for (const loop of ['start=1 end=3', ['1-2', 'count=2'], 4]) CASES.push({ plugin: 'sequence', loop });

const haveAnsible = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

describe.skipIf(!haveAnsible)('A2C::Lookup vs Ansible lookup plugins', () => {
  const expected = runJson('/usr/bin/python3', ['test/tools/lookup-ansible.py'], CASES);
  const actual = runJson('ruby', ['test/tools/lookup-ruby.rb'], CASES);
  it.each(CASES.map((c, i) => [`${c.plugin} ${JSON.stringify(c.terms ?? { loop: c.loop })}`, i] as const))('%s', (_label, i) => {
    const exp = expected[i]!;
    const act = actual[i]!;
    if (exp.error !== undefined) expect(act.error, `Ansible failed (${exp.error}); Ruby gave ${JSON.stringify(act)}`).toBeDefined();
    else expect(act).toEqual(exp);
  });

  it('covers errors and results of every plugin', () => {
    for (const p of ['items', 'indexed_items', 'flattened', 'together', 'nested', 'subelements', 'sequence', 'dict']) {
      const mine = CASES.map((c, i) => [c, expected[i]!] as const).filter(([c]) => c.plugin.endsWith(p));
      expect(
        mine.some(([, o]) => o.error === undefined),
        p,
      ).toBe(true);
    }
    for (const p of ['sequence', 'subelements', 'dict', 'list', 'indexed_items', 'flattened']) {
      expect(
        CASES.some((c, i) => c.plugin.endsWith(p) && expected[i]!.error !== undefined),
        p,
      ).toBe(true);
    }
  });
});

// ---- translation: lookup()/query() in templates, rendered by Ansible and by Erubis ----
const VARS: Record<string, unknown> = {
  a: [1, 2, 3],
  b: ['x', 'y'],
  s: 'str',
  n: 3,
  users,
  d: { k: 'v', j: [1] },
  nested: [['p', ['q']], 'r'],
};
const EXPRS = [
  'lookup("sequence", "1-" ~ n)',
  'query("sequence", "start=0 end=6 stride=2 format=h%02d")',
  'lookup("sequence", "count=1")',
  'lookup("sequence", "count=0")',
  'q("items", a, b)',
  'lookup("items", a, b)',
  'lookup("items", b)',
  'lookup("items", s)',
  'query("list", a, s)',
  'lookup("indexed_items", b)',
  'query("together", a, b)',
  'lookup("together", b, b)',
  'query("nested", a, b) | length',
  'lookup("nested", b, ["1"])',
  'query("nested", b, ["1"])',
  'lookup("community.general.flattened", nested)',
  'query("flattened", nested, a)',
  'lookup("flattened", [s])',
  'query("subelements", users, "groups", {"skip_missing": true}) | map(attribute="1") | list',
  'lookup("subelements", users, "groups")',
  'lookup("dict", d)',
  'lookup("dict", {"only": 1})',
  'lookup("ansible.builtin.items", b, wantlist=true)',
  'lookup("items", missing)',
  'lookup("sequence", "start=x end=2")',
  'query("sequence", "1-3") | join("-")',
];
const REFUSED = [
  'lookup("env", "HOME")',
  'lookup("pipe", "date")',
  'lookup("items", a, errors="ignore")',
  'lookup("password", "/tmp/p")',
  'lookup(s, a)',
];

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (name) => (name in VARS || name === 'missing' ? { kind: 'attribute', path: [name] } : undefined),
  locals: new Map(),
};
function translate(expr: string): { erb: string } | { refused: string } {
  const source = `{{ ${expr} }}`;
  const p = parseTemplate(source);
  if (!p.ok) throw new Error(p.error.message);
  const t = translateTemplate(p.value.nodes, p.value.settings, scope, { sourceText: source });
  return t.ok ? { erb: printErb(t.value) } : { refused: `${t.construct}: ${t.reason}` };
}

const haveErubis = haveAnsible && requireOrSkip('erubis', spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0);

describe.skipIf(!haveErubis)('lookup()/query() translated vs Ansible', () => {
  const translated = EXPRS.map(translate);
  const ok = EXPRS.map((e, i) => ({ e, t: translated[i]! })).filter((x): x is { e: string; t: { erb: string } } => 'erb' in x.t);
  const expected = runJson(
    '/usr/bin/python3',
    ['test/tools/jinja-diff-ansible.py'],
    ok.map((x) => ({ template: `{{ ${x.e} }}`, vars: VARS })),
  );
  const actual = runJson(
    'ruby',
    ['test/tools/jinja-diff-render.rb'],
    ok.map((x) => ({ erb: x.t.erb, vars: VARS, node_name: 'web1' })),
  );

  it.each(EXPRS)('%s', (expr) => {
    const i = ok.findIndex((x) => x.e === expr);
    expect(i, `refused: ${JSON.stringify(translated[EXPRS.indexOf(expr)])}`).toBeGreaterThanOrEqual(0);
    const exp = expected[i]!;
    const act = actual[i]!;
    if (exp.error !== undefined)
      expect(
        act.error,
        `Ansible failed (${exp.error}); Ruby gave ${JSON.stringify(act.rendered ?? act.list ?? act.value)}\n${ok[i]!.t.erb}`,
      ).toBeDefined();
    else expect(act, ok[i]!.t.erb).toEqual(exp);
  });

  it.each(REFUSED)('refuses %s', (expr) => {
    expect('refused' in translate(expr)).toBe(true);
  });

  it('says why a controller lookup stays a TODO', () => {
    expect(translate('lookup("env", "HOME")')).toMatchObject({
      refused: expect.stringContaining('environment variable of the Ansible controller'),
    });
    expect(translate('lookup("pipe", "date")')).toMatchObject({
      refused: expect.stringContaining('runs a command on the Ansible controller'),
    });
  });
});

// ---- with_<lookup> loops: converted, evaluated by the compile check, items as Ansible loops them ----
const schemaFile = join(SHARED, 'chef/resources.json');
const haveCompile = haveAnsible && requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

const LOOPS: Array<{ key: string; value: string; plugin: string; terms: unknown; item: string }> = [
  {
    key: 'with_sequence',
    value: 'start=1 end={{ n }} format=web%02d',
    plugin: 'sequence',
    terms: 'start=1 end=3 format=web%02d',
    item: '{{ item }}',
  },
  {
    key: 'with_together',
    value: '\n    - "{{ a }}"\n    - "{{ b }}"',
    plugin: 'together',
    terms: [
      [1, 2, 3],
      ['x', 'y'],
    ],
    item: '{{ item.0 }}-{{ item.1 }}',
  },
  {
    key: 'with_community.general.flattened',
    value: '\n    - "{{ nested }}"\n    - z',
    plugin: 'community.general.flattened',
    terms: [[['p', ['q']], 'r'], 'z'],
    item: '{{ item }}',
  },
  { key: 'with_flattened', value: '"{{ nested }}"', plugin: 'flattened', terms: [['p', ['q']], 'r'], item: '{{ item }}' },
  { key: 'with_indexed_items', value: '"{{ b }}"', plugin: 'indexed_items', terms: ['x', 'y'], item: '{{ item.0 }}:{{ item.1 }}' },
  {
    key: 'with_items',
    value: '\n    - "{{ a }}"\n    - "{{ b }}"',
    plugin: 'items',
    terms: [
      [1, 2, 3],
      ['x', 'y'],
    ],
    item: '{{ item }}',
  },
  { key: 'with_items', value: '"{{ s }}"', plugin: 'items', terms: 'str', item: '{{ item }}' },
  { key: 'with_dict', value: '"{{ dl }}"', plugin: 'dict', terms: [{ k: 1 }, { j: 2 }], item: '{{ item.key }}={{ item.value }}' },
  {
    key: 'with_nested',
    value: '"{{ [b, [1, 2]] }}"',
    plugin: 'nested',
    terms: [
      ['x', 'y'],
      [1, 2],
    ],
    item: '{{ item.0 }}{{ item.1 }}',
  },
];

describe.skipIf(!haveCompile)('with_<lookup> loops converted and compiled', () => {
  const defaults = 'n: 3\na: [1, 2, 3]\nb: [x, y]\ns: str\nnested: [[p, [q]], r]\ndl: [{k: 1}, {j: 2}]\n';
  const expected = runJson(
    '/usr/bin/python3',
    ['test/tools/lookup-ansible.py'],
    LOOPS.map((l) => ({ plugin: l.plugin, loop: l.terms, render: `/tmp/${l.item}` })),
  );

  it.each(LOOPS.map((l, i) => [`${l.key}: ${l.value.trim()}`, i] as const))('%s', async (_label, i) => {
    const l = LOOPS[i]!;
    const r = await convertRole({
      'defaults/main.yml': defaults,
      'tasks/main.yml': `- name: loop\n  file:\n    path: "/tmp/${l.item}"\n    state: touch\n  ${l.key}: ${l.value}\n`,
    });
    expect(recipeBody(r, 'demo')).not.toContain('TODO');
    const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true });
    expect(runs[0]).toMatchObject({ ok: true });
    const ids = runs[0]!.detail!.map((d) => d.id).filter((id) => id.startsWith('file['));
    // The path each resource has: the path template rendered by Ansible for each of its loop items.
    expect(ids).toEqual((expected[i]!.rendered as string[]).map((p) => `file[${p}]`));
  });

  it('with_<controller lookup> stays a TODO that says why', async () => {
    const r = await convertRole({ 'tasks/main.yml': '- name: keys\n  debug: { msg: "{{ item }}" }\n  with_file: [a.pub]\n' });
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain("with_file: lookup('file') reads a file on the Ansible controller");
  });
});
