// Boolean contracts inferred from use (resolve/use-contracts.ts): a variable no input source sets and
// nothing declares, one use of which says it is a boolean (`| bool`, `| ternary`, `default(True)`)
// and every other use of which reads a boolean as Python does (printed, interpolated, truth-tested,
// `is defined`), is read as Ruby's true or false. For values inside the contract (true, false, unset)
// the templates reading it render byte-identical with real Ansible and with Erubis, and the
// definitions built on it compute what Ansible computes; every other value ('yes', 'True', 1, 0,
// None, text ending in a newline) fails the converted run at the default recipe's check, naming the
// variable: Ansible reads none of them as it reads a boolean in every use (measured below).
import { describe, expect, it } from 'vitest';
import { BOOL } from '../../src/resolve/types.js';
import { hasTool } from '../helpers/real-tools.js';
import { haveAnsibleAndErubis } from '../helpers/erb-differential.js';
import { erbOf, renderBoth, runJson, runStringValues, stringValueMismatches } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { checkOf } from '../helpers/input-check.js';
import { typedDefaults } from '../helpers/typed-defaults.js';

// The definitions a role builds on the outside booleans quorum and flag (as os_cinder's
// cinder_oslomsg_rabbit_quorum_queues and cinder_service_token_roles_required).
const DEFAULTS = [
  'qq: "{{ quorum | default(True) }}"',
  'dflt: "{{ quorum | default(False) }}"',
  'fl: "{{ flag | bool }}"',
  "st: \"{{ qq | ternary('absent', 'present') }}\"",
  'alias: "{{ flag }}"',
].join('\n');
const {
  written: WRITTEN,
  symbols,
  scope,
} = typedDefaults(DEFAULTS, [
  ['quorum', BOOL],
  ['flag', BOOL],
]);
const NAMES = Object.keys(WRITTEN);

const TEMPLATES = [
  '{{ quorum }}',
  '{{ quorum | default(True) }}|{{ flag | bool }}|{{ quorum | default(False) }}',
  "{{ quorum | ternary('a', 'b') }}",
  "{{ quorum | ternary(st, 'x') }}",
  "driver = {{ (flag | bool) | ternary('messagingv2', 'noop') }}",
  '{% if quorum %}on{% else %}off{% endif %}',
  '{% if not flag %}N{% endif %}',
  '{% if quorum and flag | bool %}both{% endif %}',
  'x-{{ quorum }}-y\n',
  '{% if quorum is defined %}def{% endif %}',
  'last {{ flag }}\n',
];
// Each definition printed and truth-tested.
const READS = NAMES.flatMap((n) => [`{{ ${n} }}`, `a{{ ${n} }}b\n`, `{% if ${n} %}T{% else %}F{% endif %}`]);

describe('boolean reads', () => {
  it('type the definitions built on them', () => {
    for (const n of ['qq', 'dflt', 'fl']) expect(symbols.get(n)!.type, n).toEqual({ t: 'bool', rendered: true });
    expect(symbols.get('st')!.type).toEqual({ t: 'str', plain: true, rendered: true });
    expect(symbols.get('alias')!.type).toEqual({ t: 'bool', rendered: true });
  });
  it("print as plain Chef, a boolean with Python's spelling written out", () => {
    const erb = [...TEMPLATES, ...READS].map((t) => erbOf(t, scope)).join('\n');
    expect(erb).not.toContain('A2C::Jinja');
    expect(erbOf('{{ quorum }}|{{ qq }}', scope)).toBe(
      "<%= node.read!('quorum') ? 'True' : 'False' %>|<%= node['qq'] ? 'True' : 'False' %>",
    );
    expect(erbOf("{{ (flag | bool) | ternary('messagingv2', 'noop') }}", scope)).toBe("<%= node.read!('flag') ? 'messagingv2' : 'noop' %>");
    // A variable the cookbook always sets can neither fail nor be undefined: only the chosen value is read.
    expect(erbOf("{{ quorum | ternary(st, 'x') }}", scope)).toBe("<%= node.read!('quorum') ? node['st'] : 'x' %>");
  });
});

const haveTools = haveAnsibleAndErubis();

// Values inside the contract, and unset.
const INSIDE: Array<Record<string, unknown>> = [{ quorum: true, flag: false }, { quorum: false, flag: true }, { flag: true }, {}];

