// Plain Chef reads of variables of known type (resolve/types.ts), compared with Ansible at the edges
// of each rule: what `{{ x }}` prints in a template (str, int and None without A2C::Jinja.out, a
// boolean spelled True/False, floats/lists/dicts through the helper), and what a variable string
// gives back (convert_data dropped only where the text cannot be re-read as a list, dict or
// boolean). The types come from the YAML values as the symbol table reads them.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseYaml, toPlain, type YMap } from '../../src/load/ansible/yaml.js';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { ANY, valueType, type VarType } from '../../src/resolve/types.js';
import { SymbolTable } from '../../src/resolve/symbols.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { printExpr } from '../../src/print/print-expr.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { erbOf, renderBoth, runStringValues, stringValueMismatches } from '../helpers/template-compare.js';

const DEFAULTS =
  [
    's: plain text',
    'nl: "ends\\n"',
    'yes_word: "yes"',
    'none_v: ~',
    'f: 1.5',
    'whole_f: 2.0',
    'l: [1, "a"]',
    'd: {a: 1}',
    'b: true',
    'bf: false',
    'i: 42',
    'neg: -3',
    'lit: "[1, 2]"',
    'tr: "True"',
    'e: ""',
    'brace: "{x}"',
    'words: [a, b]',
    'flags: {journald: true, file: false}',
    'names: {a: x, "[b": "True", c: ""}',
    'mixed: {a: 1, b: [1], c: 1.5}',
    'nums: {a: 1, b: -2}',
    'ints: [3, -1]',
    'lines: ["a\\n", "", "True"]',
    'mixl: ["a", 1]',
    'bl: [true, false]',
    'nl_l: [~, "a"]',
    'fl: [1.5]',
    'sep: " | "',
  ].join('\n') + '\n';

const doc = parseYaml(DEFAULTS, 'defaults/main.yml', new DiagnosticSink())[0]!.root as YMap;
const TYPES = new Map<string, VarType>(doc.entries.map((e) => [String(toPlain(e.key)), valueType(e.value)]));
const VARS = Object.fromEntries(doc.entries.map((e) => [String(toPlain(e.key)), toPlain(e.value)])) as Record<string, unknown>;
const NAMES = [...TYPES.keys()];

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (n) => (TYPES.has(n) ? { kind: 'attribute', path: [n], type: TYPES.get(n)!, read: 'node' } : undefined),
  locals: new Map(),
};

