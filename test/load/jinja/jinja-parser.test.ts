import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ANSIBLE_JINJA_SETTINGS,
  applyWhitespace,
  containsJinja,
  parseExpression,
  parseString,
  parseTemplate,
  type Expr,
  type JinjaSettings,
  type Node,
} from '../../../src/load/jinja/index.js';
import { hasPythonModule, requireOrSkip } from '../../helpers/real-tools.js';

function expr(text: string): Expr {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
}

function nodes(text: string): Node[] {
  const r = parseString(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
}

/** The expression of the single `{{ }}` in `text`. */
function out(text: string): Expr {
  const n = nodes(text).find((x) => x.kind === 'output');
  if (n?.kind !== 'output') throw new Error('no output');
  return n.expr;
}

describe('literals', () => {
  it('reads constants in both spellings', () => {
    expect(expr('True')).toEqual({ kind: 'const', value: true, pos: { line: 1, col: 1 } });
    expect(expr('false')).toMatchObject({ kind: 'const', value: false });
    expect(expr('None')).toMatchObject({ kind: 'const', value: null });
    expect(expr('none')).toMatchObject({ kind: 'const', value: null });
    expect(out('{{ 42 }}')).toMatchObject({ value: 42, pos: { line: 1, col: 4 } });
    expect(out('{{ 1_000 }}')).toMatchObject({ value: 1000 });
    expect(out('{{ 0x1F }}')).toMatchObject({ value: 31 });
    expect(out('{{ 2.5e1 }}')).toMatchObject({ value: 25 });
  });

  it('decodes strings like Python', () => {
    expect(out(`{{ 'a\\'b\\n' }}`)).toMatchObject({ value: "a'b\n" });
    expect(out(`{{ "x\\ty" 'z' }}`)).toMatchObject({ value: 'x\tyz' });
    expect(out(`{{ '\\d\\u00e9' }}`)).toMatchObject({ value: '\\d\u00e9' });
    expect(parseString(`{{ '\\x4' }}`)).toMatchObject({ ok: false, error: { message: 'truncated \\xXX escape' } });
  });

  it('builds lists, dicts and tuples', () => {
    expect(out('{{ [1, 2,] }}')).toMatchObject({ kind: 'list', items: [{ value: 1 }, { value: 2 }] });
    expect(out("{{ {'a': 1, b: c} }}")).toMatchObject({
      kind: 'dict',
      pairs: [
        { key: { value: 'a' }, value: { value: 1 } },
        { key: { kind: 'name', name: 'b' }, value: { name: 'c' } },
      ],
    });
    expect(out('{{ (a,) }}')).toMatchObject({ kind: 'tuple', items: [{ name: 'a' }], pos: { col: 4 } });
    expect(out('{{ () }}')).toMatchObject({ kind: 'tuple', items: [] });
    expect(out('{{ a, b }}')).toMatchObject({ kind: 'tuple', items: [{ name: 'a' }, { name: 'b' }] });
  });
});

describe('access, calls, filters, tests', () => {
  it('reads attributes, items and slices', () => {
    expect(out('{{ a.b }}')).toMatchObject({ kind: 'getattr', node: { name: 'a' }, attr: 'b', pos: { col: 4 } });
    expect(out('{{ a.0 }}')).toMatchObject({ kind: 'getattr', attr: '0' });
    expect(out('{{ a.0.1 }}')).toMatchObject({ kind: 'getattr', attr: '1', node: { kind: 'getattr', attr: '0' } });
    expect(out("{{ a['k'] }}")).toMatchObject({ kind: 'getitem', arg: { value: 'k' } });
    expect(out('{{ a[1:] }}')).toMatchObject({ kind: 'slice', start: { value: 1 }, stop: null, step: null });
    expect(out('{{ a[::-1] }}')).toMatchObject({ kind: 'slice', start: null, stop: null, step: { kind: 'unary', op: '-' } });
  });

  it('reads calls with every argument form', () => {
    expect(out('{{ f(1, x=2, *a, **k) }}')).toMatchObject({
      kind: 'call',
      node: { name: 'f' },
      args: [{ value: 1 }],
      kwargs: [{ name: 'x', value: { value: 2 } }],
      dynArgs: { name: 'a' },
      dynKwargs: { name: 'k' },
    });
    expect(parseString('{{ f(x=1, 2) }}')).toMatchObject({ ok: false, error: { message: 'invalid syntax for function call expression' } });
  });

  it('reads filters, dotted names included', () => {
    const e = out("{{ x | default('a') | ansible.utils.ipaddr('net') }}");
    expect(e).toMatchObject({ kind: 'filter', name: 'ansible.utils.ipaddr', args: [{ value: 'net' }], pos: { line: 1, col: 4 } });
    expect(e.kind === 'filter' && e.node).toMatchObject({ kind: 'filter', name: 'default', node: { name: 'x' } });
    expect(out('{{ x|join(sep=",") }}')).toMatchObject({ kwargs: [{ name: 'sep', value: { value: ',' } }] });
  });

  it('reads tests with and without arguments', () => {
    expect(expr("v is version('2.0', '>=')")).toMatchObject({
      kind: 'test',
      name: 'version',
      args: [{ value: '2.0' }, { value: '>=' }],
      negated: false,
    });
    expect(expr('x is not defined')).toMatchObject({ kind: 'test', name: 'defined', args: [], negated: true });
    expect(expr('x is sameas false')).toMatchObject({ kind: 'test', name: 'sameas', args: [{ value: false }] });
    expect(expr('x is divisibleby 3')).toMatchObject({ kind: 'test', args: [{ value: 3 }] });
    expect(expr('x is defined and y')).toMatchObject({ kind: 'binop', op: 'and', left: { kind: 'test', args: [] } });
    expect(parseExpression('x is a is b')).toMatchObject({ ok: false, error: { message: 'You cannot chain multiple tests with is' } });
  });
});

describe('operators', () => {
  it('follows Jinja precedence', () => {
    expect(expr('1 + 2 * 3 ** 4')).toMatchObject({ op: '+', right: { op: '*', right: { op: '**' } } });
    expect(expr('a ~ b + c')).toMatchObject({ op: '+', left: { op: '~' } });
    expect(expr('a // b % c')).toMatchObject({ op: '%', left: { op: '//' } });
    expect(expr('not a or b and c')).toMatchObject({ op: 'or', left: { kind: 'unary', op: 'not' }, right: { op: 'and' } });
    expect(expr('-x | abs')).toMatchObject({ kind: 'filter', node: { kind: 'unary', op: '-' } });
  });

  it('reads membership and chained comparisons', () => {
    expect(expr("'a' in x")).toMatchObject({ op: 'in' });
    expect(expr("'a' not in x")).toMatchObject({ op: 'not in' });
    const chain = expr('1 < x <= 3');
    expect(chain).toMatchObject({
      op: 'and',
      left: { op: '<', left: { value: 1 } },
      right: { op: '<=', left: { name: 'x' }, right: { value: 3 } },
    });
  });

  it('reads inline if with and without else', () => {
    expect(out("{{ 'a' if x else 'b' }}")).toMatchObject({
      kind: 'condexpr',
      test: { name: 'x' },
      then: { value: 'a' },
      otherwise: { value: 'b' },
    });
    expect(out('{{ a if x }}')).toMatchObject({ kind: 'condexpr', otherwise: null });
  });
});

describe('conditionals (parseExpression)', () => {
  it('gives positions relative to the condition text', () => {
    expect(expr('x == 1')).toMatchObject({ pos: { line: 1, col: 1 }, right: { pos: { line: 1, col: 6 } } });
    expect(expr('a and\n  b')).toMatchObject({ right: { name: 'b', pos: { line: 2, col: 3 } } });
  });

  it('accepts and rejects what Ansible`s {% if %} wrapper does', () => {
    expect(expr('a, b')).toMatchObject({ kind: 'tuple' });
    expect(parseExpression("'a' if x else 'b'").ok).toBe(false);
    expect(parseExpression('{{ x }}').ok).toBe(false);
    expect(parseExpression('x ==').ok).toBe(false);
  });
});

describe('statements', () => {
  it('reads if/elif/else with tag marks and positions', () => {
    const [n] = nodes('{% if a %}x{%- elif b -%}y{% else +%}z{% endif -%}');
    expect(n).toMatchObject({
      kind: 'if',
      pos: { line: 1, col: 1 },
      branches: [
        { test: { name: 'a', pos: { col: 7 } }, body: [{ kind: 'text', text: 'x', pos: { col: 11 } }], tag: { before: '', after: '' } },
        { test: { name: 'b' }, body: [{ text: 'y' }], tag: { before: '-', after: '-' } },
      ],
      else: [{ text: 'z' }],
      elseTag: { before: '', after: '+' },
      endTag: { before: '', after: '-' },
    });
  });

  it('reads for loops: tuple targets, filter, recursive, else', () => {
    const [n] = nodes('{% for k, v in d.items() if v recursive %}{{ k }}{% else %}-{% endfor %}');
    expect(n).toMatchObject({
      kind: 'for',
      target: { kind: 'tuple', items: [{ name: 'k' }, { name: 'v' }] },
      iter: { kind: 'call', node: { kind: 'getattr', attr: 'items' } },
      filter: { name: 'v' },
      recursive: true,
      body: [{ kind: 'output' }],
      else: [{ text: '-' }],
    });
    expect(nodes('{% for x in y %}{% endfor %}')[0]).toMatchObject({ else: null, elseTag: null, filter: null, recursive: false });
  });

  it('reads set, block set with filters, namespace set', () => {
    expect(nodes('{% set a, b = 1, 2 %}')[0]).toMatchObject({ kind: 'set', target: { kind: 'tuple' }, value: { kind: 'tuple' } });
    expect(nodes('{% set ns.x = 1 %}')[0]).toMatchObject({ kind: 'set', target: { kind: 'getattr', node: { name: 'ns' }, attr: 'x' } });
    expect(nodes('{% set x | trim | upper %} a {% endset %}')[0]).toMatchObject({
      kind: 'setblock',
      target: { name: 'x' },
      filters: [{ name: 'trim' }, { name: 'upper' }],
      body: [{ text: ' a ' }],
    });
  });

  it('reads macros and call blocks', () => {
    expect(nodes('{% macro m(a, b=2) %}{{ a }}{% endmacro %}')[0]).toMatchObject({
      kind: 'macro',
      name: 'm',
      params: [
        { name: 'a', default: null },
        { name: 'b', default: { value: 2 } },
      ],
    });
    expect(nodes('{% call(x) m(1) %}{{ x }}{% endcall %}')[0]).toMatchObject({
      kind: 'callblock',
      params: [{ name: 'x' }],
      call: { kind: 'call' },
    });
    expect(parseString('{% macro m(a=1, b) %}{% endmacro %}').ok).toBe(false);
    expect(parseString('{% call m %}{% endcall %}')).toMatchObject({ ok: false, error: { message: 'expected call' } });
  });

  it('reads raw, comments, include, import, filter and with blocks', () => {
    expect(nodes('{%- raw -%} {{ x }} {%+ endraw %}')[0]).toMatchObject({
      kind: 'raw',
      text: ' {{ x }} ',
      tag: { before: '-', after: '-' },
      endTag: { before: '+', after: '' },
    });
    expect(nodes('a{#- note #}')[1]).toMatchObject({ kind: 'comment', text: ' note ', tag: { before: '-', after: '' }, pos: { col: 2 } });
    expect(nodes("{% include 'x.j2' ignore missing without context %}")[0]).toMatchObject({
      kind: 'include',
      template: { value: 'x.j2' },
      ignoreMissing: true,
      withContext: false,
    });
    expect(nodes("{% include 'x' %}")[0]).toMatchObject({ ignoreMissing: false, withContext: true });
    expect(nodes("{% import 'm.j2' as m %}")[0]).toMatchObject({ kind: 'import', alias: 'm', names: [] });
    expect(nodes("{% from 'm.j2' import a, b as c with context %}")[0]).toMatchObject({
      kind: 'import',
      alias: null,
      names: [
        { name: 'a', alias: null },
        { name: 'b', alias: 'c' },
      ],
    });
    expect(nodes('{% filter upper %}x{% endfilter %}')[0]).toMatchObject({ kind: 'filterblock', filters: [{ name: 'upper' }] });
    expect(nodes('{% with a = 1, b = a %}{{ b }}{% endwith %}')[0]).toMatchObject({
      kind: 'with',
      targets: [{ target: { name: 'a' } }, { target: { name: 'b' } }],
    });
  });

  it('keeps rarely used tags as other', () => {
    expect(nodes('{% do x.append(1) %}')[0]).toMatchObject({ kind: 'other', tagName: 'do', source: 'do x.append(1)', body: null });
    expect(nodes('{% for x in y %}{% break %}{% endfor %}')[0]).toMatchObject({ body: [{ kind: 'other', tagName: 'break' }] });
    expect(nodes('{% block b %}x{% endblock b %}')[0]).toMatchObject({ kind: 'other', tagName: 'block', body: [{ text: 'x' }] });
  });

  it('gives multi-line positions', () => {
    const n = nodes('line1\n  {{ a |\n  f }}\n{% if x %}\n{{ y }}{% endif %}');
    expect(n[1]).toMatchObject({ kind: 'output', pos: { line: 2, col: 3 }, expr: { kind: 'filter', pos: { line: 2, col: 6 } } });
    expect(n[3]).toMatchObject({
      kind: 'if',
      pos: { line: 4, col: 1 },
      branches: [{ body: [{ text: '\n' }, { kind: 'output', pos: { line: 5, col: 1 } }] }],
    });
  });
});

describe('syntax errors', () => {
  const err = (t: string) => {
    const r = parseTemplate(t);
    if (r.ok) throw new Error(`accepted: ${t}`);
    return r.error;
  };

  it('reports Jinja`s line', () => {
    expect(err('a\n{% if x %}\nb\n')).toMatchObject({ pos: { line: 3 }, message: expect.stringContaining("'endif'") });
    expect(err('{% for x in y %}\n{% endif %}')).toMatchObject({
      pos: { line: 2 },
      message: expect.stringContaining("Encountered unknown tag 'endif'"),
    });
    expect(err('x\n{{ a b }}')).toMatchObject({ pos: { line: 2, col: 6 }, message: "expected token 'end of print statement', got 'b'" });
    expect(err('{# open\n\n')).toMatchObject({ pos: { line: 1 }, message: 'Missing end of comment tag' });
    expect(err('{{ x ]}}')).toMatchObject({ message: "unexpected ']'" });
    expect(err('{% set 1 = 2 %}')).toMatchObject({ message: "can't assign to 'const'" });
    expect(err("{% from 'x' import _p %}")).toMatchObject({ message: 'names starting with an underline can not be imported' });
  });

  it('accepts a comment or raw block opened at the very end, as Jinja does', () => {
    expect(parseTemplate('a {#\n').ok).toBe(true);
    expect(parseTemplate('a {% raw %}').ok).toBe(true);
    expect(err('a {# x')).toMatchObject({ message: 'Missing end of comment tag' });
  });

  it('reports the earlier parse error before a later lexer error, like Jinja`s lazy lexer', () => {
    expect(err('{{ a b }}\n{{ ! }}')).toMatchObject({ pos: { line: 1 } });
  });
});

describe('settings and helpers', () => {
  it('honours a #jinja2: header and returns the effective settings', () => {
    const r = parseTemplate('#jinja2: trim_blocks: False, lstrip_blocks: True\n{% if x %}\n{% endif %}');
    expect(r.ok && r.value.settings).toMatchObject({ trimBlocks: false, lstripBlocks: true });
    expect(r.ok && r.value.nodes[0]).toMatchObject({ kind: 'if', pos: { line: 2, col: 1 } });
    expect(parseTemplate('#jinja2: trim_blocks False\nx').ok).toBe(false);
    const custom = parseTemplate("#jinja2: variable_start_string: '[[', variable_end_string: ']]'\n[[ x ]] {{ y }}");
    expect(custom.ok && custom.value.nodes.map((n) => n.kind)).toEqual(['output', 'text']);
  });

  it('detects Jinja markup', () => {
    expect(containsJinja('a {{ b }}')).toBe(true);
    expect(containsJinja('{# c #}')).toBe(true);
    expect(containsJinja('50% {x}')).toBe(false);
  });
});

// ---- whitespace control, checked against real Jinja2 rendering ----

/** Renders the constant-only templates below: text, string outputs, if on constants, comments, raw, set. */
function renderConst(ns: Node[]): string {
  return ns
    .map((n): string => {
      switch (n.kind) {
        case 'text':
        case 'raw':
          return n.text;
        case 'output':
          return n.expr.kind === 'const' ? String(n.expr.value) : '?';
        case 'if': {
          const hit = n.branches.find((b) => b.test.kind === 'const' && b.test.value === true);
          return renderConst(hit ? hit.body : (n.else ?? []));
        }
        case 'for':
          return n.iter.kind === 'list' ? n.iter.items.map(() => renderConst(n.body)).join('') : '?';
        case 'comment':
        case 'set':
          return '';
        default:
          return '?';
      }
    })
    .join('');
}

const WS_TEMPLATES = [
  'a\n{% if true %}\nb\n{% endif %}\nc\n',
  '  {% if true %}\n  x\n  {% endif %}\n',
  '  {%+ if true %}\n  x\n  {%- endif %}  \n\n',
  'a  {%- if true -%}  \n b \n  {%- endif -%}\n\n c',
  '{{ "v" }}\n{{- "w" -}}\n  x\n',
  '  {{ "v" }}\n\t{# comment #}\n  {#- c2 -#}  \ny\n',
  '{% raw %}\n  {{ x }}\n  {% endraw %}\nz\n',
  '{%- raw -%}\n  {{ x }}\n  {%- endraw -%}\n  z',
  '{% for i in [1, 2] %}\n  - {{ "i" }}\n{% endfor %}\n',
  '{% for i in [1, 2] +%}\n  {% if false %}\nno\n  {% else %}\nyes\n  {% endif +%}\n{% endfor %}',
  'x\r\n{% if true %}\r\ny\r\n  {% endif %}\r\nz\r\n',
  '\t {% set a = 1 %}\n\t {# c #}\nend\n\n',
  '{% if true %}{% endif %}  {% if true %}\n{% endif %}',
  'only text\n',
  'a\n\n',
  '{{ "x" }} {%- if true +%} \n{% endif %}',
];

const available = requireOrSkip('python3-jinja2', hasPythonModule('jinja2'));

describe.skipIf(!available)('applyWhitespace matches Jinja2 rendering', () => {
  it('for every template under every whitespace setting', () => {
    const cases: Array<{ template: string; settings: JinjaSettings }> = [];
    for (const template of WS_TEMPLATES) {
      for (const trimBlocks of [true, false]) {
        for (const lstripBlocks of [false, true]) {
          for (const keepTrailingNewline of [false, true]) {
            cases.push({ template, settings: { ...ANSIBLE_JINJA_SETTINGS, trimBlocks, lstripBlocks, keepTrailingNewline } });
          }
        }
      }
    }
    const input = cases.map((c) => ({
      template: c.template,
      trim_blocks: c.settings.trimBlocks,
      lstrip_blocks: c.settings.lstripBlocks,
      keep_trailing_newline: c.settings.keepTrailingNewline,
    }));
    const script = fileURLToPath(new URL('../../tools/jinja-parse.py', import.meta.url));
    const run = spawnSync('/usr/bin/python3', [script, 'render'], { input: JSON.stringify(input), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as unknown[];
    const mismatches: string[] = [];
    cases.forEach((c, i) => {
      const parsed = parseTemplate(c.template, c.settings);
      if (!parsed.ok) throw new Error(`${c.template}: ${parsed.error.message}`);
      const ours = renderConst(applyWhitespace(parsed.value.nodes, c.settings));
      const want = expected[i];
      if (ours !== want)
        mismatches.push(
          `${JSON.stringify(c.template)} ${JSON.stringify(input[i])}\n  jinja2: ${JSON.stringify(want)}\n  ours:   ${JSON.stringify(ours)}`,
        );
    });
    expect(cases.length).toBe(WS_TEMPLATES.length * 8);
    expect(mismatches.join('\n')).toBe('');
  });
});