describe.skipIf(!haveTools)('boolean reads vs real Ansible', () => {
  for (const [i, extra] of INSIDE.entries()) {
    it(`render and compute as Ansible does (values ${i + 1}: ${JSON.stringify(extra)})`, () => {
      const defs = NAMES.map((n) => WRITTEN[n] as string);
      // Twice: st reads qq, which the first run computes.
      const node: Record<string, unknown> = { ...extra };
      let run = runStringValues(defs, { ...WRITTEN, ...extra }, scope, [], node);
      for (let pass = 0; pass < 2; pass++) {
        NAMES.forEach((n, k) => {
          if (run.got[k]!.error === undefined) node[n] = run.got[k]!.out;
        });
        run = runStringValues(defs, { ...WRITTEN, ...extra }, scope, [], node);
      }
      expect(stringValueMismatches(defs, run)).toEqual([]);
      const templates = [...TEMPLATES, ...READS.filter((_, k) => run.want[Math.floor(k / 3)]!.error === undefined)];
      const { diffs } = renderBoth(templates, { ...WRITTEN, ...extra }, scope, node);
      expect(diffs).toEqual([]);
    });
  }

  // Why the contract is Ruby's true and false only. Measured: 'yes', 1, 0, None, '' and 'no' read
  // as neither boolean in some use the contract admits; the text 'False' comes back False through
  // default() but is a non-empty, so true, str in `if`. Only 'True' reads as True in every such use,
  // and a contract of the booleans and that one word would be a trap (its partner 'False' is not),
  // so text is outside it and fails the run.
  it('reads no other value as a boolean in every admitted use but the text True', () => {
    const uses = ['{{ x | default(True) }}', '{% if x %}T{% else %}F{% endif %}', '{{ x }}', '{{ x | bool }}', 'a{{ x }}'];
    const seen = (x: unknown) =>
      runJson(
        '/usr/bin/python3',
        ['test/tools/jinja-diff-ansible.py'],
        uses.map((template) => ({ template, vars: { x } })),
      ).map((r) => r.out ?? r.error);
    const asTrue = seen(true);
    const asFalse = seen(false);
    expect(asTrue).toEqual(['True', 'T', 'True', 'True', 'aTrue']);
    expect(asFalse).toEqual(['False', 'F', 'False', 'False', 'aFalse']);
    for (const x of ['yes', 'False', 'true', 1, 0, null, '', 'no', 'True\n']) {
      const got = seen(x);
      expect(
        [asTrue, asFalse].some((b) => JSON.stringify(b) === JSON.stringify(got)),
        JSON.stringify([x, got]),
      ).toBe(false);
    }
    expect(seen('False')).toEqual(['False', 'T', 'False', 'False', 'aFalse']);
    expect(seen('True')).toEqual(asTrue);
  });
});

