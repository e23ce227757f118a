// lookup('password', path): the secret becomes a chef-vault item named in CONVERSION.md, never a
// plain attribute; the same path is the same item; forms whose value a stored secret cannot give
// (encrypt=, seed=, /dev/null, a computed path) stay TODOs.
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';

describe("lookup('password')", () => {
  it('reads a chef-vault item listed in CONVERSION.md', async () => {
    const r = await convertRole({
      'defaults/main.yml': [
        "db_pass: \"{{ lookup('password', 'credentials/db chars=ascii_letters,digits length=24') }}\"",
        "db_again: \"{{ lookup('ansible.builtin.password', 'credentials/db') }}\"",
        "other: \"{{ query('password', '/srv/other') | first }}\"",
      ].join('\n'),
      'tasks/main.yml': '- name: conf\n  copy:\n    dest: /etc/app.conf\n    content: "pw={{ db_pass }}"\n',
    });
    expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO')).map((d) => d.message)).toEqual([]);
    const attrs = outputText(r, 'demo/attributes/default.rb');
    expect(attrs).toContain("A2C::Vault.value('ansible2chef_vault', 'password--credentials-db')");
    expect(attrs.match(/password--credentials-db'/g)).toHaveLength(2);
    expect(attrs).toContain("A2C::Vault.value('ansible2chef_vault', 'password--srv-other')");
    const report = outputText(r, 'CONVERSION.md');
    expect(report).toContain("| `lookup('password', 'credentials/db')` | `ansible2chef_vault/password--credentials-db` |");
    expect(report).toContain("| `lookup('password', '/srv/other')` | `ansible2chef_vault/password--srv-other` |");
  });

  it.each([
    "lookup('password', '/dev/null length=8')",
    "lookup('password', 'creds/x encrypt=sha512_crypt')",
    "lookup('password', 'creds/x seed=' ~ inventory_hostname)",
    "lookup('password', 'creds/' ~ inventory_hostname)",
    "lookup('password', 'a', 'b')",
  ])('%s stays a TODO', async (expr) => {
    const r = await convertRole({ 'defaults/main.yml': `p: "{{ ${expr} }}"\n`, 'tasks/main.yml': '- name: x\n  debug: msg="{{ p }}"\n' });
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain(
      "lookup('password') creates or reads a password file on the Ansible controller",
    );
    expect(outputText(r, 'demo/attributes/default.rb')).not.toContain('A2C::Vault');
  });
});
