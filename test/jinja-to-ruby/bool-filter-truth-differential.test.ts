// `x | bool` of a value of unknown type gives True, False or None (Ansible's bool filter hands None
// back): as a condition, and as the choice of a two-value `| ternary` (None picks false_val when no
// none_val is given), Ruby's truth of A2C::Jinja.bool's true, false and nil is Python's, so neither
// A2C::Jinja.truthy nor A2C::Jinja.ternary wraps it (jinja-to-ruby/rb.ts isBoolFilterCall). Printed,
// None is '' and not 'False': that keeps A2C::Jinja.out. Compared with real Ansible on every kind.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { attributeScope, erbOf, renderBoth } from '../helpers/template-compare.js';

const VALUES: Record<string, unknown> = {
  v_none: null,
  v_yes: 'yes',
  v_no: 'no',
  v_on: 'On',
  v_zero: 0,
  v_one: 1,
  v_empty: '',
  v_true_text: 'True',
  v_false_text: 'False',
  v_true: true,
  v_false: false,
  v_list: [],
  v_dict: { a: 1 },
  v_float: 1.0,
};
const scope = attributeScope(VALUES);
const USES = (x: string) =>
  `{% if ${x} | bool %}T{% else %}F{% endif %}|{{ (${x} | bool) | ternary('a', 'b') }}|{% if not ${x} | bool %}N{% endif %}|{{ (${x} | bool) or 'z' }}|{{ ${x} | bool }}|{% if ${x} | bool and true %}A{% endif %}`;

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe('`x | bool` of a value of unknown type', () => {
  it('is a Ruby condition as it is, and chooses a two-value ternary with ?:', () => {
    expect(erbOf("{% if x | bool %}T{% endif %}{{ (x | bool) | ternary('a', 'b') }}", attributeScope({ x: 1 }))).toBe(
      "<% if A2C::Jinja.bool(A2C::Jinja.var(node, 'x')) %>\nT<% end %><%= A2C::Jinja.bool(A2C::Jinja.var(node, 'x')) ? 'a' : 'b' %>",
    );
    // With none_val, None has its own value: the helper stays.
    expect(erbOf("{{ (x | bool) | ternary('a', 'b', 'n') }}", attributeScope({ x: 1 }))).toContain('A2C::Jinja.ternary(');
  });

  it.skipIf(!haveTools)('renders as Ansible does for every kind of value', () => {
    const templates = Object.keys(VALUES).map(USES);
    const { erbs, want, diffs } = renderBoth(templates, VALUES, scope);
    expect(diffs).toEqual([]);
    // None is neither: false in the condition, false_val chosen, '' printed.
    expect(want[0]!.out).toBe('F|b|N|z||');
    expect(erbs.every((e) => !/A2C::Jinja\.(truthy|ternary)\(A2C::Jinja\.bool\(A2C::Jinja\.var\(node, '\w+'\)\)\)/.test(e!))).toBe(true);
  });
});
