// Which vars files a plain `include_vars` without a translation may load (its variables then stay
// TODOs where read, as the TODO task may set them on a host): a templated name is one file name, never
// split on , or ; as first_found candidates are, so only files its literal text around the `{{ }}` fits
// (mongodb-install's conditional `redhat_mongo_v{{ v }}.yml` cannot load debian.yml, which the converted
// `{{ ansible_os_family | lower }}.yml` does). Checked with ansible-playbook: a value holding a comma
// names a missing file, not two.
import { describe, expect, it } from 'vitest';
import { convertRole, formatDiagnostic } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ready = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

const ROLE = {
  'defaults/main.yml': 'db_hold: true\ndb_major: "7"\n',
  'vars/debian.yml': 'db_deps: [libcurl4, openssl]\n',
  'vars/redhat.yml': 'db_deps: [openssl]\n',
  'vars/redhat_mongo_v7.yml': 'db_hold_list: [mongodb-org]\n',
  'tasks/main.yml':
    [
      '- include_vars: "{{ ansible_os_family | lower }}.yml"',
      '- name: deps',
      '  package:',
      '    name: "{{ db_deps }}"',
      '- include_vars: "redhat_mongo_v{{ db_major }}.yml"',
      '  when: db_hold',
      '- name: hold',
      '  debug:',
      '    msg: "{{ db_hold_list }}"',
    ].join('\n') + '\n',
};

describe('a TODO include_vars with a templated name', () => {
  it('may load only the vars files its literal text fits', async () => {
    const diags = (await convertRole(ROLE)).diagnostics.map(formatDiagnostic).join('\n');
    // db_deps comes from debian.yml/redhat.yml, which the TODO include_vars cannot load.
    expect(diags).not.toMatch(/tasks\/main\.yml:4:\d+: .*db_deps/);
    // db_hold_list is set only by the vars file that TODO may load: its read stays a TODO.
    expect(diags).toMatch(/tasks\/main\.yml:9:\d+: warning A2C-TODO-UNSET-READ .*db_hold_list .*vars\/redhat_mongo_v7\.yml/);
  });

  it.skipIf(!ready)('is one file name to Ansible, not split on a comma', () => {
    withLocalPlay(
      () => ({
        'site.yml': '- hosts: all\n  connection: local\n  gather_facts: false\n  roles: [r]\n',
        'roles/r/vars/debian.yml': 'x: 1\n',
        'roles/r/tasks/main.yml': '- include_vars: "v{{ n }}.yml"\n  vars:\n    n: "7.yml,debian"\n',
      }),
      (run) => {
        expect(run.status).not.toBe(0);
        expect(run.log).toMatch(/Could not find or access 'v7\.yml,debian\.yml'/);
      },
    );
  });
});
