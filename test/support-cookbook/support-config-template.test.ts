// openstack.config_template with config_type yaml (A2C::ConfigTemplate.yaml and its PyYAML writer
// A2C::Yaml.dump_block), checked DIFFERENTIALLY against real PyYAML under Debian's python3 with
// Ansible's AnsibleDumper, set up the way the config_template action plugin sets it up (its
// SafeDumper base prepended, sequences indented by an increase_indent override). The content goes
// the plugin's way on the Python side too: str() of the data, yaml.safe_load, yaml.dump.
// The collection itself is not installable here, so the override merge (_merge_dict) is checked
// against the behaviour read from the plugin's source, case by case.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole } from '../helpers/convert-helpers.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');

type Answer = { ok: string } | { error: string };

const RUBY = `
require 'json'
Dir[File.join(ARGV[0], '*.rb')].sort.each { |f| require File.expand_path(f) }
out = JSON.parse(STDIN.read).map do |c|
  { 'ok' => A2C::ConfigTemplate.yaml(c['content'], c.fetch('overrides', {}), c['list_extend'], c.fetch('yml_multilines', false)) }
rescue StandardError => e
  { 'error' => "#{e.class}: #{e.message}" }
end
print JSON.generate(out)`;

// The reference: what the plugin does with a content and no overrides (merging {} changes nothing).
const PYTHON = `
import json, sys, yaml
from ansible.parsing.yaml.dumper import AnsibleDumper
if yaml.SafeDumper not in AnsibleDumper.__bases__:
    AnsibleDumper.__bases__ = (yaml.SafeDumper,) + AnsibleDumper.__bases__
class Indented(AnsibleDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)
out = []
for c in json.load(sys.stdin):
    try:
        data = yaml.safe_load(str(c['content']))
        out.append({'ok': yaml.dump(data, Dumper=Indented, default_flow_style=False, width=1000)})
    except Exception as e:
        out.append({'error': repr(e)})
print(json.dumps(out))`;

