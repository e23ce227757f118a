// Jinja float literals stay floats through the translation: `{{ 1.0 }}` prints `1.0` as Python's
// repr does, not `1`. A JS number cannot tell 1.0 from 1, so the parser marks the literal; each case
// is rendered by Ansible's Templar and, translated, by Erubis with the support library (bytes equal).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { attributeScope, renderBoth } from '../helpers/template-compare.js';

const VARS = { i: 3, d: { a: 1 } };

const EXPRS = [
  '1.0',
  '2.0 * 3',
  '1.5e3',
  '1E3',
  '1e16',
  '1.5e16',
  '1e-5',
  '0.0001',
  '-1.0',
  '-0.0',
  '+2.0',
  '1_000.0',
  '1e400',
  '-1e400',
  '0.1 + 0.2',
  '10.0 / 4',
  '7.0 // 2',
  '7.0 % 2',
  '2.0 ** 2',
  'i * 1.0',
  'i + 0.0',
  '[1.0, 2, -3.0]',
  '{"a": 1.0}',
  '(1.0, 2)',
  '1.0 == 1',
  '1.0 | string',
  '1.0 ~ "x"',
  '1.0 | int',
  '1.0 | to_json',
  '[1.0, 1e16] | to_json',
  'missing | default(1.0)',
  'd.b | default(2.0)',
  '1.0 if i else 2',
  '[1.0] | first',
  '[2.0, 1.0] | max',
];

const scope = attributeScope(VARS);

describe('Jinja float literals', () => {
  it('translate to Ruby floats, not integers', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- ansible.builtin.template: src=u.j2 dest=/tmp/u\n',
      'templates/u.j2': '{{ 1.0 }} {{ 2.0 * 3 }} {{ 1.5e3 }} {{ -2.0 }}\n',
    });
    const erb = outputText(r, 'demo/templates/u.erb');
    expect(erb).toContain('A2C::Jinja.out(1.0)');
    expect(erb).toContain('A2C::Jinja.mul(2.0, 3)');
    expect(erb).toContain('A2C::Jinja.out(1500.0)');
    expect(erb).toContain('A2C::Jinja.out(-2.0)');
  });
});

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe.skipIf(!haveTools)('Jinja float literals vs real Ansible and Erubis', () => {
  const sources = EXPRS.map((e) => `{{ ${e} }}`);
  const { erbs, want: expected, got: actual } = renderBoth(sources, VARS, scope);

  it.each(EXPRS.map((e, i) => [e, i] as const))('{{ %s }}', (_e, i) => {
    const exp = expected[i];
    const act = actual[i];
    if (exp?.error !== undefined) {
      expect(act?.error, `Ansible failed (${exp.error})\n${erbs[i]}`).toBeDefined();
    } else {
      expect(act?.error, `Ruby failed\n${erbs[i]}`).toBeUndefined();
      expect(act?.out, erbs[i]).toBe(exp?.out);
    }
  });
});

describe('a float default in an unrolled literal loop', () => {
  it('keeps the float the rendered default gives back', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- file:',
        '    path: "{{ item.path }}"',
        '    state: "{{ item.state }}"',
        '    owner: "{{ item.owner | default(1.0) }}"',
        '  loop:',
        '    - {path: /a, state: directory}',
        '    - {path: /b, state: absent}',
        '',
      ].join('\n'),
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain('unrolled');
    // The float survives the unrolling; AnsibleModule then turns it into its str() for owner (a str argument).
    expect(body).toContain("  owner '1.0'\n");
  });
});