describe('a conversion inferring boolean contracts from use', () => {
  const files = {
    'site.yml': '- hosts: all\n  roles: [web]\n',
    'roles/web/defaults/main.yml': [
      'web_quorum: "{{ quorum | default(True) }}"',
      'web_enabled: false',
      'web_notify: "{{ notify_on | default(web_enabled) }}"',
      "web_state: \"{{ web_quorum | ternary('absent', 'present') }}\"",
      'web_ca: "{{ backend_ca | default(False) }}"',
      'web_other: "{{ word | default(True) }}"',
      // A fallback typed by a contract inferred from another use (a chain of defaults, as os_cinder's rabbit settings).
      'web_fanout: "{{ fanout | default(web_quorum) }}"',
      'web_prefetch: "{{ prefetch | default(web_fanout | ternary(10, 0)) }}"',
    ].join('\n'),
    'roles/web/tasks/main.yml': [
      '- name: conf',
      '  template:',
      '    src: web.conf.j2',
      '    dest: /etc/web.conf',
      '  when: insecure | bool',
      '- name: more',
      '  debug:',
      '    msg: hi',
      '  when: not tested_only',
      '- name: setup',
      '  include_role:',
      '    name: other.collection.setup',
      '  vars:',
      '    _users:',
      '      - password: "{{ svc_password }}"',
      '        flagged: "{{ ext_flag | bool }}"',
    ].join('\n'),
    'roles/web/templates/web.conf.j2': [
      'quorum = {{ web_quorum }}',
      'token = {{ token_required | bool }}',
      "driver = {{ (notify | bool) | ternary('messagingv2', 'noop') }}",
      '{% if backend_ca %}ca = {{ backend_ca }}{% endif %}',
      'word = {{ word | lower }}',
      'password = {{ svc_password }}',
      'state = {{ web_state }} {{ web_notify }} {{ web_ca }} {{ web_other }} {{ tested_only }}',
      'fanout = {{ web_fanout }}',
      'prefetch = {{ web_prefetch }}',
    ].join('\n'),
  };

  it('gives the contract where a use says the value is a boolean and every use reads one as Python does', async () => {
    const r = await convertProject(files);
    const md = outputText(r, 'CONVERSION.md');
    const row = (n: string) => md.split('\n').find((l) => l.startsWith(`| \`${n}\` |`)) ?? '';
    for (const n of ['quorum', 'notify_on', 'insecure', 'token_required', 'notify', 'backend_ca', 'fanout'])
      expect(row(n), n).toMatch(/^\| `\w+` \| a boolean \(`bool`\), inferred from use: /);
    expect(row('quorum')).toContain('default at roles/web/defaults/main.yml:1');
    expect(row('insecure')).toContain('filtered at roles/web/tasks/main.yml:5');
    expect(row('backend_ca')).toContain('truth-tested at roles/web/templates/web.conf.j2:4');
    expect(row('fanout')).toContain('default at roles/web/defaults/main.yml:7');
    // Its fallback is an int whatever web_fanout is: text or integer.
    expect(row('prefetch')).toMatch(
      /^\| `prefetch` \| text or integer \(`str\\\|int`\), inferred from use: default at roles\/web\/defaults\/main\.yml:8/,
    );
    // `| lower`: text, unknown. A truth test and printing alone: text or integer (a truth test is
    // neutral for it, truth-test-contracts-differential.test.ts), never a boolean.
    expect(row('word')).toContain('not declared: unknown');
    expect(row('tested_only')).toMatch(/^\| `tested_only` \| text or integer \(`str\\\|int`\), inferred from use: truth-tested at /);
    // Its only other use is an include of a role the input does not hold (a TODO reading nothing): printed, so text or integer.
    expect(row('svc_password')).toMatch(/^\| `svc_password` \| text or integer/);
    expect(row('ext_flag')).toBe('');
    const erb = outputText(r, 'web/templates/web.conf.erb');
    expect(erb).toContain("quorum = <%= node['web']['quorum'] ? 'True' : 'False' %>");
    expect(erb).toContain("token = <%= node.read!('ansible', 'token_required') ? 'True' : 'False' %>");
    expect(erb).toContain("driver = <%= node.read!('ansible', 'notify') ? 'messagingv2' : 'noop' %>");
    expect(erb).toContain("password = <%= node.read!('ansible', 'svc_password') %>");
    expect(erb).toContain("fanout = <%= node['web']['fanout'] ? 'True' : 'False' %>");
    expect(erb).toContain("prefetch = <%= node['web']['prefetch'] %>");
    expect(outputText(r, 'web/attributes/default.rb')).toContain(
      "default['web']['quorum'] = node.exist?('ansible', 'quorum') ? node['ansible']['quorum'] : true",
    );
    // The cookbook always sets web_quorum: read as it is, with nothing to rescue.
    expect(outputText(r, 'web/attributes/default.rb')).toContain(
      "default['web']['fanout'] = node.exist?('ansible', 'fanout') ? node['ansible']['fanout'] : node['web']['quorum']",
    );
    const recipe = outputText(r, 'web/recipes/default.rb');
    expect(recipe).toContain("\nA2C::Inputs.check!(node, 'ansible', WebCookbook::INPUT_CONTRACTS)\n");
    const library = outputText(r, 'web/libraries/input_contracts.rb');
    expect(library).toContain("    'quorum' => { type: :bool, from: 'inferred from its use at roles/web/defaults/main.yml:1' },");
    expect(library).not.toMatch(/'word' =>/);
    expect(library).toMatch(
      /'tested_only' => \{\s+type: :str_or_int,\s+from: 'inferred from its use at roles\/web\/templates\/web.conf.j2:7',/,
    );
  });

  it.skipIf(!hasTool('ruby'))('fails the converted run on any value but true or false, naming the variable', async () => {
    const check = checkOf(await convertProject(files), 'web');
    const run = (values: Record<string, unknown>) => check({ ansible: values });
    expect(run({})).toBe('ok');
    expect(run({ quorum: true, insecure: false, token_required: true, notify: false, backend_ca: false })).toBe('ok');
    for (const v of ['yes', 'True', 'False', 1, 0, null, 'ends\n', ''])
      expect(run({ quorum: v }), JSON.stringify(v)).toMatch(
        /^'quorum' \(node\['ansible'\]\['quorum'\]\) is .*, not bool \(inferred from its use at roles\/web\/defaults\/main\.yml:1\): set a value of that type/,
      );
  });
});
