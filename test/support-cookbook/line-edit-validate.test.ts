// lineinfile, blockinfile and replace `validate` -> the support resources' verify, handed to the
// file resource that writes the new content only when it changed: Chef's file verify runs the
// command on a temporary copy with the new content before it replaces the file, as Ansible does.
// Ansible's side is checked with ansible-playbook; the compile-phase check takes the property.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('validate on line edits', () => {
  it('becomes verify with %{path} for lineinfile, blockinfile and replace; no %s stays a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        "- lineinfile: { path: /etc/sudoers, regexp: '^deploy', line: 'deploy ALL=(ALL) ALL', validate: 'visudo -cf %s' }",
        "- blockinfile: { path: /etc/ssh/sshd_config, block: 'PermitRootLogin no', validate: '/usr/sbin/sshd -t -f %s' }",
        "- replace: { path: /etc/ssh/sshd_config, regexp: '^#?Port .*', replace: 'Port 2222', validate: '/usr/sbin/sshd -t -f %s' }",
        "- lineinfile: { path: /etc/x, line: y, validate: 'check-it' }",
        '',
      ].join('\n'),
    });
    const body = recipeBody(r, 'demo');
    expect(body).toMatch(/a2c_line '\/etc\/sudoers' do[\s\S]*?  verify 'visudo -cf %\{path\}'\n/);
    expect(body).toMatch(/a2c_block '\/etc\/ssh\/sshd_config' do[\s\S]*?  verify '\/usr\/sbin\/sshd -t -f %\{path\}'\n/);
    expect(body).toMatch(/a2c_replace '\/etc\/ssh\/sshd_config' do[\s\S]*?  verify '\/usr\/sbin\/sshd -t -f %\{path\}'\n/);
    expect(r.diagnostics.filter((d) => d.code === 'A2C-TODO-PARAM').map((d) => d.span?.line)).toEqual([4]);
  });

  it('the support library hands verify to the file resource only when the content changed', () => {
    const actions = readFileSync(join(ROOT, 'src/support-cookbook/ruby/libraries/a2c_file_edit_actions.rb'), 'utf8');
    expect(actions).toMatch(/verify edit\.verify if result\.changed/);
  });
});

const haveAnsible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

describe.skipIf(!haveAnsible)('Ansible lineinfile validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-line-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (line: string, validate: string): { status: number | null; out: string } => {
    writeFileSync(
      join(dir, 'play.yml'),
      `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - lineinfile: { path: ${join(dir, 'f')}, line: '${line}', validate: '${validate}' }\n`,
    );
    const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    return { status: r.status, out: r.stdout };
  };

  it('checks the new content on a copy, keeps the file on failure, and does not run without a change', () => {
    writeFileSync(join(dir, 'f'), 'a\n');
    // The copy holds the new line: grep finds it there, not in the file.
    expect(run('b', 'grep -qx b %s').status).toBe(0);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('a\nb\n');
    const failed = run('c', 'false %s');
    expect(failed.status).not.toBe(0);
    expect(failed.out).toContain('failed to validate');
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('a\nb\n');
    // No change: validate is not run (false would fail).
    expect(run('b', 'false %s').status).toBe(0);
  });
});

const ready = compileReady();
const inputs = compileInputs();

describe.skipIf(!ready)('compile-phase check', () => {
  it('declares a2c_line with verify', async () => {
    const r = await convertRole(
      { 'tasks/main.yml': "- lineinfile: { path: /etc/sudoers, line: 'deploy ALL=(ALL) ALL', validate: 'visudo -cf %s' }\n" },
      'sudo',
    );
    const runs = compileCheck(r.files, inputs);
    expect(runs[0]).toMatchObject({ ok: true });
    expect(runs[0]!.detail!.find((d) => d.id === 'a2c_line[/etc/sudoers]')!.properties['verify']).toBe('visudo -cf %{path}');
  });
});
