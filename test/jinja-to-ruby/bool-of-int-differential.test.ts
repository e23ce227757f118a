// `n | bool` of an int (geerlingguy mysql's `when: mysql_config_include_files | length | bool`) is
// Ruby's `n == 1`: Ansible's bool filter is True only for the int 1 (`a in ('yes', 'on', '1',
// 'true', 1)`), so a count of 2 is False, not Python's truth of 2. Compared with Ansible's Templar
// on ints and list lengths, printed and as a condition.
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues, stringValueMismatches, typedDefaults } from '../helpers/template-compare.js';

const typed = typedDefaults(['i0: 0', 'i1: 1', 'i2: 2', 'neg: -1', 'big: 100', 'l0: []', 'l1: [a]', 'l2: [a, b]'].join('\n') + '\n');
const SCOPE = typed.scope;

const NAMES = ['i0', 'i1', 'i2', 'neg', 'big', 'l0 | length', 'l1 | length', 'l2 | length'];
const CASES = NAMES.flatMap((n) => [`{{ ${n} | bool }}`, `{{ 'y' if (${n} | bool) else 'n' }}`, `{{ not (${n} | bool) }}`]);

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, SCOPE);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('an int through the bool filter', () => {
  it('is a comparison with 1, no helper', () => {
    for (const v of CASES) expect(ruby(v), v).not.toMatch(/A2C::Jinja/);
    expect(ruby('{{ l2 | length | bool }}')).toBe("node['l2'].length == 1");
  });
});

describe.skipIf(!haveTools)('an int through the bool filter vs real Ansible', () => {
  it('gives what Ansible gives', () => {
    const run = runStringValues(CASES, typed.vars, SCOPE, ['a2c_jinja_magic', 'a2c_jinja_filters'], typed.vars);
    expect(stringValueMismatches(CASES, run)).toEqual([]);
    // 1 is True, and so is a list of one item; 2 and 100 are False.
    expect(run.want.filter((w, i) => i % 3 === 0 && w.out === true).length).toBe(2);
    expect(run.want.filter((w, i) => i % 3 === 0 && w.out === false).length).toBe(NAMES.length - 2);
  });
});
