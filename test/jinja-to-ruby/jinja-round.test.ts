// Jinja's `round` filter: Python's round() for 'common' (half to even on the float's exact binary
// value), math.ceil/floor scaled by 10**precision otherwise. Each case is rendered by Ansible's
// Templar and, translated, by Erubis with the support library; the bytes must be equal (or both fail).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { attributeScope, erbOf as erbOfScope, renderBoth } from '../helpers/template-compare.js';

const VARS = {
  half: 2.5,
  odd_half: 3.5,
  neg_half: -2.5,
  f: 2.675,
  i: 1234,
  n: -0.4,
  s: '2.5',
  t: true,
  big: 1e20,
  tiny: 1.0000000000000002,
};

const EXPRS = [
  'half | round',
  'odd_half | round',
  'neg_half | round',
  '0.5 | round',
  '1.5 | round',
  'f | round(2)',
  '2.665 | round(2)',
  'i | round',
  'i | round(-2)',
  '1250 | round(-2)',
  '1350 | round(-2)',
  '1234.5 | round(-2)',
  'n | round',
  '-0.0 | round',
  'big | round(2)',
  'tiny | round(15)',
  '0.125 | round(2)',
  '0.375 | round(2)',
  'f | round(precision=1)',
  'half | round(method="ceil")',
  'half | round(0, "floor")',
  'neg_half | round(method="ceil")',
  'neg_half | round(method="floor")',
  'f | round(2, "ceil")',
  'f | round(2, "floor")',
  'i | round(-2, "ceil")',
  'i | round(method="floor")',
  '1.1 | round(1, "ceil")',
  '1234.5678 | round(-1, "floor")',
  'half | round(1, "common")',
  't | round',
  't | round(1, "ceil")',
  'half | round(method="up")',
  's | round',
  'missing | round',
  'half | round(1.5)',
  'half | round | int',
  '(half | round) * 2',
];

const scope = attributeScope(VARS);
const erbOf = (source: string): string => erbOfScope(source, scope);

describe('round translates', () => {
  it('to the support library helper with its defaults', () => {
    expect(erbOf('{{ x | round }}'.replace('x', 'half'))).toContain('A2C::Jinja.round(');
    expect(erbOf('{{ half | round(method="floor") }}')).toContain("0, 'floor')");
  });
});

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe.skipIf(!haveTools)('round vs real Ansible and Erubis', () => {
  const sources = EXPRS.map((e) => `{{ ${e} }}`);
  const { erbs, want: expected, got: actual } = renderBoth(sources, VARS, scope);

  it.each(EXPRS.map((e, i) => [e, i] as const))('{{ %s }}', (_e, i) => {
    const exp = expected[i];
    const act = actual[i];
    if (exp?.error !== undefined) {
      expect(act?.error, `Ansible failed (${exp.error}); Ruby rendered ${JSON.stringify(act?.out)}\n${erbs[i]}`).toBeDefined();
    } else {
      expect(act?.error, `Ruby failed\n${erbs[i]}`).toBeUndefined();
      expect(act?.out, erbs[i]).toBe(exp?.out);
    }
  });
});
