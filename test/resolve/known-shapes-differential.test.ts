// Plain Ruby for values whose shape the symbol table knows (resolve/types.ts), compared with real
// Ansible at each rule's edge:
// - `d.keys() | list` of a dict written with string keys only is Ruby's `d.keys` (a list of
//   strings), so a with_items loop over it iterates it as it is; a dict with a number key, an empty
//   dict or one of unknown shape keeps the helpers.
// - Jinja's whitespace control in a variable string (`{{-`, `-}}`) strips the text beside the tag
//   before convert_data reads the text: `'  {{- x }}'` of '[1, 2]' is the list.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseYaml, toPlain, type YMap } from '../../src/load/ansible/yaml.js';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { valueType, type VarType } from '../../src/resolve/types.js';
import { SymbolTable } from '../../src/resolve/symbols.js';
import { literalType } from '../../src/jinja-to-ruby/literal-type.js';
import type { RExpr } from '../../src/ir/ruby-ast.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { printExpr } from '../../src/print/print-expr.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { erbOf, renderBoth, runStringValues, stringValueMismatches, typedDefaults } from '../helpers/template-compare.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';

const DEFAULTS =
  [
    'd: {web: 1, api: {port: 2}}',
    'words: {"True": 1, "[x]": 2, "": 3}',
    'numkey: {1: a, b: c}',
    'empty: {}',
    'lit: "[1, 2]"',
    'tr: "True"',
  ].join('\n') + '\n';

const doc = parseYaml(DEFAULTS, 'defaults/main.yml', new DiagnosticSink())[0]!.root as YMap;
const TYPES = new Map<string, VarType>(doc.entries.map((e) => [String(toPlain(e.key)), valueType(e.value)]));
// The Ruby side's node holds what Chef holds: string keys (Chef's attributes have no other).
const VARS = { d: { web: 1, api: { port: 2 } }, words: { True: 1, '[x]': 2, '': 3 }, empty: {}, lit: '[1, 2]', tr: 'True' };

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (n) => (TYPES.has(n) ? { kind: 'attribute', path: [n], type: TYPES.get(n)!, read: 'node' } : undefined),
  locals: new Map(),
};

const ruby = (v: string): string => {
  const t = translateStringValue(v, scope);
  if (!t.ok) throw new Error(t.reason);
  return printExpr(t.value);
};

const VALUES = [
  '{{ d.keys() | list }}',
  '{{ words.keys() | list }}',
  '{{ empty.keys() | list }}',
  '{{ d.keys() | list | join(",") }}',
  '{{ (d.keys() | list)[0] }}',
  'k={{ words.keys() | list }}',
  '  {{- lit }}',
  'T  {{- tr[1:] }}',
  'a {{ lit -}}  \n b',
  'a\r\nb{{ lit }}',
];
const TEMPLATES = ['{% for k in d.keys() | list %}{{ k }},{% endfor %}', '{% for k in words.keys() | list %}[{{ k }}]{% endfor %}'];

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe('the keys of a dict written with string keys', () => {
  it("are Ruby's keys, where every key is known to be a string", () => {
    expect(ruby('{{ d.keys() | list }}')).toBe("node['d'].keys");
    expect(ruby('{{ words.keys() | list }}')).toBe("node['words'].keys");
    // A number key (YAML `1:`), an empty dict: the helper keeps Python's view.
    expect(ruby('{{ numkey.keys() | list }}')).toBe("A2C::Jinja.list(A2C::Jinja.dict_keys(node['numkey']))");
    expect(ruby('{{ empty.keys() | list }}')).toBe("A2C::Jinja.list(A2C::Jinja.dict_keys(node['empty']))");
    expect(erbOf('{% for k in d.keys() | list %}{{ k }},{% endfor %}', scope)).toContain("node['d'].keys %>");
  });
  it('are iterated as they are by with_items', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'svc:\n  web: {port: 1}\n  api: {port: 2}\n',
      'tasks/main.yml':
        '- name: dirs\n  file:\n    path: "/srv/{{ item }}"\n    state: directory\n  with_items: "{{ svc.keys() | list }}"\n',
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain("node['demo']['svc'].each_key do |item|");
    expect(body).toContain('directory "/srv/#{item}" do');
    expect(body).not.toContain('A2C::');
  });
});

