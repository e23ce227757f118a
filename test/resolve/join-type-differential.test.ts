// `[a, b] | join(sep)` of a written list typed (resolve/rendered-type.ts joinType): Jinja's join puts
// str() of each item between the separators, as `a ~ sep ~ b` does, so the joined text is plain where
// that concatenation's would be (its start cannot be `[` or `{`, and the separator has a character no
// 'True'/'False' has). A variable set to such text prints in a template as plain Ruby (galera's
// `_galera_collation` in `collation-server = {{ _galera_collation }}`); where the start may open a
// list, convert_data stays, and Ansible does read the text back. Compared with real Ansible on values
// at the edges (empty items, a '[' item, digits, True spelled by the parts).
import { describe, expect, it } from 'vitest';
import { STRINT } from '../../src/resolve/types.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { erbOf, renderBoth, runStringValues, stringValueMismatches } from '../helpers/template-compare.js';
import { typedDefaults } from '../helpers/typed-defaults.js';

const DEFAULTS = [
  'coll: "{{ [cs, co] | join(\'_\') }}"',
  "three: \"{{ [cs, 'x', n] | join('-') }}\"",
  // No separator, or one of True's letters only: the parts may spell 'True'.
  'glued: "{{ [cs, co] | join }}"',
  'tru: "{{ [cs, co] | join(\'ru\') }}"',
  // A literal '[' first: the text may be read back as a list.
  "bracket: \"{{ ['[1', co] | join(',') }}\"",
  // A separator written as a variable: its text is not known.
  'varsep: "{{ [cs, co] | join(n) }}"',
].join('\n');
const {
  written: WRITTEN,
  symbols,
  scope,
} = typedDefaults(DEFAULTS, [
  ['cs', STRINT],
  ['co', STRINT],
  ['n', STRINT],
]);
const NAMES = Object.keys(WRITTEN);

describe('`[a, b] | join(sep)` text', () => {
  it('is a plain str where its start cannot open a list or dict and the separator rules out True and False', () => {
    for (const n of ['coll', 'three']) expect(symbols.get(n)!.type, n).toEqual({ t: 'str', plain: true, rendered: true });
    for (const n of ['glued', 'tru', 'bracket', 'varsep']) expect(symbols.get(n)!.type, n).toEqual({ t: 'any' });
  });
  it('is printed by a template as the attribute itself, without A2C::Jinja', () => {
    expect(erbOf('{{ coll }}|{{ three }}', scope)).toBe("<%= node['coll'] %>|<%= node['three'] %>");
    expect(erbOf('{{ glued }}', scope)).toContain('A2C::Jinja.out');
  });
});

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

// Inside the text-or-integer contracts (plain text or an int): text, empty text, digits, a closing
// bracket the '[1' literal makes a list of, parts that spell True around 'ru'.
const VALUES: Array<Record<string, unknown>> = [
  { cs: 'utf8mb3', co: 'general_ci', n: 7 },
  { cs: '', co: '', n: '' },
  { cs: 'x]', co: '2]', n: 'a' },
  { cs: 'T', co: 'e', n: 3 },
  { cs: 3, co: 4, n: 'b]' },
];

describe.skipIf(!haveTools)('`[a, b] | join(sep)` vs real Ansible', () => {
  for (const [i, extra] of VALUES.entries()) {
    it(`gives and prints what Ansible does (values ${i + 1}: ${JSON.stringify(extra)})`, () => {
      const defs = NAMES.map((n) => WRITTEN[n] as string);
      const run = runStringValues(defs, { ...WRITTEN, ...extra }, scope, [], { ...extra });
      expect(stringValueMismatches(defs, run)).toEqual([]);
      // The edges are real: Ansible reads '[1,2]' back as a list and 'True' as a boolean.
      if (extra.co === '2]') expect(run.want[NAMES.indexOf('bracket')]!.out).toEqual([1, 2]);
      if (extra.cs === 'T') expect(run.want[NAMES.indexOf('tru')]!.out).toBe(true);
      // The attributes as the converted attribute file computes them, printed by the templates.
      const node: Record<string, unknown> = { ...extra };
      NAMES.forEach((n, k) => {
        if (run.got[k]!.error === undefined) node[n] = run.got[k]!.out;
      });
      const templates = NAMES.map((n) => `{{ ${n} }}`);
      const { diffs } = renderBoth(templates, { ...WRITTEN, ...extra }, scope, node);
      expect(diffs).toEqual([]);
    });
  }
});