const TEMPLATES = [
  ...NAMES.map((n) => `{{ ${n} }}`),
  ...NAMES.map((n) => `[{{ ${n} }}]:{{ i }}`),
  ...NAMES.map((n) => `{{ ${n} ~ '!' }}`),
  ...NAMES.map((n) => `{% if ${n} %}T{% else %}F{% endif %}`),
  ...['s', 'l', 'd', 'e', 'words'].map((n) => `{{ ${n} | length }}`),
  '{% for w in words %}{{ w }},{% endfor %}',
  // Loops over dicts of string keys: the keys print as they are, the values by their joined type.
  '{% for k, v in flags.items() %}{{ k }}={{ v }};{% endfor %}',
  '{% for k, v in flags.items() %}{% if v is boolean %}{{ k }}={{ v | lower }}{% else %}{{ v }}{% endif %};{% endfor %}',
  // dict2items over a dict of string keys: item.key is a str, item.value has the values' type.
  '{% for item in flags | dict2items %}{{ item.key }}={{ item.value }};{% endfor %}',
  "{% for item in names | dict2items('k', value_name='v') %}{{ item.k }}=<{{ item.v }}>;{% endfor %}",
  "{% for item in mixed | dict2items %}{{ item.key }}={{ item.value }};{% endfor %}{% for p in nums | dict2items('n', 'n') %}{{ p.n }}{% endfor %}",
  // Template sets: a local holds its value's type; after an if, the join of the types it may hold.
  '{% set s2 = s %}{% set l2 = l %}{{ s2 }}|{{ l2 }}|{% set s2 = f %}{{ s2 }}',
  "{% if b %}{% set x = 'a' %}{% else %}{% set x = s %}{% endif %}{{ x }}",
  "{% if bf %}{% set x = 'a' %}{% elif b %}{% set x = 'b' %}{% else %}{% set x = 'c' %}{% endif %}{{ x }}",
  "{% if bf %}{% set y = 'a' %}{% endif %}{{ y }}",
  "{% if b %}{% set z = 1.5 %}{% else %}{% set z = 'x' %}{% endif %}{{ z }}",
  "{% set w = 'a' %}{% if b %}{% set w = 1.5 %}{% endif %}{{ w }}",
  // Set before the if and again in a branch without else: the value before or the branch's, of one type.
  "{% set t = s %}{% if '5:' not in s %}{% set t = '5:' + t %}{% endif %}{{ t }}|{% set t2 = s %}{% if bf %}{% set t2 = e %}{% endif %}{{ t2 }}",
  '{% set t3 = s %}{% if b %}{% set t3 = i %}{% endif %}{{ t3 }}|{% set t4 = i %}{% if b %}{% set t4 = 7 %}{% elif bf %}{% set t4 = 1.5 %}{% endif %}{{ t4 }}',
  "{% if b %}{% set v = 'a' %}{% if i %}{% set v = l %}{% endif %}{% else %}{% set v = 'c' %}{% endif %}{{ v }}",
  "{% if b %}{% set u = 'a' %}{% else %}{% for q in words %}{% set u = 1.5 %}{% endfor %}{% set u = 'c' %}{% endif %}{{ u }}",
  // A macro reads a local when it is called, after a later set may have changed it.
  "{% set m1 = 'a' %}{% macro show() %}{{ m1 }}{% endmacro %}{% set m1 = words %}{{ show() }}",
  "{% set fe = 'a' %}{% for q in e %}{% else %}{% set fe = words %}{% endfor %}{{ fe }}",
  // A boolean's text through the case filters (filters.toml on_bool), next to a value of each other type.
  ...NAMES.map((n) => `{{ ${n} | lower }}|{{ ${n} | upper }}|{{ ${n} | capitalize }}|{{ ${n} | title }}|{{ ${n} | string }}`),
  '{% for k in names %}{{ k }},{% endfor %}|{% for k in names.keys() %}{{ k }}{% endfor %}|{% for v in names.values() %}<{{ v }}>{% endfor %}',
  '{% for k, v in names.items() %}{{ loop.index }}:{{ k }}={{ v }};{% endfor %}',
  '{% for k, v in mixed.items() %}{{ k }}={{ v }};{% endfor %}',
  '{% for k, v in nums.items() %}{{ k }}={{ v }};{% endfor %}{% for v in nums.values() %}{{ v }}{% endfor %}',
  '{{ b and i }}',
  '{{ none_v | default("z") }}',
  // Filters that give a value of their own type back, and int arithmetic (filters.toml identity_on, returns_bare).
  ...NAMES.map((n) => `{{ ${n} | bool }}|{{ ${n} | int }}|{{ ${n} | string }}`),
  '{% if b | bool %}T{% else %}F{% endif %}{% if bf | bool %}T{% else %}F{% endif %}',
  '{{ neg // 2 }} {{ neg % 2 }} {{ i // neg }} {{ i % neg }} {{ i * neg }} {{ (f | int) // 2 }} {{ (s | int) + 1 }} {{ (lit | int) * 3 }}',
  // ternary and the inline if of literal values, on a condition of every type (Python's truth test),
  // with values that print as they are and values that keep the helper (a float, a list, None).
  ...NAMES.map((n) => `{{ ${n} | ternary('on', 'off') }}|{{ 'y' if ${n} else 'n' }}|{{ ${n} | ternary(1, 2) }}`),
  ...NAMES.map(
    (n) =>
      `{{ ${n} | ternary(1.5, 2.0) }}|{{ ${n} | ternary([1], ['a']) }}|{{ ${n} | ternary(none, 'x') }}|{{ ${n} | ternary('a', 'b', 'c') }}`,
  ),
  "{{ s | ternary('ends\n', 'x') }}",
  '{{ b | ternary(s, nl) }}',
  '{{ e | ternary(words, l) }}',
  // join: Ruby's Array#join where every item is a str or an int and the separator a str; the helper
  // for items Ruby prints otherwise (a boolean, None, a float), an int separator and `attribute`.
  ...['words', 'ints', 'lines', 'mixl', 'bl', 'nl_l', 'fl', 'l'].map(
    (n) => `{{ ${n} | join }}|{{ ${n} | join(', ') }}|{{ ${n} | join(sep) }}|{{ ${n} | join(d='-') }}|{{ ${n} | join(1) }}`,
  ),
  "{{ [s, e, nl] | join(',') }}|{{ [s, i] | join }}|{{ [s, b] | join }}|{{ [] | join('x') }}|{{ [s, none_v] | join('/') }}",
  // Membership: Ruby's include?/key? where both sides' types make it Python's `in`; the helper elsewhere
  // (a bool or a float against ints, items of several types, keys YAML may read otherwise).
  "{{ 'a' in words }}|{{ 'z' not in words }}|{{ s in words }}|{{ e in s }}|{{ 'text' in s }}|{{ 'T' in s }}|{{ -1 in ints }}|{{ i in ints }}",
  "{{ 'a' in names }}|{{ '[b' in names }}|{{ 'z' in names }}|{{ 'journald' in flags }}|{{ b in ints }}|{{ 1 in l }}|{{ 'a' in l }}|{{ 1.0 in ints }}",
  "{% if 'a' in words %}Y{% endif %}{% if lit in words %}N{% endif %}{% if 'ai' in s %}S{% endif %}",
  // Constant folding: a case filter or comment of a string literal is text known at conversion time.
  "{{ 'Ansible managed' | comment }}",
  // JSON of a boolean: its text chosen by Ruby's ?: (a keyword argument keeps the helper).
  '{{ b | to_json }}|{{ bf | to_nice_json }}|{{ b | to_nice_json(indent=2) }}|{{ s | to_json }}',
  // comment's styles and parameters, positional or by keyword (a public tomcat role's `ansible_managed | comment('xml')`).
  "{{ 'Ansible managed' | comment('xml') }}|{{ 'a\nb\n\nc\n' | comment('cblock') }}|{{ 'x' | comment('c') }}|{{ 'x' | comment('erlang') }}",
  "{{ 'x' | comment(style='xml') }}|{{ 'x' | comment('plain', decoration='; ') }}|{{ 'a\nb' | comment('xml', prefix_count=2, postfix_count=0) }}",
  "{{ 'a\n\nb' | comment(decoration='  ') }}|{{ '$& <%= x %>' | comment(decoration='$1 ', end='%>') }}|{{ 'x' | comment(prefix_count=3, postfix_count=-1) }}",
  "{{ 'a\nb\n\nc\n' | comment }}|{{ '' | comment }}|{{ '<% x %>' | comment }}",
  "{{ 'MiXed <%= x %> 1' | lower }}|{{ 'mixed ß é' | upper }}|{{ 'hELLO wORLD' | capitalize }}|{{ 'é' | capitalize }}",
  "{{ 'true' | capitalize }}|{{ '' | upper }}|{{ 'x\n' | lower }}",
  // The items of str.split on a str print as they are: empty text, a trailing separator, '[1' and 'True'.
  "{% for w in s.split() %}{{ w }}|{% endfor %}{% for w in e.split(',') %}[{{ w }}]{% endfor %}",
  "{% for w in nl.split('\\n') %}[{{ w }}]{% endfor %}{% for w in lit.split(',') %}<{{ w }}>{% endfor %}{% for w in tr.split('x', 1) %}{{ w }}{% endfor %}",
  "{{ s.split() }}|{{ e.split(',') | length }}",
  // Ansible's trailing newline after a final value, decided from its type where one newline is owed:
  // a str read tests its own ending (one ending in "\n", empty, 'yes'), a choice of texts ends with
  // none, other types and an owed count the text before changes keep the helper.
  ...['s', 'nl', 'e', 'yes_word', 'none_v', 'f', 'l', 'd', 'b', 'i', 'lit', 'tr'].map((n) => `{{ ${n} }}\n`),
  'x{{ e }}\n',
  'x{{ nl }}\n',
  'a\n{{ e }}\n',
  '{{ nl }}\n\n',
  '{{ s }}\n\n',
  '{{ b | lower }}\n',
  "{{ b | ternary('on', 'off') }}\n",
  "{{ b | ternary('on\n', 'off') }}\n",
  '{% for w in words %}{{ w }}{% endfor %}\n',
];

