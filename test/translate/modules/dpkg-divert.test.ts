// community.general.dpkg_divert -> an execute of dpkg-divert guarded by the diversion's state as
// the module reads it. The guard's verdict (act or not) is checked against the real module run in
// check mode on this machine's diversions (read only); rpm_key stays a TODO that says why.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');

describe('dpkg_divert', () => {
  it('present: add unless there as wanted (LOCAL, <path>.distrib by default)', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- dpkg_divert: path=/usr/bin/x\n- community.general.dpkg_divert: { path: /etc/y, holder: pkg, divert: /etc/y.real, rename: yes }\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    const b = recipeBody(r, 'demo');
    expect(b).toContain(
      [
        "execute 'dpkg-divert add /usr/bin/x' do",
        "  command ['dpkg-divert', '--no-rename', '--local', '--add', '/usr/bin/x']",
        "  not_if { A2C::Modules.diversion('/usr/bin/x') == { 'holder' => 'LOCAL', 'divert' => '/usr/bin/x.distrib' } }",
      ].join('\n'),
    );
    expect(b).toContain(
      "  command ['dpkg-divert', '--rename', A2C::Modules.divert_holder_args('pkg'), '--divert', '/etc/y.real', '--add', '/etc/y'].flatten\n",
    );
    expect(b).toContain("  not_if { A2C::Modules.diversion('/etc/y') == { 'holder' => 'pkg', 'divert' => '/etc/y.real' } }");
  });

  it('absent: remove only when there; force and templated state are TODOs', async () => {
    const r = await convertRole({ 'tasks/main.yml': '- dpkg_divert: path=/usr/bin/x state=absent\n' });
    expect(recipeBody(r, 'demo')).toContain(
      "  command ['dpkg-divert', '--no-rename', '--remove', '/usr/bin/x']\n  only_if { A2C::Modules.diversion('/usr/bin/x') }\n",
    );
    for (const args of ['force=yes rename=yes', 'state={{ s }}']) {
      const t = await convertRole({ 'tasks/main.yml': `- dpkg_divert: path=/x ${args}\n`, 'defaults/main.yml': 's: absent\n' });
      expect(t.tasks.map((x) => x.outcome)).toEqual(['todo']);
    }
  });
});

describe('rpm_key', () => {
  // present converts (test/translate/modules/rpm-key.test.ts); the free-form k=v order reads the same arguments.
  it('k=v in any order is the same task', async () => {
    const a = await convertRole({ 'tasks/main.yml': '- rpm_key: state=present key=https://example.com/RPM-GPG-KEY\n' });
    const b = await convertRole({ 'tasks/main.yml': '- rpm_key: key=https://example.com/RPM-GPG-KEY state=present\n' });
    expect(a.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(recipeBody(a, 'demo')).toContain('rpm --import');
    expect(recipeBody(a, 'demo')).toBe(recipeBody(b, 'demo'));
  });
});

const listed = spawnSync('dpkg-divert', ['--list'], { encoding: 'utf8' });
const existing = /^diversion of (\S+) to (\S+) by (\S+)$/m.exec(listed.stdout ?? '');
const ready = requireOrSkip(
  'ansible-playbook+ruby and a dpkg diversion',
  hasTool('ansible-playbook') && hasTool('ruby') && existing !== null,
);

describe.skipIf(!ready)('the guard acts exactly when the real module changes something (check mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-divert-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on an existing package diversion and on a path without one', () => {
    const [, path, divert, holder] = existing!;
    const cases: Array<{ path: string; state?: string; holder?: string; divert?: string }> = [
      { path: path!, holder: holder!, divert: divert! },
      { path: path!, holder: holder! },
      { path: path!, divert: divert! },
      { path: path!, state: 'absent' },
      { path: '/a2c/none' },
      { path: '/a2c/none', state: 'absent' },
      { path: '/a2c/none', holder: 'LOCAL', divert: '/a2c/x' },
    ];
    const out = join(dir, 'out.json');
    const tasks = cases.map((c, i) => `    - { community.general.dpkg_divert: ${JSON.stringify(c)}, register: r${i} }\n`).join('');
    writeFileSync(
      join(dir, 'play.yml'),
      `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks}    - copy: { dest: "${out}", content: "{{ [${cases.map((_, i) => `r${i}.changed`).join(', ')}] | to_json }}" }\n      check_mode: false\n`,
    );
    const r = spawnSync('ansible-playbook', ['--check', '-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (r.status !== 0) throw new Error(`ansible-playbook failed: ${r.stdout}${r.stderr}`);
    const changed = JSON.parse(readFileSync(out, 'utf8')) as boolean[];
    // The converted guards: present acts unless the diversion equals the wanted one, absent acts when there is one.
    const script = `
      require 'json'; require 'a2c_modules'
      puts(JSON.parse(ARGV[0]).map do |c|
        d = A2C::Modules.diversion(c['path'])
        c['state'] == 'absent' ? !d.nil? : d != { 'holder' => c['holder'] || 'LOCAL', 'divert' => c['divert'] || "#{c['path']}.distrib" }
      end.to_json)`;
    const rb = spawnSync('ruby', ['-I', LIBDIR, '-e', script, JSON.stringify(cases)], { encoding: 'utf8' });
    expect(rb.stderr).toBe('');
    expect(JSON.parse(rb.stdout)).toEqual(changed);
    expect(changed).toEqual([false, true, true, true, true, false, true]);
  });
});