function run(cmd: string, args: string[], input: unknown): Answer[] {
  const r = spawnSync(cmd, args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as Answer[];
}

const ruby = (cases: unknown[]) => run('ruby', ['-e', RUBY, LIBDIR], cases);

/** Strings the plain/quoted choice turns on: YAML 1.1 look-alikes, indicators, spaces. */
const PIECES = [
  'a',
  'x y',
  'yes',
  'No',
  'on',
  'OFF',
  'true',
  'null',
  'Null',
  '~',
  '',
  '0644',
  '08',
  '1:20',
  '190:20:30',
  '1.5',
  '1.',
  '.5',
  '1e3',
  '1.0e+3',
  '.inf',
  '-.Inf',
  '.NaN',
  '2001-12-14',
  '2001-12-14 21:59:43.10 -5',
  '<<',
  '=',
  'a: b',
  'a:b',
  'a:',
  ':',
  ': a',
  '?',
  '? a',
  '?a',
  '-',
  '- a',
  '-a',
  '--',
  '---',
  '---a',
  '...',
  '#',
  '#a',
  'a #b',
  'a#b',
  "it's",
  '"q"',
  "'",
  '[x]',
  'a[0]',
  '{y}',
  'a,b',
  '&a',
  '*a',
  '!t',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  ' lead',
  'trail ',
  ' ',
  'a  b',
  'True',
  'None',
  '0x1F',
  '0b101',
  '+1',
  '-1',
  '0o17',
  '1_000',
  'rule:admin_required',
  'identity:create_region',
  '',
  '\\',
  'a\\nb',
  'é',
  'a\nb',
  'a\tb',
  'x'.repeat(130),
];

describe('config_template yaml against real PyYAML', () => {
  const tools =
    requireOrSkip('ruby', hasTool('ruby')) && requireOrSkip('PyYAML and ansible (under /usr/bin/python3)', hasPythonModule('ansible'));

  it.skipIf(!tools)(
    'writes what the plugin writes for content given as data, and refuses only what it does not reproduce',
    () => {
      const scalar = fc.oneof(
        fc.constantFrom(...PIECES),
        fc.array(fc.constantFrom(...PIECES), { minLength: 2, maxLength: 3 }).map((p) => p.join('')),
        fc.integer({ min: -100000, max: 100000 }),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom(0.5, -2.25, 1e-7, 3.0, 1e22),
      );
      const value = fc.letrec((tie) => ({
        node: fc.oneof({ maxDepth: 3 }, scalar, tie('list'), tie('dict')),
        list: fc.array(tie('node'), { maxLength: 3 }),
        dict: fc.dictionary(fc.constantFrom(...PIECES.filter((p) => p !== '')), tie('node'), { maxKeys: 4 }),
      }));
      const contents: unknown[] = [
        {},
        { 'identity:create_region': 'rule:admin_required', 'identity:update_region': 'rule:admin_required' },
        { 'volume:create': '', 'volume:delete': '' },
        { a: [1, [2, 3], [], {}], b: { c: { d: [{ e: 1, f: [true, null] }] } } },
        ...fc.sample(fc.dictionary(fc.constantFrom(...PIECES.filter((p) => p !== '')), value.node, { maxKeys: 5 }), {
          seed: 1616,
          numRuns: 400,
        }),
      ];
      // Content given as YAML text is read back as it is.
      const texts = ['a: 1\nb: [x, y]\n', 'k: "yes"\nl:\n- 1\n- 2\n', '{a: {b: c}}', 'x: 1:20\ny: 0o17\nz: 2001-12-14\n', "- a\n- 'b'\n"];
      const cases = [...contents, ...texts].map((content) => ({ content }));
      const want = run('/usr/bin/python3', ['-c', PYTHON], cases);
      const got = ruby(cases);
      let same = 0;
      const wrong: unknown[] = [];
      cases.forEach((c, i) => {
        const g = got[i]!;
        const w = want[i]!;
        if ('ok' in g) {
          if ('ok' in w && w.ok === g.ok) same++;
          else wrong.push({ content: c.content, pyyaml: w, a2c: g });
        } else if (!('error' in w) && !/config_template's YAML writer|is not supported/.test(g.error)) {
          // A failure is right where the plugin fails too, or a refusal that names what is not reproduced.
          wrong.push({ content: c.content, pyyaml: w, a2c: g });
        }
      });
      expect(wrong).toEqual([]);
      // Most generated contents are within what the writer reproduces.
      expect(same).toBeGreaterThan(cases.length / 3);
    },
    60_000,
  );

  it.skipIf(!tools)('refuses a value it would write differently, naming the cause', () => {
    // A newline inside data content is written by str() as a backslash escape, which YAML's single quotes keep
    // as two characters; a real one comes from content given as text.
    const got = ruby([
      { content: 'a: "two\\nlines"' },
      { content: { a: 'é' } },
      { content: { ['k'.repeat(130)]: 1 } },
      { content: { a: `${'w '.repeat(600)}` } },
    ]);
    expect(got.map((g) => ('error' in g ? g.error : g.ok))).toEqual([
      expect.stringMatching(/the value "two\\nlines" \(needs double quotes or several lines\)/),
      expect.stringMatching(/the value "é"/),
      expect.stringMatching(/the key "kkkk/),
      expect.stringMatching(/a line longer than 1000 columns/),
    ]);
  });

  it.skipIf(!tools)(
    'json: writes what json.dumps(indent=4, sort_keys=True) writes for content given as data',
    () => {
      const scalar = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 6 }),
        fc.constantFrom('', 'a"b', 'back\\slash', 'tab\there', 'é', '日本', '🙂', '\u007f', '\u0000', '\u2028'),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(0.1, 1e16, 1e-7, -0.0, 123456789.125, 1e22),
        fc.boolean(),
        fc.constant(null),
      );
      const value = fc.letrec((tie) => ({
        node: fc.oneof({ maxDepth: 3 }, scalar, tie('list'), tie('dict')),
        list: fc.array(tie('node'), { maxLength: 3 }),
        dict: fc.dictionary(fc.string({ unit: 'binary', maxLength: 5 }), tie('node'), { maxKeys: 4 }),
      }));
      const contents = [
        {},
        { a: [] },
        ...fc.sample(fc.dictionary(fc.string({ unit: 'binary', maxLength: 5 }), value.node, { maxKeys: 5 }), { seed: 2024, numRuns: 300 }),
      ];
      const py = `
import json, sys
print(json.dumps([json.dumps(json.loads(json.dumps(c)), indent=4, sort_keys=True) for c in json.load(sys.stdin)]))`;
      const r = spawnSync('/usr/bin/python3', ['-c', py], {
        input: JSON.stringify(contents),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.stderr).toBe('');
      const want = JSON.parse(r.stdout) as string[];
      const rb = `
require 'json'
Dir[File.join(ARGV[0], '*.rb')].sort.each { |f| require File.expand_path(f) }
print JSON.generate(JSON.parse(STDIN.read).map { |c| A2C::ConfigTemplate.json(c, {}) })`;
      const g = spawnSync('ruby', ['-e', rb, LIBDIR], { input: JSON.stringify(contents), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(g.stderr).toBe('');
      const got = JSON.parse(g.stdout) as string[];
      expect(got.flatMap((text, i) => (text === want[i] ? [] : [{ content: contents[i], python: want[i], a2c: text }]))).toEqual([]);
    },
    60_000,
  );

  // _merge_dict as the plugin's source reads (openstack/ansible-config_template, plugins/action).
  it.skipIf(!tools)('merges the overrides as the plugin does', () => {
    const base = { l: ['a'], d: { x: 1, y: [1] }, s: 'keep' };
    const cases = [
      // Nested dicts merge; without list_extend (the plugin passes None) a list replaces a list.
      { content: base, overrides: { d: { y: [2], z: 'new' }, l: ['b'] } },
      { content: base, overrides: { l: ['b'], d: { y: [2] } }, list_extend: true },
      // A string holding ',' or a newline becomes a stripped list; empty pieces are dropped before stripping.
      // With yml_multilines a newline does not split: the multi-line string is then refused by the writer.
      { content: base, overrides: { s: 'a, b,,c , ,\n d', t: 'one line' } },
      { content: base, overrides: { s: 'x\ny' }, yml_multilines: true },
      // Booleans and ints are set as they are (Python's bool is an int).
      { content: base, overrides: { s: true, n: 5 } },
      // A dict override over a string, None or a float as a value: Python raises, so does the helper.
      { content: base, overrides: { s: { k: 1 } } },
      { content: base, overrides: { s: null } },
      { content: base, overrides: { s: 1.5 } },
      // None in the content is the string 'None' once str() and safe_load have read it.
      { content: { n: null }, overrides: {} },
    ];
    const got = ruby(cases).map((g) => ('ok' in g ? g.ok : 'error'));
    expect(got).toEqual([
      'd:\n  x: 1\n  y:\n    - 2\n  z: new\nl:\n  - b\ns: keep\n',
      'd:\n  x: 1\n  y:\n    - 1\n    - 2\nl:\n  - a\n  - b\ns: keep\n',
      "d:\n  x: 1\n  y:\n    - 1\nl:\n  - a\ns:\n  - a\n  - b\n  - c\n  - ''\n  - d\nt: one line\n",
      'error',
      'd:\n  x: 1\n  y:\n    - 1\nl:\n  - a\nn: 5\ns: true\n',
      'error',
      'error',
      'error',
      'n: None\n',
    ]);
  });
});

// The converted task in the Chef compile-phase check: the content is computed from the node's
// attributes when the resource is declared, as Chef would (the role defaults feed both sides).
describe('config_template yaml in the compile-phase check', () => {
  const schemaFile = join(SHARED, 'chef/resources.json');
  const ready =
    requireOrSkip('ruby', hasTool('ruby')) &&
    requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

  it.skipIf(!ready)(
    'declares the file with the text the plugin writes',
    async () => {
      const r = await convertRole({
        'defaults/main.yml': 'policy:\n  "identity:get": "rule:admin"\n  b: [1, "x"]\n  none: null\nextra: {c: "yes", d: "a, b"}\n',
        'tasks/main.yml':
          [
            '- name: Place policy.yaml file',
            '  openstack.config_template.config_template:',
            '    content: "{{ policy }}"',
            '    dest: /etc/app/policy.yaml',
            '    config_overrides: "{{ extra }}"',
            '    config_type: yaml',
            '    mode: "0640"',
          ].join('\n') + '\n',
      });
      const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true });
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ ok: true });
      const file = runs[0]!.detail?.find((d) => d.id === 'file[/etc/app/policy.yaml]');
      expect(file?.properties).toMatchObject({
        content: "b:\n  - 1\n  - x\nc: 'yes'\nd:\n  - a\n  - b\nidentity:get: rule:admin\nnone: None\n",
        mode: '0640',
      });
    },
    120_000,
  );
});
