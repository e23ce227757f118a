// Secrets never reach a report, a diagnostic or a TODO comment: canaries planted as !vault values
// (real ciphertext from ansible-vault) and as no_log task values.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, outputText } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { formatDiagnostic } from '../../../src/base/diagnostics.js';
import { everyText, outputTexts } from './robustness-helpers.js';

const VAULT_PLAIN = 'CANARY_VAULT_pl41n';
const haveVault = requireOrSkip('ansible-vault', hasTool('ansible-vault'));

describe.skipIf(!haveVault)('!vault values', () => {
  it('the plaintext never appears anywhere (the converter has no key and never decrypts)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-vault-'));
    writeFileSync(join(dir, 'pw'), 'k3y\n');
    const r = spawnSync(
      'ansible-vault',
      ['encrypt_string', '--vault-password-file', join(dir, 'pw'), VAULT_PLAIN, '--name', 'db_password'],
      { encoding: 'utf8' },
    );
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const vaulted = r.stdout;
    expect(vaulted).toContain('!vault |');
    const result = await convertProject({
      'site.yml': '- hosts: all\n  roles: [db]\n',
      'roles/db/defaults/main.yml': vaulted,
      'roles/db/tasks/main.yml': '- template: src=db.conf.j2 dest=/etc/db.conf\n- debug: msg="{{ db_password }}"\n',
      'roles/db/templates/db.conf.j2': 'password={{ db_password }}\n',
      'group_vars/all.yml': vaulted.replace('db_password', 'group_pw'),
      'host_vars/h1.yml': vaulted.replace('db_password', 'host_pw'),
      hosts: '[all]\nh1\n',
    });
    expect(everyText(result)).not.toContain(VAULT_PLAIN);
    expect(result.diagnostics.filter((d) => d.code.startsWith('A2C-INTERNAL'))).toEqual([]);
  });
});

describe('no_log tasks', () => {
  const tasks = [
    '- name: Set the password\n  user:\n    name: bob\n    password: CANARY_1\n  no_log: true\n',
    '- name: Unknown module\n  acme.vault.store:\n    secret: CANARY_2\n    nested: {deep: [CANARY_3]}\n  no_log: yes\n',
    '- name: Two modules\n  copy: content=CANARY_4 dest=/x\n  service: name=x\n  no_log: true\n',
    '- name: Templated flag\n  acme.x.y: token=CANARY_5\n  no_log: "{{ hide }}"\n',
    '- name: In a block\n  block:\n    - acme.x.y: token=CANARY_6\n  rescue:\n    - acme.x.z: token=CANARY_7\n  no_log: true\n',
    '- name: Delegated\n  command: setpw CANARY_8\n  delegate_to: db1\n  run_once: true\n  no_log: true\n',
  ].join('');
  const canaries = ['CANARY_1', 'CANARY_2', 'CANARY_3', 'CANARY_4', 'CANARY_5', 'CANARY_6', 'CANARY_7', 'CANARY_8'];

  it('values stay out of diagnostics, READMEs, CONVERSION.md and TODO comments', async () => {
    const result = await convertRole({ 'tasks/main.yml': tasks });
    const reports = [
      ...result.diagnostics.map(formatDiagnostic),
      outputText(result, 'CONVERSION.md'),
      outputText(result, 'demo/README.md'),
    ].join('\n');
    const comments = [...outputTexts(result).values()]
      .flatMap((t) => t.split('\n'))
      .filter((l) => l.trimStart().startsWith('#'))
      .join('\n');
    for (const c of canaries) {
      expect(reports, c).not.toContain(c);
      expect(comments, c).not.toContain(c);
    }
    // The TODO block still shows the task's shape and name for the reviewer.
    expect(comments).toContain('#     acme.vault.store:\n#       secret: <redacted: no_log>');
    expect(comments).toContain('#   - name: Unknown module');
  });

  it('a value the recipe needs is kept, in a resource marked sensitive', async () => {
    const result = await convertRole({ 'tasks/main.yml': tasks });
    const recipe = outputText(result, 'demo/recipes/default.rb');
    expect(recipe).toContain("user 'bob' do\n  password 'CANARY_1'\n  sensitive true");
  });

  it('a play with no_log redacts its tasks', async () => {
    const result = await convertProject({ 'site.yml': '- hosts: all\n  no_log: true\n  tasks:\n    - acme.x.y: token=CANARY_9\n' });
    const comments = [...outputTexts(result).values()].flatMap((t) => t.split('\n')).filter((l) => l.trimStart().startsWith('#'));
    expect(comments.filter((l) => l.includes('CANARY_9'))).toEqual([]);
    expect(comments).toContain('#   - acme.x.y: <redacted: no_log>');
    expect(result.diagnostics.map(formatDiagnostic).join('\n')).not.toContain('CANARY_9');
  });
});