const VALUES = [
  ...NAMES.map((n) => `{{ ${n} }}`),
  ...NAMES.map((n) => `{{ ${n} }}/tail`),
  ...NAMES.map((n) => `pre {{ ${n} }}`),
  ...NAMES.map((n) => `{{ ${n} }}{{ i }}`),
  '{{ s }}{{ tr }}',
  '{{ e }}{{ lit }}',
  '{{ e }}{{ e }}',
  'Tr{{ e }}ue',
  '{{ i }}',
  '{{ b }}',
  // Jinja's `~` (str() of each operand): text unless an operand that may come first can open a list or dict.
  ...NAMES.map((n) => `{{ ${n} ~ '/tail' }}`),
  ...NAMES.map((n) => `{{ 'pre ' ~ ${n} }}`),
  ...NAMES.map((n) => `{{ e ~ ${n} ~ 'x' }}`),
  "{{ e ~ '[1, 2]' }}",
  "{{ 'Tr' ~ e ~ 'ue' }}",
  "{{ e ~ 'True' }}",
  '{{ s ~ tr }}',
  "{{ i ~ '[1]' }}",
  "{{ neg ~ '/x' }}",
  ...NAMES.filter((n) => n !== 'none_v').map((n) => `{{ ${n} | bool }}`),
  ...NAMES.map((n) => `{{ ${n} | int }}`),
  ...NAMES.map((n) => `{{ ${n} | string }}`),
  '{{ neg // 2 }}',
  '{{ i % neg }}',
  '{{ i * neg }}',
  '[{{ i | int }}]',
  '{{ b | bool }}/x',
  // 'True' from `b | string` is re-read as a boolean, 'true' from `b | lower` is not.
  ...['b', 'bf'].flatMap((n) => [
    `{{ ${n} | lower }}`,
    `{{ ${n} | upper }}`,
    `{{ ${n} | string }}`,
    `{{ ${n} | title }}`,
    `[{{ ${n} | capitalize }}]`,
  ]),
  // A literal value re-read by convert_data ('True', '[1]', 'yes' in a boolean slot), or printed plain.
  ...NAMES.map((n) => `{{ ${n} | ternary('on', 'off') }}`),
  ...NAMES.map((n) => `{{ 'y' if ${n} else 'n' }}`),
  ...NAMES.map((n) => `{{ ${n} | ternary('True', 'yes') }}`),
  ...NAMES.map((n) => `{{ ${n} | ternary('[1]', 'x') }}`),
  ...NAMES.map((n) => `{{ ${n} | ternary(1.5, 'x') }}`),
  ...NAMES.map((n) => `{{ ${n} | ternary(s, tr) }}`),
  "{{ b | ternary('ends\n', 'x') }}",
  '{{ b | ternary(s, nl) }}',
  "{{ i | ternary(true_val='a', false_val='b') }}",
  "{{ none_v | ternary('a', 'b', 'c') }}",
  // Folded constants whose text Ansible re-reads as a boolean or a list, or not.
  "{{ 'true' | capitalize }}",
  "{{ 'FALSE' | capitalize }}",
  "{{ '[1, 2]' | lower }}",
  '{{ \'{"A": 1}\' | lower }}',
  "{{ 'Ansible managed' | comment }}",
  // JSON of a boolean: its text chosen by Ruby's ?: (a keyword argument keeps the helper).
  '{{ b | to_json }}|{{ bf | to_nice_json }}|{{ b | to_nice_json(indent=2) }}|{{ s | to_json }}',
  // comment's styles and parameters, positional or by keyword (a public tomcat role's `ansible_managed | comment('xml')`).
  "{{ 'Ansible managed' | comment('xml') }}|{{ 'a\nb\n\nc\n' | comment('cblock') }}|{{ 'x' | comment('c') }}|{{ 'x' | comment('erlang') }}",
  "{{ 'x' | comment(style='xml') }}|{{ 'x' | comment('plain', decoration='; ') }}|{{ 'a\nb' | comment('xml', prefix_count=2, postfix_count=0) }}",
  "{{ 'a\n\nb' | comment(decoration='  ') }}|{{ '$& <%= x %>' | comment(decoration='$1 ', end='%>') }}|{{ 'x' | comment(prefix_count=3, postfix_count=-1) }}",
  "{{ 'x' | upper }}/y",
  // join of a list of str or int items, and of items Ruby prints otherwise.
  '{{ words | join }}',
  "{{ ints | join(',') }}",
  "{{ ['[1', '2]'] | join(',') }}",
  "{{ ['Tr', 'ue'] | join }}",
  '{{ bl | join }}',
];

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe('typed reads', () => {
  it('print plain Ruby where Ruby prints as Python does', () => {
    expect(erbOf('{{ s }} {{ i }} {{ none_v }}', scope)).toBe("<%= node['s'] %> <%= node['i'] %> <%= node['none_v'] %>");
    expect(erbOf('{{ b }}', scope)).toBe("<%= node['b'] ? 'True' : 'False' %>");
    expect(erbOf('{{ f }} {{ l }} {{ d }}', scope)).toBe(
      "<%= A2C::Jinja.out(node['f']) %> <%= A2C::Jinja.out(node['l']) %> <%= A2C::Jinja.out(node['d']) %>",
    );
    expect(erbOf('{{ l | length }}', scope)).toBe("<%= node['l'].length %>");
    expect(erbOf('{{ b | bool }} {{ i | int }} {{ s | string }}', scope)).toBe(
      "<%= node['b'] ? 'True' : 'False' %> <%= node['i'] %> <%= node['s'] %>",
    );
    expect(erbOf('{{ s | int }} {{ neg // 2 }} {{ neg % 2 }} {{ i * neg }}', scope)).toBe(
      "<%= A2C::Jinja.int(node['s']) %> <%= node['neg'] / 2 %> <%= node['neg'] % 2 %> <%= node['i'] * node['neg'] %>",
    );
    // The helper stays where the value's type is not the filter's own.
    expect(erbOf('{{ s | bool }} {{ f | int(5) }} {{ f // 2 }}', scope)).toBe(
      "<%= A2C::Jinja.out(A2C::Jinja.bool(node['s'])) %> <%= A2C::Jinja.out(A2C::Jinja.int(node['f'], 5)) %> <%= A2C::Jinja.out(A2C::Jinja.floordiv(node['f'], 2)) %>",
    );
  });
  it('print the keys and values of a loop over a dict of string keys by their types', () => {
    const flags = erbOf('{% for k, v in flags.items() %}{{ k }}={{ v }};{% endfor %}', scope);
    expect(flags).toContain("A2C::Jinja.dict_items(node['flags'])");
    expect(flags).toContain("<%= k %>=<%= v ? 'True' : 'False' %>;");
    const names = erbOf('{% for k in names %}{{ k }}{% endfor %}{% for v in names.values() %}{{ v }}{% endfor %}', scope);
    expect(names).toContain('<%= k %>');
    expect(names).toContain('<%= v %>');
    expect(names).not.toContain('A2C::Jinja.out');
    // Values of several types keep the helper; so do the keys of a mapping whose keys YAML reads as booleans.
    expect(erbOf('{% for k, v in mixed.items() %}{{ v }}{% endfor %}', scope)).toContain('A2C::Jinja.out(v)');
    const bools = parseYaml('bools: {yes: 1, no: 2}\n', 'defaults/main.yml', new DiagnosticSink())[0]!.root as YMap;
    const boolsType = valueType(bools.entries[0]!.value);
    expect(boolsType).toEqual({ t: 'dict' });
    const boolsScope: JinjaScope = {
      ...scope,
      lookupVar: (n) => (n === 'bools' ? { kind: 'attribute', path: [n], type: boolsType, read: 'node' } : undefined),
    };
    expect(erbOf('{% for k, v in bools.items() %}{{ k }}{{ v }}{% endfor %}', boolsScope)).toContain('A2C::Jinja.out(k)');
  });
  it('print the fields of dict2items items by the dict type', () => {
    const flags = erbOf('{% for item in flags | dict2items %}{{ item.key }}={{ item.value }};{% endfor %}', scope);
    expect(flags).toContain("<%= item['key'] %>=<%= item['value'] ? 'True' : 'False' %>;");
    const named = erbOf("{% for item in names | dict2items('k', value_name='v') %}{{ item.k }}={{ item.v }}{% endfor %}", scope);
    expect(named).toContain("A2C::Jinja.dict2items(node['names'], 'k', 'v')");
    expect(named).toContain("<%= item['k'] %>=<%= item['v'] %>");
    // Values of several types; the same name for key and value (the value wins in Python's dict).
    expect(erbOf('{% for item in mixed | dict2items %}{{ item.value }}{% endfor %}', scope)).toContain("A2C::Jinja.attr(item, 'value')");
    expect(erbOf("{% for p in nums | dict2items('n', 'n') %}{{ p.n }}{% endfor %}", scope)).toContain(
      "A2C::Jinja.out(A2C::Jinja.attr(p, 'n'))",
    );
  });
  it('print a template local by the type of the value it was set to', () => {
    expect(erbOf("{% if b %}{% set x = 'a' %}{% else %}{% set x = s %}{% endif %}{{ x }}", scope)).toContain('<%= x %>');
    expect(erbOf('{% set s2 = s %}{% set l2 = l %}{{ s2 }}|{{ l2 }}|{% set s2 = f %}{{ s2 }}', scope)).toContain(
      "<%= s2 %>|<%= A2C::Jinja.out(l2) %>|<% s2 = node['f'] %><%= A2C::Jinja.out(s2) %>",
    );
    expect(erbOf("{% set m1 = 'a' %}{% macro show() %}{{ m1 }}{% endmacro %}{% set m1 = words %}{{ show() }}", scope)).toContain(
      'A2C::Jinja.out(m1)',
    );
    // Set before the if, and in a branch to a value of the same type: that type.
    expect(erbOf("{% set t = s %}{% if '5:' not in s %}{% set t = '5:' + t %}{% endif %}{{ t }}", scope)).toContain('<%= t %>');
    expect(erbOf('{% set t4 = i %}{% if b %}{% set t4 = 7 %}{% endif %}{{ t4 }}', scope)).toContain('<%= t4 %>');
    // Not set by every branch, set to a float in one, or set again by a later if: the helper stays.
    expect(erbOf("{% if bf %}{% set y = 'a' %}{% endif %}{{ y }}", scope)).toContain('A2C::Jinja.out(y)');
    expect(erbOf("{% if b %}{% set z = 1.5 %}{% else %}{% set z = 'x' %}{% endif %}{{ z }}", scope)).toContain('A2C::Jinja.out(z)');
    expect(erbOf("{% set w = 'a' %}{% if b %}{% set w = 1.5 %}{% endif %}{{ w }}", scope)).toContain('A2C::Jinja.out(w)');
    expect(erbOf('{% set t3 = s %}{% if b %}{% set t3 = i %}{% endif %}{{ t3 }}', scope)).toContain('A2C::Jinja.out(t3)');
    expect(erbOf('{% set t4 = i %}{% if b %}{% set t4 = 7 %}{% elif bf %}{% set t4 = 1.5 %}{% endif %}{{ t4 }}', scope)).toContain(
      'A2C::Jinja.out(t4)',
    );
    expect(
      erbOf("{% if b %}{% set v = 'a' %}{% if i %}{% set v = l %}{% endif %}{% else %}{% set v = 'c' %}{% endif %}{{ v }}", scope),
    ).toContain('A2C::Jinja.out(v)');
  });
  it('fold a case filter or comment of a string literal into text, and join lists of str or int items with Ruby', () => {
    expect(erbOf("{{ 'Ansible managed' | comment }} {{ 'ab' | upper }}", scope)).toBe('#\n# Ansible managed\n# AB');
    expect(erbOf('{{ b | to_json }}|{{ bf | to_nice_json }}', scope)).toBe(
      "<%= node['b'] ? 'true' : 'false' %>|<%= node['bf'] ? 'true' : 'false' %>",
    );
    expect(erbOf('{{ b | to_nice_json(indent=2) }}', scope)).toContain('A2C::Jinja.to_nice_json');
    // Constant arguments fold too.
    expect(erbOf("{{ 'x' | comment('xml') }}", scope)).toBe('<!--\n -\n - x\n -\n-->');
    // Not folded: a variable argument, an unknown style, a non-literal value, text beyond ASCII.
    expect(erbOf("{{ 'é' | upper }}", scope)).toContain('A2C::Jinja.upper');
    expect(erbOf("{{ 'x' | comment(s) }} {{ s | upper }}", scope)).toContain("A2C::Jinja.comment('x', node['s'])");
    expect(erbOf("{{ 'x' | comment('nope') }}", scope)).toContain("A2C::Jinja.comment('x', 'nope')");
    expect(erbOf("{{ 'x' | comment(1) }}", scope)).toContain("A2C::Jinja.comment('x', 1)");
    expect(erbOf("{{ words | join(', ') }} {{ ints | join }} {{ [s, nl] | join(sep) }}", scope)).toBe(
      "<%= node['words'].join(', ') %> <%= node['ints'].join %> <%= [node['s'], node['nl']].join(node['sep']) %>",
    );
    // Items of several types have no common type here (str and int together keep the helper too).
    expect(erbOf('{{ [s, i] | join }}', scope)).toContain('A2C::Jinja.join');
    for (const n of ['mixl', 'bl', 'nl_l', 'fl', 'l']) expect(erbOf(`{{ ${n} | join(',') }}`, scope)).toContain('A2C::Jinja.join');
    expect(erbOf('{{ words | join(1) }}', scope)).toContain('A2C::Jinja.join');
    expect(erbOf("{{ words | join(',', 'x') }}", scope)).toContain('A2C::Jinja.join');
  });
  it('type a combine of dicts of string keys', () => {
    const loop = erbOf("{% for k, v in (names | combine({'z': 'w'})).items() %}{{ k }}={{ v }};{% endfor %}", scope);
    expect(loop).toContain('<%= k %>=<%= v %>;');
    expect(erbOf("{{ (names | combine({'a': true})).a }}", scope)).toContain("? 'True' : 'False'");
    expect(erbOf("{{ (flags | combine({'file': 'f'})).file }}", scope)).not.toContain('A2C::Jinja.out');
    // Keys another dict may hold, a recursive merge, a dict of unknown keys: the helper stays.
    expect(erbOf('{{ (flags | combine(names)).journald }}', scope)).toContain('A2C::Jinja.out');
    expect(erbOf("{{ (flags | combine({'file': 1}, recursive=true)).file }}", scope)).toContain('A2C::Jinja.out');
    expect(erbOf('{% for k, v in (flags | combine(nums)).items() %}{{ v }}{% endfor %}', scope)).toContain('A2C::Jinja.out(v)');
  });
  it('print the items of str.split on a str as they are', () => {
    expect(erbOf("{% for w in s.split(',') %}{{ w }}{% endfor %}", scope)).toContain('<%= w %>');
    expect(erbOf("{% for w in l.split(',') %}{{ w }}{% endfor %}", scope)).toContain('A2C::Jinja.out(w)');
  });
  it("write Ansible's owed trailing newline after a final value from the value's type", () => {
    // A str read tests its own ending in plain Ruby; a choice of texts ending with none owes it as text.
    expect(erbOf('{{ s }}\n', scope)).toBe(`<%= node['s'] %><%= node['s'].end_with?("\\n") ? '' : "\\n" %>`);
    expect(erbOf('x{{ e }}\n', scope)).toBe(`x<%= node['e'] %><%= node['e'].end_with?("\\n") ? '' : "\\n" %>`);
    expect(erbOf('{{ b | lower }}\n', scope)).toBe("<%= node['b'] ? 'true' : 'false' %>\n");
    // Two owed where the text after the value gives one: the value owes one.
    expect(erbOf('{{ s }}\n\n', scope)).toBe(`<%= node['s'] %><%= node['s'].end_with?("\\n") ? '' : "\\n" %>\n`);
    // Newlines before the value (an empty value would leave them standing), a choice that may end
    // with one, a value of unknown type: the helper.
    for (const t of ['a\n{{ e }}\n', "{{ b | ternary('on\n', 'off') }}\n", '{{ s | trim }}\n'])
      expect(erbOf(t, scope)).toContain('A2C::Jinja.end_with_newlines');
  });
  it("test membership with Ruby's include?/key? where both sides' types agree", () => {
    expect(erbOf("{{ 'a' in words }} {{ e in s }} {{ i in ints }} {{ 'a' not in names }}", scope)).toBe(
      "<%= node['words'].include?('a') ? 'True' : 'False' %> <%= node['s'].include?(node['e']) ? 'True' : 'False' %> <%= node['ints'].include?(node['i']) ? 'True' : 'False' %> <%= !node['names'].key?('a') ? 'True' : 'False' %>",
    );
    for (const t of ['{{ b in ints }}', '{{ 1 in l }}', '{{ 1.0 in ints }}']) expect(erbOf(t, scope)).toContain('A2C::Jinja.contains');
    // A str equals only an equal str, in Python as in Ruby, whatever else the list holds
    // (test/jinja-to-ruby/membership-differential.test.ts compares it with Ansible).
    expect(erbOf("{{ 'a' in l }}", scope)).toBe("<%= node['l'].include?('a') ? 'True' : 'False' %>");
    expect(erbOf("{{ 'a' in mixed.b }}", scope)).toBe("<%= node['mixed']['b'].include?('a') ? 'True' : 'False' %>");
  });
  it("write a boolean's text through a case filter as Ruby's ?: of the two texts", () => {
    expect(erbOf('{{ b | lower }} {{ bf | upper }} {{ b | string }}', scope)).toBe(
      "<%= node['b'] ? 'true' : 'false' %> <%= node['bf'] ? 'TRUE' : 'FALSE' %> <%= node['b'] ? 'True' : 'False' %>",
    );
    // Text keeps the helper (Python's lower and Ruby's downcase differ outside ASCII).
    expect(erbOf('{{ s | lower }}', scope)).toBe("<%= A2C::Jinja.lower(node['s']) %>");
    const ruby = (v: string) => {
      const t = translateStringValue(v, scope);
      if (!t.ok) throw new Error(t.reason);
      return printExpr(t.value);
    };
    expect(ruby('{{ b | lower }}')).toBe("node['b'] ? 'true' : 'false'");
    // 'True' is re-read as a boolean, except from `string`, one of Ansible's STRING_TYPE_FILTERS.
    expect(ruby('{{ b | capitalize }}')).toBe("A2C::Jinja.convert_data(node['b'] ? 'True' : 'False')");
    expect(ruby('{{ b | string }}')).toBe("node['b'] ? 'True' : 'False'");
  });
  it('drop convert_data only where the text cannot read as a list, dict or boolean', () => {
    const ruby = (v: string) => {
      const t = translateStringValue(v, scope);
      if (!t.ok) throw new Error(t.reason);
      return printExpr(t.value);
    };
    expect(ruby('{{ s }}')).toBe("node['s']");
    expect(ruby('{{ lit }}')).toBe("A2C::Jinja.convert_data(node['lit'])");
    expect(ruby('{{ tr }}')).toBe("A2C::Jinja.convert_data(node['tr'])");
    expect(ruby('{{ s }}/tail')).toBe('"#{node[\'s\']}/tail"');
    // An empty plain string lets the next part come first: '[1, 2]' would be re-read.
    expect(ruby('{{ e }}{{ lit }}')).toBe("A2C::Jinja.convert_data(\"#{node['e']}#{node['lit']}\")");
    // Jinja's `~` by the same rule.
    expect(ruby("{{ s ~ '/tail' }}")).toBe('"#{node[\'s\']}/tail"');
    expect(ruby("{{ i ~ '[1]' }}")).toBe('"#{node[\'i\']}[1]"');
    expect(ruby("{{ e ~ '[1, 2]' }}")).toBe('A2C::Jinja.convert_data("#{node[\'e\']}[1, 2]")');
    expect(ruby("{{ 'Tr' ~ e ~ 'ue' }}")).toBe('A2C::Jinja.convert_data("Tr#{node[\'e\']}ue")');
    expect(ruby("{{ l ~ 'x' }}")).toContain('A2C::Jinja.convert_data(');
  });
  it("choose between two literal texts with Ruby's ?: where the condition's truth test is known", () => {
    const ruby = (v: string) => {
      const t = translateStringValue(v, scope);
      if (!t.ok) throw new Error(t.reason);
      return printExpr(t.value);
    };
    expect(ruby("{{ b | ternary('on', 'off') }}")).toBe("node['b'] ? 'on' : 'off'");
    expect(ruby("{{ s | ternary('on', 'off') }}")).toBe("!node['s'].empty? ? 'on' : 'off'");
    expect(ruby("{{ 'y' if b else 'n' }}")).toBe("node['b'] ? 'y' : 'n'");
    // Unknown truth test (a float, None): the helper chooses, its text is still plain.
    expect(ruby("{{ f | ternary('on', 'off') }}")).toBe("A2C::Jinja.ternary(node['f'], 'on', 'off')");
    // A value convert_data re-reads is read back ('True' is the boolean); a float keeps Python's printing.
    expect(ruby("{{ b | ternary('True', 'x') }}")).toBe("node['b'] ? true : 'x'");
    expect(ruby("{{ b | ternary('[1]', 'x') }}")).toBe("node['b'] ? A2C::Jinja.convert_data('[1]') : 'x'");
    expect(erbOf('{{ b | ternary(1.5, 2.5) }}', scope)).toBe("<%= A2C::Jinja.out(node['b'] ? 1.5 : 2.5) %>");
    expect(erbOf("{{ i | ternary('on', 'off') }}", scope)).toBe("<%= node['i'] != 0 ? 'on' : 'off' %>");
  });
});

