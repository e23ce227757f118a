// Constant expressions folded at conversion time (src/jinja-to-ruby/const-eval.ts): each template is
// rendered by Ansible's Templar and, translated, by Erubis with the A2C::Jinja library; the bytes must
// be equal, or both must fail. `folded` cases must print no ERB tag at all (the point of folding);
// `kept` cases must keep a computation (Python refuses them, or their printing is not Python's).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { attributeScope, erbOf, runJson, runStringValues } from '../helpers/template-compare.js';

const VARS = { x: 'v', n: 7 };
const scope = attributeScope(VARS);

interface Case {
  template: string;
  /** The whole output is literal text: no `<%` tag except the escape of a literal `<%`. */
  folded?: true;
  /** An ERB tag stays (Python fails on it, or folding it would not be exact). */
  kept?: true;
  /** A condition known now (a literal operand of and/or, an if-expression's test, not's operand): no literal condition in the Ruby. */
  decided?: true;
}

const LITERAL_CONDITION = /\b(?:if|elsif|unless)\s+(?:true|false|nil)\b|\b(?:true|false|nil)\s*(?:\?|&&|\|\|)|!(?:true|false|nil)\b/;

const CASES: Case[] = [
  { template: "{{ '# ' + 'Ansible managed' }}\n", folded: true },
  { template: "a{{ ' ' + 'trust' }}b", folded: true },
  { template: "{{ ' ' ~ 'stratum ' ~ 3 }}", folded: true },
  { template: "{{ 'n' ~ 1 ~ none ~ true ~ false }}", folded: true },
  { template: "{{ 1 ~ 'x' }}{{ -1 ~ '' }}", folded: true },
  { template: "{{ 'x' * 3 }}|{{ 3 * 'ab' }}|{{ 'x' * 0 }}|{{ 'x' * -2 }}", folded: true },
  { template: "{{ '=' * 80 }}", folded: true },
  { template: "{{ ['a', 'b', 3] | join(', ') }}|{{ ('a', 'b') | join }}|{{ 'abc' | join('-') }}", folded: true },
  { template: "{{ ['a'] + ['b'] | join(',') }}", kept: true },
  { template: "{{ (['a'] + ['b']) | join(',') }}", folded: true },
  { template: "{{ '%s' % 'lit' }}|{{ '%s-%d %%' % ('a', 3) }}|{{ '%s' % true }}|{{ '%s' % none }}", folded: true },
  { template: "{{ '%s=%s' | format('k', 2) }}", folded: true },
  { template: "{{ 'a' if true else 'b' }}{{ 'a' if '' else 'b' }}{{ 'a' if 0 else 'b' }}{{ 'a' if [] else 'b' }}", folded: true },
  { template: "{{ 'a' if 1 == 1 else 'b' }}{{ 'a' if '1' == 1 else 'b' }}{{ 'a' if 'b' in 'abc' else 'c' }}", folded: true },
  { template: '{{ 1 + 2 }} {{ 7 - 10 }} {{ 2 * 3 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 % -3 }}', folded: true },
  { template: "{{ 'a' and 'b' }}{{ '' or 'c' }}{{ 0 or 'd' }}{{ not '' }}", folded: true },
  { template: "{{ ('ab' ~ 'c') | upper }}", folded: true },
  // unicode: Python counts code points, JavaScript UTF-16 units; repetition and joins must not split them
  { template: "{{ 'é' + 'ü' }}|{{ '😀' * 2 }}|{{ '😀é' | join('.') }}|{{ '%s' % '€' }}", folded: true },
  // whitespace control next to the folded text
  { template: "a  \n  {{- ' ' + 'b' -}}  \n  c", folded: true },
  { template: "line\n{%- if x %}\n{{ 'x' ~ 'y' }}\n{%- endif %}\n" },
  { template: "line\n{{- 'x' ~ 'y' }}\n", folded: true },
  { template: "{% raw %}{{ 'a' + 'b' }}{% endraw %}{{ 'a' + 'b' }}", folded: true },
  // text an ERB engine would read as a tag must stay escaped
  { template: "{{ '<%' + '= 1 %>' }}|{{ '<%%' ~ '' }}|{{ '%>' * 2 }}|{{ '<' ~ '%' }}", folded: true },
  // partly constant: the constant run is literal text inside the interpolation
  { template: "{{ ' ' ~ 'stratum ' ~ n }}|{{ 'a' ~ 'b' ~ x ~ 'c' ~ 1 }}", kept: true },
  // Python's errors stay errors
  { template: "{{ 'a' + 1 }}", kept: true },
  { template: "{{ 1 + 'a' }}", kept: true },
  { template: "{{ '%d' % 'x' }}", kept: true },
  { template: "{{ '%s %s' % 'x' }}", kept: true },
  { template: "{{ 'x' % 1 }}", kept: true },
  // printed by Python's repr, or a float: not folded
  { template: "{{ 'a' ~ ['b'] }}", kept: true },
  { template: "{{ 1.5 ~ 'x' }}", kept: true },
  { template: '{{ 1 / 2 }}', kept: true },
  { template: '{{ true + 1 }}', kept: true },
  // a literal operand decides and/or: Python returns an operand, and never evaluates the right one it does not return
  { template: "{{ true and x }}|{{ '' or x }}|{{ 'a' and n }}|{{ [] or n }}|{{ none or x }}|{{ 1 and x }}", kept: true, decided: true },
  { template: "{{ false and nosuch }}|{{ 0 and nosuch }}|{{ 'a' or nosuch }}", folded: true, decided: true },
  { template: '{{ {} and nosuch }}', kept: true, decided: true },
  { template: "{{ x if true else nosuch }}|{{ nosuch if [] else n }}|{{ 'y' if (true and x) else 'z' }}", kept: true, decided: true },
  { template: "{{ not (true and x) }}|{{ (x and true) }}|{{ 'y' if (false or n) else 'z' }}", kept: true, decided: true },
  // the operand it returns is still evaluated: an undefined one fails as in Ansible
  { template: '{{ true and nosuch }}', kept: true },
];

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

