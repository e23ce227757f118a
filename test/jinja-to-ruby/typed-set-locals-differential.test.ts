// A variable string whose statements set names (`{% set packages = a + b %}{{ packages }}`, the
// *_package_list idiom): each local has the type of its value, so its text prints as Python's str()
// without A2C::Jinja.str, and a list or dict whose repr literal_eval reads back as it was (text,
// ints, booleans, None, and lists and dicts of them) is the value itself, without A2C::Jinja.out and
// convert_data (string-accumulate.ts, re-read.ts). A float (`inf` has no literal) or items of
// unknown type keep both. Compared with Ansible's Templar on the same values (passed as JSON, where
// .inf cannot be written: the float case checks the helper is kept, and the value where JSON has it).
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues, stringValueMismatches, typedDefaults } from '../helpers/template-compare.js';

const { vars, scope } = typedDefaults(
  [
    'base: [git, cron]',
    'more: ["[x]", "True", ""]',
    'ints: [1, -2]',
    'flags: [true, false]',
    'maybe: [true, ~]',
    'nested: [[a], {k: v}]',
    'byname: {a: x, b: "{y}"}',
    'floats: [1.5, .inf]',
    'mixed: [a, 1, 1.5]',
    'empty: []',
    's: "[1]"',
    'host: h1',
  ].join('\n') + '\n',
);

/** Each value, and whether its Ruby keeps a helper (true) or is plain (false). */
const CASES: Array<[string, boolean]> = [
  ['{% set p = base %}{{ p }}', false],
  ['{% set p = base + more %}\n{{ p }}', false],
  ['{% set p = ints %}{{ p }}', false],
  ['{% set p = flags %}{{ p }}', false],
  // a boolean or None: items of no one type, kept
  ['{% set p = maybe %}{{ p }}', true],
  ['{% set p = nested %}{{ p }}', true],
  ['{% set p = byname %}{{ p }}', false],
  ['{% set p = empty %}{{ p }}', false],
  // repr gives `inf` for .inf, which literal_eval refuses (Ansible keeps the text): floats keep the helpers.
  ['{% set p = floats %}{{ p }}', true],
  ['{% set p = mixed %}{{ p }}', true],
  // text convert_data may read: still read back.
  ['{% set p = s %}{{ p }}', true],
  // `~` gives text: printed as it is (the whole text is still read back: render() does not type it).
  ["{% set n = 'cert_' ~ host %}{{ n }}.crt/{{ n }}.key", true],
  // a list gets no trailing newline back (A2C::Jinja.keep_trailing_newlines decides, on the list)
  ['{% set p = base %}{{ p }}\n', false],
];

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, scope);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('a local a variable string sets has its value type', () => {
  it('reads back a list or dict whose repr round-trips as the value, and prints text plain', () => {
    for (const [v, helper] of CASES) expect(/A2C::Jinja\.(?:out|convert_data|str)\(/.test(ruby(v)), v).toBe(helper);
    expect(ruby("{% set n = 'cert_' ~ host %}{{ n }}.crt/{{ n }}.key")).toBe(
      '"cert_#{node[\'host\']}".then { |n| A2C::Jinja.convert_data("#{n}.crt/#{n}.key") }',
    );
    // the value itself, not `.then { |p| p }`
    expect(ruby('{% set p = base %}{{ p }}')).toBe("node['base']");
  });
});

describe.skipIf(!haveTools)('typed set locals vs real Ansible', () => {
  it('give the value Ansible gives', () => {
    const values = CASES.map(([v]) => v);
    const run = runStringValues(values, vars, scope);
    expect(stringValueMismatches(values, run)).toEqual([]);
    // the edge case is what it is meant to be: a list read back, its text items as they were
    expect(run.want[1]!.out).toEqual(['git', 'cron', '[x]', 'True', '']);
  });
});