describe.skipIf(!haveTools)('the keys of a dict vs real Ansible', () => {
  it('variable strings give the value Ansible gives', () => {
    const run = runStringValues(VALUES, VARS, scope);
    expect(stringValueMismatches(VALUES, run)).toEqual([]);
    expect(run.want[1]).toEqual({ out: ['True', '[x]', ''] });
  });
  it('templates render byte-identical with Erubis', () => {
    const { erbs, want, got } = renderBoth(TEMPLATES, VARS, scope);
    const diffs = TEMPLATES.flatMap((t, i) =>
      want[i]!.out === got[i]!.out && !want[i]!.error ? [] : [{ t, erb: erbs[i], a: want[i], b: got[i] }],
    );
    expect(diffs).toEqual([]);
  });
});

// Variables whose value is a template starting with literal text: Ansible renders the text and
// convert_data leaves it as it is unless it opens a list or dict or can spell True or False, so
// the variable is a str whatever the expressions after the text give. The Ruby side reads the
// value Ansible computes for each definition (what the converted attribute file holds).
const LEAD_DEFAULTS =
  [
    'ip: "*"',
    'port: 80',
    'lst: [1, 2]',
    'lit: "[1, 2]"',
    `listen: "Listen {{ (ip == '*') | ternary('', ip + ':') }}{{ port }}"`,
    'opts: "--x={{ lst }}{% if port %} on{% endif %}"',
    `tlead: "T{{ 'rue' }}"`,
    'blead: "[{{ port }}]"',
    'wslead: "  {{- lit }}"',
    'elead: "{{ lit }}x"',
  ].join('\n') + '\n';
const leadDoc = parseYaml(LEAD_DEFAULTS, 'defaults/main.yml', new DiagnosticSink())[0]!.root as YMap;
const leadSymbols = new SymbolTable('ansible');
for (const e of leadDoc.entries)
  leadSymbols.define(String(toPlain(e.key)), {
    kind: 'role-default',
    owner: 'r',
    span: { file: 'defaults/main.yml', line: 1, col: 1 },
    value: e.value,
  });
leadSymbols.finish(() => 'r');
const LEAD_VARS = Object.fromEntries(leadDoc.entries.map((e) => [String(toPlain(e.key)), toPlain(e.value)])) as Record<string, unknown>;
const LEAD_NAMES = ['listen', 'opts', 'tlead', 'blead', 'wslead', 'elead'];
const leadScope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (n) => (leadSymbols.get(n) ? { kind: 'attribute', path: [n], type: leadSymbols.get(n)!.type, read: 'node' } : undefined),
  locals: new Map(),
};
const LEAD_VALUES = [
  ...LEAD_NAMES.map((n) => `{{ ${n} }}`),
  ...LEAD_NAMES.map((n) => `{{ ${n} }}/tail`),
  ...LEAD_NAMES.map((n) => `{{ (${n}) }}`),
];