/** The ERB of a case, or the translator's refusal (kept cases may be refused: the refusal is loud). */
function erbOrRefusal(template: string): string | { refused: string } {
  try {
    return erbOf(template, scope);
  } catch (e) {
    return { refused: String(e) };
  }
}

describe('constant folding in templates', () => {
  it.each(CASES.filter((c) => c.folded).map((c) => [c.template] as const))('%j prints no tag', (template) => {
    const erb = erbOrRefusal(template);
    if (typeof erb !== 'string') expect.fail(erb.refused);
    // The printer's escapes of a literal `<%` (Erubis' `<%%`, or a tag printing it) are the only tags allowed.
    expect(erb.replaceAll('<%%', '').replaceAll("<%= '<%' %>", ''), erb).not.toMatch(/<%/);
  });

  it.each(CASES.filter((c) => c.decided).map((c) => [c.template] as const))('%j writes no literal condition', (template) => {
    const erb = erbOrRefusal(template);
    if (typeof erb !== 'string') expect.fail(erb.refused);
    expect(erb).not.toMatch(LITERAL_CONDITION);
  });

  it.each(CASES.filter((c) => c.kept).map((c) => [c.template] as const))('%j keeps a computation', (template) => {
    const erb = erbOrRefusal(template);
    if (typeof erb === 'string') expect(erb).toMatch(/<%=/);
  });

  it('merges the constant run of a concatenation into the interpolation', () => {
    const erb = erbOf("{{ ' ' ~ 'stratum ' ~ n ~ 'a' ~ 1 }}", scope);
    expect(erb).toMatch(/^<%= " stratum #\{[^}]*\}a1" %>$/);
  });
});

describe.skipIf(!haveTools)('constant folding vs real Ansible and Erubis', () => {
  const translated = CASES.map((c) => erbOrRefusal(c.template));
  const ok = CASES.map((c, i) => ({ c, erb: translated[i]! })).filter((x): x is { c: Case; erb: string } => typeof x.erb === 'string');
  const expected = runJson(
    '/usr/bin/python3',
    ['test/tools/jinja-diff-ansible.py'],
    ok.map((x) => ({ template: x.c.template, vars: VARS })),
  );
  const actual = runJson(
    'ruby',
    ['test/tools/jinja-diff-render.rb'],
    ok.map((x) => ({ erb: x.erb, vars: VARS, node_name: 'h' })),
  );

  it.each(ok.map((x, i) => [x.c.template, i] as const))('%j', (_t, i) => {
    const exp = expected[i]!;
    const act = actual[i]!;
    const erb = ok[i]!.erb;
    if (exp.error !== undefined) {
      expect(act.error, `Ansible failed (${exp.error}); Ruby rendered ${JSON.stringify(act.out)}\n${erb}`).toBeDefined();
    } else {
      expect(act.error, `Ruby failed\n${erb}`).toBeUndefined();
      expect(act.out, erb).toBe(exp.out);
    }
  });

  it('every folded case renders in Ansible (a fold never hides an error)', () => {
    ok.forEach((x, i) => {
      if (x.c.folded) expect(expected[i]!.error, x.c.template).toBeUndefined();
    });
  });
});

// Module arguments and vars: the folded literal is the value Ansible's Templar gives (types included:
// a whole-value `{{ 1 + 2 }}` is the int 3 to Ansible, as `{{ 3 }}` is).
const VALUES = [
  "{{ '/etc/' + 'app' }}",
  '{{ 1 + 2 }}',
  "{{ 'Tr' ~ 'ue' }}",
  "{{ '[1, ' ~ '2]' }}",
  "{{ 'a' if false else 'b' }}",
  "{{ ['x', 'y'] | join(' ') }}",
  "pre {{ 'a' * 2 }} post",
  "{{ 'a' + 1 }}",
];
/** Each folded value of VALUES with the literal it must translate as (the same Ruby, character for character). */
const TWINS: Array<[string, string]> = [
  ["{{ '/etc/' + 'app' }}", "{{ '/etc/app' }}"],
  ["{{ 'Tr' ~ 'ue' }}", "{{ 'True' }}"],
  ["{{ '[1, ' ~ '2]' }}", "{{ '[1, 2]' }}"],
  ["{{ 'a' if false else 'b' }}", "{{ 'b' }}"],
  ["{{ ['x', 'y'] | join(' ') }}", "{{ 'x y' }}"],
];

describe.skipIf(!haveTools)('constant folding in values vs Ansible', () => {
  const { want, exprs, got } = runStringValues(VALUES, VARS, scope);
  it.each(VALUES.map((v, i) => [v, i] as const))('%j', (_v, i) => {
    const a = want[i]!;
    const b = got[i]!;
    if (a.error !== undefined) expect(b.error, exprs[i]).toBeDefined();
    else expect(b, exprs[i]).toEqual(a);
  });

  it('writes what the literal of the value writes, not the computation', () => {
    const twins = runStringValues(
      TWINS.map(([, literal]) => literal),
      VARS,
      scope,
    ).exprs;
    TWINS.forEach(([folded], i) => expect(exprs[VALUES.indexOf(folded)], folded).toBe(twins[i]));
    expect(exprs[0]).toBe("'/etc/app'");
    // Ansible renders a computed int to its digits (a lone `{{ name }}` alone keeps the int).
    expect(exprs[1]).toBe("'3'");
  });
});
