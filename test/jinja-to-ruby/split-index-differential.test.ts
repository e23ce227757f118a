// `v.split(sep)[i]` as Ruby's `v.split(sep, -1).fetch(i)` (src/jinja-to-ruby/split-index.ts),
// compared with Ansible's Templar on generated text: empty, no separator, leading and trailing
// separators, a lone separator run, Unicode spaces and letters, a separator of two characters; and,
// read from what a task stored, values that are no str (a list, a dict with a 'split' key, a bool,
// an int, None, text Ansible reads back as a list). An index past the end fails in both.
import { describe, expect, it } from 'vitest';
import { call, str } from '../../src/ir/ruby-ast.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues, stringValueMismatches, typedDefaults } from '../helpers/template-compare.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { printExpr } from '../../src/print/print-expr.js';

const TEXTS: Record<string, string> = {
  ver: '2.4.58',
  two: '2.4',
  nodot: 'abc',
  empty: '',
  trail: '2.4.',
  dots: '..',
  lead: '.4',
  uni: '\u00e9.\u00a0\u2003.4',
  spaced: ' 2 . 4 ',
  colons: 'a::b::4::',
};
// Values a task stored that are no str: Ansible's and the support library's alike.
const STORED: Record<string, unknown> = {
  ...TEXTS,
  list: [1, 2],
  dict: { split: 'x.y' },
  yes: true,
  num: 24,
  none: null,
  brackets: '[1.4]',
};

const typed = typedDefaults(
  `${Object.entries(TEXTS)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n`,
);
const REGISTERED = 'ansible2chef_registered';
// `s_<name>`: the stored value, read as the translation reads a set_fact (A2C::Tasks.registered).
const SCOPE: JinjaScope = {
  ...typed.scope,
  lookupVar: (n) =>
    n.startsWith('s_')
      ? {
          kind: 'ruby',
          expr: call({ k: 'const', path: ['A2C', 'Tasks'] }, 'registered', [
            { k: 'index', recv: { k: 'var', name: 'node' }, key: str('rs') },
            str(n),
          ]),
        }
      : n === 'missing'
        ? { kind: 'attribute', path: [n] }
        : typed.scope.lookupVar(n),
};
const VARS: Record<string, unknown> = { ...typed.vars, ...Object.fromEntries(Object.entries(STORED).map(([k, v]) => [`s_${k}`, v])) };
const NODE: Record<string, unknown> = {
  ...typed.vars,
  rs: { [REGISTERED]: Object.fromEntries(Object.entries(STORED).map(([k, v]) => [`s_${k}`, v])) },
};

const SEPS = ["'.'", "'::'", "'\u00a0'"];
const INDEXES = ['1', '2', '-2', '0'];
const receivers = [...Object.keys(TEXTS), ...Object.keys(STORED).map((k) => `s_${k}`)];
const VALUES = receivers.flatMap((r) =>
  SEPS.flatMap((sep) =>
    INDEXES.flatMap((i) => [
      `{{ ${r}.split(${sep})[${i}] == '4' }}`,
      `{{ ${r}.split(${sep})[${i}] != '4' }}`,
      `{{ ${r}.split(${sep})[${i}] }}`,
    ]),
  ),
);

const ruby = (v: string): string => {
  const t = translateStringValue(v, SCOPE);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

describe('an indexed split of a str', () => {
  it("is Ruby's split with every field kept, read by fetch", () => {
    expect(ruby("{{ ver.split('.')[1] == '4' }}")).toBe("node['ver'].split('.', -1).fetch(1) == '4'");
    expect(ruby("{{ s_ver.split('.')[1] == '4' }}")).toBe("A2C::Tasks.registered(node['rs'], 's_ver').split('.', -1).fetch(1) == '4'");
    expect(ruby("{{ ver.split('::')[2] != '4' }}")).toBe("node['ver'].split('::', -1).fetch(2) != '4'");
  });

  it('keeps the helpers where Ruby differs or the receiver may be another value', () => {
    // '' splits into [''] in Python, [] in Ruby: index 0 and -1 differ.
    expect(ruby("{{ ver.split('.')[0] == '4' }}")).toMatch(/A2C::Jinja\.item/);
    expect(ruby("{{ ver.split('.')[-1] == '4' }}")).toMatch(/A2C::Jinja\./);
    expect(ruby("{{ ver.split('.')[-2] == '4' }}")).toBe("node['ver'].split('.', -1).fetch(-2) == '4'");
    // A single space is Ruby's whitespace split; no argument is Python's (Unicode) whitespace split.
    expect(ruby("{{ ver.split(' ')[1] == '4' }}")).toMatch(/A2C::Jinja\.item/);
    expect(ruby('{{ ver.split()[1] == "4" }}')).toMatch(/A2C::Jinja\.item/);
    // A node attribute of unknown type.
    expect(ruby("{{ missing.split('.')[1] == '4' }}")).toMatch(/A2C::Jinja\.item/);
  });
});

describe.skipIf(!haveTools)('an indexed split vs real Ansible', () => {
  it('gives what Ansible gives, and fails where it fails', () => {
    // In batches: one Ruby command line holds every expression.
    const runs = Array.from({ length: Math.ceil(VALUES.length / 72) }, (_, k) => {
      const values = VALUES.slice(k * 72, (k + 1) * 72);
      const r = runStringValues(values, VARS, SCOPE, ['a2c_tasks'], NODE);
      expect(stringValueMismatches(values, r)).toEqual([]);
      return r;
    });
    const run = { exprs: runs.flatMap((r) => r.exprs), want: runs.flatMap((r) => r.want) };
    // The plain form is compared, not only the helpers: most values print it.
    // Every value at index 1, 2 and -2 (three of the four), none at 0.
    const plain = run.exprs.filter((e) => /\.split\(/.test(e) && !/A2C::Jinja\.(item|call_method)/.test(e));
    expect(plain.length).toBe((VALUES.length / 4) * 3);
    // Both sides fail somewhere (an index past the end, a value with no split) and succeed elsewhere.
    expect(run.want.some((w) => w.error !== undefined)).toBe(true);
    expect(run.want.filter((w) => w.out === true).length).toBeGreaterThan(5);
  });
});