describe('a template starting with literal text', () => {
  it('is a plain str; one that may open a list or spell True, or starts with an expression, is unknown', () => {
    expect(leadSymbols.get('listen')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    expect(leadSymbols.get('opts')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    for (const n of ['tlead', 'blead', 'wslead', 'elead']) expect(leadSymbols.get(n)!.type.plain).toBeUndefined();
    const t = translateStringValue('{{ listen }}', leadScope);
    expect(t.ok && printExpr(t.value)).toBe("node['listen']");
  });
});

describe.skipIf(!haveTools)('a template starting with literal text vs real Ansible', () => {
  it('variable strings give the value Ansible gives', () => {
    // The attribute file's values: each definition as Ansible renders it.
    const defs = runStringValues(
      LEAD_NAMES.map((n) => String(LEAD_VARS[n])),
      LEAD_VARS,
      leadScope,
    );
    const node = { ...LEAD_VARS, ...Object.fromEntries(LEAD_NAMES.map((n, i) => [n, defs.want[i]!.out])) };
    expect(node.tlead).toBe(true);
    expect(node.wslead).toEqual([1, 2]);
    const run = runStringValues(LEAD_VALUES, LEAD_VARS, leadScope, [], node);
    expect(stringValueMismatches(LEAD_VALUES, run)).toEqual([]);
  });
});

// A loop over a literal list binds its variable to the join of the items' types
// (jinja-to-ruby/literal-type.ts): fields every item has, typed as their literals are.
const port = { kind: 'attribute' as const, path: ['port'], type: { t: 'int' as const }, read: 'node' as const };
const itemScope0: JinjaScope = { tables: builtinTables(), lookupVar: (n) => (n === 'port' ? port : undefined), locals: new Map() };
const ITEMS = [
  { name: 'a', port: 1, line: 'Listen {{ port }}', lit: '[1]', tr: 'True', mixed: 'x', at: '{{ port }}/x' },
  { name: 'b', port: 2, line: 'Listen {{ port }}:b', lit: '[2]', tr: 'False', mixed: 5, at: '{{ port }}/y' },
];
const literalOf = (v: unknown): RExpr => {
  if (typeof v === 'number') return { k: 'int', v };
  const t = translateStringValue(String(v), itemScope0);
  if (!t.ok) throw new Error(t.reason);
  return t.value;
};
const ITEM_TYPE = literalType({
  k: 'array',
  items: ITEMS.map((i) => ({ k: 'hash', pairs: Object.entries(i).map(([k, v]) => [{ k: 'str', v: k }, literalOf(v)] as [RExpr, RExpr]) })),
}).item!;
const itemScope: JinjaScope = {
  ...itemScope0,
  lookupVar: (n) => (n === 'port' ? port : n === 'item' ? { kind: 'attribute', path: ['item'], type: ITEM_TYPE, read: 'node' } : undefined),
};
const ITEM_VALUES = ['name', 'port', 'line', 'lit', 'tr', 'mixed', 'at'].flatMap((f) => [`{{ item.${f} }}`, `{{ item.${f} }}/z`]);

describe('the variable of a loop over a literal list', () => {
  it('reads the fields every item has, typed', () => {
    const ruby = (v: string) => {
      const t = translateStringValue(v, itemScope);
      if (!t.ok) throw new Error(t.reason);
      return printExpr(t.value);
    };
    expect(ruby('{{ item.name }}')).toBe("node['item']['name']");
    expect(ruby('{{ item.line }}')).toBe("node['item']['line']");
    // Text convert_data re-reads, a field of two types: the helper stays.
    expect(ruby('{{ item.lit }}')).toBe("A2C::Jinja.convert_data(node['item']['lit'])");
    expect(ruby('{{ item.tr }}')).toBe("A2C::Jinja.convert_data(node['item']['tr'])");
    expect(ruby('{{ item.mixed }}')).toContain('A2C::Jinja.convert_data');
    // Text starting with an int's digits (`{{ port }}/x`): its translation proved it plain (string-value.ts).
    expect(ruby('{{ item.at }}')).toBe("node['item']['at']");
  });
  it('is read plain by the converted task', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- name: dirs\n  file:\n    path: "/srv/{{ item.name }}"\n    mode: "{{ item.mode }}"\n    state: directory\n  loop:\n    - {name: a, mode: "0755"}\n    - {name: "b{{ 1 }}", mode: "0700"}\n',
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain('directory "/srv/#{item[\'name\']}" do');
    expect(body).toContain("mode item['mode']");
  });
});

describe.skipIf(!haveTools)('the variable of a loop over a literal list vs real Ansible', () => {
  it('gives the value Ansible gives for each item', () => {
    for (const i of [0, 1]) {
      // The item as Ansible's loop gives it: its strings rendered.
      const rendered = runStringValues(Object.values(ITEMS[i]!).map(String), { port: 80 }, itemScope0).want.map((w) => w.out);
      const item = Object.fromEntries(
        Object.keys(ITEMS[i]!).map((k, j) => [k, typeof ITEMS[i]![k as 'name'] === 'number' ? ITEMS[i]![k as 'port'] : rendered[j]]),
      );
      const run = runStringValues(ITEM_VALUES, { port: 80, item }, itemScope);
      expect(stringValueMismatches(ITEM_VALUES, run)).toEqual([]);
    }
  });
});

// An unrolled loop's item is a literal dict: a key it has is the value written there, a key it
// lacks is undefined, so `default` gives its fallback (a Python method's name is neither).
const UNROLLED: RExpr = {
  k: 'hash',
  pairs: [
    [
      { k: 'str', v: 'owner' },
      { k: 'str', v: 'root' },
    ],
    [{ k: 'str', v: 'none_v' }, { k: 'nil' }],
    [
      { k: 'str', v: 'empty' },
      { k: 'str', v: '' },
    ],
    [
      { k: 'str', v: 'lit' },
      { k: 'str', v: '[1]' },
    ],
  ],
};
const unrolledScope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (n) =>
    n === 'item'
      ? { kind: 'ruby', expr: UNROLLED }
      : n === 'fb'
        ? { kind: 'attribute', path: ['fb'], type: { t: 'str', plain: true }, read: 'node' }
        : undefined,
  locals: new Map(),
};
const UNROLLED_VARS = { item: { owner: 'root', none_v: null, empty: '', lit: '[1]' }, fb: 'fallback' };
const UNROLLED_VALUES = [
  '{{ item.owner | default("x") }}',
  '{{ item.group | default(fb) }}',
  '{{ item.group | default(fb) }}/x',
  '{{ item.n | default(5) }}',
  '{{ item.none_v | default("d") }}',
  '{{ item.empty | default("d", true) }}',
  '{{ item.empty | default("d") }}',
  '{{ item["lit"] | default("d") }}',
  '{{ item.absent | default("[2]") }}',
  '{{ item.absent | default }}',
  '{{ item.owner }}',
];

