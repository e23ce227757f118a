// `c | ternary(a, b)` whose values are `~` or `+` of literals and variables the cookbook always
// sets (geerlingguy apache's `(apache_listen_ip == '*') | ternary('', apache_listen_ip + ':')`) is
// Ruby's `c ? a : b`: Jinja evaluates both values, and `~` of defined values or `+` of two strs
// cannot fail, so evaluating only the chosen one gives the same text. `+` of other types (which
// Python may refuse, even in the value not chosen) keeps the helper. Compared with Ansible's Templar
// on generated values: empty and non-empty texts, Unicode, ints and bools joined with `~`.
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues, stringValueMismatches, typedDefaults } from '../helpers/template-compare.js';

const typed = typedDefaults(
  ['ip: "*"', 'ip6: "2001:db8::1"', 'empty: ""', 'uni: "\u00e9\u2003x"', 'port: 8080', 'b: true', 'f: false', 'fl: 1.5'].join('\n') + '\n',
);
const SCOPE = typed.scope;

const CONDS = ["ip == '*'", "ip6 == '*'", 'b', 'f', "empty == ''"];
const VALUES_OF = [
  "('', ip + ':')",
  "('', ip6 + ':')",
  "(empty + uni, uni + '/')",
  "(ip6 ~ ':' ~ port, 'x' ~ b)",
  "(port ~ '', uni ~ fl)",
  "('[' ~ ip6 ~ ']', ip6)",
];
const CASES = CONDS.flatMap((c) => VALUES_OF.map((v) => `{{ (${c}) | ternary${v} }}`));

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, SCOPE);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('a ternary of concatenations', () => {
  it("is Ruby's ?: where every value is `~` or str `+` of settled values", () => {
    for (const v of CASES) expect(ruby(v), v).not.toMatch(/A2C::Jinja\.ternary/);
    expect(ruby("Listen {{ (ip == '*') | ternary('', ip + ':') }}{{ port }}")).toBe(
      "\"Listen #{node['ip'] == '*' ? '' : node['ip'] + ':'}#{node['port']}\"",
    );
  });

  it('keeps the helper where a `+` may fail in the value not chosen', () => {
    // int + str: Python raises TypeError even where the condition picks the other value.
    expect(ruby("{{ b | ternary('a', port + 'x') }}")).toMatch(/A2C::Jinja\.ternary/);
    expect(ruby("{{ b | ternary('a', fl + 1) }}")).toMatch(/A2C::Jinja\.ternary/);
  });
});

describe.skipIf(!haveTools)('a ternary of concatenations vs real Ansible', () => {
  it('gives the text Ansible gives', () => {
    const values = [...CASES, "{{ b | ternary('a', port + 'x') }}"];
    const run = runStringValues(values, typed.vars, SCOPE, ['a2c_jinja_magic', 'a2c_jinja_filters'], typed.vars);
    expect(stringValueMismatches(values, run)).toEqual([]);
    // Both choices are taken somewhere, and the mixed `+` fails in both.
    expect(run.want.filter((w) => w.out === '').length).toBeGreaterThan(0);
    expect(run.want.at(-1)!.error).toBeDefined();
  });
});
