// `s | replace(old, new)` of a str with two literal texts is Ruby's own `s.gsub(old, new)`
// (filters.ts literalReplace): Jinja's replace is Python's str.replace, every occurrence left to
// right, and gsub with a String pattern takes it literally (an empty one matches between every
// character in both). A replacement holding a backslash (which gsub reads as `\0`, `\&`), a count,
// or a value not known to be a str keeps A2C::Jinja.replace. Compared with real Ansible on text at
// the edges: dots in a row, empty text, non-ASCII characters, an empty pattern.
import { describe, expect, it } from 'vitest';
import { STRINT } from '../../src/resolve/types.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { erbOf, renderBoth } from '../helpers/template-compare.js';
import { typedDefaults } from '../helpers/typed-defaults.js';

const { scope } = typedDefaults('s: 0.0.0.0', [['x', STRINT]]);

const TEMPLATES = [
  "{{ s | replace('.', ',') }}",
  "{{ s | replace('', '-') }}",
  "{{ s | replace('..', '.') }}",
  "{{ s | replace('é', 'e') }}",
  "[{{ s | replace('.', '') }}]",
  // Kept: a backslash in the replacement, a count, a value of another type.
  "{{ s | replace('.', '\\\\0') }}",
  "{{ s | replace('.', ',', 1) }}",
  "{{ x | replace('1', 'one') }}",
];

describe('replace of a str with literal texts', () => {
  it('is written as gsub, and only there', () => {
    const erbs = TEMPLATES.map((t) => erbOf(t, scope));
    expect(erbs[0]).toBe("<%= node['s'].gsub('.', ',') %>");
    expect(erbs.slice(0, 5).join('|')).not.toContain('A2C::');
    for (const erb of erbs.slice(5)) expect(erb).toContain('A2C::Jinja.replace');
  });
});

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const VALUES: Array<Record<string, unknown>> = [
  { s: '0.0.0.0', x: 1 },
  { s: '', x: '' },
  { s: '...a..', x: 'a1b1' },
  { s: 'héé.é', x: 11 },
];

describe.skipIf(!haveTools)('replace vs real Ansible', () => {
  for (const [i, vars] of VALUES.entries()) {
    it(`renders what Ansible renders (values ${i + 1}: ${JSON.stringify(vars)})`, () => {
      const { diffs, want } = renderBoth(TEMPLATES, vars, scope);
      expect(diffs).toEqual([]);
      expect(want.every((w) => w.out !== undefined)).toBe(true);
    });
  }
});
