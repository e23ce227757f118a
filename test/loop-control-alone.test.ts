// loop_control on a task without a loop: ansible-core 2.14 runs the task once and ignores it, so the
// conversion is the task alone (it used to be a TODO).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from './helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from './helpers/real-tools.js';

const TASK = '- name: Mark\n  command: /bin/sh -c "echo mark >> {{ out }}"\n  loop_control:\n    label: "{{ out }}"\n    index_var: i\n';

describe.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))('loop_control without a loop in Ansible', () => {
  it('runs the task once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-lc-'));
    try {
      const out = join(dir, 'out.txt');
      const play = `- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars:\n    out: ${out}\n  tasks:\n${TASK.split('\n').filter(Boolean).map((l) => `    ${l}`).join('\n')}\n`;
      writeFileSync(join(dir, 'site.yml'), play);
      const run = spawnSync('ansible-playbook', ['-i', 'localhost,', 'site.yml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe('mark\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
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
