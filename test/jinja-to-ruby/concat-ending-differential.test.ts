// A template ending with `{{ a ~ b }}` and a newline: Ansible's template action gives back the
// trailing newline Jinja drops where the rendered text lacks it. A `~` text ends as str() of its last
// operand does: where that is literal text without a final newline, or an int, bool or list (never
// empty, never ending with one), the newline is written as template text after the value
// (template.ts concatEnding); otherwise A2C::Jinja.end_with_newlines still decides at run time.
// Compared with real Ansible on text that is empty or ends with a newline itself.
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { erbOf, renderBoth } from '../helpers/template-compare.js';
import { typedDefaults } from '../helpers/typed-defaults.js';

const { scope } = typedDefaults(['s: host', 'i: 8080', 'b: true', 'l: [1]', 'n: ~'].join('\n'), []);

const PLAIN = ["{{ 'http://' ~ s ~ ':' ~ i }}\n", "{{ s ~ ':' }}\n", '{{ s ~ b }}\n', '{{ s ~ l }}\n\n'];
// Kept: a last operand that may be empty or end with a newline (a str, a literal newline, None's '').
const KEPT = ['{{ i ~ s }}\n', "{{ s ~ '\\n' }}\n", "{{ i ~ '' }}\n", '{{ s ~ n }}\n'];

describe('a template ending with a `~` text', () => {
  it('writes the owed newline as text where the last operand never ends with one', () => {
    expect(erbOf(PLAIN[0]!, scope)).toBe(`<%= "http://#{node['s']}:#{node['i']}" %>\n`);
    for (const t of PLAIN) expect(erbOf(t, scope), t).not.toContain('end_with_newlines');
    for (const t of KEPT) expect(erbOf(t, scope), t).toContain('A2C::Jinja.end_with_newlines');
  });
});

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const VALUES: Array<Record<string, unknown>> = [
  { s: 'host', i: 8080, b: true, l: [1], n: null },
  { s: '', i: 0, b: false, l: [], n: null },
  { s: 'a\n', i: -1, b: true, l: ['x\n'], n: null },
];

describe.skipIf(!haveTools)('a template ending with a `~` text vs real Ansible', () => {
  for (const [k, vars] of VALUES.entries()) {
    it(`renders the same text, trailing newlines included (values ${k + 1})`, () => {
      const { diffs, want } = renderBoth([...PLAIN, ...KEPT], vars, scope);
      expect(diffs).toEqual([]);
      expect(want.every((w) => w.out !== undefined)).toBe(true);
    });
  }
});
