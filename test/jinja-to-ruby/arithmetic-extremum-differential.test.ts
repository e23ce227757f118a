// Two helpers dropped where Jinja's own rules decide, against Ansible's Templar (OpenStack-Ansible's
// worker counts, `[[(vcpus // threads) | default(1), 1] | max * 2, workers_max] | min`):
// - default() of arithmetic or `~`: Ansible's undefined fails the operation itself (StrictUndefined),
//   so default() never applies; the operation is the value, failing where Ansible fails;
// - min and max of a list written with items that are all ints: Ruby's Array#min/#max, typed int
//   (so `* 2` and the rendering to text are plain too). An empty list (undefined in Jinja, nil in
//   Ruby), text (Jinja folds case) or a boolean beside an int keep the helper.
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues, stringValueMismatches, typedDefaults } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const typed = typedDefaults(['i: 7', 'zero: 0', 'neg: -3', 'big: 16', 's: text', 'b: true', 'words: [b, A]'].join('\n') + '\n');
const VARS = typed.vars;
// `missing` is read as an attribute no source sets (undefined in Ansible's run).
const SCOPE: JinjaScope = {
  ...typed.scope,
  lookupVar: (n) => typed.scope.lookupVar(n) ?? (n === 'missing' ? { kind: 'attribute', path: [n] } : undefined),
};

/** Each value, and whether its Ruby keeps an A2C::Jinja helper. */
const CASES: Array<[string, boolean]> = [
  ['{{ (i // 2) | default(1) }}', false],
  ['{{ (neg // 2) | default(1) }}', false],
  ["{{ (i ~ 'x') | default('y') }}", false],
  // Unary minus keeps its own helper (A2C::Jinja.neg); default() goes all the same.
  ['{{ (-i) | default(0) }}', true],
  // Text that may re-read (`'Tru' + 'e'`): convert_data stays; default() goes.
  ["{{ (s + '-x') | default('y') }}", true],
  // Of unknown type: the operator's helper stays (and fails on the undefined read); default() goes.
  ['{{ (missing // 2) | default(1) }}', true],
  ["{{ (missing ~ 'x') | default('y') }}", true],
  ['{{ (-missing) | default(0) }}', true],
  ['{{ [i, 1] | max }}', false],
  ['{{ [neg, zero] | min }}', false],
  ['{{ [[(i // 2) | default(1), 1] | max * 2, big] | min }}', false],
  ['{{ [[(zero // 2) | default(1), 1] | max * 2, big] | min }}', false],
  ['x{{ [i, neg, zero] | max }}y', false],
  // Kept: an empty list, text (case folded), a boolean beside an int, a list not written here.
  ['{{ [] | max }}', true],
  ["{{ ['b', 'A'] | max }}", true],
  ['{{ [b, 0] | max }}', true],
  ['{{ words | max }}', true],
];

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, SCOPE);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('default() of arithmetic, min and max of written int lists', () => {
  it('are plain Ruby where Jinja decides it', () => {
    for (const [v, helper] of CASES) expect(/A2C::Jinja\./.test(ruby(v)), `${v}: ${ruby(v)}`).toBe(helper);
    expect(ruby('{{ [[(i // 2) | default(1), 1] | max * 2, big] | min }}')).toBe("[[node['i'] / 2, 1].max * 2, node['big']].min.to_s");
    for (const [v] of CASES.slice(0, 8)) expect(ruby(v), v).not.toMatch(/A2C::Jinja\.(?:default|try)\b/);
  });
});

describe.skipIf(!haveTools)('default() of arithmetic, min and max of written int lists vs real Ansible', () => {
  it('give the value Ansible gives, and fail where it fails', () => {
    const values = CASES.map(([v]) => v);
    const run = runStringValues(values, VARS, SCOPE);
    expect(stringValueMismatches(values, run)).toEqual([]);
    // The three reads of `missing`, and the empty list's undefined, fail in Ansible (and in Ruby, as compared above).
    expect(run.want.filter((w) => w.error !== undefined)).toHaveLength(4);
    expect(run.want[10]!.out).toBe('6');
    expect(run.want[11]!.out).toBe('2');
  });
});

// The resolve step types a variable written so (resolve/rendered-type.ts): `ansible_facts['x']` of a
// mapped fact has the fact's type (facts.toml; the fact, not a variable named ansible_x), default() of
// arithmetic the operation's, min/max of a written int list an int. The worker count is then plain
// text wherever it is printed.
describe('a worker count computed from facts', () => {
  it('is typed text, and printed plain', async () => {
    const files = {
      'site.yml': '- hosts: all\n  roles: [web]\n',
      'roles/web/defaults/main.yml': [
        'web_workers_max: 16',
        "web_workers: \"{{ [[(ansible_facts['processor_vcpus'] // ansible_facts['processor_threads_per_core']) | default(1), 1] | max * 2, web_workers_max] | min }}\"",
        // A variable named as the fact's variable does not change what ansible_facts['x'] reads.
        'ansible_processor_count: many',
        'web_sockets: "{{ [ansible_facts[\'processor_count\'], 1] | max }}"',
        'web_text: "{{ [ansible_processor_count, 1] | max }}"',
      ].join('\n'),
      'roles/web/tasks/main.yml': '- name: conf\n  template: { src: web.conf.j2, dest: /etc/web.conf }\n',
      'roles/web/templates/web.conf.j2': 'workers = {{ web_workers }}\nsockets = {{ web_sockets }}\ntext = {{ web_text }}\n',
    };
    const r = await convertProject(files);
    const erb = outputText(r, 'web/templates/web.conf.erb');
    expect(erb).toContain("workers = <%= node['web']['workers'] %>");
    expect(erb).toContain("sockets = <%= node['web']['sockets'] %>");
    // A string beside an int: no int list, the helpers stay.
    expect(erb).toMatch(/text = <%= A2C::Jinja\.end_with_newlines\(A2C::Jinja\.out\(/);
    expect(outputText(r, 'web/attributes/default.rb')).toContain(
      "default['web']['workers'] = [[node.read!('cpu', 'total') / A2C::Facts.processor_threads_per_core(node), 1].max * 2, node['web']['workers_max']].min.to_s",
    );
  });
});
