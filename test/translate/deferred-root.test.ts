// A value of a kind not computed at each use (include_vars, group_vars) that reads a variable known
// only in advance of nothing: the TODO names the chain down to its root, a controller lookup in the
// inventory's group_vars here (a command's output; an `env` lookup alone, as the OSA estate's
// openstack_release, is now an attribute the operator sets: controller-input.test.ts), not "known
// only while tasks run".
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
      'its include_vars value reads app_tag, through tag and release, which has no translation (group_vars/all.yml:1); a value of that kind computed at each use is not converted',
    );
    // A registered result is the root itself.
    expect(diags).toContain(
      'its include_vars value reads out, known only while tasks run; a value of that kind computed at each use is not converted',
    );
  });
});
