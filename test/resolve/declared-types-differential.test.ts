// Variables set outside the input (extra vars, an inventory not converted) whose types the config
// declares (`[extra-var-types]`, config/var-types.ts), and variables written as one `{{ expr }}`
// whose rendered value's type is certain (resolve/rendered-type.ts). Compared with Ansible end to
// end: each definition's translation computes the attribute value in Ruby (with the extra
// variables set and unset), and the templates reading them render byte-identical with Erubis.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml, toPlain, type YMap } from '../../src/load/ansible/yaml.js';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { ANY, declaredVarType, type VarType } from '../../src/resolve/types.js';
import { SymbolTable } from '../../src/resolve/symbols.js';
import { builtinTables } from '../../src/mapping/tables.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { formatDeclaredType, parseDeclaredType, type DeclaredType } from '../../src/config/var-types.js';
import { validateConfig } from '../../src/config/schema.js';
import { readExtraVarFiles, type ExtraVarFile } from '../../src/config/extra-var-files.js';
import { extraSourceTypes } from '../../src/resolve/extra-sources.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { erbOf, renderBoth, runStringValues, stringValueMismatches } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const declare = (spec: string): DeclaredType => {
  const t = parseDeclaredType(spec);
  if ('error' in t) throw new Error(`${spec}: ${t.error}`);
  return t;
};

const DECLARED: Record<string, string> = {
  ext_s: 'str',
  ext_i: 'int',
  ext_b: 'bool',
  ext_f: 'float',
  vhosts: 'list[{name: str, port: int}]',
};

const DEFAULTS =
  [
    'words: [a, b]',
    'b: true',
    'vhosts: []',
    'd_s: "{{ ext_s | default(\'/run/lock\') }}"',
    'd_i: "{{ ext_i | default(80) }}"',
    'd_b: "{{ ext_b | default(false) }}"',
    'd_f: "{{ ext_f | default(1.5) }}"',
    'd_in: "{{ \'a\' in words }}"',
    'd_and: "{{ b and \'z\' in words }}"',
    'd_not: "{{ not b }}"',
    'd_len: "{{ words | length > 1 }}"',
    'd_test: "{{ ext_s is defined }}"',
    // Arithmetic on ints, int/length filters, ternary and `a if c else b` of one type.
    'd_tern: "{{ b | ternary(5671, 5672) }}"',
    "d_terns: \"{{ ext_s | default('yes') | ternary('on', 'off', 'unset') }}\"",
    "d_ternnl: \"{{ ext_b | default(true) | ternary('a\\n', 'b') }}\"",
    'd_int: "{{ ext_s | default(\'7\') | int }}"',
    'd_count: "{{ words | length }}"',
    'd_floor: "{{ ext_i | default(80) // 3 if ext_i | default(80) > 10 else -(ext_i | default(80)) % 7 }}"',
    'd_big: "{{ ext_i | default(80) * 100000000000000000000 - 1 }}"',
    'd_div: "{{ ext_i | default(80) / 8 }}"',
    // Types that differ, text Ansible re-reads, None, a variable nothing declares: unknown.
    'd_ternmix: "{{ b | ternary(1, \'y\') }}"',
    "d_ternlit: \"{{ b | ternary('[1]', 'x') }}\"",
    'd_condnone: "{{ 1 if b }}"',
    "d_intarg: \"{{ ext_s | default('q') | int('x') }}\"",
    'd_divs: "{{ ext_f | default(1) // 2 }}"',
    'd_mix: "{{ ext_i | default(\'x\') }}"',
    'd_lit: "{{ ext_s | default(\'[1]\') }}"',
    'd_tru: "{{ ext_s | default(\'True\') }}"',
    'd_none: "{{ ext_s | default(none) }}"',
    'd_und: "{{ nobody | default(\'x\') }}"',
    'd_orb: "{{ b or \'x\' }}"',
    // Result tests give the result's own field back (ansible-core 2.14: `result.get('changed', False)`,
    // so `changed: 1` renders 1); negated, a bool.
    'res: {changed: 1, failed: false}',
    'd_chg: "{{ res is changed }}"',
    'd_nchg: "{{ res is not changed }}"',
  ].join('\n') + '\n';