describe.skipIf(!haveTools)('typed reads vs real Ansible', () => {
  it('templates render byte-identical with Erubis', () => {
    const { diffs } = renderBoth(TEMPLATES, VARS, scope);
    expect(diffs).toEqual([]);
  });
  it('variable strings give the value Ansible gives', () => {
    const run = runStringValues(VALUES, VARS, scope);
    expect(stringValueMismatches(VALUES, run)).toEqual([]);
  });
});

// Variables whose value is a template: Templar.template returns `{{ name }}` whole only where the
// value is written as a number, boolean or None; a template's number or None comes back as text.
// The Ruby side reads what the converted attribute file computes for each (the translation of
// its definition, asserted below).
const RENDERED_DEFAULTS =
  [
    'i: 42',
    'f: 1.5',
    'n: ~',
    'b: true',
    'l: [1, 2]',
    's: abc',
    'ti: "{{ i }}"',
    'ti2: "{{ ti }}"',
    'tf: "{{ f }}"',
    'tn: "{{ n }}"',
    'tb: "{{ b }}"',
    'tl: "{{ l }}"',
    // Templates with statements: text that begins with a literal character is plain text, unless
    // that character is whitespace a `-` tag strips, or the literal text could spell True/False.
    'lead: "x{% if b %}[1]{% endif %}"',
    'lead2: "k {%- if b %}{{ l }}{% endif %}"',
    'ws: " {%- if b %}[1]{% endif %}"',
    'tru: "Tru{% if b %}e{% endif %}"',
    'brk: "[{% if b %}1{% endif %}]"',
    // An if first: text when every branch, else included, begins with such text.
    'iflead: "{% if b %}on[1]{% else %}off{% endif %}"',
    'ifelif: "{% if not b %}a{% elif b %}b{{ l }}{% else %}c{% endif %}"',
    'ifnest: "{% if b %}{% if not b %}k{% else %}m[1]{% endif %}{% else %}z{% endif %}"',
    'ifbrk: "{% if b %}[1]{% else %}x{% endif %}"',
    'ifnoelse: "{% if not b %}x{% endif %}[1]"',
    'iftru: "{% if b %}True{% else %}no{% endif %}"',
    'ifws: "{% if b -%} [1]{% else %}x{% endif %}"',
    // Jinja's `~`: plain text where the first operand that can render non-empty cannot open a list or
    // dict and the literal text cannot spell True/False.
    'e2: ""',
    'cat: "{{ s ~ \'/tail\' }}"',
    'catint: "{{ i ~ \'[1]\' }}"',
    'catempty: "{{ e2 ~ \'[1, 2]\' }}"',
    "cattru: \"{{ 'Tr' ~ e2 ~ 'ue' }}\"",
    'catl: "{{ l ~ \'x\' }}"',
  ].join('\n') + '\n';
