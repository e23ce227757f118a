// Jinja keeps an undefined value in a `{% set %}` local without failing; only a use of it that is not
// `default`/`is defined` fails. A set of an item's field the item may lack must not fail in Chef where
// Ansible renders: the local holds an A2C::Jinja::Undefined there. The same for a key read on the
// default of a missing field: `(u.opts | default({})).g | default('x')` is 'x' in Ansible.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';

const T_J2 = [
  '{% for u in users %}',
  '{% set p = u.shell %}',
  "{{ u.name }} {{ p | default('none') }} {{ (u.opts | default({})).g | default('x') }} {{ p is defined }}",
  '{% endfor %}',
  '',
].join('\n');

/** A plain print of the local: Ansible fails on the undefined value there, and so must the ERB. */
const PRINTED_J2 = '{% for u in users %}{% set p = u.shell %}{{ u.name }}={{ p }}\n{% endfor %}\n';

const files = (template: string) => ({
  'site.yml': '- hosts: all\n  roles: [demo]\n',
  'roles/demo/defaults/main.yml': 'users:\n  - name: a\n    shell: /bin/sh\n    opts: {g: 1}\n  - name: b\n',
  'roles/demo/tasks/main.yml': '- template: src=t.j2 dest=/tmp/t\n',
  'roles/demo/templates/t.j2': template,
});

describe('a set of a field an item may lack', () => {
  it('reads it as the undefined value Jinja stores, and the key under a default of it as a chain', async () => {
    const erb = outputText(await convertProject(files(T_J2)), 'demo/templates/t.erb');
    expect(erb).toContain("<% p = A2C::Jinja.try { A2C::Jinja.attr(u, 'shell') } %>");
    expect(erb).toContain(
      "A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(u, 'opts') }, {}), 'g') }, 'x')",
    );
    // A local no use asks about stays a plain read.
    const printed = outputText(await convertProject(files(PRINTED_J2)), 'demo/templates/t.erb');
    expect(printed).toContain("<% p = u.fetch('shell') %>");
  });
});

const USERS: unknown[][] = [
  [{ name: 'a', shell: '/bin/sh', opts: { g: 1 } }, { name: 'b' }],
  [
    { name: 'c', opts: {} },
    { name: 'd', shell: '', opts: { g: 'h' } },
  ],
  [],
];

describe.skipIf(!haveAnsibleAndErubis())('a set of a missing field vs real Ansible', () => {
  it('renders byte-identical where the field is missing, and fails where Ansible fails', async () => {
    const cases = [];
    for (const template of [T_J2, PRINTED_J2]) {
      const erb = outputText(await convertProject(files(template)), 'demo/templates/t.erb');
      for (const users of USERS) cases.push({ template, vars: { users }, erb, node: { demo: { users } }, assigns: {} });
    }
    const { want, diffs } = renderBoth(cases);
    expect(diffs).toEqual([]);
    // The cases say what they are meant to.
    expect(want[0]!.out).toBe('a /bin/sh 1 True\nb none x False\n');
    expect(want[1]!.out).toBe('c none x False\nd  h True\n');
    expect(want[3]!.error).toBeDefined();
    expect(want[5]!.out).toBe('\n');
  });
});
