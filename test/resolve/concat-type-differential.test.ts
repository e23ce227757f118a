// `a ~ b` typed (resolve/rendered-type.ts, jinja-to-ruby/expr.ts): the text is plain, so
// convert_data leaves it as it is, where an interpolation of the same parts would be (its start
// cannot be `[` or `{`, and a literal part has a character no 'True'/'False' has). Such text is
// written without A2C::Jinja.convert_data, and a variable set to it is a plain str for its readers;
// where the start may be `[` (a literal '[' ahead of a value), convert_data stays, and Ansible does
// re-read the text ('[' ~ '1]' is the list [1]). Compared with real Ansible on values at the edges.
import { describe, expect, it } from 'vitest';
import { STRINT } from '../../src/resolve/types.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues, stringValueMismatches } from '../helpers/template-compare.js';
import { typedDefaults } from '../helpers/typed-defaults.js';

const DEFAULTS = [
  'pki_dir: "{{ x | default(\'/etc/pki\') }}"',
  'keys_path: "{{ pki_dir ~ \'/certs/private/\' }}"',
  "cert: \"{{ pki_dir ~ '/roots/' ~ n ~ '.crt' }}\"",
  'num: "{{ n ~ 1 }}"',
  'bracket: "{{ \'[\' ~ x }}"',
  'bare: "{{ x ~ \'\' }}"',
].join('\n');
const {
  written: WRITTEN,
  symbols,
  scope,
} = typedDefaults(DEFAULTS, [
  ['x', STRINT],
  ['n', STRINT],
]);
const NAMES = Object.keys(WRITTEN);

describe('`~` text', () => {
  it('is a plain str where its start cannot open a list or dict and it cannot be True or False', () => {
    for (const n of ['keys_path', 'cert']) expect(symbols.get(n)!.type, n).toEqual({ t: 'str', plain: true, rendered: true });
    // '[' ahead, a lone value that may be empty, or no literal text to rule out 'True' (as for an
    // interpolation, the rule is kept simple: `n ~ 1` could not be 'True', but is left unknown).
    for (const n of ['bracket', 'bare', 'num']) expect(symbols.get(n)!.type, n).toEqual({ t: 'any' });
  });
});

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

// Inside the text-or-integer contract of x and n: text, '1]' (which '[' ~ x makes a list), '', digits.
const VALUES: Array<Record<string, unknown>> = [{ x: '/srv/pki', n: 'ca' }, { x: '1]', n: 7 }, { x: '', n: '' }, { x: 3, n: '{a' }, {}];

describe.skipIf(!haveTools)('`~` text vs real Ansible', () => {
  for (const [i, extra] of VALUES.entries()) {
    it(`computes what Ansible computes (values ${i + 1}: ${JSON.stringify(extra)})`, () => {
      const defs = NAMES.map((n) => WRITTEN[n] as string);
      // Twice: the paths read pki_dir, which the first run computes.
      const node: Record<string, unknown> = { ...extra };
      let run = runStringValues(defs, { ...WRITTEN, ...extra }, scope, [], node);
      NAMES.forEach((n, k) => {
        if (run.got[k]!.error === undefined) node[n] = run.got[k]!.out;
      });
      run = runStringValues(defs, { ...WRITTEN, ...extra }, scope, [], node);
      expect(stringValueMismatches(defs, run)).toEqual([]);
      const ruby = Object.fromEntries(NAMES.map((n, k) => [n, run.exprs[k]]));
      expect(ruby.keys_path).toBe(`"#{node['pki_dir']}/certs/private/"`);
      expect(ruby.bracket).toContain('A2C::Jinja.convert_data');
      if (extra.x === '1]') expect(run.want[NAMES.indexOf('bracket')]!.out).toEqual([1]);
    });
  }
});