const renderedDoc = parseYaml(RENDERED_DEFAULTS, 'defaults/main.yml', new DiagnosticSink())[0]!.root as YMap;
const symbols = new SymbolTable('ansible');
for (const e of renderedDoc.entries)
  symbols.define(String(toPlain(e.key)), {
    kind: 'role-default',
    owner: 'r',
    span: { file: 'defaults/main.yml', line: 1, col: 1 },
    value: e.value,
  });
symbols.finish(() => 'r');
const renderedScope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (n) => (symbols.get(n) ? { kind: 'attribute', path: [n], type: symbols.get(n)!.type, read: 'node' } : undefined),
  locals: new Map(),
};
const RENDERED_VARS = Object.fromEntries(renderedDoc.entries.map((e) => [String(toPlain(e.key)), toPlain(e.value)])) as Record<
  string,
  unknown
>;
const RENDERED_NODE = {
  i: 42,
  f: 1.5,
  n: null,
  b: true,
  l: [1, 2],
  s: 'abc',
  ti: 42,
  ti2: '42',
  tf: 1.5,
  tn: null,
  tb: true,
  tl: [1, 2],
  lead: 'x[1]',
  lead2: 'k[1, 2]',
  ws: [1],
  tru: true,
  brk: [1],
  iflead: 'on[1]',
  ifelif: 'b[1, 2]',
  ifnest: 'm[1]',
  ifbrk: [1],
  ifnoelse: [1],
  iftru: true,
  ifws: [1],
  e2: '',
  cat: 'abc/tail',
  catint: '42[1]',
  catempty: [1, 2],
  cattru: true,
  catl: '[1, 2]x',
};
const RENDERED_VALUES = [
  '{{ i }}',
  '{{ f }}',
  '{{ n }}',
  '{{ ti }}',
  '{{ ti2 }}',
  '{{ tf }}',
  '{{ tn }}',
  '{{ tb }}',
  '{{ tl }}',
  '{{ i + 1 }}',
  '{{ i | int }}',
  '{{ s | int }}',
  '{{ s | length }}',
  '{{ ti | int }}',
  '{{ (i) }}',
  '{{ i // 5 }}',
  '{{ f | float }}',
];

