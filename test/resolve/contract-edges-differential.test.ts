// Three edges of the contracts inferred from use (issue 14), each against real Ansible:
// - a key missing at depth 1 or 2 under default(): `u.f | default(x)` of a contracted field is
//   fetch's fallback, `u.g.h | default(x)` (g read as a dict, so no contract) and `d.f.g` of a dict the
//   input sets only to {} go through the helpers' try: both give x where Jinja does, never a KeyError;
// - a `{% set %}` local never read: its default() reads nothing, so it gives the field no contract
//   (an item whose field is a list or a boolean renders as Ansible renders it, and passes the check);
// - a list whose fields only a task the converter leaves as a TODO reads, and whose value no printed
//   code reads (only `node.exist?` for `is defined`): no contract is emitted, so the run does not fail
//   on boolean items that Ansible prints; a field of a list read plainly elsewhere that only such a
//   task reads is left out of the check.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { itemCheckOf } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';
import { withLocalPlay } from '../helpers/local-play.js';

const USER_J2 = [
  "a {{ u.f | default('d1') }}",
  "b {{ u.g.h | default('d2') }}",
  "{% set unused = u.k | default('d3') %}",
  "{% set used = u.m | default('d4') %}",
  'c {{ u.name }} {{ used }}',
  '',
].join('\n');
const OPTS_J2 = "o {{ app_opts.p | default('q') }} {{ app_opts.f.g | default('x') }}\n{{ app_opts.name }}\n";

const SPECS_TASKS = [
  "- name: controller task reads the items' fields",
  '  debug:',
  '    msg: "{{ item.name }}:{% for t in item.types %} {{ t }}{% endfor %}"',
  '  loop: "{{ specs_list }}"',
  '  delegate_to: localhost',
  // With its facts delegated: a push-model TODO (a plain debug on the controller converts).
  '  delegate_facts: true',
  '  when: specs_list is defined',
  '- name: guard only',
  '  debug:',
  '    msg: specs are set',
  '  when: specs_list is defined',
  '',
].join('\n');

const FILES = {
  'site.yml': '- hosts: all\n  roles: [app, specs]\n',
  'roles/app/defaults/main.yml': 'app_users: []\napp_opts: {}\n',
  'roles/app/tasks/main.yml': [
    '- template:',
    '    src: user.j2',
    '    dest: "/etc/app/{{ u.name }}"',
    '  loop: "{{ app_users }}"',
    '  loop_control:',
    '    loop_var: u',
    '- template:',
    '    src: opts.j2',
    '    dest: /etc/app/opts',
    // A field only a task left as a TODO reads: no printed read relies on its contract.
    '- debug:',
    '    msg: "extra {{ u.extra }}"',
    '  loop: "{{ app_users }}"',
    '  loop_control:',
    '    loop_var: u',
    '  delegate_to: localhost',
    // With its facts delegated: a push-model TODO (a plain debug on the controller converts).
    '  delegate_facts: true',
  ].join('\n'),
  'roles/app/templates/user.j2': USER_J2,
  'roles/app/templates/opts.j2': OPTS_J2,
  'roles/specs/tasks/main.yml': SPECS_TASKS,
};

describe('contract edges', () => {
  it('reads a missing key under default() through fetch or try, counts a set local only where read, and checks only values read', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'app/templates/user.erb');
    expect(erb).toContain("a <%= u.fetch('f', 'd1') %>");
    expect(erb).toContain("A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(A2C::Jinja.attr(u, 'g'), 'h') }, 'd2')");
    expect(outputText(r, 'app/templates/opts.erb')).toContain(
      "A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(A2C::Jinja.attr(node['app']['opts'], 'f'), 'g') }, 'x')",
    );
    const lib = outputText(r, 'app/libraries/input_contracts.rb');
    for (const f of ['f', 'm', 'name']) expect(lib).toMatch(new RegExp(`'${f}' => \\{ type: :str_or_int,`));
    // The unused local's field: no contract, its set keeps the helpers.
    expect(lib).not.toMatch(/'k' =>/);
    // The field only the TODO task reads: its use gives it a contract, which no printed read relies on.
    expect(outputText(r, 'CONVERSION.md')).toContain('| `app_users` | `extra` | text or integer');
    expect(lib).not.toMatch(/'extra' =>/);
    expect(erb).toContain("<% unused = A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(u, 'k') }, 'd3') %>");
    // specs_list is read only by `is defined` (node.exist?): no table, no check in its recipes.
    expect(r.files.has('specs/libraries/input_contracts.rb')).toBe(false);
    const specs = outputText(r, 'specs/recipes/default.rb');
    expect(specs).toContain("only_if { node.exist?('ansible', 'specs_list') }");
    expect(specs).not.toContain('check_items!');
    expect(specs).toContain('A2C-TODO-PUSH-MODEL');
  });
});

const haveTools = haveAnsibleAndErubis();

// Keys missing at depth 1 (f, g, m) and 2 (g.h); the unused local's field of other types (k).
const USERS: Array<Record<string, unknown>> = [
  { name: 'n' },
  { name: 'n', f: 'x', g: { h: 1 }, m: 7 },
  { name: 'n', g: {} },
  { name: 'n', g: { h: 'y\n' }, f: 0 },
  { name: 'n', k: [1, 2] },
  { name: 'n', k: true, m: '' },
];
const OPTS: Array<Record<string, unknown>> = [{ name: 'a' }, { name: 'a', f: {} }, { name: 'a', f: { g: 2 }, p: 'p' }];

describe.skipIf(!haveTools)('contract edges vs real Ansible', () => {
  it('renders missing keys at depth 1 and 2 and an unused local as Ansible does, and the checks pass', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'app/templates/user.erb');
    const opts = outputText(r, 'app/templates/opts.erb');
    const { want, diffs } = renderBoth([
      ...USERS.map((u) => ({ template: USER_J2, vars: { u }, erb, node: { app: { users: [u], opts: {} } }, assigns: { u } })),
      ...OPTS.map((o) => ({ template: OPTS_J2, vars: { app_opts: o }, erb: opts, node: { app: { users: [], opts: o } }, assigns: {} })),
    ]);
    expect(diffs).toEqual([]);
    // The cases say what they are meant to.
    expect(want[0]!.out).toBe('a d1\nb d2\nc n d4\n');
    expect(want[2]!.out).toContain('b d2\n');
    expect(want[4]!.out).toContain('c n d4\n');
    expect(want[USERS.length + 1]!.out).toBe('o q x\na\n');
    const check = itemCheckOf(r, 'app');
    for (const u of USERS) expect(check({ app: { users: [u], opts: {} } }), JSON.stringify(u)).toBe('ok');
  });

  it('runs a list of boolean fields no printed read relies on, as Ansible does', () => {
    const specs = [{ name: true, types: [true, false] }];
    withLocalPlay(
      () => ({
        'site.yml': `- hosts: all\n  connection: local\n  gather_facts: false\n  vars:\n    specs_list: ${JSON.stringify(specs)}\n  roles: [specs]\n`,
        'roles/specs/tasks/main.yml': SPECS_TASKS,
      }),
      (run) => {
        expect(run.status, run.log).toBe(0);
        expect(run.log).toContain('"msg": "True: True False"');
      },
    );
  });
});
