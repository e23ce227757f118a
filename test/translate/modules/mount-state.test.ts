// ansible.posix.mount. state: mounted makes the mount point, writes the fstab line and remounts a
// mounted filesystem whose line changed: a directory, the fstab entry (:enable) notifying :remount
// immediately, then the mount (:mount, remounting with `mount -o remount`). passno is 0 when
// absent (Chef's pass would be 2), checked against the fstab line the real module writes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

async function body(task: string): Promise<string> {
  return recipeBody(await convertRole({ 'tasks/main.yml': task }), 'demo');
}

describe('mount state: mounted', () => {
  it('mount point, fstab entry that remounts when it changes, then the mount', async () => {
    expect(await body('- name: Data\n  mount: path=/data src=/dev/sdb1 fstype=ext4 opts=noatime state=mounted\n')).toBe(
      [
        '# tasks/main.yml:1 Data',
        '# the module makes the mount point when it is missing',
        "directory '/data' do",
        '  recursive true',
        "  not_if { File.exist?('/data') }",
        'end',
        '',
        '# tasks/main.yml:1 Data',
        '# a changed fstab line remounts a mounted filesystem, as the module does',
        "mount '/data (fstab)' do",
        "  mount_point '/data'",
        "  device '/dev/sdb1'",
        "  fstype 'ext4'",
        "  options 'noatime'",
        '  pass 0',
        '  action :enable',
        "  notifies :remount, 'mount[/data]', :immediately",
        'end',
        '',
        '# tasks/main.yml:1 Data',
        "mount '/data' do",
        "  device '/dev/sdb1'",
        "  fstype 'ext4'",
        "  options 'noatime'",
        '  pass 0',
        '  supports({ remount: true })',
        'end',
      ].join('\n'),
    );
  });

  it("the task's notify goes on the mount (changed when mounted or remounted), a when on all three", async () => {
    const r = await convertRole({
      'tasks/main.yml': '- mount: path=/data src=/dev/sdb1 fstype=ext4 state=mounted\n  when: use_data | bool\n  notify: done\n',
      'handlers/main.yml': '- name: done\n  command: /bin/true\n',
      'defaults/main.yml': 'use_data: true\n',
    });
    const b = recipeBody(r, 'demo');
    expect(b.match(/only_if/g)).toHaveLength(3);
    expect(b.match(/notifies :run, 'execute\[done\]', :delayed/g)).toHaveLength(1);
    expect(b).toMatch(/mount '\/data' do\n(?: {2}.*\n)*? {2}notifies :run, 'execute\[done\]', :delayed/);
  });

  it('as a handler, the fstab entry still notifies the renamed mount', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- command: /bin/true\n  notify: mount data\n',
      'handlers/main.yml': '- name: mount data\n  mount: path=/data src=/dev/sdb1 fstype=ext4 state=mounted\n',
    });
    const h = outputText(r, 'demo/recipes/handlers.rb');
    expect(h).toContain("  notifies :remount, 'mount[mount data (3)]', :immediately");
    expect(h).toContain("mount 'mount data (3)' do\n  mount_point '/data'");
  });

  it('needs src and fstype, and a static state', async () => {
    for (const task of [
      '- mount: path=/data src=/dev/sdb1 state=mounted\n',
      '- mount: path=/data src=/dev/sdb1 fstype=ext4 state={{ s }}\n',
      '- mount: path=/data src=/dev/sdb1 fstype=ext4\n',
    ]) {
      const r = await convertRole({ 'tasks/main.yml': task, 'defaults/main.yml': 's: mounted\n' });
      expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    }
  });
});

describe('mount dump and passno', () => {
  it('passno absent: pass 0 where the fstab line is written, not repeated elsewhere', async () => {
    expect(await body('- mount: path=/p src=/dev/p fstype=ext4 state=present\n')).toContain('  pass 0\n  action :enable');
    expect(await body('- mount: path=/p state=absent\n')).not.toContain('pass');
  });

  it('strings (free-form, quoted) and templated values become Integers, as Chef requires', async () => {
    const b = await body('- mount:\n    path: /p\n    src: /dev/p\n    fstype: ext4\n    passno: "2"\n    dump: 1\n    state: present\n');
    expect(b).toContain('  pass 2\n  dump 1\n');
    expect(await body('- mount: path=/p src=/dev/p fstype=ext4 passno=1 state=present\n')).toContain('  pass 1\n');
    const r = await convertRole({
      'tasks/main.yml': '- mount: path=/p src=/dev/p fstype=ext4 passno={{ p }} state=present\n',
      'defaults/main.yml': 'p: 2\n',
    });
    expect(recipeBody(r, 'demo')).toMatch(/ {2}pass Integer\(.*\.to_s, 10\)\n/);
  });

  it('remounted uses mount -o remount (supports remount), like the module', async () => {
    expect(await body('- mount: path=/p state=remounted\n')).toContain('  supports({ remount: true })\n  action :remount');
  });
});

const haveAnsible = requireOrSkip('ansible with ansible.posix', hasTool('ansible') && hasPythonModule('ansible_collections.ansible.posix'));
describe.skipIf(!haveAnsible)('the fstab line the real module writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-fstab-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The line Chef's mount provider appends for :enable (provider/mount/mount.rb enable_fs), from the converted properties. */
  function chefLine(recipe: string): string {
    const prop = (name: string, dflt: string) => new RegExp(`^ {2}${name} '?([^'\\n]+)'?$`, 'm').exec(recipe)?.[1] ?? dflt;
    const path = /^mount '([^']+)' do$/m.exec(recipe)![1]!;
    return [prop('device', ''), path, prop('fstype', 'auto'), prop('options', 'defaults'), prop('dump', '0'), prop('pass', '2')].join(' ');
  }

  it.each([
    'path=/data src=/dev/sdb1 fstype=ext4',
    'path=/data src=/dev/sdb1 fstype=xfs opts=noatime,nodev passno=2',
    'path=/srv src=server:/export fstype=nfs dump=1',
  ])('%s', async (args) => {
    const fstab = join(dir, 'fstab');
    writeFileSync(fstab, '');
    const a = spawnSync(
      'ansible',
      ['localhost', '-c', 'local', '-m', 'ansible.posix.mount', '-a', `${args} state=present fstab=${fstab}`],
      {
        encoding: 'utf8',
        env: ansibleEnv(),
      },
    );
    if (a.status !== 0) throw new Error(`ansible failed: ${a.stdout}${a.stderr}`);
    expect(chefLine(await body(`- mount: ${args} state=present\n`))).toBe(readFileSync(fstab, 'utf8').trim());
  });
});