const doc = parseYaml(DEFAULTS, 'defaults/main.yml', new DiagnosticSink())[0]!.root as YMap;
const WRITTEN = Object.fromEntries(doc.entries.map((e) => [String(toPlain(e.key)), toPlain(e.value)])) as Record<string, unknown>;
const declaredTypes = new Map(Object.entries(DECLARED).map(([n, s]) => [n, declaredVarType(declare(s))]));

function table(declared: ReadonlyMap<string, VarType>): SymbolTable {
  const symbols = new SymbolTable('ansible', declared);
  for (const e of doc.entries)
    symbols.define(String(toPlain(e.key)), {
      kind: 'role-default',
      owner: 'r',
      span: { file: 'defaults/main.yml', line: 1, col: 1 },
      value: e.value,
    });
  symbols.finish(() => 'r');
  return symbols;
}
const symbols = table(declaredTypes);

/** The translator's view: role variables as plain attributes, the others set outside the input. */
function scopeOf(s: SymbolTable): JinjaScope {
  return {
    tables: builtinTables(),
    lookupVar: (n) => (s.get(n)?.definitions.length ? { kind: 'attribute', path: [n], type: s.get(n)!.type, read: 'node' } : undefined),
    lookupUndeclared: (n) => {
      const t = s.declared.get(n);
      return { kind: 'attribute', path: [n], ...(t ? { type: t } : {}) };
    },
    locals: new Map(),
  };
}
const scope = scopeOf(symbols);

// The result tests translate only on a registered result (test/translate covers them there).
const DERIVED = doc.entries.map((e) => String(toPlain(e.key))).filter((n) => n.startsWith('d_') && n !== 'd_chg' && n !== 'd_nchg');

describe('[extra-var-types] declarations', () => {
  it('parse the grammar and print it back', () => {
    for (const spec of ['str', 'int', 'bool', 'float', 'list', 'dict', 'list[str]', 'dict[list[int]]', '{name: str, port: int}'])
      expect(formatDeclaredType(declare(spec))).toBe(spec);
    expect(formatDeclaredType(declare(' list [ { a : bool } ] '))).toBe('list[{a: bool}]');
    for (const bad of ['', 'string', 'list[', 'list[str]]', '{a: str, a: int}', '{1: str}', 'none', 'dict[str] x'])
      expect(parseDeclaredType(bad)).toHaveProperty('error');
  });
  it('are validated in ansible2chef.toml, naming the key', () => {
    const { config, diagnostics } = validateConfig(
      { 'extra-var-types': { a: 'list[str]', b: 'nope', 'c-d': 'str', e: 3 } },
      'ansible2chef.toml',
    );
    expect(config.extraVarTypes).toEqual({ a: { t: 'list', item: { t: 'str' } } });
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^extra-var-types\.b: 'nope' is not a type/),
      'extra-var-types.c-d: is not an Ansible variable name',
      'extra-var-types.e: must be a string naming a type',
    ]);
  });
});

