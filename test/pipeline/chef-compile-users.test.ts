// A users role (accounts, exact supplementary groups, SSH keys) converted and evaluated by the
// compile-phase check: the support resources a2c_user_groups and a2c_authorized_key are declared
// with the values Chef's compile phase computes (their property types accept what the translator writes).
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole } from '../helpers/convert-helpers.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady();
const inputs = compileInputs();

describe.skipIf(!ready)('a users role compiles in Chef', () => {
  it('declares the user, its exact groups and its keys', async () => {
    const r = await convertRole({
      'defaults/main.yml': [
        'users:',
        '  - name: alice',
        '    groups: [sudo, adm]',
        '    ssh_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAl alice@example"]',
        '  - name: bob',
        '    groups: "docker,adm"',
        '    ssh_keys: []',
      ].join('\n'),
      'tasks/main.yml': [
        '- name: Accounts',
        '  user:',
        '    name: "{{ item.name }}"',
        '    groups: "{{ item.groups }}"',
        '    append: no',
        '  loop: "{{ users }}"',
        '- name: Keys',
        '  authorized_key:',
        '    user: "{{ item.name }}"',
        '    key: "{{ item.ssh_keys | join(\'\\n\') }}"',
        '    exclusive: true',
        '  loop: "{{ users }}"',
      ].join('\n'),
    });
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run).toMatchObject({ ok: true });
    const detail = (id: string) => run.detail?.find((d) => d.id === id)?.properties;
    expect(detail('a2c_user_groups[alice]')).toMatchObject({ groups: ['sudo', 'adm'] });
    expect(detail('a2c_user_groups[bob]')).toMatchObject({ groups: 'docker,adm' });
    expect(detail('a2c_authorized_key[alice]')).toMatchObject({
      key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAl alice@example',
      exclusive: true,
    });
    expect(detail('a2c_authorized_key[bob]')).toMatchObject({ key: '', exclusive: true });
  });
});
