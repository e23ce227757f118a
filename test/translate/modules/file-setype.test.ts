// file setype: the converted chcon runs where the module would set the type. On a host without
// SELinux (as here, unless the test machine enables it) the module changes nothing and the guard
// says so; with SELinux enabled the guard compares the type field of the path's context.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');
const ready = requireOrSkip('ansible-playbook+ruby', hasTool('ansible-playbook') && hasTool('ruby'));

describe.skipIf(!ready)('file setype: the guard acts exactly when the real module changes the type (check mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-setype-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on an existing directory whose other attributes are as wanted', () => {
    const target = join(dir, 'data');
    const out = join(dir, 'out.json');
    writeFileSync(
      join(dir, 'play.yml'),
      [
        '- hosts: localhost',
        '  gather_facts: false',
        '  tasks:',
        `    - file: { path: "${target}", state: directory }`,
        '      check_mode: false',
        `    - file: { path: "${target}", state: directory, setype: mysqld_db_t }`,
        '      register: r',
        `    - copy: { dest: "${out}", content: "{{ r.changed | to_json }}" }`,
        '      check_mode: false',
        '',
      ].join('\n'),
    );
    const r = spawnSync('ansible-playbook', ['--check', '-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (r.status !== 0) throw new Error(`ansible-playbook failed: ${r.stdout}${r.stderr}`);
    const changed = JSON.parse(readFileSync(out, 'utf8')) as boolean;
    const rb = spawnSync(
      'ruby',
      ['-I', LIBDIR, '-e', "require 'a2c_modules'; print A2C::Modules.selinux_type_differs?(ARGV[0], 'mysqld_db_t')", target],
      { encoding: 'utf8' },
    );
    expect(rb.stderr).toBe('');
    expect(rb.stdout).toBe(String(changed));
  });
});
