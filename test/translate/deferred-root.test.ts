// An include_vars value reading a variable known only in advance of nothing: the TODO names the chain
// down to its root, a controller lookup in the inventory's group_vars here (a command's output; an
// `env` lookup alone, as the OSA estate's openstack_release, is now an attribute the operator sets:
// controller-input.test.ts), not "known only while tasks run". The one include_vars task loading the
// file converts, so its values are computed at each read (deferred.ts varsFilePlan): one reading a
// registered result reads it where the reader runs, as Ansible templates it there.
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, recipeBody } from '../helpers/convert-helpers.js';

const FILES = {
  'site.yml': '- hosts: web\n  roles: [app]\n',
  'inventory.ini': '[web]\nw1\n',
  'group_vars/all.yml': "release: \"{{ lookup('pipe', 'git describe') | default('none', true) }}\"\ntag: \"{{ release }}\"\n",
  'roles/app/defaults/main.yml': 'app_tag: "{{ tag | default(\'untagged\') }}"\n',
  'roles/app/vars/source.yml': '_app_bin: "/venvs/app-{{ app_tag }}/bin"\nwho: "{{ out.stdout }}"\n',
  'roles/app/tasks/main.yml': [
    '- name: source vars',
    '  include_vars: source.yml',
    '- name: who',
    '  command: whoami',
    '  register: out',
    '- name: run',
    '  command: "{{ _app_bin }}/run"',
    '- name: greet',
    '  command: "echo {{ who }}"',
    '',
  ].join('\n'),
};

describe('the TODO of a deferred include_vars value names its root', () => {
  it('through the variables between, to the one without a translation', async () => {
    const r = await convertProject(FILES);
    const diags = r.diagnostics.map(formatDiagnostic).join('\n');
    expect(recipeBody(r, 'app')).toContain('TODO(ansible2chef)');
    expect(diags).toContain(
      "variable _app_bin (roles/app/vars/source.yml:1, computed at each use): variable app_tag (roles/app/defaults/main.yml:1, computed at each use): variable tag (group_vars/all.yml:2, computed at each use): variable release (group_vars/all.yml:1) has no translation: lookup('pipe') runs a command on the Ansible controller",
    );
    expect(r.tasks.find((t) => t.span.line === 6)).toMatchObject({ outcome: 'todo', code: 'A2C-TODO-CONTROLLER' });
  });

  it('reads a registered result where the reader runs', async () => {
    const r = await convertProject(FILES);
    expect(r.tasks.find((t) => t.span.line === 8)).toMatchObject({ outcome: 'converted' });
    expect(recipeBody(r, 'app')).toContain(
      `command lazy { A2C::Tasks.shlex_split("echo #{A2C::Jinja.out(A2C::Jinja.convert_data(A2C::Tasks.registered(node.run_state, 'out')['stdout']))}") }`,
    );
  });
});