describe('types of variables set outside the input', () => {
  it('come from the declaration, joined with what the input gives', () => {
    expect(symbols.get('d_s')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    // A number or None rendered by a template is its text.
    expect(symbols.get('d_i')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    expect(symbols.get('d_f')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    for (const n of ['d_tern', 'd_terns', 'd_ternnl', 'd_int', 'd_count', 'd_floor', 'd_big', 'd_div'])
      expect(symbols.get(n)!.type, n).toEqual({ t: 'str', plain: true, rendered: true });
    for (const n of ['d_ternmix', 'd_ternlit', 'd_condnone', 'd_intarg', 'd_divs']) expect(symbols.get(n)!.type, n).toEqual(ANY);
    for (const n of ['d_b', 'd_in', 'd_and', 'd_not', 'd_len', 'd_test'])
      expect(symbols.get(n)!.type).toEqual({ t: 'bool', rendered: true });
    for (const n of ['d_mix', 'd_lit', 'd_tru', 'd_none', 'd_und', 'd_orb', 'd_chg']) expect(symbols.get(n)!.type).toEqual(ANY);
    // The empty list of the role's defaults has no items: the declared items decide.
    expect(symbols.get('vhosts')!.type).toEqual({
      t: 'list',
      item: { t: 'dict', strKeys: true, fields: { name: { t: 'str', plain: true }, port: { t: 'int' } } },
    });
  });
  it('stay unknown where nothing is declared (no closed world assumed)', () => {
    const bare = table(new Map());
    for (const n of ['d_s', 'd_i', 'd_b', 'd_f']) expect(bare.get(n)!.type).toEqual(ANY);
    expect(bare.get('vhosts')!.type).toEqual({ t: 'list', empty: true });
    expect(bare.get('d_in')!.type).toEqual({ t: 'bool', rendered: true });
    const erb = erbOf('{{ ext_s }}|{% for v in vhosts %}{{ v.name }}{% endfor %}', scopeOf(bare));
    expect(erb).toContain("A2C::Jinja.out(A2C::Jinja.input(node, 'ext_s'))");
    expect(erb).toContain("A2C::Jinja.attr(v, 'name')");
  });
  it('print as plain Chef where the type allows', () => {
    expect(erbOf('{{ d_s }}|{{ d_i }}|{{ d_f }}|{{ d_b }}|{{ d_in }}|{{ ext_s }}|{{ ext_i }}', scope)).toBe(
      "<%= node['d_s'] %>|<%= node['d_i'] %>|<%= node['d_f'] %>|<%= node['d_b'] ? 'True' : 'False' %>|<%= node['d_in'] ? 'True' : 'False' %>|<%= node.read!('ext_s') %>|<%= node.read!('ext_i') %>",
    );
    expect(erbOf('{% for v in vhosts %}{{ v.name }}:{{ v.port }};{% endfor %}', scope)).toContain("<%= v['name'] %>:<%= v['port'] %>;");
    expect(erbOf('{{ d_tern }}|{{ d_floor }}|{{ d_div }}|{{ d_ternmix }}', scope)).toBe(
      "<%= node['d_tern'] %>|<%= node['d_floor'] %>|<%= node['d_div'] %>|<%= A2C::Jinja.out(node['d_ternmix']) %>",
    );
    // A float, a bool and unknown types keep Python's printing.
    expect(erbOf('{{ ext_f }}|{{ ext_b }}|{{ d_mix }}', scope)).toBe(
      "<%= A2C::Jinja.out(node.read!('ext_f')) %>|<%= node.read!('ext_b') ? 'True' : 'False' %>|<%= A2C::Jinja.out(node['d_mix']) %>",
    );
  });
});

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

// The extra variables as a team might set them, at the edges of each declared type, and unset.
const EXTRAS: Array<Record<string, unknown>> = [
  { ext_s: 'abc', ext_i: 8080, ext_b: true, ext_f: 2.25 },
  { ext_s: '', ext_i: -1, ext_b: false, ext_f: 0.1 },
  { ext_s: 'ends\n', ext_i: 0, ext_b: false, ext_f: 1e100 },
  {},
];
const VHOSTS = [
  { name: 'a', port: 80 },
  { name: '', port: 0 },
];

describe.skipIf(!haveTools)('declared and rendered types vs real Ansible', () => {
  for (const [i, extra] of EXTRAS.entries()) {
    it(`compute each definition and print each read as Ansible does (extra vars ${i + 1})`, () => {
      const base = { words: ['a', 'b'], b: true, vhosts: VHOSTS, res: { changed: 1, failed: false }, ...extra };
      // The attribute values: each definition's translation evaluated by Ruby.
      const defs = DERIVED.map((n) => WRITTEN[n] as string);
      const run = runStringValues(defs, base, scope);
      expect(stringValueMismatches(defs, run)).toEqual([]);
      const node: Record<string, unknown> = { ...base };
      DERIVED.forEach((n, k) => {
        if (run.got[k]!.error === undefined) node[n] = run.got[k]!.out;
      });
      const ansibleVars = { ...WRITTEN, ...base };
      const templates = [
        ...DERIVED.map((n) => `{{ ${n} }}`),
        ...DERIVED.map((n) => `[{{ ${n} }}]`),
        ...DERIVED.map((n) => `{% if ${n} %}T{% else %}F{% endif %}`),
        '{{ ext_s }}|{{ ext_i }}|{{ ext_b }}|{{ ext_f }}',
        '{{ ext_s ~ "!" }}',
        "{{ ext_s | default('z') }}|{{ ext_i | default(3) }}",
        '{% for v in vhosts %}{{ v.name }}:{{ v.port }};{% endfor %}',
      ];
      const { diffs } = renderBoth(templates, ansibleVars, scope, node);
      expect(diffs).toEqual([]);
    });
  }
  it('gives the values the types claim (the edges, as Ansible gives them)', () => {
    const defs = DERIVED.map((n) => WRITTEN[n] as string);
    const run = runStringValues(defs, { words: ['a', 'b'], b: true, res: { changed: 1 }, ext_s: 'abc', ext_i: 8080, ext_f: 2.25 }, scope);
    const want = (n: string) => run.want[DERIVED.indexOf(n)]!.out;
    expect(want('d_i')).toBe('8080');
    expect(want('d_f')).toBe('2.25');
    expect(want('d_b')).toBe(false);
    expect(want('d_in')).toBe(true);
    expect(want('d_test')).toBe(true);
    expect(want('d_orb')).toBe(true);
    const unset = runStringValues(defs, { words: ['a', 'b'], b: true, res: { changed: 1 } }, scope);
    const unsetWant = (n: string) => unset.want[DERIVED.indexOf(n)]!.out;
    expect(unsetWant('d_lit')).toEqual([1]);
    expect(unsetWant('d_tru')).toBe(true);
    expect(unsetWant('d_none')).toBe('');
    expect(unsetWant('d_i')).toBe('80');
    // The edges the new rules stand on: ints and floats come back as their text, a list-looking
    // branch is read back, `yes` is true for ternary, and Python's floor division and modulo.
    expect(unsetWant('d_tern')).toBe('5671');
    expect(unsetWant('d_terns')).toBe('on');
    expect(unsetWant('d_ternnl')).toBe('a\n');
    expect(unsetWant('d_floor')).toBe('26');
    expect(unsetWant('d_div')).toBe('10.0');
    expect(unsetWant('d_big')).toBe('7999999999999999999999');
    expect(unsetWant('d_ternlit')).toEqual([1]);
    expect(want('d_int')).toBe('0');
    expect(
      runStringValues(defs, { words: ['a'], b: true, res: { changed: 1 }, ext_i: -5 }, scope).want[DERIVED.indexOf('d_floor')]!.out,
    ).toBe('5');
  });
});

describe('a conversion with [extra-var-types]', () => {
  const files = {
    'site.yml': '- hosts: all\n  roles: [web]\n',
    'roles/web/defaults/main.yml': 'web_dir: "{{ base_dir | default(\'/srv\') }}"\nweb_vhosts: []\n',
    'roles/web/tasks/main.yml': '- name: conf\n  template:\n    src: web.conf.j2\n    dest: /etc/web.conf\n',
    'roles/web/templates/web.conf.j2': 'dir = {{ web_dir }}\next = {{ ext_name }}\n{% for v in web_vhosts %}{{ v.name }}\n{% endfor %}',
  };
  it('reads declared variables as plain Chef and lists them in CONVERSION.md', async () => {
    const r = await convertProject(files, {
      extraVarTypes: {
        base_dir: declare('str'),
        ext_name: declare('str'),
        web_vhosts: declare('list[{name: str}]'),
        unread: declare('int'),
      },
    });
    const erb = outputText(r, 'web/templates/web.conf.erb');
    expect(erb).toContain("dir = <%= node['web']['dir'] %>");
    expect(erb).toContain("ext = <%= node.read!('ansible', 'ext_name') %>");
    expect(erb).toContain("<%= v['name'] %>");
    expect(outputText(r, 'web/attributes/default.rb')).toContain(
      "default['web']['dir'] = node.exist?('ansible', 'base_dir') ? node['ansible']['base_dir'] : '/srv'",
    );
    const md = outputText(r, 'CONVERSION.md');
    expect(md).toContain('## Extra variables');
    expect(md).toContain("| `ext_name` | `str` | `node['ansible']['ext_name']` |");
    expect(md).toContain("| `web_vhosts` | `list[{name: str}]` | `node['web']['vhosts']` |");
    expect(md).toContain('| `unread` | `int` | not read by the input |');
    // Checked once, at the top of the default recipe: the two variables only the outside sets (web_vhosts
    // is the role's own default joined with its declaration; unread is read by no cookbook).
    const recipe = outputText(r, 'web/recipes/default.rb');
    expect(recipe).toContain("\nA2C::Inputs.check!(node, 'ansible', WebCookbook::INPUT_CONTRACTS)\n");
    const library = outputText(r, 'web/libraries/input_contracts.rb');
    expect(library).toContain(
      [
        'module WebCookbook',
        '  INPUT_CONTRACTS = {',
        "    'base_dir' => { type: :str, from: 'declared in [extra-var-types]' },",
        "    'ext_name' => { type: :str, from: 'declared in [extra-var-types]' },",
        '  }.freeze',
        'end',
      ].join('\n'),
    );
    expect(recipe.match(/A2C::Inputs\.check!/g)).toHaveLength(1);
    expect(library).not.toMatch(/'web_vhosts' =>|'unread' =>/);
    expect(recipe.indexOf('A2C::Inputs.check!')).toBeLessThan(recipe.indexOf("template '/etc/web.conf'"));
  });
  it('keeps the helpers and says the variable is of unknown type when nothing is declared', async () => {
    // Contracts inferred from use would type ext_name (use-contracts-differential.test.ts covers them).
    const r = await convertProject(files, { inferInputTypes: false });
    const erb = outputText(r, 'web/templates/web.conf.erb');
    expect(erb).toContain("A2C::Jinja.out(node['web']['dir'])");
    expect(erb).toContain("A2C::Jinja.out(A2C::Jinja.input(node, 'ansible', 'ext_name'))");
    expect(outputText(r, 'CONVERSION.md')).toContain('| `ext_name` | not declared: unknown |');
    expect(outputText(r, 'web/recipes/default.rb')).not.toContain('A2C::Inputs');
    expect(r.files.has('web/libraries/input_contracts.rb')).toBe(false);
  });
});

describe('extra-var-files', () => {
  const files: ExtraVarFile[] = [
    {
      file: 'group_vars/all/main.yml',
      text: [
        'port: 5672',
        'bind: "{{ mgmt_address }}"',
        'url: "http://{{ bind }}:{{ port }}"',
        'lock: "{{ lock_base | default(\'/run/lock\') }}"',
        'quorum: "{{ replicate }}"',
        'replicate: true',
        'servers: [a, b]',
        'rendered_port: "{{ port }}"',
        'rendered_sum: "{{ port + 1 }}"',
        'unknown_sum: "{{ lock_base + 1 }}"',
        'lit: "[1]"',
      ].join('\n'),
    },
  ];
  it('type the variables they set as the input would, reading the declarations', () => {
    const t = extraSourceTypes(files, new Map([['mgmt_address', { t: 'str', plain: true }]]));
    expect(Object.fromEntries(t)).toEqual({
      port: { t: 'int' },
      bind: { t: 'str', plain: true },
      url: { t: 'str', plain: true },
      quorum: { t: 'bool' },
      replicate: { t: 'bool' },
      servers: { t: 'list', item: { t: 'str', plain: true } },
      // A template's number is its text (Templar gives a number whole only where it is written as one).
      rendered_port: { t: 'str', plain: true },
      // The sum of two ints, rendered: its digits.
      rendered_sum: { t: 'str', plain: true },
      lit: { t: 'str' },
    });
    // Without the declaration, a lone read of mgmt_address is unknown and left out; so is lock_base's default.
    const bare = extraSourceTypes(files);
    expect(bare.has('bind')).toBe(false);
    // Text that begins with literal text is a plain str whatever it reads.
    expect(bare.get('url')).toEqual({ t: 'str', plain: true });
    expect(bare.has('lock')).toBe(false);
    // Arithmetic on ints is typed as its text; on a value no source types, unknown and left out.
    expect(bare.get('rendered_sum')).toEqual({ t: 'str', plain: true });
    expect(bare.has('unknown_sum')).toBe(false);
  });
  it('are read from disk, named from the folder the config gives, and validated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-extra-'));
    try {
      mkdirSync(join(dir, 'group_vars', 'all'), { recursive: true });
      writeFileSync(join(dir, 'group_vars', 'all', 'main.yml'), 'port: 1\n');
      writeFileSync(join(dir, 'group_vars', 'all', 'notes.txt'), 'x');
      writeFileSync(join(dir, 'group_vars', 'web.yml'), 'name: w\n');
      expect(readExtraVarFiles([join(dir, 'group_vars')]).map((f) => f.file)).toEqual(['group_vars/all/main.yml', 'group_vars/web.yml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const { config, diagnostics } = validateConfig({ 'extra-var-files': ['../inv/group_vars'] }, 'ansible2chef.toml');
    expect(diagnostics).toEqual([]);
    expect(config.extraVarFiles).toEqual(['../inv/group_vars']);
  });
});