describe("a lone {{ x }} of a template's number or None", () => {
  const ruby = (v: string) => {
    const t = translateStringValue(v, renderedScope);
    if (!t.ok) throw new Error(t.reason);
    return printExpr(t.value);
  };
  it('is text, while a number written as one stays a number', () => {
    expect(symbols.get('ti')!.type).toEqual({ t: 'int', rendered: true });
    expect(symbols.get('ti2')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    // The attribute file's values: what RENDERED_NODE holds.
    expect(ruby('{{ i }}')).toBe("node['i']");
    expect(ruby('{{ ti }}')).toBe("node['ti'].to_s");
    expect(ruby('{{ tn }}')).toBe("A2C::Jinja.out(node['tn'])");
    expect(ruby('{{ (i) }}')).toBe("node['i'].to_s");
    expect(ruby('{{ i + 1 }}')).toBe("(node['i'] + 1).to_s");
  });
});

// Variables of unknown type (an inventory's, a register's): a lone `{{ expr }}` that is not a bare
// name renders to text (None as '', 42 as '42', a list as its repr) before convert_data reads it;
// only `{{ name }}` gives the value whole.
const anyScope: JinjaScope = {
  ...scope,
  lookupVar: (n) => (TYPES.has(n) ? { kind: 'attribute', path: [n], type: ANY, read: 'node' } : undefined),
};
const LONE_UNKNOWN = ['none_v', 'i', 'neg', 'f', 'whole_f', 'b', 'bf', 'l', 'd', 'lit', 'tr', 's', 'e', 'brace', 'words'];
const UNKNOWN_VALUES = [
  ...LONE_UNKNOWN.map((n) => `{{ ${n} }}`),
  ...LONE_UNKNOWN.map((n) => `{{ (${n}) }}`),
  ...LONE_UNKNOWN.map((n) => `{{ ${n} | default('z') }}`),
  ...LONE_UNKNOWN.map((n) => `{{ ${n} | bool }}`),
];

describe('a lone expression of unknown type', () => {
  const ruby = (v: string) => {
    const t = translateStringValue(v, anyScope);
    if (!t.ok) throw new Error(t.reason);
    return printExpr(t.value);
  };
  it('is rendered to text before convert_data unless it is a bare name', () => {
    expect(ruby('{{ i }}')).toBe("A2C::Jinja.convert_data(node['i'])");
    expect(ruby('{{ i | bool }}')).toBe("A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.bool(node['i'])))");
    expect(ruby('{{ (i) }}')).toBe("A2C::Jinja.convert_data(A2C::Jinja.out(node['i']))");
  });
});

describe.skipIf(!haveTools)('a lone expression of unknown type vs real Ansible', () => {
  it('gives the empty text Ansible gives for None', () => {
    const values = ['{{ none_v | bool }}'];
    const run = runStringValues(values, VARS, scope);
    expect(stringValueMismatches(values, run)).toEqual([]);
    expect(run.want[0]).toEqual({ out: '' });
  });
  it('gives the value Ansible gives for None, numbers, booleans, lists, dicts and literal-looking text', () => {
    const run = runStringValues(UNKNOWN_VALUES, VARS, anyScope);
    expect(stringValueMismatches(UNKNOWN_VALUES, run)).toEqual([]);
    const want = (v: string) => run.want[UNKNOWN_VALUES.indexOf(v)];
    // The edges the cases stand for, as Ansible gives them.
    expect(want('{{ none_v }}')).toEqual({ out: null });
    expect(want("{{ none_v | default('z') }}")).toEqual({ out: '' });
    expect(want('{{ i }}')).toEqual({ out: 42 });
    expect(want('{{ (i) }}')).toEqual({ out: '42' });
    expect(want("{{ f | default('z') }}")).toEqual({ out: '1.5' });
    expect(want("{{ l | default('z') }}")).toEqual({ out: [1, 'a'] });
    expect(want("{{ lit | default('z') }}")).toEqual({ out: [1, 2] });
    expect(want("{{ tr | default('z') }}")).toEqual({ out: true });
  });
});

describe('a template variable that begins with literal text', () => {
  it('is plain text where no tag can make it start with [ or { or spell True/False', () => {
    expect(symbols.get('lead')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    expect(symbols.get('lead2')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    for (const n of ['ws', 'tru', 'brk']) expect(symbols.get(n)!.type).toEqual(ANY);
    expect(erbOf('{{ lead }}|{{ lead2 }}|{{ ws }}|{{ tru }}', renderedScope)).toBe(
      "<%= node['lead'] %>|<%= node['lead2'] %>|<%= A2C::Jinja.out(node['ws']) %>|<%= A2C::Jinja.out(node['tru']) %>",
    );
  });
});

describe('a template variable that is a `~` concatenation', () => {
  it('is plain text where no operand can make it start with [ or { or spell True/False', () => {
    for (const n of ['cat', 'catint']) expect(symbols.get(n)!.type).toEqual({ t: 'str', plain: true, rendered: true });
    for (const n of ['catempty', 'cattru', 'catl']) expect(symbols.get(n)!.type).toEqual(ANY);
    expect(erbOf('{{ cat }}|{{ catint }}|{{ catempty }}', renderedScope)).toBe(
      "<%= node['cat'] %>|<%= node['catint'] %>|<%= A2C::Jinja.out(node['catempty']) %>",
    );
  });
});

describe.skipIf(!haveTools)('a template variable that is a `~` concatenation vs real Ansible', () => {
  it('is the value Ansible gives the variable, and prints as Ansible prints it', () => {
    const names = ['cat', 'catint', 'catempty', 'cattru', 'catl'];
    const values = names.map((n) => `{{ ${n} }}`);
    const run = runStringValues(values, RENDERED_VARS, renderedScope, [], RENDERED_NODE);
    expect(stringValueMismatches(values, run)).toEqual([]);
    // The edges, as Ansible gives them: an empty first operand leaves a list, the literal text spells True.
    expect(run.want.map((w) => w.out)).toEqual(['abc/tail', '42[1]', [1, 2], true, '[1, 2]x']);
    const { erbs, want, got } = renderBoth(values, RENDERED_VARS, renderedScope, RENDERED_NODE);
    expect(values.flatMap((t, i) => (want[i]!.out === got[i]!.out ? [] : [{ t, erb: erbs[i], want: want[i], got: got[i] }]))).toEqual([]);
  });
});

describe('a template variable that begins with an if', () => {
  it('is plain text where every branch, else included, begins with such text', () => {
    for (const n of ['iflead', 'ifelif', 'ifnest']) expect(symbols.get(n)!.type).toEqual({ t: 'str', plain: true, rendered: true });
    for (const n of ['ifbrk', 'ifnoelse', 'iftru', 'ifws']) expect(symbols.get(n)!.type).toEqual(ANY);
  });
});

describe.skipIf(!haveTools)('a template variable that begins with an if vs real Ansible', () => {
  it('prints as Ansible prints it', () => {
    const names = ['iflead', 'ifelif', 'ifnest', 'ifbrk', 'ifnoelse', 'iftru', 'ifws'];
    const templates = names.map((n) => `{{ ${n} }}`);
    const { erbs, want, got } = renderBoth(templates, RENDERED_VARS, renderedScope, RENDERED_NODE);
    expect(templates.flatMap((t, i) => (want[i]!.out === got[i]!.out ? [] : [{ t, erb: erbs[i], want: want[i], got: got[i] }]))).toEqual(
      [],
    );
    expect(want.map((w) => w.out)).toEqual(['on[1]', 'b[1, 2]', 'm[1]', '[1]', '[1]', 'True', '[1]']);
    expect(erbs.slice(0, 3).join('|')).not.toContain('A2C::');
  });
});

describe.skipIf(!haveTools)('a template variable that begins with literal text vs real Ansible', () => {
  it('prints as Ansible prints it, from the value the attribute file computes', () => {
    const templates = ['{{ lead }}', '{{ lead2 }}', '{{ ws }}', '{{ tru }}', '{{ brk }}', '{% if tru is boolean %}B{% endif %}'];
    const { erbs, want, got } = renderBoth(templates, RENDERED_VARS, renderedScope, RENDERED_NODE);
    expect(templates.flatMap((t, i) => (want[i]!.out === got[i]!.out ? [] : [{ t, erb: erbs[i], want: want[i], got: got[i] }]))).toEqual(
      [],
    );
    // The edges, as Ansible gives them: the stripped space leaves a list, the literal text spells True.
    expect(want.map((w) => w.out)).toEqual(['x[1]', 'k[1, 2]', '[1]', 'True', '[1]', 'B']);
  });
  it('is the value Ansible gives the variable', () => {
    const values = ['{{ lead }}', '{{ lead2 }}', '{{ ws }}', '{{ tru }}', '{{ brk }}'];
    const run = runStringValues(values, RENDERED_VARS, renderedScope, [], RENDERED_NODE);
    expect(stringValueMismatches(values, run)).toEqual([]);
    expect(run.want.map((w) => w.out)).toEqual(['x[1]', 'k[1, 2]', [1], true, [1]]);
  });
});

describe.skipIf(!haveTools)("a lone {{ x }} of a template's number or None vs real Ansible", () => {
  it('variable strings give the value Ansible gives', () => {
    const run = runStringValues(RENDERED_VALUES, RENDERED_VARS, renderedScope, [], RENDERED_NODE);
    expect(stringValueMismatches(RENDERED_VALUES, run)).toEqual([]);
    expect(run.want[3]).toEqual({ out: '42' });
    expect(run.want[0]).toEqual({ out: 42 });
  });
});