describe("an unrolled loop's literal item", () => {
  it('gives the value written, or the fallback of a key it lacks', () => {
    const ruby = (v: string) => {
      const t = translateStringValue(v, unrolledScope);
      if (!t.ok) throw new Error(t.reason);
      return printExpr(t.value);
    };
    expect(ruby('{{ item.owner | default("x") }}')).toBe("'root'");
    expect(ruby('{{ item.group | default(fb) }}')).toBe("node['fb']");
    expect(ruby('{{ item.owner }}')).toBe("'root'");
    // `boolean` tests the value: the helper stays.
    expect(ruby('{{ item.empty | default("d", true) }}')).toContain('A2C::Jinja.default');
  });
});

describe.skipIf(!haveTools)("an unrolled loop's literal item vs real Ansible", () => {
  it('variable strings give the value Ansible gives', () => {
    const run = runStringValues(UNROLLED_VALUES, UNROLLED_VARS, unrolledScope);
    expect(stringValueMismatches(UNROLLED_VALUES, run)).toEqual([]);
    expect(run.want[1]).toEqual({ out: 'fallback' });
  });
});

// A key every item of a typed list has is never undefined, so `default` gives it back; a dict's
// pairs through `dictsort` hold its keys (str where every key is one) and its values' type; a
// macro's call is the text its body wrote; the first or last item of a list of printable items.
const ITEMS_DEFAULTS =
  [
    'hosts:',
    '  - {name: "a\\n", port: 1, "on": yes, none: null, ratio: 0.5, tags: [x], only: 1}',
    '  - {name: "yes", port: 2, "on": false, none: null, ratio: 1.0e+100, tags: []}',
    'env: {B: "x\\n", a: "yes", C: "True", "[d]": ""}',
    'mixed: {b: 1, a: null}',
    'names: ["x\\n", "yes"]',
    'nums: [1, 2]',
    'flags: [true, false]',
    'nones: [null]',
    'ratios: [0.5, 1.0e+100]',
  ].join('\n') + '\n';
const { vars: ITEMS_VARS, scope: itemsScope } = typedDefaults(ITEMS_DEFAULTS);
const ITEMS_TEMPLATES = [
  "{% for h in hosts %}[{{ h.name | default('d') }}|{{ h.port | default(0) }}|{{ h.on | default(true) }}|{{ h.none | default('n') }}|{{ h.ratio | default(1) }}|{{ h.tags | default([]) }}|{{ h['name'] | d('z') }}|{{ h.only | default('o') }}|{{ h.none | default('b', true) }}]\n{% endfor %}",
  '{% for k, v in env | dictsort %}{{ k }}={{ v }};{% endfor %}',
  '{% for k, v in env | dictsort(true) %}{{ k }}={{ v }};{% endfor %}',
  "{% for k, v in env | dictsort(false, 'value', true) %}{{ k }}={{ v }};{% endfor %}",
  '{% for k, v in mixed | dictsort %}{{ k }}={{ v }};{% endfor %}',
  // A macro's text, called with variables the cookbook always sets (never undefined: no try).
  // The first or last item of a list whose items print as Ruby prints them.
  '{{ names | first }}|{{ names | last }}|{{ nums | first }}|{{ flags | last }}|{{ nones | first }}|{{ ratios | last }}|{{ hosts | first }}',
  '{% macro kv(d) %}{% for k, v in d | dictsort %}{{ k }}={{ v }}\n{% endfor %}{% endmacro %}{{ kv(env) }}{{ kv(mixed) }}',
];

