// loop_control on a task without a loop: ansible-core 2.14 runs the task once and ignores it, so the
// conversion is the task alone (it used to be a TODO).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';

const TASK = '- name: Mark\n  command: /bin/sh -c "echo mark >> {{ out }}"\n  loop_control:\n    label: "{{ out }}"\n    index_var: i\n';

describe.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))('loop_control without a loop in Ansible', () => {
  it('runs the task once', () => {
    withLocalPlay(
      (dir) => ({
        'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars:\n    out: ${join(dir, 'out.txt')}\n  tasks:\n${TASK.split(
          '\n',
        )
          .filter(Boolean)
          .map((l) => `    ${l}`)
          .join('\n')}\n`,
      }),
      (run) => {
        expect(run.status, run.log).toBe(0);
        expect(readFileSync(join(run.dir, 'out.txt'), 'utf8')).toBe('mark\n');
      },
    );
  });
});

describe('loop_control without a loop', () => {
  it('converts as the task alone', async () => {
    const r = await convertRole({ 'tasks/main.yml': TASK, 'defaults/main.yml': 'out: /tmp/out.txt\n' });
    const body = recipeBody(r, 'demo');
    expect(body.match(/execute /g)?.length).toBe(1);
    expect(body).not.toContain('.each');
    expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO'))).toEqual([]);
  });
});
