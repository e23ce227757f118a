// Helpers dropped where the operand's type decides the answer, against Ansible's Templar:
// `is truthy`/`is falsy` (Python's bool()) of text, lists, dicts, ints and booleans as plain Ruby,
// of `x | bool` (None for None) as `== true`; `c | ternary(int, '')`, a text-or-integer rendered
// as its digits or itself. Values of unknown type keep A2C::Jinja.truthy.
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { attributeScope, runStringValues, stringValueMismatches, typedDefaults } from '../helpers/template-compare.js';

const { vars, scope } = typedDefaults(
  [
    's: text',
    'e: ""',
    'l: [a]',
    'el: []',
    'd: {a: 1}',
    'ed: {}',
    'i: 3',
    'zero: 0',
    'b: true',
    'bf: false',
    'n: ~',
    'yes_word: "yes"',
    'port: 5000',
  ].join('\n') + '\n',
);

const TRUTH = ['s', 'e', 'l', 'el', 'd', 'ed', 'i', 'zero', 'b', 'bf'];
/** Each value, and whether its Ruby keeps an A2C::Jinja helper. */
const CASES: Array<[string, boolean]> = [
  ...TRUTH.flatMap(
    (x): Array<[string, boolean]> => [
      [`{{ ${x} is truthy }}`, false],
      [`{{ ${x} is falsy }}`, false],
    ],
  ),
  // `| bool` gives None for None, True for 'yes': the helper stays, its truth is `== true`
  ['{{ (n | bool) is truthy }}', true],
  ['{{ (yes_word | bool) is falsy }}', true],
  // None: no type the rule knows
  ['{{ n is truthy }}', true],
  ["{{ b | ternary(port, '') }}", false],
  ["{{ bf | ternary(port, '') }}", false],
  ["x{{ b | ternary(port, 'none') }}", false],
];

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, scope);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('tests and ternaries of typed values', () => {
  it('are plain Ruby where the type decides', () => {
    for (const [v, helper] of CASES)
      expect(/A2C::Jinja\.(?:truthy|bool|out|convert_data|ternary)\(/.test(ruby(v)), `${v}: ${ruby(v)}`).toBe(helper);
    expect(ruby('{{ e is truthy }}')).toBe("!node['e'].empty?");
    expect(ruby('{{ (n | bool) is truthy }}')).toBe("A2C::Jinja.bool(node['n']) == true");
    expect(ruby("{{ b | ternary(port, '') }}")).toBe("node['b'] ? node['port'].to_s : ''");
  });
});

describe.skipIf(!haveTools)('tests and ternaries of typed values vs real Ansible', () => {
  it('give the value Ansible gives', () => {
    const values = CASES.map(([v]) => v);
    const run = runStringValues(values, vars, scope);
    expect(stringValueMismatches(values, run)).toEqual([]);
    // both answers are reached, and the ternary's two kinds of text
    expect(new Set(run.want.slice(0, TRUTH.length * 2).map((w) => w.out))).toEqual(new Set([true, false]));
    expect(run.want.slice(-3).map((w) => w.out)).toEqual(['5000', '', 'x5000']);
  });
});

// default() of a comparison, membership or `not`: Jinja computes the boolean, or fails on an undefined
// operand, before default() is called; so default() never applies (the helper's try would have
// given the fallback where Ansible fails).
const UNTYPED: Record<string, unknown> = { s: 'a', l: [1] };
const DEFAULTED = [
  "{{ (s == 'a') | default(true) }}",
  "{{ (s != 'a') | default(true) }}",
  '{{ (1 in l) | default(false) }}',
  "{{ (not s) | default('x') }}",
  "{{ (missing == 'a') | default(true) }}",
  '{{ (missing in l) | default(true) }}',
  "{{ (not missing) | default('x') }}",
  // with boolean=true, default() tests the value: the helper stays
  "{{ (s != 'a') | default('no', true) }}",
];

describe('default() of a comparison', () => {
  it('is the comparison', () => {
    const scope = attributeScope(UNTYPED);
    const r = (v: string) => {
      const t = translateStringValue(v, scope);
      if (!t.ok) throw new Error(t.reason);
      return printExpr(t.value);
    };
    expect(DEFAULTED.slice(0, -1).filter((v) => r(v).includes('A2C::Jinja.default('))).toEqual([]);
    expect(r(DEFAULTED.at(-1)!)).toContain('A2C::Jinja.default(');
  });
});

describe.skipIf(!haveTools)('default() of a comparison vs real Ansible', () => {
  it('gives the value Ansible gives, and fails where it fails', () => {
    const run = runStringValues(DEFAULTED, UNTYPED, attributeScope(UNTYPED));
    expect(stringValueMismatches(DEFAULTED, run)).toEqual([]);
    expect(run.want.filter((w) => w.error !== undefined)).toHaveLength(3);
  });
});