describe('fields every item has, the pairs of dictsort, a macro call', () => {
  it('read as plain Ruby where the type is known', () => {
    const loop = erbOf(ITEMS_TEMPLATES[0]!, itemsScope);
    // Read with fetch, which gives the fallback only for a missing key, as default() does: a fallback
    // of the field's type prints plainly, one of another type (None or 'n') keeps the helper.
    expect(loop).toContain(
      "[<%= h.fetch('name', 'd') %>|<%= h.fetch('port', 0) %>|<%= h.fetch('on', true) ? 'True' : 'False' %>|<%= A2C::Jinja.out(h.fetch('none', 'n')) %>|",
    );
    // A float and a list keep Python's printing; a key only some items have, and `default`'s
    // boolean argument (None is false), keep the helper.
    expect(loop).toContain(
      "<%= A2C::Jinja.out(h.fetch('ratio', 1)) %>|<%= A2C::Jinja.out(h.fetch('tags', [])) %>|<%= h.fetch('name', 'z') %>|",
    );
    expect(loop).toContain("A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(h, 'only') }, 'o')");
    expect(loop).toContain("A2C::Jinja.default(A2C::Jinja.try { h['none'] }, 'b', true)");
    expect(erbOf(ITEMS_TEMPLATES[1]!, itemsScope)).toContain('<%= k %>=<%= v %>;');
    expect(erbOf(ITEMS_TEMPLATES[4]!, itemsScope)).toContain('<%= k %>=<%= A2C::Jinja.out(v) %>;');
    expect(erbOf(ITEMS_TEMPLATES[5]!, itemsScope)).toBe(
      "<%= node['names'].fetch(0) %>|<%= node['names'].fetch(-1) %>|<%= node['nums'].fetch(0) %>|<%= node['flags'].fetch(-1) ? 'True' : 'False' %>|<%= node['nones'].fetch(0) %>|<%= A2C::Jinja.out(A2C::Jinja.last(node['ratios'])) %>|<%= A2C::Jinja.out(A2C::Jinja.first(node['hosts'])) %>",
    );
    expect(erbOf(ITEMS_TEMPLATES[6]!, itemsScope)).toContain("<%= kv.call([node['env']], {}) %><%= kv.call([node['mixed']], {}) %>");
  });
});

describe.skipIf(!haveTools)('fields every item has, and the pairs of dictsort, vs real Ansible', () => {
  it('templates render byte-identical with Erubis', () => {
    const { erbs, want, got } = renderBoth(ITEMS_TEMPLATES, ITEMS_VARS, itemsScope);
    const diffs = ITEMS_TEMPLATES.flatMap((t, i) =>
      want[i]!.out === got[i]!.out && !want[i]!.error ? [] : [{ t, erb: erbs[i], a: want[i], b: got[i] }],
    );
    expect(diffs).toEqual([]);
    // An empty list where the type says its items print plainly: Jinja's undefined first item fails
    // where it is printed, and so does Ruby's fetch.
    const empty = renderBoth(['{{ names | first }}', '{{ nums | last }}'], { ...ITEMS_VARS, names: [], nums: [] }, itemsScope);
    expect(empty.want.map((w) => w.error !== undefined)).toEqual([true, true]);
    expect(empty.got.map((g) => g.error !== undefined)).toEqual([true, true]);
    expect(want[0]!.out).toBe("[a\n|1|True||0.5|['x']|a\n|1|b]\n[yes|2|False||1e+100|[]|yes|o|b]\n");
  });
});
