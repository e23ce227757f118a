// unarchive's deprecated `copy` is the inverse of remote_src (the action plugin sets remote_src to
// not copy, and refuses both together): checked with the real module, then the conversion.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const havePlaybook = requireOrSkip('ansible-playbook and tar', hasTool('ansible-playbook') && hasTool('tar'));

describe('unarchive copy', () => {
  it.skipIf(!havePlaybook)('Ansible: copy: no extracts the archive found on the node; copy with remote_src fails', () => {
    const play = (extra: string) => (dir: string) => {
      mkdirSync(join(dir, 'src'), { recursive: true });
      writeFileSync(join(dir, 'src', 'hello.txt'), 'hi\n');
      spawnSync('tar', ['-czf', join(dir, 'a.tar.gz'), '-C', join(dir, 'src'), 'hello.txt']);
      mkdirSync(join(dir, 'out'));
      return {
        'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n    - unarchive: { src: ${join(dir, 'a.tar.gz')}, dest: ${join(dir, 'out')}, copy: no${extra} }\n`,
      };
    };
    withLocalPlay(play(''), (run) => {
      expect(run.status, run.log).toBe(0);
      expect(existsSync(join(run.dir, 'out', 'hello.txt'))).toBe(true);
    });
    withLocalPlay(play(', remote_src: yes'), (run) => {
      expect(run.status).not.toBe(0);
      expect(run.log).toContain('mutually exclusive');
    });
  });

  it('converts copy: no as remote_src: yes; copy with remote_src, or a templated copy, stays a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- unarchive: { src: /var/cache/a.tar.gz, dest: /opt/a, copy: no }',
        '- unarchive: { src: /var/cache/b.tar.gz, dest: /opt/b, copy: no, remote_src: yes }',
        '- unarchive: { src: /var/cache/c.tar.gz, dest: /opt/c, copy: "{{ ship }}" }',
        '',
      ].join('\n'),
      'defaults/main.yml': 'ship: false\n',
    });
    expect(recipeBody(r, 'demo')).toContain("archive_file '/var/cache/a.tar.gz' do\n  destination '/opt/a'\nend");
    expect(r.diagnostics.map((d) => `${d.span?.line} ${d.code}`)).toEqual(['2 A2C-TODO-PARAM', '3 A2C-TODO-PARAM']);
  });
});
