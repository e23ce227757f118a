// `d.get('k', dflt)` / `d.get('k')` of a value the types know to be a dict is Ruby's own
// `d.fetch('k', dflt)` (expr.ts dictGet); a key every value has is `d['k']`. Compared with real
// Ansible where the key is there, missing, None, and with values of every kind under it.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';

const T_J2 = [
  '{% for u in r_users %}',
  "{{ u.get('name') }} {{ u.get('shell', '/bin/sh') }} {{ u.get('home') }}|{{ u.get('groups', []) | length }}",
  '{% endfor %}',
  "{{ r_opts.get('mode', 'tcp') }} {{ r_opts.get('extra') }}",
  '',
].join('\n');

const FILES = {
  'site.yml': '- hosts: all\n  roles: [r]\n',
  'roles/r/defaults/main.yml': 'r_users:\n  - name: a\n    shell: /bin/bash\n  - name: b\nr_opts:\n  mode: http\n',
  'roles/r/tasks/main.yml': '- template:\n    src: t.j2\n    dest: /etc/t\n',
  'roles/r/templates/t.j2': T_J2,
};

describe('get of a dict', () => {
  it("is Ruby's fetch with the default (nil for None), and a key every value has is read plainly", async () => {
    const erb = outputText(await convertProject(FILES), 'r/templates/t.erb');
    expect(erb).toContain("<%= u['name'] %>");
    expect(erb).toContain("u.fetch('shell', '/bin/sh')");
    expect(erb).toContain("u.fetch('home', nil)");
    expect(erb).toContain("u.fetch('groups', [])");
    expect(erb).toContain("node['r']['opts']['mode']");
    expect(erb).toContain("node['r']['opts'].fetch('extra', nil)");
    expect(erb).not.toContain('call_method');
  });
});

const haveTools = haveAnsibleAndErubis();

describe.skipIf(!haveTools)('get of a dict vs real Ansible', () => {
  it('renders byte-identical for keys there, missing, None, and values of every kind', async () => {
    const erb = outputText(await convertProject(FILES), 'r/templates/t.erb');
    const cases = [
      { r_users: [{ name: 'a', shell: '/bin/bash' }, { name: 'b' }], r_opts: { mode: 'http' } },
      { r_users: [{ name: 'c', shell: null, home: '/h', groups: ['x', 'y'] }], r_opts: { mode: 1, extra: true } },
      { r_users: [{ name: 7, home: ['a', 1], groups: 'abc' }], r_opts: { mode: 'x', extra: { k: 1.5 } } },
      { r_users: [], r_opts: { mode: '', extra: null } },
    ].map((vars) => ({ template: T_J2, vars, erb, node: { r: { users: vars.r_users, opts: vars.r_opts } }, assigns: {} }));
    const { want, diffs } = renderBoth(cases);
    expect(diffs).toEqual([]);
    expect(want[0]!.out).toBe('a /bin/bash |0\nb /bin/sh |0\nhttp \n');
    expect(want[2]!.out).toBe("7 /bin/sh ['a', 1]|3\nx {'k': 1.5}\n");
  });
});
