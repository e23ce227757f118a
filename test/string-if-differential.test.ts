// Variable strings holding `{% if %}` blocks (string-statements.ts) against Ansible's own
// Templar: the branch chosen, whitespace control (trim_blocks, `-` marks), convert_data on the
// joined text, the trailing newlines Ansible gives back to a text result, undefined names in the
// test and in branches not taken. Other statements stay refused.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { printExpr } from '../src/ruby/print-expr.js';
import { translateStringValue } from '../src/translate/jinja/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from './helpers/real-tools.js';
import { attributeScope, runStringValues, stringValueMismatches } from './helpers/template-compare.js';

const VARS: Record<string, unknown> = {
  t: true, no: false, i: 42, f: 1.5, s: 'text', e: '', none: null, l: [1, 'a'], d: { a: 1 }, empty: [], lit: '[1, 2]', zero: 0,
  kind: 'rbd', kinds: ['rbd', 'file'],
};
const scope = attributeScope(VARS);

const VALUES = [
  '{% if t %}yes{% else %}no{% endif %}',
  '{% if no %}yes{% else %}no{% endif %}',
  '{% if no %}a{% elif i > 40 %}b{{ i }}{% else %}c{% endif %}',
  '{% if no %}a{% elif zero %}b{% endif %}',
  'x{% if e %}never{% endif %}y',
  '{% if t %}[1, 2]{% endif %}',
  '{% if t %}True{% endif %}',
  '{% if no %}x{% endif %}',
  '{% if t %}{{ l }}{% endif %}',
  '{% if t %}{{ d }}{% endif %}',
  '{% if t %}{{ t }}{% endif %}',
  '{% if t %}{{ i }}{% endif %}',
  '{% if t %}{{ f }}{% endif %}',
  '{% if t %}{{ none }}{% endif %}',
  '{% if t %}{{ lit }}{% endif %}',
  ' {% if t %}[1]{% endif %}',
  '{% if l %}L{% endif %}{% if empty %}E{% endif %}{% if d %}D{% endif %}{% if s %}S{% endif %}',
  '{% if missing %}a{% endif %}',
  '{% if no %}{{ missing }}{% endif %}ok',
  '{% if t %}{{ missing }}{% endif %}ok',
  '{% if t %}\nline\n{% endif %}\nend',
  'a  {%- if t -%}  b  {%- endif %}  c',
  'a {% if no -%} b {%- else -%} c {%- endif %} d',
  '{% if t %}x{% endif %}\n',
  '{% if t %}x\n{% endif %}\n\n',
  '{% if t %}[1]{% endif %}\n',
  '{% if t %}{{ e }}{% endif %}\n\n',
  'a{# note #}b{% if t %}c{# inner #}{% endif %}',
  '{% if t %}{% if no %}a{% else %}b{% endif %}{% endif %}',
  "{% if 'rbd' in kinds %}keystone{% else %}keystone+cachemanagement{% endif %}",
  "{% if 'cinder' in kinds %}keystone{% else %}keystone+cachemanagement{% endif %}",
  'mysql://{{ s }}:{{ i }}/db?charset=utf8{% if t | bool %}&ssl_verify_cert=true{%\n  if e | length > 0 %}&ssl_ca={{ e }}{% endif %}{% endif %}',
  'mysql://{{ s }}/db?charset=utf8{% if t | bool %}&ssl{% if s | length > 0 %}&ca={{ s }}{% endif %}{% endif %}',
  '{% if t %}{"k": {{ i }}}{% endif %}',
  '{% if t %}\\d{% endif %}',
];

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, scope);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('{% if %} in a variable string', () => {
  it('is one value: a ternary per block inside the text, read back by convert_data', () => {
    expect(ruby('{% if t %}yes{% else %}no{% endif %}')).toBe(
      "A2C::Jinja.convert_data(\"#{A2C::Jinja.truthy(A2C::Jinja.var(node, 't')) ? 'yes' : 'no'}\")",
    );
    expect(ruby('{% if t %}x{% endif %}\n')).toBe(
      "A2C::Jinja.keep_trailing_newlines(A2C::Jinja.convert_data(\"#{A2C::Jinja.truthy(A2C::Jinja.var(node, 't')) ? 'x' : ''}\"), 1)",
    );
  });
  it('keeps the other statements a TODO, naming the first', () => {
    for (const [v, construct] of [
      ['{% set x = 1 %}{{ x }}', 'string:set'],
      ['{% if t %}{% for x in l %}{{ x }}{% endfor %}{% endif %}', 'string:for'],
      ['{% if t %}{% set x = 1 %}{% endif %}', 'string:set'],
    ] as const) {
      const t = translateStringValue(v, scope);
      expect(t.ok ? 'translated' : t.construct).toBe(construct);
    }
  });
});

describe.skipIf(!haveTools)('{% if %} in a variable string vs real Ansible', () => {
  it('gives the value Ansible gives (or fails where it fails)', () => {
    const run = runStringValues(VALUES, VARS, scope);
    expect(stringValueMismatches(VALUES, run)).toEqual([]);
    // The cases reach both branches, both kinds of result and both failures.
    expect(run.want.filter((w) => w.error !== undefined)).toHaveLength(2);
    expect(run.want.map((w) => typeof w.out)).toEqual(expect.arrayContaining(['string', 'object', 'boolean']));
  });
});
